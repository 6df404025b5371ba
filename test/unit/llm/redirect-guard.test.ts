/**
 * No request to another host follows a redirect somewhere the user did not name: the remote LLM
 * client never follows one (against a real redirecting server in Node, and a browser's opaque
 * redirect), and WebLLM's model files follow one only to the model's own hosts.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { LlmHttpError, OpenAiClient } from '../../../src/core/llm/openai-client.ts';
import { fetchCheckingRedirects, RedirectRefusedError } from '../../../src/core/llm/redirect-guard.ts';
import { modelFetchGuard } from '../../../workers/model-fetch-guard.ts';
import { startMockOpenAiServer, type MockOpenAiServer } from '../../helpers/mock-openai-server.ts';

const KEY = 'gsk_Qm7vT2xWp9LzR4nB';
let target: MockOpenAiServer;
let redirector: MockOpenAiServer;

beforeAll(async () => {
  target = await startMockOpenAiServer();
  redirector = await startMockOpenAiServer();
});
afterAll(async () => {
  await target.close();
  await redirector.close();
});
beforeEach(() => {
  target.reset();
  redirector.reset();
  redirector.behaviour.redirectTo = target.baseUrl;
});

/** A browser's answer to `redirect: 'manual'`: no status, no Location. */
function opaqueRedirect(): Response {
  const response = new Response(null, { status: 200 });
  Object.defineProperty(response, 'type', { value: 'opaqueredirect' });
  Object.defineProperty(response, 'status', { value: 0 });
  return response;
}

/** An answer after the browser followed redirects to `url`. */
function followedTo(url: string, body = 'weights'): Response {
  const response = new Response(body, { status: 200 });
  Object.defineProperty(response, 'redirected', { value: true });
  Object.defineProperty(response, 'url', { value: url });
  return response;
}

const redirect = (location: string, status = 302) => new Response(null, { status, headers: { Location: location } });

describe('the remote LLM client follows no redirect', () => {
  const client = () => new OpenAiClient({ baseUrl: redirector.baseUrl, apiKey: KEY, model: 'deepseek-r1-distill-llama-70b', retries: 3, backoffMs: 1 });

  it('refuses a 307 to another server, says where it pointed, and that server gets nothing', async () => {
    const targetHost = new URL(target.baseUrl).host;
    for (const call of [() => client().listModels(), () => client().chat.completions.create({ messages: [{ role: 'user', content: '<log>Workflow <*> halted</log>' }] })]) {
      const error = await call().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(LlmHttpError);
      expect(error).toMatchObject({ status: 307, fatal: true });
      expect((error as Error).message).toMatch(new RegExp(`answered 307, a redirect to http://${targetHost.replace(/\./g, '\\.')}/v1/(models|chat/completions), which logsift does not follow: nothing was sent there\\.`));
      expect((error as Error).message).not.toContain(KEY);
    }
    expect(target.requests).toEqual([]);
    // Once each: a refused redirect is not retried.
    expect(redirector.requests.map((r) => r.status)).toEqual([307, 307]);
  });

  it('in a browser, where the target is hidden, refuses the redirect without following it', async () => {
    const asked: RequestInit[] = [];
    const browserLike = new OpenAiClient({
      baseUrl: 'https://llm.example/v1',
      apiKey: KEY,
      model: 'm',
      retries: 2,
      fetch: async (_input, init) => {
        asked.push(init ?? {});
        return opaqueRedirect();
      },
    });
    const error = (await browserLike.listModels().catch((e: unknown) => e)) as LlmHttpError;
    expect(error.fatal).toBe(true);
    expect(error.message).toMatch(/^llm\.example\/v1\/models answered with a redirect; logsift does not follow redirects \(the browser does not tell the page where it pointed\)/);
    expect(asked.map((init) => init.redirect)).toEqual(['manual']);
  });
});

