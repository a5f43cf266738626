// The JS API over the WebAssembly core: objects in, objects out, no exception for bad input.
// Types: index.d.ts. Contract: shared/design/CONTRACT.md.
import createModule from './evexport.mjs';

const internalError = (message) => ({ error: { code: 'internal_error', field: '', message } });

/**
 * Loads the core. In a browser the .wasm is fetched from beside this file; under node pass
 * `{ wasmBinary }` (the bytes of evexport.wasm).
 */
export async function createChecker(options = {}) {
  const moduleOptions = {};
  if (options.wasmBinary) moduleOptions.wasmBinary = options.wasmBinary;
  if (options.wasmUrl) moduleOptions.locateFile = () => options.wasmUrl;
  const core = await createModule(moduleOptions);
  // The core answers with a view of UTF-8 bytes in its memory, valid until its next call.
  const decoder = new TextDecoder();
  const decode = (bytes) => decoder.decode(bytes);

  const call = (fn) => {
    try {
      return JSON.parse(decode(fn()));
    } catch (e) {
      return internalError(String(e && e.message ? e.message : e));
    }
  };

  return {
    /** Evaluates a v1 request (an object, or JSON text) and returns the v1 result or `{ error }`. */
    evaluate(request) {
      let text;
      try {
        text = typeof request === 'string' ? request : JSON.stringify(request);
      } catch (e) {
        return { error: { code: 'invalid_json', field: '', message: `the request cannot be written as JSON: ${e.message}` } };
      }
      if (typeof text !== 'string') return { error: { code: 'invalid_field', field: '', message: 'a request must be a JSON object' } };
      return call(() => core.evaluate(text));
    },
    /** Evaluates JSON text and returns JSON text: the fastest path for batch work. */
    evaluateJson(requestJson) {
      try {
        return decode(core.evaluate(String(requestJson)));
      } catch (e) {
        return JSON.stringify(internalError(String(e)));
      }
    },
    vin(vin, asOf = '') {
      return call(() => core.vin(String(vin ?? ''), String(asOf ?? '')));
    },
    uscc(code) {
      return call(() => core.uscc(String(code ?? '')));
    },
    rulesetInfo() {
      return call(() => core.rulesetInfo());
    },
    /**
     * Loads a list of qualified enterprises (docs/REGISTRY.md): from then on an exporter's list
     * status is looked up by its company code or name. A malformed list is refused ({ error }) and
     * the one in use stays.
     */
    loadRegistry(registry) {
      let text;
      try {
        text = typeof registry === 'string' ? registry : JSON.stringify(registry);
      } catch (e) {
        return { error: { code: 'invalid_registry', field: '', message: String(e.message) } };
      }
      return call(() => core.loadRegistry(String(text)));
    },
    clearRegistry() {
      core.clearRegistry();
    },
    /**
     * Starts a batch ('csv' or 'jsonl' input). feed(text) returns the answers of the rows the text
     * completes, as CSV (header first); finish() answers a last row without a line break.
     * Text may be cut anywhere. One batch per checker at a time.
     */
    batch(format) {
      const started = JSON.parse(decode(core.batchStart(String(format))));
      if (started.error) throw new TypeError(started.error.message);
      return {
        feed: (chunk) => decode(core.batchFeed(String(chunk))),
        finish: () => decode(core.batchFinish()),
        counts: () => JSON.parse(decode(core.batchCounts())),
      };
    },
    /**
     * Replaces the ruleset in force with a newer version of it (e.g. one a portal pinned by hash).
     * Returns the new ruleset's info, or { error } — and then the ruleset in force stays.
     */
    loadRuleset(ruleset, { sha256 = '' } = {}) {
      const text = typeof ruleset === 'string' ? ruleset : JSON.stringify(ruleset);
      return call(() => core.loadRuleset(String(text), String(sha256)));
    },
  };
}

export default createChecker;
