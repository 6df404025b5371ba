/**
 * A fetch-based client for OpenAI-compatible APIs: Groq (the default), OpenAI, Ollama,
 * LM Studio, vLLM, llama.cpp's server. It lists models (`GET {base}/models`) and makes chat
 * completions (`POST {base}/chat/completions`) with a timeout per attempt, retries with
 * exponential backoff (or the server's Retry-After) on 429, 5xx and network errors, a limit on
 * calls in flight, and an AbortSignal. The API key goes in the Authorization header only: never
 * in a URL, and it is removed from every error message (hide-secret.ts) before the message is
 * parsed or cut. No redirect is followed: the prompts and the key go to the base URL's server or
 * nowhere (redirect-guard.ts).
 */
import { CancelledError } from '../errors.ts';
import type { ChatCallOptions, ChatEngine, ChatReply, ChatRequest } from './engine.ts';
import { hideSecret } from './hide-secret.ts';
import { fetchCheckingRedirects, RedirectRefusedError } from './redirect-guard.ts';

export const GROQ_BASE_URL = 'https://api.groq.com/openai/v1';

export interface OpenAiClientOptions {
  /** e.g. https://api.groq.com/openai/v1 or http://127.0.0.1:11434/v1 */
  baseUrl: string;
  /** Sent as `Authorization: Bearer …`; optional for local servers. */
  apiKey?: string;
  /** The model id for chat completions (pick it from listModels()). */
  model?: string;
  /** Per attempt, in ms (default 60 s). */
  timeoutMs?: number;
  /** Retries after the first attempt (default 4). */
  retries?: number;
  /** First backoff delay, doubled per retry (default 1000 ms). */
  backoffMs?: number;
  /** Longest wait between attempts, also caps Retry-After (default 30 s). */
  maxBackoffMs?: number;
  /** Calls in flight at once (default 4). */
  concurrency?: number;
  /** Extra JSON fields for every chat request, e.g. `{ reasoning_format: 'parsed' }` for Groq. */
  extraBody?: Record<string, unknown>;
  /** Called before each retry (for progress messages and tests). */
  onRetry?(info: RetryInfo): void;
  fetch?: typeof fetch;
}

export interface RetryInfo {
  attempt: number;
  delayMs: number;
  /** HTTP status, or null for a network error or timeout. */
  status: number | null;
  reason: string;
}

export interface RemoteModel {
  id: string;
  ownedBy?: string;
}

/** A failed call. Its message names the host and the status, never the key. */
export class LlmHttpError extends Error {
  override name = 'LlmHttpError';
  constructor(
    message: string,
    readonly status: number | null,
    /** 401/403/404 and bad requests: retrying or sending more will not help. */
    readonly fatal: boolean,
  ) {
    super(message);
  }
}

/** Checks a base URL: absolute http(s), no credentials, query or fragment in it. Returns it without a trailing slash. */
export function normaliseBaseUrl(baseUrl: string): string {
  let url: URL;
  try {
    url = new URL(baseUrl.trim());
  } catch {
    throw new LlmHttpError('The LLM base URL must be an absolute http:// or https:// address.', null, true);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new LlmHttpError('The LLM base URL must start with http:// or https://.', null, true);
  }
  if (url.username || url.password || url.search || url.hash) {
    throw new LlmHttpError('The LLM base URL must not contain credentials, a query or a fragment; the API key is set separately.', null, true);
  }
  return url.href.replace(/\/+$/, '');
}

function isRetryable(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

/** Retry-After in ms: seconds (decimals accepted) or an HTTP date. */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | null {
  if (value === null || value.trim() === '') return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isFinite(date) ? Math.max(0, date - now) : null;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new CancelledError());
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(new CancelledError());
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** A counting semaphore: at most `limit` holders at once, first come first served. */
class Limiter {
  private active = 0;
  private readonly queue: Array<() => void> = [];
  constructor(private readonly limit: number) {}

  async run<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    if (this.active >= this.limit) {
      await new Promise<void>((resolve, reject) => {
        const start = () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        };
        const onAbort = () => {
          const i = this.queue.indexOf(start);
          if (i >= 0) this.queue.splice(i, 1);
          reject(new CancelledError());
        };
        this.queue.push(start);
        signal?.addEventListener('abort', onAbort, { once: true });
      });
    } else {
      this.active++;
    }
    try {
      return await task();
    } finally {
      const next = this.queue.shift();
      if (next) next();
      else this.active--;
    }
  }
}

export class OpenAiClient implements ChatEngine {
  readonly baseUrl: string;
  /** host[:port] of the base URL: what the user is told data goes to. */
  readonly host: string;
  model: string | undefined;
  private readonly apiKey: string;
  private readonly options: OpenAiClientOptions;
  private readonly limiter: Limiter;
  private readonly fetcher: typeof fetch;

  readonly chat: ChatEngine['chat'];

  constructor(options: OpenAiClientOptions) {
    this.baseUrl = normaliseBaseUrl(options.baseUrl);
    this.host = new URL(this.baseUrl).host;
    this.model = options.model;
    this.apiKey = options.apiKey ?? '';
    this.options = options;
    this.limiter = new Limiter(Math.max(1, Math.floor(options.concurrency ?? 4)));
    this.fetcher = options.fetch ?? ((input, init) => fetch(input, init));
    this.chat = { completions: { create: (request, callOptions) => this.createCompletion(request, callOptions) } };
  }

