// Loads the built JS API (build/wasm/index.mjs) under node.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { root } from './corpus.mjs';

export const wasmDir = join(root, 'build', 'wasm');

export async function loadChecker() {
  // emcc 3.1.6's ES-module glue reads __dirname under node (TOOLCHAIN.md).
  globalThis.__dirname = wasmDir;
  const { createChecker } = await import(join(wasmDir, 'index.mjs'));
  const checker = await createChecker({ wasmBinary: readFileSync(join(wasmDir, 'evexport.wasm')) });
  // The destination data, read from beside the .wasm as a page fetches it (the CLI has it built in).
  const loaded = await checker.loadDestinations();
  if (loaded.error) throw new Error(`destination data: ${loaded.error.message}`);
  return checker;
}
