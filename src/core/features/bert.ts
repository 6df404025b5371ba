/**
 * The `bert` embedder: a sentence-embedding BERT (all-MiniLM-L6-v2 in production, a tiny test
 * model in tests) run by transformers.js – onnxruntime-node in Node, onnxruntime-web (WASM or
 * WebGPU) in a worker. Mean pooling over the attention mask, L2-normalised, so a vector does not
 * depend on how much padding its batch needed.
 *
 * This module is the same in Node and in the browser. Where the files are and how transformers.js
 * reaches them is the caller's business, given as a `BertRuntime`: the CLI passes a folder, the
 * worker a model id under `env.localModelPath` plus its own env settings (wasm paths, a fetch
 * that serves imported files). transformers.js itself is imported only when a model is loaded,
 * so the n-gram path never pays for it.
 */
import type { env as TransformersEnv } from '@huggingface/transformers';
import { ModelError, throwIfAborted } from '../errors.ts';
import type { BertDtype, BertSpec, EmbedOptions, Embedder } from './embedder.ts';

export type { BertDtype, BertSpec } from './embedder.ts';
export const BERT_DTYPES: readonly BertDtype[] = ['fp32', 'fp16', 'q8'];
/** 'cpu' is onnxruntime-node; 'wasm' and 'webgpu' are onnxruntime-web. */
export type BertDevice = 'cpu' | 'wasm' | 'webgpu';

/** The ONNX file transformers.js loads for each dtype, relative to the model folder. */
export const BERT_ONNX_FILES: Record<BertDtype, string> = {
  fp32: 'onnx/model.onnx',
  fp16: 'onnx/model_fp16.onnx',
  q8: 'onnx/model_quantized.onnx',
};

/** The files every BERT model folder needs besides its ONNX file(s). */
export const BERT_REQUIRED_FILES = ['config.json', 'tokenizer.json', 'tokenizer_config.json'] as const;

/**
 * Which dtype to run by default on a device: q8 on CPU and WASM (4× smaller, fast integer
 * kernels), fp32 on WebGPU (fp16 where the caller knows the adapter has shader-f16 and the fp16
 * file is installed). Always passed explicitly: transformers.js's own default differs by device.
 */
export function defaultBertDtype(device: BertDevice): BertDtype {
  return device === 'webgpu' ? 'fp32' : 'q8';
}

export function bertSpec(model: string, dim: number, dtype: BertDtype): BertSpec {
  return { id: 'bert', version: 1, model, dim, dtype, pooling: 'mean', normalize: true };
}

/** How to reach and run a model here. Built at the edge (CLI: a folder; worker: URLs / imported files). */
export interface BertRuntime {
  /**
   * What transformers.js loads. Node: the model folder as an absolute path. Browser: the model id
   * under `env.localModelPath` (set that in `configureEnv`), e.g. "test-tiny-bert".
   */
  location: string;
  /** The model's id as bundles name it; a bundle for another model is refused. Defaults to `location`. */
  id?: string;
  device: BertDevice;
  /** Defaults to the spec's dtype. */
  dtype?: BertDtype;
  /** Texts per model call; sorted by length first, so padding stays small. Default 32. */
  batchSize?: number;
  /** Distinct texts whose embeddings are kept between calls. Default 20,000. */
  cacheSize?: number;
  /** Adjusts transformers.js's global env before a load (e.g. wasmPaths, localModelPath, fetch). */
  configureEnv?(env: typeof TransformersEnv): void;
  /** transformers.js load progress events ({status, file, progress, …}). */
  onLoadProgress?(event: unknown): void;
  /** onnxruntime session options (e.g. intraOpNumThreads). */
  sessionOptions?: Record<string, unknown>;
}

interface OutputTensor {
  type: string;
  dims: number[];
  data: ArrayLike<number>;
  to(type: 'float32'): OutputTensor;
}

/** The part of transformers.js's FeatureExtractionPipeline this module uses. */
export interface FeatureExtractor {
  (texts: string[], options: { pooling: 'mean'; normalize: boolean }): Promise<OutputTensor>;
  model: {
    config: { hidden_size?: number; model_type?: string };
    sessions: Record<string, { inputNames: readonly string[]; outputNames: readonly string[] }>;
  };
  dispose(): Promise<void>;
}

