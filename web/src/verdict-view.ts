// The answer: the verdict at the top, then why (each reason with its source, clause and date),
// what to ask the seller, the documents, the obligations and the warnings.
import { h } from './dom';
import { t, type Lang } from './i18n';
import type { Destination, ErrorResult, Result } from './checker';

type Item = {
  code: string;
  text: string;
  source: { title: string; title_translated?: string; number: string; clause: string; url: string; grade?: string };
};

// The document's Chinese name and number as they are, with its translation before them when the
// result is in a translated language.
function sourceLine(lang: Lang, s: Item['source'], from?: string | null, until?: string | null) {
  const parts: string[] = [];
  if (s.clause) parts.push(`${t(lang, 'clause')} ${s.clause}`);
  if (from) parts.push(`${t(lang, 'inForceFrom')} ${from}`);
  if (until) parts.push(`${t(lang, 'until')} ${until}`);
  return h(
    'p',
    { class: 'source' },
    h('span', { class: 'source-label' }, `${t(lang, 'source')}: `),
    s.title_translated ? h('span', { class: 'source-translated' }, `${s.title_translated} — `) : null,
    // The title and the number apart: the printed report, short of room, keeps the number alone.
    h(
      'bdi',
      { lang: 'zh-Hans', class: 'source-original' },
      h('span', { class: 'source-title' }, s.title),
      s.number.trim() ? h('span', { class: 'source-number' }, ` ${s.number.trim()}`) : null,
    ),
    parts.length ? ` · ${parts.join(' · ')}` : '',
    ' ',
    // Opened only when the reader chooses to; nothing is fetched from it. Only web addresses (the core
    // refuses others); a source without one has no link.
    // The link says whether it is the official text or a copy, and whose (issue 16).
    /^https?:\/\//.test(s.url)
      ? h(
          'a',
          {
            href: s.url,
            target: '_blank',
            rel: 'noopener noreferrer external',
            hreflang: 'zh',
            'data-grade': s.grade ?? '',
          },
          s.grade === 'GOV' || !s.grade
            ? t(lang, s.grade === 'GOV' ? 'officialText' : 'readText')
            : t(lang, 'copyOn').replace('{host}', new URL(s.url).hostname),
        )
      : null,
  );
}

function section(id: string, title: string, items: HTMLElement[], after?: HTMLElement | null) {
  if (!items.length) return null;
  return h(
    'section',
    { class: `block block-${id}`, 'aria-labelledby': `h-${id}` },
    h('h2', { id: `h-${id}` }, title),
    h('ul', {}, ...items),
    after,
  );
}

// A line for the printed report only: hidden on the screen and in the widget, shown by the page's print
// stylesheet (styles.css), where it says what the page leaves out for want of room.
const printNote = (cls: string, text: string) => h('p', { class: `print-note ${cls}`, hidden: true }, text);

// Money as the reader's locale writes it, in its own currency: never converted.
const money = (lang: Lang, amount: number, currency: string) => {
  try {
    return new Intl.NumberFormat(lang, { style: 'currency', currency, maximumFractionDigits: 2 }).format(amount);
  } catch {
    return `${amount} ${currency}`;
  }
};
const fill = (text: string, params: Record<string, string>) => text.replace(/\{(\w+)\}/g, (m, k) => params[k] ?? m);
// A country's name in the reader's language, from the browser; the data's English name otherwise.
const countryName = (lang: Lang, code: string, fallback: string | null) => {
  try {
    return new Intl.DisplayNames([lang], { type: 'region' }).of(code) ?? fallback ?? code;
  } catch {
    return fallback ?? code;
  }
};

type Line = Destination['reasons'][number] | Destination['charges'][number];
function destinationSources(lang: Lang, line: Line) {
  return h(
    'p',
    { class: 'source' },
    h('span', { class: 'source-label' }, `${t(lang, 'source')}: `),
    ...line.sources.flatMap((s, i) => [
      i ? ' · ' : '',
      /^https?:\/\//.test(s.url)
        ? h('a', { href: s.url, target: '_blank', rel: 'noopener noreferrer external' }, s.title)
        : s.title,
      ` (${s.date}, ${s.grade})`,
    ]),
    line.from ? ` · ${t(lang, 'inForceFrom')} ${line.from}` : '',
    line.until ? ` · ${t(lang, 'until')} ${line.until}` : '',
  );
}
const badges = (lang: Lang, line: Line) => [
  line.confirmed ? null : h('span', { class: 'badge' }, t(lang, 'indicative')),
  line.applies === 'yes' ? null : h('span', { class: 'badge badge-if' }, t(lang, `applies.${line.applies}`)),
];

