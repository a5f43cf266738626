// A seller controls what is typed into the form and what a shared link holds: markup and script in
// every field must be shown as text, never run. The site is served with a strict CSP too.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { root } from '../js/corpus.mjs';
import { openSite, permalink, verdictOf } from './browser.mjs';

const PAYLOADS = [
  '<img src=x onerror="window.__pwned=1">',
  '"><script>window.__pwned=2</script>',
  'javascript:window.__pwned=3',
  '<svg onload=window.__pwned=4>',
  '{{constructor.constructor("window.__pwned=5")()}}',
];

let site;
before(async () => (site = await openSite()));
after(async () => site?.close());

async function assertNothingRan(page) {
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.equal(await page.locator('img[src="x"], svg[onload]').count(), 0);
  assert.equal(await page.locator('script').count(), await page.locator('script[src]').count());
}

test('markup and script typed into every text field is shown as text, never run', async () => {
  const page = await site.page();
  page.on('dialog', (d) => assert.fail(`dialog opened: ${d.message()}`));
  await page.goto(`${site.origin}/`);
  await verdictOf(page);
  // The seller's papers too: their cards opened, as a reader would.
  await page.$$eval('#request-form details', (cards) => {
    for (const card of cards) card.open = true;
  });
  const fields = await page.$$eval('#request-form input[type="text"]', (els) => els.map((e) => e.name));
  assert.ok(fields.length >= 20);
  for (const payload of PAYLOADS) {
    for (const name of fields) await page.fill(`[name="${name}"]`, payload);
    await verdictOf(page);
    await assertNothingRan(page);
  }
  // The brand an authorisation names is echoed in a reason or a warning as plain text.
  for (const name of fields) await page.fill(`[name="${name}"]`, '');
  await page.selectOption('[name="vehicle.category"]', 'passenger_car');
  await page.selectOption('[name="vehicle.powertrain"]', 'bev');
  await page.selectOption('[name="vehicle.condition"]', 'new');
  await page.selectOption('[name="exporter.role"]', 'authorized_exporter');
  await page.fill('[name="as_of"]', '2026-03-01');
  await page.fill('[name="vehicle.make"]', 'BYD');
  await page.fill('[name="exporter.authorization.brand"]', PAYLOADS[0]);
  assert.match(await page.textContent('#details'), /<img src=x onerror=/);
  await assertNothingRan(page);
  assert.deepEqual(page.errors, []);
});

test('a shared link carrying script runs nothing', async () => {
  const page = await site.page();
  const request = {
    as_of: '2026-03-01',
    lang: '<script>window.__pwned=9</script>',
    vehicle: { vin: PAYLOADS[0], make: PAYLOADS[1], category: 'passenger_car', powertrain: 'bev', condition: 'new' },
    exporter: {
      role: 'authorized_exporter',
      name: PAYLOADS[3],
      authorization: { brand: PAYLOADS[1], valid_from: '2026-01-01', valid_until: '2026-12-31' },
    },
  };
  await page.goto(permalink(site.origin, JSON.stringify(request)));
  await verdictOf(page);
  await assertNothingRan(page);
  await page.goto(`${site.origin}/index.html#request=%3Cscript%3Ewindow.__pwned%3D10%3C%2Fscript%3E`);
  assert.equal(await verdictOf(page), 'error');
  await assertNothingRan(page);
  // The short form a batch row links with: a key that names no field sets nothing, a value is text.
  // (A new hash alone would not load the page again.)
  await page.goto('about:blank');
  await page.goto(
    `${site.origin}/index.html#__proto__=x&constructor=y&make=${encodeURIComponent(PAYLOADS[0])}` +
      '&category=passenger_car&powertrain=bev&condition=new&exporter_role=trader&as_of=2026-03-01&%E0%A4%A=1',
  );
  assert.equal(await verdictOf(page), 'not_permitted');
  assert.equal(await page.inputValue('[name="vehicle.make"]'), PAYLOADS[0]);
  // The request the page writes back into its address holds the fields only.
  const written = JSON.parse(decodeURIComponent(page.url().split('#request=')[1].split('&rules=')[0]));
  assert.deepEqual(Object.keys(written).sort(), ['as_of', 'exporter', 'lang', 'vehicle']);
  assert.equal(written.vehicle.make, PAYLOADS[0]);
  await assertNothingRan(page);
});

test('the site is served with a strict Content-Security-Policy and works under it', async () => {
  const page = await site.page();
  const response = await page.goto(`${site.origin}/`);
  const csp = response.headers()['content-security-policy'];
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'/);
  assert.doesNotMatch(csp, /'unsafe-inline'|'unsafe-eval'/);
  assert.notEqual(await verdictOf(page), null);
  assert.deepEqual(page.errors, []); // a CSP violation would be logged as an error
});

test('the page, widget, frame and JS API code never hands user data to an HTML parser', () => {
  const files = ['web/src', 'web/embed', 'web/demo'].flatMap((dir) =>
    readdirSync(join(root, dir), { recursive: true })
      .filter((f) => /\.(ts|js|mjs)$/.test(f))
      .map((f) => join(root, dir, f)),
  );
  files.push(join(root, 'wasm', 'index.mjs'), join(root, 'wasm', 'compact.mjs'));
  assert.ok(
    files.some((f) => f.endsWith('ev-export-check.ts')) && files.some((f) => f.endsWith('frame.js')),
    'the widget and the frame are read',
  );
  for (const file of files) {
    const code = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, ''); // code, not comments
    assert.doesNotMatch(code, /innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(|new Function/, file);
  }
});
