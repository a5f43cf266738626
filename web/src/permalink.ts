// index.html#request=<URL-encoded request JSON>: a check that can be shared. A fragment never
// reaches a server.
import type { Request } from './checker';

const PREFIX = '#request=';

export function readPermalink(hash = location.hash): { request?: Request; text?: string } {
  if (!hash.startsWith(PREFIX)) return {};
  let text: string;
  try {
    text = decodeURIComponent(hash.slice(PREFIX.length));
  } catch {
    return { text: hash.slice(PREFIX.length) };
  }
  try {
    const value = JSON.parse(text);
    if (value && typeof value === 'object' && !Array.isArray(value)) return { request: value as Request, text };
  } catch {
    /* reported by the core as invalid_json */
  }
  return { text };
}

export function permalinkFor(request: Request): string {
  const url = new URL(location.href);
  url.hash = `request=${encodeURIComponent(JSON.stringify(request))}`;
  return url.href;
}

export function writePermalink(request: Request) {
  const url = permalinkFor(request);
  if (url !== location.href) history.replaceState(null, '', url);
}
