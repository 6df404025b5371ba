/**
 * The browser edge of the BERT embedder, for the classify worker: which device to run on (and
 * why), and a BertRuntime that makes transformers.js read model files from this site or from
 * files the user imported, and onnxruntime-web's WASM from bundled files – never from a CDN.
 * No DOM: it runs in a worker, and in Node tests with a fake `navigator`.
 *
 * In the worker (Vite):
 *   import wasmMjs from 'onnxruntime-web/ort-wasm-simd-threaded.asyncify.mjs?url';
 *   import wasmBinary from 'onnxruntime-web/ort-wasm-simd-threaded.asyncify.wasm?url';
 *   const backend = await pickBertBackend(navigator, { hasFp32: true });
 *   const runtime = browserBertRuntime({ modelId, modelsPath: `${import.meta.env.BASE_URL}models/`,
 *                                        wasmPaths: { mjs: wasmMjs, wasm: wasmBinary }, backend, importedFiles });
 *   const embedder = createEmbedder(bundle.embedder, { bert: runtime });
 */
import type { BertDevice, BertDtype, BertRuntime } from './bert.ts';

export interface BertBackend {
  device: Extract<BertDevice, 'wasm' | 'webgpu'>;
  dtype: BertDtype;
  /** Why this backend, for the Models panel: "WebGPU adapter: …" or "WASM: no WebGPU adapter". */
  reason: string;
}

interface GpuLike {
  requestAdapter(): Promise<{ features?: { has(name: string): boolean }; info?: { vendor?: string; architecture?: string } } | null>;
}

/**
 * WebGPU when `navigator.gpu.requestAdapter()` gives an adapter and the fp32 (or fp16) file is
 * installed; fp16 only with shader-f16 and the fp16 file. Otherwise WASM with the q8 file.
 */
export async function pickBertBackend(
  nav: { gpu?: unknown } | undefined,
  files: { hasFp32: boolean; hasFp16?: boolean },
): Promise<BertBackend> {
  const gpu = nav?.gpu as GpuLike | undefined;
  if (!gpu || typeof gpu.requestAdapter !== 'function') return { device: 'wasm', dtype: 'q8', reason: 'this browser has no WebGPU (navigator.gpu)' };
  let adapter: Awaited<ReturnType<GpuLike['requestAdapter']>> = null;
  try {
    adapter = await gpu.requestAdapter();
  } catch (error) {
    return { device: 'wasm', dtype: 'q8', reason: `WebGPU adapter request failed (${(error as Error).message})` };
  }
  if (!adapter) return { device: 'wasm', dtype: 'q8', reason: 'WebGPU gave no adapter (no usable GPU, or it is blocked)' };
  const name = [adapter.info?.vendor, adapter.info?.architecture].filter(Boolean).join(' ') || 'an adapter';
  if (files.hasFp16 && adapter.features?.has('shader-f16')) return { device: 'webgpu', dtype: 'fp16', reason: `WebGPU: ${name}, shader-f16` };
  if (files.hasFp32) return { device: 'webgpu', dtype: 'fp32', reason: `WebGPU: ${name}` };
  return { device: 'wasm', dtype: 'q8', reason: `WebGPU has ${name}, but the fp32 model file is not installed` };
}

export interface BrowserBertOptions {
  /** The model id, e.g. "Xenova/all-MiniLM-L6-v2" or "test-tiny-bert": its folder under modelsBaseUrl. */
  modelId: string;
  /**
   * The models folder as a path on this site, e.g. `${import.meta.env.BASE_URL}models/`. Not an
   * absolute http URL: transformers.js takes those for remote files and, with remote loading off,
   * silently skips the tokenizer. (An absolute URL given here is reduced to its path.)
   */
  modelsPath: string;
  /** onnxruntime-web's asyncify build, bundled by Vite (`?url` imports). */
  wasmPaths: { mjs: string; wasm: string };
  backend: BertBackend;
  /**
   * Files the user imported (path in the model folder → bytes), e.g. read from IndexedDB. When
   * given, they are served to transformers.js instead of fetching modelsBaseUrl.
   */
  importedFiles?: Map<string, Blob | ArrayBuffer | Uint8Array>;
  batchSize?: number;
  /** Number of WASM threads (needs cross-origin isolation for more than 1). */
  numThreads?: number;
  onLoadProgress?(event: unknown): void;
}

export function browserBertRuntime(options: BrowserBertOptions): BertRuntime {
  const path = /^https?:/i.test(options.modelsPath) ? new URL(options.modelsPath).pathname : options.modelsPath;
  const base = path.endsWith('/') ? path : `${path}/`;
  return {
    location: options.modelId,
    id: options.modelId,
    device: options.backend.device,
    dtype: options.backend.dtype,
    batchSize: options.batchSize,
    onLoadProgress: options.onLoadProgress,
    configureEnv(env) {
      env.allowRemoteModels = false;
      env.allowLocalModels = true;
      env.localModelPath = base;
      // The files are local already; a second copy in Cache Storage would only cost space.
      env.useBrowserCache = false;
      env.useWasmCache = false;
      // onnxruntime-web's env (absent under onnxruntime-node): its .mjs/.wasm from this site, not a CDN.
      const wasm = env.backends.onnx.wasm;
      if (wasm) {
        wasm.wasmPaths = { ...options.wasmPaths };
        if (options.numThreads) wasm.numThreads = options.numThreads;
      }
      const imported = options.importedFiles;
      if (imported) {
        const prefix = `${base}${options.modelId}/`;
        const fallback = env.fetch;
        env.fetch = async (input: string | URL, init?: unknown) => {
          const url = String(input);
          const at = url.indexOf(prefix);
          if (at < 0 || (at > 0 && !/^https?:\/\/[^/]+$/i.test(url.slice(0, at)))) return fallback(input, init);
          const file = imported.get(url.slice(at + prefix.length));
          if (!file) return new Response(null, { status: 404, statusText: 'Not imported' });
          const body = file instanceof Uint8Array ? new Blob([file as Uint8Array<ArrayBuffer>]) : file instanceof Blob ? file : new Blob([file]);
          // With its length, transformers.js reads the body into one buffer and reports load progress.
          return new Response(body, { status: 200, headers: { 'content-length': String(body.size) } });
        };
      }
    },
  };
}
