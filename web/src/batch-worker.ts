// Evaluates a whole inventory off the main thread: the file is read in 1 MiB slices, decoded as a
// UTF-8 stream (a character is never cut in two) and fed to the core; answers go back as they come.
// Nothing leaves the browser.
import { loadChecker, type Checker } from './checker';

export type BatchMessage =
  | { type: 'progress'; done: number; total: number; output: string }
  | { type: 'done'; output: string; counts: ReturnType<ReturnType<Checker['batch']>['counts']> }
  | { type: 'failed'; message: string };

const SLICE = 1 << 20;
let checker: Promise<Checker> | undefined;

self.onmessage = async (event: MessageEvent<{ file: File; format: 'csv' | 'jsonl' }>) => {
  const post = (message: BatchMessage) => (self as unknown as Worker).postMessage(message);
  try {
    const { file, format } = event.data;
    checker ??= loadChecker();
    const core = await checker;
    const run = core.batch(format);
    const decoder = new TextDecoder('utf-8');
    for (let offset = 0; offset < file.size; offset += SLICE) {
      const bytes = await file.slice(offset, offset + SLICE).arrayBuffer();
      post({
        type: 'progress',
        done: Math.min(offset + SLICE, file.size),
        total: file.size,
        output: run.feed(decoder.decode(bytes, { stream: true })),
      });
    }
    const output = run.feed(decoder.decode()) + run.finish();
    post({ type: 'done', output, counts: run.counts() });
  } catch (e) {
    post({ type: 'failed', message: String(e) });
  }
};
