// The widget on someone else's page: the demo portal (scripts/demo-host.mjs) on a second origin,
// under the strict policies docs/EMBEDDING.md gives hosts, embedding <ev-export-check> and the
// iframe mode from the site's origin.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { startDemoHost } from '../../scripts/demo-host.mjs';
import { loadChecker } from '../js/checker.mjs';
import { root } from '../js/corpus.mjs';
import { openSite } from './browser.mjs';

const LANGS = ['en', 'zh', 'ru', 'es', 'pt-BR', 'ar'];
const strings = Object.fromEntries(
  LANGS.map((l) => [l, JSON.parse(readFileSync(join(root, 'web', 'locales', `${l}.json`), 'utf8'))]),
);
const pack = (lang) => JSON.parse(readFileSync(join(root, 'core', 'rules', 'translations', `${lang}.json`), 'utf8'));
const ruleset = JSON.parse(readFileSync(join(root, 'core', 'rules', 'cn-vehicle-export.json'), 'utf8'));
const ruleText = (lang, id) =>
  ['en', 'zh'].includes(lang)
    ? ruleset.rules.find((r) => r.id === id).text[lang]
    : pack(lang).texts[`rules/${id}/text`];

let site;
let demo;
let host;
const checker = await loadChecker();
for (const lang of ['ru', 'es', 'pt-BR', 'ar']) await checker.loadLanguage(lang);

before(async () => {
  site = await openSite();
  demo = await startDemoHost({ widgetOrigin: site.origin, port: 0 });
  host = `http://127.0.0.1:${demo.address().port}`;
});
after(async () => {
  demo?.close();
  await site?.close();
});

// A page on the demo host that records the widgets' events and any policy violation. The recorder
// is installed by the test through the browser's devtools, not by the page: its policy stays strict.
async function hostPage(path, options) {
  const page = await site.page(options);
  page.elsewhere = []; // here two origins are expected, the host's and the widget's; no other
  page.requested = [];
  page.on('request', (r) => {
    const url = r.url();
    page.requested.push(url);
    if (!url.startsWith(`${host}/`) && !url.startsWith(`${site.origin}/`) && !url.startsWith('data:'))
      page.elsewhere.push(url);
  });
  await page.addInitScript(() => {
    window.seen = [];
    window.violations = [];
    for (const type of ['evexport-ready', 'evexport-change', 'evexport-result', 'evexport-error'])
      document.addEventListener(type, (e) => window.seen.push({ type, id: e.target.id, detail: e.detail }));
    document.addEventListener('securitypolicyviolation', (e) =>
      window.violations.push(`${e.violatedDirective} ${e.blockedURI}`),
    );
    window.addEventListener('message', (e) => window.seen.push({ type: 'message', origin: e.origin, data: e.data }));
  });
  await page.goto(`${host}/${path}`);
  return page;
}

// The compact widget of the demo names a destination: its answer comes again once the destination's
// data has come (issue 14). A test that changes it waits for that first, so that the data's arrival
// is not taken for the answer to its own change.
const settled = (page) =>
  page.waitForFunction(() =>
    window.seen.some((e) => e.type === 'evexport-result' && e.id === 'compact' && e.detail?.destination),
  );

const events = (page, type, id) =>
  page.evaluate(
    ([t, i]) => window.seen.filter((e) => e.type === t && (!i || e.id === i)).map((e) => e.detail),
    [type, id],
  );
async function nextResult(page, id, action) {
  const before = (await events(page, 'evexport-result', id)).length + (await events(page, 'evexport-error', id)).length;
  await action();
  await page.waitForFunction(
    ([i, n]) =>
      window.seen.filter((e) => (e.type === 'evexport-result' || e.type === 'evexport-error') && e.id === i).length > n,
    [id, before],
  );
  return page.evaluate(
    (i) =>
      window.seen.filter((e) => (e.type === 'evexport-result' || e.type === 'evexport-error') && e.id === i).at(-1),
    id,
  );
}