describe('fetchCheckingRedirects', () => {
  it('follows a redirect only where the policy allows, checking every hop before it is requested', async () => {
    const asked: string[] = [];
    const hops: Record<string, Response | (() => Response)> = {
      'https://a.example/f': () => redirect('https://b.example/f'),
      'https://b.example/f': () => redirect('/g', 307),
      'https://b.example/g': () => new Response('ok'),
      'https://a.example/evil': () => redirect('https://b.example/h'),
      'https://b.example/h': () => redirect('https://evil.example/h'),
    };
    const fetcher = (async (input: RequestInfo | URL) => {
      const url = String(input);
      asked.push(url);
      const answer = hops[url];
      return typeof answer === 'function' ? answer() : new Response('not found', { status: 404 });
    }) as typeof fetch;
    const allows = (url: URL) => url.hostname.endsWith('.example') && url.hostname !== 'evil.example';
    expect(await (await fetchCheckingRedirects(fetcher, 'https://a.example/f', {}, { allows })).text()).toBe('ok');
    expect(asked).toEqual(['https://a.example/f', 'https://b.example/f', 'https://b.example/g']);

    asked.length = 0;
    const refused = await fetchCheckingRedirects(fetcher, 'https://a.example/evil', {}, { allows }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(RedirectRefusedError);
    expect(refused).toMatchObject({ from: 'https://b.example/h', to: 'evil.example/h', status: 302 });
    expect(asked).not.toContain('https://evil.example/h');

    // Without a policy nothing is followed, not even on the same host.
    await expect(fetchCheckingRedirects(fetcher, 'https://b.example/f', {})).rejects.toMatchObject({ to: 'b.example/g', status: 307 });
  });

  it('a 303 turns a POST into a GET without its body; a 307 keeps both', async () => {
    const seen: Array<{ url: string; method?: string; body?: unknown }> = [];
    const fetcher = (async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = String(input);
      seen.push({ url, method: init?.method, body: init?.body });
      if (url.endsWith('/a')) return redirect('https://x.example/b', 303);
      if (url.endsWith('/b')) return redirect('https://x.example/c', 307);
      return new Response('done');
    }) as typeof fetch;
    await fetchCheckingRedirects(fetcher, 'https://x.example/a', { method: 'POST', body: 'data' }, { allows: () => true });
    expect(seen).toEqual([
      { url: 'https://x.example/a', method: 'POST', body: 'data' },
      { url: 'https://x.example/b', method: 'GET', body: undefined },
      { url: 'https://x.example/c', method: 'GET', body: undefined },
    ]);
  });

  it('stops after five hops', async () => {
    let n = 0;
    const loop = (async () => redirect(`https://x.example/${++n}`)) as typeof fetch;
    await expect(fetchCheckingRedirects(loop, 'https://x.example/0', {}, { allows: () => true })).rejects.toBeInstanceOf(RedirectRefusedError);
    expect(n).toBe(5);
  });
});