/**
 * "At the destination": entry first, in words and colour; then the charges as a table, the
 * estimate as a stacked bar, what changes before the car arrives, and what the data cannot say.
 */
export function destinationPanel(lang: Lang, d: Destination): HTMLElement {
  const name = countryName(lang, d.country, d.name);
  const where = d.market && d.market !== d.country ? `${name} (${countryName(lang, d.market, d.name)})` : name;
  const reasons = d.reasons.map((r) =>
    h(
      'li',
      { class: `dest-reason dest-${r.effect}`, 'data-id': r.id, 'data-applies': r.applies },
      h('p', {}, r.text, ' ', ...badges(lang, r)),
      r.note ? h('p', { class: 'note' }, r.note) : null,
      destinationSources(lang, r),
    ),
  );
  const lines = new Map((d.estimate?.lines ?? []).map((l) => [l.charge, l]));
  const unknown = d.charges.filter((c) => c.applies === 'if').length;
  const rate = (c: Destination['charges'][number]) =>
    c.amount
      ? money(lang, c.amount.amount, c.amount.currency)
      : [
          `${c.rate_percent} %`,
          c.minimum ? ` (${t(lang, 'atLeast')} ${money(lang, c.minimum.amount, c.minimum.currency)})` : '',
          c.above ? ` (${t(lang, 'above')} ${money(lang, c.above.amount, c.above.currency)})` : '',
        ].join('');
  const rows = d.charges.map((c) => {
    const line = lines.get(c.id);
    return h(
      'tr',
      { 'data-id': c.id, 'data-applies': c.applies },
      h('th', { scope: 'row' }, h('p', {}, c.text, ' ', ...badges(lang, c)), destinationSources(lang, c)),
      h('td', {}, rate(c)),
      h('td', {}, t(lang, `base.${c.base}`)),
      h('td', { class: 'num' }, line && d.estimate ? money(lang, line.amount, d.estimate.currency) : '—'),
    );
  });
  const table = d.charges.length
    ? h(
        'table',
        // Without a customs value every estimate is '—': the printed report leaves that column out.
        { class: 'charges', 'data-estimate': d.estimate ? 'yes' : 'no' },
        h('caption', {}, t(lang, 'charges')),
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            ...(['charge', 'rate', 'base', 'estimate'] as const).map((k) => h('th', { scope: 'col' }, t(lang, k))),
          ),
        ),
        h('tbody', {}, ...rows),
        d.estimate
          ? h(
              'tfoot',
              {},
              h(
                'tr',
                {},
                h('th', { scope: 'row', colspan: '3' }, t(lang, 'total')),
                h(
                  'td',
                  { class: 'num' },
                  d.estimate.total === null ? '—' : money(lang, d.estimate.total, d.estimate.currency),
                ),
              ),
            )
          : null,
      )
    : h('p', {}, t(lang, 'noCharges'));
  // The estimate as a stacked bar: the customs value, then each charge, in the country's order.
  let bar: HTMLElement | null = null;
  if (d.estimate && d.estimate.lines.length > 0) {
    const e = d.estimate;
    const whole = e.customs_value.amount + (e.total ?? 0);
    const parts = [
      { id: 'value', label: t(lang, 'customsValue'), amount: e.customs_value.amount },
      ...e.lines.map((l) => ({
        id: l.charge,
        label: d.charges.find((c) => c.id === l.charge)?.text ?? l.charge,
        amount: l.amount,
      })),
    ].filter((p) => p.amount > 0);
    const said = parts.map((p) => `${p.label}: ${money(lang, p.amount, e.currency)}`).join('; ');
    bar = h(
      'div',
      { class: 'estimate-bar', role: 'img', 'aria-label': `${t(lang, 'estimate')}: ${said}` },
      ...parts.map((p, i) => {
        const segment = h('span', {
          class: `segment segment-${i % 6}`,
          'data-id': p.id,
          title: `${p.label}: ${money(lang, p.amount, e.currency)}`,
        });
        // Through the CSSOM: a style attribute would break the page's policy (style-src 'self').
        segment.style.flexGrow = String(p.amount / whole);
        return segment;
      }),
    );
  }
  const extra: HTMLElement[] = [];
  if (d.estimate?.other.length)
    extra.push(
      h(
        'p',
        {},
        `${t(lang, 'otherCurrencies')}: `,
        d.estimate.other.map((m) => money(lang, m.amount, m.currency)).join(', '),
      ),
    );
  if (d.estimate?.open.length)
    extra.push(
      h(
        'p',
        { class: 'estimate-open' },
        `${t(lang, 'openCharges')}: `,
        d.estimate.open.map((id) => d.charges.find((c) => c.id === id)?.text ?? id).join('; '),
      ),
    );
  const list = (cls: string, title: string, items: HTMLElement[]) =>
    items.length ? h('div', { class: cls }, h('h3', {}, title), h('ul', {}, ...items)) : null;
  return h(
    'section',
    { class: 'block block-destination', 'aria-labelledby': 'h-destination', 'data-entry': d.entry },
    h('h2', { id: 'h-destination' }, fill(t(lang, 'atDestination'), { country: where })),
    h(
      'p',
      { class: 'entry', 'data-entry': d.entry },
      h('strong', {}, t(lang, `entry.${d.entry}`)),
      ` — ${t(lang, `entry.${d.entry}.lead`)}`,
    ),
    list(
      'dest-questions',
      t(lang, 'destQuestions'),
      d.missing.map((m) => h('li', { 'data-field': m.field }, m.question)),
    ),
    list(
      'dest-warnings',
      t(lang, 'warnings'),
      d.warnings.map((w) => h('li', { 'data-code': w.code }, w.text)),
    ),
    reasons.length ? h('ul', { class: 'dest-reasons' }, ...reasons) : null,
    table,
    // On paper the charges that hang on a fact not given yet (a long list for some markets) stay online.
    unknown ? printNote('charges-online', fill(t(lang, 'chargesOnline'), { count: String(unknown) })) : null,
    bar,
    ...extra,
    list(
      'dest-changes',
      fill(t(lang, 'changesBefore'), { date: d.arrival_date }),
      d.changes.map((c) =>
        h('li', { 'data-id': c.item }, `${c.date}: ${t(lang, c.change === 'starts' ? 'starts' : 'ends')} — ${c.text}`),
      ),
    ),
    h(
      'p',
      { class: 'verdict-facts' },
      d.verified ? fill(t(lang, 'destVerified'), { date: d.verified }) : '',
      ` · ${d.data.id} ${d.data.version}`,
    ),
  );
}

