/**
 * Retraining the built-in default bundle on a BERT model's features: the built-in training corpus
 * (generated), embedded with the model and fitted with the default's rules, routes and thresholds;
 * the result is stored as a new version ("Default bundle · BERT <model>") and used. Its embedding
 * throughput is what the Models panel shows for the model.
 */
import { raceAbort, throwIfAborted } from '../src/core/errors.ts';
import { bertSpec } from '../src/core/features/bert.ts';
import { BUILT_IN_TRAINING } from '../src/core/generate/training-recipe.ts';
import { maskMessage } from '../src/core/message-key.ts';
import { trainBundle, type LabelledRow } from '../src/core/training/train.ts';
import type { BundleHost } from './bundle-host.ts';
import type { BundleInfo } from './classify-api.ts';
import type { Job } from './job-runner.ts';
import type { ModelRegistry } from './model-registry.ts';
import type { ModelActivity, RetrainProgress, ThroughputInfo } from './models-api.ts';

/** The name of the default bundle retrained on a BERT model: how useBertDefault finds it again. */
export const bertDefaultName = (model: string) => `Default bundle · BERT ${model}`;
/** The model-store setting that says the default was once retrained on a model (so it is not offered again). */
export const retrainedSetting = (model: string) => `retrained:${model}`;

export const fmt = (n: number) => n.toLocaleString('en-US');

export interface RetrainContext {
  registry: ModelRegistry;
  bundles: BundleHost;
  /** The labelled rows the default bundle is retrained on; absent: it cannot be retrained here. */
  loadTrainingCorpus?: () => Promise<LabelledRow[]>;
  /** The Models panel's activity line. */
  activity(next: ModelActivity): void;
  /** The embedding throughput measured. */
  measured(run: ThroughputInfo): void;
}

export async function retrainDefault(modelId: string, { signal, report: toPage }: Job<RetrainProgress>, ctx: RetrainContext): Promise<BundleInfo> {
const { registry } = ctx;
  // The Models panel shows the retraining too (its status reports are throttled on their own).
  const report = Object.assign(
    (p: RetrainProgress) => {
      toPage(p);
      ctx.activity({ kind: 'retrain', model: modelId, label: p.label, fraction: p.fraction });
    },
    { flush: () => toPage.flush() },
  );
  const entry = registry.entryFor(modelId);
  await registry.store().setSetting(retrainedSetting(modelId), new Date().toISOString());
  report({ phase: 'load', fraction: 0, label: `Loading ${modelId}` });
  report.flush();
  const runtime = await registry.ensureLoaded(entry, entry.backend.dtype, signal);
  const spec = bertSpec(modelId, entry.dim!, entry.backend.dtype);
  report({ phase: 'read', fraction: 0.03, label: 'Generating the training corpus' });
  if (!ctx.loadTrainingCorpus) throw new Error('There is no training corpus here to retrain the default bundle on.');
  const rows = await raceAbort(ctx.loadTrainingCorpus(), signal);
  const base = await ctx.bundles.defaultBundle();
  const keys = new Set(rows.map((r) => maskMessage(r.message))).size;
  const started = performance.now();
  let embedMs: number | null = null;
  const EMBED_SHARE = 0.8; // trainBundle's share of its progress for embedding with BERT
  const bundle = await trainBundle(rows, {
    name: bertDefaultName(modelId),
    rules: base.rules,
    sourceRoutes: base.sourceRoutes,
    minSamples: base.thresholds.minSamples,
    confidence: base.thresholds.confidence,
    ...BUILT_IN_TRAINING,
    embedder: spec,
    embedderContext: { bert: runtime },
    signal,
    onProgress: (f) => {
      if (f >= EMBED_SHARE && embedMs === null) embedMs = performance.now() - started;
      const label =
        f < EMBED_SHARE
          ? `Embedding ${fmt(Math.round((f / EMBED_SHARE) * keys))} of ${fmt(keys)} training messages`
          : 'Fitting the model';
      report({ phase: f < EMBED_SHARE ? 'embed' : 'fit', fraction: 0.05 + 0.9 * f, label });
    },
  });
  throwIfAborted(signal);
  const ms: number = embedMs ?? performance.now() - started;
  ctx.measured({ model: modelId, job: 'retrain', texts: keys, ms, perSecond: (keys * 1000) / ms, device: entry.backend.device, dtype: entry.backend.dtype, at: new Date().toISOString() });
  report({ phase: 'save', fraction: 0.97, label: 'Saving the bundle' });
  report.flush();
  return ctx.bundles.addAndUse(bundle, 'trained');
}
