// The ruleset's schema (core/rules/ruleset.schema.json) and its loader (core/src/ruleset_load.cpp)
// say the same: the built-in ruleset is valid, and a key out of place or missing is refused by both,
// the loader naming the key's JSON Pointer (issue: a ruleset whose exemption lost its trade_mode
// loaded and silently flipped answers). The loader is reached through the native CLI,
// `evexport rules --ruleset FILE`, with the ruleset raised to a newer version so that it is taken.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import Ajv2020 from 'ajv/dist/2020.js';
import { root } from './corpus.mjs';

const cli = join(root, 'build', 'native', 'evexport');
const rulesetText = readFileSync(join(root, 'core', 'rules', 'cn-vehicle-export.json'), 'utf8');
const schema = JSON.parse(readFileSync(join(root, 'core', 'rules', 'ruleset.schema.json'), 'utf8'));
const validate = new Ajv2020({ allErrors: true }).compile(schema);
const builtin = JSON.parse(rulesetText);

// A loader failure from a binary built before the loader's last change says so.
const loaderSource = join(root, 'core', 'src', 'ruleset_load.cpp');
const stale =
  statSync(cli, { throwIfNoEntry: false })?.mtimeMs < statSync(loaderSource).mtimeMs
    ? ' (build/native/evexport is older than core/src/ruleset_load.cpp: rebuild before reading this failure)'
    : '';

const NEWER = '2099.1.1';
// The built-in ruleset as a newer version of itself, which --ruleset takes in place of the built-in one.
function newer() {
  const doc = structuredClone(builtin);
  doc.version = NEWER;
  doc.changes[0].version = NEWER;
  return doc;
}