/**
 * onnxruntime-node's CPU provider rewrites DequantizeLinear → MatMul (8-bit weights, as in the
 * tiny test model's q8 file) into MatMulNBits and, by default (accuracy level 4), then quantises
 * the activations to 8 bits too: embeddings drift by ~2e-3 from what the file says, and from
 * onnxruntime-web's WASM, which has no such rewrite. Level 1 keeps the activations in fp32, so
 * Node and the browser agree (to 1e-6). all-MiniLM's q8 file quantises activations itself
 * (MatMulInteger) and is not affected.
 */
const CPU_SESSION_OPTIONS = { extra: { session: { qdq_matmulnbits_accuracy_level: '1' } } };

/** One load per (model, device, dtype), shared by every embedder in this thread. */
const loaded = new Map<string, Promise<FeatureExtractor>>();
/** transformers.js's env is global: loads run one after the other. */
let loadQueue: Promise<unknown> = Promise.resolve();

function describeLoadError(runtime: BertRuntime, dtype: BertDtype, error: unknown): ModelError {
  const message = error instanceof Error ? error.message : String(error);
  const where = `the BERT model at "${runtime.location}"`;
  const missing = /not found locally at "([^"]+)"|no such file[^']*'([^']+)'|ENOENT[^']*'([^']+)'/i.exec(message);
  if (missing) {
    const file = missing[1] ?? missing[2] ?? missing[3];
    return new ModelError(`Cannot load ${where}: the file ${file} is missing (needed: ${[...BERT_REQUIRED_FILES, BERT_ONNX_FILES[dtype]].join(', ')}).`);
  }
  if (/protobuf|parse|invalid model|load model/i.test(message)) {
    return new ModelError(`Cannot load ${where}: ${BERT_ONNX_FILES[dtype]} is not a valid ONNX model (${message.split('\n')[0]}).`);
  }
  return new ModelError(`Cannot load ${where} (${dtype} on ${runtime.device}): ${message.split('\n')[0]}`);
}

/** Loads (once) the feature-extraction pipeline for a runtime and checks it is a BERT encoder. */
export function loadBertExtractor(runtime: BertRuntime, dtype: BertDtype = runtime.dtype ?? 'q8'): Promise<FeatureExtractor> {
  const key = JSON.stringify([runtime.location, runtime.device, dtype]);
  let extractor = loaded.get(key);
  if (!extractor) {
    extractor = loadQueue.then(async () => {
      const transformers = await import('@huggingface/transformers');
      const env = transformers.env;
      env.allowRemoteModels = false;
      env.allowLocalModels = true;
      // Never copy model files into transformers.js's own cache folder (inside node_modules).
      env.useFSCache = false;
      runtime.configureEnv?.(env);
      let pipe: FeatureExtractor;
      try {
        pipe = (await transformers.pipeline('feature-extraction', runtime.location, {
          device: runtime.device,
          dtype,
          local_files_only: true,
          progress_callback: runtime.onLoadProgress as never,
          session_options: (runtime.device === 'cpu' ? { ...CPU_SESSION_OPTIONS, ...runtime.sessionOptions } : runtime.sessionOptions) as never,
        })) as unknown as FeatureExtractor;
      } catch (error) {
        throw describeLoadError(runtime, dtype, error);
      }
      const session = pipe.model.sessions.model ?? Object.values(pipe.model.sessions)[0];
      const inputs = session?.inputNames ?? [];
      const outputs = session?.outputNames ?? [];
      const problem = !inputs.includes('input_ids') || !inputs.includes('attention_mask')
        ? `its ONNX inputs are [${inputs.join(', ')}], expected input_ids, attention_mask (and token_type_ids)`
        : !outputs.some((name) => name === 'last_hidden_state' || name === 'token_embeddings')
          ? `its ONNX outputs are [${outputs.join(', ')}], expected last_hidden_state [batch, sequence, hidden]`
          : !pipe.model.config.hidden_size
            ? 'its config.json has no hidden_size'
            : null;
      if (problem) {
        await pipe.dispose().catch(() => undefined);
        throw new ModelError(`The model at "${runtime.location}" is not a BERT encoder: ${problem}.`);
      }
      return pipe;
    });
    loadQueue = extractor.catch(() => undefined);
    loaded.set(key, extractor);
    // A failed load is not kept: fixing the files and trying again must work.
    extractor.catch(() => loaded.delete(key));
  }
  return extractor;
}

