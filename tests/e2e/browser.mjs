// Debian's Chromium driven by playwright-core, against build/site served on loopback.
import { chromium } from 'playwright-core';
import { join } from 'node:path';
import { startServer } from '../../scripts/server.mjs';
import { root } from '../js/corpus.mjs';

// Without the background-networking flags Chromium tries to reach Google's hosts (env notes).
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-default-apps',
  '--disable-extensions',
];

export async function openSite({ dir = join(root, 'build', 'site') } = {}) {
  const server = await startServer({ root: dir, port: 0 });
  const origin = `http://127.0.0.1:${server.address().port}`;
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ARGS });
  return {
    origin,
    browser,
    // A page that records what the product must never do: ask another origin, or log an error.
    async page(options = {}) {
      const context = await browser.newContext(options);
      const page = await context.newPage();
      page.foreign = [];
      page.errors = [];
      page.on('request', (r) => {
        const url = r.url();
        if (!url.startsWith(`${origin}/`) && !url.startsWith('data:')) page.foreign.push(url);
      });
      page.on('console', (m) => m.type() === 'error' && page.errors.push(m.text()));
      page.on('pageerror', (e) => page.errors.push(String(e)));
      return page;
    },
    async close() {
      await browser.close();
      server.close();
    },
  };
}

export const permalink = (origin, requestText) => `${origin}/index.html#request=${encodeURIComponent(requestText)}`;

export async function verdictOf(page) {
  await page.waitForSelector('#verdict[data-verdict]');
  // The form and the batch section join the page once the first verdict is painted (web/src/main.ts).
  await page.waitForSelector('#form-slot', { state: 'detached' });
  return page.getAttribute('#verdict', 'data-verdict');
}

// Fills the form the way a person would, field by field, from a v1 request.
export async function fillForm(page, request) {
  // The seller's papers are folded into cards: opened, as a reader would, before typing into them.
  await page.$$eval('#request-form details', (cards) => {
    for (const card of cards) card.open = true;
  });
  const paths = await page.$$eval('#request-form [name]', (els) => els.map((e) => [e.name, e.tagName]));
  for (const [path, tag] of paths) {
    let value = request;
    for (const key of path.split('.')) value = value && typeof value === 'object' ? value[key] : undefined;
    // A list is typed with commas between its items; an outlet by its country.
    const text =
      value === undefined || value === null
        ? ''
        : Array.isArray(value)
          ? value.map((v) => (v && typeof v === 'object' ? (v.country ?? '') : String(v))).join(', ')
          : String(value);
    const selector = `#request-form [name="${path}"]`;
    if (tag === 'SELECT') await page.selectOption(selector, text);
    else await page.fill(selector, text);
  }
}

// When the element marked elementtiming="<identifier>" was first painted (Element Timing), in ms from
// navigation: the benchmarks' measure of an answer the reader sees.
export const paintedAt = (page, identifier) =>
  page.evaluate(
    (id) =>
      new Promise((done) =>
        new PerformanceObserver((list) => {
          const entry = list.getEntries().find((e) => e.identifier === id);
          if (entry) done(entry.renderTime);
        }).observe({ type: 'element', buffered: true }),
      ),
    identifier,
  );
