/**
 * Requests to other hosts never follow a redirect on their own: `fetch` would take the request –
 * for a remote LLM, the prompts and the API key – wherever the server points, while the user was
 * told one host. Each hop is fetched with `redirect: 'manual'` and checked here instead.
 *
 * What can be checked depends on the runtime. Node (the CLI) shows a redirect's status and
 * `Location`, so every hop is checked before it is requested. A browser hides both from scripts
 * (the answer is an "opaque redirect"): the target cannot be checked before the request, so a
 * redirect is refused outright unless the caller allows redirects at all; then the browser
 * follows it and the answer is refused unless it came from an allowed origin (the LLM worker's
 * Content-Security-Policy header bounds the hops in between).
 */

/** A redirect that was not followed. Its message says where the request went and, when known, where it was sent on to. */
export class RedirectRefusedError extends Error {
  override name = 'RedirectRefusedError';
  constructor(
    /** The URL that answered with the redirect. */
    readonly from: string,
    /** Where it pointed (origin and path, never the query), or null when the browser does not say. */
    readonly to: string | null,
    /** The redirect's HTTP status, or null when the browser does not say. */
    readonly status: number | null,
  ) {
    super(
      to
        ? `${shortUrl(from)} answered ${status ?? 'with a redirect'}, a redirect to ${to}, which logsift does not follow: nothing was sent there.`
        : `${shortUrl(from)} answered with a redirect; logsift does not follow redirects (the browser does not tell the page where it pointed), so nothing was sent elsewhere.`,
    );
  }
}

const REDIRECT = new Set([301, 302, 303, 307, 308]);
const MAX_HOPS = 5;

/** host/path of a URL: no scheme noise, no query (it may carry tokens). */
export function shortUrl(url: string | URL): string {
  const u = new URL(url);
  return `${u.protocol === 'https:' ? '' : `${u.protocol}//`}${u.host}${u.pathname === '/' ? '' : u.pathname}`;
}

export interface RedirectPolicy {
  /** May a redirect lead here? Absent: no redirect is ever followed. */
  allows?(url: URL): boolean;
}

function requestUrl(input: RequestInfo | URL): string {
  return typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
}

/** The request of the next hop: 303 (and 301/302 after a POST) becomes a GET without a body, as browsers do. */
function nextInit(init: RequestInit | undefined, status: number, method: string): RequestInit | undefined {
  if (status === 303 || ((status === 301 || status === 302) && method === 'POST')) {
    const { body: _body, ...rest } = init ?? {};
    return { ...rest, method: 'GET' };
  }
  return init;
}

async function discard(response: Response): Promise<void> {
  await response.body?.cancel().catch(() => {});
}

/**
 * `fetcher(input, init)` that follows a redirect only where `policy.allows` says so, and throws
 * a RedirectRefusedError for any other.
 */
export async function fetchCheckingRedirects(fetcher: typeof fetch, input: RequestInfo | URL, init: RequestInit | undefined, policy: RedirectPolicy = {}): Promise<Response> {
  let url = requestUrl(input);
  let current: RequestInfo | URL = input;
  let currentInit = init;
  for (let hop = 0; ; hop++) {
    const response = await fetcher(current, { ...currentInit, redirect: 'manual' });
    if (response.type === 'opaqueredirect') {
      // A browser: the target is hidden. Only where redirects are allowed at all does the browser follow it.
      if (!policy.allows) throw new RedirectRefusedError(url, null, null);
      const followed = await fetcher(current, { ...currentInit, redirect: 'follow' });
      const landed = new URL(followed.url || url);
      if (followed.redirected && !policy.allows(landed)) {
        await discard(followed);
        throw new RedirectRefusedError(url, shortUrl(landed), null);
      }
      return followed;
    }
    const location = REDIRECT.has(response.status) ? response.headers.get('location') : null;
    if (location === null) return response;
    await discard(response);
    const target = new URL(location, url);
    if (!policy.allows?.(target)) throw new RedirectRefusedError(url, shortUrl(target), response.status);
    if (hop + 1 >= MAX_HOPS) throw new RedirectRefusedError(url, shortUrl(target), response.status);
    const method = (currentInit?.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase();
    currentInit = nextInit(currentInit, response.status, method);
    url = target.href;
    current = input instanceof Request ? new Request(target.href, input) : target.href;
  }
}
