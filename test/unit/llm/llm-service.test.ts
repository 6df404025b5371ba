/**
 * The LLM worker's service in Node: settings and the API key, the remote path against the mock
 * OpenAI server on 127.0.0.1 (model list, confirmation guard, retries, cache, cancel), the local
 * path with the fake WebLLM engine (WebGPU missing, load, quota errors), and a classify-service
 * run with the LLM hooks (dry run, confirmation count, tier `llm`, review list, decline, cancel).
 */
import 'fake-indexeddb/auto';
import Papa from 'papaparse';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Classifier } from '../../../src/core/classifier.ts';
import { parseBundle } from '../../../src/core/bundle.ts';
import { csvLine } from '../../../src/core/csv/format.ts';
import { generateLogs } from '../../../src/core/generate/generator.ts';
import { interruptible } from '../../../src/core/llm/engine.ts';
import { LlmKeyCollector, MemoryLlmCache } from '../../../src/core/llm/llm-tier.ts';
import { cspAllowsConnect, cspBlockedMessage } from '../../../src/core/llm/csp-connect.ts';
import { DEFAULT_LOCAL_MODEL } from '../../../src/core/llm/models.ts';
import { GROQ_BASE_URL } from '../../../src/core/llm/openai-client.ts';
import { maskMessage } from '../../../src/core/message-key.ts';
import { runClassification } from '../../../src/core/run.ts';
import { MemoryLlmSettingsStore } from '../../../src/storage/llm-settings.ts';
import type { LlmSettings, WebGpuInfo } from '../../../workers/llm-api.ts';
import { DEFAULT_BUNDLE_JSON as DEFAULT_JSON, testService } from '../../helpers/classify-service.ts';
import type { LlmConfirmation, LlmRunHooks, LlmRunOutcome } from '../../../workers/llm-run.ts';
import { createLlmService, DEFAULT_LLM_SETTINGS, type AnswerCache, type LlmServiceDeps, type WebLlmHost } from '../../../workers/llm-service.ts';
import { FakeWebLlmEngine } from '../../helpers/fake-webllm-engine.ts';
import { startMockOpenAiServer, type MockOpenAiServer } from '../../helpers/mock-openai-server.ts';

const KEY = 'gsk_test_SECRET_key_0123456789';
const NO_GPU: WebGpuInfo = { available: false, reason: 'the browser found no GPU adapter for WebGPU.', features: [], adapter: null };
const GPU: WebGpuInfo = { available: true, reason: '', features: ['shader-f16'], adapter: 'fake' };

class Answers extends MemoryLlmCache implements AnswerCache {
  async count() {
    return this.entries.size;
  }
  async clear() {
    this.entries.clear();
  }
}

interface Harness {
  api: ReturnType<typeof createLlmService>;
  store: MemoryLlmSettingsStore<LlmSettings>;
  answers: Answers;
  fetched: string[];
  engines: FakeWebLlmEngine[];
}

