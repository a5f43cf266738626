// What is published: the JS API package installs from its tarball and works under node by itself;
// the widget's release directory matches its integrity.json, file for file.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { root } from './corpus.mjs';

const manifest = JSON.parse(readFileSync(join(root, 'wasm', 'package.json'), 'utf8'));
const sri = (bytes) => `sha384-${createHash('sha384').update(bytes).digest('base64')}`;
const files = (dir) =>
  readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? files(join(dir, n)) : [join(dir, n)]));

test('the package has a semantic version and says what it exports', () => {
  assert.match(manifest.version, /^\d+\.\d+\.\d+$/);
  const built = JSON.parse(readFileSync(join(root, 'build', 'package', 'package.json'), 'utf8'));
  assert.deepEqual(built, manifest);
  for (const file of [
    'index.mjs',
    'compact.mjs',
    'index.d.ts',
    'evexport.mjs',
    'evexport.wasm',
    'README.md',
    'translations/ru.json',
  ])
    assert.ok(statSync(join(root, 'build', 'package', file)).size > 0, file);
});

test('the package installs from its tarball and checks a vehicle in another language, offline', () => {
  const dir = mkdtempSync(join(tmpdir(), 'evexport-package-'));
  try {
    const npm = (...args) =>
      execFileSync('npm', [...args, '--offline', '--no-audit', '--no-fund', '--loglevel=error'], {
        cwd: dir,
        encoding: 'utf8',
      });
    const tarball = npm('pack', join(root, 'build', 'package'), '--pack-destination', dir)
      .trim()
      .split('\n')
      .pop();
    writeFileSync(join(dir, 'package.json'), '{ "private": true, "type": "module" }\n');
    npm('install', join(dir, tarball));
    writeFileSync(
      join(dir, 'use.mjs'),
      `import { createChecker } from 'ev-export-check';
const checker = await createChecker();
const translated = await checker.loadLanguage('es');
const result = checker.evaluate({ as_of: '2026-03-01', lang: 'es', ` +
        `vehicle: { category: 'passenger_car', powertrain: 'bev', condition: 'new' }, exporter: { role: 'trader' } });
console.log(JSON.stringify({ translated, verdict: result.verdict, text: result.reasons[0].text, ` +
        `title: result.reasons[0].source.title_translated }));`,
    );
    const out = JSON.parse(execFileSync('node', ['use.mjs'], { cwd: dir, encoding: 'utf8' }));
    const es = JSON.parse(readFileSync(join(root, 'core', 'rules', 'translations', 'es.json'), 'utf8'));
    assert.deepEqual(out, {
      translated: true,
      verdict: 'not_permitted',
      text: es.texts['rules/cn.licence.bev-2026/text'],
      title: es.texts['sources/D1/title'],
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('embed/v1/ and its release directory hold the same files, each with its published hash', () => {
  const moving = join(root, 'build', 'site', 'embed', 'v1');
  const release = join(root, 'build', 'site', 'embed', `v${manifest.version}`);
  const published = JSON.parse(readFileSync(join(release, 'integrity.json'), 'utf8'));
  assert.equal(published.version, manifest.version);
  const listed = files(release)
    .map((f) => relative(release, f))
    .filter((f) => f !== 'integrity.json')
    .sort();
  assert.deepEqual(Object.keys(published.files).sort(), listed);
  for (const file of listed) {
    assert.equal(sri(readFileSync(join(release, file))), published.files[file], file);
    assert.deepEqual(readFileSync(join(moving, file)), readFileSync(join(release, file)), file);
  }
  // The widget pins what it loads: the hashes it carries are those of the files beside it.
  const widget = readFileSync(join(release, 'ev-export-check.js'), 'utf8');
  for (const file of [
    'evexport.wasm',
    'translations/ru.json',
    'translations/es.json',
    'translations/pt-BR.json',
    'translations/ar.json',
  ])
    assert.ok(widget.includes(published.files[file]), `ev-export-check.js pins ${file}`);
});
