// Reading the batch answers (CSV the core wrote: RFC 4180, rows always complete) and writing them
// out again as JSON Lines. A run of 100,000 rows keeps one string per row, not one per cell: reading
// every cell of every row kept the page's collector busier than the core (docs/BENCHMARKS.md).
// One record's cells. A record without a quote (almost every answer) is split at its commas.
export function parseRecord(record: string): string[] {
  if (!record.includes('"')) return record.split(',');
  const cells: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < record.length; i++) {
    const c = record[i];
    if (quoted) {
      if (c === '"' && record[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      cells.push(field);
      field = '';
    } else field += c;
  }
  cells.push(field);
  return cells;
}

/** The byte offset just past the first `n` records of UTF-8 CSV bytes, read as splitRecords reads text:
 * a line break outside quotes ends one. The page reads so many answers without decoding the rest. */
export function afterRecords(bytes: Uint8Array, n: number): number {
  let quoted = false;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] === 0x22) quoted = !quoted;
    else if (bytes[i] === 0x0a && !quoted && --n === 0) return i + 1;
  }
  return bytes.length;
}

// The records of CSV text the core wrote (whole records, each ending in a line break), as text: a
// line break inside quotes (an even number of quotes before it ends a record) stays in its record.
export function splitRecords(text: string): string[] {
  const records: string[] = [];
  let start = 0;
  let quotes = 0;
  // The next quote is looked for once, not again for every line (most lines have none).
  let quote = text.indexOf('"');
  for (let at = 0; at < text.length; ) {
    const end = text.indexOf('\n', at);
    if (end < 0) break;
    while (quote >= 0 && quote < end) {
      quotes++;
      quote = text.indexOf('"', quote + 1);
    }
    at = end + 1;
    if (quotes % 2 === 0) {
      records.push(text.slice(start, end));
      start = at;
      quotes = 0;
    }
  }
  if (start < text.length) records.push(text.slice(start));
  return records;
}

/** One answer: the record as the core wrote it, and its verdict ("error" for a row that could not be
 * read); the cells are read from the record only when they are shown or downloaded. */
export interface AnswerRow {
  record: string;
  verdict: string;
}

// The cells as written: id, verdict, licence_required, warnings, missing, error, error_field, (with
// destination data) destination_entry, destination_charges_percent, destination_total, then vin, make,
// model, message, (with a link base) link, then the passed-through columns.
export const cellsOf = (row: AnswerRow) => parseRecord(row.record);

export function answerRow(record: string): AnswerRow {
  // Most records have no quote, and their verdict and error are the 2nd and 6th cells.
  let cells: string[];
  if (record.includes('"')) cells = parseRecord(record);
  else {
    cells = [];
    for (let at = 0, n = 0; n < 6; n++) {
      const comma = record.indexOf(',', at);
      cells.push(record.slice(at, comma < 0 ? record.length : comma));
      if (comma < 0) break;
      at = comma + 1;
    }
  }
  return { record, verdict: cells[5] ? 'error' : (cells[1] ?? '') };
}

/** A cell as the input had it: the core writes a cell that a spreadsheet would run as a formula
 * with a leading apostrophe (OWASP); JSON is never run, so JSON Lines carry the value itself. */
export const unguarded = (cell: string) => (/^'[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell);

/** The answers as JSON Lines: the answer's own members, and the passed-through input columns under
 * their own key, `input`, by their names in the input file (`renamed` maps the CSV's names back),
 * so that no input column can stand in for the answer. */
export function toJsonLines(header: string[], rows: AnswerRow[], renamed: [string, string][] = []): string {
  const list = (s: string) => (s ? s.split(';') : []);
  const original = new Map(renamed.map(([from, to]) => [to, from]));
  const names = header.map((name) => unguarded(original.get(name) ?? name));
  // With destination data the answer has three more columns (issue 14): destination_entry,
  // destination_charges_percent, destination_total. The input's own columns follow the answer's last,
  // message or link (issue 16).
  const destination = header[7] === 'destination_entry';
  const at = (name: string) => header.indexOf(name);
  const first = (at('link') >= 0 ? at('link') : at('message')) + 1;
  const number = (s: string) => (s === '' ? null : Number(s));
  return rows
    .map((row) => {
      const cells = cellsOf(row);
      const input: Record<string, string> = {};
      for (let i = first; i < header.length; i++) input[names[i]] = unguarded(cells[i] ?? '');
      const answer: Record<string, unknown> = {
        id: unguarded(cells[0]),
        verdict: cells[1] || null,
        licence_required: cells[2] === '' ? null : cells[2] === 'true',
        warnings: list(cells[3]),
        missing: list(cells[4]),
        error: cells[5] ? { code: cells[5], field: cells[6] } : null,
        vin: unguarded(cells[at('vin')] ?? ''),
        make: unguarded(cells[at('make')] ?? ''),
        model: unguarded(cells[at('model')] ?? ''),
        message: unguarded(cells[at('message')] ?? ''),
      };
      if (at('link') >= 0) answer.link = cells[at('link')];
      if (destination)
        answer.destination = cells[7]
          ? { entry: cells[7], charges_percent: number(cells[8]), total: number(cells[9]) }
          : null;
      answer.input = input;
      return JSON.stringify(answer);
    })
    .join('\n')
    .concat(rows.length ? '\n' : '');
}