const dir = mkdtempSync(join(tmpdir(), 'evexport-ruleset-schema-'));
after(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
// What the loader says of a ruleset: the CLI's exit status and, when it refuses it, the error.
function load(doc) {
  const file = join(dir, `ruleset-${files++}.json`);
  writeFileSync(file, JSON.stringify(doc));
  const r = spawnSync(cli, ['rules', '--ruleset', file], { encoding: 'utf8', maxBuffer: 1 << 24 });
  rmSync(file);
  assert.equal(r.signal, null, `the CLI was killed by ${r.signal}`);
  return { status: r.status, error: r.status === 2 ? JSON.parse(r.stdout).error : undefined, stdout: r.stdout };
}

const token = (key) => key.replaceAll('~', '~0').replaceAll('/', '~1');
// The places the schema's errors name, as JSON Pointers (a missing or unexpected key by its own
// pointer); null when the schema accepts the document.
function schemaRefusal(doc) {
  if (validate(doc)) return null;
  return validate.errors.map((e) => {
    const key = e.params.missingProperty ?? e.params.additionalProperty ?? e.params.unevaluatedProperty;
    return key === undefined ? e.instancePath : `${e.instancePath}/${token(key)}`;
  });
}

function refusedByBoth(doc, pointer, what) {
  const named = schemaRefusal(doc);
  assert.ok(named, `${what}: the schema accepts it`);
  assert.ok(named.includes(pointer), `${what}: the schema names ${named.join(', ')}, not ${pointer}`);
  const r = load(doc);
  assert.equal(r.status, 2, `${what}: the loader accepts it${stale}`);
  assert.equal(r.error.code, 'invalid_ruleset', `${what}${stale}`);
  assert.equal(r.error.field, pointer, `${what}: the loader says "${r.error.message}" at ${r.error.field}${stale}`);
}

function acceptedByBoth(doc, what) {
  const named = schemaRefusal(doc);
  assert.equal(named, null, `${what}: the schema refuses it at ${named}`);
  const r = load(doc);
  assert.equal(r.status, 0, `${what}: the loader refuses it: ${r.stdout}${stale}`);
}

// The keys each kind of rule must have and may have, as the schema says: those every rule takes
// ($defs/rule) and those of its kind ($defs/rule.<kind>).
const ruleDef = schema.$defs.rule;
const kindNames = ruleDef.properties.kind.enum;
const kinds = Object.fromEntries(
  kindNames.map((kind) => {
    const own = schema.$defs[`rule.${kind}`] ?? {};
    return [
      kind,
      {
        required: [...ruleDef.required, ...(own.required ?? [])],
        allowed: [...Object.keys(ruleDef.properties), ...Object.keys(own.properties ?? {})],
      },
    ];
  }),
);
const kindKeys = [...new Set(kindNames.flatMap((kind) => Object.keys(schema.$defs[`rule.${kind}`]?.properties ?? {})))];
// A value each kind-specific key takes somewhere in the built-in ruleset.
const sample = Object.fromEntries(kindKeys.map((key) => [key, builtin.rules.find((r) => key in r)?.[key] ?? true]));
const firstOfKind = kindNames.map((kind) => builtin.rules.findIndex((r) => r.kind === kind)).filter((i) => i >= 0);

test('the schema has a subschema for each kind of rule, chosen by the kind', () => {
  const chosen = ruleDef.allOf.map((branch) => [branch.if.properties.kind.const, branch.then.$ref]);
  assert.deepEqual(
    chosen,
    kindNames.map((kind) => [kind, `#/$defs/rule.${kind}`]),
  );
  assert.equal(ruleDef.unevaluatedProperties, false);
  for (const kind of kindNames) assert.ok(schema.$defs[`rule.${kind}`], kind);
});

test('the built-in ruleset is valid against the schema', () => {
  assert.equal(validate(builtin), true, JSON.stringify(validate.errors, null, 2));
});

test('the built-in ruleset with only its version raised loads', () => {
  const doc = newer();
  acceptedByBoth(doc, 'version raised');
  assert.equal(JSON.parse(load(doc).stdout).version, NEWER);
});

builtin.rules.forEach((rule, i) => {
  const at = `/rules/${i}`;
  const { required, allowed } = kinds[rule.kind];

  test(`${at} (${rule.id}, ${rule.kind}): a stray key is refused`, () => {
    const doc = newer();
    doc.rules[i].trade_modes = ['general'];
    refusedByBoth(doc, `${at}/trade_modes`, 'trade_modes added');
  });

  test(`${at} (${rule.id}, ${rule.kind}): each key it must have is required, the others may go`, () => {
    for (const key of required) {
      const doc = newer();
      delete doc.rules[i][key];
      refusedByBoth(doc, `${at}/${key}`, `${key} removed`);
    }
    for (const key of Object.keys(rule).filter((k) => !required.includes(k))) {
      assert.ok(allowed.includes(key), `${key} is not a key of a ${rule.kind} rule in the schema`);
      const doc = newer();
      delete doc.rules[i][key];
      acceptedByBoth(doc, `${key} removed`);
    }
  });
});

for (const i of firstOfKind) {
  const { kind, id } = builtin.rules[i];
  test(`/rules/${i} (${id}): a key of another kind of rule is refused in this ${kind} rule`, () => {
    for (const key of kindKeys.filter((k) => !kinds[kind].allowed.includes(k))) {
      const doc = newer();
      doc.rules[i][key] = sample[key];
      refusedByBoth(doc, `/rules/${i}/${key}`, `${key} added`);
    }
  });
}

// A null is no value: a key that must be there is refused when null (the loader reads a null
// member as an absent one, which once let a null trade_mode load and never apply).
test('a key a rule must have is refused when null', () => {
  for (const i of firstOfKind) {
    const rule = builtin.rules[i];
    for (const key of kinds[rule.kind].required) {
      const doc = newer();
      doc.rules[i][key] = null;
      refusedByBoth(doc, `/rules/${i}/${key}`, `${rule.id}: ${key} set to null`);
    }
  }
});

// The other objects the loader is strict about: the top level, a source, a document, an
// obligation, a customs code, a vehicle pattern, a change and a change's item.
const sites = [
  ['', schema, (d) => d],
  ['/sources/0', schema.$defs.source, (d) => d.sources[0]],
  ['/documents/0', schema.$defs.entry, (d) => d.documents[0]],
  ['/obligations/0', schema.$defs.entry, (d) => d.obligations[0]],
  ['/hs_codes/0', schema.$defs.hs_code, (d) => d.hs_codes[0]],
  ['/rules/0/vehicles/0', schema.$defs.vehicle_pattern, (d) => d.rules[0].vehicles[0]],
  ['/changes/0', schema.$defs.change, (d) => d.changes[0]],
  ['/changes/0/items/0', schema.$defs.change.properties.items.items, (d) => d.changes[0].items[0]],
];
for (const [at, def, place] of sites) {
  test(`${at || 'the top level'}: a stray key is refused, and each key it must have is required, null or not`, () => {
    assert.equal(def.additionalProperties, false, 'the schema is strict here');
    const stray = newer();
    place(stray).trade_modes = ['general'];
    refusedByBoth(stray, `${at}/trade_modes`, 'trade_modes added');
    for (const key of def.required ?? []) {
      const doc = newer();
      delete place(doc)[key];
      refusedByBoth(doc, `${at}/${key}`, `${key} removed`);
      place(doc)[key] = null;
      refusedByBoth(doc, `${at}/${key}`, `${key} set to null`);
    }
  });
}

// The messages and labels the evaluator writes (evaluator_messages() and evaluator_labels() in
// core/src/evaluate.cpp) are those the schema requires: the loader refuses a ruleset without one of
// them, and takes one without any other.
for (const map of ['messages', 'labels']) {
  test(`${map}: those the schema requires are those the loader requires`, () => {
    const required = schema.properties[map].required;
    for (const key of Object.keys(builtin[map])) {
      const doc = newer();
      delete doc[map][key];
      if (required.includes(key)) refusedByBoth(doc, `/${map}/${token(key)}`, `${map} ${key} removed`);
      else acceptedByBoth(doc, `${map} ${key} removed`);
    }
  });
}