/** The destination in two lines, for the widget's compact layout: entry, then the charges' total. */
export function destinationSummary(lang: Lang, d: Destination): HTMLElement {
  const name = countryName(lang, d.country, d.name);
  const cost =
    d.estimate && d.estimate.total !== null
      ? `${t(lang, 'total')}: ${money(lang, d.estimate.total, d.estimate.currency)}`
      : d.charges_percent !== null
        ? `${t(lang, 'charges')}: ${d.charges_percent} % ${t(lang, 'base.value')}`
        : t(lang, 'noCharges');
  return h(
    'div',
    { class: 'destination-summary', 'data-entry': d.entry },
    h('p', { class: 'entry', 'data-entry': d.entry }, `${name}: `, h('strong', {}, t(lang, `entry.${d.entry}`))),
    h('p', { class: 'destination-total' }, cost),
  );
}

export class VerdictView {
  constructor(
    private readonly status: HTMLElement,
    private readonly details: HTMLElement,
  ) {}

  loading(lang: Lang) {
    this.status.replaceChildren(h('p', { class: 'verdict-title' }, t(lang, 'loading')));
  }

  failed(lang: Lang, why: string) {
    this.status.dataset.verdict = 'error';
    this.status.replaceChildren(
      h('p', { class: 'verdict-title' }, t(lang, 'loadFailed')),
      h('p', { class: 'verdict-lead' }, why),
    );
  }

