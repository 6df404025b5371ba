/**
 * The LLM worker's service in Node for the unit tests: a settings store and an answer cache in
 * memory, a fake WebLLM engine (optionally slow, optionally failing to load), fetch recorded, and
 * the page's Content-Security-Policy given instead of read; plus the mock OpenAI server on
 * 127.0.0.1, started once per test file and reset before each test.
 */
import { interruptible } from '../../src/core/llm/engine.ts';
import { MemoryLlmCache } from '../../src/core/llm/llm-tier.ts';
import { cspAllowsConnect, cspBlockedMessage } from '../../src/core/llm/csp-connect.ts';
import { MemoryLlmSettingsStore } from '../../src/storage/llm-settings.ts';
import type { LlmSettings, WebGpuInfo } from '../../workers/llm-api.ts';
import { createLlmService, DEFAULT_LLM_SETTINGS, type AnswerCache, type LlmServiceDeps, type WebLlmHost } from '../../workers/llm-service.ts';
import { FakeWebLlmEngine } from './fake-webllm-engine.ts';
import { useMockOpenAiServer, type MockOpenAiServer } from './mock-openai-server.ts';

export const KEY = 'gsk_test_SECRET_key_0123456789';
export const NO_GPU: WebGpuInfo = { available: false, reason: 'the browser found no GPU adapter for WebGPU.', features: [], adapter: null };
export const GPU: WebGpuInfo = { available: true, reason: '', features: ['shader-f16'], adapter: 'fake' };

export class Answers extends MemoryLlmCache implements AnswerCache {
  async count() {
    return this.entries.size;
  }
  async clear() {
    this.entries.clear();
  }
}

export interface Harness {
  api: ReturnType<typeof createLlmService>;
  store: MemoryLlmSettingsStore<LlmSettings>;
  answers: Answers;
  fetched: string[];
  engines: FakeWebLlmEngine[];
}

export function harness(options: { gpu?: WebGpuInfo; load?: WebLlmHost['load']; engineDelayMs?: number; connectPolicy?: string } = {}): Harness {
  const store = new MemoryLlmSettingsStore<LlmSettings>();
  const answers = new Answers();
  const fetched: string[] = [];
  const engines: FakeWebLlmEngine[] = [];
  const stored = new Set<string>();
  const deps: LlmServiceDeps = {
    settings: async () => ({ store, persistent: true }),
    answers: async () => answers,
    detectWebGpu: async () => options.gpu ?? NO_GPU,
    webLlm: {
      load:
        options.load ??
        (async (spec, onProgress) => {
          onProgress({ fraction: 0.5, text: 'Fetching weights' });
          onProgress({ fraction: 1, text: 'Finished' });
          stored.add(spec.id);
          const engine = new FakeWebLlmEngine({ delayMs: options.engineDelayMs });
          engines.push(engine);
          return { engine: interruptible(engine), unload: async () => {} };
        }),
      isStored: async (spec) => stored.has(spec.id),
      remove: async (spec) => void stored.delete(spec.id),
    },
    fetch: (input, init) => {
      fetched.push(String(input));
      return fetch(input, init);
    },
    backoffMs: 5,
    progressIntervalMs: 0,
    // The worker reads its Content-Security-Policy from its own script's response; here it is given.
    connectBlocked: async (url) => (cspAllowsConnect(options.connectPolicy ?? null, url, 'http://127.0.0.1:1/llm.worker.js') ? null : cspBlockedMessage(url)),
  };
  return { api: createLlmService(deps), store, answers, fetched, engines };
}

/** A bundle's labels and counts as the LLM service sees them: Error is modelled, the other two are rare. */
export const BUNDLE = { labels: ['Error', 'Workflow Error', 'Deprecation Warning'], classCounts: { Error: 50, 'Workflow Error': 3, 'Deprecation Warning': 2 }, thresholds: { minSamples: 10 } };

/**
 * The mock OpenAI-compatible server for this test file (requires `KEY`, reset before each test).
 * The object stands for the server started in beforeAll: read its properties inside tests.
 */
export function useMockLlmServer(): MockOpenAiServer {
  return useMockOpenAiServer(KEY);
}

/** Remote mode at `baseUrl` with a model from its list, and `KEY` held for the session. */
export async function useRemote(h: Harness, baseUrl: string, extra: Partial<LlmSettings['remote']> = {}): Promise<void> {
  await h.api.saveSettings({ ...DEFAULT_LLM_SETTINGS, mode: 'remote', remote: { ...DEFAULT_LLM_SETTINGS.remote, baseUrl, model: 'qwen/qwen3-32b', ...extra } });
  await h.api.setApiKey(KEY, false);
}
