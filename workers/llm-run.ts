/**
 * The LLM tier inside a classify-worker run. The engine lives in the LLM worker; the page hands
 * the classify worker a set of hooks (a comlink proxy) that reach it and the confirmation dialog.
 *
 * For a remote LLM, a run is two passes over the file, as the core intends: a dry run with
 * LlmKeyCollector finds the distinct masked messages tier 3 would get; the page lists the ones
 * that would be sent (not cached, as redacted) and the host; after "Send" the real run asks the LLM (tiers 1–2
 * stay cached in the classifier, so the second pass costs parsing only). A local LLM needs no
 * confirmation: nothing leaves the device.
 *
 * The tier-`llm` rows of the real run become review items, each with the distinct lines that
 * carry its key (so accepting one adds those lines to the training set).
 */
import type { ModelBundle } from '../src/core/bundle.ts';
import type { Classifier } from '../src/core/classifier.ts';
import { CancelledError, raceAbort } from '../src/core/errors.ts';
import { LlmKeyCollector, type LlmAnswer, type LlmStage } from '../src/core/llm/llm-tier.ts';
import { MAX_ROWS_PER_ITEM, ReviewCollector, type ReviewItem } from '../src/core/llm/review.ts';
import { maskMessage } from '../src/core/message-key.ts';
import type { ResultBatch, RunSummary } from '../src/core/run-report.ts';
import type { KeyCount, PromptBundle, RunStart } from './llm-api.ts';

export type LlmRunPhase = 'counting' | 'confirm' | 'classifying';

/** What the confirmation shows: the messages and instructions as they would be sent, the host and the exact URL. */
export interface LlmConfirmation extends KeyCount {
  destination: string;
  endpoint: string;
  model: string;
  instructions: string;
}

/** A review item with the distinct lines (source, message) that carry its key, at most MAX_ROWS_PER_ITEM. */
export interface LlmReviewItem extends ReviewItem {
  lines: Array<{ message: string; source: string }>;
}

export interface LlmRunOutcome {
  review: LlmReviewItem[];
  /** The user chose not to send. */
  declined: boolean;
  cancelled: boolean;
  /** The user cancelled the LLM step: the run went on without it. */
  stopped: boolean;
}

/** What the page gives the classify worker for a run with the LLM tier (every method answers a promise). */
export interface LlmRunHooks {
  /** Prepares the LLM for this run; null when no LLM is used (off, or not ready: the page says why). */
  begin(bundle: PromptBundle): Promise<RunStart | null>;
  count(keys: string[]): Promise<KeyCount>;
  /** Shows the confirmation; true: send. */
  confirm(info: LlmConfirmation): Promise<boolean>;
  classifyKeys(keys: string[]): Promise<Array<[string, LlmAnswer]>>;
  cancel(): Promise<void>;
  phase(phase: LlmRunPhase): Promise<void>;
  finish(outcome: LlmRunOutcome): Promise<void>;
}


const isCancelled = (error: unknown) => error instanceof CancelledError || (error as { name?: string })?.name === 'CancelledError';

/**
 * Tier 3 through the hooks. Frozen after the run: a later output build reuses the classifier's
 * answers and asks nothing. Stopped by the user: the call in flight is given up and no other is
 * made, so the run goes on with what rules and the model label (the rest stays `llm-pending`).
 */
class HookStage implements LlmStage {
  frozen = false;
  private readonly stopping = new AbortController();
  constructor(private readonly hooks: LlmRunHooks) {}

  get stopped(): boolean {
    return this.stopping.signal.aborted;
  }

  /** Stops asking the LLM; false when it was not asking anything any more. */
  stop(): boolean {
    if (this.frozen || this.stopped) return false;
    this.stopping.abort();
    void this.hooks.cancel().catch(() => {});
    return true;
  }

  async classifyKeys(keys: readonly string[], signal?: AbortSignal): Promise<ReadonlyMap<string, LlmAnswer>> {
    if (this.frozen || this.stopped || keys.length === 0) return new Map();
    if (signal?.aborted) throw new CancelledError();
    const onAbort = () => void this.hooks.cancel().catch(() => {});
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      const call = this.hooks.classifyKeys([...keys]);
      return new Map(await raceAbort(raceAbort(call, this.stopping.signal), signal));
    } catch (error) {
      if (signal?.aborted) throw new CancelledError();
      if (this.stopped) return new Map();
      if (isCancelled(error)) throw new CancelledError();
      throw error;
    } finally {
      signal?.removeEventListener('abort', onAbort);
    }
  }
}