/** Loads the model and describes it as a spec (its hidden size is the embedding's dimension). */
export async function describeBertModel(runtime: BertRuntime, dtype: BertDtype = runtime.dtype ?? defaultBertDtype(runtime.device)): Promise<BertSpec> {
  const extractor = await loadBertExtractor(runtime, dtype);
  return bertSpec(runtime.id ?? runtime.location, extractor.model.config.hidden_size!, dtype);
}

/** Forgets loaded models (and frees their sessions): for tests and for replacing a model's files. */
export async function unloadBertModels(): Promise<void> {
  const all = [...loaded.values()];
  loaded.clear();
  await Promise.all(all.map((p) => p.then((pipe) => pipe.dispose()).catch(() => undefined)));
}

export class BertEmbedder implements Embedder {
  readonly spec: BertSpec;
  readonly dim: number;
  readonly runtime: BertRuntime;
  readonly dtype: BertDtype;
  /** Texts that went through the model so far: each distinct text once while it stays cached. */
  embeddedTexts = 0;
  private readonly cache = new Map<string, Float32Array>();
  private readonly batchSize: number;
  private readonly cacheSize: number;

  constructor(spec: BertSpec, runtime: BertRuntime) {
    const id = runtime.id ?? runtime.location;
    if (id !== spec.model) {
      throw new ModelError(`This bundle was trained with the BERT model "${spec.model}", but the model here is "${id}".`);
    }
    this.spec = spec;
    this.dim = spec.dim;
    this.runtime = runtime;
    this.dtype = runtime.dtype ?? spec.dtype;
    this.batchSize = Math.max(1, runtime.batchSize ?? 32);
    this.cacheSize = Math.max(0, runtime.cacheSize ?? 20_000);
  }

  /** Loads the model now (it is otherwise loaded by the first embed) and checks it fits the spec. */
  async ready(): Promise<FeatureExtractor> {
    const extractor = await loadBertExtractor(this.runtime, this.dtype);
    const hidden = extractor.model.config.hidden_size;
    if (hidden !== this.dim) {
      throw new ModelError(`The model "${this.spec.model}" gives ${hidden}-dimensional embeddings, but the bundle expects ${this.dim}.`);
    }
    return extractor;
  }

  async embed(texts: string[], options: EmbedOptions = {}): Promise<Float32Array[]> {
    const { signal, onProgress } = options;
    throwIfAborted(signal);
    const found = new Map<string, Float32Array>();
    const todo: string[] = [];
    for (const text of texts) {
      if (found.has(text)) continue;
      const cached = this.cache.get(text);
      if (cached) found.set(text, cached);
      else {
        found.set(text, EMPTY);
        todo.push(text);
      }
    }
    if (todo.length > 0) {
      const extractor = await this.ready();
      // Similar lengths share a batch, so little of each batch is padding.
      todo.sort((a, b) => a.length - b.length);
      for (let start = 0; start < todo.length; start += this.batchSize) {
        throwIfAborted(signal);
        const batch = todo.slice(start, start + this.batchSize);
        let output = await extractor(batch, { pooling: 'mean', normalize: true });
        if (output.type !== 'float32') output = output.to('float32');
        const data = output.data as Float32Array;
        batch.forEach((text, k) => found.set(text, data.slice(k * this.dim, (k + 1) * this.dim)));
        this.embeddedTexts += batch.length;
        onProgress?.(Math.min(todo.length, start + batch.length), todo.length);
      }
      for (const text of todo) this.remember(text, found.get(text)!);
    }
    return texts.map((text) => found.get(text)!);
  }

  private remember(text: string, vector: Float32Array): void {
    if (this.cacheSize === 0) return;
    if (this.cache.size >= this.cacheSize) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(text, vector);
  }
}

const EMPTY = new Float32Array(0);

export function createBertEmbedder(spec: BertSpec, runtime: BertRuntime): BertEmbedder {
  return new BertEmbedder(spec, runtime);
}
