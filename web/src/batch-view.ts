// Check a whole inventory: pick or drop a CSV or JSON Lines file, watch it go through in a worker,
// filter the answers, download them. The file is read here, in the browser, and never uploaded.
import { h } from './dom';
import { t, type Lang } from './i18n';
import { answerRow, cellsOf, parseRecord, splitRecords, toJsonLines, type AnswerRow } from './csv';
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

export class BatchView {
  private worker?: Worker;
  private header: string[] = [];
  private rows: AnswerRow[] = []; // the answers read so far: the table's first ones at once
  private unread: Bytes[] = []; // answers not yet read into rows, until a filter or a download asks
  private total = 0; // rows answered (the core's count)
  private counts = new Map<string, number>(); // by verdict ("error" too), as the core counts them
  private drawing = false;
  private shown = ''; // what the table shows: language, filter, how many rows and the first
  private spare?: Worker; // readied before a file is chosen
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
    this.worker = this.spare ?? this.newWorker();
    this.spare = undefined;
    this.worker.onmessage = (e: MessageEvent<BatchMessage>) => this.receive(e.data);
    performance.mark('evexport:batch-start');
    // Each row's message in the reader's language, and its link to this page with its request.
    const job: BatchJob = { file, format, lang: this.lang, link: location.href.split('#')[0] };
    this.worker.postMessage(job);
    this.el.progress.hidden = false;
    this.el.progress.value = 0;
    this.el.cancel.hidden = false;
    this.el.csv.disabled = this.el.jsonl.disabled = true;
    this.el.status.textContent = `${t(this.lang, 'batchReading')} ${file.name}`;
    this.draw();
  }

  // A worker whose core starts loading now: made when the batch section comes into view or is
  // reached for, so that a file chosen then starts at once (a worker per page otherwise unused would
  // cost every reader a second core's memory).
  prepare() {
    if (this.spare || this.worker) return;
    const worker = this.newWorker();
    worker.onmessage = (e: MessageEvent<BatchMessage>) => {
      if (e.data.type === 'ready') this.root.dataset.ready = 'true';
    };
    this.spare = worker;
  }

  private newWorker() {
    const worker = new Worker(new URL('./batch-worker.ts', import.meta.url), { type: 'module' });
    worker.postMessage({});
    return worker;
  }

  // Ends the run. A worker that finished its file is kept for the next one (its core is loaded);
  // one stopped midway is ended.
  private stop(message?: string, finished = false) {
    if (this.worker) this.worker.onmessage = null; // nothing it had queued reaches the next run
    if (finished && this.worker && !this.spare) this.spare = this.worker;
    else this.worker?.terminate();
    this.worker = undefined;
    this.el.cancel.hidden = true;
    this.el.progress.hidden = true;
    if (message) this.el.status.textContent = message;
  }

  private receive(message: BatchMessage) {
    if (message.type === 'ready') return;
    if (message.type === 'failed') return this.stop(message.message);
    if (message.type === 'unreadable') return this.stop(t(this.lang, 'batchUnreadable'));
    for (const output of message.type === 'done' ? message.output : [message.output]) this.take(output);
    if (message.type === 'progress') {
      if (!('error' in message.counts)) this.count(message.counts);
      this.el.progress.value = message.done / message.total;
      this.el.status.textContent = `${t(this.lang, 'batchRows')}: ${this.total}`;
      this.drawSoon();
      return;
    }
    const counts = message.counts;
    if ('error' in counts) return this.stop(counts.error.message);
    this.count(counts);
    this.stop(undefined, true);
    performance.mark('evexport:batch-done');
    this.root.dataset.workerMs = message.ms.toFixed(0);
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
  // at once; the rest when a filter or the JSON Lines download needs them (reading every answer as it
  // came was a fifth of a large batch's time, docs/BENCHMARKS.md).
  private take(output: Bytes) {
    if (!output.length) return;
    this.outputCsv.push(output);
    if (this.rows.length < SHOWN) this.read(output);
    else this.unread.push(output);
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

  private count(counts: BatchCounts) {
    this.total = counts.rows;
    this.counts = new Map(VERDICTS.map((v) => [v, v === 'error' ? counts.errors : counts[v]]));
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
