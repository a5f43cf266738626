// The ruleset as the WebAssembly build embeds it: the same data without what only people read in the
// file ("dossier" section references, the notes of sources and customs codes), and without
// whitespace. Run by cmake/embed.cmake: node slim-ruleset.mjs IN OUT
import { readFileSync, writeFileSync } from 'node:fs';

const [input, output] = process.argv.slice(2);
const ruleset = JSON.parse(readFileSync(input, 'utf8'));
// The identifiers (core/rules/identifiers.json) lose their whitespace and the worked example of each
// WMI row, which only the native tests read (tests/core/vin_test.cpp).
if (!Array.isArray(ruleset.rules)) {
  delete ruleset.example_note;
  for (const row of ruleset.wmi ?? []) {
    delete row.example_vin;
    delete row.example;
  }
  writeFileSync(output, JSON.stringify(ruleset));
  process.exit(0);
}
delete ruleset.dossier;
for (const [list, member] of [
  ['rules', 'dossier'],
  ['documents', 'dossier'],
  ['obligations', 'dossier'],
  ['hs_codes', 'note'],
])
  for (const entry of ruleset[list] ?? []) delete entry[member];
// A source without a URL keeps the note that says why (the loader requires it).
for (const source of ruleset.sources ?? []) if (source.url) delete source.note;
writeFileSync(output, JSON.stringify(ruleset));
