/**
 * The chat engine the LLM tier talks to: the subset of WebLLM's
 * `MLCEngineInterface.chat.completions.create` that logsift uses. A WebLLM engine, the
 * OpenAI-compatible client (openai-client.ts) and the test fake all fit it, so the tier does
 * not care whether the model runs on the user's GPU or behind an HTTP API.
 */
import { CancelledError } from '../errors.ts';

export type ChatMessage =
  | { role: 'system'; content: string }
  | { role: 'user'; content: string }
  | { role: 'assistant'; content: string };

/** The request fields logsift sends. No `model`: an engine is bound to one model. */
export interface ChatRequest {
  messages: ChatMessage[];
  temperature?: number;
  max_tokens?: number;
  seed?: number;
  /** true: the engine returns an async iterable of chunks (WebLLM and the fake support it). */
  stream?: boolean;
}

/**
 * Reasoning can come back in the content (`<think>…</think>`, R1 distills and Groq's
 * `reasoning_format: "raw"`), in `reasoning` (Groq's `"parsed"`) or in `reasoning_content`
 * (DeepSeek's API, vLLM); with Groq's `"hidden"` it is absent.
 */
export interface ChatReplyMessage {
  content: string | null;
  reasoning?: string | null;
  reasoning_content?: string | null;
}

export interface ChatReply {
  choices: Array<{ message: ChatReplyMessage; finish_reason?: string | null }>;
}

export interface ChatChunk {
  choices: Array<{
    delta: { content?: string | null; reasoning?: string | null; reasoning_content?: string | null };
    finish_reason?: string | null;
  }>;
}

export interface ChatCallOptions {
  /** Stops the call. WebLLM ignores it: wrap it with `interruptible` to map aborts to interruptGenerate. */
  signal?: AbortSignal;
}

export interface ChatEngine {
  chat: {
    completions: {
      create(request: ChatRequest, options?: ChatCallOptions): Promise<ChatReply | AsyncIterable<ChatChunk>>;
    };
  };
}

function isAsyncIterable(value: unknown): value is AsyncIterable<ChatChunk> {
  return typeof value === 'object' && value !== null && Symbol.asyncIterator in value;
}

/** One reply message from either shape: a completion, or a stream whose deltas are joined. */
export async function replyMessage(reply: ChatReply | AsyncIterable<ChatChunk>, signal?: AbortSignal): Promise<ChatReplyMessage> {
  if (!isAsyncIterable(reply)) {
    const message = reply?.choices?.[0]?.message;
    if (!message) throw new Error('The model returned no answer.');
    return message;
  }
  let content = '';
  let reasoning = '';
  for await (const chunk of reply) {
    if (signal?.aborted) break;
    const delta = chunk.choices?.[0]?.delta;
    if (!delta) continue;
    content += delta.content ?? '';
    reasoning += delta.reasoning ?? delta.reasoning_content ?? '';
  }
  return { content, reasoning: reasoning || null };
}

/**
 * For an engine that cannot take an AbortSignal but can be interrupted (WebLLM's
 * `interruptGenerate`): an abort interrupts the generation and the call rejects at once.
 */
export function interruptible(engine: ChatEngine & { interruptGenerate(): unknown }): ChatEngine {
  return {
    chat: {
      completions: {
        create(request, options) {
          const signal = options?.signal;
          if (!signal) return engine.chat.completions.create(request);
          if (signal.aborted) return Promise.reject(abortReason(signal));
          return new Promise((resolve, reject) => {
            const onAbort = () => {
              void Promise.resolve(engine.interruptGenerate()).catch(() => {});
              reject(abortReason(signal));
            };
            signal.addEventListener('abort', onAbort, { once: true });
            engine.chat.completions.create(request).then(
              (reply) => {
                if (!isAsyncIterable(reply)) {
                  signal.removeEventListener('abort', onAbort);
                  resolve(reply);
                  return;
                }
                // A stream: an abort while it is read still interrupts the generation.
                resolve(
                  (async function* () {
                    try {
                      yield* reply;
                    } finally {
                      signal.removeEventListener('abort', onAbort);
                    }
                  })(),
                );
              },
              (error) => {
                signal.removeEventListener('abort', onAbort);
                reject(error);
              },
            );
          });
        },
      },
    },
  };
}

function abortReason(_signal: AbortSignal): Error {
  return new CancelledError();
}
