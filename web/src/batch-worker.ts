// Evaluates a whole inventory off the main thread: the file is read in 4 MiB slices whose UTF-8
// bytes go to the core as they are (it reads bytes: a character cut in two is joined there), or are
// decoded first when the file is in another encoding; answers go back as they come.
// Nothing leaves the browser.
import { loadChecker, type Checker } from './checker';

// Answers as the core wrote them: UTF-8 bytes in a buffer of their own (the JS API's output 'bytes').
export type Bytes = Uint8Array<ArrayBuffer>;

export type BatchMessage =
  | { type: 'ready' }
  | {
      type: 'progress';
      done: number;
      total: number;
      output: Bytes;
      counts: ReturnType<ReturnType<Checker['batch']>['counts']>;
    }
  | {
      type: 'done';
      output: Bytes[];
      counts: ReturnType<ReturnType<Checker['batch']>['counts']>;
      ms: number;
      encoding: Encoding;
    }
  | { type: 'failed'; message: string }
  | { type: 'unreadable' }; // not text in an encoding the reader knows

// How a file's bytes are written. Spreadsheets save CSV in the system's encoding: on Chinese Windows
// that is GBK (read as GB18030, its superset), and "Unicode text" is UTF-16 with a byte-order mark.
export type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';

const reads = (encoding: Encoding, head: Uint8Array) => {
  try {
    new TextDecoder(encoding, { fatal: true }).decode(head, { stream: true });
    return true;
  } catch {
    return false;
  }
};

/** The encoding of a file from its first bytes: a UTF-16 byte-order mark, else UTF-8 if they read as
 * UTF-8 (a character cut at the end of the sample is no fault), else GB18030 if they read as such,
 * else none: the file is refused, never guessed. The core's sniff_encoding (batch.hpp), which the CLI
 * uses, follows the same rule; tests/cases/files/ holds the two together. */
export function sniffEncoding(head: Uint8Array): Encoding | undefined {
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  return (['utf-8', 'gb18030'] as const).find((e) => reads(e, head));
}

class Unreadable extends Error {}

const SLICE = 4 << 20; // bytes read at a time; the JS API hands them to the core in 1 MiB pieces

// Rows of every kind run through the core once it is loaded, before any file: the engine then has
// the batch's hot code optimised by the time a file arrives (the first file ran 1.4x slower
// without; docs/BENCHMARKS.md). Made-up rows, answered and dropped.
function warmUp(core: Checker) {
  const roles = ['manufacturer', 'authorized_exporter', 'trader', 'used_car_exporter'];
  const lines = [
    'id,as_of,vin,make,category,powertrain,condition,registration_date,exporter_role,exporter_listed,' +
      'authorization_brand,authorization_valid_from,authorization_valid_until,registered_owner,quality_report',
  ];
  for (let i = 0; i < 10000; i++) {
    const used = i % 2 === 1;
    lines.push(
      `w${i},2026-03-01,LGXCE4CB6T0123456,BYD,passenger_car,${['bev', 'phev', 'ice'][i % 3]},` +
        `${used ? 'used,2025-12-01' : 'new,'},${roles[i % 4]},true,BYD,2026-01-01,2026-12-31,true,true`,
    );
  }
  const run = core.batch('csv');
  run.feed(`${lines.join('\n')}\n`);
  run.finish();
}
let checker: Promise<Checker> | undefined;

// A message without a file readies the worker: its core loads before the first file arrives.
// A file comes with the reader's language, in which each row's message is written, and the page's
// address, to which each row's link leads with the row's request.
export interface BatchJob {
  file?: File;
  format?: 'csv' | 'jsonl';
  lang?: string;
  link?: string;
  // The part of the file this worker answers, when two share it (batch-view.ts): it reads the file
  // from its start, and stops reading once it has passed its part.
  part?: { from: number; until?: number };
}

self.onmessage = async (event: MessageEvent<BatchJob>) => {
  // The answers' bytes are handed over, not copied (transferred).
  const post = (message: BatchMessage, moved: Transferable[] = []) =>
    (self as unknown as Worker).postMessage(message, moved);
  try {
    const { file, format = 'csv', lang, link, part } = event.data;
    // With the destination, as the CLI's batch: rows naming one get its three columns (issue 14).
    checker ??= loadChecker().then(async (loaded) => {
      const info = await loaded.loadDestinations();
      if ('error' in info) console.warn('destination data:', info.error.message);
      return loaded;
    });
    const core = await checker;
    if (!file) {
      warmUp(core);
      return post({ type: 'ready' });
    }
    const start = performance.now(); // the worker's own time, for docs/BENCHMARKS.md
    // The answers as UTF-8 bytes: the page keeps them as they are for the download, and reads as text
    // only the rows it shows (docs/BENCHMARKS.md).
    const run = core.batch(format, { lang, link, output: 'bytes', part });
    // A UTF-8 CSV's bytes go to the core as they are; a CSV in another encoding is decoded here first
    // (a malformed sequence further on stops the reading), and JSON Lines, UTF-8 by definition, with
    // replacement characters rather than refused whole.
    const sniffed = sniffEncoding(new Uint8Array(await file.slice(0, 64 << 10).arrayBuffer()));
    if (format === 'csv' && !sniffed) return post({ type: 'unreadable' });
    const encoding = format === 'jsonl' ? 'utf-8' : (sniffed ?? 'utf-8');
    const decoder =
      format === 'jsonl' || encoding !== 'utf-8' ? new TextDecoder(encoding, { fatal: format === 'csv' }) : undefined;
    const piece = (bytes?: ArrayBuffer) => {
      if (!decoder) return bytes ? new Uint8Array(bytes) : '';
      try {
        return bytes ? decoder.decode(bytes, { stream: true }) : decoder.decode();
      } catch {
        throw new Unreadable();
      }
    };
    let stopped = false; // past its part: the rest of the file is another worker's
    for (let offset = 0; offset < file.size && !stopped; offset += SLICE) {
      const bytes = await file.slice(offset, offset + SLICE).arrayBuffer();
      const output = run.feed(piece(bytes)) as Bytes;
      // The core's counts so far: the page need not read every answer to count them.
      const counts = run.counts();
      post({ type: 'progress', done: Math.min(offset + SLICE, file.size), total: file.size, output, counts }, [
        output.buffer,
      ]);
      stopped = !('error' in counts) && counts.part_done;
    }
    // A worker that stopped early leaves its decoder as it is, a character perhaps cut in two.
    const output = [run.feed(stopped ? '' : piece()), run.finish()] as Bytes[];
    const ms = performance.now() - start;
    post(
      { type: 'done', output, counts: run.counts(), ms, encoding },
      output.map((o) => o.buffer),
    );
  } catch (e) {
    post(e instanceof Unreadable ? { type: 'unreadable' } : { type: 'failed', message: String(e) });
  }
};
