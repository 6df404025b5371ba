/**
 * A local OpenAI-compatible server on 127.0.0.1 (random port) for unit tests and the e2e test:
 * `GET /v1/models` and `POST /v1/chat/completions`, answering like a DeepSeek-R1 distill behind
 * Groq. Scripted failures (429 with Retry-After, 500, 401), slow replies, a required key, CORS
 * (so a page on another origin can call it), a redirect of every request to another server, and a
 * record of every request, so tests can check where the API key appeared.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { answerFor, logOfPrompt, type AnswerStyle } from './llm-answers.ts';
import { afterAll, beforeAll, beforeEach } from 'vitest';

export interface ScriptedFailure {
  status: number;
  retryAfter?: string;
  /** Body text; default an OpenAI-style error object. */
  body?: string;
}

export interface MockBehaviour {
  models: string[];
  /** Failures handed out, in order, to the next chat requests (then normal answers). */
  failures: ScriptedFailure[];
  /** Failures for GET /models, likewise. */
  modelFailures: ScriptedFailure[];
  /** Wait before every chat answer (ms). */
  delayMs: number;
  /** When set, requests without `Authorization: Bearer <key>` get 401. */
  requireKey: string | null;
  /** How answers carry reasoning: raw <think> in content, Groq's "parsed" field, or hidden. */
  reasoningFormat: 'raw' | 'parsed' | 'hidden';
  /** Replaces the keyword answer with raw content for a log line. */
  reply: ((log: string) => string) | null;
  /** When set, every request (but a CORS preflight) is answered 307 to the same path under this base URL. */
  redirectTo: string | null;
}

export interface RecordedRequest {
  method: string;
  /** Path and query as received. */
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  /** The response status sent. */
  status?: number;
}

export interface MockOpenAiServer {
  /** Base URL, e.g. http://127.0.0.1:43210/v1 */
  baseUrl: string;
  behaviour: MockBehaviour;
  requests: RecordedRequest[];
  /** Chat requests answered (any status). */
  chatRequests(): RecordedRequest[];
  /** The log message of each chat request, as it was sent. */
  chatLogs(): string[];
  /** Most chat requests in flight at the same time. */
  maxInFlight: number;
  reset(): void;
  close(): Promise<void>;
}

const DEFAULTS: MockBehaviour = {
  models: ['deepseek-r1-distill-llama-70b', 'llama-3.3-70b-versatile', 'qwen/qwen3-32b'],
  failures: [],
  modelFailures: [],
  delayMs: 0,
  requireKey: null,
  reasoningFormat: 'raw',
  reply: null,
  redirectTo: null,
};

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (body += chunk));
    request.on('end', () => resolve(body));
    request.on('error', reject);
  });
}

