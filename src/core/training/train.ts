/**
 * Training: labelled rows in, a model bundle out. Rows are masked and folded into distinct
 * (masked message, label) pairs weighted by their count, which fits exactly the same model as
 * the full rows (the objective is a weighted sum) at a fraction of the cost.
 */
import { BUNDLE_FORMAT, BUNDLE_VERSION, encodeFloat32, type ModelBundle } from '../bundle.ts';
import { LABEL_COLUMNS, MESSAGE_COLUMNS, SOURCE_COLUMNS, chosenColumn, findColumn, requireColumn } from '../csv/columns.ts';
import { openTable } from '../csv/table.ts';
import { InputError, throwIfAborted } from '../errors.ts';
import type { EmbedderSpec, FeatureVector } from '../features/embedder.ts';
import { DEFAULT_NGRAM_SPEC } from '../features/ngram.ts';
import { createEmbedder, type EmbedderContext } from '../features/registry.ts';
import { llmLabels, pickExamples } from '../llm/prompt.ts';
import { fitLogistic } from '../logreg.ts';
import { maskMessage } from '../message-key.ts';
import type { EvalMetrics } from './metrics.ts';
import { headerWarning, type RowWarning } from '../run-report.ts';
import type { ByteSource } from '../scale/input.ts';
import type { RowFormat } from '../scale/split.ts';
import type { LabelledRow, Rule, SourceRoutes } from '../types.ts';

export type { LabelledRow } from '../types.ts';

/**
 * Reads a labelled CSV (log_message, target_label, optional source); unusable rows are skipped
 * with a warning each, and what the reader found in the rest (csv/read.ts) is told too.
 */
export async function readLabelledRows(
  input: ByteSource,
  kind: RowFormat = 'csv',
  signal?: AbortSignal,
  /** The column that holds the messages, when the user chose one. */
  column?: string,
): Promise<{ rows: LabelledRow[]; warnings: RowWarning[] }> {
  if (kind !== 'csv') throw new InputError('Training needs a CSV file with log_message and target_label columns.');
  const table = await openTable(input, kind);
  const messageIndex = column !== undefined ? chosenColumn(table.header, column) : requireColumn(table.header, MESSAGE_COLUMNS, 'log message');
  const labelIndex = requireColumn(table.header, LABEL_COLUMNS, 'label');
  const sourceIndex = findColumn(table.header, SOURCE_COLUMNS);
  const rows: LabelledRow[] = [];
  const warnings: RowWarning[] = table.headerProblems.map((problem) => ({ row: 0, message: headerWarning(problem) }));
  for await (const batch of table.batches) {
    throwIfAborted(signal);
    for (const problem of batch.problems) warnings.push({ row: batch.firstRow + problem.index, message: problem.message });
    batch.rows.forEach((fields, i) => {
      const message = fields[messageIndex] ?? '';
      const label = (fields[labelIndex] ?? '').trim();
      if (message.trim() === '' || label === '') {
        warnings.push({ row: batch.firstRow + i, message: `skipped: ${message.trim() === '' ? 'no log message' : 'no label'}` });
        return;
      }
      rows.push({ message, label, source: sourceIndex >= 0 ? (fields[sourceIndex] ?? '') : '' });
    });
  }
  if (rows.length === 0) throw new InputError('The file has no labelled rows to train on.');
  // In row order: a batch's reading problems came before its skipped rows.
  warnings.sort((a, b) => a.row - b.row);
  return { rows, warnings };
}

export interface TrainOptions {
  name: string;
  rules: Rule[];
  sourceRoutes: SourceRoutes;
  minSamples: number;
  confidence: number;
  embedder?: EmbedderSpec;
  /** Where a BERT model is, when `embedder` is a BERT spec. */
  embedderContext?: EmbedderContext;
  /** How rows of small classes are weighted (see classWeights); default 'sqrt-balanced'. */
  classWeighting?: 'sqrt-balanced' | 'none';
  /** Inverse L2 strength, as scikit-learn's C. */
  C?: number;
  /** L-BFGS iterations at most (default 300). */
  maxIterations?: number;
  metrics?: EvalMetrics | null;
  signal?: AbortSignal;
  /** Fraction of the work done, 0..1. */
  onProgress?(fraction: number): void;
}

