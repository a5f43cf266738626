// The project's JS API side by side with json-rules-engine and json-logic-js, in one node process,
// on the same generated requests: results checked to agree, throughput of each, and the ratios.
// Reproduce: ./scripts/build && node --no-experimental-fetch tests/bench/peers/run.mjs [N] [ROUNDS] [--check]
// (--check: exit 1 when a target is not met; a benchmark, never part of the tests).
import { loadChecker } from '../../js/checker.mjs';
import { createEngine, verdict as rulesEngineVerdict } from './json-rules-engine.mjs';
import { verdict as jsonLogicVerdict } from './json-logic.mjs';
import { facts, generate } from './requests.mjs';

const n = Number(process.argv[2] ?? 20000);
const requests = generate(n);
const checker = await loadChecker();
const engine = createEngine();

// 1. They agree, and the project's two ways of asking agree with each other.
const ours = requests.map((r) => checker.evaluate(r).verdict);
if (JSON.stringify(checker.verdicts(requests)) !== JSON.stringify(ours))
  throw new Error('verdicts() and evaluate() disagree');
let disagree = 0;
for (let i = 0; i < n; i++) {
  const f = facts(requests[i]);
  const a = (await rulesEngineVerdict(engine, f)).verdict;
  const b = jsonLogicVerdict(f);
  if (a !== ours[i] || b !== ours[i]) {
    if (disagree++ < 5)
      console.error('disagree', JSON.stringify(requests[i]), { ours: ours[i], rulesEngine: a, jsonLogic: b });
  }
}
const spread = {};
for (const v of ours) spread[v] = (spread[v] ?? 0) + 1;
console.log(`${n} requests, verdicts ${JSON.stringify(spread)}; disagreements: ${disagree}`);
if (disagree) process.exit(1);

// 2. Throughput, in interleaved rounds (each round runs all four, so that the machine's drift falls on
// all of them alike); the figure is each one's median over the rounds. Each engine gets the request
// as a portal would hold it (an object) and returns its answer as an object; the facts a rules
// engine needs are derived inside the timing.
const rounds = Number(process.argv[3] ?? 7);
const runs = {
  explainedOurs: () => {
    for (const r of requests) checker.evaluate(r);
  },
  explainedPeer: async () => {
    for (const r of requests) await rulesEngineVerdict(engine, facts(r));
  },
  verdictsOurs: () => {
    checker.verdicts(requests);
  },
  verdictsPeer: () => {
    for (const r of requests) jsonLogicVerdict(facts(r));
  },
};
const rates = Object.fromEntries(Object.keys(runs).map((k) => [k, []]));
for (let round = 0; round < rounds; round++)
  for (const [name, run] of Object.entries(runs)) {
    const t0 = performance.now();
    await run();
    rates[name].push(n / ((performance.now() - t0) / 1000));
  }
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const m = Object.fromEntries(Object.entries(rates).map(([k, xs]) => [k, median(xs)]));
const line = (name, value) =>
  console.log(`${name.padEnd(64)} ${Math.round(value).toLocaleString('en').padStart(10)} requests/s`);
line('EV Export Check, explained (JS API: object in, result out)', m.explainedOurs);
line('json-rules-engine (events + rule results)', m.explainedPeer);
line('EV Export Check, verdicts only (JS API verdicts(), objects in)', m.verdictsOurs);
line('json-logic-js (verdict only)', m.verdictsPeer);

// The targets (issue 15): explained >= 12x json-rules-engine, verdicts only >= 1.5x json-logic-js.
const explained = m.explainedOurs / m.explainedPeer;
const verdicts = m.verdictsOurs / m.verdictsPeer;
const met = (ratio, target) => (ratio >= target ? 'met' : 'NOT MET');
console.log(
  `explained: ${explained.toFixed(1)}x json-rules-engine (target >= 12x: ${met(explained, 12)}), ` +
    `medians of ${rounds} rounds`,
);
console.log(`verdicts only: ${verdicts.toFixed(2)}x json-logic-js (target >= 1.5x: ${met(verdicts, 1.5)})`);
if (process.argv.includes('--check') && (explained < 12 || verdicts < 1.5)) process.exit(1);
