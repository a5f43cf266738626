// The core rules written for json-rules-engine, as a portal developer would: licence scope by date
// and powertrain, who may export (an authorised exporter's brand and window, the project-contracting
// exemption), modified vehicles, and the used-vehicle regime with the 180-day rule. An event of
// type not_permitted stops the export; permitted means no licence applies; otherwise conditional.
import { Engine } from 'json-rules-engine';
import { D2026, DMODIFIED } from './requests.mjs';

const is = (fact, value) => ({ fact, operator: 'equal', value });
const licensedNew = {
  all: [
    is('condition', 'new'),
    {
      any: [
        { fact: 'powertrain', operator: 'notEqual', value: 'bev' },
        { fact: 'as_of', operator: 'greaterThanInclusive', value: D2026 },
      ],
    },
  ],
};

const qualified = { fact: 'trade_mode', operator: 'notEqual', value: 'project_contracting' }; // 2007年第59号

export const rules = [
  {
    name: 'bev-before-2026',
    conditions: {
      all: [is('condition', 'new'), is('powertrain', 'bev'), { fact: 'as_of', operator: 'lessThan', value: D2026 }],
    },
    event: { type: 'permitted' },
  },
  {
    name: 'qualified-exporter',
    conditions: {
      all: [licensedNew, qualified, { fact: 'role', operator: 'in', value: ['trader', 'used_car_exporter'] }],
    },
    event: { type: 'not_permitted' },
  },
  {
    name: 'listed',
    conditions: { all: [licensedNew, qualified, is('listed', false)] },
    event: { type: 'not_permitted' },
  },
  {
    name: 'authorization-brand',
    conditions: {
      all: [
        licensedNew,
        qualified,
        is('role', 'authorized_exporter'),
        { fact: 'authorization_brand', operator: 'notEqual', value: { fact: 'make' } },
      ],
    },
    event: { type: 'not_permitted' },
  },
  {
    name: 'authorization-window',
    conditions: {
      all: [
        licensedNew,
        qualified,
        is('role', 'authorized_exporter'),
        {
          any: [
            { fact: 'as_of', operator: 'lessThan', value: { fact: 'authorization_from' } },
            { fact: 'as_of', operator: 'greaterThan', value: { fact: 'authorization_until' } },
          ],
        },
      ],
    },
    event: { type: 'not_permitted' },
  },
  {
    name: 'modified',
    conditions: {
      all: [
        { fact: 'as_of', operator: 'greaterThanInclusive', value: DMODIFIED },
        is('modified', true),
        { any: [is('ccc', false), is('miit_catalogue', false)] },
        { any: [licensedNew, is('condition', 'used')] },
      ],
    },
    event: { type: 'not_permitted' },
  },
  {
    name: 'used-exporter',
    conditions: {
      all: [is('condition', 'used'), { fact: 'role', operator: 'notIn', value: ['used_car_exporter', 'manufacturer'] }],
    },
    event: { type: 'not_permitted' },
  },
  {
    name: 'own-make',
    conditions: { all: [is('condition', 'used'), is('role', 'manufacturer'), is('own_make', false)] },
    event: { type: 'not_permitted' },
  },
  {
    name: 'registered-owner',
    conditions: { all: [is('condition', 'used'), is('registered_owner', false)] },
    event: { type: 'not_permitted' },
  },
  {
    name: 'quality-report',
    conditions: { all: [is('condition', 'used'), is('quality_report', false)] },
    event: { type: 'not_permitted' },
  },
  {
    name: '180-day',
    conditions: {
      all: [
        is('condition', 'used'),
        { fact: 'as_of', operator: 'greaterThanInclusive', value: D2026 },
        { fact: 'days_registered', operator: 'lessThanInclusive', value: 180 },
        is('aftersales_confirmation', false),
      ],
    },
    event: { type: 'not_permitted' },
  },
];

export function createEngine() {
  const engine = new Engine([], { allowUndefinedFacts: true });
  for (const rule of rules) engine.addRule(rule);
  return engine;
}

export async function verdict(engine, facts) {
  const { events, results, failureResults } = await engine.run(facts);
  const types = new Set(events.map((e) => e.type));
  const value = types.has('not_permitted') ? 'not_permitted' : types.has('permitted') ? 'permitted' : 'conditional';
  return { verdict: value, explanation: { results, failureResults } };
}
