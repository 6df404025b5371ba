/**
 * What WebLLM may fetch, in the LLM worker: this app's origin, and – once the user loads a local
 * model – that model's origins. A redirect is followed only to those origins or, for the
 * catalogue's Hugging Face files, to Hugging Face's own download hosts (redirect-guard.ts checks
 * each hop where the runtime shows it). WebLLM stores model files with `Cache.add`, which fetches
 * inside the browser past any `fetch` wrapper, so `cacheAdd` does the same through the guard;
 * workers/llm.worker.ts installs both.
 */
import { fetchCheckingRedirects, shortUrl } from '../src/core/llm/redirect-guard.ts';

/** Where a local model's files may come from. */
export interface ModelHosts {
  /** Origins the files are asked for (for the prebuilt models: model-download-hosts.ts). */
  origins: string[];
  /** Hosts a redirect may also lead to (https only): exact names, or `*.example.com` for any subdomain. */
  redirectHosts: string[];
}

export interface ModelFetchGuard {
  /** The global fetch WebLLM uses. Rejects with a TypeError for another host, a RedirectRefusedError for a redirect to one. */
  fetch: typeof fetch;
  /** `Cache.prototype.add` through `fetch`: rejects like it, and for an answer that is not ok. */
  cacheAdd(cache: Pick<Cache, 'put'>, request: RequestInfo | URL): Promise<void>;
  /** The chosen model's hosts (replacing the previous ones). */
  allow(hosts: ModelHosts): void;
}

function hostMatches(hostname: string, pattern: string): boolean {
  return pattern.startsWith('*.') ? hostname.endsWith(pattern.slice(1)) : hostname === pattern;
}

export function modelFetchGuard(inner: typeof fetch, selfOrigin: string): ModelFetchGuard {
  let hosts: ModelHosts = { origins: [], redirectHosts: [] };
  const own = (url: URL) => url.origin === selfOrigin || url.protocol === 'blob:' || url.protocol === 'data:';
  const redirectAllowed = (url: URL) =>
    own(url) || hosts.origins.includes(url.origin) || (url.protocol === 'https:' && hosts.redirectHosts.some((p) => hostMatches(url.hostname, p)));

  const guarded = ((input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url, selfOrigin);
    if (own(url)) return inner(input, init);
    if (!hosts.origins.includes(url.origin)) {
      return Promise.reject(new TypeError(`logsift refused to connect to ${url.host}: it is not where the chosen model comes from.`));
    }
    return fetchCheckingRedirects(inner, input, init, { allows: redirectAllowed });
  }) as typeof fetch;

  return {
    fetch: guarded,
    async cacheAdd(cache, request) {
      const req = request instanceof Request ? request : new Request(request instanceof URL ? request.href : request);
      const response = await guarded(req);
      if (!response.ok) throw new TypeError(`${shortUrl(req.url)} answered ${response.status}.`);
      await cache.put(req, response);
    },
    allow(next) {
      hosts = { origins: [...next.origins], redirectHosts: [...next.redirectHosts] };
    },
  };
}
