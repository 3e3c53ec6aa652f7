// The playground's service worker: makes the page work offline after its first load.
// On install it caches the page and everything it imports, found by following the import graph
// from index.html (so new files of the package are picked up without a list to maintain),
// including the engine (web/dist/pocketdynamo.js and pocketdynamo.wasm). Requests then go to the
// network first (so a rebuilt package is seen at once) and fall back to the cache when offline.
const CACHE = 'pocketdynamo-playground-v1';
const MAX_FILES = 300;

const HTML_REFERENCES = /\b(?:src|href)\s*=\s*["']([^"'#]+)["']/g;
const JS_REFERENCES = [
  /\b(?:import|export)\s+(?:[\w$*{}\s,]+?\s+from\s+)?["']([^"']+)["']/g, // static import/export
  /\bimport\s*\(\s*(?:\/\*[^]*?\*\/\s*)*["']([^"']+)["']\s*\)/g, // import('...')
  /\bnew\s+URL\s*\(\s*["']([^"']+)["']\s*,\s*import\.meta\.url\s*\)/g, // new URL('...', import.meta.url)
];

function referencesOf(url, text, type) {
  const patterns = type.includes('html') ? [HTML_REFERENCES] : type.includes('javascript') ? JS_REFERENCES : [];
  const found = [];
  for (const pattern of patterns) {
    for (const match of text.matchAll(pattern)) {
      const specifier = match[1];
      if (!/^(\.{1,2}\/|\/|[\w-]+\.(?:js|mjs|css|wasm|html)$)/.test(specifier)) continue; // bare package names
      const resolved = new URL(specifier, url);
      if (resolved.origin === self.location.origin) found.push(resolved.href.split('#')[0]);
    }
  }
  return found;
}

async function precache() {
  const cache = await caches.open(CACHE);
  const start = new URL('./', self.location).href;
  const queue = [start, new URL('sw.js', self.location).href];
  const seen = new Set(queue);
  while (queue.length > 0 && seen.size <= MAX_FILES) {
    const url = queue.shift();
    let response;
    try {
      response = await fetch(url, { cache: 'no-cache' });
    } catch {
      continue;
    }
    if (!response.ok || response.redirected) continue;
    const type = response.headers.get('content-type') ?? '';
    if (type.includes('html') || type.includes('javascript')) {
      const text = await response.clone().text();
      for (const next of referencesOf(url, text, type)) {
        if (!seen.has(next)) { seen.add(next); queue.push(next); }
      }
    }
    await cache.put(url, response);
  }
}

self.addEventListener('install', (event) => {
  event.waitUntil(precache().then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const key of await caches.keys()) if (key !== CACHE) await caches.delete(key);
    await self.clients.claim();
  })());
});

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith((async () => {
    try {
      const response = await fetch(request);
      if (response.ok && !response.redirected && response.type === 'basic') {
        const copy = response.clone();
        event.waitUntil(caches.open(CACHE).then((cache) => cache.put(request, copy)));
      }
      return response;
    } catch (error) {
      const cached = await caches.match(request, { ignoreSearch: true })
        ?? (request.mode === 'navigate' ? await caches.match(new URL('./', self.location).href) : undefined);
      if (cached) return cached;
      throw error;
    }
  })());
});
