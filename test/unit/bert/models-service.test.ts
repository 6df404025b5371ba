/**
 * The classify worker's models part in Node: import of the tiny model's files (from memory, as the
 * page hands them over), refusals, the backend choice, retraining the default bundle on BERT
 * features, classification with tier "bert", embeddings as the reference, a bundle whose model is
 * missing. onnxruntime-node stands in for onnxruntime-web (the browser test runs the WASM one).
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Papa from 'papaparse';
import { afterAll, describe, expect, it } from 'vitest';
import { csvLine } from '../../../src/core/csv/format.ts';
import { browserBertRuntime } from '../../../src/core/features/bert-browser.ts';
import { unloadBertModels } from '../../../src/core/features/bert.ts';
import { generateLogs } from '../../../src/core/generate/generator.ts';
import { MemoryBundleStorage } from '../../../src/storage/db.ts';
import { MemoryModelFileStore } from '../../../src/storage/model-files.ts';
import type { ModelFileInput, ModelsStatus } from '../../../workers/models-api.ts';
import { DEFAULT_BUNDLE_JSON as DEFAULT_JSON, testService } from '../../helpers/classify-service.ts';
import type { ModelsDeps } from '../../../workers/models-service.ts';
import { BERT_RETRAIN_CORPUS, generateTrainingCorpus } from '../../../src/core/generate/training-corpus.ts';
import { NOT_ONNX, tinyModelFiles, wrongInputsOnnx } from '../../helpers/model-files.ts';

const ROOT = resolve(import.meta.dirname, '../../..');
const reference = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/tiny-bert-reference.json'), 'utf8')) as { sentences: string[]; q8: number[][]; fp32: number[][] };
const cacheDir = mkdtempSync(join(tmpdir(), 'logsift-models-svc-'));

afterAll(() => unloadBertModels());

function deps(extra: Partial<ModelsDeps> = {}): ModelsDeps {
  const store = new MemoryModelFileStore();
  return {
    store: async () => store,
    // The built-in recipe, small: the tiny model embeds every distinct message.
    loadTrainingCorpus: async () => [...generateTrainingCorpus({ ...BERT_RETRAIN_CORPUS, businessRows: 400, systemRows: 400 })],
    statusIntervalMs: 0,
    // The page's runtime (browserBertRuntime over imported files), run on onnxruntime-node's CPU.
    runtime: (request) => {
      const runtime = browserBertRuntime({
        modelId: request.model,
        modelsPath: '/imported-models/',
        wasmPaths: { mjs: '/a.mjs', wasm: '/a.wasm' },
        backend: request.backend,
        importedFiles: request.files ?? undefined,
        onLoadProgress: request.onLoadProgress,
      });
      return {
        ...runtime,
        device: 'cpu',
        configureEnv(env) {
          runtime.configureEnv!(env);
          env.useFS = false;
          env.useFSCache = true;
          env.cacheDir = cacheDir;
        },
      };
    },
    ...extra,
  };
}

function service(modelDeps: ModelsDeps = deps(), storage = new MemoryBundleStorage()) {
  return testService(undefined, { bundles: storage, models: modelDeps }).api;
}

function tinyPick(change: (files: Map<string, Uint8Array>) => void = () => {}): ModelFileInput[] {
  const files = tinyModelFiles();
  change(files);
  return [...files].map(([path, bytes]) => ({ path: path.split('/').pop()!, file: new Blob([bytes as Uint8Array<ArrayBuffer>]) }));
}

describe('models in the classify worker', () => {
  it('starts with no BERT model, on the n-gram default', async () => {
    const status = await service().modelsStatus();
    expect(status).toMatchObject({ models: [], inUse: { id: 'ngram', model: null, available: true }, lastRun: null, missing: null, autoRetrain: null });
  });

  it('imports the tiny model, retrains the default on it, classifies with tier bert, and embeds as the reference', async () => {
    const modelDeps = deps();
    const api = service(modelDeps);
    const seen: string[] = [];
    const outcome = await api.importModelFiles(tinyPick(), (_f, label) => seen.push(label));
    expect(outcome.model).toMatchObject({ id: 'test-tiny-bert', dim: 32, source: 'imported', dtypes: ['fp32', 'q8'], verified: true, loaded: true });
    expect(outcome.model.backend).toEqual({ device: 'wasm', dtype: 'q8', reason: 'this browser has no WebGPU (navigator.gpu)' });
    expect(outcome.retrain).toBe(true);
    expect(seen[0]).toMatch(/Checking 6 files/);

    const phases = new Set<string>();
    const info = await api.retrainDefaultOnBert('test-tiny-bert', (p) => phases.add(p.phase));
    expect(info.embedder).toBe('bert (32 dimensions)');
    expect(info.name).toBe('Default bundle · BERT test-tiny-bert');
    expect([...phases]).toEqual(expect.arrayContaining(['load', 'read', 'embed', 'fit', 'save']));
    const afterRetrain = await api.modelsStatus();
    expect(afterRetrain.inUse).toEqual({ id: 'bert', model: 'test-tiny-bert', dim: 32, available: true });
    expect(afterRetrain.lastRun).toMatchObject({ model: 'test-tiny-bert', job: 'retrain', device: 'wasm', dtype: 'q8' });

    const parts = [csvLine(['source', 'log_message'])];
    for (const log of generateLogs({ rows: 300, seed: 'models-svc' })) parts.push(csvLine([log.source, log.log_message]));
    const summary = await api.classify(new Blob(parts), 'x.csv', true, () => {});
    expect(summary.rows).toBe(300);
    const out = Papa.parse<Record<string, string>>(await (await api.buildOutput(true)).text(), { header: true, skipEmptyLines: true }).data;
    expect(out.some((r) => r.tier === 'bert')).toBe(true);
    expect(out.every((r) => ['bert', 'regex', 'none', 'llm-pending'].includes(r.tier))).toBe(true);
    const status = await api.modelsStatus();
    expect(status.lastRun).toMatchObject({ job: 'classify', model: 'test-tiny-bert' });
    expect(status.lastRun!.texts).toBe(summary.distinctKeys);

    const embedded = await api.embedTexts(reference.sentences);
    expect(embedded).toMatchObject({ model: 'test-tiny-bert', device: 'wasm', dtype: 'q8' });
    embedded.vectors.forEach((v, i) => v.forEach((x, k) => expect(Math.abs(x - reference.q8[i][k])).toBeLessThan(1e-5)));
    const fp32 = await api.embedTexts(reference.sentences, { dtype: 'fp32' });
    fp32.vectors.forEach((v, i) => v.forEach((x, k) => expect(Math.abs(x - reference.fp32[i][k])).toBeLessThan(1e-5)));

    // A second service on the same storage (a reload): the model is still there, the BERT default is found again.
    const again = service({ ...modelDeps });
    expect((await again.modelsStatus()).models.map((m) => m.id)).toEqual(['test-tiny-bert']);
    await again.useNgramDefault();
    expect((await again.modelsStatus()).inUse?.id).toBe('ngram');
  });

  it('cancels a retraining: the bundle in use stays as it was', async () => {
    const api = service();
    await api.importModelFiles(tinyPick());
    const retraining = api.retrainDefaultOnBert('test-tiny-bert', (p) => {
      if (p.phase === 'embed') api.cancel();
    });
    await expect(retraining).rejects.toMatchObject({ name: 'CancelledError' });
    expect((await api.modelsStatus()).inUse?.id).toBe('ngram');
    expect((await api.loadBundle()).builtIn).toBe(true);
    // The job slot is free again.
    expect((await api.retrainDefaultOnBert('test-tiny-bert')).embedder).toBe('bert (32 dimensions)');
  });

  it('refuses bad files with a clear error and keeps nothing', async () => {
    const api = service();
    const noManifest = (f: Map<string, Uint8Array>) => f.delete('logsift-model.json');
    await expect(api.importModelFiles(tinyPick((f) => f.delete('tokenizer.json')))).rejects.toThrow(/The tokenizer is missing/);
    await expect(api.importModelFiles(tinyPick((f) => (noManifest(f), f.set('onnx/model_quantized.onnx', NOT_ONNX))))).rejects.toThrow(/not an ONNX model/);
    await expect(api.importModelFiles(tinyPick((f) => (noManifest(f), f.set('onnx/model_quantized.onnx', wrongInputsOnnx()))))).rejects.toThrow(
      /its inputs are \[tokens\]/,
    );
    expect((await api.modelsStatus()).models).toEqual([]);
  });

  it('chooses WebGPU when an adapter exists, and falls back to WASM (saying why) when WebGPU cannot run the model', async () => {
    const gpu = { requestAdapter: async () => ({ features: new Set<string>(), info: { vendor: 'acme', architecture: 'x1' } }) };
    const base = deps();
    let webgpuTries = 0;
    const api = service({
      ...base,
      navigator: { gpu },
      runtime: (request) => {
        const runtime = base.runtime!(request);
        if (request.backend.device !== 'webgpu') return runtime;
        webgpuTries++;
        return { ...runtime, location: 'no-such-model-for-webgpu' };
      },
    });
    const outcome = await api.importModelFiles(tinyPick());
    expect(webgpuTries).toBe(1);
    expect(outcome.model.backend.device).toBe('wasm');
    expect(outcome.model.backend.reason).toMatch(/^WebGPU could not run the model \(.+\), so it runs on WASM$/);
  });

  it('says which model a bundle needs when it is not installed, and offers the fix in the status', async () => {
    const api = service();
    const bert = JSON.parse(DEFAULT_JSON);
    bert.embedder = { id: 'bert', version: 1, model: 'Xenova/all-MiniLM-L6-v2', dim: 384, dtype: 'q8', pooling: 'mean', normalize: true };
    bert.weights = Buffer.from(new Float32Array(384 * bert.labels.length).buffer).toString('base64');
    await expect(api.importBundle(JSON.stringify(bert))).rejects.toThrow(/needs the BERT model "Xenova\/all-MiniLM-L6-v2", which is not installed here/);
    const status: ModelsStatus = await api.modelsStatus();
    expect(status.missing).toEqual({ model: 'Xenova/all-MiniLM-L6-v2' });
    await api.dismissMissingModel();
    expect((await api.modelsStatus()).missing).toBeNull();
  });

  it('offers to retrain on a served model once, while the built-in default is in use', async () => {
    const api = service(deps({ servedModels: async () => [{ id: 'Xenova/all-MiniLM-L6-v2', dim: 384, files: [{ path: 'onnx/model_quantized.onnx', bytes: 1 }] }] }));
    const status = await api.modelsStatus();
    expect(status.models[0]).toMatchObject({ id: 'Xenova/all-MiniLM-L6-v2', source: 'served', dtypes: ['q8'] });
    expect(status.autoRetrain).toBe('Xenova/all-MiniLM-L6-v2');
  });
});
