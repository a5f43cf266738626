// The request form: built from one field list, read into a v1 request and written back from one.
// An empty field means "not known", and is left out of the request.
import { h } from './dom';
import { enumLabel, t, type Key, type Lang } from './i18n';
import type { Request } from './checker';
import { requestField, type RequestField } from './fields';

interface Field extends RequestField {
  enumName: string; // the enum's name, for labels
  hint?: boolean;
  attrs?: Record<string, string>;
}

// A field as the core defines it (kind, enum values), with how the form shows it.
const field = (path: string, show: { hint?: boolean; attrs?: Record<string, string> } = {}): Field => ({
  ...requestField(path),
  enumName: path.split('.').pop()!,
  ...show,
});
const upper = { autocapitalize: 'characters', spellcheck: 'false', autocomplete: 'off' };

// A group of fields; the seller's papers come as one card per paper, each folded until opened.
interface Group {
  key: Key;
  fields: Field[];
  lead?: Key;
  cards?: { key: Key; fields: Field[] }[];
}
const paper = (name: string, fields: [string, Record<string, string>?][]) => ({
  key: `paper.${name}` as Key,
  fields: fields.map(([f, attrs]) => field(`papers.${name}.${f}`, { attrs: { autocomplete: 'off', ...attrs } })),
});

export const GROUPS: Group[] = [
  {
    key: 'vehicle',
    fields: [
      field('vehicle.vin', { hint: true, attrs: { ...upper, maxlength: '40' } }),
      field('vehicle.make', { attrs: { autocomplete: 'off' } }),
      field('vehicle.model', { attrs: { autocomplete: 'off' } }),
      field('vehicle.category'),
      field('vehicle.powertrain'),
      field('vehicle.condition'),
      field('vehicle.hs_code', { hint: true, attrs: { inputmode: 'numeric', maxlength: '10', autocomplete: 'off' } }),
    ],
  },
  {
    key: 'exporter',
    fields: [
      field('exporter.role'),
      field('exporter.name', { attrs: { autocomplete: 'organization' } }),
      field('exporter.uscc', { hint: true, attrs: { ...upper, maxlength: '30' } }),
      field('exporter.listed'),
      field('exporter.authorization.brand', { attrs: { autocomplete: 'off' } }),
      field('exporter.authorization.valid_from'),
      field('exporter.authorization.valid_until'),
    ],
  },
  {
    key: 'shipment',
    fields: [
      field('as_of', { hint: true }),
      field('shipment.destination', { hint: true, attrs: { ...upper, maxlength: '2', autocomplete: 'country' } }),
      field('shipment.trade_mode'),
    ],
  },
  // The other side of the border (issue 14): what the destination's rules go by.
  {
    key: 'destination',
    lead: 'destination.lead',
    fields: [
      field('shipment.arrival_date', { hint: true }),
      field('shipment.importer'),
      field('vehicle.drive_side'),
      field('shipment.customs_value.amount', { attrs: { inputmode: 'decimal', autocomplete: 'off' } }),
      field('shipment.customs_value.currency', { attrs: { ...upper, maxlength: '3' } }),
      field('shipment.origin_certificate'),
      field('vehicle.power_kw', { attrs: { inputmode: 'decimal', autocomplete: 'off' } }),
    ],
  },
  {
    key: 'usedOnly',
    fields: [
      // A day, or only the month or the year a buyer knows (issue 16): a text field, not a date picker.
      field('vehicle.registration_date', { hint: true, attrs: { autocomplete: 'off', spellcheck: 'false' } }),
      field('shipment.licence_application_date'),
      field('exporter.registered_owner'),
      field('exporter.own_make'),
      field('evidence.quality_report'),
      field('evidence.aftersales_confirmation'),
      field('vehicle.modified'),
      field('vehicle.scrappage_due'),
      field('vehicle.seized'),
      field('evidence.ccc'),
      field('evidence.miit_catalogue'),
    ],
  },
  {
    key: 'papers',
    lead: 'papers.lead',
    fields: [],
    cards: [
      paper('authorization_letter', [
        ['issuer'],
        ['holder'],
        ['brands'],
        ['all_brands'],
        ['categories'],
        ['valid_from'],
        ['valid_until'],
      ]),
      paper('aftersales_confirmation', [
        ['issuer'],
        ['vins', upper],
        ['destinations', upper],
        ['outlets', upper],
        ['sealed'],
      ]),
      paper('export_licence', [['number', upper], ['holder'], ['vins', upper], ['valid_from'], ['valid_until']]),
      paper('registration_certificate', [['owner'], ['registration_date'], ['transfer_for_export_date']]),
      paper('invoice', [['seller'], ['amount', { inputmode: 'decimal' }], ['currency', { ...upper, maxlength: '3' }]]),
      paper('payment', [['beneficiary'], ['personal_account']]),
    ],
  },
];

