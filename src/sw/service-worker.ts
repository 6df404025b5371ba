/**
 * logsift's service worker (`/sw.js`, built by scripts/lib/service-worker-plugin.ts, which fills
 * in PRECACHE and VERSION): keeps the app working offline.
 *
 * - **Install** puts every file of this build in the cache `logsift-app-<version>`: the page, its
 *   scripts and styles, the workers, onnxruntime's .wasm, the built-in bundle, the examples, the
 *   web app manifest and icons, and the BERT models the build serves (/models/). A file whose
 *   content did not change since the cached version is copied from there instead of downloaded.
 *   Model files are best-effort (a missing one does not fail the install); everything else must
 *   arrive or the install fails and the old version stays.
 * - **Fetch** answers same-origin GET requests from the caches (navigations with the cached page),
 *   then from the network. Requests to any other origin (a remote LLM, WebLLM's model hosts) are
 *   not touched and never cached.
 * - **Updates** wait: a new version installs next to the running one and takes over only when the
 *   page asks (`{type: 'logsift-skip-waiting'}`, sent when the user presses Reload and no run is
 *   in progress) or when every logsift tab is closed. Activation keeps the previous version's
 *   cache, so a tab still on the old version can load its remaining chunks; older ones are deleted.
 */
export {};

interface PrecacheEntry {
  /** Path relative to the service worker's scope, e.g. "assets/index-abc123.js". */
  url: string;
  /** Content hash for files without a hash in their name; null for hashed names. */
  revision: string | null;
  /** Best effort: the install goes on without it. */
  optional?: boolean;
}

// Replaced at build time (see the plugin); JSON literals.
const PRECACHE = '__LOGSIFT_PRECACHE__' as unknown as PrecacheEntry[];
const VERSION = '__LOGSIFT_VERSION__';

const sw = self as unknown as ServiceWorkerGlobalScope;
const PREFIX = 'logsift-app-';
const CACHE = `${PREFIX}${VERSION}`;
/** Which versions were activated, in order (to keep the previous one's cache). */
const HISTORY_CACHE = 'logsift-app-history';
const scope = new URL(sw.registration.scope);
const abs = (path: string) => new URL(path, scope).href;
const INDEX_KEY = abs('__logsift-precache.json');
const PAGE = abs('index.html');

/** Precached files are static: a `Vary` (the server's `Vary: Origin`) must not hide them from a module script's request. */
const MATCH = { ignoreVary: true, ignoreSearch: false };

async function broadcast(message: Record<string, unknown>): Promise<void> {
  const clients = await sw.clients.matchAll({ includeUncontrolled: true, type: 'window' });
  for (const client of clients) client.postMessage({ type: 'logsift-sw', version: VERSION, ...message });
}

/** A response for `entry` from an older logsift-app cache with the same revision, if any. */
async function fromOlderCache(entry: PrecacheEntry): Promise<Response | null> {
  for (const name of await caches.keys()) {
    if (!name.startsWith(PREFIX) || name === CACHE || name === HISTORY_CACHE) continue;
    const cache = await caches.open(name);
    if (entry.revision !== null) {
      const index = await cache.match(INDEX_KEY);
      const old = index ? ((await index.json()) as PrecacheEntry[]) : [];
      if (!old.some((e) => e.url === entry.url && e.revision === entry.revision)) continue;
    }
    const hit = await cache.match(abs(entry.url), MATCH);
    if (hit) return hit;
  }
  return null;
}

async function precache(): Promise<void> {
  const cache = await caches.open(CACHE);
  let done = 0;
  const queue = [...PRECACHE];
  const failures: string[] = [];
  const work = async () => {
    for (let entry = queue.shift(); entry; entry = queue.shift()) {
      const url = abs(entry.url);
      try {
        if (!(await cache.match(url, MATCH))) {
          const reused = await fromOlderCache(entry);
          if (reused) await cache.put(url, reused);
          else {
            const res = await fetch(url, { cache: 'no-cache' });
            if (!res.ok) throw new Error(`HTTP ${res.status}`);
            await cache.put(url, res);
          }
        }
      } catch (err) {
        if (!entry.optional) failures.push(`${entry.url} (${(err as Error).message})`);
      }
      done++;
    }
  };
  await Promise.all(Array.from({ length: 6 }, work));
  if (failures.length) throw new Error(`logsift could not cache ${failures.join(', ')}`);
  await cache.put(INDEX_KEY, new Response(JSON.stringify(PRECACHE), { headers: { 'content-type': 'application/json' } }));
  void done;
}

sw.addEventListener('install', (event) => {
  event.waitUntil(precache().then(() => broadcast({ state: 'installed' })));
});

sw.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      const history = await caches.open(HISTORY_CACHE);
      const listed = await history.match(abs('__logsift-history.json'));
      const versions = ((listed ? await listed.json() : []) as string[]).filter((v) => v !== VERSION);
      versions.push(VERSION);
      const keep = new Set(versions.slice(-2).map((v) => `${PREFIX}${v}`));
      await history.put(abs('__logsift-history.json'), new Response(JSON.stringify(versions.slice(-2))));
      for (const name of await caches.keys()) {
        if (name.startsWith(PREFIX) && name !== HISTORY_CACHE && !keep.has(name)) await caches.delete(name);
      }
      await sw.clients.claim();
      await broadcast({ state: 'activated' });
    })(),
  );
});

sw.addEventListener('message', (event) => {
  const data = event.data as { type?: string } | null;
  if (data?.type === 'logsift-skip-waiting') void sw.skipWaiting();
  else if (data?.type === 'logsift-version') event.source?.postMessage({ type: 'logsift-sw', state: 'version', version: VERSION });
});

/** A navigation to the app (not to a file such as /models/index.json). */
function isAppNavigation(request: Request, url: URL): boolean {
  if (request.mode !== 'navigate') return false;
  const path = url.pathname.slice(scope.pathname.length);
  return path === '' || path === 'index.html' || !path.includes('.');
}

async function cached(request: Request | string): Promise<Response | undefined> {
  const own = await (await caches.open(CACHE)).match(request, MATCH);
  if (own) return own;
  // An older version's chunk, for a tab that still runs that version.
  for (const name of await caches.keys()) {
    if (!name.startsWith(PREFIX) || name === CACHE || name === HISTORY_CACHE) continue;
    const hit = await (await caches.open(name)).match(request, MATCH);
    if (hit) return hit;
  }
  return undefined;
}

sw.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  // Never touch another origin: those requests go out as they are, and are never cached.
  if (url.origin !== scope.origin || !url.pathname.startsWith(scope.pathname)) return;
  if (isAppNavigation(request, url)) {
    event.respondWith(cached(PAGE).then((hit) => hit ?? fetch(request)));
    return;
  }
  event.respondWith(cached(request).then((hit) => hit ?? fetch(request)));
});
