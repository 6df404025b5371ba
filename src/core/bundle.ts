/**
 * The model bundle: everything needed to classify, as versioned JSON. Stored in IndexedDB,
 * exported and imported as a file, read by the CLI. Unknown formats and newer versions are
 * refused with a message that says what is wrong, never loaded half-way.
 */
import { BundleError } from './errors.ts';
import { BERT_DTYPES, bertSpec, type BertDtype, type BertSpec } from './features/bert.ts';
import type { EmbedderSpec, NgramSpec } from './features/embedder.ts';
import type { LogisticModel } from './logreg.ts';
import type { EvalMetrics } from './training/metrics.ts';
import { ruleProblem } from './rules/rules.ts';
import type { Rule, SourceRoutes } from './types.ts';

export const BUNDLE_FORMAT = 'logsift-bundle';
export const BUNDLE_VERSION = 1;

export interface Thresholds {
  /** A class with fewer training examples than this is never predicted by the model tier. */
  minSamples: number;
  /** The model's answer is accepted only when its top probability is at least this. */
  confidence: number;
}

/**
 * The confidence threshold is the one that gives the best macro-F1 on lines of software the
 * model has not seen (`npm run bench:corpus`, leave-one-area-out on generated lines: 0.751 at
 * 0.45, 0.744 at 0.5, 0.749 at 0.4); from 0.35 to 0.5 the curve is nearly flat.
 */
export const DEFAULT_THRESHOLDS: Thresholds = { minSamples: 10, confidence: 0.45 };

export interface ModelBundle {
  format: typeof BUNDLE_FORMAT;
  version: number;
  name: string;
  labels: string[];
  rules: Rule[];
  sourceRoutes: SourceRoutes;
  embedder: EmbedderSpec;
  /** Base64 of little-endian float32, feature-major: weights[feature * labels.length + label]. */
  weights: string;
  bias: number[];
  /** Training examples per label. */
  classCounts: Record<string, number>;
  thresholds: Thresholds;
  createdAt: string;
  /** Held-out metrics measured when the bundle was trained, when there were any. */
  metrics: EvalMetrics | null;
  /**
   * A few masked training messages per rare class (fewer than minSamples examples): the LLM
   * tier's few-shot examples. Optional: older bundles have none.
   */
  examples?: Record<string, string[]>;
}

/** Limits on `examples`, so a bundle cannot smuggle a huge prompt. */
export const MAX_EXAMPLES_PER_LABEL = 20;
export const MAX_EXAMPLE_CHARS = 2000;

export function encodeFloat32(values: Float32Array): string {
  const bytes = new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
  let binary = '';
  const step = 0x8000;
  for (let i = 0; i < bytes.length; i += step) binary += String.fromCharCode(...bytes.subarray(i, i + step));
  return btoa(binary);
}

export function decodeFloat32(base64: string): Float32Array {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return new Float32Array(bytes.buffer);
}

/** Decoded models by bundle: a pool worker builds a classifier per run from the same bundle. */
const decodedModels = new WeakMap<ModelBundle, LogisticModel>();

