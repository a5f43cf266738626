// The printed report (issue 16 item 5): one A4 page in every language, as Chromium prints it to PDF; it
// opens with the facts checked and carries the permalink beside its QR code.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { encode } from 'uqr';
import { root } from '../js/corpus.mjs';
import { openSite, permalink, verdictOf } from './browser.mjs';

const LANGS = ['en', 'zh', 'ru', 'es', 'pt-BR', 'ar'];
const strings = Object.fromEntries(
  LANGS.map((lang) => [lang, JSON.parse(readFileSync(join(root, 'web', 'locales', `${lang}.json`), 'utf8'))]),
);
const vin = 'LGXCE4CB6T0123456';
// Two of the longest answers there are: a used car registered weeks before its export, sold by an approved
// used-car exporter to Kazakhstan (the destination's panel and charges), the seller's papers typed in.
const usedCar = {
  as_of: '2026-03-01',
  vehicle: {
    vin,
    make: 'BYD',
    model: 'Seal',
    category: 'passenger_car',
    powertrain: 'bev',
    condition: 'used',
    registration_date: '2026-01-20',
  },
  exporter: {
    name: 'Shenzhen Haike Export Co., Ltd.',
    uscc: '91440300MA5G8RXB85',
    role: 'used_car_exporter',
    registered_owner: true,
  },
  shipment: { destination: 'KZ', trade_mode: 'general', licence_application_date: '2026-02-20' },
  evidence: { quality_report: true },
  papers: {
    aftersales_confirmation: {
      issuer: 'BYD Auto Co., Ltd.',
      vins: [vin],
      destinations: ['KZ'],
      outlets: [{ country: 'KZ', address: 'Almaty, 77 Al-Farabi Avenue', provider: 'BYD Almaty service centre' }],
      sealed: true,
    },
  },
};
const answers = [
  {
    // Permitted with conditions, and warned three times: registered 31 days before the licence is asked
    // for, and the payment is to go to a person, named unlike the exporter.
    verdict: 'conditional',
    warnings: ['recently_registered', 'paper_personal_account', 'paper_name_mismatch'],
    request: { ...usedCar, papers: { ...usedCar.papers, payment: { beneficiary: 'Zhang Wei' } } },
  },
  {
    // Not permitted: the confirmation a car this new needs carries no seal (the first day of the rule).
    verdict: 'not_permitted',
    warnings: ['recently_registered', 'paper_not_sealed'],
    request: {
      ...usedCar,
      as_of: '2026-01-01',
      vehicle: { ...usedCar.vehicle, registration_date: '2025-12-01' },
      shipment: { ...usedCar.shipment, licence_application_date: '2026-01-01' },
      papers: { aftersales_confirmation: { ...usedCar.papers.aftersales_confirmation, sealed: false } },
    },
  },
];

// The QR code's modules, read back from the path report.ts draws: one "M x y h n v1 h-n z" per run.
function modulesOf(svg) {
  const size = Number(svg.viewBox.split(' ')[2]);
  const grid = Array.from({ length: size }, () => Array(size).fill(false));
  for (const [, x, y, n] of svg.d.matchAll(/M(\d+) (\d+)h(\d+)/g))
    for (let i = 0; i < Number(n); i++) grid[Number(y)][Number(x) + i] = true;
  return grid;
}

let site;
before(async () => (site = await openSite()));
after(async () => site?.close());

