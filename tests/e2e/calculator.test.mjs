// The calculator in a real browser: the corpus through the page, permalinks, languages, privacy,
// console, accessibility.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { after, before, test } from 'node:test';
import { join } from 'node:path';
import { loadCases, root } from '../js/corpus.mjs';
import { fillForm, openSite, permalink, verdictOf } from './browser.mjs';

const locale = (lang) => JSON.parse(readFileSync(join(root, 'web', 'locales', `${lang}.json`), 'utf8'));

const cases = loadCases();
// A new electric car offered by a trader: from 2026 a trader may not export it (the deciding rule).
const traderBev = {
  as_of: '2026-03-01',
  vehicle: { category: 'passenger_car', powertrain: 'bev', condition: 'new' },
  exporter: { role: 'trader' },
};
// A destination case may leave China's verdict unsaid (tests/cases/README.md): the page's is not compared.
const valid = cases.filter((c) => !c.expect.error && c.expect.verdict !== undefined);
let site;

before(async () => (site = await openSite()));
after(async () => site?.close());

test('every corpus case opened as a permalink shows its verdict', async () => {
  const page = await site.page();
  for (const c of cases) {
    await page.goto('about:blank');
    await page.goto(permalink(site.origin, c.requestText));
    const want = c.expect.error ? 'error' : c.expect.verdict;
    const got = await verdictOf(page);
    if (want !== undefined) assert.equal(got, want, `${c.file}: ${c.name}`);
    // The destination's panel comes when its data has: its entry in words, colour and data-entry.
    if (c.expect.destination) {
      await page.waitForSelector('.block-destination[data-entry]');
      const entry = await page.getAttribute('.block-destination', 'data-entry');
      if (c.expect.destination.entry) assert.equal(entry, c.expect.destination.entry, `${c.file}: ${c.name}`);
    }
  }
  assert.deepEqual(page.foreign, []);
  assert.deepEqual(page.errors, []);
});

test('the rule that stops the export is said with the verdict and comes first, marked (issue 16)', async () => {
  const page = await site.page();
  const request = traderBev;
  await page.goto(permalink(site.origin, JSON.stringify(request)));
  assert.equal(await verdictOf(page), 'not_permitted');
  const deciding = await page.getAttribute('#verdict .verdict-deciding', 'data-rule');
  assert.ok(deciding, 'the deciding sentence is in the verdict');
  assert.equal(await page.getAttribute('.block-reasons li.reason:first-child', 'data-rule'), deciding);
  assert.match(await page.getAttribute('.block-reasons li.reason:first-child', 'class'), /decides/);
  // A verdict no rule stopped has no deciding sentence.
  await page.goto('about:blank');
  await page.goto(
    permalink(site.origin, JSON.stringify({ ...request, exporter: { role: 'manufacturer', listed: true } })),
  );
  assert.equal(await verdictOf(page), 'conditional');
  assert.equal(await page.$('#verdict .verdict-deciding'), null);
  assert.deepEqual(page.errors, []);
});

test('after one visit the calculator answers offline, and says its ruleset (issue 16)', async () => {
  const page = await site.page();
  await page.goto(`${site.origin}/`);
  await verdictOf(page);
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  await page.context().setOffline(true);
  const request = traderBev;
  await page.goto('about:blank');
  await page.goto(permalink(site.origin, JSON.stringify(request)));
  assert.equal(await verdictOf(page), 'not_permitted');
  assert.match(await page.textContent('#report-ruleset'), /cn-vehicle-export \d{4}\.\d+\.\d+/);
  await page.context().setOffline(false);
  assert.deepEqual(page.errors, []);
});

test('filling the form by hand gives the corpus verdicts', async () => {
  const page = await site.page();
  await page.goto(`${site.origin}/`);
  await verdictOf(page);
  // A spread of topics and outcomes, typed into the form field by field.
  const sample = valid.filter((_, i) => i % 9 === 0);
  assert.ok(sample.length >= 10);
  for (const c of sample) {
    await fillForm(page, JSON.parse(c.requestText));
    assert.equal(await verdictOf(page), c.expect.verdict, `${c.file}: ${c.name}`);
  }
  assert.deepEqual(page.errors, []);
});

