// The request's fields as the core defines them: docs/request.schema.json, which `evexport schema`
// writes from the field table every reader of requests uses (tests/js/contract.test.mjs holds the
// two equal). The form and the widget take their field lists and enum values from here.
import schema from '../../docs/request.schema.json';

export type Kind = 'text' | 'date' | 'enum' | 'bool' | 'list';
export interface RequestField {
  path: string; // dotted path in the request; the JSON Pointer is the same with slashes
  column: string; // its column in a batch CSV, and the widget's attribute
  kind: Kind;
  values: string[]; // an enum's values
}

interface Node {
  properties?: Record<string, Node>;
  type?: string | string[];
  enum?: (string | null)[];
  format?: string;
  'x-csv-column'?: string;
}

function leaves(node: Node, prefix: string): RequestField[] {
  return Object.entries(node.properties ?? {}).flatMap(([name, sub]) => {
    const path = prefix ? `${prefix}.${name}` : name;
    if (sub.properties) return leaves(sub, path);
    const values = (sub.enum ?? []).filter((v): v is string => v !== null);
    // A list (the seller's papers) is an array, or one text with its items separated by commas.
    const kind: Kind = sub.type?.includes('array')
      ? 'list'
      : sub.enum
        ? 'enum'
        : sub.type?.includes('boolean')
          ? 'bool'
          : sub.format === 'date'
            ? 'date'
            : 'text';
    return [{ path, column: sub['x-csv-column'] ?? name, kind, values }];
  });
}

export const REQUEST_FIELDS: readonly RequestField[] = leaves(schema as unknown as Node, '');
const byPath = new Map(REQUEST_FIELDS.map((f) => [f.path, f]));
const byColumn = new Map(REQUEST_FIELDS.map((f) => [f.column, f]));

/** A field by its batch column name (also the widget's attribute and the short link's key), or undefined. */
export const fieldByColumn = (column: string): RequestField | undefined => byColumn.get(column);

/** A field of the request by its dotted path; a path the core does not know is a build error in waiting. */
export function requestField(path: string): RequestField {
  const field = byPath.get(path);
  if (!field) throw new Error(`no request field "${path}" in docs/request.schema.json`);
  return field;
}
