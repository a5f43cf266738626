// index.html#request=<URL-encoded request JSON>&rules=<ruleset version>: a check that can be
// shared, with the version of the rules it was made with (so that a reader is told what changed
// since). A fragment never reaches a server.
// A batch row's link is the short form, index.html#vin=…&make=…: the batch's column names, as the
// widget's attributes (docs/CONTRACT.md), read here into the request they stand for.
import type { Request } from './checker';
import { fieldByColumn } from './fields';
import { setPath } from './form';

const PREFIX = '#request=';

const RULES = '&rules=';
const VERSION = /^[0-9]{1,6}(\.[0-9]{1,6}){0,3}$/;

type Permalink = { request?: Request; text?: string; rules?: string };

// The short form, read as a form's query is (URLSearchParams: percent-encoding, and a + for a space,
// which the core never writes raw): each pair a field by its column; a flag written true or false is a
// boolean; a key that names no field is left out, as the core leaves out a member of the long form
// it does not know. The text is the JSON of that request, evaluated as written.
function readShort(hash: string): Permalink {
  const request: Record<string, unknown> = {};
  let rules: string | undefined;
  for (const [key, value] of new URLSearchParams(hash.slice(1))) {
    if (key === 'rules') rules = VERSION.test(value) ? value : undefined;
    else {
      // Only the fields' own names: a key such as "__proto__" names none.
      const field = fieldByColumn(key);
      const flag = field?.kind === 'bool' && (value === 'true' || value === 'false') ? value === 'true' : undefined;
      if (field) setPath(request, field.path, flag ?? value);
    }
  }
  return { request: request as Request, text: JSON.stringify(request), rules };
}

export function readPermalink(hash = location.hash): Permalink {
  if (!hash.startsWith(PREFIX)) return hash.includes('=') ? readShort(hash) : {};
  // The request is URL-encoded, so a literal "&rules=" can only be ours.
  const at = hash.indexOf(RULES);
  const encoded = hash.slice(PREFIX.length, at < 0 ? undefined : at);
  const version = at < 0 ? '' : hash.slice(at + RULES.length);
  const rules = VERSION.test(version) ? version : undefined;
  let text: string;
  try {
    text = decodeURIComponent(encoded);
  } catch {
    return { text: encoded, rules };
  }
  try {
    const value = JSON.parse(text);
    if (value && typeof value === 'object' && !Array.isArray(value)) return { request: value as Request, text, rules };
  } catch {
    /* reported by the core as invalid_json */
  }
  return { text, rules };
}

export function permalinkFor(request: Request, rules?: string): string {
  const url = new URL(location.href);
  url.hash = `request=${encodeURIComponent(JSON.stringify(request))}${rules ? RULES + rules : ''}`;
  return url.href;
}

export function writePermalink(request: Request, rules?: string) {
  const url = permalinkFor(request, rules);
  if (url !== location.href) history.replaceState(null, '', url);
}
