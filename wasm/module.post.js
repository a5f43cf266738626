// Appended inside the Emscripten module (--post-js): the module's own text calls, over the plain
// C exports of wasm/bindings.cpp. Contract v1 (docs/CONTRACT.md): the module has
// evaluate(requestJson) → resultJson and the same for vin, uscc and rulesetInfo; the JS API
// (index.mjs) uses these and the rest. Texts go in written into the core's input buffer, each call
// naming their byte lengths; an answer comes back as the address of [length: u32][UTF-8 bytes].
(() => {
  const encoder = new TextEncoder();
  const decoder = new TextDecoder();
  const LARGE = 1 << 20;
  // A view of the input buffer, taken again when it is too small or detached because the memory
  // grew. A view over 1 MiB is used once: the next call asks for a fresh one, which lets the core
  // release the large buffer.
  let input = new Uint8Array(0);
  // A view taken again when too small, when detached because the memory grew (its buffer is no
  // longer HEAPU8's), or after a large one.
  const room = (bytes) => {
    if (input.buffer !== HEAPU8.buffer || input.byteLength < bytes || input.byteLength > LARGE) {
      const size = Math.max(4096, bytes);
      input = HEAPU8.subarray(0, 0);
      const address = Module['_evexport_input'](size);
      input = HEAPU8.subarray(address, address + size);
    }
  };
  const send = (text) => {
    room(text.length * 3);
    return encoder.encodeInto(text, input).written;
  };
  // Two texts end to end; the core reads them back by their lengths.
  const sendTwo = (first, second, call) => {
    room((first.length + second.length) * 3);
    const n = encoder.encodeInto(first, input).written;
    return call(n, encoder.encodeInto(second, input.subarray(n)).written);
  };
  const read = (address) => decoder.decode(HEAPU8.subarray(address + 4, address + 4 + HEAPU32[address >> 2]));
  // Every call answers text, never throws. The core is built without C++ exceptions (CMakeLists.txt):
  // a defect, or memory that cannot be had (for the input too), aborts it. A core that aborted cannot
  // be trusted, so it answers the contract's internal_error from then on ("stopped").
  let stopped = null;
  const failure = (message, raw) => {
    const json = JSON.stringify({ error: { code: 'internal_error', field: '', message: message } });
    return raw ? encoder.encode(json) : json;
  };
  // With `raw`, the answer's UTF-8 bytes, copied out, instead of its text: a batch's answers handed on
  // as they are (the page's worker), never decoded and encoded again.
  const text = (call, raw) => {
    if (stopped !== null)
      return failure(`the core stopped after an internal error (${stopped}); create a new checker`, raw);
    try {
      const address = call();
      return raw ? HEAPU8.slice(address + 4, address + 4 + HEAPU32[address >> 2]) : read(address);
    } catch (e) {
      // (No optional chaining here: emcc 3.1.6's JS optimiser cannot read it; TOOLCHAIN.md.)
      // biome-ignore lint/complexity/useOptionalChain: see above
      stopped = String((e && e.message) || e);
      return failure(stopped, raw);
    }
  };
  const one = (name) => (value) => text(() => Module[name](send(String(value))));
  Module['evaluate'] = one('_evexport_evaluate');
  Module['vin'] = (vin, asOf = '') => text(() => sendTwo(String(vin), String(asOf), Module['_evexport_vin']));
  Module['uscc'] = one('_evexport_uscc');
  Module['rulesetInfo'] = one('_evexport_ruleset_info');
  // The JS API's (index.mjs).
  Module['evaluateFields'] = one('_evexport_evaluate_fields');
  Module['verdictsFields'] = one('_evexport_verdicts_fields');
  Module['tables'] = one('_evexport_tables');
  Module['loadRegistry'] = one('_evexport_load_registry');
  Module['clearRegistry'] = () => {
    if (stopped === null) Module['_evexport_clear_registry']();
  };
  Module['loadRuleset'] = (json, sha256 = '') =>
    text(() => sendTwo(String(json), String(sha256), Module['_evexport_load_ruleset']));
  Module['loadTranslation'] = one('_evexport_load_translation');
  // Only the second build, evexport-destinations.wasm, has the destination (wasm/CMakeLists.txt).
  if (Module['_evexport_load_destinations']) {
    Module['loadDestinations'] = one('_evexport_load_destinations');
    Module['destinationsInfo'] = one('_evexport_destinations_info');
    Module['loadDestinationsTranslation'] = one('_evexport_load_destinations_translation');
  }
  Module['batchStart'] = one('_evexport_batch_start');
  Module['batchFeed'] = (id, chunk, raw) => text(() => Module['_evexport_batch_feed'](id, send(String(chunk))), raw);
  // UTF-8 bytes as they are (a file read in slices): copied, never decoded and encoded again.
  Module['batchFeedBytes'] = (id, bytes, raw) =>
    text(() => {
      room(bytes.length);
      input.set(bytes);
      return Module['_evexport_batch_feed'](id, bytes.length);
    }, raw);
  Module['batchFinish'] = (id, raw) => text(() => Module['_evexport_batch_finish'](id), raw);
  Module['batchCounts'] = (id) => text(() => Module['_evexport_batch_counts'](id));
})();
