// The requests every engine decides: deterministic, spread over the core rules' boundaries
// (2026-01-01 for BEVs, the 180-day window for used cars), with every fact given.
export const D2026 = Date.UTC(2026, 0, 1) / 86400000;
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
    const request = {
      as_of: iso(asOf),
      vehicle: {
        category: 'passenger_car',
        powertrain: pick(['bev', 'phev', 'ice']),
        condition: used ? 'used' : 'new',
        make: 'BYD',
      },
      exporter: { role: pick(['manufacturer', 'trader', 'used_car_exporter']), listed: rand(4) !== 0 },
      shipment: { trade_mode: 'general' },
    };
    if (used) {
      const registered = asOf - rand(400);
      request.vehicle.registration_date = iso(registered);
      // The 180 days run to the licence application (MOFCOM guidelines of 2025-12-11), made between
      // the registration and the declaration.
      request.shipment.licence_application_date = iso(registered + rand(asOf - registered + 1));
      request.exporter.registered_owner = rand(5) !== 0;
      request.exporter.own_make = rand(3) !== 0; // a manufacturer may export only its own used vehicles
      request.evidence = { quality_report: rand(5) !== 0, aftersales_confirmation: rand(2) === 1 };
    }
    out.push(request);
  }
  return out;
}

// The facts a rules engine is given: the request's fields, with dates as day numbers.
export function facts(r) {
  return {
    as_of: day(r.as_of),
    powertrain: r.vehicle.powertrain,
    condition: r.vehicle.condition,
    role: r.exporter.role,
    listed: r.exporter.listed,
    registered_owner: r.exporter.registered_owner ?? null,
    quality_report: r.evidence?.quality_report ?? null,
    aftersales_confirmation: r.evidence?.aftersales_confirmation ?? null,
    own_make: r.exporter.own_make ?? null,
    days_registered: r.vehicle.registration_date
      ? day(r.shipment.licence_application_date) - day(r.vehicle.registration_date)
      : null,
  };
}
