/**
 * The router: for each record, source routes first, then tier 1 (rules), then tier 2 (the
 * model), then – when one is given – tier 3 (the LLM) for the rows still undecided (routed, a
 * rare top class, below the threshold), else Unclassified. Tiers 2 and 3 run once per distinct
 * masked message: their decisions are cached by key, and a batch embeds only the keys it has
 * not seen.
 */
import { modelOfBundle, type ModelBundle } from './bundle.ts';
import type { Embedder } from './features/embedder.ts';
import { createEmbedder } from './features/registry.ts';
import type { LlmStage } from './llm/llm-tier.ts';
import { predictProba, type LogisticModel } from './logreg.ts';
import { maskMessage } from './message-key.ts';
import { compileRules, type CompiledRules } from './rules/rules.ts';
import type { SharedDecisions } from './scale/shared-keys.ts';
import { isBlank, UNCLASSIFIED, type Classification, type LogRecord, type Tier } from './types.ts';

const EMPTY: Classification = Object.freeze({ label: UNCLASSIFIED, tier: 'none', confidence: 0 });
/** Routed to the LLM, or left for it: the LLM tier did not answer (off, declined, failed, stopped). */
const ROUTED_TO_LLM: Classification = Object.freeze({ label: UNCLASSIFIED, tier: 'llm-pending', confidence: 0 });

export class Classifier {
  readonly bundle: ModelBundle;
  private readonly rules: CompiledRules;
  private readonly model: LogisticModel;
  private readonly embedder: Embedder;
  private readonly modelTier: Tier;
  private readonly routedSources: Set<string>;
  private readonly ruleResults = new Map<string, Classification>();
  private readonly modelCache = new Map<string, Classification>();
  /** For each label index: may the model tier answer with it? */
  private readonly predictable: boolean[];
  private embeddedTexts = 0;
  private llmStage: LlmStage | null;
  private readonly llmResults = new Map<string, Classification>();
  /** In a pool of workers: the cache of decisions by key that the pool shares (scale/shared-keys.ts). */
  private readonly shared: SharedDecisions | null;

  constructor(
    bundle: ModelBundle,
    embedder: Embedder = createEmbedder(bundle.embedder),
    options: { llm?: LlmStage | null; shared?: SharedDecisions | null } = {},
  ) {
    this.bundle = bundle;
    this.rules = compileRules(bundle.rules);
    this.model = modelOfBundle(bundle);
    this.embedder = embedder;
    this.modelTier = bundle.embedder.id;
    this.routedSources = new Set(Object.keys(bundle.sourceRoutes).filter((source) => bundle.sourceRoutes[source] === 'llm'));
    this.predictable = bundle.labels.map((label) => (bundle.classCounts[label] ?? 0) >= bundle.thresholds.minSamples);
    this.llmStage = options.llm ?? null;
    this.shared = options.shared ?? null;
  }

  /** Tier 3, when configured. Setting it (null: classify without the LLM) forgets the LLM's earlier answers. */
  get llm(): LlmStage | null {
    return this.llmStage;
  }

  set llm(stage: LlmStage | null) {
    this.llmStage = stage;
    this.llmResults.clear();
  }

  /** Distinct masked messages that reached the model tier so far. */
  get distinctKeys(): number {
    return this.modelCache.size;
  }

  /** Texts handed to the embedder so far: equals distinctKeys, as each key is embedded once. */
  get embeddingCalls(): number {
    return this.embeddedTexts;
  }

