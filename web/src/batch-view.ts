// Check a whole inventory: pick or drop a CSV or JSON Lines file, watch it go through in a worker,
// filter the answers, download them. The file is read here, in the browser, and never uploaded.
import { h } from './dom';
import { t, type Lang } from './i18n';
import { afterRecords, answerRow, cellsOf, parseRecord, splitRecords, toJsonLines, type AnswerRow } from './csv';
import type { BatchJob, BatchMessage, Bytes, Encoding } from './batch-worker';
import type { BatchCounts, Destination } from './checker';

type Entry = Destination['entry'];

const ENCODING_NAMES: Record<Encoding, string> = {
  'utf-8': 'UTF-8',
  'utf-16le': 'UTF-16',
  'utf-16be': 'UTF-16 (big-endian)',
  gb18030: 'GBK / GB18030',
};
const utf8 = new TextDecoder();
const SHOWN = 200; // rows drawn in the table at a time; the downloads hold them all
const VERDICTS = ['permitted', 'conditional', 'not_permitted', 'undetermined', 'error'] as const;
// A file of this size or more is shared by two workers where the device has two cores: each reads it
// from the start and answers the rows of its part (the JS API's batch option `part`), so a large
// batch takes little more than half the time (docs/BENCHMARKS.md). The second also reads the first
// part, to number its rows and find where they end, at a fraction of the cost of answering them:
// the split is past the middle so that both finish together (at 54 % the first still took 20-40 ms
// longer, each worker timed in the page, docs/BENCHMARKS.md).
const SPLIT_MIN = 1 << 20;
const SPLIT_AT = 0.52;
const workersWanted = () => ((navigator.hardwareConcurrency ?? 1) > 1 ? 2 : 1);

// One worker's share of a run: its part of the file, how far it has read, its latest counts, and
// the answers it sent before the parts ahead of it had finished (they are joined in order).
interface Part {
  worker: Worker;
  from: number;
  until: number;
  read: number;
  counts?: BatchCounts;
  held: Bytes[];
  finished: boolean;
  ms: number;
}

export class BatchView {
  private parts: Part[] = []; // the run's workers, in the order of their parts
  private header: string[] = [];
  private rows: AnswerRow[] = []; // the answers read so far: the table's first ones at once
  private unread: Bytes[] = []; // answers not yet read into rows, until a filter or a download asks
  private total = 0; // rows answered (the core's count)
  private counts = new Map<string, number>(); // by verdict ("error" too), as the core counts them
  private drawing = false;
  private shown = ''; // what the table shows: language, filter, how many rows and the first
  private spares: Worker[] = []; // readied before a file is chosen
  private size = 0; // of the file being read
  private outputCsv: Bytes[] = []; // the answers' CSV as the core wrote it, for the download
  private renamed: [string, string][] = []; // input columns written under another name (the core's counts)
  private filter = '';
  private lang: Lang = 'en';
  private readonly el = {
    input: h('input', {
      type: 'file',
      id: 'batch-file',
      accept: '.csv,.jsonl,.ndjson,.txt,text/csv,application/x-ndjson',
    }),
    progress: h('progress', { id: 'batch-progress', max: '1', value: '0', hidden: true }),
    status: h('p', { id: 'batch-status', role: 'status', 'aria-live': 'polite' }),
    cancel: h('button', { type: 'button', id: 'batch-cancel', hidden: true }),
    counts: h('ul', { id: 'batch-counts', class: 'counts' }),
    filter: h('select', { id: 'batch-filter' }),
    table: h('table', { id: 'batch-table' }),
    csv: h('button', { type: 'button', id: 'batch-download-csv', disabled: true }),
    jsonl: h('button', { type: 'button', id: 'batch-download-jsonl', disabled: true }),
    labels: [] as [HTMLElement, Parameters<typeof t>[1]][],
  };

