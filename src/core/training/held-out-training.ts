/**
 * The training workspace's training: labelled rows in, a measured bundle out.
 *
 * 1. A stratified split (seeded) holds out `testFraction` of every class.
 * 2. A model is trained on the rest and classifies the held-out lines end to end (source routes,
 *    rules, model) with the confidence threshold at 0, which gives every line's top probability.
 * 3. From that one pass: the metrics at the chosen threshold (heldOutMetrics, as `eval`) and the
 *    threshold curve (accuracy and share sent onwards for every threshold).
 * 4. The bundle that is returned is trained on ALL rows, with those metrics stored in it. The
 *    held-out numbers are therefore an estimate for a model trained on slightly less data (a
 *    little pessimistic); in exchange no labelled line is wasted – which matters most for the
 *    rare classes – and the bundle's class counts are the training set's, so the minSamples
 *    status the user sees before training is the one the bundle applies.
 *
 * The same rows, options and seed give the same bundle (weights, metrics; not createdAt): the
 * split is seeded and the L-BFGS fit starts from zero.
 */
import type { ModelBundle } from '../bundle.ts';
import { Classifier } from '../classifier.ts';
import { InputError } from '../errors.ts';
import { heldOutMetrics, maskingConflicts, stratifiedSplit } from './evaluate.ts';
import { DEFAULT_HOLD_OUT } from './hold-out.ts';
import { createEmbedder } from '../features/registry.ts';
import type { EvalMetrics } from './metrics.ts';
import { thresholdCurve, type HeldOutAnswer, type ThresholdCurve } from './threshold-curve.ts';
import { trainBundle, type LabelledRow, type TrainOptions } from './train.ts';
import { UNCLASSIFIED, type Tier } from '../types.ts';

/** Held-out metrics as the workspace stores them in a bundle's `metrics`. */
export interface WorkspaceMetrics extends EvalMetrics {
  trainRows: number;
  testRows: number;
  testFraction: number;
  seed: number | string;
  /** The thresholds the metrics were measured at. */
  confidence: number;
  minSamples: number;
  curve: ThresholdCurve;
  maskingConflicts: { keys: number; rows: number };
}

export type WorkspacePhase = 'held-out' | 'measure' | 'final';

export interface WorkspaceOptions extends Omit<TrainOptions, 'metrics' | 'onProgress'> {
  testFraction?: number;
  seed?: number | string;
  /** Fraction of all the work, 0..1, and the step it is in. */
  onProgress?(fraction: number, phase: WorkspacePhase): void;
}

export interface WorkspaceResult {
  bundle: ModelBundle;
  metrics: WorkspaceMetrics;
}

const MODEL_TIERS: ReadonlySet<Tier> = new Set(['ngram', 'bert']);

export async function trainWithHeldOut(rows: readonly LabelledRow[], options: WorkspaceOptions): Promise<WorkspaceResult> {
  const testFraction = options.testFraction ?? DEFAULT_HOLD_OUT.testFraction;
  const seed = options.seed ?? DEFAULT_HOLD_OUT.seed;
  const labels = new Set(rows.map((row) => row.label));
  if (labels.size < 2) throw new InputError('Training needs at least two labels in the training set.');
  const split = stratifiedSplit(
    rows.map((row) => row.label),
    testFraction,
    seed,
  );
  if (split.test.length === 0) {
    throw new InputError('The training set is too small to hold rows out for measuring: add more rows (at least two per label).');
  }
  const trainRows = split.train.map((i) => rows[i]);
  const testRows = split.test.map((i) => rows[i]);
  const report = options.onProgress;
  const { onProgress: _ignored, testFraction: _f, seed: _s, ...trainOptions } = options;

  // 1–2. Train on the split, classify the held-out lines with the threshold at 0.
  const heldOut = await trainBundle(trainRows, {
    ...trainOptions,
    name: 'held-out',
    onProgress: (f) => report?.(0.45 * f, 'held-out'),
  });
  report?.(0.45, 'measure');
  const probe = new Classifier(
    { ...heldOut, thresholds: { ...heldOut.thresholds, confidence: 0 } },
    createEmbedder(heldOut.embedder, options.embedderContext),
  );
  const results = await probe.classify(testRows, options.signal);

  // 3. Metrics at the chosen threshold, and the curve.
  const answers: HeldOutAnswer[] = [];
  const predicted: string[] = [];
  const tiers: Tier[] = [];
  results.forEach((result, i) => {
    const modelAnswered = MODEL_TIERS.has(result.tier);
    // tier "none" here: the top class has too few samples (the threshold is 0).
    if (modelAnswered || result.tier === 'none') {
      answers.push({ confidence: result.confidence, correct: modelAnswered && result.label === testRows[i].label, eligible: modelAnswered });
    }
    if (modelAnswered && result.confidence < options.confidence) {
      predicted.push(UNCLASSIFIED);
      tiers.push('none');
    } else {
      predicted.push(result.label);
      tiers.push(result.tier);
    }
  });
  const evalMetrics = heldOutMetrics(
    trainRows,
    testRows.map((row) => row.label),
    predicted,
    tiers,
    options,
  );
  const metrics: WorkspaceMetrics = {
    ...evalMetrics,
    trainRows: trainRows.length,
    testRows: testRows.length,
    testFraction,
    seed,
    confidence: options.confidence,
    minSamples: options.minSamples,
    curve: thresholdCurve(answers),
    maskingConflicts: maskingConflicts(rows),
  };
  report?.(0.5, 'final');

  // 4. The bundle: every row.
  const bundle = await trainBundle(rows, {
    ...trainOptions,
    metrics,
    onProgress: (f) => report?.(0.5 + 0.5 * f, 'final'),
  });
  return { bundle, metrics };
}

/** The workspace metrics stored in a bundle, when it has them (older bundles and `eval` metrics have no curve). */
export function workspaceMetricsOf(bundle: Pick<ModelBundle, 'metrics'>): WorkspaceMetrics | null {
  const m = bundle.metrics as Partial<WorkspaceMetrics> | null;
  if (!m || typeof m !== 'object' || !m.curve || !Array.isArray(m.curve.points)) return null;
  return m as WorkspaceMetrics;
}
