/* global self, caches, fetch, Response, PRECACHE, VERSION */
// The playground's service worker: the built files are cached at install, so the page
// opens and works offline once it has been loaded (under any path: every URL here is
// relative to this file). Prefixed at build time with `PRECACHE` and `VERSION`
// (vite.config.ts). Pages: network first, cache when offline. Files: cache first
// (their names carry a content hash).
const CACHE = `reuse-playground-${VERSION}`;
const scope = new URL('./', self.location.href);
const INDEX = new URL('./', scope).href;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((c) => c.addAll([INDEX, ...PRECACHE.map((f) => new URL(f, scope).href)]))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('reuse-playground-') && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const req = event.request;
  if (req.method !== 'GET' || !req.url.startsWith(scope.href)) return;
  if (req.mode === 'navigate') {
    // The query (`?embed=1`) and fragment do not change the page itself.
    event.respondWith(
      fetch(req)
        .then((res) => {
          if (res.ok) {
            const copy = res.clone();
            void caches.open(CACHE).then((c) => c.put(INDEX, copy));
          }
          return res;
        })
        .catch(() => caches.match(INDEX).then((r) => r || Response.error())),
    );
    return;
  }
  event.respondWith(
    caches.match(req, { ignoreSearch: true }).then(
      (hit) =>
        hit ||
        fetch(req).then((res) => {
          if (res.ok && new URL(req.url).pathname.includes('/assets/')) {
            const copy = res.clone();
            void caches.open(CACHE).then((c) => c.put(req, copy));
          }
          return res;
        }),
    ),
  );
});
