/** The bert embedder on the tiny test model, in Node (onnxruntime-node through transformers.js). */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { bertRuntimeFromDir } from '../../../src/cli/bert-model.ts';
import { parseBundle, serializeBundle } from '../../../src/core/bundle.ts';
import { Classifier } from '../../../src/core/classifier.ts';
import { CancelledError, ModelError } from '../../../src/core/errors.ts';
import { BertEmbedder, bertSpec, createBertEmbedder, describeBertModel, loadBertExtractor, unloadBertModels, type BertDtype } from '../../../src/core/features/bert.ts';
import { createEmbedder, MissingEmbedderError } from '../../../src/core/features/registry.ts';
import { trainBundle } from '../../../src/core/training/train.ts';
import { tinyBertFiles, sha256 } from '../../../scripts/lib/tiny-bert.ts';
import { labelledRows } from '../../helpers/fixtures.ts';

const MODEL_DIR = fileURLToPath(new URL('../../../public/models/test-tiny-bert', import.meta.url));
const reference = JSON.parse(readFileSync(new URL('../../fixtures/tiny-bert-reference.json', import.meta.url), 'utf8')) as {
  sentences: string[];
  fp32: number[][];
  q8: number[][];
};

/** A fresh embedder without a cache, so every call really runs the model. */
function embedder(dtype: BertDtype = 'q8', batchSize = 64): BertEmbedder {
  const runtime = bertRuntimeFromDir(MODEL_DIR, dtype, { batchSize, cacheSize: 0 });
  return createBertEmbedder(bertSpec('test-tiny-bert', 32, dtype), runtime);
}

const norm = (v: Float32Array) => Math.sqrt(v.reduce((sum, x) => sum + x * x, 0));
const maxDiff = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  expect(a.length).toBe(b.length);
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i] - b[i]));
  return max;
};

afterAll(() => unloadBertModels());

describe('the tiny test model', () => {
  it('is what make-test-model writes, byte for byte (deterministic)', () => {
    const manifest = JSON.parse(readFileSync(`${MODEL_DIR}/logsift-model.json`, 'utf8'));
    for (const file of tinyBertFiles()) {
      expect(sha256(readFileSync(`${MODEL_DIR}/${file.path}`)), file.path).toBe(sha256(file.bytes));
      expect(manifest.files[file.path]).toEqual({ size: file.bytes.length, sha256: sha256(file.bytes) });
    }
  });

  it('loads as a 32-dimensional BERT, in fp32 and q8, with its id from logsift-model.json', async () => {
    for (const dtype of ['fp32', 'q8'] as const) {
      const spec = await describeBertModel(bertRuntimeFromDir(MODEL_DIR, dtype));
      expect(spec).toEqual({ id: 'bert', version: 1, model: 'test-tiny-bert', dim: 32, dtype, pooling: 'mean', normalize: true });
    }
  });
});

describe('bert embeddings', () => {
  it('match the committed Node reference (the browser test compares its WASM numbers with the same file)', async () => {
    for (const dtype of ['fp32', 'q8'] as const) {
      const vectors = await embedder(dtype).embed(reference.sentences);
      vectors.forEach((v, i) => expect(maxDiff(v, reference[dtype][i]), `${dtype} ${reference.sentences[i]}`).toBeLessThan(1e-5));
    }
  });

  it('are unit length', async () => {
    for (const v of await embedder().embed(reference.sentences)) expect(Math.abs(norm(v) - 1)).toBeLessThan(1e-5);
  });

  it('ignore padding: a sentence alone and in a batch padded to a much longer one embed the same', async () => {
    const short = 'Backup completed successfully.';
    const long = 'Possible SQL injection in parameter sort from <*> while the nightly export job was copying customer records to the archive bucket';
    const extractor = await loadBertExtractor(bertRuntimeFromDir(MODEL_DIR, 'q8'), 'q8');
    // The check is only meaningful if the batch really pads the short sentence.
    const tokens = (text: string) => (extractor as unknown as { tokenizer(t: string): { input_ids: { dims: number[] } } }).tokenizer(text).input_ids.dims[1];
    expect(tokens(long)).toBeGreaterThan(3 * tokens(short));
    for (const dtype of ['fp32', 'q8'] as const) {
      const [alone] = await embedder(dtype).embed([short]);
      const batched = await embedder(dtype).embed([long, short, 'x']);
      expect(maxDiff(alone, batched[1])).toBeLessThan(1e-5);
    }
  });

  it('do not depend on batch size or order (batches are sorted by length internally)', async () => {
    const texts = labelledRows(300, 3).map((r) => r.message);
    const big = await embedder('q8', 64).embed(texts);
    const small = await embedder('q8', 5).embed([...texts].reverse());
    small.reverse().forEach((v, i) => expect(maxDiff(v, big[i])).toBeLessThan(1e-5));
  });

  it('embed each distinct text once: within a call, and across calls through the cache', async () => {
    const runtime = bertRuntimeFromDir(MODEL_DIR, 'q8');
    const cached = createBertEmbedder(bertSpec('test-tiny-bert', 32, 'q8'), runtime);
    const out = await cached.embed(['a b', 'c d', 'a b', 'a b']);
    expect(cached.embeddedTexts).toBe(2);
    expect(out[0]).toBe(out[2]);
    await cached.embed(['c d', 'e f']);
    expect(cached.embeddedTexts).toBe(3);
  });

  it('report progress per batch and stop between batches when cancelled', async () => {
    const texts = Array.from({ length: 40 }, (_, i) => `message number ${'x'.repeat(i)} here`);
    const e = embedder('q8', 8);
    const seen: number[] = [];
    await e.embed(texts, { onProgress: (done, total) => seen.push(done / total) });
    expect(seen).toEqual([0.2, 0.4, 0.6, 0.8, 1]);

    const controller = new AbortController();
    const c = embedder('q8', 8);
    await expect(c.embed(texts, { signal: controller.signal, onProgress: () => controller.abort() })).rejects.toBeInstanceOf(CancelledError);
    expect(c.embeddedTexts).toBe(8);
  });
});