  async classify(records: readonly LogRecord[], signal?: AbortSignal): Promise<Classification[]> {
    const results: Classification[] = new Array(records.length);
    const waiting = new Map<string, number[]>();
    const routes = this.routedSources.size > 0;
    for (let i = 0; i < records.length; i++) {
      const record = records[i];
      const message = record.message;
      if (isBlank(message)) {
        results[i] = EMPTY;
        continue;
      }
      if (routes && this.routedSources.has(record.source)) {
        results[i] = ROUTED_TO_LLM;
        continue;
      }
      const ruleLabel = this.rules.match(message);
      if (ruleLabel !== null) {
        results[i] = this.ruleResult(ruleLabel);
        continue;
      }
      const key = maskMessage(message);
      const cached = this.modelCache.get(key);
      if (cached) {
        results[i] = cached;
        continue;
      }
      const rows = waiting.get(key);
      if (rows) rows.push(i);
      else waiting.set(key, [i]);
    }

    if (waiting.size > 0) {
      const settle = (key: string, decision: Classification) => {
        this.modelCache.set(key, decision);
        for (const i of waiting.get(key)!) results[i] = decision;
      };
      let keys = [...waiting.keys()];
      let pending: string[] = [];
      if (this.shared) {
        // Embed only the keys no worker of the pool has decided or is deciding.
        const claim = await this.shared.claim(keys);
        for (const [key, decision] of claim.known) settle(key, decision);
        keys = claim.mine;
        pending = claim.pending;
      }
      const vectors = keys.length ? await this.embedder.embed(keys, { signal }) : [];
      this.embeddedTexts += keys.length;
      const decided: [string, Classification][] = keys.map((key, k) => [key, this.decide(predictProba(this.model, vectors[k]))]);
      for (const [key, decision] of decided) settle(key, decision);
      if (this.shared) {
        this.shared.publish(decided);
        if (pending.length) for (const [key, decision] of await this.shared.wait(pending)) settle(key, decision);
      }
    }
    if (this.llmStage) await this.llmPass(this.llmStage, records, results, signal);
    return results;
  }

  /**
   * Tier 3 over the rows tiers 1 and 2 left undecided. A key the LLM did not answer leaves its rows
   * `llm-pending`: Unclassified, and marked as waiting for the LLM rather than as the model's doubt.
   */
  private async llmPass(llm: LlmStage, records: readonly LogRecord[], results: Classification[], signal?: AbortSignal): Promise<void> {
    const waiting = new Map<string, number[]>();
    results.forEach((result, i) => {
      if (result === EMPTY || (result.tier !== 'none' && result.tier !== 'llm-pending')) return;
      const key = maskMessage(records[i].message);
      const known = this.llmResults.get(key);
      if (known) {
        results[i] = known;
        return;
      }
      const rows = waiting.get(key);
      if (rows) rows.push(i);
      else waiting.set(key, [i]);
    });
    if (waiting.size === 0) return;
    const answers = await llm.classifyKeys([...waiting.keys()], signal);
    for (const [key, rows] of waiting) {
      if (!answers.has(key)) for (const i of rows) results[i] = ROUTED_TO_LLM;
    }
    for (const [key, answer] of answers) {
      const rows = waiting.get(key);
      if (!rows) continue;
      const decision: Classification = Object.freeze({
        label: answer.label,
        tier: 'llm' as const,
        confidence: answer.label === UNCLASSIFIED ? 0 : 1,
        reason: answer.reason,
        ...(answer.review ? { review: answer.review } : {}),
      });
      this.llmResults.set(key, decision);
      for (const i of rows) results[i] = decision;
    }
  }

  private ruleResult(label: string): Classification {
    let result = this.ruleResults.get(label);
    if (!result) {
      result = Object.freeze({ label, tier: 'regex' as const, confidence: 1 });
      this.ruleResults.set(label, result);
    }
    return result;
  }

  private decide(probabilities: Float64Array): Classification {
    let best = 0;
    for (let k = 1; k < probabilities.length; k++) if (probabilities[k] > probabilities[best]) best = k;
    const confidence = probabilities[best];
    if (!this.predictable[best] || confidence < this.bundle.thresholds.confidence) {
      return Object.freeze({ label: UNCLASSIFIED, tier: 'none' as const, confidence });
    }
    return Object.freeze({ label: this.bundle.labels[best], tier: this.modelTier, confidence });
  }
}
