// Writes tests/cases/destinations-dates.json from core/rules/destinations.json: for every market, cases
// on both sides of every dated item (the day before it starts and the day it starts; its last day and
// the day after) and of every entry condition and charge's facts (met, and one of them not met).
// The expectations follow from the data's meaning alone (docs/RULESET.md, "Destinations"), not from
// the engine: an item in force whose facts are met is among the answer's reasons or charges, and one
// out of force or whose facts fail is not. Run after changing the data:
//   node tests/cases/destinations-generate.mjs
// (tests/js/destinations.test.mjs fails while the file is not what this writes.)
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));
const OUT = here('./destinations-dates.json');

const day = (iso, n) => new Date(Date.parse(`${iso}T00:00:00Z`) + n * 86400000).toISOString().slice(0, 10);
const yearsBefore = (iso, years) => `${Number(iso.slice(0, 4)) - years}${iso.slice(4)}`.replace('-02-29', '-02-28');

// A VIN of a maker in no producer group (Chery's LVV) with the given model year, check digit right
// (ISO 3779: identifiers.md §1), or null when that model year cannot be read on `asOf` (a code more
// than a year ahead reads in the 1980 cycle).
const YEAR_CODES = 'ABCDEFGHJKLMNPRSTVWXY'; // 2010…2030
const VALUE = { A: 1, B: 2, C: 3, D: 4, E: 5, F: 6, G: 7, H: 8, J: 1, K: 2, L: 3, M: 4, N: 5, P: 7, R: 9 };
Object.assign(VALUE, { S: 2, T: 3, U: 4, V: 5, W: 6, X: 7, Y: 8, Z: 9 });
const WEIGHTS = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2];
export function vinFor(modelYear, asOf) {
  const code = YEAR_CODES[modelYear - 2010];
  if (!code || modelYear > Number(asOf.slice(0, 4)) + 1) return null;
  const vin = `LVVDC21B0${code}D196821`.split('');
  const sum = vin.reduce((s, c, i) => s + (/\d/.test(c) ? Number(c) : VALUE[c]) * WEIGHTS[i], 0);
  vin[8] = sum % 11 === 10 ? 'X' : String(sum % 11);
  return vin.join('');
}

const base = () => ({ vehicle: { category: 'passenger_car', powertrain: 'bev' }, shipment: {} });

// The request facts that meet `when` on `asOf` (or, with `fail`, break that one condition), and
// whether every condition could be met (a model year out of reach leaves it unknown).
function facts(when = {}, asOf, data, fail) {
  const r = base();
  let complete = true;
  const v = r.vehicle;
  const s = r.shipment;
  const flip = (key, yes, no) => (fail === key ? no : yes);
  if (when.condition) v.condition = flip('condition', when.condition, when.condition === 'new' ? 'used' : 'new');
  if (when.importer)
    s.importer = flip('importer', when.importer, when.importer === 'personal' ? 'commercial' : 'personal');
  if (when.drive_side) v.drive_side = flip('drive_side', when.drive_side, when.drive_side === 'lhd' ? 'rhd' : 'lhd');
  if (when.groups) {
    const group = data.groups.find((g) => g.id === when.groups[0]);
    v.make = flip('groups', group.makes[0], 'Xpeng');
  }
  if (when.no_group) v.make = flip('no_group', 'Xpeng', data.groups[0].makes[0]);
  if (when.makes) v.make = flip('makes', when.makes[0], 'Xpeng');
  if (when.origin_certificate !== undefined)
    s.origin_certificate = flip('origin_certificate', when.origin_certificate, !when.origin_certificate);
  if (when.model_year_min !== undefined) {
    const vin = vinFor(when.model_year_min, asOf);
    if (vin) v.vin = vin;
    else complete = false;
  }
  if (when.age_over_years !== undefined || when.age_up_to_years !== undefined) {
    // A used car registered the right number of years (and a half) before arrival.
    const over = when.age_over_years ?? -1;
    const upTo = when.age_up_to_years ?? over + 2;
    const age = fail === 'age' ? (when.age_over_years !== undefined ? 0 : upTo + 1) : Math.max(over + 0.5, 0.5);
    v.condition ??= 'used';
    v.registration_date = yearsBefore(day(asOf, -183), Math.floor(age));
  }
  const money = when.value_over ?? when.value_up_to;
  if (money) {
    const low = when.value_over?.amount ?? 0;
    const high = when.value_up_to?.amount ?? low * 2 + 1000;
    const amount = fail === 'value' ? (when.value_over ? low : high + 1) : Math.round((low + high) / 2) + 1;
    s.customs_value = { amount, currency: money.currency };
  }
  if (when.power_kw_over !== undefined || when.power_kw_up_to !== undefined) {
    const low = when.power_kw_over ?? 0;
    const high = when.power_kw_up_to ?? low + 100;
    const power = fail === 'power' ? (when.power_kw_over !== undefined ? low : high + 1) : (low + high) / 2;
    v.power_kw = String(Math.round(power * 100) / 100);
  }
  return { request: r, complete };
}

