// Lays out what is published from a build (docs/EMBEDDING.md):
// - build/package/: the JS API as an installable npm package (ES module, .d.ts, the core, the
//   translations), version from wasm/package.json;
// - build/site/embed/v<version>/: the widget's exact release, immutable, beside the moving v1/;
// - integrity.json in both: the Subresource Integrity hash of every file.
// Run after the site and widget builds: node scripts/package.mjs
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const at = (...parts) => join(root, ...parts);
const manifest = JSON.parse(readFileSync(at('wasm/package.json'), 'utf8'));
const version = manifest.version;

const sri = (bytes) => `sha384-${createHash('sha384').update(bytes).digest('base64')}`;
const files = (dir) =>
  readdirSync(dir).flatMap((name) =>
    statSync(join(dir, name)).isDirectory() ? files(join(dir, name)) : [join(dir, name)],
  );

// The package.
const pkg = at('build/package');
rmSync(pkg, { recursive: true, force: true });
mkdirSync(pkg, { recursive: true });
for (const name of [
  'index.mjs',
  'compact.mjs',
  'index.d.ts',
  'evexport.mjs',
  'evexport.wasm',
  'translations',
  'destinations.json',
  'evexport-destinations.mjs',
  'evexport-destinations.wasm',
  'destinations',
])
  cpSync(at('build/wasm', name), join(pkg, name), { recursive: true });
// The package pins what it fetches in a browser: the core and each translation beside it.
const pins = {
  wasm: sri(readFileSync(join(pkg, 'evexport.wasm'))),
  destinations: sri(readFileSync(join(pkg, 'destinations.json'))),
  destinationsWasm: sri(readFileSync(join(pkg, 'evexport-destinations.wasm'))),
  destinationTranslations: Object.fromEntries(
    readdirSync(join(pkg, 'destinations')).map((n) => [
      n.replace(/\.json$/, ''),
      sri(readFileSync(join(pkg, 'destinations', n))),
    ]),
  ),
  translations: Object.fromEntries(
    readdirSync(join(pkg, 'translations')).map((n) => [
      n.replace(/\.json$/, ''),
      sri(readFileSync(join(pkg, 'translations', n))),
    ]),
  ),
};
const api = readFileSync(join(pkg, 'index.mjs'), 'utf8');
if (!api.includes('const PINNED = null;')) throw new Error('index.mjs has no PINNED placeholder');
writeFileSync(join(pkg, 'index.mjs'), api.replace('const PINNED = null;', `const PINNED = ${JSON.stringify(pins)};`));
writeFileSync(join(pkg, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
cpSync(at('wasm/PACKAGE.md'), join(pkg, 'README.md'));

// The widget's versioned copy and its hashes.
const moving = at('build/site/embed/v1');
// The iframe mode's page loads its stylesheet, the widget and its own script pinned by their hashes
// (the widget then pins the core and the translations): frame.html itself is pinned by its
// versioned, immutable address, since a host cannot give an iframe an integrity attribute.
const frame = join(moving, 'frame.html');
const pinnedFrame = readFileSync(frame, 'utf8')
  .replace(
    '<link rel="stylesheet" href="./frame.css">',
    `<link rel="stylesheet" href="./frame.css" integrity="${sri(readFileSync(join(moving, 'frame.css')))}">`,
  )
  .replace(
    '<script type="module" src="./frame.js"></script>',
    `<script type="module" src="./ev-export-check.js" ` +
      `integrity="${sri(readFileSync(join(moving, 'ev-export-check.js')))}"></script>\n` +
      `  <script type="module" src="./frame.js" integrity="${sri(readFileSync(join(moving, 'frame.js')))}"></script>`,
  );
if ((pinnedFrame.match(/integrity=/g) ?? []).length !== 3)
  throw new Error('frame.html: the stylesheet and the two scripts to pin were not all found');
writeFileSync(frame, pinnedFrame);
const exact = at(`build/site/embed/v${version}`);
rmSync(exact, { recursive: true, force: true });
const hashes = Object.fromEntries(
  files(moving)
    .filter((f) => !f.endsWith('integrity.json'))
    .map((f) => [relative(moving, f), sri(readFileSync(f))]),
);
writeFileSync(join(moving, 'integrity.json'), `${JSON.stringify({ version, files: hashes }, null, 2)}\n`);
cpSync(moving, exact, { recursive: true });
console.log(`package ${manifest.name}@${version}: build/package/; widget: embed/v1/ and embed/v${version}/`);
console.log(`ev-export-check.js ${hashes['ev-export-check.js']}`);