describe('bert through the classifier, training and bundles', () => {
  it('classifying embeds exactly the distinct masked keys, once', async () => {
    const bundle = await trainBundle(labelledRows(1500, 21), {
      name: 'bert test',
      rules: [],
      sourceRoutes: {},
      minSamples: 10,
      confidence: 0.3,
      embedder: bertSpec('test-tiny-bert', 32, 'q8'),
      embedderContext: { bert: bertRuntimeFromDir(MODEL_DIR, 'q8') },
    });
    const e = createEmbedder(bundle.embedder, { bert: bertRuntimeFromDir(MODEL_DIR, 'q8') }) as BertEmbedder;
    const classifier = new Classifier(bundle, e);
    const rows = labelledRows(3000, 22);
    const results = await classifier.classify(rows.slice(0, 2000));
    await classifier.classify(rows.slice(1000));
    expect(classifier.distinctKeys).toBeGreaterThan(100);
    expect(e.embeddedTexts).toBe(classifier.distinctKeys);
    expect(classifier.embeddingCalls).toBe(classifier.distinctKeys);
    expect(results.some((r) => r.tier === 'bert')).toBe(true);
  });

  it('trains with progress from 0 to 1 and writes a bundle that parses back with its BERT spec', async () => {
    const progress: number[] = [];
    const bundle = await trainBundle(labelledRows(800, 23), {
      name: 'bert bundle',
      rules: [],
      sourceRoutes: {},
      minSamples: 10,
      confidence: 0.5,
      embedder: bertSpec('test-tiny-bert', 32, 'q8'),
      embedderContext: { bert: (spec) => (spec.model === 'test-tiny-bert' ? bertRuntimeFromDir(MODEL_DIR, spec.dtype) : undefined) },
      onProgress: (f) => progress.push(f),
    });
    expect(progress.at(-1)).toBe(1);
    expect(progress.every((f, i) => i === 0 || f >= progress[i - 1])).toBe(true);
    expect(progress.some((f) => f > 0 && f < 0.8)).toBe(true);
    const parsed = parseBundle(serializeBundle(bundle));
    expect(parsed.embedder).toEqual(bundle.embedder);
    expect(parsed.embedder.dim * parsed.labels.length).toBe(32 * bundle.labels.length);
  });

  it('refuses a bundle whose BERT model is not here, saying which and how to install it', async () => {
    const spec = bertSpec('Xenova/all-MiniLM-L6-v2', 384, 'q8');
    const error = (() => {
      try {
        createEmbedder(spec);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(MissingEmbedderError);
    expect((error as MissingEmbedderError).spec).toEqual(spec);
    expect((error as Error).message).toMatch(/needs the BERT model "Xenova\/all-MiniLM-L6-v2", which is not installed here.*models:fetch.*Import model files/);
    // A runtime for another model is not silently used instead.
    expect(() => createEmbedder(spec, { bert: bertRuntimeFromDir(MODEL_DIR) })).toThrow(ModelError);
    expect(() => createEmbedder(spec, { bert: bertRuntimeFromDir(MODEL_DIR) })).toThrow(/trained with the BERT model "Xenova\/all-MiniLM-L6-v2", but the model here is "test-tiny-bert"/);
    // Same id, other size.
    const wrongDim = createBertEmbedder(bertSpec('test-tiny-bert', 384, 'q8'), bertRuntimeFromDir(MODEL_DIR));
    await expect(wrongDim.embed(['x'])).rejects.toThrow(/gives 32-dimensional embeddings, but the bundle expects 384/);
  });

  it('validates BERT specs in bundle files', async () => {
    const bundle = await trainBundle(labelledRows(300, 24), {
      name: 'b',
      rules: [],
      sourceRoutes: {},
      minSamples: 1,
      confidence: 0.5,
      embedder: bertSpec('test-tiny-bert', 32, 'q8'),
      embedderContext: { bert: bertRuntimeFromDir(MODEL_DIR) },
    });
    const json = JSON.parse(serializeBundle(bundle));
    for (const broken of [{ dtype: 'int3' }, { pooling: 'cls' }, { model: '' }, { normalize: false }, { dim: 0 }]) {
      expect(() => parseBundle(JSON.stringify({ ...json, embedder: { ...json.embedder, ...broken } }))).toThrow(/its BERT embedder settings are invalid/);
    }
    expect(() => parseBundle(JSON.stringify({ ...json, embedder: { ...json.embedder, dim: 64 } }))).toThrow(/expected 64 × /);
  });
});
