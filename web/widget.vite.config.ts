import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import { integrity } from './integrity';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

// The widget: build/site/embed/v1/ev-export-check.js, one module with its strings in every language,
// and beside it evexport.wasm, translations/<lang>.json and frame.html (the iframe mode). Names are
// not hashed: v1/ is the version, and its files are immutable once published (docs/EMBEDDING.md).
// The ruleset's translations, fetched by the JS API from translations/ beside the .wasm.
const translations = (): Plugin => ({
  name: 'evexport-translations',
  generateBundle() {
    const dir = here('../build/wasm/translations');
    for (const name of readdirSync(dir))
      this.emitFile({ type: 'asset', fileName: `translations/${name}`, source: readFileSync(`${dir}/${name}`) });
    // The destination data, fetched when a listing names a destination (issue 14).
    this.emitFile({
      type: 'asset',
      fileName: 'destinations.json',
      source: readFileSync(here('../build/wasm/destinations.json')),
    });
    const packs = here('../build/wasm/destinations');
    for (const name of readdirSync(packs))
      this.emitFile({ type: 'asset', fileName: `destinations/${name}`, source: readFileSync(`${packs}/${name}`) });
  },
});

// The widget fetches the core and the translations with these hashes (Subresource Integrity), so
// that a host pinning the widget's own hash pins everything it loads (web/integrity.ts).

export default defineConfig({
  plugins: [translations()],
  define: { __EVEXPORT_INTEGRITY__: JSON.stringify(integrity()) },
  root: here('.'),
  base: './',
  publicDir: here('embed'), // frame.html and frame.js, copied as they are
  resolve: { alias: { '@core': here('../build/wasm') } },
  build: {
    outDir: here('../build/site/embed/v1'),
    emptyOutDir: true,
    target: 'es2022',
    assetsInlineLimit: 0,
    modulePreload: false,
    rolldownOptions: {
      input: { 'ev-export-check': here('src/widget/ev-export-check.ts') },
      preserveEntrySignatures: 'exports-only',
      output: {
        entryFileNames: '[name].js',
        chunkFileNames: '[name].js',
        assetFileNames: '[name][extname]',
        codeSplitting: false,
      },
    },
  },
});
