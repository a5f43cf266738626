// Every README example gives what the README says it gives: each block after <!-- example --> is
// run from the repository root, and the JSON shown must be part of what it prints ("..." stands for
// any text; arrays must have the elements shown, in order, and no others).
import assert from 'node:assert/strict';
import { execSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { root } from './corpus.mjs';

const readme = readFileSync(join(root, 'README.md'), 'utf8');

function examples() {
  const out = [];
  for (const part of readme.split('<!-- example -->').slice(1)) {
    const section = part.split(/\n## /)[0];
    const blocks = [...section.matchAll(/```(\w+)\n([\s\S]*?)```/g)].map((m) => ({ lang: m[1], body: m[2] }));
    const command = blocks.find((b) => b.lang === 'sh').body.trim();
    const json = blocks.filter((b) => b.lang === 'json').map((b) => JSON.parse(b.body));
    out.push({ command, shown: json.at(-1), request: json.length > 1 ? json[0] : undefined });
  }
  return out;
}

function contains(actual, shown, path = '') {
  if (shown === '...') return;
  if (Array.isArray(shown)) {
    assert.ok(Array.isArray(actual), `${path}: not an array`);
    assert.equal(actual.length, shown.length, `${path}: ${actual.length} elements, README shows ${shown.length}`);
    for (const [i, s] of shown.entries()) contains(actual[i], s, `${path}/${i}`);
  } else if (shown && typeof shown === 'object') {
    assert.ok(actual && typeof actual === 'object', `${path}: not an object`);
    for (const [key, value] of Object.entries(shown)) contains(actual[key], value, `${path}/${key}`);
  } else {
    assert.equal(actual, shown, path);
  }
}

const list = examples();
test('the README has its examples', () => assert.ok(list.length >= 5));

for (const { command, shown, request } of list) {
  test(`README: ${command}`, () => {
    let stdout;
    try {
      stdout = execSync(command, { cwd: root, encoding: 'utf8', shell: '/bin/bash' });
    } catch (e) {
      stdout = e.stdout; // exit 2 with a structured error is an answer too
    }
    // A JSON string shown stands for the command's text output, which must begin with it.
    if (typeof shown === 'string')
      assert.ok(
        stdout.startsWith(shown),
        `${JSON.stringify(stdout.slice(0, 200))} does not begin with the README's text`,
      );
    else contains(JSON.parse(stdout), shown);
    if (request) {
      const file = command.split(/\s+/).at(-1);
      assert.deepEqual(request, JSON.parse(readFileSync(join(root, file), 'utf8')), `the request shown is ${file}`);
    }
  });
}