  constructor(readonly root: HTMLElement) {
    const label = (tag: HTMLElement, key: Parameters<typeof t>[1]) => {
      this.el.labels.push([tag, key]);
      return tag;
    };
    const drop = h('label', { class: 'drop', for: 'batch-file' }, label(h('span'), 'batchDrop'), this.el.input);
    const template = label(
      h('a', { href: './template.csv', download: 'ev-export-check-template.csv' }),
      'batchTemplate',
    );
    this.el.filter.addEventListener('change', () => {
      this.filter = this.el.filter.value;
      this.draw();
    });
    this.el.input.addEventListener('change', () => this.el.input.files?.[0] && this.start(this.el.input.files[0]));
    // Reaching for the batch readies its worker (see prepare).
    for (const type of ['pointerenter', 'focusin', 'dragenter']) drop.addEventListener(type, () => this.prepare());
    new IntersectionObserver((entries, observer) => {
      if (!entries.some((e) => e.isIntersecting)) return;
      observer.disconnect();
      this.prepare();
    }).observe(root);
    drop.addEventListener('dragover', (e) => {
      e.preventDefault();
      drop.classList.add('over');
    });
    drop.addEventListener('dragleave', () => drop.classList.remove('over'));
    drop.addEventListener('drop', (e) => {
      e.preventDefault();
      drop.classList.remove('over');
      const file = e.dataTransfer?.files[0];
      if (file) this.start(file);
    });
    this.el.cancel.addEventListener('click', () => this.stop(t(this.lang, 'batchCancelled')));
    this.el.csv.addEventListener('click', () => this.download('csv'));
    this.el.jsonl.addEventListener('click', () => this.download('jsonl'));
    root.replaceChildren(
      label(h('h2', { id: 'h-batch' }), 'batchTitle'),
      label(h('p', { class: 'lead' }), 'batchLead'),
      drop,
      h('p', { class: 'hint' }, template),
      h('div', { class: 'batch-run' }, this.el.progress, this.el.cancel, this.el.status),
      this.el.counts,
      h(
        'div',
        { class: 'batch-tools' },
        h('label', { for: 'batch-filter' }, label(h('span'), 'batchFilter')),
        this.el.filter,
        this.el.csv,
        this.el.jsonl,
      ),
      h('div', { class: 'table-wrap' }, this.el.table),
    );
  }

  setLang(lang: Lang) {
    this.lang = lang;
    for (const [el, key] of this.el.labels) el.textContent = t(lang, key);
    this.el.cancel.textContent = t(lang, 'batchCancel');
    this.el.csv.textContent = t(lang, 'batchDownloadCsv');
    this.el.jsonl.textContent = t(lang, 'batchDownloadJsonl');
    this.draw();
  }

  private start(file: File) {
    this.stop();
    delete this.root.dataset.done;
    this.header = [];
    this.renamed = [];
    this.rows = [];
    this.unread = [];
    this.total = 0;
    this.shown = '';
    this.counts = new Map();
    this.outputCsv = [];
    this.filter = '';
    const format = /\.(jsonl|ndjson)$/i.test(file.name) ? 'jsonl' : 'csv';
    this.size = file.size;
    const count = file.size >= SPLIT_MIN ? workersWanted() : 1;
    const split = Math.round(file.size * SPLIT_AT);
    const bounds = count === 1 ? [0, file.size] : [0, split, file.size];
    this.parts = bounds.slice(1).map((until, i) => {
      const worker = this.spares.shift() ?? this.newWorker();
      const part: Part = { worker, from: bounds[i], until, read: 0, held: [], finished: false, ms: 0 };
      worker.onmessage = (e: MessageEvent<BatchMessage>) => this.receive(e.data, part);
      return part;
    });
    this.root.dataset.workers = String(count);
    performance.mark('evexport:batch-start');
    for (const [i, part] of this.parts.entries()) {
      // Each row's message in the reader's language, and its link to this page with its request.
      const job: BatchJob = { file, format, lang: this.lang, link: location.href.split('#')[0] };
      // The last part runs to the end, whatever the file's text turns out to be.
      if (count > 1) job.part = i < count - 1 ? { from: part.from, until: part.until } : { from: part.from };
      part.worker.postMessage(job);
    }
    this.el.progress.hidden = false;
    this.el.progress.value = 0;
    this.el.cancel.hidden = false;
    this.el.csv.disabled = this.el.jsonl.disabled = true;
    this.el.status.textContent = `${t(this.lang, 'batchReading')} ${file.name}`;
    this.draw();
  }

  // The workers (two where the device has two cores) whose cores start loading now: made when the
  // batch section comes into view or is reached for, so that a file chosen then starts at once
  // (workers made with every page would cost each reader their cores' memory).
  prepare() {
    if (this.spares.length || this.parts.length) return;
    let ready = 0;
    for (let i = 0; i < workersWanted(); i++) {
      const worker = this.newWorker();
      worker.onmessage = (e: MessageEvent<BatchMessage>) => {
        if (e.data.type === 'ready' && ++ready === workersWanted()) this.root.dataset.ready = 'true';
      };
      this.spares.push(worker);
    }
  }

  private newWorker() {
    const worker = new Worker(new URL('./batch-worker.ts', import.meta.url), { type: 'module' });
    worker.postMessage({});
    return worker;
  }

  // Ends the run. Workers that finished their parts are kept for the next one (their cores are
  // loaded); one stopped midway is ended.
  private stop(message?: string, finished = false) {
    for (const { worker } of this.parts) {
      worker.onmessage = null; // nothing it had queued reaches the next run
      if (finished && this.spares.length < workersWanted()) this.spares.push(worker);
      else worker.terminate();
    }
    this.parts = [];
    this.el.cancel.hidden = true;
    this.el.progress.hidden = true;
    if (message) this.el.status.textContent = message;
  }

