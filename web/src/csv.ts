// Reading the batch answers (CSV the core wrote: RFC 4180, rows always complete) and writing them
// out again as JSON Lines.
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const endField = () => {
    row.push(field);
    field = '';
  };
  const endRow = () => {
    endField();
    rows.push(row);
    row = [];
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') endField();
    else if (c === '\n') endRow();
    else field += c;
  }
  if (field !== '' || row.length) endRow();
  return rows;
}

export interface AnswerRow {
  cells: string[]; // as written: id, verdict, licence_required, warnings, missing, error, error_field, passed-through columns
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
  return rows
    .map(({ cells }) => {
      const input: Record<string, string> = {};
      for (let i = 7; i < header.length; i++) input[names[i]] = unguarded(cells[i] ?? '');
      return JSON.stringify({
        id: unguarded(cells[0]),
        verdict: cells[1] || null,
        licence_required: cells[2] === '' ? null : cells[2] === 'true',
        warnings: list(cells[3]),
        missing: list(cells[4]),
        error: cells[5] ? { code: cells[5], field: cells[6] } : null,
        input,
      });
    })
    .join('\n')
    .concat(rows.length ? '\n' : '');
}