test('a shared link fixes the day of the check, the address does not, the skip link leaves it alone', async () => {
  const page = await site.page();
  await page.goto(`${site.origin}/`);
  await verdictOf(page);
  await page.selectOption('[name="vehicle.category"]', 'passenger_car');
  await page.selectOption('[name="vehicle.powertrain"]', 'bev');
  await page.waitForFunction(() => location.hash.includes('bev'));
  // The form leaves the date empty (today): the address keeps it empty, so that a reload next month
  // checks that day; the link to share (copied, printed) carries the day the answer was given for.
  const today = new Date().toISOString().slice(0, 10);
  const inAddress = JSON.parse(decodeURIComponent(page.url().split('#request=')[1].split('&rules=')[0]));
  assert.equal(inAddress.as_of, undefined);
  const shared = (await page.textContent('#report-link')).replace(/^[^:]*: /, '');
  const inLink = JSON.parse(decodeURIComponent(shared.split('#request=')[1].split('&rules=')[0]));
  assert.equal(inLink.as_of, today);
  assert.equal(inLink.vehicle.powertrain, 'bev');
  assert.equal(await page.inputValue('[name="as_of"]'), '');
  const before = page.url();
  await page.focus('.skip-link');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'verdict');
  assert.equal(page.url(), before);
});