  private receive(message: BatchMessage, part: Part) {
    if (message.type === 'ready') return;
    if (message.type === 'failed') return this.stop(message.message);
    if (message.type === 'unreadable') return this.stop(t(this.lang, 'batchUnreadable'));
    if ('error' in message.counts) return this.stop(message.counts.error.message);
    part.counts = message.counts;
    part.held.push(...(message.type === 'done' ? message.output : [message.output]));
    if (message.type === 'done') {
      part.finished = true;
      part.ms = message.ms;
    } else part.read = message.done;
    // Answers join in the parts' order: a part's are taken once every part ahead of it has finished.
    for (const p of this.parts) {
      for (const output of p.held.splice(0)) this.take(output);
      if (!p.finished) break;
    }
    const counts = this.count();
    if (message.type === 'progress') {
      const read = this.parts.reduce((n, p) => n + Math.max(0, Math.min(p.read, p.until) - p.from), 0);
      this.el.progress.value = read / this.size;
      this.el.status.textContent = `${t(this.lang, 'batchRows')}: ${this.total}`;
      this.drawSoon();
      return;
    }
    if (!this.parts.every((p) => p.finished)) return;
    const ms = Math.max(...this.parts.map((p) => p.ms));
    this.stop(undefined, true);
    performance.mark('evexport:batch-done');
    this.root.dataset.workerMs = ms.toFixed(0);
    this.renamed = counts.renamed ?? [];
    // An input column named like one of the answer's (verdict, error…) is passed through renamed,
    // and the reader is told, so that no one takes it for the answer.
    const renames = this.renamed.map(([from, to]) => `${from} → ${to}`).join(', ');
    // How the file was read, so that a reader can see a spreadsheet's separator, its dates and the
    // columns no field has (a misspelt header) before trusting the answers.
    const read = counts.read;
    const notes = [
      message.encoding !== 'utf-8' ? `${t(this.lang, 'batchReadEncoding')}: ${ENCODING_NAMES[message.encoding]}` : '',
      read && read.separator !== ','
        ? `${t(this.lang, 'batchReadSeparator')}: ${read.separator === '\t' ? '⇥' : read.separator}`
        : '',
      read?.date_forms.length ? `${t(this.lang, 'batchReadDates')}: ${read.date_forms.join(', ')}` : '',
      read?.unknown_columns.length ? `${t(this.lang, 'batchReadUnknown')}: ${read.unknown_columns.join(', ')}` : '',
      renames ? `${t(this.lang, 'batchRenamed')}: ${renames}` : '',
    ].filter(Boolean);
    this.el.status.textContent = [
      `${t(this.lang, 'batchDone')}: ${counts.rows} ${t(this.lang, 'batchRowsChecked')}`,
      ...notes,
    ].join('. ');
    this.root.dataset.done = 'true';
    this.el.csv.disabled = this.el.jsonl.disabled = false;
    this.draw();
  }

  // Output arrives in whole rows; the first row of all is the header. The table's first rows are read
  // at once, as far as the table shows them; the rest when a filter or the JSON Lines download needs
  // them (reading every answer as it came was a fifth of a large batch's time, docs/BENCHMARKS.md).
  private take(output: Bytes) {
    if (!output.length) return;
    this.outputCsv.push(output);
    if (this.rows.length >= SHOWN) return void this.unread.push(output);
    const end = afterRecords(output, SHOWN - this.rows.length + (this.header.length ? 0 : 1));
    this.read(output.subarray(0, end));
    if (end < output.length) this.unread.push(output.subarray(end));
  }

  private read(output: Bytes) {
    const records = splitRecords(utf8.decode(output));
    if (!this.header.length && records.length) this.header = parseRecord(records.shift()!);
    for (const record of records) this.rows.push(answerRow(record));
  }

  private allRows(): AnswerRow[] {
    for (const output of this.unread.splice(0)) this.read(output);
    return this.rows;
  }

  // The parts' counts added up; how the file was read is the first part's (it read the header), with
  // the date forms any part met.
  private count(): BatchCounts {
    const all = this.parts.flatMap((p) => (p.counts && !('error' in p.counts) ? [p.counts] : []));
    const sum = (key: 'rows' | 'errors' | Exclude<(typeof VERDICTS)[number], 'error'>) =>
      all.reduce((n, c) => n + c[key], 0);
    const first = all[0];
    const counts: BatchCounts = {
      ...first,
      rows: sum('rows'),
      errors: sum('errors'),
      permitted: sum('permitted'),
      conditional: sum('conditional'),
      not_permitted: sum('not_permitted'),
      undetermined: sum('undetermined'),
      read: first?.read && { ...first.read, date_forms: [...new Set(all.flatMap((c) => c.read.date_forms))] },
    };
    this.total = counts.rows;
    this.counts = new Map(VERDICTS.map((v) => [v, v === 'error' ? counts.errors : counts[v]]));
    return counts;
  }

