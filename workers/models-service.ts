/**
 * The classify worker's embedding models (the page side): which BERT models this
 * worker can run, on which backend, and the jobs around them. Plugged into createClassifyService
 * like the workspace API; it shares the service's bundle, storage and one-job-at-a-time rule.
 *
 * - Models come from two places: served by the build under /models/ (listed in
 *   /models/index.json, see scripts/lib/models-manifest.ts) and imported by the user (kept in
 *   Cache Storage, src/storage/model-files.ts). An imported model wins over a served one of the
 *   same id.
 * - The backend is chosen per model once: WebGPU when `navigator.gpu.requestAdapter()` gives an
 *   adapter and the fp32/fp16 file is there, else WASM (q8). A model that fails to load on
 *   WebGPU falls back to WASM, and the reason says so.
 * - `embedderContext` hands the core a BertRuntime by spec, synchronously (the core's
 *   createEmbedder is synchronous): everything it needs is read once at start (`ready`).
 * - `embedderFor` is what classification uses: it loads the model first (with progress), then
 *   counts the texts the run embeds and the time it took (the throughput the Models panel shows).
 *
 * All I/O (storage, the served list, navigator, how a runtime is built, the training corpus) comes
 * in through ModelsDeps, so Node tests run this with onnxruntime-node and in-memory storage.
 */
import { parseBundle, type ModelBundle } from '../src/core/bundle.ts';
import { CancelledError, ModelError, raceAbort, throwIfAborted } from '../src/core/errors.ts';
import {
  BERT_ONNX_FILES,
  bertSpec,
  createBertEmbedder,
  loadBertExtractor,
  unloadBertModels,
  type BertDtype,
  type BertEmbedder,
  type BertRuntime,
  type BertSpec,
} from '../src/core/features/bert.ts';
import { pickBertBackend, type BertBackend } from '../src/core/features/bert-browser.ts';
import type { EmbedOptions, Embedder, EmbedderSpec } from '../src/core/features/embedder.ts';
import { validateModelFiles } from '../src/core/features/model-import.ts';
import { createEmbedder, MissingEmbedderError, type EmbedderContext } from '../src/core/features/registry.ts';
import { maskMessage } from '../src/core/masking.ts';
import { BUILT_IN_TRAINING } from '../src/core/generate/training-recipe.ts';
import { trainBundle, type LabelledRow } from '../src/core/train.ts';
import { MemoryModelFileStore, type ModelFileStore } from '../src/storage/model-files.ts';
import type { BundleStorage } from '../src/storage/db.ts';
import type { BundleInfo } from './classify-api.ts';
import type { BundleInUse } from './bundle-in-use.ts';
import type {
  EmbedderInUse,
  EmbedResult,
  ImportOutcome,
  ImportProgressCallback,
  InstalledModel,
  ModelActivity,
  ModelFileInput,
  ModelsApi,
  ModelsStatus,
  ModelsWatcher,
  RetrainProgress,
  RetrainProgressCallback,
  ThroughputInfo,
} from './models-api.ts';
import { throttle } from './throttle.ts';

/** A served model as /models/index.json lists it. */
export interface ServedModel {
  id: string;
  dim: number | null;
  files: { path: string; bytes: number }[];
}

/** What it takes to build a runtime for one model on one backend. */
export interface RuntimeRequest {
  model: string;
  source: 'served' | 'imported';
  /** The files of an imported model (path in its folder → bytes); null for a served one. */
  files: Map<string, Blob> | null;
  backend: BertBackend;
  onLoadProgress(event: unknown): void;
}

export interface ModelsDeps {
  /** Where imported model files are kept (default: memory). */
  store?: () => Promise<ModelFileStore>;
  /** The models the site serves (default: none). */
  servedModels?: () => Promise<ServedModel[]>;
  /** For the WebGPU check (default: none, so WASM). */
  navigator?: { gpu?: unknown };
  /** Builds a BertRuntime (the worker: browserBertRuntime; Node tests: onnxruntime-node). */
  runtime?: (request: RuntimeRequest) => BertRuntime;
  /** The labelled rows the default bundle is retrained on (the worker: the built-in corpus, generated). */
  loadTrainingCorpus?: () => Promise<LabelledRow[]>;
  /** Minimum time between two status reports to the watcher. */
  statusIntervalMs?: number;
}