test('the verdict updates as the user types, and the permalink keeps in step', async () => {
  const page = await site.page();
  await page.goto(`${site.origin}/`);
  assert.equal(await verdictOf(page), 'undetermined');
  await page.fill('[name="as_of"]', '2026-03-01');
  await page.selectOption('[name="vehicle.category"]', 'passenger_car');
  await page.selectOption('[name="vehicle.powertrain"]', 'bev');
  await page.selectOption('[name="vehicle.condition"]', 'new');
  await page.selectOption('[name="exporter.role"]', 'trader');
  assert.equal(await verdictOf(page), 'not_permitted');
  await page.fill('[name="as_of"]', '2025-12-31');
  assert.equal(await verdictOf(page), 'permitted');

  // The fragment now holds the request; opening it elsewhere gives the same form and verdict.
  await page.waitForFunction(() => location.hash.includes('2025-12-31'));
  const url = page.url();
  assert.match(url, /#request=/);
  const [encoded, rules] = url.split('#request=')[1].split('&rules=');
  const request = JSON.parse(decodeURIComponent(encoded));
  assert.equal(request.exporter.role, 'trader');
  const ruleset = JSON.parse(readFileSync(join(root, 'core', 'rules', 'cn-vehicle-export.json'), 'utf8'));
  assert.equal(rules, ruleset.version, 'the link names the rules it was made with');
  const other = await site.page();
  await other.goto(url);
  assert.equal(await verdictOf(other), 'permitted');
  assert.equal(await other.inputValue('[name="vehicle.powertrain"]'), 'bev');
  assert.equal(await other.inputValue('[name="as_of"]'), '2025-12-31');
  assert.equal(await other.isHidden('#rules-updated'), true, 'made with the rules in force: nothing to say');
});

test('a link made with older rules says when the rules changed and what changed since', async () => {
  const ruleset = JSON.parse(readFileSync(join(root, 'core', 'rules', 'cn-vehicle-export.json'), 'utf8'));
  const older = ruleset.changes[1].version;
  const request = {
    as_of: '2026-03-01',
    lang: 'ru',
    vehicle: { category: 'motorcycle', powertrain: 'bev', condition: 'new' },
    exporter: { role: 'trader' },
  };
  const page = await site.page();
  await page.goto(`${permalink(site.origin, JSON.stringify(request))}&rules=${older}`);
  assert.equal(await verdictOf(page), 'permitted');
  await page.waitForSelector('#rules-updated:not([hidden])');
  const text = await page.textContent('#rules-updated');
  assert.match(text, new RegExp(ruleset.changes[0].date));
  assert.match(text, new RegExp(older.replace(/\./g, '\\.')));
  assert.equal(await page.locator('#rules-updated li').count(), ruleset.changes[0].items.length);
  assert.doesNotMatch(text, /Electric motorcycles need no/, "in the page's language (Russian), not English");
  assert.deepEqual(page.errors, []);
});

// docs/SECURITY.md: a shared link whose as_of is another day says so beside the verdict.
test('a check for another day than today says so beside the verdict', async () => {
  const page = await site.page();
  const request = { ...traderBev, as_of: '2025-12-31' };
  await page.goto(permalink(site.origin, JSON.stringify(request)));
  assert.equal(await verdictOf(page), 'permitted');
  const note = await page.textContent('#verdict .verdict-date');
  assert.match(note, /2025-12-31/);
  assert.match(note, /not for today/);
  const today = new Date().toISOString().slice(0, 10);
  const other = await site.page();
  await other.goto(permalink(site.origin, JSON.stringify({ ...request, as_of: today })));
  await verdictOf(other);
  assert.equal(await other.$('#verdict .verdict-date'), null, 'today: nothing to say');
  assert.deepEqual(page.errors, []);
});

test('a bad value in a shared link is reported with its field, not dropped', async () => {
  const page = await site.page();
  await page.goto(permalink(site.origin, JSON.stringify({ vehicle: { powertrain: 'steam' } })));
  assert.equal(await verdictOf(page), 'error');
  assert.match(await page.textContent('#verdict'), /\/vehicle\/powertrain/);
  assert.deepEqual(page.errors, []);
});

test('reasons show their source, clause and date; questions come for missing facts', async () => {
  const page = await site.page();
  const request = {
    as_of: '2026-03-01',
    vehicle: { category: 'passenger_car', powertrain: 'bev', condition: 'new' },
    exporter: { role: 'manufacturer' },
  };
  await page.goto(permalink(site.origin, JSON.stringify(request)));
  assert.equal(await verdictOf(page), 'undetermined');
  const reason = page.locator('li[data-rule="cn.licence.bev-2026"]');
  assert.match(await reason.textContent(), /2025年第54号/);
  assert.match(await reason.textContent(), /in force from 2026-01-01/);
  assert.equal(await reason.locator('a').getAttribute('rel'), 'noopener noreferrer external');
  assert.match(await page.textContent('.block-questions'), /MOFCOM's list/);
  // The question also appears beside the field it is about.
  assert.match(await page.textContent('[data-field="/exporter/listed"] .note'), /MOFCOM/);
});

test('VIN and company-code slips show beside the fields as the user types', async () => {
  const page = await site.page();
  await page.goto(`${site.origin}/`);
  await verdictOf(page);
  await page.fill('[name="vehicle.vin"]', 'LGXCE4CB7T0123456');
  assert.match(await page.textContent('[data-field="/vehicle/vin"] .note'), /check digit/);
  assert.equal(await page.getAttribute('[name="vehicle.vin"]', 'aria-invalid'), 'true');
  await page.fill('[name="vehicle.vin"]', 'LGXCE4CB6T0123456');
  assert.equal(await page.getAttribute('[name="vehicle.vin"]', 'aria-invalid'), null);
  await page.fill('[name="exporter.uscc"]', '91350100M000100Y44');
  assert.match(await page.textContent('[data-field="/exporter/uscc"] .note'), /official register/);
});

test('switching to Chinese changes the interface and the rule texts', async () => {
  const page = await site.page();
  const request = traderBev;
  await page.goto(permalink(site.origin, JSON.stringify(request)));
  assert.equal(await verdictOf(page), 'not_permitted');
  await page.click('button[data-lang="zh"]');
  await page.waitForSelector('html[lang="zh-Hans"]');
  assert.match(await page.textContent('#verdict'), /不能出口/);
  assert.match(await page.textContent('li[data-rule="cn.licence.bev-2026"]'), /自2026年1月1日起/);
  await page.waitForFunction(() => location.hash.includes('%22lang%22%3A%22zh%22'));
  await page.click('button[data-lang="en"]');
  await page.waitForSelector('html[lang="en"]');
  assert.match(await page.textContent('#verdict'), /Not permitted/);
  assert.deepEqual(page.errors, []);
});

test(
  'each translated language: its interface, its rule texts, ' + 'the Chinese document name beside its translation',
  async () => {
    const page = await site.page();
    const request = {
      as_of: '2026-03-01',
      vehicle: { category: 'passenger_car', powertrain: 'bev', condition: 'new' },
      exporter: { role: 'trader' },
    };
    await page.goto(permalink(site.origin, JSON.stringify(request)));
    await verdictOf(page);
    for (const lang of ['ru', 'es', 'pt-BR', 'ar']) {
      const strings = JSON.parse(readFileSync(join(root, 'web', 'locales', `${lang}.json`), 'utf8'));
      const pack = JSON.parse(readFileSync(join(root, 'core', 'rules', 'translations', `${lang}.json`), 'utf8'));
      await page.click(`button[data-lang="${lang}"]`);
      await page.waitForSelector(`html[lang="${lang}"][dir="${lang === 'ar' ? 'rtl' : 'ltr'}"]`);
      assert.equal(await page.textContent('#verdict .verdict-title'), strings['verdict.not_permitted'], lang);
      const reason = 'li[data-rule="cn.licence.bev-2026"]';
      assert.equal(
        await page.textContent(`${reason} > p:first-child`),
        pack.texts['rules/cn.licence.bev-2026/text'],
        lang,
      );
      assert.equal(
        await page.textContent(`${reason} .source-translated`),
        `${pack.texts['sources/D1/title']} — `,
        lang,
      );
      assert.match(
        await page.textContent(`${reason} .source-original`),
        /^《公布对纯电动乘用车实施出口许可证管理》/,
        lang,
      );
      assert.equal(await page.getAttribute(`${reason} .source-original`, 'lang'), 'zh-Hans');
    }
    assert.deepEqual(page.errors, []);
    assert.deepEqual(page.foreign, []);
  },
);

test('a Chinese-speaking browser starts in Chinese', async () => {
  const page = await site.page({ locale: 'zh-CN' });
  await page.goto(`${site.origin}/`);
  await verdictOf(page);
  assert.equal(await page.getAttribute('html', 'lang'), 'zh-Hans');
});

test('the verdict is announced, the page works by keyboard, and axe finds nothing serious', async () => {
  const page = await site.page();
  await page.goto(permalink(site.origin, valid[0].requestText));
  await verdictOf(page);
  assert.equal(await page.getAttribute('#verdict', 'role'), 'status');
  // Every control has a label.
  const unlabelled = await page.$$eval('#request-form [name]', (els) =>
    els.filter((e) => !e.labels || e.labels.length === 0).map((e) => e.name),
  );
  assert.deepEqual(unlabelled, []);
  // Tab reaches the form and a keyboard change updates the verdict.
  await page.focus('[name="vehicle.condition"]');
  await page.keyboard.press('Tab');
  assert.notEqual(await page.evaluate(() => document.activeElement?.tagName), 'BODY');

  const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  for (const lang of ['en', 'zh', 'ru', 'es', 'pt-BR', 'ar']) {
    await page.click(`button[data-lang="${lang}"]`);
    await page.waitForSelector(
      `html[lang="${lang === 'zh' ? 'zh-Hans' : lang}"][dir="${lang === 'ar' ? 'rtl' : 'ltr'}"]`,
    );
    await page.evaluate(axeSource); // evaluated by the test, not loaded by the page: the CSP stays strict
    const { violations } = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
    const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    assert.deepEqual(
      serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`),
      [],
      lang,
    );
  }
});

test('nothing is requested from another origin, and the console stays clean', async () => {
  const page = await site.page();
  await page.goto(`${site.origin}/`);
  await verdictOf(page);
  await page.fill('[name="vehicle.vin"]', 'LGXCE4CB6T0123456');
  await page.click('button[data-lang="zh"]');
  await page.waitForTimeout(200);
  assert.deepEqual(page.foreign, []);
  assert.deepEqual(page.errors, []);
});

test('the print stylesheet makes a report with the ruleset, the date and the link', async () => {
  const page = await site.page();
  await page.goto(permalink(site.origin, valid[0].requestText));
  await verdictOf(page);
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.isVisible('#request-form'), false);
  assert.equal(await page.isVisible('#report-link'), true);
  assert.match(await page.textContent('#report-link'), /#request=/);
  assert.match(await page.textContent('#report-ruleset'), /cn-vehicle-export/);
  assert.match(await page.textContent('#verdict'), /as of \d{4}-\d{2}-\d{2}/);
  // One A4 page (issue 16 item 5; the six languages and the longest answers: tests/e2e/print.test.mjs).
  const pdf = await page.pdf({ format: 'A4' });
  const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
  assert.equal(pages, 1, `${pages} pages`);
});

test("the questions still open can be copied for the seller, in Chinese and in the reader's language", async () => {
  const page = await site.page({ permissions: ['clipboard-read', 'clipboard-write'] });
  const request = {
    as_of: '2026-03-01',
    lang: 'ru',
    vehicle: { category: 'passenger_car', powertrain: 'bev', condition: 'new' },
  };
  await page.goto(permalink(site.origin, JSON.stringify(request)));
  assert.equal(await verdictOf(page), 'undetermined');
  await page.click('#copy-questions');
  await page.waitForFunction(() => document.getElementById('copy-status').textContent !== '');
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  // The core's own questions, as the CLI gives them in each language.
  const questions = (lang) =>
    JSON.parse(
      execFileSync(join(root, 'build', 'native', 'evexport'), ['check', '-'], {
        input: JSON.stringify({ ...request, lang }),
        encoding: 'utf8',
      }),
    ).missing.map((m) => m.question);
  const zh = questions('zh');
  const ru = questions('ru');
  assert.ok(zh.length > 0);
  for (const q of [...zh, ...ru]) assert.ok(copied.includes(q), `${q} in ${copied}`);
  assert.ok(copied.indexOf(zh[0]) < copied.indexOf(ru[0]), 'Chinese first, for the seller');
});

test('the VIN is shown decoded beside its field: maker, built in China, model year', async () => {
  const page = await site.page();
  await page.goto(`${site.origin}/`);
  await verdictOf(page);
  await page.fill('[name="vehicle.vin"]', 'LGXCE4CB6T0123456');
  const decoded = page.locator('#f-vehicle-vin-decoded');
  await page.waitForFunction(() => document.getElementById('f-vehicle-vin-decoded').textContent !== '');
  const text = await decoded.textContent();
  const report = JSON.parse(
    execFileSync(join(root, 'build', 'native', 'evexport'), ['vin', 'LGXCE4CB6T0123456'], { encoding: 'utf8' }),
  );
  assert.ok(text.includes(report.manufacturer.name), text);
  assert.match(text, /built in China/);
  assert.match(text, /2026/);
  // Described by it, for screen readers; and gone with the VIN.
  assert.match(await page.getAttribute('[name="vehicle.vin"]', 'aria-describedby'), /f-vehicle-vin-decoded/);
  await page.fill('[name="vehicle.vin"]', '');
  await page.waitForFunction(() => document.getElementById('f-vehicle-vin-decoded').textContent === '');
});

test("a buyer types a zero-km car's papers and sees which one fails and why, then the fixed paper counts", async () => {
  const page = await site.page();
  await page.goto(`${site.origin}/`);
  await verdictOf(page);
  const vin = 'LGXCE4CB6T0123456';
  const request = {
    as_of: '2026-03-01',
    vehicle: { vin, make: 'BYD', category: 'passenger_car', powertrain: 'bev', condition: 'used' },
    exporter: { name: 'Shenzhen Haike Export Co., Ltd.', role: 'used_car_exporter' },
    shipment: { destination: 'KZ', licence_application_date: '2026-02-20' },
    evidence: { quality_report: true },
    papers: {
      aftersales_confirmation: {
        issuer: 'BYD Auto Sales Co., Ltd.',
        vins: [vin],
        destinations: ['KZ'],
        outlets: [{ country: 'KZ' }],
        sealed: true,
      },
      registration_certificate: { owner: 'SHENZHEN HAIKE EXPORT CO LTD', registration_date: '2026-01-20' },
      invoice: { seller: 'Shenzhen Haike Export Company Limited', amount: '23800', currency: 'USD' },
      payment: { beneficiary: 'Shenzhen Haike Export Co Ltd', personal_account: false },
    },
  };
  await fillForm(page, request);
  assert.equal(await verdictOf(page), 'not_permitted');
  // The checklist, above the reasons: the confirmation fails, with the core's own words for why.
  const failed = page.locator('.block-papers [data-paper="aftersales_confirmation"]');
  assert.equal(await failed.getAttribute('data-status'), 'failed');
  const cli = JSON.parse(
    execFileSync(join(root, 'build', 'native', 'evexport'), ['check', '-'], {
      input: JSON.stringify(request),
      encoding: 'utf8',
    }),
  );
  const why = cli.warnings.find((w) => w.code === 'paper_issuer_not_manufacturer').text;
  assert.ok((await failed.textContent()).includes(why));
  for (const paper of ['registration_certificate', 'invoice', 'payment'])
    assert.equal(await page.getAttribute(`.block-papers [data-paper="${paper}"]`, 'data-status'), 'checked', paper);
  assert.equal(await page.getAttribute('.block-papers [data-paper="export_licence"]', 'data-status'), 'not_seen');
  const order = await page.$$eval('#details > section', (els) => els.map((e) => e.className));
  assert.ok(order.indexOf('block block-papers') < order.indexOf('block block-reasons'), String(order));
  // How to check each paper seen is in the answer on screen; the printed report, kept to one page, leaves
  // it to the check online (its link and QR code).
  const verify = () =>
    page.$$eval('.block-papers details.paper-verify', (ds) => ds.map((d) => getComputedStyle(d).display));
  assert.equal((await verify()).length, 4);
  await page.emulateMedia({ media: 'print' });
  assert.deepEqual(await verify(), ['none', 'none', 'none', 'none']);
  await page.emulateMedia({ media: 'screen' });
  // The note beside the issuer field says the same; the manufacturer's own confirmation then counts.
  assert.ok((await page.textContent('[data-field="/papers/aftersales_confirmation/issuer"] .note')).includes(why));
  await page.fill('[name="papers.aftersales_confirmation.issuer"]', 'BYD Auto Co., Ltd.');
  await page.waitForSelector('.block-papers [data-paper="aftersales_confirmation"][data-status="checked"]');
  assert.equal(await verdictOf(page), 'conditional');
  assert.deepEqual(page.errors, []);
});

test('on a phone the verdict stays in view while the form scrolls, and leads back to the full answer', async () => {
  const page = await site.page();
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`${site.origin}/`);
  await verdictOf(page);
  // A used car, filled to the last field of the form (the payment's account, in the papers' last card).
  const c = valid.find((x) => x.file === 'papers-used.json' && x.expect.verdict === 'not_permitted');
  await fillForm(page, JSON.parse(c.requestText));
  await page.selectOption('[name="papers.payment.personal_account"]', 'false');
  assert.equal(await verdictOf(page), c.expect.verdict);
  const inView = (selector) =>
    page.$eval(selector, (el) => {
      const r = el.getBoundingClientRect();
      return !el.hidden && r.height > 0 && r.top >= 0 && r.bottom <= innerHeight;
    });
  assert.equal(await inView('#verdict'), false, 'the form has scrolled the verdict away');
  assert.equal(await inView('#verdict-bar'), true, 'the bar shows it');
  assert.equal(await page.getAttribute('#verdict-bar', 'data-verdict'), c.expect.verdict);
  assert.equal(
    (await page.textContent('#verdict-bar')).trim(),
    (await page.textContent('#verdict .verdict-title')).trim(),
  );
  const before = page.url();
  await page.click('#verdict-bar');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'verdict');
  await page.waitForFunction(() => document.getElementById('verdict-bar').hidden);
  assert.equal(page.url(), before);
  assert.deepEqual(page.errors, []);
});

test('no horizontal scrolling at 320, 390 and 1280 px in any language, answer, papers and batch shown', async () => {
  const page = await site.page();
  const c = valid.find((x) => x.file === 'papers-used.json' && x.expect.verdict === 'not_permitted');
  const csv = [
    'id,as_of,vin,make,category,powertrain,condition,exporter_role',
    'a,2026-03-01,LGXCE4CB6T0123456,BYD,passenger_car,bev,new,trader',
    '',
  ].join('\r\n');
  for (const width of [320, 390, 1280]) {
    await page.setViewportSize({ width, height: 800 });
    for (const lang of ['en', 'zh', 'ru', 'es', 'pt-BR', 'ar']) {
      await page.goto('about:blank');
      await page.goto(permalink(site.origin, JSON.stringify({ ...JSON.parse(c.requestText), lang })));
      assert.equal(await verdictOf(page), c.expect.verdict);
      await page.setInputFiles('#batch-file', { name: 'stock.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
      await page.waitForSelector('#batch[data-done="true"]');
      await page.$$eval('details', (cards) => {
        for (const card of cards) card.open = true;
      });
      const { scroll, client, dir } = await page.evaluate(() => ({
        scroll: document.documentElement.scrollWidth,
        client: document.documentElement.clientWidth,
        dir: document.documentElement.dir,
      }));
      assert.ok(scroll <= client, `${lang} at ${width} px: ${scroll} px wide`);
      assert.equal(dir, lang === 'ar' ? 'rtl' : 'ltr');
      // On a phone the batch's answers are cards, each cell named (issue 16 item 3).
      if (width < 600)
        assert.deepEqual(
          await page.$eval('#batch-table tbody tr', (tr) => ({
            display: getComputedStyle(tr).display,
            label: tr.querySelector('td').dataset.label,
          })),
          { display: 'block', label: locale(lang).batchColRow },
          `${lang} at ${width} px`,
        );
    }
  }
  assert.deepEqual(page.errors, []);
});

test('"Start again" can be undone until the form is touched again', async () => {
  const page = await site.page();
  const c = valid.find((x) => x.file === 'papers-used.json' && x.expect.verdict === 'not_permitted');
  await page.goto(permalink(site.origin, c.requestText));
  assert.equal(await verdictOf(page), c.expect.verdict);
  const filled = await page.$$eval('#request-form [name]', (els) => els.map((e) => [e.name, e.value]));
  await page.click('#reset');
  assert.equal(await verdictOf(page), 'undetermined');
  await page.click('#undo-reset');
  assert.equal(await verdictOf(page), c.expect.verdict);
  assert.deepEqual(await page.$$eval('#request-form [name]', (els) => els.map((e) => [e.name, e.value])), filled);
  assert.equal(await page.isHidden('#undo-reset'), true);
  // Once the cleared form is typed into, the old check is gone for good.
  await page.click('#reset');
  await page.fill('[name="vehicle.make"]', 'BYD');
  assert.equal(await page.isHidden('#undo-reset'), true);
  assert.deepEqual(page.errors, []);
});

// A buyer who knows only the year of registration types it (issue 16): the core reasons over every day
// of it and asks for the day only when the day decides.
test('a registration year or month is reasoned over every day; the day is asked only when it decides', async () => {
  const page = await site.page();
  const used = {
    as_of: '2026-03-01',
    vehicle: { category: 'passenger_car', powertrain: 'bev', condition: 'used', registration_date: '2025' },
    exporter: { role: 'used_car_exporter', listed: true, registered_owner: true },
    shipment: { licence_application_date: '2026-02-20' },
    evidence: { quality_report: true },
  };
  await page.goto(`${site.origin}/`);
  await verdictOf(page);
  await fillForm(page, used);
  const verdict = () => page.getAttribute('#verdict', 'data-verdict');
  await page.waitForFunction(() => document.getElementById('verdict')?.dataset.verdict === 'undetermined');
  const field = '[data-field="/vehicle/registration_date"]';
  assert.match(await page.textContent(`${field} .hint`), /2025-03/);
  // The warning says where the verdict changes, and the day is the first question.
  const body = await page.textContent('main');
  assert.match(body, /the day decides: registered from 2025-01-01 to 2025-08-23 .* registered on 2025-08-24/);
  assert.match(body, /On what date was the vehicle first registered in China/);
  // A month long before the application: every day gives the same answer, which is decided.
  await page.fill('[name="vehicle.registration_date"]', '2024-05');
  await page.waitForFunction(() => document.getElementById('verdict')?.dataset.verdict === 'conditional');
  assert.equal(await verdict(), 'conditional');
  assert.match(await page.textContent('main'), /every day from 2024-05-01 to 2024-05-31 gives this same answer/);
  assert.deepEqual(page.errors, []);
});
