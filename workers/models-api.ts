/**
 * The embedding models part of the classify worker's comlink API (the page side):
 * which BERT models are installed (served under /models/ or imported into browser storage),
 * the backend each runs on (WebGPU or WASM, and why), the throughput of the last run, importing
 * model files, retraining the default bundle on BERT features, and a small `embedTexts` to check
 * a model's numbers. ClassifyApi extends it (workers/classify-api.ts).
 */
import type { BertDtype } from '../src/core/features/bert.ts';
import type { BundleInfo } from './bundle-api.ts';

export type { BertDtype };

/** A picked model file: `path` is the file's relative path in a folder pick, else its name. */
export interface ModelFileInput {
  path: string;
  file: Blob;
}

export interface ModelBackendInfo {
  device: 'wasm' | 'webgpu';
  dtype: BertDtype;
  /** Why this backend, in words ("WebGPU: nvidia ampere", "WASM: this browser has no WebGPU (navigator.gpu)"). */
  reason: string;
}

export interface InstalledModel {
  id: string;
  /** Embedding length (hidden size); null when a served model's manifest does not say. */
  dim: number | null;
  /** served: files under /models/<id>/ of this site; imported: files kept in this browser's storage. */
  source: 'served' | 'imported';
  files: { path: string; bytes: number }[];
  bytes: number;
  dtypes: BertDtype[];
  /** The backend it runs (or will run) on. */
  backend: ModelBackendInfo;
  /** Whether the model is loaded in the worker now. */
  loaded: boolean;
  importedAt: string | null;
  /** Its files matched logsift-model.json's SHA-256 when they were imported. */
  verified: boolean;
}

/** The embedder of the bundle in use. */
export interface EmbedderInUse {
  id: 'ngram' | 'bert';
  /** The BERT model's id; null for n-grams. */
  model: string | null;
  dim: number;
  /** For BERT: whether that model is installed here. */
  available: boolean;
}

/** Texts embedded by the last run that used BERT, and how fast. */
export interface ThroughputInfo {
  model: string;
  /** What the texts were embedded for. */
  job: 'classify' | 'retrain' | 'embed';
  texts: number;
  ms: number;
  /** texts / second; null when nothing was embedded (every key was cached). */
  perSecond: number | null;
  device: 'wasm' | 'webgpu';
  dtype: BertDtype;
  at: string;
}

/** A model job under way: loading a model, importing files, embedding, retraining. */
export interface ModelActivity {
  kind: 'load' | 'import' | 'embed' | 'retrain';
  model: string;
  /** What is happening, in words ("Loading onnx/model_quantized.onnx", "Embedding 320 of 1,000 texts"). */
  label: string;
  /** 0..1, or null when unknown. */
  fraction: number | null;
}

export interface ModelsStatus {
  models: InstalledModel[];
  inUse: EmbedderInUse | null;
  lastRun: ThroughputInfo | null;
  activity: ModelActivity | null;
  /** A bundle asked for a BERT model that is not installed (the fix: import its files). */
  missing: { model: string } | null;
  /** False when imported models last only until the tab closes (no Cache Storage). */
  persistent: boolean;
  /**
   * A model that just became available (served by the build) while the built-in n-gram default is
   * in use and it was never used to retrain the default: the page retrains the default bundle on it.
   */
  autoRetrain: string | null;
}

export interface ImportOutcome {
  model: InstalledModel;
  /** Picked files that were left out, with why. */
  ignored: string[];
  /** True when the page should retrain the default bundle on this model now (the built-in n-gram default is in use). */
  retrain: boolean;
  status: ModelsStatus;
}

export interface RetrainProgress {
  phase: 'load' | 'read' | 'embed' | 'fit' | 'save';
  /** 0..1 of the whole retraining. */
  fraction: number;
  /** In words, for the progress bar. */
  label: string;
}

export interface EmbedResult {
  model: string;
  vectors: number[][];
  device: 'wasm' | 'webgpu';
  dtype: BertDtype;
  ms: number;
}

export type ModelsWatcher = (status: ModelsStatus) => void;
export type ImportProgressCallback = (fraction: number, label: string) => void;
export type RetrainProgressCallback = (p: RetrainProgress) => void;

export interface ModelsApi {
  modelsStatus(): Promise<ModelsStatus>;
  /** Calls `watcher` (a comlink proxy) with the status whenever it changes; one watcher, the latest wins. */
  watchModels(watcher: ModelsWatcher): Promise<void>;
  /**
   * Checks picked model files (throws with a clear message: missing tokenizer, not ONNX, wrong
   * inputs, damaged file), loads the model once from them to be sure, and keeps them in browser
   * storage. A model with the id of an earlier import replaces it.
   */
  importModelFiles(files: ModelFileInput[], onProgress?: ImportProgressCallback): Promise<ImportOutcome>;
  /** Forgets an imported model's files. Throws for a served model and for the model the bundle in use needs. */
  deleteModel(id: string): Promise<ModelsStatus>;
  /**
   * Retrains the built-in default bundle (its rules, routes and thresholds) on BERT features of
   * the example data, stores it as a version and uses it. One job at a time; `cancel()` stops it
   * (CancelledError). Throws a ModelError when the model is not installed.
   */
  retrainDefaultOnBert(modelId: string, onProgress?: RetrainProgressCallback): Promise<BundleInfo>;
  /** Goes back to the built-in n-gram default bundle (BERT versions are kept). */
  useNgramDefault(): Promise<BundleInfo>;
  /** Uses the stored BERT default for `modelId` if there is one, else retrains it. */
  useBertDefault(modelId: string, onProgress?: RetrainProgressCallback): Promise<BundleInfo>;
  /**
   * Embeds texts with a model (default: the one of the bundle in use, else the first installed).
   * Throws a ModelError when no model is installed, or the model has no file for `dtype`.
   */
  embedTexts(texts: string[], options?: { model?: string; dtype?: BertDtype }): Promise<EmbedResult>;
  /** Dismisses the "a bundle needs model X" notice. */
  dismissMissingModel(): Promise<void>;
}