test(
  'cross-origin under the host policy: ready, then the result of the prefilled request, ' + 'and nothing else loaded',
  async () => {
    const page = await hostPage('index.html', { locale: 'en-GB' });
    await page.waitForFunction(() => window.seen.some((e) => e.type === 'evexport-result' && e.id === 'compact'));
    const order = await page.evaluate(() => window.seen.filter((e) => e.id === 'compact').map((e) => e.type));
    assert.deepEqual(order.slice(0, 2), ['evexport-ready', 'evexport-result']);
    const [ready] = await events(page, 'evexport-ready', 'compact');
    assert.equal(ready.ruleset.id, ruleset.id);
    assert.deepEqual(ready.languages, LANGS);
    // The result is the JS API's for the request the attributes give.
    const request = await page.evaluate(() => document.getElementById('compact').request);
    assert.deepEqual(request, {
      as_of: '2026-03-01',
      vehicle: {
        vin: 'LGXCE4CB6T0123456',
        make: 'BYD',
        category: 'passenger_car',
        powertrain: 'bev',
        condition: 'new',
      },
      exporter: { role: 'trader' },
      shipment: { destination: 'KZ' },
    });
    // The export verdict comes at once; the destination's answer when its data has come (issue 14).
    const [result] = await events(page, 'evexport-result', 'compact');
    const { destination, ...exportSide } = checker.evaluate({ ...request, lang: 'en' });
    assert.deepEqual(result, exportSide);
    assert.equal(result.verdict, 'not_permitted');
    await page.waitForFunction(() =>
      window.seen.some((e) => e.type === 'evexport-result' && e.id === 'compact' && e.detail?.destination),
    );
    assert.deepEqual((await events(page, 'evexport-result', 'compact')).at(-1).destination, destination);
    assert.equal(
      await page.evaluate(
        () => document.getElementById('compact').shadowRoot.querySelector('[role=status]').dataset.verdict,
      ),
      'not_permitted',
    );
    // The deciding sentence is in sight, not under "Details" (issue 16).
    assert.ok(
      await page.evaluate(
        () =>
          document.getElementById('compact').shadowRoot.querySelector('[role=status] .verdict-deciding')?.textContent,
      ),
    );
    assert.deepEqual(await page.evaluate(() => window.violations), []);
    assert.deepEqual(page.errors, []);
    assert.deepEqual(page.elsewhere, []);
    // It did load from the widget's origin: the module, the core, and — the request naming a
    // destination — the destination's build and data; nothing it was not asked for.
    assert.deepEqual(
      page.requested
        .filter((url) => url.startsWith(site.origin))
        .map((url) => url.slice(site.origin.length))
        .sort(),
      [
        '/embed/v1.0.0/destinations.json',
        '/embed/v1.0.0/ev-export-check.js',
        '/embed/v1.0.0/evexport-destinations.wasm',
        '/embed/v1.0.0/evexport.wasm',
      ],
    );
  },
);

test(
  'setting request evaluates it: evexport-change, then evexport-result with the result; ' +
    'a bad one gives evexport-error',
  async () => {
    const page = await hostPage('index.html');
    await settled(page);
    const request = {
      as_of: '2026-03-01',
      vehicle: { category: 'passenger_car', powertrain: 'bev', condition: 'new', make: 'BYD' },
      exporter: { role: 'manufacturer', listed: true },
    };
    const last = await nextResult(page, 'compact', () =>
      page.evaluate((r) => (document.getElementById('compact').request = r), request),
    );
    assert.equal(last.type, 'evexport-result');
    const merged = await page.evaluate(() => document.getElementById('compact').request);
    assert.deepEqual((await events(page, 'evexport-change', 'compact')).at(-1), merged);
    assert.deepEqual(last.detail, checker.evaluate({ ...merged, lang: 'en' }));
    assert.equal(last.detail.verdict, 'conditional');

    const bad = await nextResult(page, 'compact', () =>
      page.evaluate(
        () => (document.getElementById('compact').request = { vehicle: { registration_date: '2026-02-30' } }),
      ),
    );
    assert.equal(bad.type, 'evexport-error');
    assert.equal(bad.detail.field, '/vehicle/registration_date');
    assert.deepEqual(page.errors, []);
  },
);

