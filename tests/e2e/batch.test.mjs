// Batch in the browser: upload → progress → results → filters → downloads, in a worker; the
// answers are the native CLI's, byte for byte; nothing is uploaded anywhere.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { root } from '../js/corpus.mjs';
import { openSite, verdictOf } from './browser.mjs';

const cli = join(root, 'build', 'native', 'evexport');
let site;
before(async () => (site = await openSite()));
after(async () => site?.close());

function inventory(rows) {
  const roles = ['manufacturer', 'trader', 'authorized_exporter', 'used_car_exporter'];
  let csv = '\uFEFFid,as_of,make,category,powertrain,condition,exporter_role,exporter_listed,colour\r\n';
  for (let i = 0; i < rows; i++)
    csv += `car-${i},2026-03-01,比亚迪,passenger_car,${i % 7 ? 'bev' : 'steam'},new,${roles[i % 4]},true,"red, ${i}"\r\n`;
  return csv;
}

// The native CLI's answers to a CSV: what the page's download must equal, byte for byte. The page
// links each row to itself, so the CLI is given the page's address as the link base.
const cliBatch = (csv) =>
  execFileSync(cli, ['batch', '--format', 'csv', '--link', `${site.origin}/`, '-'], {
    input: csv,
    encoding: 'utf8',
    stdio: ['pipe', 'pipe', 'ignore'],
    maxBuffer: 1 << 28,
  });

async function upload(page, name, text) {
  await page.setInputFiles('#batch-file', { name, mimeType: 'text/csv', buffer: Buffer.from(text) });
  await page.waitForSelector('#batch[data-done="true"]', { timeout: 60_000 });
}

