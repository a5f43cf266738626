// The printed report's own parts: the facts checked at its top (vehicle, exporter, the day the check
// is for), and the permalink's QR code at its foot. A module of its own, with its QR encoder (uqr, a
// maintained zero-dependency library): main.ts fetches it in idle time after the first answer, so that
// the first load does not carry it.
import { encode } from 'uqr';
import type { Request } from './checker';
import { h } from './dom';
import { enumLabel, t, type Key, type Lang } from './i18n';

type Fact = [label: string, value: string, cls?: string];

// A seller's text as typed (a permalink may hold anything): a string only, shown through textContent.
const text = (v: unknown): string => (typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : '');
const labelled = (lang: Lang, key: Key, v: unknown, cls?: string): Fact[] =>
  text(v) ? [[t(lang, key), text(v), cls]] : [];
// An enumerated value in the reader's words, never the internal code; one the page has no label for
// (an error answer's bad value) is left out rather than shown as a code.
const named = (lang: Lang, kind: string, v: unknown): Fact[] => {
  const label = typeof v === 'string' && v ? enumLabel(lang, kind, v) : undefined;
  return label && label !== v ? [['', label]] : [];
};

function group(id: string, title: string, facts: Fact[], lang: Lang) {
  return h(
    'div',
    { class: `facts-group facts-${id}` },
    h('h2', {}, title),
    h(
      'dl',
      {},
      ...(facts.length ? facts : ([['', t(lang, 'unknown')]] as Fact[])).map(([label, value, cls]) =>
        h(
          'div',
          {},
          label ? h('dt', {}, `${label}:`) : null,
          // <bdi>: a Latin name or a VIN keeps its own direction in an Arabic report.
          h('dd', {}, h('bdi', cls ? { class: cls } : {}, value)),
        ),
      ),
    ),
  );
}

/** The facts the answer is for, from the request the page evaluated, in the reader's language. */
function reportFacts(lang: Lang, request: Request): HTMLElement[] {
  const v = request.vehicle ?? {};
  const e = request.exporter ?? {};
  const name = [text(v.make), text(v.model)].filter(Boolean).join(' ');
  const vehicle: Fact[] = [
    ...(name ? ([['', name, 'fact-name']] as Fact[]) : []),
    ...labelled(lang, 'vehicle.vin', v.vin, 'fact-code'),
    ...named(lang, 'category', v.category),
    ...named(lang, 'powertrain', v.powertrain),
    ...named(lang, 'condition', v.condition),
    ...labelled(lang, 'vehicle.registration_date', v.registration_date),
  ];
  const exporter: Fact[] = [
    ...(text(e.name) ? ([['', text(e.name), 'fact-name']] as Fact[]) : []),
    ...labelled(lang, 'exporter.uscc', e.uscc, 'fact-code'),
    ...named(lang, 'role', e.role),
  ];
  return [
    group('vehicle', t(lang, 'vehicle'), vehicle, lang),
    group('exporter', t(lang, 'exporter'), exporter, lang),
    h(
      'p',
      { class: 'facts-date', 'data-as-of': text(request.as_of) },
      `${t(lang, 'as_of')}: `,
      h('strong', {}, text(request.as_of) || '—'),
    ),
  ];
}

// The QR code, drawn as inline SVG through the DOM: no canvas, no markup string, no style attribute
// (the page's policy is style-src 'self').
const SVG = 'http://www.w3.org/2000/svg';

/** A QR code of `text`: level L (the largest modules for a long link), a quiet zone of 4 modules. */
function qrSvg(text: string, label: string): SVGSVGElement {
  const { data, size } = encode(text, { ecc: 'L', border: 4 });
  // One path, one rectangle per horizontal run of dark modules: a few kilobytes for a long link.
  let d = '';
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; ) {
      if (!data[y][x]) {
        x++;
        continue;
      }
      const start = x;
      while (x < size && data[y][x]) x++;
      d += `M${start} ${y}h${x - start}v1h${start - x}z`;
    }
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', `0 0 ${size} ${size}`);
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', label);
  svg.setAttribute('shape-rendering', 'crispEdges');
  svg.dataset.text = text; // what was encoded, for a reader (and a test) to compare with the printed link
  const background = document.createElementNS(SVG, 'rect');
  background.setAttribute('width', String(size));
  background.setAttribute('height', String(size));
  background.setAttribute('fill', '#fff');
  const modules = document.createElementNS(SVG, 'path');
  modules.setAttribute('d', d);
  modules.setAttribute('fill', '#000');
  svg.append(background, modules);
  return svg;
}

let drawn = '';

/** Writes the facts and, when the link or the language has changed, the QR code of the link. */
export function drawReport(facts: HTMLElement, qr: HTMLElement, lang: Lang, request: Request, link: string) {
  facts.setAttribute('aria-label', t(lang, 'facts'));
  facts.replaceChildren(...reportFacts(lang, request));
  const label = t(lang, 'qrCode');
  if (drawn === link + label) return;
  drawn = link + label;
  qr.replaceChildren(qrSvg(link, label));
}