test('each language: its strings, its rule texts, the Chinese document name kept, and Arabic mirrored', async () => {
  const page = await hostPage('index.html');
  await settled(page);
  for (const lang of LANGS) {
    const last = await nextResult(page, 'compact', () => page.selectOption('#lang', lang));
    assert.equal(last.detail.reasons[0].text, ruleText(lang, 'cn.licence.bev-2026'), lang);
    const shown = await page.evaluate(() => {
      const root = document.getElementById('compact').shadowRoot;
      const box = root.querySelector('.box');
      const status = root.querySelector('[role=status]');
      return {
        lang: box.lang,
        dir: box.dir,
        title: root.querySelector('.title').textContent,
        verdict: status.querySelector('.verdict-title').textContent,
        summary: root.querySelector('summary').textContent,
        right: getComputedStyle(status).borderRightWidth,
        left: getComputedStyle(status).borderLeftWidth,
        original: root.querySelector('[data-rule="cn.licence.bev-2026"] .source-original').textContent,
        translated: root.querySelector('[data-rule="cn.licence.bev-2026"] .source-translated')?.textContent ?? null,
        note: root.querySelector('.translation-note').textContent,
      };
    });
    assert.equal(shown.lang, lang === 'zh' ? 'zh-Hans' : lang);
    assert.equal(shown.title, strings[lang]['widget.check']);
    assert.equal(shown.verdict, strings[lang]['verdict.not_permitted']);
    assert.equal(shown.summary, strings[lang]['widget.details']);
    assert.equal(shown.note, strings[lang].translationNote);
    assert.match(shown.original, /^《公布对纯电动乘用车实施出口许可证管理》/);
    assert.equal(shown.translated, ['en', 'zh'].includes(lang) ? null : `${pack(lang).texts['sources/D1/title']} — `);
    // The verdict's bar stands at the start of the line: the left in English, the right in Arabic.
    assert.equal(shown.dir, lang === 'ar' ? 'rtl' : 'ltr');
    assert.deepEqual([shown.left, shown.right], lang === 'ar' ? ['0px', '4px'] : ['4px', '0px'], lang);
  }
  assert.deepEqual(await page.evaluate(() => window.violations), []);
  assert.deepEqual(page.errors, []);
});

test('without a lang attribute the reader’s languages choose: pt-PT gets Portuguese (Brazil)', async () => {
  const page = await hostPage('index.html', { locale: 'pt-PT' });
  await page.waitForFunction(() => window.seen.some((e) => e.type === 'evexport-result' && e.id === 'full'));
  const title = await page.evaluate(
    () => document.getElementById('full').shadowRoot.querySelector('.title').textContent,
  );
  assert.equal(title, strings['pt-BR']['widget.check']);
  const [result] = await events(page, 'evexport-result', 'full');
  assert.equal(result.missing[0].question, pack('pt-BR').texts[`questions${result.missing[0].field}`]);
});

