/**
 * Held-out evaluation: a stratified split, training on one part, classifying the other end to
 * end (source routes, rules, model) exactly as `classify` would, and scoring it.
 */
import type { ModelBundle } from '../bundle.ts';
import { Classifier } from '../classifier.ts';
import { createEmbedder } from '../features/registry.ts';
import { createRng } from '../generate/random.ts';
import type { LlmStage } from '../llm/llm-tier.ts';
import { maskMessage } from '../message-key.ts';
import { computeMetrics, type EvalMetrics, type MacroLeftOut } from './metrics.ts';
import { trainBundle, type LabelledRow, type TrainOptions } from './train.ts';
import type { SourceRoutes } from '../types.ts';

/** Splits row indices per label, so every class keeps its share in both parts. */
export function stratifiedSplit(
  labels: readonly string[],
  testFraction: number,
  seed: number | string,
): { train: number[]; test: number[] } {
  if (!(testFraction > 0 && testFraction < 1)) throw new RangeError('the test fraction must be between 0 and 1');
  const rng = createRng(seed);
  const byLabel = new Map<string, number[]>();
  labels.forEach((label, i) => {
    const rows = byLabel.get(label);
    if (rows) rows.push(i);
    else byLabel.set(label, [i]);
  });
  const train: number[] = [];
  const test: number[] = [];
  for (const label of [...byLabel.keys()].sort()) {
    const rows = byLabel.get(label)!;
    for (let i = rows.length - 1; i > 0; i--) {
      const j = rng.int(0, i);
      [rows[i], rows[j]] = [rows[j], rows[i]];
    }
    // A class with a single row keeps it for training: it cannot be both learned and tested.
    const testCount = rows.length > 1 ? Math.round(rows.length * testFraction) : 0;
    test.push(...rows.slice(0, testCount));
    train.push(...rows.slice(testCount));
  }
  return { train: train.sort((a, b) => a - b), test: test.sort((a, b) => a - b) };
}

/** Masked keys whose rows carry more than one label: the lines where masking could change a label. */
export function maskingConflicts(rows: readonly LabelledRow[]): { keys: number; rows: number } {
  const labelsByKey = new Map<string, Set<string>>();
  const rowsByKey = new Map<string, number>();
  for (const row of rows) {
    const key = maskMessage(row.message);
    let labels = labelsByKey.get(key);
    if (!labels) labelsByKey.set(key, (labels = new Set()));
    labels.add(row.label);
    rowsByKey.set(key, (rowsByKey.get(key) ?? 0) + 1);
  }
  let keys = 0;
  let conflictRows = 0;
  for (const [key, labels] of labelsByKey) {
    if (labels.size > 1) {
      keys++;
      conflictRows += rowsByKey.get(key)!;
    }
  }
  return { keys, rows: conflictRows };
}

/**
 * The classes the model tier is meant to answer: enough training examples from sources that are
 * not routed to the LLM tier (a routed source's lines never reach the model).
 */
export function modelTierClasses(rows: readonly LabelledRow[], sourceRoutes: SourceRoutes, minSamples: number): string[] {
  const counts = new Map<string, number>();
  for (const row of rows) {
    if (sourceRoutes[row.source] !== 'llm') counts.set(row.label, (counts.get(row.label) ?? 0) + 1);
  }
  return [...counts].filter(([, count]) => count >= minSamples).map(([label]) => label).sort();
}

/**
 * The labels macro-F1 leaves out, and why: a label the model tier never predicts (too few
 * training rows, or rows only from sources routed to the LLM) would score F1 0 by design and
 * hide how well the model does on the labels it answers.
 */
export function macroLeftOut(
  trainRows: readonly LabelledRow[],
  scoredLabels: readonly string[],
  sourceRoutes: SourceRoutes,
  minSamples: number,
): MacroLeftOut[] {
  const modelled = new Map<string, number>();
  const routed = new Map<string, number>();
  for (const row of trainRows) {
    const counts = sourceRoutes[row.source] === 'llm' ? routed : modelled;
    counts.set(row.label, (counts.get(row.label) ?? 0) + 1);
  }
  return [...scoredLabels]
    .sort()
    .filter((label) => (modelled.get(label) ?? 0) < minSamples)
    .map((label) => {
      const trainingRows = modelled.get(label) ?? 0;
      const routedRows = routed.get(label) ?? 0;
      // Enough rows in all, but too few outside the routed sources: routing is why, not the count.
      const reason = trainingRows + routedRows >= minSamples ? 'routed-to-llm' : 'too-few-samples';
      return { label, reason, trainingRows, routedRows, minSamples };
    });
}

/** Metrics of held-out answers, macro-F1 over the labels the model tier answers, with the labels it leaves out and why. */
export function heldOutMetrics(
  trainRows: readonly LabelledRow[],
  truth: readonly string[],
  predicted: readonly string[],
  tiers: readonly string[],
  settings: { sourceRoutes: SourceRoutes; minSamples: number },
): EvalMetrics {
  const metrics = computeMetrics(truth, predicted, tiers, modelTierClasses(trainRows, settings.sourceRoutes, settings.minSamples));
  return { ...metrics, macroLeftOut: macroLeftOut(trainRows, Object.keys(metrics.perClass), settings.sourceRoutes, settings.minSamples) };
}

export interface EvaluationResult extends EvalMetrics {
  trainRows: number;
  testRows: number;
  maskingConflicts: { keys: number; rows: number };
}

export async function evaluate(
  rows: readonly LabelledRow[],
  options: Omit<TrainOptions, 'name' | 'metrics'> & {
    testFraction: number;
    seed: number | string;
    /** Tier 3 for the held-out rows, built from the bundle trained on the split (its labels and examples). */
    llm?: (bundle: ModelBundle) => LlmStage;
  },
): Promise<EvaluationResult> {
  const split = stratifiedSplit(
    rows.map((row) => row.label),
    options.testFraction,
    options.seed,
  );
  const trainRows = split.train.map((i) => rows[i]);
  const testRows = split.test.map((i) => rows[i]);
  const bundle = await trainBundle(trainRows, { ...options, name: 'evaluation' });
  const classifier = new Classifier(bundle, createEmbedder(bundle.embedder, options.embedderContext), { llm: options.llm?.(bundle) });
  const results = await classifier.classify(testRows, options.signal);
  const metrics = heldOutMetrics(
    trainRows,
    testRows.map((row) => row.label),
    results.map((result) => result.label),
    results.map((result) => result.tier),
    options,
  );
  return { ...metrics, trainRows: trainRows.length, testRows: testRows.length, maskingConflicts: maskingConflicts(rows) };
}