function harness(options: { gpu?: WebGpuInfo; load?: WebLlmHost['load']; engineDelayMs?: number; connectPolicy?: string } = {}): Harness {
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

const BUNDLE = { labels: ['Error', 'Workflow Error', 'Deprecation Warning'], classCounts: { Error: 50, 'Workflow Error': 3, 'Deprecation Warning': 2 }, thresholds: { minSamples: 10 } };

let mock: MockOpenAiServer;
beforeAll(async () => {
  mock = await startMockOpenAiServer();
});
afterAll(() => mock.close());
beforeEach(() => {
  mock.reset();
  mock.behaviour.requireKey = KEY;
});

async function remote(h: Harness, extra: Partial<LlmSettings['remote']> = {}) {
  await h.api.saveSettings({ ...DEFAULT_LLM_SETTINGS, mode: 'remote', remote: { ...DEFAULT_LLM_SETTINGS.remote, baseUrl: mock.baseUrl, model: 'qwen/qwen3-32b', ...extra } });
  await h.api.setApiKey(KEY, false);
}

describe('LLM service: settings and the API key', () => {
  it('defaults to the local DeepSeek model and Groq for remote', async () => {
    const { api } = harness();
    const status = await api.status();
    expect(status.settings.mode).toBe('local');
    expect(status.settings.localModel).toBe(DEFAULT_LOCAL_MODEL);
    expect(status.settings.remote.baseUrl).toBe(GROQ_BASE_URL);
    expect(status.settings.remote.model).toBe('');
    expect(status.ready).toBe(false);
    expect(status.notReady).toMatch(/local model is not loaded/);
  });

  it('refuses bad base URLs and self-hosted entries with the reason', async () => {
    const { api } = harness();
    await expect(api.saveSettings({ ...DEFAULT_LLM_SETTINGS, remote: { ...DEFAULT_LLM_SETTINGS.remote, baseUrl: '/v1' } })).rejects.toThrow(/absolute/);
    await expect(
      api.saveSettings({ ...DEFAULT_LLM_SETTINGS, remote: { ...DEFAULT_LLM_SETTINGS.remote, baseUrl: `https://u:${KEY}@api.example.com/v1` } }),
    ).rejects.toThrow(/credentials/);
    await expect(
      api.saveSettings({ ...DEFAULT_LLM_SETTINGS, localModel: 'self-hosted', selfHosted: { id: 'my-model', modelUrl: 'models/x/', modelLibUrl: 'https://mirror.example/lib.wasm' } }),
    ).rejects.toThrow(/relative/);
    const ok = await api.saveSettings({
      ...DEFAULT_LLM_SETTINGS,
      localModel: 'self-hosted',
      selfHosted: { id: 'my-model', modelUrl: 'https://mirror.example/models/x', modelLibUrl: 'https://mirror.example/lib.wasm' },
    });
    expect(ok.settings.selfHosted?.id).toBe('my-model');
  });

  it('keeps the key in memory unless asked to remember it, and never returns it', async () => {
    const h = harness();
    let status = await h.api.setApiKey(KEY, false);
    expect(status.keySet).toBe(true);
    expect(status.keyRemembered).toBe(false);
    expect(h.store.key).toBeUndefined();
    expect(JSON.stringify(status)).not.toContain(KEY);
    await remote(h);
    expect(JSON.stringify(h.store.settings)).not.toContain(KEY);
    status = await h.api.setApiKey(KEY, true);
    expect(status.keyRemembered).toBe(true);
    expect(h.store.key).toEqual({ key: KEY, origin: new URL(mock.baseUrl).origin });
    // A new worker (same store) finds the remembered key.
    const again = createLlmService({ settings: async () => ({ store: h.store, persistent: true }), answers: async () => h.answers, detectWebGpu: async () => NO_GPU, webLlm: {} as WebLlmHost });
    expect((await again.status()).keySet).toBe(true);
    status = await h.api.forgetApiKey();
    expect(status.keySet).toBe(false);
    expect(h.store.key).toBeUndefined();
    await expect(h.api.setApiKey('two words', false)).rejects.toThrow(/without spaces/);
  });
});

describe('LLM service: redirects', () => {
  let redirector: MockOpenAiServer;
  beforeAll(async () => {
    redirector = await startMockOpenAiServer();
  });
  afterAll(() => redirector.close());

  it('a redirect to another server is refused and says where it pointed; the key and the prompts stay home', async () => {
    const h = harness();
    await h.api.saveSettings({ ...DEFAULT_LLM_SETTINGS, mode: 'remote', remote: { ...DEFAULT_LLM_SETTINGS.remote, baseUrl: redirector.baseUrl, model: 'qwen/qwen3-32b' } });
    await h.api.setApiKey(KEY, false);
    redirector.behaviour.redirectTo = mock.baseUrl;
    const error = (await h.api.listRemoteModels().catch((e: unknown) => e)) as Error;
    expect(error.message).toMatch(new RegExp(`a redirect to http://${new URL(mock.baseUrl).host.replace(/\./g, '\\.')}/v1/models, which logsift does not follow`));
    await h.api.beginRun(BUNDLE);
    h.api.confirmRun();
    await expect(h.api.classifyKeys(['Workflow <*> halted', 'API v<*> is deprecated'])).rejects.toThrow(/which logsift does not follow/);
    expect(mock.requests).toEqual([]);
    expect(redirector.requests.map((r) => r.status)).toEqual([307, 307]);
  });
});

describe('LLM service: a key belongs to the origin it was entered for', () => {
  let other: MockOpenAiServer;
  beforeAll(async () => {
    other = await startMockOpenAiServer();
  });
  afterAll(() => other.close());
  beforeEach(() => other.reset());

  const withBaseUrl = (baseUrl: string): LlmSettings => ({ ...DEFAULT_LLM_SETTINGS, mode: 'remote', remote: { ...DEFAULT_LLM_SETTINGS.remote, baseUrl, model: 'qwen/qwen3-32b' } });

  it('a base URL on another origin forgets the key, in memory and on the device; another path on the same origin keeps it', async () => {
    const h = harness();
    await h.api.saveSettings(withBaseUrl(mock.baseUrl));
    let status = await h.api.setApiKey(KEY, true);
    expect(status).toMatchObject({ keySet: true, keyRemembered: true, keyOrigin: new URL(mock.baseUrl).origin });
    status = await h.api.saveSettings(withBaseUrl(`${new URL(mock.baseUrl).origin}/v1/`));
    expect(status.keySet).toBe(true);

    status = await h.api.saveSettings(withBaseUrl(other.baseUrl));
    expect(status).toMatchObject({ keySet: false, keyRemembered: false, keyOrigin: null });
    expect(h.store.key).toBeUndefined();
    await h.api.listRemoteModels();
    expect(other.requests).toHaveLength(1);
    expect(other.requests[0].headers.authorization).toBeUndefined();
    // Going back does not bring it back.
    expect((await h.api.saveSettings(withBaseUrl(mock.baseUrl))).keySet).toBe(false);
  });

  it('a key entered with a URL not saved yet is for that URL: the saved server never gets it', async () => {
    const h = harness();
    await h.api.saveSettings(withBaseUrl(mock.baseUrl));
    mock.behaviour.requireKey = null;
    const status = await h.api.setApiKey(KEY, false, other.baseUrl);
    expect(status.keyOrigin).toBe(new URL(other.baseUrl).origin);
    await h.api.listRemoteModels();
    expect(mock.requests.map((r) => r.headers.authorization)).toEqual([undefined]);
    // Saving that URL keeps the key, and it is sent there.
    expect((await h.api.saveSettings(withBaseUrl(other.baseUrl))).keySet).toBe(true);
    await h.api.listRemoteModels();
    expect(other.requests.map((r) => r.headers.authorization)).toEqual([`Bearer ${KEY}`]);
    await expect(h.api.setApiKey(KEY, false, 'not a url')).rejects.toThrow(/absolute/);
  });

  it('a key remembered without its origin belongs to the stored base URL', async () => {
    const h = harness();
    h.store.settings = withBaseUrl(mock.baseUrl);
    h.store.key = { key: KEY, origin: null };
    expect((await h.api.status()).keyOrigin).toBe(new URL(mock.baseUrl).origin);
    await h.api.listRemoteModels();
    expect(mock.requests[0].headers.authorization).toBe(`Bearer ${KEY}`);
  });
});

describe('LLM service: what a remote LLM is sent', () => {
  it('is redacted with the built-in rules and the user’s own, stored with the settings; a local model gets the masked key', async () => {
    const h = harness();
    await remote(h);
    await expect(h.api.saveSettings({ ...(await h.api.status()).settings, redactions: [{ description: '', pattern: '(?<=x)y', replacement: '' }] })).rejects.toThrow(
      /Redaction rule 1.*RE2 syntax/,
    );
    const settings = { ...(await h.api.status()).settings, redactions: [{ description: 'customer ids', pattern: 'CUST-<\\*>', replacement: '<customer>' }] };
    await h.api.saveSettings(settings);
    expect(h.store.settings?.redactions).toEqual(settings.redactions);
    const keys = ['Invoice for CUST-<*> mailed to jane@example.com', 'Invoice for CUST-<*> mailed to bob@example.org', 'Login for root@build-<*> failed'];
    await h.api.beginRun(BUNDLE);
    const count = await h.api.countKeys(keys);
    expect(count).toEqual({ distinct: 3, cached: 0, toSend: 2, messages: ['Invoice for <customer> mailed to <email>', 'Login for <user>@<host> failed'] });
    h.api.confirmRun();
    const answers = new Map(await h.api.classifyKeys(keys));
    expect(answers.size).toBe(3);
    const bodies = mock.chatRequests().map((r) => r.body);
    expect(bodies).toHaveLength(2);
    expect(bodies.join('\n')).not.toMatch(/jane|bob|example\.(com|org)|root|build-|CUST/);
    await h.api.endRun();

    const preview = await h.api.previewRedaction(['Invoice for CUST-4411 mailed to jane@example.com'], settings.redactions);
    expect(preview).toEqual([{ line: 'Invoice for CUST-4411 mailed to jane@example.com', masked: 'Invoice for CUST-<*> mailed to jane@example.com', sent: 'Invoice for <customer> mailed to <email>' }]);
    await expect(h.api.previewRedaction([], [{ description: '', pattern: 'a*', replacement: '' }])).rejects.toThrow(/matches empty text/);
    const rules = await h.api.redactionRules();
    expect(rules.map((r) => r.id)).toContain('email');
    expect(rules.every((r) => r.example.sent !== r.example.masked)).toBe(true);
  });
});

describe('LLM service: remote API (mock server on 127.0.0.1)', () => {
  it('lists the server’s models with the key; a wrong key is refused without echoing it', async () => {
    const h = harness();
    await remote(h, { model: '' });
    expect((await h.api.status()).notReady).toMatch(/Pick a model/);
    const models = await h.api.listRemoteModels();
    expect(models.map((m) => m.id)).toEqual(['deepseek-r1-distill-llama-70b', 'llama-3.3-70b-versatile', 'qwen/qwen3-32b']);
    await h.api.setApiKey('gsk_wrong_key_999', false);
    const error = await h.api.listRemoteModels().then(
      () => null,
      (e: Error) => e,
    );
    expect(error?.message).toMatch(/401.*refused the API key/);
    expect(error?.message).not.toContain('gsk_wrong_key_999');
    expect(mock.requests.every((r) => !r.url.includes('gsk_'))).toBe(true);
  });

  it('a host the Content-Security-Policy blocks is refused at once, before any request, with how to allow it', async () => {
    const h = harness({ connectPolicy: "default-src 'self'; connect-src 'self' https://api.groq.com" });
    await remote(h);
    const origin = new URL(mock.baseUrl).origin;
    const status = await h.api.status();
    expect(status.ready).toBe(false);
    expect(status.notReady).toContain(`LOGSIFT_CONNECT_HOSTS="${origin}"`);
    await expect(h.api.listRemoteModels()).rejects.toThrow(/Content-Security-Policy does not allow connections to/);
    await expect(h.api.beginRun(BUNDLE)).rejects.toThrow(/LOGSIFT_CONNECT_HOSTS/);
    expect(h.fetched).toEqual([]);
    expect(mock.requests).toEqual([]);
  });

  it('sends nothing before the page confirms; then answers, retries a 429 and caches', async () => {
    const h = harness();
    await remote(h);
    const keys = ['Escalation rule <*> did not fire for case <*>', 'SOAP interface LeadService is deprecated', 'Nightly report mailed'];
    let start = await h.api.beginRun(BUNDLE);
    expect(start).toMatchObject({ remote: true, destination: new URL(mock.baseUrl).host, model: 'qwen/qwen3-32b' });
    expect(await h.api.countKeys([...keys, keys[0]])).toEqual({ distinct: 3, cached: 0, toSend: 3, messages: keys });
    // Without confirmRun the tier declines: no chat request.
    expect(await h.api.classifyKeys(keys)).toEqual([]);
    expect(mock.chatRequests()).toHaveLength(0);
    expect((await h.api.endRun())?.declined).toBe(true);

    mock.behaviour.failures.push({ status: 429, retryAfter: '0' });
    start = await h.api.beginRun(BUNDLE);
    h.api.confirmRun();
    const answers = new Map(await h.api.classifyKeys(keys));
    expect(answers.get(keys[0])).toEqual({ label: 'Workflow Error', reason: 'The line reads like a typical workflow error message.' });
    expect(answers.get(keys[1])?.label).toBe('Deprecation Warning');
    expect(mock.chatRequests()).toHaveLength(4);
    expect(mock.chatRequests()[0].status).toBe(429);
    const stats = await h.api.endRun();
    expect(stats).toMatchObject({ sent: 3, cached: 0, failed: 0, retries: 1, declined: false });
    expect((await h.api.status()).cachedAnswers).toBe(3);
    expect(h.fetched.every((url) => url.startsWith(mock.baseUrl))).toBe(true);

    // A re-run: everything cached, nothing to send.
    await h.api.beginRun(BUNDLE);
    expect(await h.api.countKeys(keys)).toEqual({ distinct: 3, cached: 3, toSend: 0, messages: [] });
    await h.api.classifyKeys(keys);
    expect(mock.chatRequests()).toHaveLength(4);
    expect(await h.api.endRun()).toMatchObject({ sent: 0, cached: 3 });
  });

  it('cancels calls in flight', async () => {
    const h = harness();
    await remote(h, { concurrency: 2 });
    mock.behaviour.delayMs = 5000;
    await h.api.beginRun(BUNDLE);
    h.api.confirmRun();
    const pending = h.api.classifyKeys(['Workflow <*> halted', 'API v<*> is deprecated', 'Escalation <*> stuck in stage']);
    await new Promise((r) => setTimeout(r, 100));
    const t0 = Date.now();
    h.api.cancelRun();
    await expect(pending).rejects.toMatchObject({ name: 'CancelledError' });
    expect(Date.now() - t0).toBeLessThan(1000);
    expect(mock.chatRequests().length).toBeLessThanOrEqual(2);
  });
});

describe('LLM service: local WebLLM', () => {
  it('says clearly when WebGPU is missing, and what to do instead', async () => {
    const { api } = harness({ gpu: NO_GPU });
    const error = await api.loadLocalModel(() => {}).then(
      () => null,
      (e: Error) => e,
    );
    expect(error?.message).toMatch(/needs WebGPU/);
    expect(error?.message).toMatch(/no GPU adapter/);
    expect(error?.message).toMatch(/Remote API/);
  });

  it('downloads with progress, runs without confirmation, and deletes a stored model', async () => {
    const h = harness({ gpu: GPU });
    const progress: number[] = [];
    const status = await h.api.loadLocalModel((p) => progress.push(p.fraction));
    expect(progress.at(-1)).toBe(1);
    expect(status).toMatchObject({ ready: true, loadedModel: DEFAULT_LOCAL_MODEL, destination: 'this device' });
    expect(await h.api.storedModels([DEFAULT_LOCAL_MODEL, 'Qwen2.5-1.5B-Instruct-q4f16_1-MLC'])).toEqual({
      [DEFAULT_LOCAL_MODEL]: true,
      'Qwen2.5-1.5B-Instruct-q4f16_1-MLC': false,
    });
    const start = await h.api.beginRun(BUNDLE);
    expect(start).toMatchObject({ remote: false, destination: 'this device' });
    const answers = new Map(await h.api.classifyKeys(['Workflow <*> halted']));
    expect(answers.get('Workflow <*> halted')?.label).toBe('Workflow Error');
    expect(h.engines[0].calls).toBe(1);
    await h.api.endRun();
    const after = await h.api.deleteLocalModel(DEFAULT_LOCAL_MODEL);
    expect(after.loadedModel).toBeNull();
    expect((await h.api.storedModels([DEFAULT_LOCAL_MODEL]))[DEFAULT_LOCAL_MODEL]).toBe(false);
  });

  it('explains a storage quota error', async () => {
    const quota = Object.assign(new Error('Failed to execute put on Cache'), { name: 'QuotaExceededError' });
    const { api } = harness({ gpu: GPU, load: async () => Promise.reject(quota) });
    await expect(api.loadLocalModel(() => {})).rejects.toThrow(/no room to store this model \(about 4\.3 GB\).*Keep for offline use/);
  });

  it('interrupts the local engine on cancel', async () => {
    const h = harness({ gpu: GPU, engineDelayMs: 5000 });
    await h.api.loadLocalModel(() => {});
    await h.api.beginRun(BUNDLE);
    const pending = h.api.classifyKeys(['Workflow <*> halted']);
    await new Promise((r) => setTimeout(r, 50));
    h.api.cancelRun();
    await expect(pending).rejects.toMatchObject({ name: 'CancelledError' });
    expect(h.engines[0].interrupts).toBe(1);
  });
});

describe('a classify-service run with the LLM hooks', () => {
  function csv(rows: number, seed: string): Blob {
    const parts = [csvLine(['source', 'log_message'])];
    for (const log of generateLogs({ rows, seed })) parts.push(csvLine([log.source, log.log_message]));
    return new Blob(parts);
  }

  const classifyService = () => testService().api;

  /** The hooks the page gives: the LLM service plus a scripted confirmation. */
  function hooks(h: Harness, answer: (info: LlmConfirmation) => boolean) {
    const seen = { confirmations: [] as LlmConfirmation[], phases: [] as string[], outcome: null as LlmRunOutcome | null };
    const value: LlmRunHooks = {
      begin: async (bundle) => h.api.beginRun(bundle),
      count: (keys) => h.api.countKeys(keys),
      confirm: async (info) => {
        seen.confirmations.push(info);
        const ok = answer(info);
        if (ok) h.api.confirmRun();
        return ok;
      },
      classifyKeys: (keys) => h.api.classifyKeys(keys),
      cancel: async () => h.api.cancelRun(),
      phase: async (phase) => void seen.phases.push(phase),
      finish: async (outcome) => {
        seen.outcome = outcome;
        await h.api.endRun();
      },
    };
    return { value, seen };
  }

  /** What the dry run finds: the distinct keys tier 3 gets with the default bundle. */
  async function expectedKeys(blob: Blob): Promise<number> {
    const collector = new LlmKeyCollector();
    const classifier = new Classifier(parseBundle(DEFAULT_JSON), undefined, { llm: collector });
    await runClassification({ input: blob, kind: 'csv', classifier, explain: false });
    return collector.keys.size;
  }

  it('counts, confirms, labels tier llm, fills the review list; a re-run sends nothing', async () => {
    const h = harness();
    await remote(h);
    const api = classifyService();
    const blob = csv(2000, 'llm-svc');
    const expected = await expectedKeys(blob);
    expect(expected).toBeGreaterThan(0);
    const { value, seen } = hooks(h, () => true);
    const summary = await api.classify(blob, 'x.csv', true, () => {}, value);
    expect(summary.cancelled).toBe(false);
    expect(seen.phases).toEqual(['counting', 'confirm', 'classifying']);
    expect(seen.confirmations).toHaveLength(1);
    const [confirmation] = seen.confirmations;
    expect(confirmation).toMatchObject({ distinct: expected, cached: 0, destination: new URL(mock.baseUrl).host, endpoint: `${mock.baseUrl}/chat/completions`, model: 'qwen/qwen3-32b' });
    // The confirmation lists exactly the messages that are then sent, each once, and the instructions sent with them.
    expect(confirmation.toSend).toBe(confirmation.messages.length);
    expect(confirmation.toSend).toBeLessThanOrEqual(expected);
    expect(mock.chatLogs().sort()).toEqual([...confirmation.messages].sort());
    expect(mock.chatRequests().every((r) => JSON.parse(r.body).messages[0].content === confirmation.instructions)).toBe(true);
    expect(summary.byTier['llm-pending']).toBe(0);
    expect(summary.byTier.llm).toBeGreaterThan(0);
    const out = Papa.parse<Record<string, string>>(await (await api.buildOutput(true)).text(), { header: true, skipEmptyLines: true }).data;
    expect(out.filter((r) => r.source === 'LegacyCRM').every((r) => r.tier === 'llm')).toBe(true);
    expect(out.length).toBe(2000);
    const review = seen.outcome!.review;
    expect(review.length).toBeGreaterThan(0);
    expect(review.every((item) => item.reason.length > 0 && item.lines.length >= 1)).toBe(true);
    expect(review.reduce((s, item) => s + item.rows, 0)).toBe(summary.byTier.llm);

    // Re-run: every answer cached, no confirmation, no call.
    const again = hooks(h, () => true);
    const second = await api.classify(blob, 'x.csv', false, () => {}, again.value);
    expect(again.seen.confirmations).toEqual([]);
    expect(mock.chatRequests()).toHaveLength(confirmation.toSend);
    expect(second.byTier.llm).toBe(summary.byTier.llm);
  });

  it('review decisions override the cached answers in later runs, survive clearing the cache, and are never sent again', async () => {
    const h = harness();
    await remote(h);
    const api = classifyService();
    const blob = csv(2000, 'llm-review');
    const first = hooks(h, () => true);
    await api.classify(blob, 'x.csv', true, () => {}, first.value);
    const [corrected, rejected, untouched] = first.seen.outcome!.review;
    expect(untouched).toBeDefined();
    await h.api.recordReview(corrected.key, { status: 'corrected', label: 'Legacy Workflow', llmLabel: corrected.label, reason: corrected.reason });
    await h.api.recordReview(rejected.key, { status: 'rejected', label: 'Unclassified', llmLabel: rejected.label, reason: rejected.reason });
    await expect(h.api.recordReview('x', { status: 'maybe', label: 'A', llmLabel: 'B', reason: '' } as never)).rejects.toThrow(/needs a status \(accepted, corrected or rejected\)/);
    // Even with every cached answer gone, the decided lines are not sent again.
    await h.api.clearAnswers();
    const sentBefore = mock.chatRequests().length;
    const again = hooks(h, () => true);
    const summary = await api.classify(blob, 'x.csv', true, () => {}, again.value);
    expect(mock.chatRequests().length - sentBefore).toBe(again.seen.confirmations[0].toSend);
    expect(again.seen.confirmations[0].messages).not.toContain(corrected.key);
    expect(again.seen.confirmations[0].messages).not.toContain(rejected.key);
    const rows = Papa.parse<Record<string, string>>(await (await api.buildOutput(true)).text(), { header: true, skipEmptyLines: true }).data;
    const ofKey = (key: string) => rows.filter((r) => maskMessage(r.log_message) === key);
    expect(ofKey(corrected.key).length).toBe(corrected.rows);
    expect(ofKey(corrected.key).every((r) => r.target_label === 'Legacy Workflow' && r.tier === 'llm')).toBe(true);
    expect(ofKey(rejected.key).every((r) => r.target_label === 'Unclassified' && r.tier === 'llm')).toBe(true);
    expect(summary.byLabel['Legacy Workflow']).toBe(corrected.rows);
    // The review list comes back with the decisions.
    const byKey = new Map(again.seen.outcome!.review.map((item) => [item.key, item]));
    expect(byKey.get(corrected.key)).toMatchObject({ status: 'corrected', label: corrected.label, correctedLabel: 'Legacy Workflow' });
    expect(byKey.get(rejected.key)).toMatchObject({ status: 'rejected', label: rejected.label });
    expect(byKey.get(untouched.key)?.status).toBe('pending');
    expect((await h.api.endRun()) ?? null).toBeNull();
  });

  it('declining sends nothing and leaves the lines for the LLM unclassified', async () => {
    const h = harness();
    await remote(h);
    const api = classifyService();
    const { value, seen } = hooks(h, () => false);
    const summary = await api.classify(csv(800, 'llm-decline'), 'x.csv', false, () => {}, value);
    expect(seen.outcome?.declined).toBe(true);
    expect(mock.chatRequests()).toHaveLength(0);
    expect(summary.byTier.llm).toBe(0);
    expect(summary.byTier['llm-pending']).toBeGreaterThan(0);
  });

  it('Cancel during the LLM calls stops the LLM only: the run finishes with rules and the model, and keeps every row', async () => {
    const h = harness();
    await remote(h, { concurrency: 1 });
    mock.behaviour.delayMs = 3000;
    const api = classifyService();
    const { value, seen } = hooks(h, () => true);
    const running = api.classify(csv(2000, 'llm-cancel'), 'x.csv', true, () => {}, value);
    await expect.poll(() => mock.requests.filter((r) => r.method === 'POST').length, { timeout: 10_000 }).toBeGreaterThan(0);
    expect(api.cancel()).toBe('llm');
    const summary = await running;
    expect(summary.cancelled).toBe(false);
    expect(summary.llmCancelled).toBe(true);
    expect(summary.rows).toBe(2000);
    expect(seen.outcome).toMatchObject({ cancelled: false, stopped: true });
    const out = Papa.parse<Record<string, string>>(await (await api.buildOutput(true)).text(), { header: true, skipEmptyLines: true }).data;
    expect(out).toHaveLength(2000);
    // The LLM's lines are marked as left for it; rules and the model labelled the rest.
    const pending = out.filter((r) => r.tier === 'llm-pending');
    expect(pending.length).toBe(summary.byTier['llm-pending']);
    expect(pending.every((r) => r.target_label === 'Unclassified')).toBe(true);
    expect(out.filter((r) => r.source === 'LegacyCRM').every((r) => r.tier === 'llm-pending')).toBe(true);
    expect(summary.byTier.regex + summary.byTier.ngram).toBeGreaterThan(1000);
    const before = mock.chatRequests().length;
    await new Promise((r) => setTimeout(r, 300));
    expect(mock.chatRequests().length).toBe(before);
    expect(api.cancel()).toBeNull();
  });

  it('Cancel outside the LLM step cancels the run', async () => {
    const h = harness();
    await remote(h);
    const api = classifyService();
    let cancelled: string | null = null;
    const { value } = hooks(h, () => {
      cancelled = api.cancel();
      return false;
    });
    const summary = await api.classify(csv(800, 'llm-cancel-confirm'), 'x.csv', false, () => {}, value);
    expect(cancelled).toBe('job');
    expect(summary.cancelled).toBe(true);
    expect(mock.chatRequests()).toHaveLength(0);
  });
});
