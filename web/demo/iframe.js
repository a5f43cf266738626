// The iframe mode's host side (docs/EMBEDDING.md): messages are taken only from the widget's origin
// and from this frame's window, and sent only to that origin.
const WIDGET_ORIGIN = '%WIDGET_ORIGIN%';
const frame = document.getElementById('check');
const log = document.getElementById('log');
const note = (text) => log.append(Object.assign(document.createElement('li'), { textContent: text }));
const send = (message) =>
  frame.contentWindow.postMessage({ protocol: 'evexport', version: 1, ...message }, WIDGET_ORIGIN);

addEventListener('message', (event) => {
  if (event.origin !== WIDGET_ORIGIN || event.source !== frame.contentWindow) return;
  const m = event.data;
  if (m?.protocol !== 'evexport' || m.version !== 1) return;
  if (m.type === 'height') frame.style.height = `${m.height}px`;
  const detail =
    m.type === 'result'
      ? ` → ${m.result.verdict}`
      : m.type === 'error'
        ? ` → ${m.error.code}`
        : m.type === 'height'
          ? ` → ${m.height}px`
          : '';
  note(`${m.type}${detail}`);
});

document.getElementById('ask-used').addEventListener('click', () => {
  const registered = new Date(Date.UTC(2026, 2, 1) - 60 * 86400000).toISOString().slice(0, 10);
  send({
    type: 'request',
    request: {
      as_of: '2026-03-01',
      vehicle: { category: 'passenger_car', powertrain: 'bev', condition: 'used', registration_date: registered },
      exporter: { role: 'used_car_exporter', registered_owner: true },
      evidence: { quality_report: true },
    },
  });
});
