// Widget figures, in headless Chromium, the demo portal (scripts/demo-host.mjs) embedding the
// widget from the site's origin on localhost:
//  - navigation start → the first widget's evexport-result (cold: fresh browser context);
//  - 50 more widgets added to a listing page → every one has its result.
// Reproduce: ./scripts/build && node tests/bench/widget.mjs [runs]
import { startDemoHost } from '../../scripts/demo-host.mjs';
import { openSite } from '../e2e/browser.mjs';

const runs = Number(process.argv[2] ?? 10);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const site = await openSite();
const demo = await startDemoHost({ widgetOrigin: site.origin, port: 0 });
const host = `http://127.0.0.1:${demo.address().port}`;

const first = [];
const fifty = [];
for (let i = 0; i < runs; i++) {
  const page = await site.page();
  await page.addInitScript(() => {
    window.results = 0;
    document.addEventListener('evexport-result', () => {
      window.firstResult ??= performance.now();
      window.results++;
    });
  });
  await page.goto(`${host}/index.html`);
  await page.waitForFunction(() => window.firstResult !== undefined);
  first.push(await page.evaluate(() => window.firstResult));
  await page.waitForFunction(() => window.results >= 2);
  fifty.push(
    await page.evaluate(async () => {
      const before = window.results;
      const t0 = performance.now();
      const makes = ['BYD', 'Tesla', 'NIO', 'XPeng', 'Geely'];
      for (let n = 0; n < 50; n++) {
        const check = document.createElement('ev-export-check');
        check.setAttribute('as-of', '2026-03-01');
        check.setAttribute('make', makes[n % makes.length]);
        check.setAttribute('condition', n % 3 ? 'new' : 'used');
        check.setAttribute('category', 'passenger_car');
        check.setAttribute('powertrain', 'bev');
        check.setAttribute('exporter-role', ['manufacturer', 'authorized_exporter', 'trader'][n % 3]);
        document.querySelector('main').append(check);
      }
      await new Promise((done) => {
        const wait = () => (window.results >= before + 50 ? done() : requestAnimationFrame(wait));
        wait();
      });
      return performance.now() - t0;
    }),
  );
  await page.context().close();
}
const firstResult = median(first);
console.log(
  `navigation → first widget result (cold, cross-origin): median ${firstResult.toFixed(0)} ms over ${runs} loads ` +
    `(target 120 ms: ${firstResult <= 120 ? 'met' : 'NOT MET'})`,
);
console.log(`50 widgets added to a page → all 50 results: median ${median(fifty).toFixed(0)} ms`);
demo.close();
await site.close();
