/**
 * Tier 3: one LLM call per distinct message sent – the masked key, redacted further (redact.ts)
 * when it leaves the machine. Answers are cached by (model, prompt id, masked key) – in IndexedDB
 * in the page (src/storage/llm-cache.ts), in memory or a file in the CLI – so a re-run costs
 * nothing; two keys that redact to the same message share one call. Calls run a few at a time, report progress, and stop on an
 * AbortSignal. A call that fails after the client's retries leaves its key unanswered (its rows
 * are left for the LLM, tier `llm-pending`) and is counted; an error that more calls cannot fix (a
 * refused key, an unknown model) stops the run. A server that fails several calls in a row is
 * most likely down: the tier stops calling it for the rest of the run (a circuit breaker), so
 * that a dead server costs a few timeouts rather than one per message.
 */
import { CancelledError } from '../errors.ts';
import { replyMessage, type ChatEngine } from './engine.ts';
import { parseAnswer } from './parse.ts';
import { buildMessages, buildSystemPrompt, promptId, withRedaction, type PromptConfig } from './prompt.ts';
import type { ReviewDecision } from './review.ts';

/** What the LLM said about one masked message. */
export interface LlmAnswer {
  /** An allowed label or Unclassified. */
  label: string;
  /** The model's short reason, for the review list. */
  reason: string;
  /** The reviewer decided this line in an earlier run: `label` is theirs. */
  review?: { status: ReviewDecision['status']; llmLabel: string };
}

/**
 * Where answers are kept between runs. Answer keys are opaque strings. Review decisions, where
 * kept, are by masked message alone: the reviewer's word holds whichever model or prompt answered.
 */
export interface LlmCache {
  get(key: string): Promise<LlmAnswer | undefined>;
  set(key: string, value: LlmAnswer): Promise<void>;
  decision?(maskedKey: string): Promise<ReviewDecision | undefined>;
  setDecision?(maskedKey: string, decision: ReviewDecision): Promise<void>;
}

export class MemoryLlmCache implements LlmCache {
  readonly entries = new Map<string, LlmAnswer>();
  readonly decisions = new Map<string, ReviewDecision>();
  async get(key: string) {
    return this.entries.get(key);
  }
  async set(key: string, value: LlmAnswer) {
    this.entries.set(key, value);
  }
  async decision(maskedKey: string) {
    return this.decisions.get(maskedKey);
  }
  async setDecision(maskedKey: string, decision: ReviewDecision) {
    this.decisions.set(maskedKey, decision);
  }
}

/** A reviewed line's answer: the reviewer's label, with the LLM's for the review list. */
function answerOfDecision(decision: ReviewDecision): LlmAnswer {
  return { label: decision.label, reason: decision.reason, review: { status: decision.status, llmLabel: decision.llmLabel } };
}

/** What the classifier needs from tier 3 (the tier, or a key collector for a dry run). */
export interface LlmStage {
  classifyKeys(keys: readonly string[], signal?: AbortSignal): Promise<ReadonlyMap<string, LlmAnswer>>;
}

export interface LlmProgress {
  /** Keys finished in the current call of classifyKeys, of `total`. */
  done: number;
  total: number;
  /** Run totals so far. */
  sent: number;
  cached: number;
  failed: number;
}

export interface LlmTierOptions {
  engine: ChatEngine;
  /** Model id: part of the cache key. */
  model: string;
  /** Where messages go, for the confirmation and the summary: a host name, or "this device". */
  destination: string;
  prompt: PromptConfig;
  cache?: LlmCache;
  /** Calls in flight at once (default 1: a local GPU runs one at a time). */
  concurrency?: number;
  /** Failed calls in a row after which no more are made this run (default BREAK_AFTER_FAILURES). */
  breakAfter?: number;
  /** Ask the engine for a stream of chunks instead of one reply. */
  stream?: boolean;
  /**
   * Applied to each masked key, and to the prompt's examples, before they are sent (a remote LLM:
   * redact.ts). Absent: the masked key is what the model sees (a local model).
   */
  redact?(maskedKey: string): string;
  /** Default 1024: enough for a distill's thinking plus the answer. */
  maxTokens?: number;
  temperature?: number;
  onProgress?(progress: LlmProgress): void;
  /**
   * Asked once, before the first call the tier makes, with the number of distinct messages of
   * that first batch that are not cached (a safety net: for the run's total, do a dry run with
   * LlmKeyCollector and countDistinct first). Return false to send nothing (their rows are left for the LLM).
   */
  confirm?(info: { destination: string; messages: number }): boolean | Promise<boolean>;
}

