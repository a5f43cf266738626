// <ev-export-check>: the check as one element for other people's pages (docs/EMBEDDING.md).
// Everything it shows lives in its shadow root; everything it loads comes from beside this file;
// nothing it is given leaves the browser.
import { createChecker, type Checker, type Request, type Result, type ErrorResult } from '@core/index.mjs';
import { h } from '../dom';
import { LANG_CODES, dirOf, htmlLang, loadStrings, pickLang, t, type Lang } from '../i18n';
import { RequestForm, setPath } from '../form';
import { REQUEST_FIELDS } from '../fields';
import { destinationSummary, VerdictView } from '../verdict-view';
import css from './widget.css?inline';
import { version } from '../../../wasm/package.json'; // one version for the package and the widget

export const VERSION = version;

// Attributes that prefill the request: the batch CSV's column names (CONTRACT.md), also written
// with hyphens; `lang` is the element's own language. Booleans are "true" or "false".
const PREFILLED = REQUEST_FIELDS.filter((f) => f.column !== 'lang');
const ATTRIBUTES: Record<string, string> = Object.fromEntries(PREFILLED.map((f) => [f.column, f.path]));
const BOOLEAN = new Set(PREFILLED.filter((f) => f.kind === 'bool').map((f) => f.column));
const PREFILL = Object.keys(ATTRIBUTES).flatMap((name) =>
  name.includes('_') ? [name, name.replace(/_/g, '-')] : [name],
);

// One core per page, however many widgets: loaded from beside this module, translations too, each
// checked against the hash this build recorded (web/widget.vite.config.ts).
const INTEGRITY = __EVEXPORT_INTEGRITY__;
let core: Promise<Checker> | undefined;
const here = import.meta.url;
const loadCore = () =>
  (core ??= createChecker({
    wasmUrl: new URL(`./${'evexport.wasm'}`, here).href,
    wasmIntegrity: INTEGRITY.wasm,
    translationUrl: (lang) => new URL(`./translations/${lang}.json`, here),
    translationIntegrity: INTEGRITY.translations,
    // The destination's build and data, beside this module, when a listing names a destination.
    destinationsUrl: new URL('./destinations.json', here).href,
    destinationsIntegrity: INTEGRITY.destinations,
    destinationsWasmUrl: new URL(`./${'evexport-destinations.wasm'}`, here).href,
    destinationsWasmIntegrity: INTEGRITY.destinationsWasm,
    destinationsTranslationUrl: (lang) => new URL(`./destinations/${lang}.json`, here),
    destinationsTranslationIntegrity: INTEGRITY.destinationTranslations,
  }));

// A page that already holds a widget asks for the core now, before the elements are built (unless
// another copy of this module defined the element first: its core answers).
if (!customElements.get('ev-export-check') && document.querySelector('ev-export-check')) loadCore();

type Outcome = Result | ErrorResult;
let sheet: CSSStyleSheet | undefined;

// The request given as a property, over the one the attributes give.
function merge(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const b = out[key];
    out[key] =
      value && typeof value === 'object' && !Array.isArray(value) && b && typeof b === 'object'
        ? merge(b as Record<string, unknown>, value as Record<string, unknown>)
        : value;
  }
  return out;
}

export class EvExportCheck extends HTMLElement {
  static observedAttributes = ['lang', 'layout', ...PREFILL];

