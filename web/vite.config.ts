import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { integrity } from './integrity';
import { preloadCore } from './preload-core.mjs';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

// The site is static files: build/site/, relative URLs so it works under any path or CDN.
export default defineConfig({
  // The page fetches the core and each translation with their hashes, as the widget does.
  define: { __EVEXPORT_INTEGRITY__: JSON.stringify(integrity()) },
  root: here('.'),
  base: './',
  publicDir: here('../public'),
  resolve: { alias: { '@core': here('../build/wasm') } },
  plugins: [
    // The service worker (web/sw.template.js): the page and what its first answer needs, cached at
    // the first visit under a version named by the built files, so that it answers offline after.
    {
      name: 'service-worker',
      generateBundle(_options, bundle) {
        const files = Object.keys(bundle);
        const precache = [
          './',
          './favicon.svg',
          './manifest.webmanifest',
          ...files
            .filter((f) => f.startsWith('assets/') && !/destinations|^assets\/(zh|ru|es|pt-BR|ar)-/.test(f))
            .map((f) => `./${f}`),
        ];
        const version = createHash('sha256').update(files.sort().join('\n')).digest('hex').slice(0, 16);
        this.emitFile({
          type: 'asset',
          fileName: 'sw.js',
          source: readFileSync(here('sw.template.js'), 'utf8')
            .replace("'__VERSION__'", JSON.stringify(version))
            .replace('__PRECACHE__', JSON.stringify(precache)),
        });
      },
    },
    preloadCore(),
  ],
  build: {
    outDir: here('../build/site'),
    emptyOutDir: true,
    target: 'es2022',
    assetsInlineLimit: 0, // the .wasm stays a file, streamed and cached on its own
    modulePreload: { polyfill: false },
  },
});