/** What a run would send: counted on the masked keys, listed as sent (redacted). */
export interface KeyCount {
  /** Distinct masked keys. */
  distinct: number;
  /** Keys answered from the cache or by a review decision. */
  cached: number;
  /** Calls a run would make: distinct messages among the keys not cached. */
  toSend: number;
  /** Those messages, exactly as they would be sent, in the order first seen. */
  messages: string[];
}

export interface LlmStats {
  /** Distinct messages sent to the model (one call each). */
  sent: number;
  /** Distinct messages answered from the cache. */
  cached: number;
  /** Distinct messages answered by the reviewer's earlier decision (never sent again). */
  reviewed: number;
  /** Calls that failed after retries; their rows are left for the LLM (`llm-pending`). */
  failed: number;
  /** The last failure's message (never holds the API key). */
  lastError: string | null;
  /** Set when the user declined the confirmation. */
  declined: boolean;
  /** Distinct messages not sent because the tier had stopped calling a failing server. */
  skipped: number;
  /** Why the tier stopped calling the server (the circuit breaker opened), or null. */
  stopped: string | null;
}

/** Failed calls in a row after which the server is taken to be down. */
export const BREAK_AFTER_FAILURES = 3;

export class LlmTier implements LlmStage {
  readonly stats: LlmStats = { sent: 0, cached: 0, reviewed: 0, failed: 0, lastError: null, declined: false, skipped: 0, stopped: null };
  readonly promptId: string;
  private readonly options: LlmTierOptions;
  private readonly cache: LlmCache;
  /** The prompt as sent: with redacted examples when messages are redacted. */
  private readonly prompt: PromptConfig;
  private confirmed = false;
  private failuresInARow = 0;

  constructor(options: LlmTierOptions) {
    this.options = options;
    this.cache = options.cache ?? new MemoryLlmCache();
    this.prompt = options.redact ? withRedaction(options.prompt, (text) => options.redact!(text)) : options.prompt;
    this.promptId = promptId(this.prompt);
  }

  /** The instructions sent with every message (labels and examples, redacted like the messages). */
  get instructions(): string {
    return buildSystemPrompt(this.prompt);
  }

  /** A masked key as it is sent. */
  outgoing(key: string): string {
    return this.options.redact ? this.options.redact(key) : key;
  }

  get destination(): string {
    return this.options.destination;
  }

  /** The cache key of a masked message: model, prompt id and the message. */
  cacheKey(key: string): string {
    return `${this.options.model}\u0000${this.promptId}\u0000${key}`;
  }

  /** For the confirmation step: how many distinct keys there are, how many are cached, and the messages a run would send. */
  async countDistinct(keys: Iterable<string>): Promise<KeyCount> {
    const distinct = new Set(keys);
    let cached = 0;
    const messages = new Set<string>();
    for (const key of distinct) {
      if ((await this.cache.decision?.(key)) || (await this.cache.get(this.cacheKey(key)))) cached++;
      else messages.add(this.outgoing(key));
    }
    return { distinct: distinct.size, cached, toSend: messages.size, messages: [...messages] };
  }

