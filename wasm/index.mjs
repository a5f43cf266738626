// The JS API over the WebAssembly core: objects in, objects out, no exception for bad input.
// Types: index.d.ts. Contract: docs/CONTRACT.md.
import createModule from './evexport.mjs';
import { checkLayout, join, parseCompact } from './compact.mjs';

const internalError = (message) => ({ error: { code: 'internal_error', field: '', message } });

// The Subresource Integrity hashes of the core and the translations beside this module, written in
// by scripts/package.mjs for the published package (null in a build tree): in a browser, the
// package fetches them pinned unless told otherwise (docs/SECURITY.md).
const PINNED = null;

// Bounds checked before a string is copied into the core's memory, which never shrinks: an input
// the core would refuse anyway is refused here, at no cost (core/include/evexport/api.hpp).
const MAX_REQUEST_BYTES = 64 * 1024; // a request
const MAX_STRING_BYTES = 512; // a VIN or company code checked alone
const MAX_DATA_BYTES = 16 * 1024 * 1024; // a ruleset, translation or registry
const BATCH_PIECE = 1 << 20; // a batch chunk is fed in pieces of at most this many characters
const tooLarge = (field, limit) => ({ error: { code: 'too_large', field, message: `longer than ${limit} bytes` } });
// UTF-16 length is a lower bound of the UTF-8 length: longer than the limit in either is too large.
const over = (text, limit) => typeof text === 'string' && text.length > limit;

// A batch's answer as bytes that are the core's error, not CSV: they start {"error".
const ERROR_START = [...'{"error"'].map((c) => c.charCodeAt(0));
const isError = (bytes) => bytes.length >= ERROR_START.length && ERROR_START.every((b, i) => bytes[i] === b);
// Byte arrays end to end, in one of its own (one part is returned as it is).
const concat = (parts) => {
  if (parts.length === 1) return parts[0];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
};

// Called for every object of every request on the fast path: no allocation.
const isPlain = (v) => {
  if (v === null || typeof v !== 'object') return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
};
// The fast path's separators (NUL, RS) and surrogates (maybe unpaired): rare in a request.
// biome-ignore lint/suspicious/noControlCharactersInRegex: the separators are control characters
const RARE = /[\0\x1e\uD800-\uDFFF]/;
const wellFormed = (s) =>
  s.isWellFormed ? s.isWellFormed() : !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);

// Under node the files beside this module are read, not fetched. The module name is a variable so
// that bundlers for the browser leave it alone.
const isNode =
  typeof process === 'object' && typeof process.versions?.node === 'string' && typeof window === 'undefined';
async function readLocal(url) {
  const fs = 'node:fs/promises';
  return (await import(/* @vite-ignore */ fs)).readFile(url);
}

/**
 * Loads the core. The .wasm beside this file is fetched in a browser and read under node; pass
 * `{ wasmUrl }` or `{ wasmBinary }` (its bytes) to take it from elsewhere.
 */