export function promptBundleOf(bundle: ModelBundle): PromptBundle {
  return {
    labels: [...bundle.labels],
    classCounts: { ...bundle.classCounts },
    thresholds: { minSamples: bundle.thresholds.minSamples },
    ...(bundle.examples ? { examples: structuredClone(bundle.examples) } : {}),
  };
}

export class LlmRun {
  private readonly review = new ReviewCollector();
  private readonly lines = new Map<string, Map<string, { message: string; source: string }>>();
  private declined = false;
  private constructor(
    private readonly hooks: LlmRunHooks,
    private readonly stage: HookStage | null,
  ) {}

  /**
   * Sets up tier 3 on `classifier` for the real run. `dryRun` classifies the input once without
   * output (used for the confirmation count). Resolves with the dry run's summary when it was
   * cancelled (the run is over), else with the LlmRun (null: no LLM this run).
   */
  static async prepare(
    hooks: LlmRunHooks,
    bundle: ModelBundle,
    classifier: Classifier,
    signal: AbortSignal,
    dryRun: () => Promise<RunSummary>,
  ): Promise<LlmRun | RunSummary | null> {
    const start = await hooks.begin(promptBundleOf(bundle));
    if (!start) return null;
    const run = new LlmRun(hooks, new HookStage(hooks));
    try {
      if (start.remote) {
        await hooks.phase('counting');
        const collector = new LlmKeyCollector();
        classifier.llm = collector;
        const dry = await dryRun();
        classifier.llm = null;
        if (dry.cancelled) {
          await run.finish(true);
          return dry;
        }
        const count = await raceAbort(hooks.count([...collector.keys]), signal);
        if (count.toSend > 0) {
          await hooks.phase('confirm');
          const ok = await raceAbort(hooks.confirm({ ...count, destination: start.destination, endpoint: start.endpoint, model: start.model, instructions: start.instructions }), signal);
          if (!ok) {
            run.declined = true;
            return run;
          }
        }
      }
      classifier.llm = run.stage;
      await hooks.phase('classifying');
      return run;
    } catch (error) {
      classifier.llm = null;
      await run.finish(true).catch(() => {});
      if (isCancelled(error)) return { ...emptySummary(), cancelled: true };
      throw error;
    }
  }

  /** Feeds the review list (onResults of the real run). */
  collect(batch: ResultBatch): void {
    this.review.add(batch);
    batch.results.forEach((result, i) => {
      if (result.tier !== 'llm') return;
      const record = batch.records[i];
      const key = maskMessage(record.message);
      let lines = this.lines.get(key);
      if (!lines) this.lines.set(key, (lines = new Map()));
      if (lines.size < MAX_ROWS_PER_ITEM) lines.set(`${record.source}\u0000${record.message}`, { message: record.message, source: record.source });
    });
  }

  /** Whether the user stopped the LLM step (the run went on without it). */
  get stopped(): boolean {
    return !!this.stage?.stopped;
  }

  /**
   * Cancel during the LLM step: stops asking the LLM, and the run goes on with rules and the
   * model. False when the LLM is not being asked (declined, or already stopped): Cancel then
   * stops the run.
   */
  stopLlm(): boolean {
    return !this.declined && !!this.stage?.stop();
  }

  /** Ends the run: the review list goes to the page; the stage asks nothing more. */
  async finish(cancelled: boolean): Promise<void> {
    const stopped = this.stopped;
    if (this.stage) this.stage.frozen = true;
    const review = cancelled
      ? []
      : this.review.items().map((item) => ({ ...item, lines: [...(this.lines.get(item.key)?.values() ?? [])] }));
    await this.hooks.finish({ review, declined: this.declined, cancelled, stopped });
  }
}

function emptySummary(): RunSummary {
  return { rows: 0, byLabel: {}, byTier: { regex: 0, ngram: 0, bert: 0, llm: 0, 'llm-pending': 0, none: 0 }, unsure: 0, distinctKeys: 0, warnings: [], warningCount: 0, elapsedMs: 0, cancelled: false, columns: [] };
}
