// The iframe mode (docs/EMBEDDING.md): frame.html?host=<host origin>&lang=…&layout=…&vin=…
// Messages both ways are { protocol: 'evexport', version: 1, type, … }. The frame listens only to
// the host origin it was given and to its parent window, and posts only to that origin.
import './ev-export-check.js';

const PROTOCOL = 'evexport';
const VERSION = 1;
const params = new URLSearchParams(location.search);
const check = document.createElement('ev-export-check');
check.id = 'check';

let host = null;
try {
  const origin = new URL(params.get('host') ?? '').origin;
  if (origin !== 'null') host = origin;
} catch {
  /* no host: the frame shows the check but talks to no one */
}

// Only the element's own attributes are taken from the address.
const allowed = new Set(customElements.get('ev-export-check').observedAttributes);
for (const [name, value] of params) if (allowed.has(name)) check.setAttribute(name, value);
document.body.append(check); // started with the attributes the address gives

const post = (type, payload = {}) => {
  if (host && parent !== window) parent.postMessage({ protocol: PROTOCOL, version: VERSION, type, ...payload }, host);
};

addEventListener('message', (event) => {
  if (event.origin !== host || event.source !== parent) return;
  const message = event.data;
  if (!message || message.protocol !== PROTOCOL) return;
  if (message.version !== VERSION) return post('error', { error: { code: 'unsupported_version', field: '/version', message: `this frame speaks version ${VERSION}` } });
  if (message.type === 'request') check.request = message.request;
  else if (message.type === 'lang') check.setAttribute('lang', String(message.lang));
  else post('error', { error: { code: 'unknown_message', field: '/type', message: `unknown message type ${JSON.stringify(message.type)}` } });
});

check.addEventListener('evexport-ready', (e) => post('ready', { detail: e.detail }));
check.addEventListener('evexport-change', (e) => post('change', { request: e.detail }));
check.addEventListener('evexport-result', (e) => post('result', { result: e.detail }));
check.addEventListener('evexport-error', (e) => post('error', { error: e.detail }));

// Height messages, so that the host can size the iframe to its content.
let last = 0;
new ResizeObserver(() => {
  const height = Math.ceil(document.documentElement.scrollHeight);
  if (height !== last) post('height', { height: (last = height) });
}).observe(document.body);