export async function createChecker(options = {}) {
  // A wasmUrl given is relative to the page; the default is beside this module.
  const wasmUrl = new URL(
    options.wasmUrl ?? './evexport.wasm',
    (options.wasmUrl && globalThis.location?.href) || import.meta.url,
  );
  // emcc 3.1.6's ES-module glue reads __dirname under node, where ES modules have none (TOOLCHAIN.md).
  if (isNode) globalThis.__dirname ??= decodeURIComponent(new URL(import.meta.url).pathname.replace(/[^/]*$/, ''));
  // Translations (ru, es, pt-BR, ar) are files in translations/ beside the .wasm, fetched when a
  // language is asked for.
  const translationUrl = options.translationUrl ?? ((lang) => new URL(`translations/${lang}.json`, wasmUrl));
  // With wasmIntegrity the .wasm is fetched with Subresource Integrity: a page that pinned this module
  // by its hash gets exactly the core it was built with (docs/EMBEDDING.md).
  // The published package's own pins, in a browser, when the files come from beside this module.
  const pinned = !isNode && !options.wasmUrl && !options.wasmBinary && PINNED ? PINNED : null;
  const wasmIntegrity = options.wasmIntegrity ?? pinned?.wasm;
  const translationIntegrity =
    options.translationIntegrity ?? (options.translationUrl ? undefined : pinned?.translations);
  // The destination (issue 14) is a second build of the core with the destination's code, and its
  // data, both beside the .wasm and loaded by loadDestinations() when a page first names a
  // destination: the first download stays within its budget (docs/BENCHMARKS.md).
  const destinationsUrl = options.destinationsUrl ?? new URL('destinations.json', wasmUrl);
  const destinationsIntegrity =
    options.destinationsIntegrity ?? (options.destinationsUrl ? undefined : pinned?.destinations);
  // Its texts in another language: a pack per language, fetched with the language (loadLanguage).
  const destinationsTranslationUrl =
    options.destinationsTranslationUrl ?? ((lang) => new URL(`destinations/${lang}.json`, wasmUrl));
  const destinationsTranslationIntegrity =
    options.destinationsTranslationIntegrity ??
    (options.destinationsTranslationUrl ? undefined : pinned?.destinationTranslations);
  const destinationsWasmUrl = new URL(
    options.destinationsWasmUrl ?? 'evexport-destinations.wasm',
    (options.destinationsWasmUrl && globalThis.location?.href) || wasmUrl,
  );
  const destinationsWasmIntegrity =
    options.destinationsWasmIntegrity ?? (options.destinationsWasmUrl ? undefined : pinned?.destinationsWasm);

  // A build of the core from its Emscripten factory: its .wasm given as bytes, read from a file
  // (node), or fetched — with Subresource Integrity when pinned.
  async function instantiate(factory, url, integrity, bytes) {
    const moduleOptions = {};
    if (bytes) moduleOptions.wasmBinary = bytes;
    else if (url.protocol === 'file:') moduleOptions.wasmBinary = await readLocal(url);
    else moduleOptions.locateFile = () => url.href;
    if (!integrity || moduleOptions.wasmBinary) return factory(moduleOptions);
    const compiled = await WebAssembly.compileStreaming(fetch(url, { integrity, credentials: 'same-origin' }));
    const failed = new Promise((_, reject) => {
      moduleOptions.instantiateWasm = (imports, receive) => {
        WebAssembly.instantiate(compiled, imports).then((instance) => receive(instance, compiled), reject);
        return {};
      };
    });
    return Promise.race([factory(moduleOptions), failed]);
  }
  let core = await instantiate(createModule, wasmUrl, wasmIntegrity, options.wasmBinary);
  // What was loaded into the core (registry, ruleset, translations), in order: replayed into the
  // second build when the JS API moves to it, so that it answers exactly as the first did.
  const loads = [];
  const loaded = (result, replay) => {
    if (!result.error) loads.push(replay);
    return result;
  };
  const currentCore = () => core;
  let moving = null;
  const withDestinations = () =>
    (moving ??= (async () => {
      if (core.loadDestinations) return;
      const factory = (await import('./evexport-destinations.mjs')).default;
      const next = await instantiate(factory, destinationsWasmUrl, destinationsWasmIntegrity, options.destinationsWasm);
      for (const replay of loads) replay(next);
      core = next;
      tables.clear();
    })().finally(() => {
      moving = null;
    }));
  // The fast path for plain request objects (core/src/compact.cpp, ./compact.mjs): fields in, the
  // rendered answer out, joined here to per-language tables fetched once. Anything unusual in the request (an
  // unknown key, a value of another type, a class instance) takes the JSON path instead, which gives
  // the same answers (tests/js/api.test.mjs checks every corpus case both ways).
  // One table per language the texts are in; any other language reads the English one, so that no
  // number of distinct `lang` strings can grow the cache.
  const tables = new Map();
  const load = (lang) => {
    const t = JSON.parse(core.tables(lang));
    checkLayout(t);
    tables.set(lang, t);
    return t;
  };
  const tablesFor = (asked) => {
    const english = tables.get('en') ?? load('en');
    if (asked === 'en' || !english.languages.includes(asked)) return english;
    return tables.get(asked) ?? load(asked);
  };
  // The request's shape, as objects without a prototype: a key such as "__proto__" or "toString"
  // finds nothing in it, and the request takes the JSON path. Built at the first fast-path call, not
  // when the core loads: a page whose first verdict takes the JSON path does not wait for it.
  let shape;
  let booleans;
  let slots;
  const plan = () => {
    if (shape) return;
    shape = Object.create(null);
    booleans = [];
    // The fields before the seller's papers: the papers (their lists are arrays) and the fields added
    // after them (the destination's, issue 14) take the JSON path, which keeps the fast path's slots,
    // and the per-request join, as short as the plain request's.
    const fields = tablesFor('en').fields;
    const count = fields.findIndex(([pointer]) => pointer.startsWith('/papers/'));
    fields.slice(0, count).forEach(([pointer, boolean], index) => {
      const keys = pointer.slice(1).split('/');
      let node = shape;
      for (const key of keys.slice(0, -1)) {
        node[key] ??= Object.create(null);
        node = node[key];
      }
      node[keys.at(-1)] = index;
      booleans[index] = boolean;
    });
    slots = new Array(count);
  };
  const walk = (object, node) => {
    for (const key in object) {
      const spec = node[key];
      const value = object[key];
      if (spec === undefined) return false;
      if (value === null || value === undefined) continue;
      if (typeof spec === 'object') {
        if (!isPlain(value) || !walk(value, spec)) return false;
      } else if (booleans[spec]) {
        if (typeof value !== 'boolean') return false;
        slots[spec] = value ? 't' : 'f';
      } else {
        // One scan for what is rare (a separator, a surrogate), the exact checks only then. A text goes
        // as it is (no prefix to join on: an empty slot is an absent field, so "" takes the JSON path).
        if (
          typeof value !== 'string' ||
          value === '' ||
          (RARE.test(value) && (value.includes('\0') || value.includes('\x1e') || !wellFormed(value)))
        )
          return false;
        slots[spec] = value;
      }
    }
    return true;
  };
  // The fast path's input, or null for the JSON path (anything unusual: an unknown key, another
  // type, a getter that throws, a request too large).
  function encode(request) {
    try {
      if (!isPlain(request)) return null;
      plan();
      slots.fill('');
      const fields = walk(request, shape) ? slots.join('\0') : null;
      return fields !== null && fields.length <= MAX_REQUEST_BYTES ? fields : null;
    } catch {
      return null;
    }
  }

  const pending = {}; // translations being fetched, by language
  let destinationsLoading = null; // the destination data being fetched
  // The languages asked for (loadLanguage), whose destination texts are loaded with the data, and
  // those loaded so far.
  const languagesAsked = new Set();
  let destinationLanguages = null; // a Set once destination data is loaded
  // A file's text: read (node) or fetched, with its Subresource Integrity when pinned; null when absent.
  const fetchText = (url, integrity) =>
    url.protocol === 'file:'
      ? readLocal(url).then((bytes) => new TextDecoder().decode(bytes))
      : fetch(url, { integrity: integrity ?? '' }).then((response) => (response.ok ? response.text() : null));
  const destinationTexts = async (lang) => {
    if (!destinationLanguages || destinationLanguages.has(lang) || lang === 'en') return;
    destinationLanguages.add(lang);
    const url = new URL(destinationsTranslationUrl(lang), globalThis.location?.href);
    const text = await fetchText(url, destinationsTranslationIntegrity?.[lang]).catch(() => null);
    if (text === null || core.loadDestinationsTranslation(text).includes('"error"')) destinationLanguages.delete(lang);
  };
  const destinationsLoaded = async (info) => {
    if (info.error) return info;
    destinationLanguages = new Set();
    for (const lang of languagesAsked) await destinationTexts(lang);
    return JSON.parse(core.destinationsInfo('en'));
  };
  // The ruleset in force changed: its texts and sources come from it now.
  // (The languages the texts are in are those of the English tables, read again after this.)
  const replaced = (info) => {
    if (!info.error) tables.clear();
    return info;
  };

  // Data given as text or as an object: its JSON text, or null when it cannot be written out.
  const textOf = (value) => {
    try {
      const text = typeof value === 'string' ? value : JSON.stringify(value);
      return typeof text === 'string' ? text : null;
    } catch {
      return null;
    }
  };
  // A VIN or company code checked alone: as text, refused before it reaches the core when too long.
  const identifier = (field, value, check) => {
    let text;
    try {
      text = String(value ?? '');
    } catch {
      return { error: { code: 'invalid_field', field, message: 'cannot be read as text' } };
    }
    return over(text, MAX_STRING_BYTES) ? tooLarge(field, MAX_STRING_BYTES) : call(() => check(text));
  };
  const call = (fn) => {
    try {
      return JSON.parse(fn());
    } catch (e) {
      return internalError(String(e?.message ? e.message : e));
    }
  };

  const api = {
    /** Evaluates a v1 request (an object, or JSON text) and returns the v1 result or `{ error }`. */
    evaluate(request) {
      const fields = encode(request);
      if (fields !== null) {
        try {
          const out = core.evaluateFields(fields);
          // The language the core answered in: the one encoded, not read from the request again.
          const lang = slots[shape.lang] || 'en';
          return out.charCodeAt(0) === 91 ? join(parseCompact(out), tablesFor(lang)) : JSON.parse(out);
        } catch (e) {
          return internalError(String(e?.message ? e.message : e));
        }
      }
      let text;
      try {
        text = typeof request === 'string' ? request : JSON.stringify(request);
      } catch {
        return {
          error: {
            code: 'invalid_json',
            field: '',
            message: 'the request cannot be written as JSON (a cycle, a getter that throws, a BigInt…)',
          },
        };
      }
      if (typeof text !== 'string')
        return { error: { code: 'invalid_field', field: '', message: 'a request must be a JSON object' } };
      if (over(text, MAX_REQUEST_BYTES)) return tooLarge('', MAX_REQUEST_BYTES);
      return call(() => core.evaluate(text));
    },
    /**
     * Verdicts only, for many requests at once: an array of verdicts, null where a request cannot be
     * read. The same decisions as evaluate(), without the explanations.
     */
    verdicts(requests) {
      let list;
      try {
        list = Array.from(requests ?? []);
      } catch {
        return [];
      }
      const encoded = list.map(encode);
      const fast = encoded.filter((e) => e !== null);
      const codes = fast.length ? core.verdictsFields(fast.join('\x1e')) : '';
      const names = tablesFor('en').verdicts;
      let next = 0;
      return list.map((request, i) => {
        if (encoded[i] === null) return api.evaluate(request).verdict ?? null;
        const code = codes[next++];
        return code === 'e' ? null : names[Number(code)];
      });
    },
    /** Evaluates JSON text and returns JSON text: the fastest path for batch work. */
    evaluateJson(requestJson) {
      try {
        const text = String(requestJson);
        if (over(text, MAX_REQUEST_BYTES)) return JSON.stringify(tooLarge('', MAX_REQUEST_BYTES));
        return core.evaluate(text);
      } catch (e) {
        return JSON.stringify(internalError(String(e)));
      }
    },
    vin(vin, asOf = '') {
      return identifier('/vin', vin, (text) => core.vin(text, String(asOf ?? '').slice(0, 16)));
    },
    uscc(code) {
      return identifier('/uscc', code, (text) => core.uscc(text));
    },
    rulesetInfo(lang = 'en') {
      return call(() => core.rulesetInfo(typeof lang === 'string' ? lang : 'en'));
    },
    /**
     * Loads a list of qualified enterprises (docs/REGISTRY.md): from then on an exporter's list
     * status is looked up by its company code or name. A malformed list is refused ({ error }) and
     * the one in use stays.
     */
    loadRegistry(registry) {
      const text = textOf(registry);
      if (text === null)
        return { error: { code: 'invalid_registry', field: '', message: 'the registry cannot be written as JSON' } };
      if (over(text, MAX_DATA_BYTES)) return tooLarge('', MAX_DATA_BYTES);
      return loaded(
        call(() => core.loadRegistry(text)),
        (c) => c.loadRegistry(text),
      );
    },
    clearRegistry() {
      core.clearRegistry();
      loads.push((c) => c.clearRegistry());
    },
    /**
     * Starts a batch ('csv' or 'jsonl' input). feed(text) returns the answers of the rows the text
     * completes, as CSV (header first); finish() answers a last row without a line break. Each row's
     * message is in `lang` (unless the row names its own); with `link`, the calculator's address, a
     * `link` column opens each row's request there. With output 'bytes' the answers come as their
     * UTF-8 bytes (a Uint8Array of its own, which can be transferred), not decoded into text.
     * Text may be cut anywhere. Batches may run side by side; each keeps the ruleset and registry it
     * started with, whatever is loaded meanwhile. With `part` ({ from, until }, byte offsets of the
     * input's UTF-8), the batch reads the whole input but answers only the rows whose line break is
     * at an offset in [from, until), and writes the header row only when `from` is 0: batches of the
     * parts of one file, joined in order, answer it whole (the page's two workers).
     */
    batch(format, { lang = 'en', link = '', output = 'text', part = {} } = {}) {
      if (output !== 'text' && output !== 'bytes') throw new TypeError('output is "text" or "bytes"');
      const raw = output === 'bytes';
      const { from = 0, until } = part;
      // Offsets the 32-bit core can hold; the whole file when `until` is not given.
      const offset = (n) => Number.isInteger(n) && n >= 0 && n < 2 ** 32 - 1;
      if (!offset(from) || (until !== undefined && !offset(until)))
        throw new TypeError('a part is { from, until }: byte offsets, whole numbers below 2^32 - 1');
      const core = currentCore(); // a batch stays with the build it started on
      // One line each (wasm/bindings.cpp); a line break inside one is refused by the core's checks.
      const options = [format, lang, link, from, until ?? ''].map(String);
      if (options.some((o) => o.includes('\n'))) throw new TypeError('a batch option holds a line break');
      const started = JSON.parse(core.batchStart(options.join('\n')));
      if (started.error) throw new TypeError(started.error.message);
      // Each batch runs under its own id, with the ruleset and registry it started with: loading
      // others meanwhile, or starting another batch, changes nothing for it (core Session).
      const id = started.batch;
      let ended = false;
      // CSV text (or its bytes), or a TypeError when the core closed this batch (more than 16 open at
      // once): an error is never mixed into the answers.
      const answered = (answer) => {
        const error = raw ? isError(answer) : answer.startsWith('{"error"');
        if (error) throw new TypeError(JSON.parse(raw ? new TextDecoder().decode(answer) : answer).error.message);
        return answer;
      };
      const joined = (parts) => (raw ? concat(parts) : parts.join(''));
      return {
        // A chunk goes to the core in pieces of at most 1 MiB, so that no chunk, however large,
        // makes the core's memory grow by its size.
        feed: (chunk) => {
          const parts = [];
          if (ended) return joined(parts);
          // Bytes (UTF-8, cut anywhere) go to the core as they are, in pieces of at most 1 MiB.
          if (chunk instanceof Uint8Array) {
            for (let at = 0; at < chunk.length; at += BATCH_PIECE)
              parts.push(answered(core.batchFeedBytes(id, chunk.subarray(at, at + BATCH_PIECE), raw)));
            return joined(parts);
          }
          const text = String(chunk);
          for (let at = 0; at < text.length; ) {
            // Never between the two halves of a surrogate pair: a piece is whole characters.
            let end = Math.min(at + BATCH_PIECE, text.length);
            if (end < text.length && (text.charCodeAt(end - 1) & 0xfc00) === 0xd800) end--;
            parts.push(answered(core.batchFeed(id, text.slice(at, end), raw)));
            at = end;
          }
          return joined(parts);
        },
        finish: () => {
          if (ended) return joined([]);
          ended = true;
          return answered(core.batchFinish(id, raw));
        },
        counts: () => JSON.parse(core.batchCounts(id)),
      };
    },
    /**
     * Replaces the ruleset in force with a newer version of it (e.g. one a portal pinned by hash).
     * Returns the new ruleset's info, or { error } — and then the ruleset in force stays.
     */
    loadRuleset(ruleset, options) {
      const text = textOf(ruleset);
      if (text === null)
        return { error: { code: 'invalid_ruleset', field: '', message: 'the ruleset cannot be written as JSON' } };
      if (over(text, MAX_DATA_BYTES)) return tooLarge('', MAX_DATA_BYTES);
      let sha256 = '';
      try {
        sha256 =
          options && typeof options === 'object' && options.sha256 != null ? String(options.sha256).slice(0, 128) : '';
      } catch {
        return { error: { code: 'invalid_field', field: '/sha256', message: 'the pinned sha256 cannot be read' } };
      }
      return replaced(
        loaded(
          call(() => core.loadRuleset(text, sha256)),
          (c) => c.loadRuleset(text, sha256),
        ),
      );
    },
    /**
     * Adds the ruleset's texts in one more language (a translation pack, docs/TRANSLATIONS.md).
     * Returns the ruleset's info (its `languages`), or { error } — and then the texts stay as they were.
     */
    loadTranslation(pack) {
      const text = textOf(pack);
      if (text === null)
        return {
          error: { code: 'invalid_translation', field: '', message: 'the translation cannot be written as JSON' },
        };
      if (over(text, MAX_DATA_BYTES)) return tooLarge('', MAX_DATA_BYTES);
      return replaced(
        loaded(
          call(() => core.loadTranslation(text)),
          (c) => c.loadTranslation(text),
        ),
      );
    },
    /**
     * Loads the destination data (docs/RULESET.md, "Destinations"): from then on a request that
     * names shipment.destination is answered for it too (result `destination`). Given data (an
     * object or JSON text) is loaded as it is; without it, the file beside the .wasm is fetched once
     * (pinned by its hash in the published package). Resolves to the data's description (its
     * markets), or { error } — and then the data in use stays.
     */
    async loadDestinations(data) {
      try {
        await withDestinations();
      } catch (e) {
        return { error: { code: 'destinations_unavailable', field: '', message: String(e?.message ?? e) } };
      }
      if (data !== undefined) {
        const text = textOf(data);
        if (text === null)
          return { error: { code: 'invalid_destinations', field: '', message: 'the data cannot be written as JSON' } };
        if (over(text, MAX_DATA_BYTES)) return tooLarge('', MAX_DATA_BYTES);
        return destinationsLoaded(call(() => core.loadDestinations(text)));
      }
      const url = new URL(destinationsUrl, globalThis.location?.href);
      destinationsLoading ??= fetchText(url, destinationsIntegrity)
        .then((text) =>
          text === null
            ? { error: { code: 'destinations_unavailable', field: '', message: `${url} could not be fetched` } }
            : api.loadDestinations(text),
        )
        .catch((e) => ({ error: { code: 'destinations_unavailable', field: '', message: String(e?.message ?? e) } }))
        .finally(() => {
          destinationsLoading = null;
        });
      return destinationsLoading;
    },
    /** The destination data's markets (country, members, name in `lang`, verified date, sources), or { error }. */
    destinations(lang = 'en') {
      if (!core.destinationsInfo)
        return { error: { code: 'no_destinations', field: '', message: 'no destination data is loaded' } };
      return call(() => core.destinationsInfo(typeof lang === 'string' ? lang : 'en'));
    },
    /**
     * Makes sure the ruleset's texts are in `lang`, fetching its translation from beside the .wasm
     * when needed. Resolves to true when they are, false when there is no translation (the texts
     * are then in English).
     */
    async loadLanguage(lang) {
      if (typeof lang !== 'string') return false;
      if (lang === 'en') return true; // every ruleset has English
      if (!/^[a-z]{2,3}(-[A-Z]{2})?$/.test(lang)) return false;
      // The destination data's texts follow the language, now if it is loaded, or when it is.
      if (languagesAsked.size < 16) languagesAsked.add(lang); // bounded, whatever strings are asked
      await destinationTexts(lang);
      if (tablesFor('en').languages.includes(lang)) return true;
      const url = new URL(translationUrl(lang), globalThis.location?.href);
      pending[lang] ??= fetchText(url, translationIntegrity?.[lang])
        .then((text) => text !== null && !api.loadTranslation(text).error)
        .catch(() => false)
        .finally(() => delete pending[lang]);
      return pending[lang];
    },
  };
  return api;
}

export default createChecker;
