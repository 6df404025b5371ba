import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CancelledError } from '../../../src/core/errors.ts';
import { LlmHttpError, normaliseBaseUrl, OpenAiClient, parseRetryAfter, type OpenAiClientOptions, type RetryInfo } from '../../../src/core/llm/openai-client.ts';
import type { ChatReply } from '../../../src/core/llm/engine.ts';
import { startMockOpenAiServer, type MockOpenAiServer } from '../../helpers/mock-openai-server.ts';

const KEY = 'gsk_test_5ecr3t_K3y_do_not_leak';
let server: MockOpenAiServer;

beforeAll(async () => {
  server = await startMockOpenAiServer();
});
afterAll(() => server.close());
beforeEach(() => server.reset());

function client(options: Partial<OpenAiClientOptions> = {}) {
  return new OpenAiClient({ baseUrl: server.baseUrl, apiKey: KEY, model: 'deepseek-r1-distill-llama-70b', backoffMs: 1, timeoutMs: 2000, ...options });
}
const ask = (c: OpenAiClient, text = 'Workflow <*> halted', signal?: AbortSignal) =>
  c.chat.completions.create({ messages: [{ role: 'user', content: `<log>${text}</log>` }] }, { signal }) as Promise<ChatReply>;

/** Every place the key could show up in what the client sent, other than the Authorization header. */
function keyOutsideAuthorization(): string[] {
  const places: string[] = [];
  for (const request of server.requests) {
    if (request.url.includes(KEY)) places.push(`url ${request.url}`);
    if (request.body.includes(KEY)) places.push('body');
    for (const [name, value] of Object.entries(request.headers)) {
      if (name !== 'authorization' && String(value).includes(KEY)) places.push(`header ${name}`);
    }
  }
  return places;
}