// The keys of `when` one case breaks, each standing for the condition it tests.
const FAILS = {
  condition: 'condition',
  importer: 'importer',
  drive_side: 'drive_side',
  groups: 'groups',
  no_group: 'no_group',
  makes: 'makes',
  origin_certificate: 'origin_certificate',
  age_over_years: 'age',
  age_up_to_years: 'age',
  value_over: 'value',
  value_up_to: 'value',
  power_kw_over: 'power',
  power_kw_up_to: 'power',
};

const inForce = (item, d) => (!item.from || item.from <= d) && (!item.until || d <= item.until);

export function generate(data) {
  const cases = [];
  for (const market of data.markets) {
    const country = market.members?.includes('DE') ? 'DE' : market.country;
    const items = [...market.entry.map((i) => [i, 'entry']), ...market.charges.map((i) => [i, 'charge'])];
    for (const [item, kind] of items) {
      const expectation = (present, complete) => {
        if (!present) return kind === 'entry' ? { not_reasons: [item.id] } : { not_charges: [item.id] };
        if (kind === 'entry') return { reasons: [item.id] };
        return item.option || !complete ? { if_charges: [item.id] } : { charges: [item.id] };
      };
      const add = (name, asOf, present, fail) => {
        const { request, complete } = facts(item.when, asOf, data, fail);
        request.as_of = asOf;
        request.shipment.destination = country;
        cases.push({
          name: `${market.country} ${item.id}: ${name}`,
          request,
          expect: { destination: expectation(present, complete) },
        });
      };
      if (item.from && item.from > '1900-01-01') {
        add(`the day before it starts (${day(item.from, -1)})`, day(item.from, -1), false);
        add(`the day it starts (${item.from})`, item.from, true);
      }
      if (item.until) {
        add(`its last day (${item.until})`, item.until, true);
        add(`the day after it ends (${day(item.until, 1)})`, day(item.until, 1), false);
      }
      // Its facts met, and each of them broken in turn, on a day it is in force.
      const on = inForce(item, '2026-11-29') ? '2026-11-29' : (item.until ?? item.from);
      if (!item.from && !item.until) add(`in force (${on})`, on, true);
      for (const key of Object.keys(item.when ?? {})) {
        if (key === 'model_year_min') continue; // a VIN a year below is the engine's own VIN reading
        add(`not when ${key} fails (${on})`, on, false, FAILS[key]);
      }
    }
  }
  return {
    topic: 'The destination: every dated item on both sides of its dates, every fact met and not (generated)',
    generated_by: 'tests/cases/destinations-generate.mjs from core/rules/destinations.json',
    cases,
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const data = JSON.parse(readFileSync(here('../../core/rules/destinations.json'), 'utf8'));
  const out = generate(data);
  writeFileSync(OUT, `${JSON.stringify(out, null, 1)}\n`);
  console.log(`${out.cases.length} cases → ${OUT}`);
}
