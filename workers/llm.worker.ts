/**
 * The LLM worker: hosts the local WebLLM engine (loaded with a dynamic import, so neither the
 * page nor the classify worker carries its ~6 MB) and makes the remote OpenAI-compatible calls.
 * Exposes `LlmApi` (workers/llm-api.ts) through comlink; the work is in workers/llm-service.ts.
 *
 * The page's Content-Security-Policy (a meta tag) does not govern this worker: a worker loaded
 * from its own URL gets the policy of its own HTTP response. So the allow-list is kept here, in
 * code: `fetch` (and `Cache.add`, which WebLLM stores model files with) reaches this origin and
 * the origins the chosen local model comes from (workers/model-fetch-guard.ts), and – through the
 * service's client – only the LLM host the user typed; neither follows a redirect elsewhere.
 * See docs/design-notes.md.
 */
import * as Comlink from 'comlink';
import { cspAllowsConnect, cspBlockedMessage } from '../src/core/llm/csp-connect.ts';
import { interruptible } from '../src/core/llm/engine.ts';
import { MemoryLlmCache } from '../src/core/llm/llm-tier.ts';
import { IdbLlmCache } from '../src/storage/llm-cache.ts';
import { openLlmSettings } from '../src/storage/llm-settings.ts';
import { storageError } from '../src/storage/storage-faults.ts';
import type { LlmSettings, WebGpuInfo } from './llm-api.ts';
import { reportingFetch } from './network-report.ts';
import { holdLifeLock } from './liveness.ts';
import { createLlmService, type AnswerCache, type LocalModelSpec, type WebLlmHost } from './llm-service.ts';
import { modelFetchGuard } from './model-fetch-guard.ts';

const selfOrigin = self.location.origin;
// Every request to another host is reported to the page's network indicator (workers/network-report.ts).
const realFetch = reportingFetch(globalThis.fetch.bind(globalThis), selfOrigin);

// WebLLM fetches with the global fetch and stores with Cache.add: both may reach this origin and the chosen model's hosts only.
const modelFetch = modelFetchGuard(realFetch, selfOrigin);
globalThis.fetch = modelFetch.fetch;
if (typeof Cache !== 'undefined') {
  Cache.prototype.add = function add(this: Cache, request: RequestInfo | URL) {
    return modelFetch.cacheAdd(this, request);
  };
  Cache.prototype.addAll = async function addAll(this: Cache, requests: Iterable<RequestInfo>) {
    for (const request of requests) await modelFetch.cacheAdd(this, request);
  };
}

// The policy this worker runs under is the header of its own script's response (not the page's
// meta tag), so that is what is read – once, when a remote host is first checked. Offline or
// without a header it is unknown; then a block the browser reported is what counts.
let ownPolicy: Promise<string | null> | null = null;
const policyOfThisWorker = () =>
  (ownPolicy ??= realFetch(self.location.href, { method: 'HEAD', cache: 'no-store' })
    .then((response) => response.headers.get('content-security-policy'))
    .catch(() => {
      // Not read (offline): asked again next time.
      ownPolicy = null;
      return null;
    }));
const reportedBlocked = new Set<string>();
self.addEventListener('securitypolicyviolation', (event) => {
  if (event.effectiveDirective === 'connect-src' && /^[a-z]+:\/\//.test(event.blockedURI)) reportedBlocked.add(new URL(event.blockedURI).origin);
});

async function connectBlocked(url: string): Promise<string | null> {
  const blocked = reportedBlocked.has(new URL(url).origin) || !cspAllowsConnect(await policyOfThisWorker(), url, self.location.href);
  return blocked ? cspBlockedMessage(url) : null;
}

async function detectWebGpu(): Promise<WebGpuInfo> {
  type Adapter = { features: Iterable<string>; info?: { vendor?: string; architecture?: string; description?: string } };
  const gpu = (navigator as Navigator & { gpu?: { requestAdapter(options?: unknown): Promise<Adapter | null> } }).gpu;
  if (!gpu) return { available: false, reason: 'this browser does not offer WebGPU (navigator.gpu is missing).', features: [], adapter: null };
  let adapter: Adapter | null = null;
  try {
    adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  } catch {
    adapter = null;
  }
  if (!adapter) {
    return {
      available: false,
      reason: 'the browser found no GPU adapter for WebGPU (no GPU, a blocked driver, hardware acceleration turned off, or a headless browser).',
      features: [],
      adapter: null,
    };
  }
  const info = adapter.info ?? {};
  const name = [info.vendor, info.architecture || info.description].filter(Boolean).join(' ') || null;
  return { available: true, reason: '', features: [...adapter.features].sort(), adapter: name };
}

type WebLlm = typeof import('@mlc-ai/web-llm');
let webLlmModule: Promise<WebLlm> | null = null;
const webllm = () => (webLlmModule ??= import('@mlc-ai/web-llm'));

function appConfigFor(lib: WebLlm, spec: LocalModelSpec) {
  const prebuilt = lib.prebuiltAppConfig;
  return {
    ...prebuilt,
    model_list: spec.record ? [...prebuilt.model_list.filter((m) => m.model_id !== spec.id), spec.record as (typeof prebuilt.model_list)[number]] : prebuilt.model_list,
    // The Cache API: WebLLM's best-tested backend (useIndexedDBCache is gone; this is the setting now).
    cacheBackend: 'cache' as const,
  };
}

const webLlmHost: WebLlmHost = {
  async load(spec, onProgress, signal) {
    const lib = await webllm();
    const engine = new lib.MLCEngine({
      appConfig: appConfigFor(lib, spec),
      initProgressCallback: (report) => onProgress({ fraction: report.progress, text: report.text }),
    });
    // unload() aborts a reload in progress.
    const onAbort = () => void engine.unload().catch(() => {});
    signal.addEventListener('abort', onAbort, { once: true });
    try {
      await engine.reload(spec.id);
    } finally {
      signal.removeEventListener('abort', onAbort);
    }
    return { engine: interruptible(engine), unload: () => engine.unload() };
  },
  async isStored(spec) {
    const lib = await webllm();
    return lib.hasModelInCache(spec.id, appConfigFor(lib, spec));
  },
  async remove(spec) {
    const lib = await webllm();
    await lib.deleteModelAllInfoInCache(spec.id, appConfigFor(lib, spec));
  },
};

class MemoryAnswers extends MemoryLlmCache implements AnswerCache {
  /** Why the answers are kept in memory only (the cache's database could not be opened). */
  constructor(private readonly why: string | null = null) {
    super();
  }
  problem() {
    return this.why;
  }
  async count() {
    return this.entries.size;
  }
  async clear() {
    this.entries.clear();
  }
}

let answers: Promise<AnswerCache> | null = null;

Comlink.expose(
  createLlmService({
    // Settings and answers fall back to memory, with the reason for the page (storage-faults.ts).
    settings: () => openLlmSettings<LlmSettings>(),
    answers: () =>
      (answers ??= IdbLlmCache.open().catch(
        (err: unknown) => new MemoryAnswers(typeof indexedDB === 'undefined' ? null : storageError(err, 'opening the cached LLM answers').message),
      )),
    detectWebGpu,
    webLlm: webLlmHost,
    fetch: realFetch,
    allowModelHosts: (hosts) => modelFetch.allow(hosts),
    connectBlocked,
  }),
);

// Last, once the API is exposed: the page learns that this worker died through a Web Lock it
// holds (src/app/supervised-worker.ts, src/app/llm-client.ts).
holdLifeLock();
