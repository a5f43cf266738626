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
