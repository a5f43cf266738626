// The calculator: the form, the verdict, the permalink, and the core that decides.
import './styles.css';
import { loadChecker, type Checker, type Request, type Result } from './checker';
import { h } from './dom';
import { LANGS, dirOf, htmlLang, isLang, loadStrings, pickLang, t, type Lang } from './i18n';
import { RequestForm } from './form';
import { permalinkFor, readPermalink, writePermalink } from './permalink';
import { VerdictView } from './verdict-view';
import type { BatchView } from './batch-view';

const $ = (id: string) => document.getElementById(id)!;

// The core first: its download and compilation run while the page builds its form.
performance.mark('evexport:core-requested');
const core = loadChecker();

const fromLink = readPermalink();
let lang: Lang = isLang(fromLink.request?.lang) ? fromLink.request!.lang : pickLang(navigator.languages);
let checker: Checker | undefined;
let first = true;
let shown = ''; // the last result JSON rendered: an unchanged answer is not drawn again
let rulesVersion: string | undefined; // of the ruleset that gave the last answer, carried by every permalink
let destinations: Promise<void> | undefined; // the destination data, once asked for

const view = new VerdictView($('verdict'), $('details'));
// The form is built now (the first request is read from it) but joins the page, with the batch
// section, only once the first verdict is painted: laying the whole page out first would hold the
// main thread the core needs to start (docs/BENCHMARKS.md, "First verdict").
const form = new RequestForm(() => update());
let batch: BatchView | undefined;
let rest = false;
function showTheRest() {
  if (rest) return;
  rest = true;
  $('form-slot').replaceWith(form.element);
  // The batch's code comes with it, a module of its own: no reader of one check waits for it.
  import('./batch-view').then(
    (m) => {
      batch = new m.BatchView($('batch'));
      batch.setLang(lang);
    },
    (e: unknown) => console.warn('batch:', e),
  );
  // Offline after the first visit (web/sw.template.js); not from a file, which has no service worker.
  if ('serviceWorker' in navigator && location.protocol.startsWith('http'))
    navigator.serviceWorker.register('./sw.js').catch((e: unknown) => console.warn('offline cache:', e));
}
// After the verdict's frame; or soon in any case, if the core is slow to come (a slow network).
const afterPaint = () => requestAnimationFrame(() => setTimeout(showTheRest));
setTimeout(showTheRest, 1000);

// Language switch: buttons that say which one is on.
const langButtons = LANGS.map(({ code, label }) => {
  const button = h('button', { type: 'button', lang: code, 'data-lang': code }, label);
  button.addEventListener('click', () => switchLang(code));
  return button;
});
$('langs').replaceChildren(...langButtons);

// A language's strings and its rule texts arrive together, so the page never shows a mix; of two
// quick choices the later one wins, whichever loads first.
let wanted: Lang = lang;
async function switchLang(code: Lang) {
  wanted = code;
  await Promise.all([loadStrings(code), checker?.loadLanguage(code)]);
  if (code !== wanted) return;
  lang = code;
  shown = '';
  applyLang();
  update();
}

function applyLang() {
  document.documentElement.lang = htmlLang(lang);
  document.documentElement.dir = dirOf(lang);
  document.title = t(lang, 'title');
  for (const el of document.querySelectorAll<HTMLElement>('[data-i18n]'))
    el.textContent = t(lang, el.dataset.i18n as never);
  for (const b of langButtons) b.setAttribute('aria-pressed', String(b.dataset.lang === lang));
  form.setLang(lang);
  batch?.setLang(lang);
}

function currentRequest(): Request {
  return { ...form.read(), lang };
}

// The verdict bar: the verdict in a line, on screen whenever the verdict itself is not (a phone's form
// is many screens long). The full verdict announces changes to screen readers; the bar is a way back to it.
const bar = $('verdict-bar');
new IntersectionObserver(([entry]) => {
  bar.hidden = entry.isIntersecting || !bar.textContent;
}).observe($('verdict'));
bar.addEventListener('click', (e) => {
  e.preventDefault();
  $('verdict').scrollIntoView({ block: 'start' });
  $('verdict').focus();
});

function showBar(outcome: ReturnType<Checker['evaluate']>) {
  const verdict = 'error' in outcome ? 'error' : outcome.verdict;
  bar.dataset.verdict = verdict;
  bar.textContent = 'error' in outcome ? t(lang, 'errorField') : t(lang, `verdict.${outcome.verdict}`);
}

