// Reads tests/cases/ the way tests/core/corpus.hpp does: each case's request deep-merged onto its
// topic's base (objects merge; any other value, null included, replaces).
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const casesDir = join(root, 'tests', 'cases');

export function merge(base, over) {
  const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
  if (!isObject(base) || !isObject(over)) return over;
  const out = { ...base };
  for (const [key, value] of Object.entries(over)) out[key] = merge(base[key], value);
  return out;
}

export function loadCases() {
  const cases = [];
  for (const file of readdirSync(casesDir)
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    const topic = JSON.parse(readFileSync(join(casesDir, file), 'utf8'));
    for (const c of topic.cases) {
      const requestText = 'request_text' in c ? c.request_text : JSON.stringify(merge(topic.base ?? {}, c.request));
      cases.push({ file, name: c.name, requestText, expect: c.expect });
    }
  }
  return cases;
}

// The same checks as tests/core/cases_test.cpp; returns a list of failures (empty = pass).
export function compare(result, expect) {
  const failures = [];
  const eq = (what, got, want) => {
    if (JSON.stringify(got) !== JSON.stringify(want))
      failures.push(`${what}: got ${JSON.stringify(got)}, want ${JSON.stringify(want)}`);
  };
  if (expect.error) {
    if (!result.error) return [`expected error ${expect.error.code}, got verdict ${result.verdict}`];
    eq('error.code', result.error.code, expect.error.code);
    eq('error.field', result.error.field, expect.error.field);
    return failures;
  }
  if (result.error) return [`unexpected error ${JSON.stringify(result.error)}`];
  if (expect.destination) failures.push(...compareDestination(result.destination, expect.destination));
  // A destination case may leave China's side unsaid: its verdict is the export cases' business.
  if (expect.verdict === undefined) return failures;
  eq('verdict', result.verdict, expect.verdict);
  eq('licence_required', result.licence_required, expect.licence_required);
  if (expect.regime) eq('regime', result.regime, expect.regime);
  eq('warnings', result.warnings.map((w) => w.code).sort(), [...expect.warnings].sort());
  eq('missing', result.missing.map((m) => m.field).sort(), [...expect.missing].sort());
  const rules = new Set(result.reasons.map((r) => r.rule));
  for (const id of expect.rules ?? []) if (!rules.has(id)) failures.push(`missing reason ${id}`);
  for (const id of expect.not_rules ?? []) if (rules.has(id)) failures.push(`unexpected reason ${id}`);
  const documents = new Set(result.documents.map((d) => d.code));
  for (const code of expect.documents ?? []) if (!documents.has(code)) failures.push(`missing document ${code}`);
  if (expect.changes_since)
    eq(
      'changes_since',
      (result.ruleset.changes_since ?? []).map((c) => c.version),
      expect.changes_since,
    );
  // The rule that stops the export is marked, and only a stopped export has one (issue 16).
  if (result.reasons.some((r) => r.decides) !== (result.verdict === 'not_permitted'))
    failures.push(`decides marks ${result.reasons.filter((r) => r.decides).map((r) => r.rule)} on ${result.verdict}`);
  for (const [paper, status] of Object.entries(expect.papers ?? {}))
    eq(`papers.${paper}`, result.papers?.find((p) => p.paper === paper)?.status, status);
  return failures;
}

// The destination's expectations, as check_destination in tests/core/cases_test.cpp.
function compareDestination(d, expect) {
  if (!d) return ['no destination in the result'];
  const failures = [];
  const eq = (what, got, want) => {
    if (JSON.stringify(got) !== JSON.stringify(want))
      failures.push(`destination.${what}: got ${JSON.stringify(got)}, want ${JSON.stringify(want)}`);
  };
  if (expect.entry) eq('entry', d.entry, expect.entry);
  const reasons = new Set(d.reasons.map((r) => r.id));
  for (const id of expect.reasons ?? []) if (!reasons.has(id)) failures.push(`missing destination reason ${id}`);
  for (const id of expect.not_reasons ?? []) if (reasons.has(id)) failures.push(`unexpected destination reason ${id}`);
  const sure = new Set(d.charges.filter((c) => c.applies === 'yes').map((c) => c.id));
  const open = new Set(d.charges.filter((c) => c.applies !== 'yes').map((c) => c.id));
  for (const id of expect.charges ?? []) if (!sure.has(id)) failures.push(`missing charge ${id}`);
  for (const id of expect.if_charges ?? []) if (!open.has(id)) failures.push(`missing conditional charge ${id}`);
  for (const id of expect.not_charges ?? []) if (sure.has(id) || open.has(id)) failures.push(`unexpected charge ${id}`);
  if (expect.missing) eq('missing', d.missing.map((m) => m.field).sort(), [...expect.missing].sort());
  if (expect.warnings) eq('warnings', d.warnings.map((w) => w.code).sort(), [...expect.warnings].sort());
  if (expect.changes)
    eq(
      'changes',
      d.changes.map((c) => c.item),
      expect.changes,
    );
  if ('charges_percent' in expect) eq('charges_percent', d.charges_percent, expect.charges_percent);
  if ('total' in expect) eq('total', d.estimate?.total, expect.total);
  return failures;
}
