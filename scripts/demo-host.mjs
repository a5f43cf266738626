// The demo host: an invented car portal on a second origin (web/demo/), embedding the widget from
// the site's origin under the strict Content-Security-Policy docs/EMBEDDING.md gives hosts.
// node scripts/demo-host.mjs [WIDGET_ORIGIN] [PORT]
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { startServer } from './server.mjs';

const root = new URL('..', import.meta.url).pathname;

// The policies a host sends: the element needs the widget's origin for scripts and fetches, and
// 'wasm-unsafe-eval'; the iframe mode needs only frame-src.
export const elementPolicy = (widget) =>
  `default-src 'none'; script-src 'self' ${widget} 'wasm-unsafe-eval'; connect-src ${widget}; ` +
  `style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'`;
export const framePolicy = (widget) =>
  `default-src 'none'; script-src 'self'; frame-src ${widget}; ` +
  `style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'`;

export async function startDemoHost({ widgetOrigin, port = 8081, host = '127.0.0.1' }) {
  const { version, files } = JSON.parse(readFileSync(`${root}build/site/embed/v1/integrity.json`, 'utf8'));
  const server = await startServer({
    root: `${root}web/demo`,
    host,
    port,
    headers: (path) => ({
      'Content-Security-Policy': path.endsWith('iframe.html') ? framePolicy(widgetOrigin) : elementPolicy(widgetOrigin),
      'Cache-Control': 'no-cache',
    }),
    rewrite: (path, bytes, req) =>
      ['.html', '.js'].includes(extname(path))
        ? Buffer.from(
            bytes
              .toString('utf8')
              .replaceAll('%WIDGET_ORIGIN%', widgetOrigin)
              .replaceAll('%WIDGET_VERSION%', version)
              .replaceAll('%WIDGET_INTEGRITY%', files['ev-export-check.js'])
              .replaceAll('%HOST_ORIGIN%', encodeURIComponent(`http://${req.headers.host}`)),
          )
        : bytes,
  });
  return server;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const widgetOrigin = process.argv[2] ?? 'http://127.0.0.1:8080';
  const server = await startDemoHost({ widgetOrigin, port: Number(process.argv[3] ?? 8081) });
  const { address, port } = server.address();
  console.log(`Demo host (a portal embedding the widget from ${widgetOrigin}): http://${address}:${port}/`);
}
