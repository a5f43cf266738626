// The iframe mode (docs/EMBEDDING.md): frame.html?host=<host origin>&lang=…&layout=…&vin=…
// Messages both ways are { protocol: 'evexport', version: 1, type, … }. The frame listens only to
// the host origin it was given and to its parent window, and posts only to that origin.
// The element comes from ev-export-check.js, loaded by frame.html before this script with its own
// integrity hash (scripts/package.mjs); a module import could not carry one.
await customElements.whenDefined('ev-export-check');

const PROTOCOL = 'evexport';
const LANGS = ['en', 'zh', 'ru', 'es', 'pt-BR', 'ar'];
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
  if (message.version !== VERSION)
    return post('error', {
      error: { code: 'unsupported_version', field: '/version', message: `this frame speaks version ${VERSION}` },
    });
  try {
    if (message.type === 'request') check.request = message.request;
    else if (message.type === 'lang') {
      // Only a language the element offers: anything else is answered, never applied or thrown on.
      if (typeof message.lang !== 'string' || !LANGS.includes(message.lang))
        post('error', {
          error: { code: 'invalid_field', field: '/lang', message: `a language of ${LANGS.join(', ')}` },
        });
      else check.setAttribute('lang', message.lang);
    } else
      post('error', {
        error: {
          code: 'unknown_message',
          field: '/type',
          message: `unknown message type ${
            typeof message.type === 'string' ? message.type.slice(0, 64) : typeof message.type
          }`,
        },
      });
  } catch {
    post('error', { error: { code: 'invalid_message', field: '', message: 'the message could not be read' } });
  }
});

check.addEventListener('evexport-ready', (e) => post('ready', { detail: e.detail }));
check.addEventListener('evexport-change', (e) => post('change', { request: e.detail }));
check.addEventListener('evexport-result', (e) => post('result', { result: e.detail }));
check.addEventListener('evexport-error', (e) => post('error', { error: e.detail }));

// Height messages, so that the host can size the iframe to its content.
let last = 0;
new ResizeObserver(() => {
  const height = Math.ceil(document.documentElement.scrollHeight);
  if (height !== last) {
    last = height;
    post('height', { height });
  }
}).observe(document.body);