test('the full layout: a labelled form in the shadow root, evaluated as the reader chooses', async () => {
  const page = await hostPage('index.html', { locale: 'en-GB' });
  await page.waitForFunction(() => window.seen.some((e) => e.type === 'evexport-result' && e.id === 'full'));
  // The form is built once the first result is painted.
  await page.waitForFunction(() => document.getElementById('full').shadowRoot.querySelectorAll('form [name]').length);
  const unlabelled = await page.evaluate(() =>
    [...document.getElementById('full').shadowRoot.querySelectorAll('form [name]')]
      .filter((e) => !e.labels?.length)
      .map((e) => e.name),
  );
  assert.deepEqual(unlabelled, []);
  for (const [name, value] of [
    ['vehicle.category', 'passenger_car'],
    ['vehicle.powertrain', 'bev'],
    ['vehicle.condition', 'new'],
    ['exporter.role', 'trader'],
  ])
    await page.selectOption(`#full >> [name="${name}"]`, value);
  await page.waitForFunction(
    () =>
      window.seen.filter((e) => e.type === 'evexport-result' && e.id === 'full').at(-1).detail.verdict ===
      'not_permitted',
  );
  const change = (await events(page, 'evexport-change', 'full')).at(-1);
  assert.deepEqual(change, {
    as_of: '2026-03-01',
    vehicle: { category: 'passenger_car', powertrain: 'bev', condition: 'new' },
    exporter: { role: 'trader' },
  });
  // The verdict stays in sight while the form scrolls: after the last field before the papers is
  // changed on a phone's screen, the verdict is in the viewport (issue 16).
  await page.setViewportSize({ width: 390, height: 844 });
  const field = page.locator('#full >> [name="evidence.miit_catalogue"]');
  await field.scrollIntoViewIfNeeded();
  await field.selectOption('true');
  const inView = await page.evaluate(() => {
    const box = document.getElementById('full').shadowRoot.querySelector('[role=status]').getBoundingClientRect();
    return box.bottom > 0 && box.top < innerHeight;
  });
  assert.ok(inView, 'the verdict is on screen after the last field changed');

  const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  await page.evaluate(axeSource); // evaluated by the test: the host's policy stays strict
  const { violations } = await page.evaluate(() =>
    window.axe.run(document.querySelector('main'), { resultTypes: ['violations'] }),
  );
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(
    serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`),
    [],
  );
});

// docs/SECURITY.md: a request that cannot be read is answered with an error, and the element
// never goes on showing the previous request's answer.
test('a request that throws or cycles is answered with an error, never with the previous answer', async () => {
  const page = await hostPage('index.html');
  await settled(page);
  // Built in the page (its policy allows no eval): a getter that throws, a cycle, a nested __proto__.
  const hostile = [
    () => ({
      get vehicle() {
        throw new Error('boom');
      },
    }),
    () => {
      const r = { vehicle: {} };
      r.vehicle.self = r;
      return r;
    },
    () => JSON.parse('{"__proto__":{"__proto__":{"a":1}}}'),
  ];
  for (let i = 0; i < hostile.length; i++) {
    const good = await nextResult(page, 'compact', () =>
      page.evaluate(
        (day) =>
          (document.getElementById('compact').request = {
            as_of: `2026-04-1${day}`,
            vehicle: { category: 'passenger_car', powertrain: 'bev', condition: 'new' },
            exporter: { role: 'trader' },
          }),
        i,
      ),
    );
    assert.equal(good.type, 'evexport-result');
    const answer = await nextResult(page, 'compact', () =>
      page.evaluate(`document.getElementById('compact').request = (${hostile[i].toString()})()`),
    );
    if (i < 2) assert.equal(answer.type, 'evexport-error', `request ${i}`);
    assert.notDeepEqual(answer.detail, good.detail, `request ${i}: not the previous answer`);
    const shown = await page.evaluate(
      () => document.getElementById('compact').shadowRoot.querySelector('[role=status]').dataset.verdict,
    );
    assert.equal(shown, answer.type === 'evexport-error' ? 'error' : answer.detail.verdict);
  }
  assert.deepEqual(page.errors, []);
});

test('the iframe mode answers a bad language message with an error and applies a good one', async () => {
  const page = await hostPage('iframe.html');
  await page.waitForFunction(() => window.seen.some((e) => e.type === 'message' && e.data.type === 'result'));
  const post = (message) =>
    page.evaluate(
      ([m, origin]) => document.getElementById('check').contentWindow.postMessage(m, origin),
      [message, site.origin],
    );
  for (const lang of [{ toString: null }, 'xx-evil', 42, null])
    await post({ protocol: 'evexport', version: 1, type: 'lang', lang });
  await page.waitForFunction(
    () => window.seen.filter((e) => e.type === 'message' && e.data.type === 'error').length >= 4,
  );
  const errors = await page.evaluate(() =>
    window.seen.filter((e) => e.type === 'message' && e.data.type === 'error').map((e) => e.data.error),
  );
  assert.ok(
    errors.every((e) => e.code === 'invalid_field' && e.field === '/lang'),
    JSON.stringify(errors),
  );
  await post({ protocol: 'evexport', version: 1, type: 'lang', lang: 'ru' });
  const frame = await (await page.waitForSelector('#check')).contentFrame();
  await frame.waitForFunction(() => document.getElementById('check').getAttribute('lang') === 'ru');
  assert.deepEqual(page.errors, []);
});

test(
  'the iframe mode, on a host that allows no wasm: ready, result and height messages ' + 'from the widget origin only',
  async () => {
    const page = await hostPage('iframe.html');
    const messages = () =>
      page.evaluate(() =>
        window.seen.filter((e) => e.type === 'message').map((e) => ({ origin: e.origin, ...e.data })),
      );
    await page.waitForFunction(() => window.seen.some((e) => e.type === 'message' && e.data.type === 'result'));
    const first = await messages();
    assert.ok(first.every((m) => m.origin === site.origin && m.protocol === 'evexport' && m.version === 1));
    const result = first.find((m) => m.type === 'result').result;
    assert.equal(result.verdict, 'conditional');
    // The host sized the frame from the last height message.
    await page.waitForFunction(() => {
      const heights = window.seen.filter((e) => e.type === 'message' && e.data.type === 'height');
      return heights.length && document.getElementById('check').style.height === `${heights.at(-1).data.height}px`;
    });

    // A request from the host gets its result.
    await page.click('#ask-used');
    await page.waitForFunction(
      () => window.seen.filter((e) => e.type === 'message' && e.data.type === 'result').length >= 2,
    );
    const used = (await messages()).filter((m) => m.type === 'result').at(-1).result;
    assert.equal(used.vehicle.condition, 'used');
    assert.ok(
      used.missing.some((m) => m.field === '/evidence/aftersales_confirmation'),
      'registered 60 days ago: the manufacturer’s confirmation is asked for',
    );

    // Another protocol version is answered with an error, not obeyed.
    await page.evaluate(
      (origin) =>
        document
          .getElementById('check')
          .contentWindow.postMessage({ protocol: 'evexport', version: 2, type: 'request', request: {} }, origin),
      site.origin,
    );
    await page.waitForFunction(() => window.seen.some((e) => e.type === 'message' && e.data.type === 'error'));
    assert.equal((await messages()).find((m) => m.type === 'error').error.code, 'unsupported_version');
    assert.deepEqual(await page.evaluate(() => window.violations), []);
    assert.deepEqual(page.errors, []);
  },
);

test('the iframe mode obeys only the host it was given', async () => {
  const page = await hostPage('iframe.html');
  await page.waitForFunction(() => window.seen.some((e) => e.type === 'message' && e.data.type === 'result'));
  // A second frame told that its host is another origin: this page's messages are not that host's.
  await page.evaluate((origin) => {
    const frame = Object.assign(document.createElement('iframe'), {
      id: 'stranger',
      src: `${origin}/embed/v1/frame.html?host=${encodeURIComponent('https://portal.example')}&as-of=2026-03-01`,
    });
    document.body.append(frame);
  }, site.origin);
  const stranger = await (await page.waitForSelector('#stranger')).contentFrame();
  // Polled on a timer: the default polls on animation frames, which a frame the browser does not
  // paint may never get (1 run in 8 hung with the result already there).
  await stranger.waitForFunction(() => document.getElementById('check')?.result !== undefined, null, { polling: 50 });
  const before = await stranger.evaluate(() => JSON.stringify(document.getElementById('check').request));
  const sendTo = (id) =>
    page.evaluate(
      ([id, origin]) =>
        document
          .getElementById(id)
          .contentWindow.postMessage(
            { protocol: 'evexport', version: 1, type: 'request', request: { vehicle: { condition: 'used' } } },
            origin,
          ),
      [id, site.origin],
    );
  await sendTo('stranger');
  // Positive control: the same message to the frame that trusts this page is obeyed.
  await sendTo('check');
  await page.waitForFunction(
    () => window.seen.filter((e) => e.type === 'message' && e.data.type === 'result').length >= 2,
  );
  assert.equal(await stranger.evaluate(() => JSON.stringify(document.getElementById('check').request)), before);
  // And the stranger's own messages went to the origin it was given, not here.
  const origins = await page.evaluate(() => window.seen.filter((e) => e.type === 'message').map((e) => e.data.type));
  assert.equal(origins.filter((t) => t === 'ready').length, 1);
});

test('integrity: a tampered core is refused and reported, never run', async () => {
  const page = await site.page();
  await page.route(`${site.origin}/embed/v*/evexport.wasm`, async (route) => {
    const response = await route.fetch();
    const body = Buffer.from(await response.body());
    body[body.length - 1] ^= 1;
    await route.fulfill({ response, body });
  });
  await page.addInitScript(() => {
    window.seen = [];
    for (const type of ['evexport-result', 'evexport-error'])
      document.addEventListener(type, (e) => window.seen.push({ type, detail: e.detail }));
  });
  await page.goto(`${host}/index.html`);
  await page.waitForFunction(() => window.seen.some((e) => e.type === 'evexport-error'));
  const seen = await page.evaluate(() => window.seen);
  assert.ok(seen.every((e) => e.type === 'evexport-error' && e.detail.code === 'load_failed'));
  assert.equal(
    await page.evaluate(
      () => document.getElementById('compact').shadowRoot.querySelector('[role=status]').dataset.verdict,
    ),
    'error',
  );
});

test('integrity: a host pinning the widget by its hash does not run a changed widget', async () => {
  const page = await site.page();
  await page.route(`${site.origin}/embed/v*/ev-export-check.js`, async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, body: `${await response.text()}\n// changed` });
  });
  await page.goto(`${host}/index.html`);
  await page.waitForTimeout(500);
  assert.equal(await page.evaluate(() => customElements.get('ev-export-check')), undefined);
  assert.ok(
    page.errors.some((e) => /integrity/i.test(e)),
    page.errors.join('\n'),
  );
});

test('markup in the attributes or the request is shown as text, never run', async () => {
  const page = await hostPage('index.html', { locale: 'en-GB' });
  await settled(page);
  const markup = '<img src=x onerror="window.pwned=1">';
  await nextResult(page, 'compact', () =>
    page.evaluate((m) => {
      const check = document.getElementById('compact');
      check.setAttribute('make', m);
      check.request = { vehicle: { vin: 'LGXCE4CB6T0123456' }, exporter: { name: m, authorization: { brand: m } } };
    }, markup),
  );
  const shown = await page.evaluate(() => {
    const root = document.getElementById('compact').shadowRoot;
    return { images: root.querySelectorAll('img').length, text: root.textContent, pwned: window.pwned };
  });
  assert.equal(shown.images, 0);
  assert.equal(shown.pwned, undefined);
  assert.ok(shown.text.includes(markup), 'the markup is shown as the text it is');
  assert.deepEqual(await page.evaluate(() => window.violations), []);
});