const FIELDS = GROUPS.flatMap((g) => [...g.fields, ...(g.cards ?? []).flatMap((c) => c.fields)]);

// A list as the form shows it: its items between commas (an outlet by its country).
const listText = (value: unknown): string =>
  Array.isArray(value)
    ? value
        .map((item) =>
          item && typeof item === 'object' ? String((item as { country?: unknown }).country ?? '') : String(item),
        )
        .join(', ')
    : String(value);

/** Sets a dotted path ("exporter.authorization.brand") in a request, making the objects on the way. */
export function setPath(request: Record<string, unknown>, path: string, value: unknown) {
  const keys = path.split('.');
  let node = request;
  for (const key of keys.slice(0, -1)) {
    node[key] ??= {};
    node = node[key] as Record<string, unknown>;
  }
  node[keys[keys.length - 1]] = value;
}
const idOf = (path: string) => `f-${path.replace(/\./g, '-')}`;
export const pointerOf = (path: string) => `/${path.replace(/\./g, '/')}`;

type Control = HTMLInputElement | HTMLSelectElement;

export class RequestForm {
  readonly element: HTMLFormElement;
  private controls = new Map<string, Control>();
  private notes = new Map<string, HTMLElement>();
  private decoded = new Map<string, HTMLElement>();
  private relabel: ((lang: Lang) => void)[] = [];
  private cards: HTMLDetailsElement[] = [];

  constructor(onChange: () => void) {
    this.element = h('form', { id: 'request-form', novalidate: true, autocomplete: 'off' });
    for (const group of GROUPS) {
      const legend = h('legend');
      this.relabel.push((lang) => (legend.textContent = t(lang, group.key)));
      const fieldset = h('fieldset', { class: `group group-${group.key}` }, legend);
      if (group.lead) {
        const lead = h('p', { class: 'group-lead' });
        this.relabel.push((lang) => (lead.textContent = t(lang, group.lead!)));
        fieldset.append(lead);
      }
      for (const field of group.fields) fieldset.append(this.build(field));
      for (const card of group.cards ?? []) {
        const summary = h('summary');
        this.relabel.push((lang) => (summary.textContent = t(lang, card.key)));
        const details = h('details', { class: 'paper-card', 'data-paper': card.key.slice('paper.'.length) }, summary);
        for (const field of card.fields) details.append(this.build(field));
        this.cards.push(details);
        fieldset.append(details);
      }
      this.element.append(fieldset);
    }
    this.element.addEventListener('input', onChange);
    this.element.addEventListener('change', onChange);
    this.element.addEventListener('submit', (e) => e.preventDefault());
  }