  #root: ShadowRoot;
  #given: Record<string, unknown> = {};
  #started = false;
  #fromForm = false; // once edited in the full layout, the form holds the whole request
  #unreadable = false; // the request given could not be read: it is answered with an error
  #checker?: Checker;
  #lang: Lang = 'en';
  #result?: Outcome;
  #shown = '';
  #destinations?: Promise<void>; // the destination data, once a listing names a destination
  #pending = false;
  #painted = false; // the first result (or failure) has been drawn
  #els: {
    box: HTMLElement;
    title: HTMLElement;
    status: HTMLElement;
    details: HTMLElement;
    more: HTMLDetailsElement;
    summary: HTMLElement;
    questions: HTMLElement;
    footer: HTMLElement;
    note: HTMLElement;
    link: HTMLAnchorElement;
    privacy: HTMLElement;
    disclaimer: HTMLElement;
  };
  #view: VerdictView;
  #form?: RequestForm;

  constructor() {
    super();
    this.#root = this.attachShadow({ mode: 'open' });
    // Adopted, not a <style>: a host's style-src need not allow it; one sheet for every instance.
    if (!sheet) {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(css);
    }
    this.#root.adoptedStyleSheets = [sheet];
    const els = {
      box: h('article', { part: 'box', class: 'box' }),
      title: h('h2', { part: 'title', class: 'title' }),
      status: h('div', {
        part: 'verdict',
        class: 'verdict',
        role: 'status',
        'aria-live': 'polite',
        'aria-atomic': 'true',
      }),
      questions: h('div', { part: 'questions', class: 'questions' }),
      more: h('details', { part: 'details', class: 'more' }),
      summary: h('summary'),
      details: h('div', { class: 'details' }),
      footer: h('footer', { part: 'footer', class: 'footer' }),
      privacy: h('p'),
      disclaimer: h('p'),
      note: h('p', { class: 'translation-note' }),
      // The host's address stays with the host.
      link: h('a', { part: 'link', target: '_blank', rel: 'noopener noreferrer' }),
    };
    els.more.append(els.summary, els.details);
    els.footer.append(els.privacy, els.disclaimer, els.note, h('p', {}, els.link));
    els.box.append(els.title, els.status, els.questions, els.more, els.footer);
    this.#root.append(els.box);
    this.#els = els;
    this.#view = new VerdictView(els.status, els.details);
  }

  /** The request evaluated: the attributes' prefill under what was set here. */
  get request(): Request {
    return (this.#fromForm ? this.#given : merge(this.#fromAttributes(), this.#given)) as Request;
  }
  set request(value: Request | null | undefined) {
    // A request that cannot be read (a getter that throws, a cycle) is answered with an error, so
    // that the element never goes on showing the previous request's answer.
    try {
      this.#given = value && typeof value === 'object' ? { ...(value as Record<string, unknown>) } : {};
      this.#unreadable = false;
    } catch {
      this.#given = {};
      this.#unreadable = true;
    }
    this.#fromForm = false;
    this.#form?.write(this.#readable() ?? {});
    this.#changed();
  }
  /** The last result (or { error }), as evexport-result carried it. */
  get result(): Outcome | undefined {
    return this.#result;
  }

  connectedCallback() {
    if (this.#started) return; // moved in the page: already running
    this.#started = true;
    this.#setLang();
    this.#layout();
    // The full layout's form comes after the first result, or after a second if the core is slow to come.
    setTimeout(() => this.#afterFirstPaint(), 1000);
    this.#els.status.replaceChildren(h('p', { class: 'verdict-title' }, t(this.#lang, 'loading')));
    loadCore().then(
      async (checker) => {
        await Promise.all([loadStrings(this.#lang), checker.loadLanguage(this.#lang)]);
        this.#checker = checker;
        this.#label();
        const info = checker.rulesetInfo();
        this.#emit('evexport-ready', {
          version: VERSION,
          ruleset: { id: info.id, version: info.version, sha256: info.sha256 },
          languages: [...LANG_CODES],
        });
        this.#evaluate();
      },
      (e: unknown) => {
        this.#view.failed(this.#lang, String(e));
        this.#afterFirstPaint();
        this.#emit('evexport-error', { code: 'load_failed', field: '', message: String(e) });
      },
    );
  }

  attributeChangedCallback(name: string, before: string | null, after: string | null) {
    if (before === after || !this.#started) return; // the attributes it starts with are not changes
    if (name === 'lang') return void this.#switchLang();
    if (name === 'layout') return this.#layout();
    if (this.#fromForm) this.#given = merge(this.#given, this.#fromAttributes());
    this.#form?.write(this.request);
    this.#changed();
  }

  #fromAttributes(): Record<string, unknown> {
    const request: Record<string, unknown> = {};
    for (const name of PREFILL) {
      const value = this.getAttribute(name);
      if (value === null) continue;
      const key = name.replace(/-/g, '_');
      setPath(request, ATTRIBUTES[key], BOOLEAN.has(key) ? value === 'true' : value);
    }
    return request;
  }

  // The lang attribute, else the reader's languages.
  #setLang() {
    const asked = this.getAttribute('lang');
    this.#lang = pickLang(asked ? [asked] : (navigator.languages ?? []));
    this.#els.box.lang = htmlLang(this.#lang);
    this.#els.box.dir = dirOf(this.#lang);
  }

  async #switchLang() {
    this.#setLang();
    const lang = this.#lang;
    await Promise.all([loadStrings(lang), this.#checker?.loadLanguage(lang)]);
    if (lang !== this.#lang) return; // a later switch won
    this.#shown = '';
    this.#label();
    this.#evaluate();
  }

  // compact (the default): the verdict, the questions and the details on request. full: the form too,
  // built once the first result is painted: the first result needs only the request, and building and
  // laying out the form first would hold the main thread the core needs to start (docs/BENCHMARKS.md).
  #layout() {
    const full = this.getAttribute('layout') === 'full';
    this.#els.box.dataset.layout = full ? 'full' : 'compact';
    if (full && !this.#form && this.#painted) {
      this.#form = new RequestForm(() => {
        this.#given = this.#form!.read() as Record<string, unknown>;
        this.#unreadable = false;
        this.#fromForm = true;
        this.#changed();
      });
      this.#form.element.setAttribute('part', 'form');
      this.#form.write(this.request);
      this.#form.setLang(this.#lang);
      // The verdict above the form, and kept in sight while the form scrolls (widget.css): a change in
      // the last field is seen where it is made (issue 16).
      this.#els.status.after(this.#form.element);
    }
    this.#form?.element.toggleAttribute('hidden', !full);
    this.#els.more.open = full;
  }

  #label() {
    const lang = this.#lang;
    this.#els.title.textContent = t(lang, 'widget.check');
    this.#els.summary.textContent = t(lang, 'widget.details');
    this.#els.privacy.textContent = t(lang, 'privacy');
    this.#els.disclaimer.textContent = t(lang, 'disclaimer');
    this.#els.note.textContent = t(lang, 'translationNote');
    this.#els.link.textContent = t(lang, 'widget.fullCheck');
    this.#form?.setLang(lang);
  }

  // The request, or null (and the element marked) when reading it throws.
  #readable(): Request | null {
    try {
      return JSON.parse(JSON.stringify(this.request)) as Request;
    } catch {
      this.#unreadable = true;
      return null;
    }
  }

  #changed() {
    this.#emit('evexport-change', this.#readable() ?? {});
    if (this.#pending) return;
    this.#pending = true; // attributes set one after another are evaluated once
    queueMicrotask(() => {
      this.#pending = false;
      this.#evaluate();
    });
  }

  #evaluate() {
    if (!this.#checker) return;
    let request: Request | undefined;
    let outcome: Outcome;
    const readable = this.#unreadable ? null : this.#readable();
    if (readable) {
      request = { ...readable, lang: this.#lang } as Request;
      // The destination's data comes the first time a listing names one; the export verdict does not wait.
      if (request.shipment?.destination && !this.#destinations) {
        const checker = this.#checker;
        this.#destinations = checker.loadDestinations().then(() => {
          this.#shown = '';
          this.#evaluate();
        });
      }
      outcome = this.#checker.evaluate(request);
    } else {
      outcome = {
        error: {
          code: 'invalid_json',
          field: '',
          message: 'the request cannot be read (a getter that throws, a cycle…)',
        },
      } as Outcome;
    }
    const text = JSON.stringify(outcome);
    // The full check on the site, for this request (a fragment: it never reaches a server).
    let link = new URL('../../', here).href;
    try {
      if (request) link = new URL(`../../#request=${encodeURIComponent(JSON.stringify(request))}`, here).href;
    } catch {
      /* a request that cannot be written out links to the site itself */
    }
    this.#els.link.href = link;
    if (text === this.#shown) return;
    this.#shown = text;
    this.#result = outcome;
    this.#view.render(this.#lang, outcome);
    // The seller's papers and what to ask the seller stay in sight; the reasons, documents and
    // obligations fold away.
    const inSight = ['.block-papers', '.block-questions'].map((s) => this.#els.details.querySelector(s));
    const destination =
      'error' in outcome || !outcome.destination ? null : destinationSummary(this.#lang, outcome.destination);
    this.#els.questions.replaceChildren(...[destination, ...inSight].filter((el): el is Element => el !== null));
    this.#els.more.hidden = !this.#els.details.childElementCount;
    if ('error' in outcome) this.#emit('evexport-error', outcome.error);
    else this.#emit('evexport-result', outcome);
    this.#afterFirstPaint();
  }

  // After the first result's frame: what the full layout adds (its form).
  #afterFirstPaint() {
    if (this.#painted) return;
    this.#painted = true;
    requestAnimationFrame(() => setTimeout(() => this.#layout()));
  }

  #emit(type: string, detail: unknown, toHost = true) {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: toHost, composed: toHost }));
  }
}

if (!customElements.get('ev-export-check')) customElements.define('ev-export-check', EvExportCheck);

declare global {
  interface HTMLElementTagNameMap {
    'ev-export-check': EvExportCheck;
  }
}
