// The shared corpus through the JS API over the wasm build, and agreement with the native CLI.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadChecker } from './checker.mjs';
import { compare, loadCases, root } from './corpus.mjs';

const checker = await loadChecker();
// Every language, as the CLI has them built in: the ruleset's translations and the destination's.
for (const lang of ['zh', 'ru', 'es', 'pt-BR', 'ar']) await checker.loadLanguage(lang);
const cases = loadCases();

test('the corpus has cases', () => assert.ok(cases.length > 100));

for (const c of cases) {
  test(`${c.file}: ${c.name}`, () => {
    const result = checker.evaluate(c.requestText);
    assert.deepEqual(compare(result, c.expect), []);
  });
}

// One answer whatever the surface: the native CLI gives the same JSON, byte for byte.
const cli = join(root, 'build', 'native', 'evexport');
test('native and wasm agree on every case', () => {
  let compared = 0;
  for (const c of cases) {
    if (!c.requestText.includes('"as_of"')) continue; // "today" may differ between two runs
    let native;
    try {
      native = execFileSync(cli, ['check', '-'], { input: c.requestText, encoding: 'utf8' });
    } catch (e) {
      native = e.stdout; // exit 2 with the structured error
    }
    assert.equal(native.trim(), checker.evaluateJson(c.requestText), `${c.file}: ${c.name}`);
    compared++;
  }
  assert.ok(compared > 100, `compared ${compared}`);
});

// verdicts() decides without the explanation's extra work (evaluate_verdict): the same verdict as
// evaluate() for every case, and null where evaluate() gives an error.
test("verdicts() gives evaluate()'s verdict for every case", () => {
  // The cases whose request is a JSON object (bad-input.json also has texts that are not).
  const objects = cases.filter((c) => {
    try {
      const v = JSON.parse(c.requestText);
      return v !== null && typeof v === 'object' && !Array.isArray(v);
    } catch {
      return false;
    }
  });
  assert.ok(objects.length > 700, String(objects.length));
  const verdicts = checker.verdicts(objects.map((c) => JSON.parse(c.requestText)));
  objects.forEach((c, i) => {
    const result = checker.evaluate(c.requestText);
    assert.equal(verdicts[i], result.error ? null : result.verdict, `${c.file}: ${c.name}`);
  });
});
