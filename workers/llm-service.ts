/**
 * The LLM worker's service: `LlmApi` (workers/llm-api.ts) over the core's LLM tier, with its I/O
 * (settings store, answer cache, WebGPU, WebLLM, fetch) passed in so that Node tests can run it
 * with the fake engine and the mock OpenAI server. workers/llm.worker.ts exposes it. Its parts:
 * the settings and the key's form (llm-settings.ts), the local engine (llm-engine.ts) and one run
 * of the tier between beginRun and endRun (llm-tier-run.ts).
 *
 * Privacy rules kept here:
 * - The API key stays in this worker: in memory, and in IndexedDB only when the user asked to
 *   remember it. No method returns it; errors are the client's, which removes it.
 * - The key belongs to the origin it was entered for: it is sent nowhere else, and saving a base
 *   URL on another origin forgets it (in memory and on the device).
 * - Remote calls go only to the origin of the base URL the user typed (checked on every fetch;
 *   the client follows no redirect).
 * - What a remote LLM gets is the masked key redacted further (src/core/llm/redact.ts, with the
 *   user's own rules), and a remote run sends nothing until the page has confirmed it
 *   (`confirmRun`), after listing those messages and the host.
 */
import { CancelledError } from '../src/core/errors.ts';
import type { LlmCache } from '../src/core/llm/llm-tier.ts';
import { selfHostedProblems, selfHostedRecord } from '../src/core/llm/models.ts';
import { normaliseBaseUrl, OpenAiClient } from '../src/core/llm/openai-client.ts';
import { promptConfigOf } from '../src/core/llm/prompt.ts';
import { BUILT_IN_REDACTIONS, cleanCustomRedactions, compileRedactor } from '../src/core/llm/redact.ts';
import type { ReviewDecision } from '../src/core/llm/review.ts';
import { maskMessage } from '../src/core/message-key.ts';
import type { LlmSettingsStore } from '../src/storage/llm-settings.ts';
import { SELF_HOSTED, type LlmApi, type LlmRunStats, type LlmSettings, type LlmStatus, type RedactionPreview, type WebGpuInfo } from './llm-api.ts';
import { explainLoadError, localSpec, modelHosts, webGpuMissingMessage, type LoadedEngine, type WebLlmHost } from './llm-engine.ts';
import { API_KEY, cleanSettings, DEFAULT_LLM_SETTINGS, originOf } from './llm-settings.ts';
import { LlmTierRun } from './llm-tier-run.ts';
import type { ModelHosts } from './model-fetch-guard.ts';
import { throttle } from './throttle.ts';

export { cleanSettings, DEFAULT_LLM_SETTINGS } from './llm-settings.ts';
export { webGpuMissingMessage, type LoadedEngine, type LocalModelSpec, type WebLlmHost } from './llm-engine.ts';

export interface AnswerCache extends LlmCache {
  count(): Promise<number>;
  clear(): Promise<void>;
  /** What went wrong with the cache's storage, in words (src/storage/llm-cache.ts), or null. */
  problem?(): string | null;
}

export interface LlmServiceDeps {
  /** `problem`: what went wrong with the settings' storage, in words (src/storage/llm-settings.ts). */
  settings: () => Promise<{ store: LlmSettingsStore<LlmSettings>; persistent: boolean; problem?: () => string | null }>;
  answers: () => Promise<AnswerCache>;
  detectWebGpu: () => Promise<WebGpuInfo>;
  webLlm: WebLlmHost;
  fetch?: typeof fetch;
  /** First retry delay (tests make it short). */
  backoffMs?: number;
  progressIntervalMs?: number;
  /** Told where local model files may come from (the worker's fetch guard, workers/model-fetch-guard.ts). */
  allowModelHosts?(hosts: ModelHosts): void;
  /** Why the page's Content-Security-Policy would block a call to this URL, or null when it allows it (absent: nothing is blocked). */
  connectBlocked?(url: string): Promise<string | null>;
}