function show(outcome: ReturnType<Checker['evaluate']>) {
  view.render(lang, outcome);
  showBar(outcome);
  if ('error' in outcome) {
    $('copy-questions').hidden = true;
    form.showDecoded('vehicle.vin', '');
    form.annotate([{ field: outcome.error.field, text: outcome.error.message, kind: 'error' }]);
  } else {
    const r = outcome as Result;
    form.annotate([
      ...r.warnings.filter((w) => w.field).map((w) => ({ field: w.field, text: w.text, kind: 'warning' as const })),
      ...r.missing.map((m) => ({ field: m.field, text: m.question, kind: 'missing' as const })),
    ]);
    $('report-ruleset').textContent =
      `${t(lang, 'ruleset')}: ${r.ruleset.id} ${r.ruleset.version} (sha256 ${r.ruleset.sha256.slice(0, 16)}…)`;
    rulesVersion = r.ruleset.version;
    form.showDecoded('vehicle.vin', decodedVin(r.vehicle));
    $('copy-questions').hidden = r.missing.length === 0;
    showRuleChanges(r.ruleset.changes_since ?? []);
  }
  writeReportLink();
  if (first) {
    first = false;
    performance.mark('evexport:first-verdict');
    afterPaint();
  }
}

// The address follows the form once per frame, not once per keystroke: updating the history entry
// costs more than evaluating the request (docs/BENCHMARKS.md).
let pendingLink: Request | undefined;
function schedulePermalink(request: Request) {
  if (pendingLink === undefined)
    requestAnimationFrame(() => {
      writePermalink(pendingLink!, rulesVersion);
      pendingLink = undefined;
    });
  pendingLink = request;
}

// The check as it is shared (copied, printed): the address follows the form as typed, so that a
// reload with an empty date checks today; a shared link fixes the day the answer was for (the core's
// as_of when the form leaves it empty), so that opened next month it gives the same verdict.
let shared: Request = {};
let answeredFor: string | undefined; // the as_of of the last answer; none after an error
function update() {
  if (!checker) return;
  const request = currentRequest();
  schedulePermalink(request);
  // A shared link names the ruleset it was made with: the answer then says what changed since.
  const asked = fromLink.rules ? { ...request, rules_seen: fromLink.rules } : request;
  // The destination's data is fetched the first time a destination is named; the export verdict
  // does not wait for it, and the answer is drawn again when it has come.
  if (request.shipment?.destination && !destinations) {
    destinations = checker.loadDestinations().then((info) => {
      if ('error' in info) console.warn('destination data:', info.error.message);
      shown = '';
      update();
    });
  }
  const text = checker.evaluateJson(JSON.stringify(asked));
  const outcome = text === shown ? undefined : (JSON.parse(text) as ReturnType<Checker['evaluate']>);
  if (outcome) answeredFor = 'error' in outcome ? undefined : (outcome as Result).as_of;
  shared = request.as_of || !answeredFor ? request : { ...request, as_of: answeredFor };
  if (outcome) {
    shown = text;
    show(outcome);
  }
}

// The printed report's link to the check: written with each new answer and again just before
// printing (a request can change without changing the answer), not on every keystroke.
function writeReportLink() {
  // The address keeps its own direction in an Arabic report.
  const link = h('span', { class: 'report-url', dir: 'ltr' }, permalinkFor(shared, rulesVersion));
  $('report-link').replaceChildren(`${t(lang, 'permalink')}: `, link);
  scheduleReport();
}
// Its facts and QR code come with a module of their own (report.ts, with the QR encoder), fetched and
// drawn in idle time after an answer, so that neither delays the verdict nor weighs on the first load;
// before printing they are drawn at once.
type Report = typeof import('./report');
let report: Report | undefined;
let reportLoad: Promise<void> | undefined;
const loadReport = () =>
  (reportLoad ??= import('./report').then(
    (m) => {
      report = m;
    },
    // Offline with the module never cached: the printed link is still there, without facts or code.
    (e: unknown) => console.warn('printed report:', e),
  ));
const drawReport = () =>
  report?.drawReport($('report-facts'), $('report-qr'), lang, shared, permalinkFor(shared, rulesVersion));
let reportPending = false; // one drawing waits at a time, of the latest answer
function scheduleReport() {
  if (reportPending) return;
  reportPending = true;
  const draw = () =>
    loadReport().then(() => {
      reportPending = false;
      drawReport();
    });
  if ('requestIdleCallback' in window) requestIdleCallback(draw, { timeout: 500 });
  else setTimeout(draw);
}
// In the same task as the print: what beforeprint changes is what is printed.
addEventListener('beforeprint', () => {
  writeReportLink();
  drawReport();
});

