// A Vite plugin: the core's .wasm fetched from the HTML's first bytes (a preload the JS API's fetch
// then takes), not only once the page's script has run. The destination's build is left out: it is
// fetched when a destination is first named. Used by the site (vite.config.ts) and by the first
// verdict's floor benchmark (tests/bench/first-verdict-floor.mjs), so that both load the core alike.
export const preloadCore = () => ({
  name: 'preload-core',
  transformIndexHtml: {
    order: 'post',
    handler: (_html, ctx) =>
      Object.keys(ctx.bundle ?? {})
        .filter((name) => name.endsWith('.wasm') && !name.includes('destinations'))
        .map((name) => ({
          tag: 'link',
          attrs: { rel: 'preload', href: `./${name}`, as: 'fetch', type: 'application/wasm', crossorigin: '' },
          injectTo: 'head-prepend',
        })),
  },
});
