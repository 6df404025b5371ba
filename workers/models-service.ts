/**
 * The classify worker's embedding models, its `ModelsApi` (workers/models-api.ts): the Models
 * panel's status (pushed to a watcher), importing and deleting models, embeddings for the page, and
 * switching the default bundle to BERT features. Plugged into createClassifyService with its
 * BundleHost and JobRunner (a retraining is one job; `cancel()` aborts it).
 *
 * - Which models are installed, their backend and loading: workers/model-registry.ts.
 * - Retraining the default bundle on a model: workers/models-retrain.ts.
 * - `embedderFor` is what classification uses: it loads the model first (with progress), then
 *   counts the texts the run embeds and the time it took (the throughput the Models panel shows).
 *
 * All I/O (storage, the served list, navigator, how a runtime is built, the training corpus) comes
 * in through ModelsDeps, so Node tests run this with onnxruntime-node and in-memory storage.
 */
import { ModelError } from '../src/core/errors.ts';
import { BERT_ONNX_FILES, bertSpec, createBertEmbedder, type BertDtype, type BertEmbedder } from '../src/core/features/bert.ts';
import type { EmbedOptions, Embedder, EmbedderSpec } from '../src/core/features/embedder.ts';
import { validateModelFiles } from '../src/core/features/model-import.ts';
import { createEmbedder, MissingEmbedderError, type EmbedderContext } from '../src/core/features/registry.ts';
import type { BundleHost } from './bundle-host.ts';
import type { BundleInfo } from './classify-api.ts';
import type { JobRunner } from './job-runner.ts';
import { createModelRegistry, errorMessage, type Entry, type ModelsDeps } from './model-registry.ts';
import { bertDefaultName, fmt, retrainDefault, retrainedSetting } from './models-retrain.ts';
import type {
  EmbedderInUse,
  EmbedResult,
  ImportOutcome,
  ImportProgressCallback,
  ModelActivity,
  ModelFileInput,
  ModelsApi,
  ModelsStatus,
  ModelsWatcher,
  RetrainProgressCallback,
  ThroughputInfo,
} from './models-api.ts';
import { throttle } from './throttle.ts';

export type { ModelsDeps, RuntimeRequest, ServedModel } from './model-registry.ts';
export { bertDefaultName } from './models-retrain.ts';

/** What the models part shares with the classify service: the bundle in use, and the one job at a time. */
export interface ModelsContext {
  bundles: BundleHost;
  jobs: JobRunner;
}

export interface ModelsHost {
  api: ModelsApi;
  /** For the core (training, bundle import): a runtime for a BERT spec, when its model is installed. */
  embedderContext: EmbedderContext;
  /** For classification: the bundle's embedder, its model loaded, its throughput recorded. */
  embedderFor(spec: EmbedderSpec): Promise<Embedder>;
  /** Resolves when the installed models are known (never rejects). */
  ready: Promise<void>;
}




