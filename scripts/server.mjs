// A small static server for build/site: the right types for .wasm and .mjs, a strict
// Content-Security-Policy, for the widget (embed/) the CORS headers a page on another origin
// needs to load it, and text and wasm sent gzipped as any host would. Used by scripts/serve and by
// the browser tests and benchmarks.
import { createReadStream, readFileSync, realpathSync, statSync } from 'node:fs';
import { STATUS_CODES, createServer } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { gzipSync } from 'node:zlib';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.txt': 'text/plain; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
};

// What is sent gzipped to a browser that takes it: the types that shrink (docs/BENCHMARKS.md counts
// the download gzipped). Each file is compressed once, and again only when it changes.
const GZIP = new Set(['.html', '.js', '.mjs', '.css', '.json', '.wasm', '.svg', '.txt', '.csv', '.webmanifest']);
const gzipped = new Map(); // path -> { key, bytes }
function gzipOf(path, stat) {
  const key = `${stat.mtimeMs}:${stat.size}`;
  const cached = gzipped.get(path);
  if (cached?.key === key) return cached.bytes;
  const bytes = gzipSync(readFileSync(path));
  gzipped.set(path, { key, bytes });
  return bytes;
}

// No inline script, no eval; WebAssembly compilation allowed; nothing loaded from elsewhere.
export const CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'self'",
].join('; ');

// The iframe mode's page may be framed by any host; everything else only by this site.
const FRAME_CSP = CSP.replace("frame-ancestors 'self'", 'frame-ancestors *');

// The headers of the site's files. The widget's files (embed/) may be loaded from any origin: a
// module script and the fetches of its .wasm and translations are CORS requests. embed/v1/ follows
// the 1.x releases; embed/v<x.y.z>/ is one release and never changes.
function siteHeaders(path, base) {
  const at = path.slice(base.length).split(sep).join('/');
  const embed = at.startsWith('/embed/');
  const release = /^\/embed\/v\d+\.\d+\.\d+\//.test(at);
  return {
    'Content-Security-Policy': embed && at.endsWith('.html') ? FRAME_CSP : CSP,
    ...(embed ? { 'Access-Control-Allow-Origin': '*', 'Cross-Origin-Resource-Policy': 'cross-origin' } : {}),
    'Cache-Control':
      release || at.startsWith('/assets/')
        ? 'public, max-age=31536000, immutable'
        : embed
          ? 'public, max-age=300'
          : 'no-cache',
  };
}

// Serves the files under `root`; `headers(path, base)` adds to the common headers, and `rewrite`
// may change a file's text before it is sent (the demo host fills in the widget's origin).
// Sent with every answer, errors included: no sniffing, no referrer, no powerful features, and the
// page in its own browsing-context group.
const COMMON = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()',
  'Cross-Origin-Opener-Policy': 'same-origin',
};

export function startServer({ root, host = '127.0.0.1', port = 8080, headers = siteHeaders, rewrite } = {}) {
  const base = realpathSync(resolve(root));
  const fail = (res, status, extra = {}) =>
    res
      .writeHead(status, {
        ...COMMON,
        'Content-Security-Policy': CSP,
        'Content-Type': 'text/plain; charset=utf-8',
        ...extra,
      })
      .end(STATUS_CODES[status]);
  const server = createServer((req, res) => {
    // A static site answers GET and HEAD only.
    if (req.method !== 'GET' && req.method !== 'HEAD') return fail(res, 405, { Allow: 'GET, HEAD' });
    let path;
    try {
      const url = new URL(req.url ?? '/', 'http://localhost');
      path = normalize(join(base, decodeURIComponent(url.pathname)));
    } catch {
      return fail(res, 400);
    }
    if (path.includes('\0')) return fail(res, 400);
    if (path !== base && !path.startsWith(base + sep)) return fail(res, 403);
    let stat;
    try {
      stat = statSync(path);
      if (stat.isDirectory()) {
        path = join(path, 'index.html');
        stat = statSync(path);
      }
      // Resolved through any symbolic link, the file must still be under the root.
      path = realpathSync(path);
    } catch {
      return fail(res, 404);
    }
    if (path !== base && !path.startsWith(base + sep)) return fail(res, 403);
    if (!stat.isFile()) return fail(res, 404);
    const zip = GZIP.has(extname(path)) && /\bgzip\b/.test(req.headers['accept-encoding'] ?? '');
    const rewritten = rewrite ? rewrite(path, readFileSync(path), req) : null;
    const body = zip ? (rewritten ? gzipSync(rewritten) : gzipOf(path, stat)) : rewritten;
    res.writeHead(200, {
      'Content-Type': TYPES[extname(path)] ?? 'application/octet-stream',
      'Content-Length': body ? body.length : stat.size,
      ...(zip ? { 'Content-Encoding': 'gzip' } : {}),
      ...(GZIP.has(extname(path)) ? { Vary: 'Accept-Encoding' } : {}),
      ...COMMON,
      ...headers(path, base),
    });
    if (req.method === 'HEAD') return res.end();
    if (body) res.end(body);
    else createReadStream(path).pipe(res);
  });
  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolvePromise(server));
  });
}

// node scripts/server.mjs [ROOT] [PORT]
if (import.meta.url === `file://${process.argv[1]}`) {
  const root = process.argv[2] ?? 'build/site';
  const port = Number(process.argv[3] ?? 8080);
  const server = await startServer({ root, port });
  const { address, port: bound } = server.address();
  console.log(`EV Export Check: http://${address}:${bound}/  (serving ${root}; Ctrl-C to stop)`);
}