describe('WebLLM model files (the LLM worker’s fetch guard)', () => {
  const SELF = 'https://logsift.example';
  const HF = { origins: ['https://huggingface.co', 'https://raw.githubusercontent.com'], redirectHosts: ['*.huggingface.co', '*.hf.co'] };

  it('refuses every other host before sending anything, until a model is chosen', async () => {
    const asked: string[] = [];
    const guard = modelFetchGuard((async (input: RequestInfo | URL) => (asked.push(String(input)), new Response('x'))) as typeof fetch, SELF);
    await expect(guard.fetch('https://huggingface.co/mlc-ai/x/resolve/main/a.json')).rejects.toThrow(/refused to connect to huggingface\.co/);
    expect(await (await guard.fetch(`${SELF}/assets/app.js`)).text()).toBe('x');
    guard.allow(HF);
    await guard.fetch('https://huggingface.co/mlc-ai/x/resolve/main/a.json');
    await expect(guard.fetch('https://evil.example/x')).rejects.toThrow(/not where the chosen model comes from/);
    expect(asked).toEqual([`${SELF}/assets/app.js`, 'https://huggingface.co/mlc-ai/x/resolve/main/a.json']);
  });

  it('follows Hugging Face’s redirects to its download hosts and refuses any other, in Node and in a browser', async () => {
    const asked: Array<[string, RequestRedirect | undefined]> = [];
    let cdn = 'https://cas-bridge.xethub.hf.co/shard';
    const node = modelFetchGuard(
      (async (input: RequestInfo | URL, init?: RequestInit) => {
        const url = input instanceof Request ? input.url : String(input);
        asked.push([url, init?.redirect]);
        return url.includes('huggingface.co/') ? redirect(cdn) : new Response('weights');
      }) as typeof fetch,
      SELF,
    );
    node.allow(HF);
    expect(await (await node.fetch('https://huggingface.co/mlc-ai/x/resolve/main/params_shard_0.bin')).text()).toBe('weights');
    expect(asked.map(([url]) => url)).toEqual(['https://huggingface.co/mlc-ai/x/resolve/main/params_shard_0.bin', cdn]);
    cdn = 'https://evil.example/shard';
    asked.length = 0;
    await expect(node.fetch('https://huggingface.co/mlc-ai/x/resolve/main/params_shard_0.bin')).rejects.toMatchObject({ name: 'RedirectRefusedError', to: 'evil.example/shard' });
    expect(asked.map(([url]) => url)).not.toContain(cdn);

    // A browser hides the hops: the browser follows, and an answer from elsewhere is refused.
    let landed = 'https://cdn-lfs-us-1.hf.co/shard';
    const browser = modelFetchGuard((async (_input: RequestInfo | URL, init?: RequestInit) => (init?.redirect === 'manual' ? opaqueRedirect() : followedTo(landed))) as typeof fetch, SELF);
    browser.allow(HF);
    expect(await (await browser.fetch('https://huggingface.co/mlc-ai/x/resolve/main/params_shard_1.bin')).text()).toBe('weights');
    landed = 'https://evil.example/shard';
    await expect(browser.fetch('https://huggingface.co/mlc-ai/x/resolve/main/params_shard_1.bin')).rejects.toMatchObject({ to: 'evil.example/shard' });
  });

  it('a self-hosted mirror’s files are never redirected to another host', async () => {
    const guard = modelFetchGuard((async (_input: RequestInfo | URL, init?: RequestInit) => (init?.redirect === 'manual' ? redirect('https://cdn-lfs.hf.co/x') : new Response('x'))) as typeof fetch, SELF);
    guard.allow({ origins: ['https://mirror.example'], redirectHosts: [] });
    await expect(guard.fetch('https://mirror.example/models/x/resolve/main/a.bin')).rejects.toMatchObject({ to: 'cdn-lfs.hf.co/x' });
  });

  it('Cache.add goes through the guard: refused hosts and failed answers store nothing', async () => {
    const put: string[] = [];
    const cache = { put: async (request: RequestInfo | URL) => void put.push(request instanceof Request ? request.url : String(request)) };
    const guard = modelFetchGuard(
      (async (input: RequestInfo | URL) => {
        const url = input instanceof Request ? input.url : String(input);
        return url.endsWith('missing.bin') ? new Response('no', { status: 404 }) : url.includes('/redirect') ? redirect('https://evil.example/x') : new Response('x');
      }) as typeof fetch,
      SELF,
    );
    guard.allow(HF);
    await guard.cacheAdd(cache, 'https://huggingface.co/m/resolve/main/a.bin');
    await guard.cacheAdd(cache, new Request('https://huggingface.co/m/resolve/main/b.bin'));
    await expect(guard.cacheAdd(cache, 'https://huggingface.co/m/resolve/main/missing.bin')).rejects.toThrow(/answered 404/);
    await expect(guard.cacheAdd(cache, 'https://huggingface.co/m/redirect')).rejects.toBeInstanceOf(RedirectRefusedError);
    await expect(guard.cacheAdd(cache, 'https://evil.example/a.bin')).rejects.toThrow(/refused to connect/);
    expect(put).toEqual(['https://huggingface.co/m/resolve/main/a.bin', 'https://huggingface.co/m/resolve/main/b.bin']);
  });
});