/** A line, its masked key and what a remote LLM would get. */
function preview(line: string, redact: (key: string) => string): RedactionPreview {
  const masked = maskMessage(line);
  return { line, masked, sent: redact(masked) };
}

export function createLlmService(deps: LlmServiceDeps): LlmApi {
  let ready: Promise<{ store: LlmSettingsStore<LlmSettings>; persistent: boolean; problem?: () => string | null; settings: LlmSettings }> | null = null;
  let settings: LlmSettings = structuredClone(DEFAULT_LLM_SETTINGS);
  /** The API key, in this worker only, and the origin it was entered for. */
  let apiKey = '';
  let keyOrigin: string | null = null;
  let keyRemembered = false;
  let loaded: (LoadedEngine & { id: string }) | null = null;
  let loadController: AbortController | null = null;
  let run: LlmTierRun | null = null;
  /** What went wrong reading the stored settings (shown with the status). */
  const initNotes: string[] = [];

  function init() {
    ready ??= (async () => {
      const { store, persistent, problem } = await deps.settings();
      // A settings record that cannot be read or used: the defaults, and the page is told.
      const note = (err: unknown) => {
        initNotes.push(err instanceof Error ? err.message : String(err));
        return undefined;
      };
      const stored = await store.loadSettings().catch(note);
      if (stored) {
        try {
          settings = cleanSettings({ ...DEFAULT_LLM_SETTINGS, ...stored, remote: { ...DEFAULT_LLM_SETTINGS.remote, ...stored.remote } });
        } catch (err) {
          settings = structuredClone(DEFAULT_LLM_SETTINGS);
          note(`The stored LLM settings could not be used (${err instanceof Error ? err.message : String(err)}), so the defaults are in use. Saving the settings again replaces them.`);
        }
      }
      const key = await store.loadKey().catch(note);
      if (key) {
        apiKey = key.key;
        keyOrigin = key.origin ?? originOf(settings.remote.baseUrl);
        keyRemembered = true;
      }
      return { store, persistent, problem, settings };
    })();
    return ready;
  }

  /** An OpenAI-compatible client bound to the configured base URL: it cannot reach any other origin, and has the key only when it was entered for this one. */
  function client(onRetry?: () => void): OpenAiClient {
    const origin = originOf(settings.remote.baseUrl);
    const underlying = deps.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
    const guarded = ((input: RequestInfo | URL, init?: RequestInit) => {
      const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
      if (url.origin !== origin) return Promise.reject(new Error(`refused to connect to ${url.host}: only the configured LLM host is allowed`));
      return underlying(input, init);
    }) as typeof fetch;
    return new OpenAiClient({
      baseUrl: settings.remote.baseUrl,
      apiKey: keyOrigin === origin ? apiKey : '',
      model: settings.remote.model || undefined,
      timeoutMs: settings.remote.timeoutSec * 1000,
      retries: settings.remote.retries,
      concurrency: settings.remote.concurrency,
      ...(deps.backoffMs !== undefined ? { backoffMs: deps.backoffMs } : {}),
      onRetry: () => onRetry?.(),
      fetch: guarded,
    });
  }

  /** Refuses, before anything is sent, a host the worker's Content-Security-Policy blocks (fetch would only say "Failed to fetch"). */
  async function assertConnectable(): Promise<void> {
    const blocked = await deps.connectBlocked?.(settings.remote.baseUrl);
    if (blocked) throw new Error(blocked);
  }

  async function readiness(): Promise<{ ready: boolean; notReady: string; destination: string }> {
    if (settings.mode === 'off') return { ready: false, notReady: '', destination: '' };
    if (settings.mode === 'local') {
      const id = settings.localModel === SELF_HOSTED ? settings.selfHosted?.id : settings.localModel;
      const ok = !!loaded && loaded.id === id;
      return { ready: ok, notReady: ok ? '' : 'The local model is not loaded: download and load it first.', destination: 'this device' };
    }
    const destination = new URL(settings.remote.baseUrl).host;
    const blocked = await deps.connectBlocked?.(settings.remote.baseUrl);
    if (blocked) return { ready: false, notReady: blocked, destination };
    if (!settings.remote.model) return { ready: false, notReady: 'Pick a model from the server’s list first.', destination };
    return { ready: true, notReady: '', destination };
  }

  async function status(): Promise<LlmStatus> {
    const { persistent, problem } = await init();
    let cachedAnswers = 0;
    const notices = [problem?.(), ...initNotes];
    try {
      const cache = await deps.answers();
      notices.push(cache.problem?.());
      cachedAnswers = await cache.count();
    } catch (err) {
      cachedAnswers = 0;
      notices.push(err instanceof Error ? err.message : String(err));
    }
    const storageNotice = notices.filter(Boolean).join(' ');
    return {
      settings: structuredClone(settings),
      keySet: apiKey !== '',
      keyOrigin: apiKey ? keyOrigin : null,
      keyRemembered,
      persistent,
      loadedModel: loaded?.id ?? null,
      cachedAnswers,
      ...(storageNotice ? { storageNotice } : {}),
      ...(await readiness()),
    };
  }

  /** Forgets the key in memory at once, then on the device (a failure there is thrown; the memory is clear anyway). */
  async function dropKey(store: LlmSettingsStore<LlmSettings>, fromDevice: boolean): Promise<void> {
    apiKey = '';
    keyOrigin = null;
    keyRemembered = false;
    if (fromDevice) await store.saveKey(null);
  }

  async function unload(): Promise<void> {
    const current = loaded;
    loaded = null;
    if (current) await current.unload().catch(() => {});
  }

  const api: LlmApi = {
    status,

    async saveSettings(next: LlmSettings): Promise<LlmStatus> {
      const { store } = await init();
      const clean = cleanSettings(next);
      // Stored first: a save that fails (storage full) changes nothing, as its message says.
      await store.saveSettings(clean);
      initNotes.length = 0;
      const before = localSpec(settings).id;
      settings = clean;
      // The key was entered for one server: another origin never gets it.
      if (apiKey && keyOrigin !== originOf(clean.remote.baseUrl)) await dropKey(store, keyRemembered);
      if (loaded && loaded.id !== localSpec(settings).id && before !== localSpec(settings).id) await unload();
      return status();
    },

    async setApiKey(key: string, remember: boolean, baseUrl?: string): Promise<LlmStatus> {
      const { store } = await init();
      const clean = String(key ?? '').trim();
      if (clean === '') return api.forgetApiKey();
      if (!API_KEY.test(clean)) throw new RangeError('An API key is 1–512 visible characters without spaces.');
      const origin = originOf(baseUrl === undefined ? settings.remote.baseUrl : normaliseBaseUrl(baseUrl));
      apiKey = clean;
      keyOrigin = origin;
      if (remember) await store.saveKey({ key: clean, origin });
      else if (keyRemembered) await store.saveKey(null);
      keyRemembered = remember;
      return status();
    },

    async forgetApiKey(): Promise<LlmStatus> {
      const { store } = await init();
      await dropKey(store, true);
      return status();
    },

    async listRemoteModels() {
      await init();
      await assertConnectable();
      return client().listModels();
    },

    async redactionRules() {
      const redact = compileRedactor();
      return BUILT_IN_REDACTIONS.map((rule) => ({ id: rule.id, description: rule.description, example: preview(rule.example, redact) }));
    },

    async previewRedaction(lines: string[], custom) {
      const redact = compileRedactor(cleanCustomRedactions(custom));
      return lines.map((line) => preview(String(line), redact));
    },

    detectWebGpu: () => deps.detectWebGpu(),

    async storedModels(ids: string[]): Promise<Record<string, boolean>> {
      await init();
      const out: Record<string, boolean> = {};
      for (const id of ids) {
        const spec =
          id === SELF_HOSTED || id === settings.selfHosted?.id
            ? settings.selfHosted && selfHostedProblems(settings.selfHosted).length === 0
              ? { id: settings.selfHosted.id, record: selfHostedRecord(settings.selfHosted) }
              : null
            : { id, record: null };
        out[id] = spec ? await deps.webLlm.isStored(spec).catch(() => false) : false;
      }
      return out;
    },

    async loadLocalModel(onProgress) {
      await init();
      const gpu = await deps.detectWebGpu();
      if (!gpu.available) throw new Error(webGpuMissingMessage(gpu));
      const spec = localSpec(settings);
      if (loaded?.id === spec.id) return status();
      if (loadController) throw new Error('A model is already being loaded.');
      await unload();
      const controller = (loadController = new AbortController());
      const report = throttle(onProgress, deps.progressIntervalMs ?? 200);
      deps.allowModelHosts?.(modelHosts(spec));
      try {
        const engine = await deps.webLlm.load(spec, report, controller.signal);
        if (controller.signal.aborted) {
          await engine.unload().catch(() => {});
          throw new CancelledError();
        }
        loaded = { ...engine, id: spec.id };
        report.flush();
        return status();
      } catch (error) {
        if (controller.signal.aborted) throw new CancelledError();
        throw explainLoadError(error, spec);
      } finally {
        loadController = null;
      }
    },

    cancelLoad() {
      loadController?.abort();
    },

    async unloadLocalModel() {
      await unload();
      return status();
    },

    async deleteLocalModel(id: string) {
      await init();
      if (loaded?.id === id) await unload();
      const spec = id === settings.selfHosted?.id || id === SELF_HOSTED ? localSpec({ ...settings, localModel: SELF_HOSTED }) : { id, record: null };
      await deps.webLlm.remove(spec);
      return status();
    },

    async clearAnswers() {
      await (await deps.answers()).clear();
      return status();
    },

    async recordReview(maskedKey, decision) {
      const cache = await deps.answers();
      if (!cache.setDecision) throw new Error('Review decisions cannot be kept here.');
      const { status, label, llmLabel, reason } = decision ?? ({} as ReviewDecision);
      if (!['accepted', 'corrected', 'rejected'].includes(status) || typeof label !== 'string' || label.trim() === '' || typeof llmLabel !== 'string') {
        throw new RangeError('A review decision needs a status (accepted, corrected or rejected), a label and the LLM’s label.');
      }
      await cache.setDecision(String(maskedKey), { status, label: label.trim(), llmLabel, reason: String(reason ?? '') });
    },

    async beginRun(bundle, onProgress) {
      await init();
      run?.cancel();
      const state = await readiness();
      if (!state.ready) throw new Error(state.notReady || 'The LLM tier is off.');
      const prompt = promptConfigOf(bundle, settings.labelScope);
      const cache = await deps.answers();
      const remote = settings.mode === 'remote';
      const common = { destination: state.destination, prompt, cache, remote, onProgress, progressIntervalMs: deps.progressIntervalMs ?? 200 };
      let started: LlmTierRun;
      if (remote) {
        started = new LlmTierRun({
          ...common,
          engine: client(() => started.retried()),
          redact: compileRedactor(settings.redactions),
          // The host is part of the cache key: the same model id elsewhere may be another model.
          model: `${state.destination}/${settings.remote.model}`,
          concurrency: settings.remote.concurrency,
        });
      } else {
        started = new LlmTierRun({ ...common, engine: loaded!.engine, model: loaded!.id, concurrency: 1 });
      }
      run = started;
      return {
        destination: state.destination,
        endpoint: remote ? `${settings.remote.baseUrl}/chat/completions` : '',
        remote,
        model: remote ? settings.remote.model : loaded!.id,
        labels: [...prompt.labels],
        instructions: started.tier.instructions,
      };
    },

    async countKeys(keys) {
      if (!run) throw new Error('No LLM run is in progress.');
      return run.tier.countDistinct(keys);
    },

    confirmRun() {
      run?.confirm();
    },

    async classifyKeys(keys) {
      if (!run) throw new Error('No LLM run is in progress.');
      return run.classifyKeys(keys);
    },

    cancelRun() {
      run?.cancel();
    },

    async endRun(): Promise<LlmRunStats | null> {
      const current = run;
      run = null;
      return current ? current.end() : null;
    },
  };
  return api;
}