/** The bundle's logistic model, decoded once per bundle object (the model is never changed in place). */
export function modelOfBundle(bundle: ModelBundle): LogisticModel {
  let model = decodedModels.get(bundle);
  if (!model) {
    model = {
      dim: bundle.embedder.dim,
      classes: bundle.labels.length,
      weights: decodeFloat32(bundle.weights),
      bias: Float64Array.from(bundle.bias),
    };
    decodedModels.set(bundle, model);
  }
  return model;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function fail(problem: string): never {
  throw new BundleError(`This is not a usable logsift model bundle: ${problem}.`);
}

function checkEmbedder(value: unknown): EmbedderSpec {
  if (!isRecord(value) || typeof value.id !== 'string') fail('it does not say which embedder it was trained with');
  if (value.id === 'bert') return checkBertSpec(value);
  if (value.id !== 'ngram') {
    throw new BundleError(
      `This bundle needs the "${value.id}" embedder, which is not available here. Install that embedder, or use a bundle trained with the n-gram embedder.`,
    );
  }
  const spec = value as unknown as NgramSpec;
  const isPowerOfTwo = Number.isInteger(spec.dim) && spec.dim > 0 && (spec.dim & (spec.dim - 1)) === 0;
  const isGramList = (grams: unknown) =>
    Array.isArray(grams) && grams.every((n) => Number.isInteger(n) && n >= 1 && n <= 8);
  if ((spec.version !== 1 && spec.version !== 2) || !isPowerOfTwo || !isGramList(spec.wordNgrams) || !isGramList(spec.charNgrams)) {
    fail('its n-gram embedder settings are invalid');
  }
  return spec;
}

/** A BERT spec is checked for shape only; whether its model is installed is for createEmbedder to say. */
function checkBertSpec(value: Record<string, unknown>): BertSpec {
  if (
    value.version !== 1 ||
    typeof value.model !== 'string' ||
    value.model.trim() === '' ||
    !Number.isInteger(value.dim) ||
    (value.dim as number) < 1 ||
    !BERT_DTYPES.includes(value.dtype as BertDtype) ||
    value.pooling !== 'mean' ||
    value.normalize !== true
  ) {
    fail('its BERT embedder settings are invalid');
  }
  return bertSpec(value.model as string, value.dim as number, value.dtype as BertDtype);
}

/** Parses and checks a bundle file; throws BundleError with a readable reason. */
export function parseBundle(json: string): ModelBundle {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch {
    fail('the file is not JSON');
  }
  if (!isRecord(data)) fail('the file does not hold a JSON object');
  if (data.format !== BUNDLE_FORMAT) fail(`its format is ${JSON.stringify(data.format ?? null)}, expected "${BUNDLE_FORMAT}"`);
  if (typeof data.version !== 'number' || !Number.isInteger(data.version) || data.version < 1) fail('it has no valid version');
  if (data.version > BUNDLE_VERSION) {
    throw new BundleError(
      `This bundle is format version ${data.version}, newer than this logsift understands (${BUNDLE_VERSION}). Update logsift to use it.`,
    );
  }
  const labels = data.labels;
  if (!Array.isArray(labels) || labels.length < 1 || !labels.every((l) => typeof l === 'string' && l.trim() !== '')) {
    fail('it has no list of labels');
  }
  if (new Set(labels).size !== labels.length) fail('its labels repeat');
  const embedder = checkEmbedder(data.embedder);
  if (typeof data.weights !== 'string') fail('it has no weights');
  let weights: Float32Array;
  try {
    weights = decodeFloat32(data.weights);
  } catch {
    fail('its weights are not valid base64');
  }
  if (weights.length !== embedder.dim * labels.length) {
    fail(`it has ${weights.length} weights, expected ${embedder.dim} × ${labels.length}`);
  }
  if (!weights.every(Number.isFinite)) fail('its weights contain non-finite numbers');
  if (!Array.isArray(data.bias) || data.bias.length !== labels.length || !data.bias.every(Number.isFinite)) {
    fail('its bias does not match its labels');
  }
  if (!Array.isArray(data.rules)) fail('it has no rule list');
  const rules = data.rules as Rule[];
  rules.forEach((rule, i) => {
    if (!isRecord(rule) || typeof rule.enabled !== 'boolean') fail(`rule ${i + 1} is malformed`);
    const problem = ruleProblem(rule);
    if (problem) fail(`rule ${i + 1} (/${rule.pattern}/ → ${rule.label}): ${problem}`);
  });
  if (!isRecord(data.sourceRoutes) || !Object.values(data.sourceRoutes).every((route) => route === 'llm')) {
    fail('its source routes are malformed');
  }
  if (!isRecord(data.classCounts) || !Object.values(data.classCounts).every((n) => Number.isInteger(n) && (n as number) >= 0)) {
    fail('its class counts are malformed');
  }
  const thresholds = data.thresholds;
  if (
    !isRecord(thresholds) ||
    !Number.isInteger(thresholds.minSamples) ||
    (thresholds.minSamples as number) < 0 ||
    typeof thresholds.confidence !== 'number' ||
    thresholds.confidence < 0 ||
    thresholds.confidence > 1
  ) {
    fail('its thresholds are malformed (minSamples ≥ 0, 0 ≤ confidence ≤ 1)');
  }
  return {
    format: BUNDLE_FORMAT,
    version: data.version,
    name: typeof data.name === 'string' ? data.name : 'Unnamed bundle',
    labels,
    rules,
    sourceRoutes: data.sourceRoutes as SourceRoutes,
    embedder,
    weights: data.weights,
    bias: data.bias as number[],
    classCounts: data.classCounts as Record<string, number>,
    thresholds: { minSamples: thresholds.minSamples as number, confidence: thresholds.confidence },
    createdAt: typeof data.createdAt === 'string' ? data.createdAt : '',
    metrics: isRecord(data.metrics) ? (data.metrics as unknown as EvalMetrics) : null,
    ...(data.examples === undefined ? {} : { examples: checkExamples(data.examples, labels) }),
  };
}

function checkExamples(value: unknown, labels: string[]): Record<string, string[]> {
  if (!isRecord(value)) fail('its examples are malformed (expected label → list of messages)');
  for (const [label, messages] of Object.entries(value)) {
    if (!labels.includes(label)) fail(`its examples name the unknown label "${label}"`);
    if (
      !Array.isArray(messages) ||
      messages.length > MAX_EXAMPLES_PER_LABEL ||
      !messages.every((m) => typeof m === 'string' && m.trim() !== '' && m.length <= MAX_EXAMPLE_CHARS)
    ) {
      fail(`its examples for "${label}" are malformed (at most ${MAX_EXAMPLES_PER_LABEL} non-empty messages of at most ${MAX_EXAMPLE_CHARS} characters)`);
    }
  }
  return value as Record<string, string[]>;
}

export function serializeBundle(bundle: ModelBundle): string {
  return JSON.stringify(bundle, null, 1);
}
