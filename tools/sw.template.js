// Service worker of the 民生实事项目 tracker. tools/post_build.py fills in VERSION and ASSETS at build
// time (the files of this build), so after the first visit the app opens with no network.
// Pages and data/ are fetched network-first (a new deployment or a new list is picked up as soon as
// the network is there); everything else is content-hashed and served from the cache.
const VERSION = '__VERSION__';
const ASSETS = __ASSETS__;
const CACHE = `minsheng-${VERSION}`;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches.open(CACHE)
      .then((cache) => cache.addAll(ASSETS.map((a) => new Request(a, { cache: 'reload' }))))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    const keys = await caches.keys();
    const old = keys.filter((k) => k.startsWith('minsheng-') && k !== CACHE);
    await Promise.all(old.map((k) => caches.delete(k)));
    await self.clients.claim();
    if (old.length > 0) {
      const clients = await self.clients.matchAll({ type: 'window' });
      clients.forEach((c) => c.postMessage({ type: 'updated', version: VERSION }));
    }
  })());
});

async function networkFirst(request) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    if (response.ok) cache.put(request, response.clone());
    return response;
  } catch (error) {
    const cached = await cache.match(request, { ignoreSearch: request.mode === 'navigate' });
    if (cached) return cached;
    if (request.mode === 'navigate') {
      const shell = await cache.match('./index.html');
      if (shell) return shell;
    }
    throw error;
  }
}

async function cacheFirst(request) {
  const cache = await caches.open(CACHE);
  const cached = await cache.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) cache.put(request, response.clone());
  return response;
}

// The app's own files only: anything else on this origin (a sync database behind /db/, asked for
// with cache: 'no-store') goes to the network untouched.
const ASSET_PATHS = new Set(ASSETS.map((a) => new URL(a, self.registration.scope).pathname));

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin || request.cache === 'no-store') return;
  const fresh = request.mode === 'navigate' || url.pathname.includes('/data/') || url.pathname.endsWith('/index.html');
  if (fresh) return event.respondWith(networkFirst(request));
  if (ASSET_PATHS.has(url.pathname)) event.respondWith(cacheFirst(request));
});
