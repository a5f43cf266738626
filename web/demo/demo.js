// The demo host's own script: it sets the widgets' language and logs their events.
const log = document.getElementById('log');
const note = (text) => log.append(Object.assign(document.createElement('li'), { textContent: text }));

for (const widget of document.querySelectorAll('ev-export-check')) {
  for (const type of ['evexport-ready', 'evexport-change', 'evexport-result', 'evexport-error']) {
    widget.addEventListener(type, (event) => {
      const d = event.detail;
      const detail =
        type === 'evexport-result' ? ` → ${d.verdict}` : type === 'evexport-error' ? ` → ${d.code} ${d.field}` : '';
      note(`${widget.id}: ${type}${detail}`);
    });
  }
}

document.getElementById('lang').addEventListener('change', (event) => {
  for (const widget of document.querySelectorAll('ev-export-check')) {
    if (event.target.value) widget.setAttribute('lang', event.target.value);
    else widget.removeAttribute('lang');
  }
});