  // Drawn once per frame however many answers arrive in it.
  private drawSoon() {
    if (this.drawing) return;
    this.drawing = true;
    requestAnimationFrame(() => {
      this.drawing = false;
      this.draw();
    });
  }

  private draw() {
    const lang = this.lang;
    const counts = this.counts;
    this.el.counts.replaceChildren(
      ...VERDICTS.map((v) =>
        h(
          'li',
          { 'data-verdict': v, 'data-count': String(counts.get(v) ?? 0) },
          `${t(lang, `batch.${v}`)}: ${counts.get(v) ?? 0}`,
        ),
      ),
    );
    const options = [h('option', { value: '' }, `${t(lang, 'batchAll')} (${this.total})`)];
    for (const v of VERDICTS)
      options.push(h('option', { value: v }, `${t(lang, `batch.${v}`)} (${counts.get(v) ?? 0})`));
    this.el.filter.replaceChildren(...options);
    this.el.filter.value = this.filter;

    const matching = this.filter ? this.allRows().filter((r) => r.verdict === this.filter) : this.rows;
    const count = this.filter ? matching.length : this.total;
    // For people: the row, its vehicle, the verdict and its reason in words, where it goes, and a link
    // to the calculator with the row's request. The codes (warnings, JSON Pointers) stay in the downloads.
    const at = (name: string) => this.header.indexOf(name);
    const atDestination = at('destination_entry') >= 0;
    const columns: [Parameters<typeof t>[1], (cells: string[]) => Node | string][] = [
      ['batchColRow', (c) => c[0] ?? ''],
      ['batchColVehicle', (c) => [c[at('make')], c[at('model')], c[at('vin')]].filter(Boolean).join(' · ')],
      [
        'batchColVerdict',
        (c) => (c[1] ? t(lang, `batch.${c[1] as (typeof VERDICTS)[number]}`) : t(lang, 'batch.error')),
      ],
      ['batchColMessage', (c) => c[at('message')] ?? ''],
    ];
    if (atDestination)
      columns.push([
        'batchColDestination',
        (c) => (c[at('destination_entry')] ? t(lang, `entry.${c[at('destination_entry')] as Entry}`) : ''),
      ]);
    if (at('link') >= 0)
      columns.push([
        'batchColOpen',
        (c) =>
          c[at('link')] ? h('a', { href: c[at('link')], target: '_blank', rel: 'noopener' }, t(lang, 'batchOpen')) : '',
      ]);
    const heads = columns.map(([key]) => t(lang, key));
    const caption = `${t(lang, 'batchShowing')} ${Math.min(SHOWN, count)} / ${count}`;
    // While answers arrive the rows shown stay the same once there are SHOWN of them: only the
    // caption changes, and the table is not built again (each rebuild laid the page out anew).
    const shown = `${lang}|${this.filter}|${Math.min(SHOWN, matching.length)}|${matching[0]?.record ?? ''}`;
    if (shown === this.shown && this.el.table.caption) {
      this.el.table.caption.textContent = caption;
      return;
    }
    this.shown = shown;
    const body = matching.slice(0, SHOWN).map((row: AnswerRow) => {
      const cells = cellsOf(row);
      // Each cell names its column, which a phone shows beside it when rows become cards (styles.css).
      return h(
        'tr',
        { 'data-verdict': row.verdict },
        ...columns.map(([, cell], k) => h('td', { 'data-label': heads[k] }, cell(cells))),
      );
    });
    this.el.table.replaceChildren(
      h('caption', {}, caption),
      h('thead', {}, h('tr', {}, ...heads.map((name) => h('th', { scope: 'col' }, name)))),
      h('tbody', {}, ...body),
    );
  }

  private download(kind: 'csv' | 'jsonl') {
    const blob =
      kind === 'csv'
        ? // A byte-order mark first: without it Excel reads the file in the system's code page.
          new Blob(['\uFEFF', ...this.outputCsv], { type: 'text/csv;charset=utf-8' })
        : new Blob([toJsonLines(this.header, this.allRows(), this.renamed)], {
            type: 'application/x-ndjson;charset=utf-8',
          });
    const url = URL.createObjectURL(blob);
    const a = h('a', { href: url, download: `ev-export-check-results.${kind}` });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
}
