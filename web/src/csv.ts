// Reading the batch answers (CSV the core wrote: RFC 4180, rows always complete) and writing them
// out again as JSON Lines.
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(field), (field = '');
    else if (c === '\n') row.push(field), rows.push(row), (row = []), (field = '');
    else field += c;
  }
  if (field !== '' || row.length) row.push(field), rows.push(row);
  return rows;
}

export interface AnswerRow {
  cells: string[]; // as written: id, verdict, licence_required, warnings, missing, error, error_field, passed-through columns
}

export function toJsonLines(header: string[], rows: AnswerRow[]): string {
  const list = (s: string) => (s ? s.split(';') : []);
  return rows
    .map(({ cells }) => {
      const o: Record<string, unknown> = {
        id: cells[0],
        verdict: cells[1] || null,
        licence_required: cells[2] === '' ? null : cells[2] === 'true',
        warnings: list(cells[3]),
        missing: list(cells[4]),
        error: cells[5] ? { code: cells[5], field: cells[6] } : null,
      };
      for (let i = 7; i < header.length; i++) o[header[i]] = cells[i] ?? '';
      return JSON.stringify(o);
    })
    .join('\n')
    .concat(rows.length ? '\n' : '');
}
