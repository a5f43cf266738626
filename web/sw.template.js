// The calculator offline (issue 16): after one visit it answers with no network. Written into
// build/site/sw.js by web/vite.config.ts, which fills in VERSION (a hash of the built files' names,
// which carry their content hashes) and PRECACHE (the page and what its first answer needs).
// A new build is a new cache; the old one is dropped when the new worker takes over. What else the
// page fetches (another language, the destination's build and data) is kept as it is fetched.
const VERSION = '__VERSION__';
const PRECACHE = __PRECACHE__;
const CACHE = `evexport-${VERSION}`;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(PRECACHE))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(keys.filter((k) => k.startsWith('evexport-') && k !== CACHE).map((k) => caches.delete(k))),
      )
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) return;
  // The page itself: the network first (a new build shows at once), the cached page offline. Its
  // fragment (the check) never reaches the network or the cache key.
  if (request.mode === 'navigate') {
    event.respondWith(
      fetch(request)
        .then((response) => {
          const copy = response.clone();
          if (response.ok) caches.open(CACHE).then((cache) => cache.put('./', copy));
          return response;
        })
        .catch(() => caches.match('./', { ignoreSearch: true })),
    );
    return;
  }
  // Files named by their content (assets/) and the rest: the cache first, then the network, kept.
  event.respondWith(
    caches.match(request).then(
      (cached) =>
        cached ??
        fetch(request).then((response) => {
          if (response.ok) {
            const copy = response.clone();
            caches.open(CACHE).then((cache) => cache.put(request, copy));
          }
          return response;
        }),
    ),
  );
});
