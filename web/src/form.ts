// The request form: built from one field list, read into a v1 request and written back from one.
// An empty field means "not known", and is left out of the request.
import { h } from './dom';
import { enumLabel, t, type Key, type Lang } from './i18n';
import type { Request } from './checker';

type Kind = 'text' | 'date' | 'enum' | 'bool';
interface Field {
  path: string; // dotted path in the request; the JSON Pointer is the same with slashes
  kind: Kind;
  values?: string[]; // enum values, and the enum's name for labels
  enumName?: string;
  hint?: boolean;
  attrs?: Record<string, string>;
}

const CATEGORY = ['passenger_car', 'bus', 'truck', 'tractor', 'motorcycle', 'low_speed'];
const POWERTRAIN = ['bev', 'phev', 'erev', 'hev', 'ice', 'fcev'];
const ROLE = ['manufacturer', 'authorized_exporter', 'used_car_exporter', 'trader'];
const TRADE_MODE = ['general', 'processing', 'border', 'donation', 'project_contracting', 'reexport'];
const upper = { autocapitalize: 'characters', spellcheck: 'false', autocomplete: 'off' };

export const GROUPS: { key: Key; fields: Field[] }[] = [
  {
    key: 'vehicle',
    fields: [
      { path: 'vehicle.vin', kind: 'text', hint: true, attrs: { ...upper, maxlength: '40' } },
      { path: 'vehicle.make', kind: 'text', attrs: { autocomplete: 'off' } },
      { path: 'vehicle.model', kind: 'text', attrs: { autocomplete: 'off' } },
      { path: 'vehicle.category', kind: 'enum', values: CATEGORY, enumName: 'category' },
      { path: 'vehicle.powertrain', kind: 'enum', values: POWERTRAIN, enumName: 'powertrain' },
      { path: 'vehicle.condition', kind: 'enum', values: ['new', 'used'], enumName: 'condition' },
      { path: 'vehicle.hs_code', kind: 'text', hint: true, attrs: { inputmode: 'numeric', maxlength: '10', autocomplete: 'off' } },
    ],
  },
  {
    key: 'exporter',
    fields: [
      { path: 'exporter.role', kind: 'enum', values: ROLE, enumName: 'role' },
      { path: 'exporter.name', kind: 'text', attrs: { autocomplete: 'organization' } },
      { path: 'exporter.uscc', kind: 'text', hint: true, attrs: { ...upper, maxlength: '30' } },
      { path: 'exporter.listed', kind: 'bool' },
      { path: 'exporter.authorization.brand', kind: 'text', attrs: { autocomplete: 'off' } },
      { path: 'exporter.authorization.valid_from', kind: 'date' },
      { path: 'exporter.authorization.valid_until', kind: 'date' },
    ],
  },
  {
    key: 'shipment',
    fields: [
      { path: 'as_of', kind: 'date', hint: true },
      { path: 'shipment.destination', kind: 'text', hint: true, attrs: { ...upper, maxlength: '2', autocomplete: 'country' } },
      { path: 'shipment.trade_mode', kind: 'enum', values: TRADE_MODE, enumName: 'trade_mode' },
    ],
  },
  {
    key: 'usedOnly',
    fields: [
      { path: 'vehicle.registration_date', kind: 'date' },
      { path: 'shipment.licence_application_date', kind: 'date' },
      { path: 'exporter.registered_owner', kind: 'bool' },
      { path: 'exporter.own_make', kind: 'bool' },
      { path: 'evidence.quality_report', kind: 'bool' },
      { path: 'evidence.aftersales_confirmation', kind: 'bool' },
      { path: 'vehicle.modified', kind: 'bool' },
      { path: 'vehicle.scrappage_due', kind: 'bool' },
      { path: 'vehicle.seized', kind: 'bool' },
      { path: 'evidence.ccc', kind: 'bool' },
      { path: 'evidence.miit_catalogue', kind: 'bool' },
    ],
  },
];

const FIELDS = GROUPS.flatMap((g) => g.fields);

/** Sets a dotted path ("exporter.authorization.brand") in a request, making the objects on the way. */
export function setPath(request: Record<string, unknown>, path: string, value: unknown) {
  const keys = path.split('.');
  let node = request;
  for (const key of keys.slice(0, -1)) node = (node[key] ??= {}) as Record<string, unknown>;
  node[keys[keys.length - 1]] = value;
}
const idOf = (path: string) => `f-${path.replace(/\./g, '-')}`;
export const pointerOf = (path: string) => `/${path.replace(/\./g, '/')}`;

type Control = HTMLInputElement | HTMLSelectElement;

export class RequestForm {
  readonly element: HTMLFormElement;
  private controls = new Map<string, Control>();
  private notes = new Map<string, HTMLElement>();
  private relabel: ((lang: Lang) => void)[] = [];

  constructor(onChange: () => void) {
    this.element = h('form', { id: 'request-form', novalidate: true, autocomplete: 'off' });
    for (const group of GROUPS) {
      const legend = h('legend');
      this.relabel.push((lang) => (legend.textContent = t(lang, group.key)));
      const fieldset = h('fieldset', { class: `group group-${group.key}` }, legend);
      for (const field of group.fields) fieldset.append(this.build(field));
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
    const describedBy = [hint ? `${id}-hint` : '', `${id}-note`].filter(Boolean).join(' ');
    let control: Control;
    if (field.kind === 'enum' || field.kind === 'bool') {
      const select = h('select', { id, name: field.path, 'aria-describedby': describedBy });
      const values = field.kind === 'bool' ? ['true', 'false'] : field.values!;
      const unknown = h('option', { value: '' });
      const options = values.map((v) => h('option', { value: v }));
      select.append(unknown, ...options);
      this.relabel.push((lang) => {
        unknown.textContent = t(lang, 'unknown');
        options.forEach((o, i) => {
          const v = values[i];
          o.textContent = field.kind === 'bool' ? t(lang, v === 'true' ? 'yes' : 'no') : enumLabel(lang, field.enumName!, v);
        });
      });
      control = select;
    } else {
      control = h('input', { id, name: field.path, type: field.kind === 'date' ? 'date' : 'text', 'aria-describedby': describedBy, ...field.attrs });
    }
    this.relabel.push((lang) => {
      label.textContent = t(lang, field.path as Key);
      if (hint) hint.textContent = t(lang, `${field.path}.hint` as Key);
    });
    this.controls.set(field.path, control);
    this.notes.set(pointerOf(field.path), note);
    return h('div', { class: `field field-${field.kind}`, 'data-field': pointerOf(field.path) }, label, control, hint, note);
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
      for (const key of field.path.split('.')) value = value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
      const control = this.controls.get(field.path)!;
      control.value = value === undefined || value === null ? '' : String(value);
    }
  }

  clear() {
    for (const control of this.controls.values()) control.value = '';
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
  }
}
