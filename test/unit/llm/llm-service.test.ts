/**
 * The LLM worker's service in Node: settings and the API key, the remote path against the mock
 * OpenAI server on 127.0.0.1 (model list, confirmation guard, retries, cache, cancel). The local
 * path with the fake WebLLM engine and a classify-service run with the LLM hooks are in
 * llm-service-runs.test.ts.
 */
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_LOCAL_MODEL } from '../../../src/core/llm/models.ts';
import { GROQ_BASE_URL } from '../../../src/core/llm/openai-client.ts';
import type { LlmSettings } from '../../../workers/llm-api.ts';
import { createLlmService, DEFAULT_LLM_SETTINGS, type WebLlmHost } from '../../../workers/llm-service.ts';
import { startMockOpenAiServer, type MockOpenAiServer } from '../../helpers/mock-openai-server.ts';
import { BUNDLE, harness, KEY, NO_GPU, useMockLlmServer, useRemote, type Harness } from '../../helpers/llm-service-harness.ts';

const mock = useMockLlmServer();
const remote = (h: Harness, extra: Partial<LlmSettings['remote']> = {}) => useRemote(h, mock.baseUrl, extra);

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
