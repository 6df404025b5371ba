/**
 * One LLM run as the LLM worker holds it between the page's calls: the tier (the engine, the
 * prompt, the answer cache), the confirmation that lets a remote run send anything, the retries
 * counted, cancel, and the throttled progress that reaches the page. workers/llm-service.ts starts
 * one per classification (beginRun) and ends it (endRun).
 */
import { CancelledError } from '../src/core/errors.ts';
import { LlmTier, type LlmTierOptions } from '../src/core/llm/llm-tier.ts';
import type { LlmProgressCallback, LlmRunStats } from './llm-api.ts';
import { throttle } from './throttle.ts';

export interface TierRunOptions extends Omit<LlmTierOptions, 'onProgress' | 'confirm'> {
  /** A remote run sends nothing until `confirm()`; a local one needs no confirmation. */
  remote: boolean;
  onProgress?: LlmProgressCallback;
  progressIntervalMs: number;
}

export class LlmTierRun {
  readonly tier: LlmTier;
  readonly remote: boolean;
  private readonly controller = new AbortController();
  private confirmed: boolean;
  private retries = 0;
  private readonly flush: () => void;

  constructor(private readonly options: TierRunOptions) {
    this.remote = options.remote;
    this.confirmed = !options.remote;
    const report = options.onProgress ? throttle(options.onProgress, options.progressIntervalMs) : undefined;
    this.flush = () => report?.flush();
    const { remote: _remote, onProgress: _onProgress, progressIntervalMs: _interval, ...tierOptions } = options;
    this.tier = new LlmTier({
      ...tierOptions,
      onProgress: report
        ? (p) => {
            try {
              report(p);
            } catch {
              // the page went away; the run goes on
            }
          }
        : undefined,
      // The last guard: nothing leaves the device unless the page confirmed this run.
      confirm: () => this.confirmed,
    });
  }

  /** Counts a remote call that was retried (the remote client reports them). */
  retried(): void {
    this.retries++;
  }

  /** The user agreed to send this run's messages. */
  confirm(): void {
    this.confirmed = true;
  }

  cancel(): void {
    this.controller.abort();
  }

  /** Answers for masked keys; CancelledError after `cancel()`. */
  async classifyKeys(keys: string[]) {
    if (this.controller.signal.aborted) throw new CancelledError();
    const answers = await this.tier.classifyKeys(keys, this.controller.signal);
    this.flush();
    return [...answers];
  }

  /** The run's totals, the last progress sent. */
  end(): LlmRunStats {
    this.flush();
    return { ...this.tier.stats, retries: this.retries, destination: this.tier.destination, model: this.options.model };
  }
}
