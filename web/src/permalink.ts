// index.html#request=<URL-encoded request JSON>&rules=<ruleset version>: a check that can be
// shared, with the version of the rules it was made with (so that a reader is told what changed
// since). A fragment never reaches a server.
import type { Request } from './checker';

const PREFIX = '#request=';

const RULES = '&rules=';

export function readPermalink(hash = location.hash): { request?: Request; text?: string; rules?: string } {
  if (!hash.startsWith(PREFIX)) return {};
  // The request is URL-encoded, so a literal "&rules=" can only be ours.
  const at = hash.indexOf(RULES);
  const encoded = hash.slice(PREFIX.length, at < 0 ? undefined : at);
  const version = at < 0 ? '' : hash.slice(at + RULES.length);
  const rules = /^[0-9]{1,6}(\.[0-9]{1,6}){0,3}$/.test(version) ? version : undefined;
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