/** What the models part needs from the classify service. */
export interface ModelsContext {
  storage(): Promise<{ storage: BundleStorage; persistent: boolean }>;
  currentBundle(): Promise<BundleInUse>;
  addAndUse(bundle: ModelBundle, origin: 'trained' | 'imported'): Promise<BundleInfo>;
  useVersion(id: string): Promise<BundleInfo>;
  resetBundle(): Promise<BundleInfo>;
  loadDefaultBundle(): Promise<string>;
  startJob(): AbortController;
  endJob(c: AbortController): void;
  release(cb: unknown): void;
  progressIntervalMs: number;
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

interface Entry {
  id: string;
  source: 'served' | 'imported';
  dim: number | null;
  files: { path: string; bytes: number }[];
  dtypes: BertDtype[];
  blobs: Map<string, Blob> | null;
  backend: BertBackend;
  loaded: Set<string>;
  importedAt: string | null;
  verified: boolean;
}

/** The name of the default bundle retrained on a BERT model: how useBertDefault finds it again. */
export const bertDefaultName = (model: string) => `Default bundle · BERT ${model}`;
const RETRAINED_SETTING = (model: string) => `retrained:${model}`;

const dtypesOf = (paths: Iterable<string>): BertDtype[] => {
  const set = new Set(paths);
  return (Object.keys(BERT_ONNX_FILES) as BertDtype[]).filter((d) => set.has(BERT_ONNX_FILES[d]));
};

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}


const fmt = (n: number) => n.toLocaleString('en-US');

