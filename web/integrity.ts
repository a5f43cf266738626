// Subresource Integrity hashes of what the JS API fetches: the core and each translation. The
// widget and the page are built with them (vite `define`), so that every fetch of the core or of a
// translation is pinned by its hash (docs/SECURITY.md, "What each pin covers").
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
export const sri = (path: string) => `sha384-${createHash('sha384').update(readFileSync(path)).digest('base64')}`;

export function integrity() {
  const dir = here('../build/wasm/translations');
  const translations = Object.fromEntries(
    readdirSync(dir).map((name) => [name.replace(/\.json$/, ''), sri(`${dir}/${name}`)]),
  );
  const packs = here('../build/wasm/destinations');
  const destinationTranslations = Object.fromEntries(
    readdirSync(packs).map((name) => [name.replace(/\.json$/, ''), sri(`${packs}/${name}`)]),
  );
  return {
    destinationTranslations,
    wasm: sri(here('../build/wasm/evexport.wasm')),
    translations,
    destinations: sri(here('../build/wasm/destinations.json')),
    destinationsWasm: sri(here('../build/wasm/evexport-destinations.wasm')),
  };
}
