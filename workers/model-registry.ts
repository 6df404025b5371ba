/**
 * The BERT models this worker can run: served by the build under /models/ (listed in
 * /models/index.json, see scripts/lib/models-manifest.ts) and imported by the user (kept in Cache
 * Storage, src/storage/model-files.ts); an imported model wins over a served one of the same id.
 *
 * - The backend is chosen per model once: WebGPU when `navigator.gpu.requestAdapter()` gives an
 *   adapter and the fp32/fp16 file is there, else WASM (q8). A model that fails to load on
 *   WebGPU falls back to WASM, and the reason says so.
 * - `embedderContext` hands the core a BertRuntime by spec, synchronously (the core's
 *   createEmbedder is synchronous): everything it needs is read once at start (`ready`).
 *
 * Loading is reported as the Models panel's activity; a model asked for and not installed is
 * reported as missing (workers/models-service.ts shows both).
 */
import { CancelledError, ModelError, raceAbort } from '../src/core/errors.ts';
import { BERT_ONNX_FILES, bertSpec, loadBertExtractor, unloadBertModels, type BertDtype, type BertRuntime, type BertSpec } from '../src/core/features/bert.ts';
import { pickBertBackend, type BertBackend } from '../src/core/features/bert-browser.ts';
import { MissingEmbedderError, type EmbedderContext } from '../src/core/features/registry.ts';
import type { LabelledRow } from '../src/core/training/train.ts';
import { MemoryModelFileStore, type ModelFileStore } from '../src/storage/model-files.ts';
import type { InstalledModel, ModelActivity } from './models-api.ts';

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

/** An installed model as this worker knows it. */
export interface Entry {
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

/** What the registry tells the Models panel. */
export interface RegistryEvents {
  /** What the models are doing now (null: nothing); `urgent`: report at once rather than throttled. */
  activity(next: ModelActivity | null, urgent?: boolean): void;
  /** A model was asked for that is not installed here. */
  missing(model: string): void;
}

const dtypesOf = (paths: Iterable<string>): BertDtype[] => {
  const set = new Set(paths);
  return (Object.keys(BERT_ONNX_FILES) as BertDtype[]).filter((d) => set.has(BERT_ONNX_FILES[d]));
};


export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export type ModelRegistry = ReturnType<typeof createModelRegistry>;

export function createModelRegistry(deps: ModelsDeps, events: RegistryEvents) {
  const entries = new Map<string, Entry>();
  let store: ModelFileStore = new MemoryModelFileStore();
  const runtimes = new Map<string, BertRuntime>();
  const setActivity = events.activity;

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
      entry.backend = { device: 'wasm', dtype: wasmDtype, reason: `WebGPU could not run the model (${errorMessage(error).split('\n')[0]}), so it runs on WASM` };
      forgetRuntimes(entry.id);
      return ensureLoaded(entry, wasmDtype, signal);
    } finally {
      setActivity(null);
    }
  }

  function entryFor(model: string): Entry {
    const entry = entries.get(model);
    if (!entry) {
      events.missing(model);
      throw new ModelError(`The BERT model "${model}" is not installed here. Import its files in the Models panel (or npm run models:fetch before the build).`);
    }
    return entry;
  }

  const embedderContext: EmbedderContext = {
    bert: (spec: BertSpec) => {
      const entry = entries.get(spec.model);
      const runtime = entry && runtimeFor(entry);
      if (!runtime) {
        events.missing(spec.model);
      }
      return runtime;
    },
  };

  /** Unloads every model (their runtimes too, unless `keepRuntimes`): a model's files changed or went. */
  async function unloadAll(keepRuntimes = false): Promise<void> {
    await unloadBertModels();
    for (const e of entries.values()) e.loaded.clear();
    if (!keepRuntimes) runtimes.clear();
  }

  return {
    entries,
    /** Where imported models are kept (memory until `ready`, or when the storage cannot be opened). */
    store: () => store,
    ready,
    backendFor,
    addImported,
    installed,
    runtimeFor,
    forgetRuntimes,
    ensureLoaded,
    entryFor,
    embedderContext,
    unloadAll,
  };
}

/** For the worker: the served models list from /models/index.json of this site (none when it is absent). */
export async function fetchServedModels(url: string): Promise<ServedModel[]> {
  const res = await fetch(url);
  if (!res.ok) return [];
  const data = (await res.json()) as { models?: ServedModel[] };
  return Array.isArray(data.models) ? data.models : [];
}
