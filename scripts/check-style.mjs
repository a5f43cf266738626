// Checks every tracked text file against .editorconfig: UTF-8, LF line ends, a final newline, no
// trailing whitespace, no tabs where spaces are asked, and lines of at most 120 characters (counted as
// characters, not bytes) except where the file kind turns the limit off (prose and data).
// Run by scripts/test; C++ layout itself is clang-format's (.clang-format), TypeScript's Biome's.
// Reproduce: node scripts/check-style.mjs
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const LIMIT = 120;
const unlimited = /\.(md|json|csv|jsonl|svg|html)$/;
const binary = /\.(png|jpg|ico|wasm|woff2?|pdf)$/;
const tabsAllowed = /(^|\/)Makefile$|\.tsv$/;
const files = execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8' }).split('\0').filter(Boolean);
const problems = [];
const decoder = new TextDecoder('utf-8', { fatal: true });
for (const file of files) {
  if (binary.test(file)) continue;
  if (/^tests\/cases\/files\/.*\.csv$/.test(file)) continue; // as spreadsheets save them: GBK, UTF-16, CRLF
  const bytes = readFileSync(join(root, file));
  if (bytes.includes(0)) continue; // a binary fixture (a fuzzer seed, say)
  let text;
  try {
    text = decoder.decode(bytes);
  } catch {
    problems.push(`${file}: not UTF-8`);
    continue;
  }
  if (text.length && !text.endsWith('\n')) problems.push(`${file}: no final newline`);
  if (text.includes('\r')) problems.push(`${file}: CR line ends`);
  text.split('\n').forEach((line, i) => {
    const at = `${file}:${i + 1}`;
    if (/[ \t]$/.test(line)) problems.push(`${at}: trailing whitespace`);
    if (!tabsAllowed.test(file) && line.includes('\t')) problems.push(`${at}: tab`);
    if (!unlimited.test(file) && [...line].length > LIMIT)
      problems.push(`${at}: ${[...line].length} characters (at most ${LIMIT})`);
  });
}
for (const p of problems.slice(0, 200)) console.error(p);
console.log(`style: ${files.length} files, ${problems.length} problems`);
process.exit(problems.length ? 1 : 0);
