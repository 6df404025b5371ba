/**
 * Tells the page about every request that leaves this app's origin, for the network indicator
 * (src/app/state/network.svelte.ts): a `fetch` wrapper that posts a start and an end event –
 * host, method, bytes sent, outcome, never the URL's path, query or body – on the
 * BroadcastChannel `logsift-network`. Used by the LLM worker, the only code that talks to other
 * hosts (a remote LLM, WebLLM's model downloads); requests to this origin are not reported.
 */

export const NETWORK_CHANNEL = 'logsift-network';

export interface NetworkEvent {
  /** Pairs a start with its end. */
  id: string;
  phase: 'start' | 'end';
  /** host[:port] of the destination. */
  host: string;
  /** scheme://host[:port]. */
  origin: string;
  method: string;
  /** Bytes of the request body (0 for none or a stream). */
  bytesOut: number;
  /** On end: the HTTP status, or 0 when the request failed. */
  status?: number;
  /** On end: why it failed. */
  error?: string;
  /** Date.now() of the event. */
  at: number;
}

interface Poster {
  postMessage(message: unknown): void;
}

function bodySize(body: unknown): number {
  if (body == null) return 0;
  if (typeof body === 'string') return new TextEncoder().encode(body).length;
  if (body instanceof Blob) return body.size;
  if (body instanceof ArrayBuffer) return body.byteLength;
  if (ArrayBuffer.isView(body)) return body.byteLength;
  if (body instanceof URLSearchParams) return new TextEncoder().encode(body.toString()).length;
  return 0;
}

let counter = 0;

/**
 * Wraps `inner` so that each request to another origin than `selfOrigin` is reported on
 * `channel` (a BroadcastChannel; null or missing: nothing is reported).
 */
export function reportingFetch(inner: typeof fetch, selfOrigin: string, channel: Poster | null = openChannel()): typeof fetch {
  if (!channel) return inner;
  const post = (event: NetworkEvent) => {
    try {
      channel.postMessage(event);
    } catch {
      // a closed channel: nothing to tell
    }
  };
  return (async (input: RequestInfo | URL, init?: RequestInit) => {
    let url: URL;
    try {
      url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url, selfOrigin);
    } catch {
      return inner(input, init);
    }
    if (url.origin === selfOrigin || url.protocol === 'blob:' || url.protocol === 'data:') return inner(input, init);
    const base = {
      id: `${Date.now().toString(36)}-${++counter}`,
      host: url.host,
      origin: url.origin,
      method: (init?.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase(),
      bytesOut: bodySize(init?.body),
    };
    post({ ...base, phase: 'start', at: Date.now() });
    try {
      const res = await inner(input, init);
      post({ ...base, phase: 'end', status: res.status, at: Date.now() });
      // A redirect the browser followed: the host it ended on is listed too.
      const landed = res.redirected && res.url ? new URL(res.url) : null;
      if (landed && landed.origin !== url.origin && landed.origin !== selfOrigin) {
        const hop = { ...base, id: `${base.id}-r`, host: landed.host, origin: landed.origin, method: 'GET', bytesOut: 0 };
        post({ ...hop, phase: 'start', at: Date.now() });
        post({ ...hop, phase: 'end', status: res.status, at: Date.now() });
      }
      return res;
    } catch (err) {
      post({ ...base, phase: 'end', status: 0, error: err instanceof Error ? err.name : 'failed', at: Date.now() });
      throw err;
    }
  }) as typeof fetch;
}

function openChannel(): Poster | null {
  return typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(NETWORK_CHANNEL);
}
