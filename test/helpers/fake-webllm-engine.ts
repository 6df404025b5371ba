/**
 * A stand-in for WebLLM's MLCEngine: the same `chat.completions.create` (streaming and not),
 * the same reply shapes (ChatCompletion, ChatCompletionChunk), `interruptGenerate`, and the
 * answers a local DeepSeek-R1 distill gives (a chain of thought ending in a lone `</think>`).
 */
import type { ChatCompletion, ChatCompletionChunk, ChatCompletionRequest } from '@mlc-ai/web-llm';
import { answerFor, logOfPrompt, type AnswerStyle } from './llm-answers.ts';

export interface FakeEngineOptions {
  style?: AnswerStyle;
  /** Replaces the keyword answer: the raw content for a log line. */
  reply?(log: string): string;
  /** Characters per streamed chunk. */
  chunkSize?: number;
  /** Wait this long (ms) before answering; interruptGenerate cuts it short. */
  delayMs?: number;
}

export class FakeWebLlmEngine {
  readonly requests: ChatCompletionRequest[] = [];
  interrupts = 0;
  private interrupted: (() => void) | null = null;

  readonly chat = {
    completions: {
      create: ((request: ChatCompletionRequest) => this.create(request)) as {
        (request: ChatCompletionRequest & { stream?: false | null }): Promise<ChatCompletion>;
        (request: ChatCompletionRequest & { stream: true }): Promise<AsyncIterable<ChatCompletionChunk>>;
        (request: ChatCompletionRequest): Promise<ChatCompletion | AsyncIterable<ChatCompletionChunk>>;
      },
    },
  };

  constructor(private readonly options: FakeEngineOptions = {}) {}

  get calls(): number {
    return this.requests.length;
  }

  async interruptGenerate(): Promise<void> {
    this.interrupts++;
    this.interrupted?.();
  }

  private content(request: ChatCompletionRequest): string {
    const user = [...request.messages].reverse().find((m) => m.role === 'user');
    const log = logOfPrompt(typeof user?.content === 'string' ? user.content : '');
    return this.options.reply ? this.options.reply(log) : answerFor(log, this.options.style ?? 'lone-think').content;
  }

  private async create(request: ChatCompletionRequest): Promise<ChatCompletion | AsyncIterable<ChatCompletionChunk>> {
    this.requests.push(request);
    if (this.options.delayMs) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, this.options.delayMs);
        this.interrupted = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
    const content = this.content(request);
    const created = Math.floor(Date.now() / 1000);
    const model = 'DeepSeek-R1-Distill-Qwen-7B-q4f16_1-MLC';
    if (!request.stream) {
      return {
        id: `chatcmpl-${this.requests.length}`,
        object: 'chat.completion',
        created,
        model,
        choices: [{ index: 0, finish_reason: 'stop', logprobs: null, message: { role: 'assistant', content } }],
        usage: {
          prompt_tokens: 300,
          completion_tokens: Math.ceil(content.length / 4),
          total_tokens: 300 + Math.ceil(content.length / 4),
          extra: { e2e_latency_s: 0.01, prefill_tokens_per_s: 1000, decode_tokens_per_s: 40, time_to_first_token_s: 0.01, time_per_output_token_s: 0.025 },
        },
      } as ChatCompletion;
    }
    const size = this.options.chunkSize ?? 7;
    const id = `chatcmpl-${this.requests.length}`;
    async function* chunks(): AsyncGenerator<ChatCompletionChunk> {
      for (let i = 0; i < content.length; i += size) {
        yield { id, object: 'chat.completion.chunk', created, model, choices: [{ index: 0, finish_reason: null, delta: { role: 'assistant', content: content.slice(i, i + size) } }] };
      }
      yield { id, object: 'chat.completion.chunk', created, model, choices: [{ index: 0, finish_reason: 'stop', delta: {} }] };
    }
    return chunks();
  }
}