const MAX_ITERATIONS = 300;

/**
 * Per-class sample weights. 'sqrt-balanced' multiplies each row by sqrt(largest class / its class):
 * a softened form of scikit-learn's class_weight='balanced', so that a rare class that has just
 * reached minSamples can win its own lines (this is how rare classes graduate from the LLM tier)
 * without pulling lines of the large classes towards it.
 */
export function classWeights(counts: readonly number[], scheme: 'sqrt-balanced' | 'none'): number[] {
  if (scheme === 'none') return counts.map(() => 1);
  const largest = Math.max(...counts);
  return counts.map((count) => Math.sqrt(largest / count));
}
const EMBED_BATCH = 2048;

export async function trainBundle(rows: readonly LabelledRow[], options: TrainOptions): Promise<ModelBundle> {
  const { signal, onProgress } = options;
  if (rows.length === 0) throw new InputError('There are no labelled rows to train on.');
  const spec = options.embedder ?? DEFAULT_NGRAM_SPEC;
  const embedder = createEmbedder(spec, options.embedderContext);
  const maxIterations = options.maxIterations ?? MAX_ITERATIONS;
  // Share of the progress bar for embedding: most of the work with BERT, little with n-grams.
  const embedShare = spec.id === 'bert' ? 0.8 : 0.1;

  const classCounts: Record<string, number> = {};
  for (const row of rows) classCounts[row.label] = (classCounts[row.label] ?? 0) + 1;
  const labels = Object.keys(classCounts).sort();
  const classWeight = classWeights(labels.map((label) => classCounts[label]), options.classWeighting ?? 'sqrt-balanced');
  const labelIndex = new Map(labels.map((label, i) => [label, i]));

  const pairWeights = new Map<string, number>();
  const pairs: { key: string; target: number }[] = [];
  for (const row of rows) {
    const key = maskMessage(row.message);
    const target = labelIndex.get(row.label)!;
    const pairId = `${target}\u0000${key}`;
    const weight = pairWeights.get(pairId);
    if (weight === undefined) pairs.push({ key, target });
    pairWeights.set(pairId, (weight ?? 0) + 1);
  }

  const features: FeatureVector[] = [];
  for (let start = 0; start < pairs.length; start += EMBED_BATCH) {
    throwIfAborted(signal);
    const keys = pairs.slice(start, start + EMBED_BATCH).map((pair) => pair.key);
    features.push(
      ...(await embedder.embed(keys, { signal, onProgress: (done) => onProgress?.((embedShare * (start + done)) / pairs.length) })),
    );
    onProgress?.(embedShare * Math.min(1, (start + EMBED_BATCH) / pairs.length));
  }

  const fit = await fitLogistic(
    features,
    pairs.map((pair) => pair.target),
    pairs.map((pair) => pairWeights.get(`${pair.target}\u0000${pair.key}`)! * classWeight[pair.target]),
    embedder.dim,
    labels.length,
    {
      C: options.C,
      maxIterations,
      signal,
      onIteration: (iteration) => onProgress?.(embedShare + (1 - embedShare) * (iteration / maxIterations)),
    },
  );
  onProgress?.(1);

  return {
    format: BUNDLE_FORMAT,
    version: BUNDLE_VERSION,
    name: options.name,
    labels,
    rules: options.rules,
    sourceRoutes: options.sourceRoutes,
    embedder: spec,
    weights: encodeFloat32(fit.model.weights),
    bias: Array.from(fit.model.bias),
    classCounts,
    thresholds: { minSamples: options.minSamples, confidence: options.confidence },
    createdAt: new Date().toISOString(),
    metrics: options.metrics ?? null,
    // Few-shot examples for the LLM tier: the classes whose lines the model tier will not answer.
    examples: pickExamples(rows, llmLabels(rows, options.sourceRoutes, options.minSamples)),
  };
}
