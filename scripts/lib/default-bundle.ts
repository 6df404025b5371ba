/**
 * How the built-in bundle is made: the generated corpus and the settings of
 * src/core/generate/training-corpus.ts, the default rules, routes and thresholds. One place, so
 * that `npm run bundle:default`, `bench:corpus` and `bench:real-logs --hold-out` train alike.
 */
import type { ModelBundle } from '../../src/core/bundle.ts';
import { DEFAULT_RULES, DEFAULT_SOURCE_ROUTES, DEFAULT_THRESHOLDS } from '../../src/core/defaults.ts';
import { DEFAULT_NGRAM_SPEC } from '../../src/core/features/ngram.ts';
import { BUILT_IN_CORPUS, BUILT_IN_TRAINING, generateTrainingCorpus, type TrainingCorpusOptions, type TrainingCorpusRow } from '../../src/core/generate/training-corpus.ts';
import type { EvalMetrics } from '../../src/core/training/metrics.ts';
import { trainBundle } from '../../src/core/training/train.ts';

export const DEFAULT_BUNDLE_NAME = 'Built-in default (generated system and application logs)';

export const DEFAULT_SETTINGS = { rules: DEFAULT_RULES, sourceRoutes: DEFAULT_SOURCE_ROUTES, ...DEFAULT_THRESHOLDS };
export const DEFAULT_TRAINING = { ...BUILT_IN_TRAINING, embedder: DEFAULT_NGRAM_SPEC };

export function defaultCorpusRows(excludeGroups?: readonly string[], corpus: Partial<TrainingCorpusOptions> = {}): TrainingCorpusRow[] {
  return [...generateTrainingCorpus({ ...BUILT_IN_CORPUS, ...corpus, excludeGroups })];
}

export interface DefaultBundleOptions {
  excludeGroups?: readonly string[];
  metrics?: EvalMetrics | null;
  onProgress?(fraction: number): void;
  /** Experiments only: other corpus sizes or training settings than the built-in ones. */
  corpus?: Partial<TrainingCorpusOptions>;
  training?: Partial<typeof DEFAULT_TRAINING>;
}

export async function trainDefaultBundle(options: DefaultBundleOptions = {}): Promise<ModelBundle> {
  const rows = defaultCorpusRows(options.excludeGroups, options.corpus);
  return trainBundle(rows, {
    ...DEFAULT_SETTINGS,
    ...DEFAULT_TRAINING,
    ...options.training,
    name: DEFAULT_BUNDLE_NAME,
    metrics: options.metrics,
    onProgress: options.onProgress,
  });
}