  /** `GET {base}/models`: the ids the server offers, sorted. */
  async listModels(signal?: AbortSignal): Promise<RemoteModel[]> {
    const body = (await this.request('GET', '/models', undefined, signal)) as { data?: Array<{ id?: unknown; owned_by?: unknown }> };
    if (!Array.isArray(body?.data)) throw new LlmHttpError(`${this.host} did not return a model list.`, null, true);
    return body.data
      .filter((model) => typeof model?.id === 'string')
      .map((model) => ({ id: model.id as string, ...(typeof model.owned_by === 'string' ? { ownedBy: model.owned_by } : {}) }))
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  private async createCompletion(request: ChatRequest, callOptions?: ChatCallOptions): Promise<ChatReply> {
    if (!this.model) throw new LlmHttpError('No LLM model is chosen; pick one from the list of models.', null, true);
    const { stream: _stream, ...fields } = request;
    const body = { ...this.options.extraBody, ...fields, model: this.model, stream: false };
    const reply = (await this.request('POST', '/chat/completions', body, callOptions?.signal)) as ChatReply;
    if (!Array.isArray(reply?.choices) || !reply.choices[0]?.message) {
      throw new LlmHttpError(`${this.host} returned a reply without an answer.`, null, false);
    }
    return reply;
  }

  /** Removes the key, in any spelling, from text that came from elsewhere (server messages, network errors); cuts nothing. */
  private redact(text: string): string {
    return hideSecret(text, this.apiKey).replace(/Bearer\s+\S+/gi, 'Bearer ***');
  }

  private async request(method: 'GET' | 'POST', path: string, body: unknown, signal?: AbortSignal): Promise<unknown> {
    return this.limiter.run(() => this.withRetries(method, path, body, signal), signal);
  }

  private async withRetries(method: 'GET' | 'POST', path: string, body: unknown, signal?: AbortSignal): Promise<unknown> {
    const retries = Math.max(0, Math.floor(this.options.retries ?? 4));
    const backoff = this.options.backoffMs ?? 1000;
    const maxBackoff = this.options.maxBackoffMs ?? 30_000;
    for (let attempt = 0; ; attempt++) {
      if (signal?.aborted) throw new CancelledError();
      const outcome = await this.attempt(method, path, body, signal);
      if (outcome.ok) return outcome.body;
      const { error, retryAfterMs } = outcome;
      if (error.fatal || attempt >= retries) throw error;
      const delayMs = Math.min(maxBackoff, retryAfterMs ?? backoff * 2 ** attempt);
      this.options.onRetry?.({ attempt: attempt + 1, delayMs, status: error.status, reason: error.message });
      await sleep(delayMs, signal);
    }
  }

  private async attempt(
    method: 'GET' | 'POST',
    path: string,
    body: unknown,
    signal?: AbortSignal,
  ): Promise<{ ok: true; body: unknown } | { ok: false; error: LlmHttpError; retryAfterMs: number | null }> {
    const timeoutMs = this.options.timeoutMs ?? 60_000;
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    const onAbort = () => controller.abort();
    signal?.addEventListener('abort', onAbort, { once: true });
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (this.apiKey) headers.Authorization = `Bearer ${this.apiKey}`;
    const where = `${this.host}${new URL(this.baseUrl).pathname.replace(/\/$/, '')}${path}`;
    try {
      const response = await fetchCheckingRedirects(this.fetcher, this.baseUrl + path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: controller.signal,
        credentials: 'omit',
        referrerPolicy: 'no-referrer',
      });
      const text = await response.text();
      if (response.ok) {
        try {
          return { ok: true, body: JSON.parse(text) };
        } catch {
          return { ok: false, error: new LlmHttpError(`${where} returned a reply that is not JSON.`, response.status, false), retryAfterMs: null };
        }
      }
      const status = response.status;
      // The key goes first: before the body is parsed, stripped of tags or cut.
      const detail = cut(this.redact(serverMessage(this.redact(text))), MAX_DETAIL);
      const hint =
        status === 401 || status === 403
          ? ' The server refused the API key.'
          : status === 404 && path === '/chat/completions'
            ? ' Check the model id and the base URL.'
            : '';
      return {
        ok: false,
        error: new LlmHttpError(`${where} answered ${status}${detail ? `: ${detail}` : ''}.${hint}`, status, !isRetryable(status)),
        retryAfterMs: parseRetryAfter(response.headers.get('retry-after')),
      };
    } catch (error) {
      if (signal?.aborted) throw new CancelledError();
      if (error instanceof RedirectRefusedError) {
        const message = `${this.redact(error.message)} The base URL must be the API's own address.`;
        return { ok: false, error: new LlmHttpError(message, error.status, true), retryAfterMs: null };
      }
      const reason = timedOut ? `did not answer within ${timeoutMs} ms` : `could not be reached (${cut(this.redact((error as Error).message), MAX_DETAIL)})`;
      return { ok: false, error: new LlmHttpError(`${where} ${reason}.`, null, false), retryAfterMs: null };
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    }
  }
}

/** Longest server or network detail in an error message. */
const MAX_DETAIL = 300;

function cut(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** The human part of an error body: OpenAI's `{error: {message}}`, else the text without tags. */
function serverMessage(text: string): string {
  try {
    const body = JSON.parse(text) as { error?: { message?: unknown } | string; message?: unknown };
    const message = typeof body.error === 'string' ? body.error : (body.error?.message ?? body.message);
    if (typeof message === 'string') return message.replace(/\s+/g, ' ').trim();
  } catch {
    // not JSON
  }
  return text.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim();
}