test('an inventory goes through, is counted, filtered and downloaded as the CLI would answer it', async () => {
  const page = await site.page({ acceptDownloads: true });
  await page.goto(`${site.origin}/`);
  await verdictOf(page);
  const csv = inventory(5000);
  await upload(page, 'stock.csv', csv);

  const count = async (v) => Number(await page.getAttribute(`#batch-counts [data-verdict="${v}"]`, 'data-count'));
  assert.equal(await count('error'), 715); // every 7th row has an unknown powertrain
  assert.equal(
    (await count('conditional')) +
      (await count('not_permitted')) +
      (await count('undetermined')) +
      (await count('error')),
    5000,
  );

  await page.selectOption('#batch-filter', 'error');
  const shown = await page.$$eval('#batch-table tbody tr', (rows) => rows.map((r) => r.dataset.verdict));
  assert.ok(shown.length > 0 && shown.every((v) => v === 'error'));
  // In words for people: the core's message, not the codes (those are in the downloads).
  const first = await page.textContent('#batch-table tbody tr');
  assert.match(first, /unknown value "steam"/);
  assert.doesNotMatch(first, /invalid_field|\/vehicle\//);

  const native = cliBatch(csv);
  const [csvDownload] = await Promise.all([page.waitForEvent('download'), page.click('#batch-download-csv')]);
  // The download opens with a byte-order mark, so that Excel reads it as UTF-8 (issue 16); then the
  // native CLI's answers, byte for byte.
  assert.equal(readFileSync(await csvDownload.path(), 'utf8'), `\uFEFF${native}`);
  const [jsonlDownload] = await Promise.all([page.waitForEvent('download'), page.click('#batch-download-jsonl')]);
  const lines = readFileSync(await jsonlDownload.path(), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
  assert.equal(lines.length, 5000);
  assert.deepEqual(lines[0], {
    id: 'car-0',
    verdict: null,
    licence_required: null,
    warnings: [],
    missing: [],
    error: { code: 'invalid_field', field: '/vehicle/powertrain' },
    vin: '',
    make: '比亚迪',
    model: '',
    message: 'unknown value "steam"; expected one of: bev, phev, erev, hev, ice, fcev',
    link: lines[0].link,
    destination: null,
    input: { colour: 'red, 0' },
  });
  // Each row's link opens the calculator with the row's request, in the short form (the batch's
  // column names), and the calculator gives the row's verdict.
  const link = new URL(lines[1].link);
  assert.equal(link.origin + link.pathname, `${site.origin}/`);
  assert.equal(new URLSearchParams(link.hash.slice(1)).get('make'), '比亚迪');
  assert.equal(lines[1].verdict, 'not_permitted');
  for (const row of lines.slice(0, 8)) {
    const opened = await site.page();
    await opened.goto(row.link);
    assert.equal(await verdictOf(opened), row.verdict ?? 'error', row.link);
    await opened.context().close();
  }

  assert.deepEqual(page.foreign, []);
  assert.deepEqual(page.errors, []);
});

// docs/SECURITY.md: an input column can never stand in for the answer, and no cell the product
// writes is a formula a spreadsheet would run.
test('an inventory larger than a slice, in two workers: counts, filters, downloads as the CLI gives them', async () => {
  const page = await site.page({ acceptDownloads: true });
  await page.goto(`${site.origin}/`);
  await verdictOf(page);
  // Over 4 MiB: the worker's answers come in several pieces, and the page reads into rows only the
  // first ones (its table's) until a filter or the JSON Lines download asks for the rest.
  const rows = 60000;
  const csv = inventory(rows);
  assert.ok(Buffer.byteLength(csv) > 4 << 20);
  await upload(page, 'large.csv', csv);
  // Over 1 MiB, on a machine with two cores: shared by two workers, whose answers join as one.
  const cores = await page.evaluate(() => navigator.hardwareConcurrency);
  assert.equal(await page.getAttribute('#batch', 'data-workers'), cores > 1 ? '2' : '1');
  const count = async (v) => Number(await page.getAttribute(`#batch-counts [data-verdict="${v}"]`, 'data-count'));
  const errors = Math.ceil(rows / 7); // every 7th row has an unknown powertrain
  assert.equal(await count('error'), errors);
  await page.selectOption('#batch-filter', 'error');
  assert.match(await page.textContent('#batch-table caption'), new RegExp(`200 / ${errors}$`));
  const shown = await page.$$eval('#batch-table tbody tr', (trs) => trs.map((tr) => tr.dataset.verdict));
  assert.ok(shown.length === 200 && shown.every((v) => v === 'error'));
  const [csvDownload] = await Promise.all([page.waitForEvent('download'), page.click('#batch-download-csv')]);
  assert.equal(readFileSync(await csvDownload.path(), 'utf8'), `\uFEFF${cliBatch(csv)}`);
  const [jsonlDownload] = await Promise.all([page.waitForEvent('download'), page.click('#batch-download-jsonl')]);
  const lines = readFileSync(await jsonlDownload.path(), 'utf8')
    .trim()
    .split('\n');
  assert.equal(lines.length, rows);
  assert.equal(JSON.parse(lines.at(-1)).id, `car-${rows - 1}`);
  assert.equal(lines.filter((l) => JSON.parse(l).error).length, errors);
  await page.context().close();
});

test('input columns named like the answer are renamed and reported; formula cells are written as text', async () => {
  const page = await site.page({ acceptDownloads: true });
  await page.goto(`${site.origin}/`);
  await verdictOf(page);
  const csv =
    'id,as_of,category,powertrain,condition,exporter_role,verdict,error,note\n' +
    'a1,2026-03-01,passenger_car,bev,new,trader,permitted,,"=HYPERLINK(""http://evil"",""x"")"\n' +
    '@a2,2026-03-01,passenger_car,bev,new,trader,permitted,,+1\n';
  await upload(page, 'hostile.csv', csv);
  assert.match(await page.textContent('#batch-status'), /verdict → input_verdict.*error → input_error/);
  const [csvDownload] = await Promise.all([page.waitForEvent('download'), page.click('#batch-download-csv')]);
  const written = readFileSync(await csvDownload.path(), 'utf8').replace(/^\uFEFF/, '');
  assert.equal(
    written.split('\n')[0],
    'id,verdict,licence_required,warnings,missing,error,error_field,' +
      'destination_entry,destination_charges_percent,destination_total,vin,make,model,message,link,' +
      'input_verdict,input_error,note',
  );
  assert.match(written, /^a1,not_permitted,true,.*,permitted,,"'=HYPERLINK/m);
  assert.match(written, /^"'@a2",not_permitted,/m);
  assert.doesNotMatch(written, /(^|,)[=+@-]/m, 'no cell starts a formula');
  const [jsonlDownload] = await Promise.all([page.waitForEvent('download'), page.click('#batch-download-jsonl')]);
  const lines = readFileSync(await jsonlDownload.path(), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
  assert.equal(lines[0].verdict, 'not_permitted');
  assert.deepEqual(lines[0].input, { verdict: 'permitted', error: '', note: '=HYPERLINK("http://evil","x")' });
  assert.equal(lines[1].id, '@a2');
  assert.deepEqual(page.errors, []);
});

test('a long run shows progress and can be cancelled', async () => {
  const page = await site.page();
  await page.goto(`${site.origin}/`);
  await verdictOf(page);
  await page.setInputFiles('#batch-file', {
    name: 'big.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(inventory(300_000)),
  });
  await page.waitForSelector('#batch-progress:not([hidden])');
  await page.click('#batch-cancel');
  assert.equal(await page.isHidden('#batch-progress'), true);
  assert.match(await page.textContent('#batch-status'), /Cancelled/);
  assert.notEqual(await page.getAttribute('#batch', 'data-done'), 'true');
});

test('JSON Lines files and the template work too', async () => {
  const page = await site.page();
  await page.goto(`${site.origin}/`);
  await verdictOf(page);
  const jsonl = [
    '{"id":"j1","as_of":"2026-03-01","vehicle":{"category":"bus","powertrain":"ice","condition":"new"},' +
      '"exporter":{"role":"trader"}}',
    'not json',
    '',
  ].join('\n');
  await page.setInputFiles('#batch-file', {
    name: 'requests.jsonl',
    mimeType: 'application/x-ndjson',
    buffer: Buffer.from(jsonl),
  });
  await page.waitForSelector('#batch[data-done="true"]');
  assert.equal(await page.getAttribute('#batch-counts [data-verdict="not_permitted"]', 'data-count'), '1');
  assert.equal(await page.getAttribute('#batch-counts [data-verdict="error"]', 'data-count'), '1');

  const template = await (await page.request.get(`${site.origin}/template.csv`)).text();
  const answers = cliBatch(template);
  assert.deepEqual(
    answers
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.split(',')[1]),
    ['conditional', 'undetermined', 'not_permitted'],
  );
});

test("a spreadsheet's file (';', dates as 2026/3/1): its ISO twin's answers, and how it was read", async () => {
  const page = await site.page({ acceptDownloads: true });
  await page.goto(`${site.origin}/`);
  await verdictOf(page);
  const rows = [
    ['a', '2026-03-01', 'passenger_car', 'bev', 'new', 'manufacturer', 'true', 'BYD', 'red, dark'],
    ['b', '2025-12-31', 'passenger_car', 'bev', 'new', 'trader', '', 'BYD', 'blue'],
    ['c', '2026-01-05', 'passenger_car', 'phev', 'used', 'used_car_exporter', '', 'BYD', 'grey'],
  ];
  const header = [
    'id',
    'as_of',
    'category',
    'powertrain',
    'condition',
    'exporter_role',
    'exporter_listed',
    'make',
    'colour',
  ];
  const iso = [header, ...rows].map((r) => r.map((c) => (c.includes(',') ? `"${c}"` : c)).join(',')).join('\n') + '\n';
  const excelDate = (d) => d.replace(/^(\d{4})-0?(\d+)-0?(\d+)$/, '$1/$2/$3');
  const excel =
    [header, ...rows.map((r) => r.map((c, i) => (i === 1 ? excelDate(c) : c)))].map((r) => r.join(';')).join('\r\n') +
    '\r\n';
  const native = cliBatch(iso);
  await upload(page, 'stock.csv', excel);
  const status = await page.textContent('#batch-status');
  assert.match(status, /: ;/);
  assert.match(status, /YYYY\/M\/D/);
  assert.match(status, /colour/);
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#batch-download-csv')]);
  assert.equal(readFileSync(await download.path(), 'utf8'), `\uFEFF${native}`);
});

// Files as spreadsheets save them (tests/cases/files/): GBK, UTF-16, ';' and tabs, YYYY/M/D. Each is
// read as the CLI reads it and gives its UTF-8 twin's answers; the reader is told how it was read. A
// file in no encoding the reader knows is refused with a message, never misread.
test('files as spreadsheets save them: the answers of their UTF-8 twin, as the CLI gives them', async () => {
  const page = await site.page({ acceptDownloads: true });
  await page.goto(`${site.origin}/`);
  await verdictOf(page);
  const dir = join(root, 'tests', 'cases', 'files');
  const { files } = JSON.parse(readFileSync(join(dir, 'files.json'), 'utf8'));
  const names = { 'utf-16le': /UTF-16/, 'utf-16be': /UTF-16/, gb18030: /GBK/ };
  for (const f of files) {
    const buffer = readFileSync(join(dir, f.file));
    await page.setInputFiles('#batch-file', { name: f.file, mimeType: 'text/csv', buffer });
    if (!f.encoding) {
      await page.waitForFunction(() => /UTF-8/.test(document.getElementById('batch-status').textContent));
      assert.equal(await page.getAttribute('#batch', 'data-done'), null, f.file);
      assert.equal(spawnSync(cli, ['batch', '--format', 'csv', join(dir, f.file)]).status, 2, f.file);
      continue;
    }
    await page.waitForSelector('#batch[data-done="true"]', { timeout: 60_000 });
    const status = await page.textContent('#batch-status');
    if (names[f.encoding]) assert.match(status, names[f.encoding], f.file);
    if (f.read?.separator) assert.match(status, f.read.separator === '\t' ? /: ⇥/ : /: ;/, f.file);
    for (const form of f.read?.date_forms ?? []) assert.ok(status.includes(form), `${f.file}: ${status}`);
    const native = execFileSync(cli, ['batch', '--format', 'csv', '--link', `${site.origin}/`, join(dir, f.file)], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    assert.equal(native, cliBatch(readFileSync(join(dir, f.twin))), f.file);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#batch-download-csv')]);
    assert.equal(readFileSync(await download.path(), 'utf8'), `\uFEFF${native}`, f.file);
  }
  assert.deepEqual(page.errors, []);
});
