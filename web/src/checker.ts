// The core, compiled to WebAssembly: loaded once, from this site only.
import { createChecker, type Checker } from '@core/index.mjs';
import wasmUrl from '@core/evexport.wasm?url';

export type { Checker, Request, Result, ErrorResult, Verdict } from '@core/index.mjs';

export const loadChecker = (): Promise<Checker> => createChecker({ wasmUrl });