  async classifyKeys(keys: readonly string[], signal?: AbortSignal): Promise<ReadonlyMap<string, LlmAnswer>> {
    const answers = new Map<string, LlmAnswer>();
    const distinct = [...new Set(keys)];
    const missing: string[] = [];
    for (const key of distinct) {
      const decided = await this.cache.decision?.(key);
      if (decided) {
        answers.set(key, answerOfDecision(decided));
        this.stats.reviewed++;
        continue;
      }
      const hit = await this.cache.get(this.cacheKey(key));
      if (hit) {
        answers.set(key, hit);
        this.stats.cached++;
      } else missing.push(key);
    }
    let done = answers.size;
    const report = () =>
      this.options.onProgress?.({ done, total: distinct.length, sent: this.stats.sent, cached: this.stats.cached, failed: this.stats.failed });
    report();
    if (missing.length === 0 || this.stats.declined) return answers;
    if (this.stats.stopped) {
      this.stats.skipped += new Set(missing.map((key) => this.outgoing(key))).size;
      return answers;
    }
    if (signal?.aborted) throw new CancelledError();
    // One call per message as sent; its answer goes to every key it stands for.
    const calls = new Map<string, string[]>();
    for (const key of missing) {
      const message = this.outgoing(key);
      const keysOf = calls.get(message);
      if (keysOf) keysOf.push(key);
      else calls.set(message, [key]);
    }
    if (!this.confirmed && this.options.confirm) {
      const ok = await this.options.confirm({ destination: this.options.destination, messages: calls.size });
      if (!ok) {
        this.stats.declined = true;
        return answers;
      }
    }
    this.confirmed = true;

    const queue = [...calls];
    let next = 0;
    let stopped = false;
    const worker = async () => {
      while (next < queue.length && !stopped && !this.stats.stopped) {
        if (signal?.aborted) throw new CancelledError();
        const [message, keysOf] = queue[next++];
        const answer = await this.ask(message, signal);
        for (const key of keysOf) {
          if (answer) {
            answers.set(key, answer);
            await this.cache.set(this.cacheKey(key), answer);
          }
          done++;
        }
        report();
      }
    };
    const concurrency = Math.max(1, Math.floor(this.options.concurrency ?? 1));
    const stopOthers = (error: unknown) => {
      stopped = true;
      throw error;
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, queue.length) }, () => worker().catch(stopOthers)));
    this.stats.skipped += queue.length - next;
    return answers;
  }

  /** One call with a message as sent; null when it failed (counted), throws on cancel and on errors that stop the run. */
  private async ask(message: string, signal?: AbortSignal): Promise<LlmAnswer | null> {
    const { engine } = this.options;
    const prompt = this.prompt;
    this.stats.sent++;
    try {
      const reply = await engine.chat.completions.create(
        {
          messages: buildMessages(message, prompt),
          temperature: this.options.temperature ?? 0,
          max_tokens: this.options.maxTokens ?? 1024,
          ...(this.options.stream ? { stream: true } : {}),
        },
        { signal },
      );
      const answer = await replyMessage(reply, signal);
      if (signal?.aborted) throw new CancelledError();
      const { label, reason } = parseAnswer(answer, prompt.labels);
      this.failuresInARow = 0;
      return { label, reason };
    } catch (error) {
      if (signal?.aborted || error instanceof CancelledError) throw new CancelledError();
      if ((error as { fatal?: boolean }).fatal) throw error;
      this.stats.failed++;
      this.stats.lastError = (error as Error).message;
      const limit = Math.max(1, Math.floor(this.options.breakAfter ?? BREAK_AFTER_FAILURES));
      if (++this.failuresInARow >= limit && !this.stats.stopped) {
        this.stats.stopped = `Stopped calling ${this.options.destination} after ${limit} failed calls in a row (${this.stats.lastError}); the other messages were not sent.`;
      }
      return null;
    }
  }
}

/** A dry-run stage: records the keys that would go to the LLM and answers none of them. */
export class LlmKeyCollector implements LlmStage {
  readonly keys = new Set<string>();
  async classifyKeys(keys: readonly string[]): Promise<ReadonlyMap<string, LlmAnswer>> {
    for (const key of keys) this.keys.add(key);
    return new Map();
  }
}
