/**
 * Would a Content-Security-Policy let a script connect to a URL? The LLM worker asks before it
 * calls a remote LLM: a host the deployment's policy leaves out is blocked by the browser at once,
 * and `fetch` only says "Failed to fetch" – which reads like a network failure and, retried, costs
 * the user a long wait. Knowing the policy, the page can say what is wrong and how to allow it.
 *
 * The matching follows CSP Level 3's source expressions for `connect-src` (falling back to
 * `default-src`): `'self'`, `'none'`, scheme sources (`https:`), host sources with an optional
 * scheme, a leading `*.` wildcard, a port or `*`, and a path (a prefix when it ends with `/`).
 * A header with several policies (joined by commas) allows a URL only when each of them does.
 */

/** The sources of the directive that governs `fetch` in one policy, or null when none does (everything is allowed). */
function connectSources(policy: string): string[] | null {
  const directives = new Map<string, string[]>();
  for (const part of policy.split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    // The first occurrence of a directive wins; later ones are ignored, as browsers do.
    if (name && !directives.has(name.toLowerCase())) directives.set(name.toLowerCase(), values);
  }
  return directives.get('connect-src') ?? directives.get('default-src') ?? null;
}

const DEFAULT_PORTS: Record<string, string> = { 'http:': '80', 'https:': '443', 'ws:': '80', 'wss:': '443' };

/** A scheme in a source matches the URL's, and http/ws also match their secure upgrades. */
function schemeMatches(sourceScheme: string, urlScheme: string): boolean {
  if (sourceScheme === urlScheme) return true;
  return (sourceScheme === 'http:' && urlScheme === 'https:') || (sourceScheme === 'ws:' && urlScheme === 'wss:');
}

function hostMatches(sourceHost: string, urlHost: string): boolean {
  if (sourceHost === '*') return true;
  if (sourceHost.startsWith('*.')) return urlHost.endsWith(sourceHost.slice(1));
  return sourceHost === urlHost;
}

function portMatches(sourcePort: string | undefined, sourceScheme: string | null, url: URL): boolean {
  if (sourcePort === '*') return true;
  const urlPort = url.port || DEFAULT_PORTS[url.protocol] || '';
  if (sourcePort === undefined) {
    // No port: the scheme's default, or the upgrade of http's default to https's.
    const expected = DEFAULT_PORTS[sourceScheme ?? url.protocol] ?? '';
    return urlPort === expected || (expected === '80' && urlPort === '443');
  }
  return sourcePort === urlPort;
}

function pathMatches(sourcePath: string, urlPath: string): boolean {
  if (sourcePath === '' || sourcePath === '/') return true;
  const path = decodeURIComponent(sourcePath);
  return path.endsWith('/') ? urlPath.startsWith(path) : urlPath === path;
}

const HOST_SOURCE = /^(?:([a-z][a-z0-9+.-]*:)\/\/)?(\*|(?:\*\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*|\[[0-9a-f:.]+\])(?::(\d+|\*))?(\/[^?#]*)?$/i;

function sourceMatches(source: string, url: URL, self: URL): boolean {
  const lower = source.toLowerCase();
  if (lower === "'self'") return url.origin === self.origin || (self.protocol === 'http:' && url.protocol === 'https:' && url.host === self.host);
  if (lower.startsWith("'")) return false; // 'none', nonces, hashes, keywords that allow no URL
  if (/^[a-z][a-z0-9+.-]*:$/.test(lower)) return schemeMatches(lower, url.protocol);
  const match = HOST_SOURCE.exec(lower);
  if (!match) return false;
  const [, scheme, host, port, path] = match;
  if (scheme ? !schemeMatches(scheme, url.protocol) : !schemeMatches(self.protocol, url.protocol)) return false;
  return hostMatches(host, url.hostname.toLowerCase()) && portMatches(port, scheme ?? null, url) && pathMatches(path ?? '', url.pathname);
}

/**
 * Whether `policy` (a Content-Security-Policy header value; several policies joined by commas)
 * lets a script running at `self` connect to `url`. No policy: true.
 */
export function cspAllowsConnect(policy: string | null, url: URL | string, self: URL | string): boolean {
  if (!policy) return true;
  const target = new URL(url);
  const selfUrl = new URL(self);
  return policy.split(',').every((one) => {
    const sources = connectSources(one);
    return sources === null || sources.some((source) => sourceMatches(source, target, selfUrl));
  });
}

/** What the page says when the policy blocks the LLM host: nothing was sent, and how a deployment allows it. */
export function cspBlockedMessage(url: URL | string): string {
  const origin = new URL(url).origin;
  return (
    `This deployment’s Content-Security-Policy does not allow connections to ${origin}, so the browser blocks every call to it (nothing was sent). ` +
    `To allow it, build and serve logsift with LOGSIFT_CONNECT_HOSTS="${origin}" (see docs/security.md), or use a host the policy allows.`
  );
}
