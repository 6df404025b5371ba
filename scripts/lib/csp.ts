/**
 * logsift's Content-Security-Policy, in one place.
 *
 * - **The page** (and every script of this origin except the LLM worker): only this origin – no
 *   inline script, no eval (`'wasm-unsafe-eval'` lets WebAssembly compile; it runs no JS text),
 *   `connect-src 'self' blob: data:`. index.html carries it as a meta tag, so it holds on any
 *   static host; sent as a header it also covers the workers (a worker loaded from its own URL
 *   gets the policy of its own response, not the page's) and adds `frame-ancestors 'none'`.
 * - **The LLM worker** (`assets/llm.worker-*.js`): the same, plus the hosts a remote LLM or a
 *   local model download may reach: `DEFAULT_LLM_HOSTS`, and a deployment's own mirror or API hosts
 *   from `LOGSIFT_CONNECT_HOSTS` (space- or comma-separated origins, read at build and preview
 *   time). Within that list the worker's code allows only the endpoint the user configured
 *   (workers/llm.worker.ts), so nothing is reached before the user has set one up.
 *
 * `vite preview` (npm start, the e2e tests) sends these headers (cspHeadersPlugin); the build
 * writes them to `dist/_headers` (Netlify / Cloudflare Pages syntax) for static hosts, and the
 * nginx section of docs/security.md shows the same.
 */
import type { Plugin } from 'vite';

/** Where the LLM tier may connect by default: Groq, Hugging Face (WebLLM weights and its CDN), GitHub raw (WebLLM's model libraries), local servers. */
export const DEFAULT_LLM_HOSTS = [
  'https://api.groq.com',
  'https://huggingface.co',
  'https://*.huggingface.co',
  'https://*.hf.co',
  'https://raw.githubusercontent.com',
  'http://127.0.0.1:*',
  'http://localhost:*',
];

/** A deployment's extra hosts: LOGSIFT_CONNECT_HOSTS="https://llm.example.com https://mirror.example.com". */
export function extraHosts(env: NodeJS.ProcessEnv = process.env): string[] {
  const raw = env.LOGSIFT_CONNECT_HOSTS ?? '';
  const hosts = raw.split(/[\s,]+/).filter(Boolean);
  for (const host of hosts) {
    if (!/^(https?|wss?):\/\/[^\s/;'"]+$/.test(host)) throw new Error(`LOGSIFT_CONNECT_HOSTS: "${host}" is not an origin such as https://llm.example.com`);
  }
  return hosts;
}

const BASE = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
];

/** The policy of index.html's meta tag (a meta tag cannot carry frame-ancestors). */
export const META_CSP = [...BASE.slice(0, 5), "connect-src 'self' blob: data:", ...BASE.slice(5)].join('; ');

/** The header for the page and every script but the LLM worker. */
export const PAGE_CSP = `${META_CSP}; frame-ancestors 'none'`;

/** The header for the LLM worker's script. */
export function llmWorkerCsp(extra: string[] = extraHosts()): string {
  return [...BASE.slice(0, 5), `connect-src 'self' blob: data: ${[...DEFAULT_LLM_HOSTS, ...extra].join(' ')}`, ...BASE.slice(5), "frame-ancestors 'none'"].join('; ');
}

/** Which policy a path gets. */
export function cspFor(path: string, extra?: string[]): string {
  return /\/assets\/llm\.worker-[^/]*\.js$/.test(path.split('?')[0]) ? llmWorkerCsp(extra) : PAGE_CSP;
}

/**
 * The `_headers` file for static hosts that read it (Netlify, Cloudflare Pages). Rules name exact
 * paths – the page, each worker script of this build and the service worker – so that no two CSP rules match one
 * file (hosts merge the headers of overlapping rules, and two policies both apply).
 */
export function headersFile(files: { workers: string[] }, extra?: string[]): string {
  const lines = [
    '# Written by the build (scripts/lib/csp.ts). More hosts for the LLM worker: LOGSIFT_CONNECT_HOSTS at build time.',
    '/*',
    '  X-Content-Type-Options: nosniff',
    '  Referrer-Policy: no-referrer',
  ];
  for (const path of ['/', '/index.html', ...files.workers.map((w) => `/${w}`)]) {
    lines.push(path, `  Content-Security-Policy: ${cspFor(path, extra)}`);
  }
  // The service worker, like any worker, runs under the policy of its own script's response.
  lines.push('/sw.js', `  Content-Security-Policy: ${cspFor('/sw.js', extra)}`, '  Cache-Control: no-cache', '');
  return lines.join('\n');
}

/** Sends the headers from `vite preview`, and writes `_headers` into the build. */
export function cspHeadersPlugin(): Plugin {
  let isBuild = false;
  return {
    name: 'logsift-csp-headers',
    configResolved(config) {
      isBuild = config.command === 'build';
    },
    transformIndexHtml(html) {
      // index.html's meta tag must be this policy: one source of truth.
      if (!html.includes(`content="${META_CSP}"`)) {
        console.warn('logsift: index.html’s Content-Security-Policy meta tag differs from scripts/lib/csp.ts (META_CSP): update one of them.');
      }
      return html;
    },
    generateBundle(_options, bundle) {
      if (!isBuild) return;
      const workers = Object.keys(bundle).filter((f) => /^assets\/[\w.-]*worker[\w.-]*\.js$/.test(f));
      this.emitFile({ type: 'asset', fileName: '_headers', source: headersFile({ workers }) });
    },
    configurePreviewServer(server) {
      const extra = extraHosts();
      server.middlewares.use((req, res, next) => {
        const path = req.url ?? '/';
        res.setHeader('Content-Security-Policy', cspFor(path, extra));
        res.setHeader('X-Content-Type-Options', 'nosniff');
        res.setHeader('Referrer-Policy', 'no-referrer');
        if (path.split('?')[0].endsWith('/sw.js')) res.setHeader('Cache-Control', 'no-cache');
        next();
      });
    },
  };
}
