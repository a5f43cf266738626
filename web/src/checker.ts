// The core, compiled to WebAssembly: loaded once, from this site only.
import { createChecker, type Checker } from '@core/index.mjs';
import wasmUrl from '@core/evexport.wasm?url';
// The destination (issue 14): the core's second build and its data, fetched when a destination is first named.
import destinationsWasmUrl from '@core/evexport-destinations.wasm?url';
import destinationsUrl from '@core/destinations.json?url';

export type { BatchCounts, Checker, Destination, Request, Result, ErrorResult, Verdict } from '@core/index.mjs';

// Each translation is an asset of its own, fetched only when its language is chosen.
const translations = import.meta.glob<string>('../../build/wasm/translations/*.json', {
  query: '?url',
  import: 'default',
  eager: true,
});
const translationUrl = (lang: string) =>
  translations[`../../build/wasm/translations/${lang}.json`] ?? `translations/${lang}.json`;
const destinationPacks = import.meta.glob<string>('../../build/wasm/destinations/*.json', {
  query: '?url',
  import: 'default',
  eager: true,
});
const destinationsTranslationUrl = (lang: string) =>
  destinationPacks[`../../build/wasm/destinations/${lang}.json`] ?? `destinations/${lang}.json`;

// Every translation, and the destination's build and data, are fetched with their Subresource
// Integrity hashes, recorded when the page was built.
export const loadChecker = (): Promise<Checker> =>
  createChecker({
    wasmUrl,
    translationUrl,
    translationIntegrity: __EVEXPORT_INTEGRITY__.translations,
    destinationsUrl,
    destinationsIntegrity: __EVEXPORT_INTEGRITY__.destinations,
    destinationsWasmUrl,
    destinationsWasmIntegrity: __EVEXPORT_INTEGRITY__.destinationsWasm,
    destinationsTranslationUrl,
    destinationsTranslationIntegrity: __EVEXPORT_INTEGRITY__.destinationTranslations,
  });