describe('OpenAiClient', () => {
  it('lists models from GET {base}/models, sorted', async () => {
    const models = await client().listModels();
    expect(models.map((m) => m.id)).toEqual(['deepseek-r1-distill-llama-70b', 'llama-3.3-70b-versatile', 'qwen/qwen3-32b']);
  });

  it('makes a chat completion with the model and the key only in the Authorization header', async () => {
    const reply = await ask(client());
    expect(reply.choices[0].message.content).toContain('<category>Workflow Error</category>');
    const [request] = server.chatRequests();
    expect(request.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(JSON.parse(request.body)).toMatchObject({ model: 'deepseek-r1-distill-llama-70b', stream: false });
    expect(keyOutsideAuthorization()).toEqual([]);
  });

  it('retries 429 and 500 with exponential backoff, and follows Retry-After', async () => {
    server.behaviour.failures.push({ status: 500 }, { status: 503 }, { status: 429, retryAfter: '0.03' }, { status: 502 });
    const retries: RetryInfo[] = [];
    const reply = await ask(client({ backoffMs: 2, retries: 5, onRetry: (info) => retries.push(info) }));
    expect(reply.choices[0].message.content).toContain('Workflow Error');
    expect(retries.map((r) => [r.attempt, r.status, r.delayMs])).toEqual([
      [1, 500, 2],
      [2, 503, 4],
      [3, 429, 30],
      [4, 502, 16],
    ]);
    expect(server.chatRequests()).toHaveLength(5);
  });

  it('caps backoff and Retry-After at maxBackoffMs, and gives up after the retries', async () => {
    server.behaviour.failures.push({ status: 429, retryAfter: '120' }, { status: 429 }, { status: 429 });
    const retries: RetryInfo[] = [];
    const error = await ask(client({ retries: 2, maxBackoffMs: 5, onRetry: (info) => retries.push(info) })).catch((e) => e);
    expect(error).toBeInstanceOf(LlmHttpError);
    expect(error.status).toBe(429);
    expect(error.message).toMatch(/127\.0\.0\.1:\d+\/v1\/chat\/completions answered 429: Rate limit reached/);
    expect(retries.map((r) => r.delayMs)).toEqual([5, 2]);
    expect(server.chatRequests()).toHaveLength(3);
  });

  it('does not retry a refused key or an unknown model, and the error never holds the key', async () => {
    server.behaviour.requireKey = 'another-key';
    server.behaviour.failures.push({ status: 400, body: JSON.stringify({ error: { message: `Bad key ${KEY} in Bearer ${KEY}` } }) });
    const bad = await ask(client()).catch((e) => e);
    expect(bad).toBeInstanceOf(LlmHttpError);
    expect(bad.fatal).toBe(true);
    expect(bad.message).toMatch(/answered 401: Invalid API Key\. The server refused the API key\./);
    server.behaviour.requireKey = null;
    const echoed = await ask(client()).catch((e) => e);
    expect(echoed.status).toBe(400);
    expect(echoed.message).not.toContain(KEY);
    expect(echoed.message).toContain('Bad key ***');
    const unknown = await ask(client({ model: 'deepseek-r1-distill-qwen-32b' })).catch((e) => e);
    expect(unknown.status).toBe(404);
    expect(unknown.message).toMatch(/does not exist.*Check the model id/);
    expect(server.chatRequests()).toHaveLength(3);
    for (const error of [bad, echoed, unknown]) expect(`${error.message} ${error.stack}`).not.toContain(KEY);
  });

  it('times out a slow reply, retries it, and reports the timeout without the key', async () => {
    server.behaviour.delayMs = 400;
    const retries: RetryInfo[] = [];
    const error = await ask(client({ timeoutMs: 30, retries: 1, onRetry: (info) => retries.push(info) })).catch((e) => e);
    expect(error).toBeInstanceOf(LlmHttpError);
    expect(error.message).toMatch(/did not answer within 30 ms/);
    expect(error.message).not.toContain(KEY);
    expect(retries).toHaveLength(1);
    expect(retries[0].status).toBeNull();
  });

  it('reports an unreachable server without the key', async () => {
    const dead = new OpenAiClient({ baseUrl: 'http://127.0.0.1:9/v1', apiKey: KEY, model: 'm', retries: 0 });
    const error = await dead.listModels().catch((e) => e);
    expect(error.message).toMatch(/127\.0\.0\.1:9\/v1\/models could not be reached/);
    expect(error.message).not.toContain(KEY);
  });

  it('cancels a call in flight and a call waiting for its backoff', async () => {
    server.behaviour.delayMs = 5000;
    const controller = new AbortController();
    const pending = ask(client({ timeoutMs: 10_000 }), 'x', controller.signal);
    setTimeout(() => controller.abort(), 20);
    await expect(pending).rejects.toBeInstanceOf(CancelledError);

    server.behaviour.delayMs = 0;
    server.behaviour.failures.push({ status: 429, retryAfter: '60' });
    const backoff = new AbortController();
    const waiting = ask(client({ maxBackoffMs: 60_000, onRetry: () => backoff.abort() }), 'x', backoff.signal);
    await expect(waiting).rejects.toBeInstanceOf(CancelledError);
    await expect(ask(client(), 'x', AbortSignal.abort())).rejects.toBeInstanceOf(CancelledError);
  });

  it('keeps at most `concurrency` calls in flight', async () => {
    server.behaviour.delayMs = 30;
    const c = client({ concurrency: 3 });
    const replies = await Promise.all(Array.from({ length: 10 }, (_, i) => ask(c, `User User${i} logged in.`)));
    expect(replies).toHaveLength(10);
    expect(server.maxInFlight).toBe(3);
  });

  it('a queued call can be cancelled before it starts', async () => {
    server.behaviour.delayMs = 100;
    const c = client({ concurrency: 1 });
    const first = ask(c, 'a');
    const controller = new AbortController();
    const second = ask(c, 'b', controller.signal);
    controller.abort();
    await expect(second).rejects.toBeInstanceOf(CancelledError);
    await first;
    expect(server.chatRequests()).toHaveLength(1);
  });

  it('returns Groq "parsed" reasoning in message.reasoning', async () => {
    server.behaviour.reasoningFormat = 'parsed';
    const reply = await ask(client());
    expect(reply.choices[0].message.content).toBe(
      '<reason>The line reads like a typical workflow error message.</reason>\n<category>Workflow Error</category>',
    );
    expect(reply.choices[0].message.reasoning).toMatch(/Okay, let me look/);
  });

  it('checks base URLs: absolute http(s), no credentials or query', async () => {
    expect(normaliseBaseUrl('https://api.groq.com/openai/v1/')).toBe('https://api.groq.com/openai/v1');
    expect(() => normaliseBaseUrl('/v1')).toThrow(/absolute/);
    expect(() => normaliseBaseUrl('ftp://x/v1')).toThrow(/http/);
    expect(() => normaliseBaseUrl(`https://api.example.com/v1?key=${KEY}`)).toThrow(/must not contain/);
    expect(() => normaliseBaseUrl(`https://user:${KEY}@api.example.com/v1`)).toThrow(/must not contain/);
    try {
      normaliseBaseUrl(`https://api.example.com/v1?key=${KEY}`);
    } catch (error) {
      expect((error as Error).message).not.toContain(KEY);
    }
    await expect(new OpenAiClient({ baseUrl: server.baseUrl }).chat.completions.create({ messages: [] })).rejects.toThrow(/No LLM model/);
  });

  it('parses Retry-After as seconds or an HTTP date', () => {
    expect(parseRetryAfter('2')).toBe(2000);
    expect(parseRetryAfter(new Date(10_000).toUTCString(), 4_000)).toBe(6000);
    expect(parseRetryAfter('soon')).toBeNull();
    expect(parseRetryAfter(null)).toBeNull();
  });
});