for (const { verdict, warnings, request } of answers)
  test(`a ${verdict} answer prints on one A4 page in six languages, with its facts and its QR code`, async () => {
    const page = await site.page();
    for (const lang of LANGS) {
      const say = strings[lang];
      await page.goto('about:blank');
      await page.goto(permalink(site.origin, JSON.stringify({ ...request, lang })));
      assert.equal(await verdictOf(page), verdict, lang);
      await page.waitForSelector('.block-destination[data-entry]');
      const codes = await page.$$eval('#details [data-code]', (els) => els.map((e) => e.dataset.code));
      for (const code of warnings) assert.ok(codes.includes(code), `${lang}: ${code} in ${codes}`);
      // Drawn in idle time after the answer (printing would draw them at once, before it prints).
      await page.waitForSelector('#report-qr svg', { state: 'attached' });
      await page.emulateMedia({ media: 'print' });

      // The facts first: the vehicle, the exporter (its role in words), the day the check is for.
      assert.equal(await page.isVisible('#report-facts'), true, lang);
      const facts = await page.textContent('#report-facts');
      for (const fact of [vin, 'BYD Seal', request.exporter.name, request.exporter.uscc, request.as_of])
        assert.ok(facts.includes(fact), `${lang}: ${fact} in ${facts}`);
      for (const key of ['enum.role.used_car_exporter', 'enum.condition.used', 'enum.powertrain.bev', 'as_of'])
        assert.ok(facts.includes(say[key]), `${lang}: ${say[key]} in ${facts}`);
      assert.ok(!facts.includes('used_car_exporter'), `${lang}: no internal code in ${facts}`);
      assert.equal(await page.getAttribute('#report-facts .facts-date', 'data-as-of'), request.as_of);
      const top = (selector) => page.$eval(selector, (el) => el.getBoundingClientRect().top);
      assert.ok((await top('#report-facts')) < (await top('#verdict')), `${lang}: the facts open the report`);

      // The QR code: of the printed link, named in the reader's language, beside the link.
      const link = await page.textContent('#report-link .report-url');
      assert.match(link, /#request=/);
      const svg = await page.$eval('#report-qr svg', (el) => ({
        text: el.dataset.text,
        label: el.getAttribute('aria-label'),
        role: el.getAttribute('role'),
        viewBox: el.getAttribute('viewBox'),
        d: el.querySelector('path').getAttribute('d'),
        box: el.getBoundingClientRect().toJSON(),
      }));
      assert.equal(svg.text, link, lang);
      assert.equal(svg.label, say.qrCode, lang);
      assert.equal(svg.role, 'img');
      const drawn = modulesOf(svg);
      assert.ok(drawn.flat().filter(Boolean).length > 1000, `${lang}: a dense code for a long link`);
      assert.deepEqual(drawn, encode(link, { ecc: 'L', border: 4 }).data, `${lang}: the code is the link's`);
      const beside = await page.$eval('#report-link', (el) => el.getBoundingClientRect().toJSON());
      assert.ok(svg.box.width > 100 && svg.box.top < beside.bottom && beside.top < svg.box.bottom, lang);

      // One A4 page: the PDF's page objects (/Type /Page, not the /Type /Pages tree).
      const pdf = await page.pdf({ format: 'A4' });
      const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
      assert.equal(pages, 1, `${lang}: ${pages} pages`);
      await page.emulateMedia({ media: 'screen' });
    }
    assert.deepEqual(page.foreign, []);
    assert.deepEqual(page.errors, []);
  });

test('what is typed after the answer is on paper: the facts and the code are drawn again before printing', async () => {
  const page = await site.page();
  const { request } = answers[0];
  await page.goto(permalink(site.origin, JSON.stringify(request)));
  assert.equal(await verdictOf(page), 'conditional');
  await page.waitForSelector('#report-qr svg', { state: 'attached' });
  // Typed, then printed in the same task: no idle time between them in which to draw.
  const printed = await page.evaluate(() => {
    const model = document.querySelector('[name="vehicle.model"]');
    model.value = 'Seal 06 GT';
    model.dispatchEvent(new Event('input', { bubbles: true }));
    dispatchEvent(new Event('beforeprint'));
    return {
      facts: document.getElementById('report-facts').textContent,
      link: document.querySelector('#report-link .report-url').textContent,
      code: document.querySelector('#report-qr svg').dataset.text,
    };
  });
  assert.match(printed.facts, /BYD Seal 06 GT/);
  assert.match(decodeURIComponent(printed.link), /"model":"Seal 06 GT"/);
  assert.equal(printed.code, printed.link);
  assert.deepEqual(page.errors, []);
});

test('the facts and the QR encoder are not in the first load: a chunk fetched after the first verdict', async () => {
  const assets = join(root, 'build', 'site', 'assets');
  const chunk = readdirSync(assets).find((f) => /^report-[\w-]+\.js$/.test(f));
  assert.ok(chunk, 'build/site/assets/report-*.js');
  const html = readFileSync(join(root, 'build', 'site', 'index.html'), 'utf8');
  assert.ok(!html.includes(chunk), 'not preloaded by the page');
  const page = await site.page();
  await page.goto(`${site.origin}/`);
  await verdictOf(page);
  await page.waitForSelector('#report-qr svg', { state: 'attached' });
  const { verdict, qr } = await page.evaluate(
    (name) => ({
      verdict: performance.getEntriesByName('evexport:first-verdict')[0].startTime,
      qr: performance.getEntriesByType('resource').find((e) => e.name.endsWith(name))?.startTime,
    }),
    chunk,
  );
  assert.ok(qr > verdict, `asked for at ${qr} ms, the first verdict at ${verdict} ms`);
  assert.deepEqual(page.errors, []);
});
