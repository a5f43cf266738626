// The project's JS API side by side with json-rules-engine and json-logic-js, in one node process,
// on the same generated requests: results checked to agree, throughput of each, and the ratios.
// Reproduce: ./scripts/build && node --no-experimental-fetch tests/bench/peers/run.mjs [N]
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

// 2. Throughput. Each engine gets the request as a portal would hold it (an object) and returns
// its answer as an object; the facts a rules engine needs are derived inside the timing.
async function rate(name, fn, rounds = 3) {
  let best = 0;
  for (let round = 0; round < rounds; round++) {
    const t0 = performance.now();
    await fn();
    best = Math.max(best, n / ((performance.now() - t0) / 1000));
  }
  console.log(`${name.padEnd(58)} ${Math.round(best).toLocaleString('en').padStart(12)} requests/s`);
  return best;
}

const explainedOurs = await rate('EV Export Check, explained (JS API: object in, result out)', () => {
  for (const r of requests) checker.evaluate(r);
});
const explainedPeer = await rate('json-rules-engine (events + rule results)', async () => {
  for (const r of requests) await rulesEngineVerdict(engine, facts(r));
});
const verdictsOurs = await rate('EV Export Check, verdicts only (JS API verdicts(), objects in)', () => {
  checker.verdicts(requests);
});
const verdictsPeer = await rate('json-logic-js (verdict only)', () => {
  for (const r of requests) jsonLogicVerdict(facts(r));
});

console.log(`explained: ${(explainedOurs / explainedPeer).toFixed(1)}x json-rules-engine (target >= 10x)`);
console.log(`verdicts only: ${(verdictsOurs / verdictsPeer).toFixed(2)}x json-logic-js (target >= 1x)`);