  render(lang: Lang, outcome: Result | ErrorResult) {
    if ('error' in outcome) {
      this.status.dataset.verdict = 'error';
      this.status.replaceChildren(
        h('p', { class: 'verdict-title', elementtiming: 'verdict' }, t(lang, 'errorField')),
        h('p', { class: 'verdict-lead' }, `${outcome.error.field || '/'}: ${outcome.error.message}`),
      );
      this.details.replaceChildren();
      return;
    }
    const r = outcome;
    this.status.dataset.verdict = r.verdict;
    const licence =
      r.licence_required === null ? t(lang, 'licenceUnknown') : t(lang, r.licence_required ? 'yes' : 'no');
    // A check for another day than today says so beside the verdict, in words: a shared link made
    // last month must not pass for today's answer (the core's today is the UTC date).
    const today = new Date().toISOString().slice(0, 10);
    const otherDay =
      r.as_of === today
        ? null
        : h(
            'p',
            { class: 'verdict-date', 'data-as-of': r.as_of },
            t(lang, r.as_of < today ? 'checkPast' : 'checkFuture')
              .replace('{date}', r.as_of)
              .replace('{today}', today),
          );
    // The rule that stops the export, said with the verdict: the point of the answer, without a click.
    const deciding = r.reasons.filter((reason) => reason.decides);
    this.status.replaceChildren(
      // elementtiming: when the verdict is first painted, for tests/bench/web.mjs (Element Timing).
      h('p', { class: 'verdict-title', elementtiming: 'verdict' }, t(lang, `verdict.${r.verdict}`)),
      ...(otherDay ? [otherDay] : []),
      h('p', { class: 'verdict-lead' }, t(lang, `verdict.${r.verdict}.lead`)),
      ...deciding.map((reason) =>
        h(
          'p',
          { class: 'verdict-deciding', 'data-rule': reason.rule },
          h('strong', {}, `${t(lang, 'decides')}: `),
          reason.text,
        ),
      ),
      h(
        'p',
        { class: 'verdict-facts' },
        `${t(lang, 'licence')}: `,
        h('strong', {}, licence),
        ` · ${t(lang, 'asOf')} ${r.as_of}`,
      ),
    );

    // The deciding rule first, and marked.
    const ordered = [...r.reasons.filter((x) => x.decides), ...r.reasons.filter((x) => !x.decides)];
    const reasons = ordered.map((reason) =>
      h(
        'li',
        {
          class: ['reason', reason.confidence === 'unconfirmed' ? 'unconfirmed' : '', reason.decides ? 'decides' : '']
            .filter(Boolean)
            .join(' '),
          'data-rule': reason.rule,
        },
        reason.decides ? h('p', { class: 'badge badge-decides' }, t(lang, 'decides')) : null,
        h('p', {}, reason.text),
        reason.confidence === 'unconfirmed' ? h('p', { class: 'badge' }, t(lang, 'unconfirmed')) : null,
        sourceLine(lang, reason.source, reason.from, reason.until),
      ),
    );
    const questions = r.missing.map((m) => h('li', { 'data-field': m.field }, m.question));
    const documents = r.documents.map((d: Item) =>
      h('li', { 'data-code': d.code }, h('p', {}, d.text), sourceLine(lang, d.source)),
    );
    const obligations = r.obligations.map((o: Item) =>
      h('li', { 'data-code': o.code }, h('p', {}, o.text), sourceLine(lang, o.source)),
    );
    // A warning that fails a paper is shown under that paper in the checklist, not twice.
    const failing = (w: { code: string; field: string }) =>
      (r.papers ?? []).some((p) => p.problems.includes(w.code) && w.field.startsWith(`/papers/${p.paper}/`));
    const warnings = r.warnings.filter((w) => !failing(w)).map((w) => h('li', { 'data-code': w.code }, w.text));
    // The seller's papers: each ✓, ✗ with the warnings that fail it, or not seen; then where to check it.
    const mark = { checked: '✓', failed: '✗', not_seen: '–' } as const;
    const papers = (r.papers ?? []).map((p) =>
      h(
        'li',
        { class: `paper paper-${p.status}`, 'data-paper': p.paper, 'data-status': p.status },
        h(
          'p',
          { class: 'paper-head' },
          h('span', { class: 'paper-mark', 'aria-hidden': 'true' }, mark[p.status]),
          ' ',
          h('strong', {}, p.label),
          ` — ${t(lang, `paper.status.${p.status}`)}`,
        ),
        p.status === 'failed'
          ? h(
              'ul',
              { class: 'paper-problems' },
              ...r.warnings
                .filter((w) => w.field.startsWith(`/papers/${p.paper}/`))
                .map((w) => h('li', { 'data-code': w.code }, w.text)),
            )
          : null,
        p.status === 'not_seen'
          ? null
          : h(
              'details',
              { class: 'paper-verify' },
              h('summary', {}, t(lang, 'verify')),
              h(
                'ul',
                {},
                ...p.verify.map((v) =>
                  h(
                    'li',
                    { 'data-how': v.how },
                    v.how === 'own_step' ? h('strong', {}, `${t(lang, 'ownStep')}: `) : null,
                    v.text,
                    ' ',
                    v.url && /^https:\/\//.test(v.url)
                      ? h('a', { href: v.url, target: '_blank', rel: 'noopener noreferrer external' }, v.url)
                      : null,
                  ),
                ),
              ),
            ),
      ),
    );

    this.details.replaceChildren(
      ...[
        r.destination ? destinationPanel(lang, r.destination) : null,
        section('papers', t(lang, 'papersChecklist'), papers),
        section('questions', t(lang, 'questions'), questions),
        section('warnings', t(lang, 'warnings'), warnings),
        // The printed report keeps the rule that decides; it says where the others are.
        section(
          'reasons',
          t(lang, 'reasons'),
          reasons,
          r.reasons.some((x) => !x.decides) ? printNote('reasons-online', t(lang, 'reasonsOnline')) : null,
        ),
        section('documents', t(lang, 'documents'), documents),
        section('obligations', t(lang, 'obligations'), obligations),
      ].filter((x): x is HTMLElement => x !== null),
    );
  }
}