export function createModelsHost(deps: ModelsDeps, ctx: ModelsContext): ModelsHost {
  let lastRun: ThroughputInfo | null = null;
  let activity: ModelActivity | null = null;
  let missing: { model: string } | null = null;
  let watcher: ModelsWatcher | null = null;
  // Declared before use: the registry reports from its start (`ready`) on.
  const registry = createModelRegistry(deps, {
    activity: (next, urgent) => setActivity(next, urgent),
    missing: (model) => {
      missing = { model };
      changed();
    },
  });
  const { entries, ready, installed, runtimeFor, forgetRuntimes, ensureLoaded, entryFor, embedderContext } = registry;

  // ---- status ----

  async function inUse(): Promise<EmbedderInUse | null> {
    try {
      const spec = (await ctx.bundles.current()).bundle.embedder;
      if (spec.id === 'bert') return { id: 'bert', model: spec.model, dim: spec.dim, available: entries.has(spec.model) };
      return { id: 'ngram', model: null, dim: spec.dim, available: true };
    } catch {
      return null;
    }
  }

  async function autoRetrain(current: EmbedderInUse | null): Promise<string | null> {
    if (!current || current.id !== 'ngram') return null;
    const c = await ctx.bundles.current().catch(() => null);
    if (!c?.builtIn) return null;
    for (const entry of entries.values()) {
      if (entry.source !== 'served') continue;
      if ((await registry.store().getSetting(retrainedSetting(entry.id))) === null) return entry.id;
    }
    return null;
  }

  async function status(): Promise<ModelsStatus> {
    await ready;
    const current = await inUse();
    return {
      models: [...entries.values()].map(installed),
      inUse: current,
      lastRun: lastRun && { ...lastRun },
      activity: activity && { ...activity },
      missing: missing && { ...missing },
      persistent: registry.store().persistent,
      autoRetrain: await autoRetrain(current),
    };
  }

  let pushing = false;
  let pushAgain = false;
  async function pushNow(): Promise<void> {
    if (!watcher) return;
    if (pushing) {
      pushAgain = true;
      return;
    }
    pushing = true;
    try {
      do {
        pushAgain = false;
        const w = watcher;
        if (w) await Promise.resolve(w(await status())).catch(() => undefined);
      } while (pushAgain);
    } finally {
      pushing = false;
    }
  }
  const push = throttle<void>(() => void pushNow(), deps.statusIntervalMs ?? 100);
  /** Reports now (state changes) rather than throttled (progress). */
  const changed = () => {
    push.flush();
    void pushNow();
  };

  function setActivity(next: ModelActivity | null, urgent = false): void {
    activity = next;
    if (urgent || next === null) changed();
    else push();
  }

  // ---- runtimes and loading ----

  // ---- throughput ----

  /** Wraps a BertEmbedder: embedding progress goes to the Models panel, texts and time to `lastRun`. */
  function tracked(inner: BertEmbedder, entry: Entry, job: ThroughputInfo['job']): Embedder {
    let texts = 0;
    let ms = 0;
    return {
      spec: inner.spec,
      dim: inner.dim,
      async embed(list: string[], options: EmbedOptions = {}) {
        await ensureLoaded(entry, inner.dtype, options.signal);
        const before = inner.embeddedTexts;
        const started = performance.now();
        try {
          return await inner.embed(list, {
            signal: options.signal,
            onProgress: (done, total) => {
              options.onProgress?.(done, total);
              setActivity({ kind: 'embed', model: entry.id, label: `Embedding ${fmt(done)} of ${fmt(total)} texts`, fraction: total ? done / total : null });
            },
          });
        } finally {
          const now = inner.embeddedTexts - before;
          if (now > 0) {
            texts += now;
            ms += performance.now() - started;
          }
          lastRun = {
            model: entry.id,
            job,
            texts,
            ms,
            perSecond: texts > 0 && ms > 0 ? (texts * 1000) / ms : null,
            device: entry.backend.device,
            dtype: inner.dtype,
            at: new Date().toISOString(),
          };
          setActivity(null);
        }
      },
    };
  }

  async function embedderFor(spec: EmbedderSpec): Promise<Embedder> {
    await ready;
    if (spec.id !== 'bert') return createEmbedder(spec);
    const entry = entries.get(spec.model);
    if (!entry || !deps.runtime) {
      missing = { model: spec.model };
      changed();
      throw new MissingEmbedderError(spec);
    }
    const runtime = await ensureLoaded(entry);
    const inner = createBertEmbedder(spec, runtimeFor(entry) ?? runtime);
    await inner.ready();
    return tracked(inner, entry, 'classify');
  }

  // ---- the API ----

  async function canAutoRetrain(): Promise<boolean> {
    const c = await ctx.bundles.current();
    return c.builtIn || c.bundle.name.startsWith(bertDefaultName(''));
  }

  const api: ModelsApi = {
    modelsStatus: status,

    async watchModels(w: ModelsWatcher) {
      if (watcher && watcher !== w) ctx.jobs.release(watcher);
      watcher = w;
      void pushNow();
    },

    async importModelFiles(files: ModelFileInput[], onProgress?: ImportProgressCallback): Promise<ImportOutcome> {
      await ready;
      const report = (fraction: number, label: string) => {
        onProgress?.(fraction, label);
        setActivity({ kind: 'import', model: '', label, fraction }, true);
      };
      try {
        report(0, `Checking ${files.length} file${files.length === 1 ? '' : 's'}`);
        const model = await validateModelFiles(files.map((f) => ({ path: f.path, file: f.file })));
        // A model with this id may be loaded from older files: forget those.
        if (entries.has(model.id)) {
          await registry.unloadAll();
        }
        const trial: Entry = {
          id: model.id,
          source: 'imported',
          dim: model.dim,
          files: [...model.files].map(([path, blob]) => ({ path, bytes: blob.size })),
          dtypes: model.dtypes,
          blobs: model.files,
          backend: await registry.backendFor(model.dtypes),
          loaded: new Set(),
          importedAt: null,
          verified: model.verified,
        };
        report(0.2, `Loading ${model.id} to check it`);
        forgetRuntimes(model.id);
        try {
          await ensureLoaded(trial);
        } catch (error) {
          await registry.unloadAll();
          throw error instanceof ModelError ? error : new ModelError(`The model could not be loaded: ${errorMessage(error)}`);
        }
        report(0.5, `Storing ${model.id}`);
        const meta = await registry.store().save(
          { id: model.id, dim: model.dim, dtypes: model.dtypes, files: model.files, verified: model.verified },
          (done, total) => report(0.5 + 0.5 * (total ? done / total : 1), `Storing ${model.id}: ${fmt(Math.round(done / 1024))} of ${fmt(Math.round(total / 1024))} KB`),
        );
        // From now on the stored copy is served to transformers.js (the picked files may go away).
        const entry = await registry.addImported(meta, registry.store().persistent ? await registry.store().files(model.id) : model.files);
        entry.backend = trial.backend;
        entry.loaded = trial.loaded;
        forgetRuntimes(model.id);
        if (missing?.model === model.id) missing = null;
        return { model: installed(entry), ignored: model.ignored, retrain: await canAutoRetrain(), status: await status() };
      } finally {
        setActivity(null);
      }
    },

    async deleteModel(id: string) {
      await ready;
      const entry = entries.get(id);
      if (!entry || entry.source !== 'imported') throw new Error(`"${id}" is not an imported model.`);
      const current = await inUse();
      if (current?.model === id) throw new Error(`The bundle in use needs "${id}": switch to another bundle (or the n-gram default) before removing it.`);
      await registry.store().remove(id);
      entries.delete(id);
      forgetRuntimes(id);
      await registry.unloadAll(true);
      changed();
      return status();
    },

    async retrainDefaultOnBert(modelId: string, onProgress?: RetrainProgressCallback): Promise<BundleInfo> {
      await ready;
      return ctx.jobs.run(onProgress, async (job) => {
        try {
          return await retrainDefault(modelId, job, {
            registry,
            bundles: ctx.bundles,
            loadTrainingCorpus: deps.loadTrainingCorpus,
            activity: setActivity,
            measured: (run) => (lastRun = run),
          });
        } finally {
          setActivity(null);
        }
      });
    },

    async useNgramDefault() {
      const info = await ctx.bundles.reset();
      changed();
      return info;
    },

    async useBertDefault(modelId: string, onProgress?: RetrainProgressCallback): Promise<BundleInfo> {
      await ready;
      entryFor(modelId);
      const { storage } = await ctx.bundles.storage();
      const version = (await storage.listVersions()).find((v) => v.embedder === 'bert' && v.name === bertDefaultName(modelId));
      if (version) {
        ctx.jobs.release(onProgress);
        const info = await ctx.bundles.useVersion(version.id);
        changed();
        return info;
      }
      return api.retrainDefaultOnBert(modelId, onProgress);
    },

    async embedTexts(texts: string[], options: { model?: string; dtype?: BertDtype } = {}): Promise<EmbedResult> {
      await ready;
      let model = options.model;
      if (!model) {
        const current = await inUse();
        model = current?.id === 'bert' && current.model ? current.model : entries.keys().next().value;
      }
      if (!model) throw new ModelError('No BERT model is installed: import model files first.');
      const entry = entryFor(model);
      const dtype = options.dtype ?? entry.backend.dtype;
      if (!entry.dtypes.includes(dtype)) throw new ModelError(`The model "${model}" has no ${dtype} file (${BERT_ONNX_FILES[dtype]}).`);
      const runtime = await ensureLoaded(entry, dtype);
      const inner = createBertEmbedder(bertSpec(model, entry.dim!, dtype), { ...runtime, dtype, cacheSize: 0 });
      const embedder = tracked(inner, entry, 'embed');
      const started = performance.now();
      const vectors = (await embedder.embed(texts)) as Float32Array[];
      const ms = performance.now() - started;
      changed();
      return { model, vectors: vectors.map((v) => Array.from(v)), device: entry.backend.device, dtype, ms };
    },

    async dismissMissingModel() {
      missing = null;
      changed();
    },
  };

  return { api, embedderContext, embedderFor, ready };
}
