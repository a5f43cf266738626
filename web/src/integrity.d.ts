// The Subresource Integrity hashes the page and the widget are built with (web/integrity.ts, put in
// by vite's `define`): every file the JS API fetches is fetched pinned by its hash.
declare const __EVEXPORT_INTEGRITY__: {
  wasm: string;
  translations: Record<string, string>;
  destinations: string;
  destinationsWasm: string;
  destinationTranslations: Record<string, string>;
};