  private build(field: Field): HTMLElement {
    const id = idOf(field.path);
    const label = h('label', { for: id });
    const hint = field.hint ? h('span', { class: 'hint', id: `${id}-hint` }) : null;
    const note = h('span', { class: 'note', id: `${id}-note`, 'aria-live': 'polite' });
    // What the value says by itself (a VIN's maker, country and model year), beside the field.
    const decoded = field.path === 'vehicle.vin' ? h('span', { class: 'decoded', id: `${id}-decoded` }) : null;
    if (decoded) this.decoded.set(field.path, decoded);
    const describedBy = [hint ? `${id}-hint` : '', decoded ? `${id}-decoded` : '', `${id}-note`]
      .filter(Boolean)
      .join(' ');
    let control: Control;
    if (field.kind === 'enum' || field.kind === 'bool') {
      const select = h('select', { id, name: field.path, 'aria-describedby': describedBy });
      const values = field.kind === 'bool' ? ['true', 'false'] : field.values;
      const unknown = h('option', { value: '' });
      const options = values.map((v) => h('option', { value: v }));
      select.append(unknown, ...options);
      this.relabel.push((lang) => {
        unknown.textContent = t(lang, 'unknown');
        options.forEach((o, i) => {
          const v = values[i];
          o.textContent =
            field.kind === 'bool' ? t(lang, v === 'true' ? 'yes' : 'no') : enumLabel(lang, field.enumName, v);
        });
      });
      control = select;
    } else {
      control = h('input', {
        id,
        name: field.path,
        type: field.kind === 'date' ? 'date' : 'text',
        'aria-describedby': describedBy,
        ...field.attrs,
      });
    }
    this.relabel.push((lang) => {
      label.textContent = t(lang, field.path as Key);
      if (hint) hint.textContent = t(lang, `${field.path}.hint` as Key);
    });
    this.controls.set(field.path, control);
    this.notes.set(pointerOf(field.path), note);
    return h(
      'div',
      { class: `field field-${field.kind}`, 'data-field': pointerOf(field.path) },
      label,
      control,
      hint,
      decoded,
      note,
    );
  }

  setLang(lang: Lang) {
    for (const apply of this.relabel) apply(lang);
  }

  read(): Request {
    const request: Record<string, unknown> = {};
    for (const field of FIELDS) {
      const raw = this.controls.get(field.path)!.value.trim();
      if (raw === '') continue;
      setPath(request, field.path, field.kind === 'bool' ? raw === 'true' : raw);
    }
    return request as Request;
  }

  write(request: Request) {
    for (const field of FIELDS) {
      let value: unknown = request;
      for (const key of field.path.split('.'))
        value = value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
      const control = this.controls.get(field.path)!;
      control.value =
        value === undefined || value === null ? '' : field.kind === 'list' ? listText(value) : String(value);
    }
    // A paper with anything written on it shows its card open.
    for (const card of this.cards)
      if ([...card.querySelectorAll<Control>('input, select')].some((c) => c.value !== '')) card.open = true;
  }

  clear() {
    for (const control of this.controls.values()) control.value = '';
  }

  /** What a field's value says by itself, shown beside it ('' hides it). */
  showDecoded(path: string, text: string) {
    const el = this.decoded.get(path);
    if (el) el.textContent = text;
  }

  // Notes beside the fields: what is wrong (warnings, errors) and what is still asked for.
  annotate(notes: { field: string; text: string; kind: 'error' | 'warning' | 'missing' }[]) {
    for (const [pointer, note] of this.notes) {
      const mine = notes.filter((n) => n.field === pointer || n.field.startsWith(`${pointer}/`));
      note.textContent = mine.map((n) => n.text).join(' ');
      note.dataset.kind = mine[0]?.kind ?? '';
      const control = this.controls.get(pointer.slice(1).replace(/\//g, '.'))!;
      if (mine.some((n) => n.kind !== 'missing')) control.setAttribute('aria-invalid', 'true');
      else control.removeAttribute('aria-invalid');
    }
    // A paper the answer says something about is shown open.
    for (const card of this.cards) if (card.querySelector('.note:not(:empty)')) card.open = true;
  }
}
