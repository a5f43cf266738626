// The core, compiled to WebAssembly: loaded once, from this site only.
import { createChecker, type Checker } from '@core/index.mjs';
import wasmUrl from '@core/evexport.wasm?url';

export type { Checker, Request, Result, ErrorResult, Verdict } from '@core/index.mjs';

// Each translation is an asset of its own, fetched only when its language is chosen.
const translations = import.meta.glob<string>('../../build/wasm/translations/*.json', {
  query: '?url',
  import: 'default',
  eager: true,
});
const translationUrl = (lang: string) =>
  translations[`../../build/wasm/translations/${lang}.json`] ?? `translations/${lang}.json`;

declare const __EVEXPORT_INTEGRITY__: { wasm: string; translations: Record<string, string> };

// Every translation is fetched with its Subresource Integrity hash, recorded when the page was built.
export const loadChecker = (): Promise<Checker> =>
  createChecker({ wasmUrl, translationUrl, translationIntegrity: __EVEXPORT_INTEGRITY__.translations });
