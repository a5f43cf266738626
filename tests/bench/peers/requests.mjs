// The requests every engine decides: deterministic, with every fact given, spread over every regime
// the rules know and their boundaries — new vehicles by date and powertrain (2026-01-01 for BEVs),
// each kind of exporter (an authorised one with its brand and window), the project-contracting
// exemption, modified vehicles (648号 二, from 2025-11-11) with their evidence, and used vehicles with
// their registration and licence application dates (the 180-day window), owner, report and
// confirmation.
export const D2026 = Date.UTC(2026, 0, 1) / 86400000;
export const DMODIFIED = Date.UTC(2025, 10, 11) / 86400000;
const day = (iso) => Date.parse(`${iso}T00:00:00Z`) / 86400000;
const iso = (days) => new Date(days * 86400000).toISOString().slice(0, 10);

export function generate(n, seed = 42) {
  let s = seed >>> 0;
  const rand = (k) => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s % k;
  };
  const pick = (list) => list[rand(list.length)];
  const out = [];
  for (let i = 0; i < n; i++) {
    const asOf = day('2025-10-01') + rand(240); // 2025-10-01 … 2026-05-28
    const used = rand(2) === 1;
    const role = pick(['manufacturer', 'authorized_exporter', 'trader', 'used_car_exporter']);
    const request = {
      as_of: iso(asOf),
      vehicle: {
        category: 'passenger_car',
        powertrain: pick(['bev', 'phev', 'ice']),
        condition: used ? 'used' : 'new',
        make: 'BYD',
      },
      exporter: { role, listed: rand(4) !== 0 },
      shipment: { trade_mode: rand(8) === 0 ? 'project_contracting' : 'general' },
    };
    if (role === 'authorized_exporter') {
      // A year's authorisation that may have ended or not yet begun, now and then for another brand.
      const from = asOf - 300 + rand(330);
      request.exporter.authorization = {
        brand: rand(6) === 0 ? 'Geely' : 'BYD',
        valid_from: iso(from),
        valid_until: iso(from + 364),
      };
    }
    if (rand(4) === 0) {
      request.vehicle.modified = true;
      request.evidence = { ccc: rand(5) !== 0, miit_catalogue: rand(5) !== 0 };
    }
    if (used) {
      const registered = asOf - rand(400);
      request.vehicle.registration_date = iso(registered);
      // The 180 days run to the licence application (MOFCOM guidelines of 2025-12-11), made between
      // the registration and the declaration.
      request.shipment.licence_application_date = iso(registered + rand(asOf - registered + 1));
      request.exporter.registered_owner = rand(5) !== 0;
      request.exporter.own_make = rand(3) !== 0; // a manufacturer may export only its own used vehicles
      request.evidence = { ...request.evidence, quality_report: rand(5) !== 0, aftersales_confirmation: rand(2) === 1 };
    }
    out.push(request);
  }
  return out;
}

// The facts a rules engine is given: the request's fields, with dates as day numbers.
export function facts(r) {
  const auth = r.exporter.authorization;
  return {
    as_of: day(r.as_of),
    powertrain: r.vehicle.powertrain,
    condition: r.vehicle.condition,
    make: r.vehicle.make,
    modified: r.vehicle.modified ?? false,
    role: r.exporter.role,
    listed: r.exporter.listed,
    trade_mode: r.shipment.trade_mode,
    authorization_brand: auth?.brand ?? null,
    authorization_from: auth ? day(auth.valid_from) : null,
    authorization_until: auth ? day(auth.valid_until) : null,
    registered_owner: r.exporter.registered_owner ?? null,
    quality_report: r.evidence?.quality_report ?? null,
    aftersales_confirmation: r.evidence?.aftersales_confirmation ?? null,
    ccc: r.evidence?.ccc ?? null,
    miit_catalogue: r.evidence?.miit_catalogue ?? null,
    own_make: r.exporter.own_make ?? null,
    days_registered: r.vehicle.registration_date
      ? day(r.shipment.licence_application_date) - day(r.vehicle.registration_date)
      : null,
  };
}
