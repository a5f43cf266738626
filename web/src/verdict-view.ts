// The answer: the verdict at the top, then why (each reason with its source, clause and date),
// what to ask the seller, the documents, the obligations and the warnings.
import { h } from './dom';
import { t, type Lang } from './i18n';
import type { ErrorResult, Result } from './checker';

type Item = {
  code: string;
  text: string;
  source: { title: string; title_translated?: string; number: string; clause: string; url: string };
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
    h('bdi', { lang: 'zh-Hans', class: 'source-original' }, `${s.title} ${s.number}`.trim()),
    parts.length ? ` · ${parts.join(' · ')}` : '',
    ' ',
    // Opened only when the reader chooses to; nothing is fetched from it. Only web addresses (the core
    // refuses others); a source without one has no link.
    /^https?:\/\//.test(s.url)
      ? h(
          'a',
          { href: s.url, target: '_blank', rel: 'noopener noreferrer external', hreflang: 'zh' },
          t(lang, 'readText'),
        )
      : null,
  );
}

function section(id: string, title: string, items: HTMLElement[]) {
  if (!items.length) return null;
  return h(
    'section',
    { class: `block block-${id}`, 'aria-labelledby': `h-${id}` },
    h('h2', { id: `h-${id}` }, title),
    h('ul', {}, ...items),
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
        h('p', { class: 'verdict-title' }, t(lang, 'errorField')),
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
    this.status.replaceChildren(
      h('p', { class: 'verdict-title' }, t(lang, `verdict.${r.verdict}`)),
      ...(otherDay ? [otherDay] : []),
      h('p', { class: 'verdict-lead' }, t(lang, `verdict.${r.verdict}.lead`)),
      h(
        'p',
        { class: 'verdict-facts' },
        `${t(lang, 'licence')}: `,
        h('strong', {}, licence),
        ` · ${t(lang, 'asOf')} ${r.as_of}`,
      ),
    );

    const reasons = r.reasons.map((reason) =>
      h(
        'li',
        { class: reason.confidence === 'unconfirmed' ? 'reason unconfirmed' : 'reason', 'data-rule': reason.rule },
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
        section('papers', t(lang, 'papersChecklist'), papers),
        section('questions', t(lang, 'questions'), questions),
        section('warnings', t(lang, 'warnings'), warnings),
        section('reasons', t(lang, 'reasons'), reasons),
        section('documents', t(lang, 'documents'), documents),
        section('obligations', t(lang, 'obligations'), obligations),
      ].filter((x): x is HTMLElement => x !== null),
    );
  }
}
