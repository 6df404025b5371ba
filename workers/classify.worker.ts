/**
 * The classify worker: parses, classifies, trains and stores, off the page's thread.
 * Exposes `ClassifyApi` (workers/classify-api.ts) through comlink; the work is in
 * workers/classify-service.ts.
 *
 * BERT: model files come from this site (/models/, listed in /models/index.json) or
 * from the user's import (Cache Storage); onnxruntime-web's WASM from the files Vite bundles
 * (`?url`), never from a CDN. transformers.js itself is imported only when a model loads.
 */
import * as Comlink from 'comlink';
import wasmMjs from 'onnxruntime-web/ort-wasm-simd-threaded.asyncify.mjs?url';
import wasmBinary from 'onnxruntime-web/ort-wasm-simd-threaded.asyncify.wasm?url';
import { browserBertRuntime } from '../src/core/features/bert-browser.ts';
import { openBundleStorage } from '../src/storage/db.ts';
import { openModelFileStore } from '../src/storage/model-files.ts';
import type { ClassifyApi } from './classify-api.ts';
import type { LabelledRow } from '../src/core/training/train.ts';
import { createClassifyService } from './classify-service.ts';
import { fetchServedModels } from './model-registry.ts';
import { startMineWorkers, startScaleWorkers } from './pool-ports.ts';
import { holdLifeLock } from './liveness.ts';

const BASE = import.meta.env.BASE_URL;

async function loadDefaultBundle(): Promise<string> {
  const url = `${BASE}default-bundle.json`;
  const res = await fetch(url);
  if (!res.ok) throw new Error(`The built-in model could not be loaded (${url}: HTTP ${res.status}).`);
  return res.text();
}

/** The built-in corpus, generated on demand: its ~1 MB of templates load only when a BERT default is trained. */
async function loadTrainingCorpus(): Promise<LabelledRow[]> {
  const { BERT_RETRAIN_CORPUS, generateTrainingCorpus } = await import('../src/core/generate/training-corpus.ts');
  return [...generateTrainingCorpus(BERT_RETRAIN_CORPUS)];
}

async function loadExample(): Promise<Blob> {
  const res = await fetch(`${BASE}examples/example-logs.csv`);
  if (!res.ok) throw new Error(`The example file could not be loaded (HTTP ${res.status}).`);
  return res.blob();
}

const service = createClassifyService({
  storage: () => openBundleStorage(),
  loadDefaultBundle,
  loadExample,
  // Big files are classified on a pool of workers, one per core.
  pool: { startPool: startScaleWorkers },
  // A big discovery mines on workers, one per core but one: this worker mines too (MinePool).
  mineWorkers: () => startMineWorkers(Math.max(1, (self.navigator.hardwareConcurrency || 2) - 1)),
  models: {
    store: openModelFileStore,
    servedModels: () => fetchServedModels(`${BASE}models/index.json`).catch(() => []),
    navigator: self.navigator as { gpu?: unknown },
    loadTrainingCorpus,
    runtime: (request) =>
      browserBertRuntime({
        modelId: request.model,
        // Imported files are answered from storage by the runtime's fetch; their path never reaches the network.
        modelsPath: request.source === 'imported' ? `${BASE}imported-models/` : `${BASE}models/`,
        wasmPaths: { mjs: wasmMjs, wasm: wasmBinary },
        backend: request.backend,
        importedFiles: request.files ?? undefined,
        onLoadProgress: request.onLoadProgress,
      }),
  },
});

// Every call waits until the installed models are known (the core asks for them synchronously);
// `cancel` must never wait.
const ready = service.modelsStatus().then(
  () => undefined,
  () => undefined,
);
const exposed = Object.fromEntries(
  Object.entries(service).map(([name, fn]) => [
    name,
    name === 'cancel' ? fn : async (...args: unknown[]) => {
      await ready;
      return (fn as (...a: unknown[]) => unknown).apply(service, args);
    },
  ]),
) as unknown as ClassifyApi;

Comlink.expose(exposed);

// Last, once the API is exposed: the page learns that this worker died through a Web Lock it
// holds (src/app/supervised-worker.ts); a failure before this line is reported as a load failure.
holdLifeLock();