export function createModelsHost(deps: ModelsDeps, ctx: ModelsContext): ModelsHost {
  const entries = new Map<string, Entry>();
  let store: ModelFileStore = new MemoryModelFileStore();
  let lastRun: ThroughputInfo | null = null;
  let activity: ModelActivity | null = null;
  let missing: { model: string } | null = null;
  let watcher: ModelsWatcher | null = null;
  const runtimes = new Map<string, BertRuntime>();

  // ---- start: what is installed, and on which backend ----

  async function backendFor(dtypes: BertDtype[]): Promise<BertBackend> {
    const picked = await pickBertBackend(deps.navigator, { hasFp32: dtypes.includes('fp32'), hasFp16: dtypes.includes('fp16') });
    if (picked.device === 'wasm' && !dtypes.includes('q8')) {
      const dtype = dtypes.includes('fp32') ? 'fp32' : dtypes[0];
      return { ...picked, dtype, reason: `${picked.reason}; the q8 file is not installed, so WASM runs ${dtype}` };
    }
    return picked;
  }

  async function addImported(meta: { id: string; dim: number; dtypes: BertDtype[]; files: { path: string; bytes: number }[]; importedAt: string; verified: boolean }, blobs: Map<string, Blob>): Promise<Entry> {
    const entry: Entry = {
      id: meta.id,
      source: 'imported',
      dim: meta.dim,
      files: meta.files,
      dtypes: meta.dtypes,
      blobs,
      backend: await backendFor(meta.dtypes),
      loaded: new Set(),
      importedAt: meta.importedAt,
      verified: meta.verified,
    };
    entries.set(entry.id, entry);
    return entry;
  }

  const ready = (async () => {
    try {
      store = (await deps.store?.()) ?? store;
    } catch (error) {
      console.warn('logsift: model storage unavailable:', error);
    }
    try {
      for (const served of (await deps.servedModels?.()) ?? []) {
        const dtypes = dtypesOf(served.files.map((f) => f.path));
        if (dtypes.length === 0) continue;
        entries.set(served.id, {
          id: served.id,
          source: 'served',
          dim: served.dim,
          files: served.files,
          dtypes,
          blobs: null,
          backend: await backendFor(dtypes),
          loaded: new Set(),
          importedAt: null,
          verified: true,
        });
      }
    } catch (error) {
      console.warn('logsift: the list of served models could not be read:', error);
    }
    try {
      for (const meta of await store.list()) await addImported(meta, await store.files(meta.id));
    } catch (error) {
      console.warn('logsift: imported models could not be read:', error);
    }
  })();

  // ---- status ----

  function installed(entry: Entry): InstalledModel {
    return {
      id: entry.id,
      dim: entry.dim,
      source: entry.source,
      files: entry.files.map((f) => ({ ...f })),
      bytes: entry.files.reduce((sum, f) => sum + f.bytes, 0),
      dtypes: [...entry.dtypes],
      backend: { ...entry.backend },
      loaded: entry.loaded.size > 0,
      importedAt: entry.importedAt,
      verified: entry.verified,
    };
  }

  async function inUse(): Promise<EmbedderInUse | null> {
    try {
      const spec = (await ctx.currentBundle()).bundle.embedder;
      if (spec.id === 'bert') return { id: 'bert', model: spec.model, dim: spec.dim, available: entries.has(spec.model) };
      return { id: 'ngram', model: null, dim: spec.dim, available: true };
    } catch {
      return null;
    }
  }

  async function autoRetrain(current: EmbedderInUse | null): Promise<string | null> {
    if (!current || current.id !== 'ngram') return null;
    const c = await ctx.currentBundle().catch(() => null);
    if (!c?.builtIn) return null;
    for (const entry of entries.values()) {
      if (entry.source !== 'served') continue;
      if ((await store.getSetting(RETRAINED_SETTING(entry.id))) === null) return entry.id;
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
      persistent: store.persistent,
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

  function onLoadProgress(entry: Entry) {
    return (event: unknown) => {
      const e = event as { status?: string; file?: string; progress?: number };
      if (e.status === 'progress' && e.file) {
        setActivity({ kind: 'load', model: entry.id, label: `Loading ${entry.id}: ${e.file}`, fraction: typeof e.progress === 'number' ? e.progress / 100 : null });
      }
    };
  }

  function runtimeFor(entry: Entry, dtype: BertDtype = entry.backend.dtype): BertRuntime | undefined {
    if (!deps.runtime) return undefined;
    const key = JSON.stringify([entry.id, entry.source, entry.backend.device, dtype]);
    let runtime = runtimes.get(key);
    if (!runtime) {
      runtime = deps.runtime({ model: entry.id, source: entry.source, files: entry.blobs, backend: { ...entry.backend, dtype }, onLoadProgress: onLoadProgress(entry) });
      runtime = { ...runtime, dtype };
      runtimes.set(key, runtime);
    }
    return runtime;
  }

  function forgetRuntimes(id: string): void {
    for (const key of [...runtimes.keys()]) if (JSON.parse(key)[0] === id) runtimes.delete(key);
  }

  /** Loads a model (once per dtype), falling back from WebGPU to WASM when WebGPU cannot run it. */
  async function ensureLoaded(entry: Entry, dtype: BertDtype = entry.backend.dtype, signal?: AbortSignal): Promise<BertRuntime> {
    const runtime = runtimeFor(entry, dtype);
    if (!runtime) throw new MissingEmbedderError(bertSpec(entry.id, entry.dim ?? 0, dtype));
    if (entry.loaded.has(`${entry.backend.device}:${dtype}`)) return runtime;
    setActivity({ kind: 'load', model: entry.id, label: `Loading ${entry.id} (${dtype} on ${entry.backend.device === 'webgpu' ? 'WebGPU' : 'WASM'})`, fraction: null }, true);
    try {
      const extractor = await raceAbort(loadBertExtractor(runtime, dtype), signal);
      const hidden = extractor.model.config.hidden_size ?? null;
      if (entry.dim === null) entry.dim = hidden;
      entry.loaded.add(`${entry.backend.device}:${dtype}`);
      return runtime;
    } catch (error) {
      if (entry.backend.device !== 'webgpu' || error instanceof CancelledError) throw error;
      const wasmDtype: BertDtype = entry.dtypes.includes('q8') ? 'q8' : entry.dtypes.includes('fp32') ? 'fp32' : entry.dtypes[0];
      entry.backend = { device: 'wasm', dtype: wasmDtype, reason: `WebGPU could not run the model (${message(error).split('\n')[0]}), so it runs on WASM` };
      forgetRuntimes(entry.id);
      return ensureLoaded(entry, wasmDtype, signal);
    } finally {
      setActivity(null);
    }
  }

  function entryFor(model: string): Entry {
    const entry = entries.get(model);
    if (!entry) {
      missing = { model };
      changed();
      throw new ModelError(`The BERT model "${model}" is not installed here. Import its files in the Models panel (or npm run models:fetch before the build).`);
    }
    return entry;
  }

  const embedderContext: EmbedderContext = {
    bert: (spec: BertSpec) => {
      const entry = entries.get(spec.model);
      const runtime = entry && runtimeFor(entry);
      if (!runtime) {
        missing = { model: spec.model };
        changed();
      }
      return runtime;
    },
  };

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
    const c = await ctx.currentBundle();
    return c.builtIn || c.bundle.name.startsWith(bertDefaultName(''));
  }

  async function retrain(modelId: string, onProgress: RetrainProgressCallback | undefined, controller: AbortController): Promise<BundleInfo> {
    const signal = controller.signal;
    const report = throttle<RetrainProgress>((p) => {
      onProgress?.(p);
      setActivity({ kind: 'retrain', model: modelId, label: p.label, fraction: p.fraction });
    }, ctx.progressIntervalMs);
    const entry = entryFor(modelId);
    await store.setSetting(RETRAINED_SETTING(modelId), new Date().toISOString());
    report({ phase: 'load', fraction: 0, label: `Loading ${modelId}` });
    report.flush();
    const runtime = await ensureLoaded(entry, entry.backend.dtype, signal);
    const spec = bertSpec(modelId, entry.dim!, entry.backend.dtype);
    report({ phase: 'read', fraction: 0.03, label: 'Generating the training corpus' });
    if (!deps.loadTrainingCorpus) throw new Error('There is no training corpus here to retrain the default bundle on.');
    const rows = await raceAbort(deps.loadTrainingCorpus(), signal);
    const base = parseBundle(await ctx.loadDefaultBundle());
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
    lastRun = { model: modelId, job: 'retrain', texts: keys, ms, perSecond: (keys * 1000) / ms, device: entry.backend.device, dtype: entry.backend.dtype, at: new Date().toISOString() };
    report({ phase: 'save', fraction: 0.97, label: 'Saving the bundle' });
    report.flush();
    return ctx.addAndUse(bundle, 'trained');
  }

  const api: ModelsApi = {
    modelsStatus: status,

    async watchModels(w: ModelsWatcher) {
      if (watcher && watcher !== w) ctx.release(watcher);
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
          await unloadBertModels();
          for (const e of entries.values()) e.loaded.clear();
          runtimes.clear();
        }
        const trial: Entry = {
          id: model.id,
          source: 'imported',
          dim: model.dim,
          files: [...model.files].map(([path, blob]) => ({ path, bytes: blob.size })),
          dtypes: model.dtypes,
          blobs: model.files,
          backend: await backendFor(model.dtypes),
          loaded: new Set(),
          importedAt: null,
          verified: model.verified,
        };
        report(0.2, `Loading ${model.id} to check it`);
        forgetRuntimes(model.id);
        try {
          await ensureLoaded(trial);
        } catch (error) {
          await unloadBertModels();
          for (const e of entries.values()) e.loaded.clear();
          runtimes.clear();
          throw error instanceof ModelError ? error : new ModelError(`The model could not be loaded: ${message(error)}`);
        }
        report(0.5, `Storing ${model.id}`);
        const meta = await store.save(
          { id: model.id, dim: model.dim, dtypes: model.dtypes, files: model.files, verified: model.verified },
          (done, total) => report(0.5 + 0.5 * (total ? done / total : 1), `Storing ${model.id}: ${fmt(Math.round(done / 1024))} of ${fmt(Math.round(total / 1024))} KB`),
        );
        // From now on the stored copy is served to transformers.js (the picked files may go away).
        const entry = await addImported(meta, store.persistent ? await store.files(model.id) : model.files);
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
      await store.remove(id);
      entries.delete(id);
      forgetRuntimes(id);
      await unloadBertModels();
      for (const e of entries.values()) e.loaded.clear();
      changed();
      return status();
    },

    async retrainDefaultOnBert(modelId: string, onProgress?: RetrainProgressCallback): Promise<BundleInfo> {
      await ready;
      const controller = ctx.startJob();
      try {
        return await retrain(modelId, onProgress, controller);
      } catch (error) {
        if (controller.signal.aborted) throw new CancelledError();
        throw error;
      } finally {
        ctx.endJob(controller);
        ctx.release(onProgress);
        setActivity(null);
      }
    },

    async useNgramDefault() {
      const info = await ctx.resetBundle();
      changed();
      return info;
    },

    async useBertDefault(modelId: string, onProgress?: RetrainProgressCallback): Promise<BundleInfo> {
      await ready;
      entryFor(modelId);
      const { storage } = await ctx.storage();
      const version = (await storage.listVersions()).find((v) => v.embedder === 'bert' && v.name === bertDefaultName(modelId));
      if (version) {
        ctx.release(onProgress);
        const info = await ctx.useVersion(version.id);
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

/** For the worker: the served models list from /models/index.json of this site (none when it is absent). */
export async function fetchServedModels(url: string): Promise<ServedModel[]> {
  const res = await fetch(url);
  if (!res.ok) return [];
  const data = (await res.json()) as { models?: ServedModel[] };
  return Array.isArray(data.models) ? data.models : [];
}