// The VIN read by itself, beside its field, from what the answer already derived of it (the core
// read the VIN to decide): its maker, where it was built (China's L and H ranges), its model year.
function decodedVin(v: Result['vehicle']): string {
  const parts: string[] = [];
  if (v.manufacturer) parts.push(v.manufacturer);
  if (v.manufacturer && /^[LH]/.test(v.wmi ?? '')) parts.push(t(lang, 'vinBuiltInChina'));
  if (v.model_year) parts.push(`${t(lang, 'vinModelYear')} ${v.model_year}`);
  return parts.length ? `${t(lang, 'vinDecoded')}: ${parts.join(' · ')}` : '';
}

// A shared check made with older rules says so, and what changed since: the answer's own
// ruleset.changes_since, in its language.
function showRuleChanges(changes: NonNullable<Result['ruleset']['changes_since']>) {
  const box = $('rules-updated');
  const since = fromLink.rules;
  box.hidden = changes.length === 0;
  if (!since || box.hidden) return;
  const fill = (key: 'rulesUpdated', params: Record<string, string>) =>
    t(lang, key).replace(/\{(\w+)\}/g, (m, k) => params[k] ?? m);
  box.replaceChildren(
    h('p', {}, fill('rulesUpdated', { date: changes[0].date, version: since })),
    h('ul', {}, ...changes.flatMap((c) => c.items.map((item) => h('li', {}, `${c.date}: ${item.text}`)))),
  );
  box.hidden = false;
}

$('copy-link').addEventListener('click', async () => {
  const status = $('copy-status');
  const link = permalinkFor(shared, rulesVersion);
  try {
    await navigator.clipboard.writeText(link);
    status.textContent = t(lang, 'copied');
  } catch {
    status.textContent = link;
  }
});
// The questions still open, for the seller: in Chinese (the seller's language, from the ruleset's own
// Chinese texts) and in the reader's, to paste into a message.
function questionsFor(request: Request, code: Lang): string {
  const outcome = checker?.evaluate({ ...request, lang: code });
  if (!outcome || 'error' in outcome || outcome.missing.length === 0) return '';
  const lines = outcome.missing.map((m, i) => `${i + 1}. ${m.question}`);
  return [t(code, 'questionsIntro'), ...lines].join('\n');
}
$('copy-questions').addEventListener('click', async () => {
  const status = $('copy-status');
  const request = currentRequest();
  await loadStrings('zh');
  const parts = [questionsFor(request, 'zh')];
  if (lang !== 'zh') parts.push(questionsFor(request, lang));
  const text = parts.filter(Boolean).join('\n\n');
  try {
    await navigator.clipboard.writeText(text);
    status.textContent = t(lang, 'questionsCopied');
  } catch {
    status.textContent = text;
  }
});
// The report's facts and QR code may not have come yet: printed once they have, so that the page has them.
$('print').addEventListener('click', async () => {
  await loadReport();
  window.print();
});
// The skip link moves focus to the verdict without touching the address, which holds the check.
document.querySelector('.skip-link')?.addEventListener('click', (e) => {
  e.preventDefault();
  $('verdict').focus();
});
// "Start again" can be undone until the form is touched again: a whole check is not lost to one click.
let beforeReset: Request | undefined;
$('reset').addEventListener('click', () => {
  beforeReset = form.read();
  form.clear();
  update();
  $('undo-reset').hidden = false;
});
$('undo-reset').addEventListener('click', () => {
  if (beforeReset) form.write(beforeReset);
  beforeReset = undefined;
  $('undo-reset').hidden = true;
  update();
  $('reset').focus();
});
form.element.addEventListener('input', () => {
  beforeReset = undefined;
  $('undo-reset').hidden = true;
});

applyLang();
view.loading(lang);
const stringsReady = loadStrings(lang).then(applyLang);
if (fromLink.request) form.write(fromLink.request);

core.then(
  async (loaded) => {
    performance.mark('evexport:core-ready');
    await Promise.all([stringsReady, loaded.loadLanguage(lang)]);
    checker = loaded;
    // A shared link is evaluated exactly as written, so a bad value is reported, not silently dropped.
    if (fromLink.text !== undefined) {
      const outcome = checker.evaluate(fromLink.text);
      if ('error' in outcome) {
        shared = fromLink.request ?? {};
        return show(outcome);
      }
    }
    update();
  },
  (e: unknown) => {
    view.failed(lang, String(e));
    showTheRest();
  },
);