export async function startMockOpenAiServer(behaviour: Partial<MockBehaviour> = {}): Promise<MockOpenAiServer> {
  const state = {
    behaviour: { ...DEFAULTS, ...behaviour, failures: [...(behaviour.failures ?? [])], modelFailures: [...(behaviour.modelFailures ?? [])] },
    requests: [] as RecordedRequest[],
    inFlight: 0,
    maxInFlight: 0,
  };

  const send = (response: ServerResponse, record: RecordedRequest, status: number, body: unknown, headers: Record<string, string> = {}) => {
    record.status = status;
    if (response.destroyed) return;
    response.writeHead(status, { 'Content-Type': 'application/json', ...headers });
    response.end(typeof body === 'string' ? body : JSON.stringify(body));
  };
  const fail = (response: ServerResponse, record: RecordedRequest, failure: ScriptedFailure) =>
    send(
      response,
      record,
      failure.status,
      failure.body ?? { error: { message: failure.status === 429 ? 'Rate limit reached, please try again later.' : 'Internal server error', type: 'server_error' } },
      failure.retryAfter !== undefined ? { 'Retry-After': failure.retryAfter } : {},
    );

  const server = createServer(async (request, response) => {
    response.setHeader('Access-Control-Allow-Origin', '*');
    response.setHeader('Access-Control-Allow-Headers', 'Authorization, Content-Type, Accept');
    response.setHeader('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
    response.setHeader('Access-Control-Expose-Headers', 'Retry-After');
    const body = await readBody(request);
    const record: RecordedRequest = { method: request.method ?? '', url: request.url ?? '', headers: { ...request.headers }, body };
    if (request.method === 'OPTIONS') {
      record.status = 204;
      response.writeHead(204).end();
      return;
    }
    state.requests.push(record);
    const b = state.behaviour;
    if (b.redirectTo !== null) {
      record.status = 307;
      response.writeHead(307, { Location: `${b.redirectTo}${(request.url ?? '').replace(/^\/v1/, '')}` }).end();
      return;
    }
    if (b.requireKey !== null && request.headers.authorization !== `Bearer ${b.requireKey}`) {
      return send(response, record, 401, { error: { message: 'Invalid API Key', type: 'invalid_request_error', code: 'invalid_api_key' } });
    }
    const path = (request.url ?? '').split('?')[0];
    if (request.method === 'GET' && path === '/v1/models') {
      const failure = b.modelFailures.shift();
      if (failure) return fail(response, record, failure);
      return send(response, record, 200, { object: 'list', data: b.models.map((id) => ({ id, object: 'model', created: 1700000000, owned_by: 'mock' })) });
    }
    if (request.method === 'POST' && path === '/v1/chat/completions') {
      state.inFlight++;
      state.maxInFlight = Math.max(state.maxInFlight, state.inFlight);
      try {
        const failure = b.failures.shift();
        if (b.delayMs > 0) {
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, b.delayMs);
            response.on('close', () => {
              clearTimeout(timer);
              resolve();
            });
          });
        }
        if (failure) return fail(response, record, failure);
        let parsed: { model?: string; messages?: Array<{ role: string; content: string }> };
        try {
          parsed = JSON.parse(body);
        } catch {
          return send(response, record, 400, { error: { message: 'Request body is not JSON' } });
        }
        if (!parsed.model || !b.models.includes(parsed.model)) {
          return send(response, record, 404, { error: { message: `The model \`${parsed.model}\` does not exist or you do not have access to it.`, code: 'model_not_found' } });
        }
        const user = [...(parsed.messages ?? [])].reverse().find((m) => m.role === 'user');
        const log = logOfPrompt(user?.content ?? '');
        const style: AnswerStyle = b.reasoningFormat === 'raw' ? 'think' : 'plain';
        const answer = answerFor(log, style);
        const content = b.reply ? b.reply(log) : answer.content;
        const message: Record<string, string> = { role: 'assistant', content };
        if (b.reasoningFormat === 'parsed' && !b.reply) message.reasoning = answer.reasoning;
        return send(response, record, 200, {
          id: `chatcmpl-${state.requests.length}`,
          object: 'chat.completion',
          created: Math.floor(Date.now() / 1000),
          model: parsed.model,
          choices: [{ index: 0, message, finish_reason: 'stop', logprobs: null }],
          usage: { prompt_tokens: 320, completion_tokens: 180, total_tokens: 500 },
        });
      } finally {
        state.inFlight--;
      }
    }
    send(response, record, 404, { error: { message: `Unknown endpoint ${request.method} ${path}` } });
  });

  const chatRequests = () => state.requests.filter((r) => r.method === 'POST' && r.url.startsWith('/v1/chat/completions'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    get behaviour() {
      return state.behaviour;
    },
    set behaviour(value: MockBehaviour) {
      state.behaviour = value;
    },
    requests: state.requests,
    chatRequests: () => chatRequests(),
    chatLogs: () =>
      chatRequests().map((r) => {
        const messages = (JSON.parse(r.body) as { messages: Array<{ role: string; content: string }> }).messages;
        return logOfPrompt([...messages].reverse().find((m) => m.role === 'user')?.content ?? '');
      }),
    get maxInFlight() {
      return state.maxInFlight;
    },
    reset() {
      state.requests.length = 0;
      state.maxInFlight = 0;
      state.behaviour = { ...DEFAULTS, failures: [], modelFailures: [] };
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * A mock server for a test file: started before its tests, reset before each one (requiring
 * `key` again), closed after. The object stands for the server started in beforeAll: read its
 * properties inside tests and hooks, not at the file's top level.
 */
export function useMockOpenAiServer(key: string): MockOpenAiServer {
  let server: MockOpenAiServer | undefined;
  beforeAll(async () => {
    server = await startMockOpenAiServer({ requireKey: key });
  });
  afterAll(() => server?.close());
  beforeEach(() => {
    server!.reset();
    server!.behaviour.requireKey = key;
  });
  return new Proxy({} as MockOpenAiServer, {
    get(_, property) {
      const value = Reflect.get(server!, property);
      return typeof value === 'function' ? value.bind(server) : value;
    },
  });
}
