/**
 * The worker's side of the bert embedder, run in Node: backend choice from a fake navigator.gpu,
 * and a model loaded only from imported files (no server exists at the models URL).
 */
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { browserBertRuntime, pickBertBackend } from '../../../src/core/features/bert-browser.ts';
import { bertSpec, createBertEmbedder, unloadBertModels } from '../../../src/core/features/bert.ts';

const MODEL_DIR = fileURLToPath(new URL('../../../public/models/test-tiny-bert', import.meta.url));
const reference = JSON.parse(readFileSync(new URL('../../fixtures/tiny-bert-reference.json', import.meta.url), 'utf8'));

afterAll(() => unloadBertModels());

describe('pickBertBackend', () => {
  const adapter = (features: string[] = []) => ({ gpu: { requestAdapter: async () => ({ features: new Set(features), info: { vendor: 'acme', architecture: 'x1' } }) } });

  it('uses WebGPU when an adapter exists, fp16 only with shader-f16 and the fp16 file', async () => {
    expect(await pickBertBackend(adapter(), { hasFp32: true })).toEqual({ device: 'webgpu', dtype: 'fp32', reason: 'WebGPU: acme x1' });
    expect(await pickBertBackend(adapter(['shader-f16']), { hasFp32: true, hasFp16: true })).toMatchObject({ device: 'webgpu', dtype: 'fp16' });
    expect(await pickBertBackend(adapter(['shader-f16']), { hasFp32: true, hasFp16: false })).toMatchObject({ device: 'webgpu', dtype: 'fp32' });
  });

  it('falls back to WASM (q8) and says why', async () => {
    expect(await pickBertBackend({}, { hasFp32: true })).toEqual({ device: 'wasm', dtype: 'q8', reason: 'this browser has no WebGPU (navigator.gpu)' });
    expect(await pickBertBackend({ gpu: { requestAdapter: async () => null } }, { hasFp32: true })).toMatchObject({ device: 'wasm', reason: expect.stringMatching(/no adapter/) });
    expect(await pickBertBackend({ gpu: { requestAdapter: async () => { throw new Error('blocked'); } } }, { hasFp32: true })).toMatchObject({ device: 'wasm', reason: expect.stringMatching(/failed \(blocked\)/) });
    expect(await pickBertBackend(adapter(), { hasFp32: false })).toMatchObject({ device: 'wasm', dtype: 'q8', reason: expect.stringMatching(/fp32 model file is not installed/) });
  });
});

describe('browserBertRuntime', () => {
  it('loads a model from imported files only, and embeds as the Node reference does', async () => {
    const files = new Map<string, Uint8Array>();
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else files.set(relative(MODEL_DIR, path).split('\\').join('/'), readFileSync(path));
      }
    };
    walk(MODEL_DIR);
    const requested: string[] = [];
    const runtime = browserBertRuntime({
      modelId: 'test-tiny-bert',
      modelsPath: '/imported-models',
      wasmPaths: { mjs: '/assets/ort.mjs', wasm: '/assets/ort.wasm' },
      backend: { device: 'wasm', dtype: 'q8', reason: 'test' },
      importedFiles: files,
      onLoadProgress: (event) => requested.push(String((event as { file?: string }).file ?? '')),
    });
    // Node has no onnxruntime-web WASM here; the same runtime runs on onnxruntime-node's CPU, which
    // wants the ONNX file on disk: transformers.js's file cache (a temporary folder) provides it.
    const cacheDir = mkdtempSync(join(tmpdir(), 'logsift-tjs-cache-'));
    const embedder = createBertEmbedder(bertSpec('test-tiny-bert', 32, 'q8'), {
      ...runtime,
      device: 'cpu',
      configureEnv(env) {
        runtime.configureEnv!(env);
        env.useFS = false; // as in a browser: every file goes through env.fetch
        env.useFSCache = true;
        env.cacheDir = cacheDir;
      },
    });
    const vectors = await embedder.embed(reference.sentences);
    vectors.forEach((v, i) => {
      for (let k = 0; k < v.length; k++) expect(Math.abs(v[k] - reference.q8[i][k])).toBeLessThan(1e-5);
    });
    expect(requested).toContain('onnx/model_quantized.onnx');
    expect(requested).toContain('tokenizer.json');
  });
});
