/**
 * BERT in the page: the tiny test model's files imported through the page's file
 * input are checked, kept in browser storage and loaded from there after a reload (no request
 * for model files, nothing beyond 127.0.0.1); the default bundle is retrained on BERT features
 * (progress shown); a generated CSV is classified with tier "bert"; the embeddings of Chromium's
 * WASM backend equal the Node reference to 1e-4; bad imports and a bundle whose model is missing
 * say what is wrong.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { download, openSession, parseCsv, useBrowser, writeGeneratedCsv } from '../helpers/browser.ts';
import { NOT_ONNX, TINY_MODEL_DIR, tinyModelFiles, wrongInputsOnnx } from '../helpers/model-files.ts';

const env = useBrowser();
const reference = JSON.parse(readFileSync(new URL('../fixtures/tiny-bert-reference.json', import.meta.url), 'utf8')) as {
  sentences: string[];
  q8: number[][];
  fp32: number[][];
};

const panel = (page: Page) => page.getByTestId('models-panel');

/** The tiny model's files as a multi-file pick would give them (names only), optionally changed. */
function filePayloads(change: (files: Map<string, Uint8Array>) => void = () => {}) {
  const files = tinyModelFiles();
  change(files);
  return [...files].map(([path, bytes]) => ({ name: path.split('/').pop()!, mimeType: 'application/octet-stream', buffer: Buffer.from(bytes) }));
}

/** Records every text the retraining progress shows (it can come and go between two polls). */
async function recordRetrainProgress(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __retrainSeen: string[] };
    w.__retrainSeen = [];
    new MutationObserver(() => {
      const el = document.querySelector('[data-testid="retrain-progress"]');
      if (el?.textContent) w.__retrainSeen.push(el.textContent);
    }).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
  });
}

const retrainSeen = (page: Page) => page.evaluate(() => (window as unknown as { __retrainSeen: string[] }).__retrainSeen);

async function embedInPage(page: Page, dtype: 'q8' | 'fp32'): Promise<number[][]> {
  const p = panel(page);
  await p.getByText('Check the embedder').click();
  await p.getByTestId('embed-input').fill(reference.sentences.join('\n'));
  await p.getByTestId('embed-dtype').selectOption(dtype);
  await p.getByTestId('embed-run').click();
  await expect.poll(() => p.getByTestId('embed-summary').innerText()).toMatch(new RegExp(`on WASM \\(${dtype}\\)`));
  await p.getByText('Check the embedder').click();
  return JSON.parse(await p.getByTestId('embed-json').textContent() ?? '[]');
}

function expectClose(actual: number[][], expected: number[][]): void {
  expect(actual).toHaveLength(expected.length);
  const perSentence = actual.map((v, i) => {
    expect(v).toHaveLength(expected[i].length);
    return v.reduce((max, x, k) => Math.max(max, Math.abs(x - expected[i][k])), 0);
  });
  expect(Math.max(...perSentence), `largest difference per sentence: ${perSentence.join(', ')}`).toBeLessThan(1e-4);
}

describe('BERT in the page', () => {
  it('imports the model files, keeps them over a reload, retrains the default on BERT and classifies with tier bert', async () => {
    env.session = await openSession(env.browser);
    const { page, requests } = env.session;
    const p = panel(page);
    await expect.poll(() => p.getByTestId('embedder-in-use').innerText()).toMatch(/^n-gram/);
    await p.getByTestId('no-models').waitFor();

    // Import: the files of public/models/test-tiny-bert through the multi-file input.
    await recordRetrainProgress(page);
    await p.getByTestId('model-files-input').setInputFiles([...tinyModelFiles().keys()].map((path) => join(TINY_MODEL_DIR, path)));
    await expect
      .poll(() => p.getByTestId('models-notice').innerText(), { timeout: 60_000 })
      .toMatch(/Imported “test-tiny-bert” \(32 dimensions, 6 files, checked against logsift-model\.json\)\. Kept in this browser’s storage\./);
    // With the built-in default in use, the new model retrains it at once.
    await expect.poll(() => p.getByTestId('models-notice').innerText(), { timeout: 60_000 }).toMatch(/retrained on BERT features of “test-tiny-bert” and is now in use/);
    expect((await retrainSeen(page)).join(' ')).toMatch(/Retraining the default bundle on BERT features/);
    await expect.poll(() => p.getByTestId('embedder-in-use').innerText()).toBe('BERT test-tiny-bert (32 dimensions)');
    expect(await page.getByTestId('bundle-name').innerText()).toMatch(/Default bundle · BERT test-tiny-bert/);

    // Reload: the model comes from browser storage; retrain again (progress shown).
    await page.reload();
    await page.getByTestId('bundle-name').waitFor();
    const item = p.getByTestId('model-item');
    await expect.poll(() => item.innerText()).toMatch(/test-tiny-bert[\s\S]*imported, in this browser[\s\S]*32 dimensions/);
    await expect.poll(() => p.getByTestId('embedder-in-use').innerText()).toBe('BERT test-tiny-bert (32 dimensions)');
    expect(await p.getByTestId('embedder-backend').innerText()).toBe('WASM (q8)');
    expect(await p.getByTestId('backend-reason').innerText()).toMatch(/WebGPU/);
    const beforeRetrain = requests.length;
    await recordRetrainProgress(page);
    await item.getByTestId('retrain').click();
    await expect.poll(() => p.getByTestId('models-notice').innerText(), { timeout: 60_000 }).toMatch(/retrained on BERT features of “test-tiny-bert”/);
    const seen = (await retrainSeen(page)).join(' ');
    expect(seen).toMatch(/Retraining the default bundle on BERT features \(test-tiny-bert\)/);
    expect(seen).toMatch(/Embedding [\d,]+ of [\d,]+ example messages|Fitting the model/);
    expect(await p.getByTestId('throughput').innerText()).toMatch(/[\d,]+ sentences\/s – [\d,]+ texts in .* \(retraining, test-tiny-bert, WASM q8\)/);

    // Classify a generated CSV: the model tier answers as "bert".
    const input = writeGeneratedCsv(env.tmp.dir, 'bert-logs.csv', 400, 'e2e-bert');
    await page.getByTestId('log-file-input').setInputFiles(input.path);
    await page.getByTestId('summary').waitFor({ timeout: 120_000 });
    await page.getByTestId('explain').check();
    const out = parseCsv((await download(page)).text);
    expect(out.rows).toHaveLength(400);
    expect(out.rows.filter((r) => r.tier === 'bert').length).toBeGreaterThan(0);
    expect(out.rows.some((r) => r.tier === 'ngram')).toBe(false);
    await expect.poll(() => p.getByTestId('throughput').innerText()).toMatch(/sentences\/s – [\d,]+ texts in .* \(classifying, test-tiny-bert, WASM q8\)/);

    // Chromium's WASM backend gives the Node reference's embeddings.
    const q8 = await embedInPage(page, 'q8');
    expectClose(await embedInPage(page, 'fp32'), reference.fp32);
    expectClose(q8, reference.q8);

    // Nothing was fetched for the model after the import: no /models/ or /imported-models/ file, no CDN (closeSession checks 127.0.0.1).
    const modelRequests = requests.slice(beforeRetrain).filter((url) => /\/(models|imported-models)\/test-tiny-bert\//.test(url));
    expect(modelRequests).toEqual([]);
    expect(requests.filter((url) => /imported-models/.test(url))).toEqual([]);
  });

  it('refuses a non-ONNX file, a missing tokenizer and a model without BERT inputs, with the reason', async () => {
    env.session = await openSession(env.browser);
    const { page } = env.session;
    const p = panel(page);
    const input = p.getByTestId('model-files-input');
    const error = p.getByTestId('model-import-error');
    const noManifest = (f: Map<string, Uint8Array>) => f.delete('logsift-model.json');

    await input.setInputFiles(filePayloads((f) => (noManifest(f), f.set('onnx/model_quantized.onnx', NOT_ONNX))));
    await expect.poll(() => error.innerText()).toMatch(/model_quantized\.onnx is not an ONNX model/);

    await input.setInputFiles(filePayloads((f) => f.delete('tokenizer.json')));
    await expect.poll(() => error.innerText()).toMatch(/The tokenizer is missing: tokenizer\.json was not among the picked files/);

    await input.setInputFiles(filePayloads((f) => (noManifest(f), f.delete('onnx/model.onnx'), f.set('onnx/model_quantized.onnx', wrongInputsOnnx()))));
    await expect.poll(() => error.innerText()).toMatch(/its inputs are \[tokens\]; expected input_ids and attention_mask/);

    // Nothing was kept, and the page still uses n-grams.
    await page.reload();
    await page.getByTestId('bundle-name').waitFor();
    await p.getByTestId('no-models').waitFor();
    expect(await p.getByTestId('embedder-in-use').innerText()).toMatch(/^n-gram/);
  });

  it('imports a model folder (the folder picker)', async () => {
    env.session = await openSession(env.browser);
    const p = panel(env.session.page);
    await p.getByTestId('model-folder-input').setInputFiles(TINY_MODEL_DIR);
    await expect.poll(() => p.getByTestId('models-notice').innerText(), { timeout: 60_000 }).toMatch(/Imported “test-tiny-bert” \(32 dimensions, 6 files, checked/);
    await expect.poll(() => p.getByTestId('model-item').innerText()).toMatch(/test-tiny-bert/);
  });

  it('says which model a bundle needs when it is missing, and offers the import', async () => {
    env.session = await openSession(env.browser);
    const { page } = env.session;
    const bundle = JSON.parse(readFileSync(new URL('../../public/default-bundle.json', import.meta.url), 'utf8'));
    bundle.embedder = { id: 'bert', version: 1, model: 'Xenova/all-MiniLM-L6-v2', dim: 384, dtype: 'q8', pooling: 'mean', normalize: true };
    bundle.weights = Buffer.from(new Float32Array(384 * bundle.labels.length).buffer).toString('base64');
    await page.getByTestId('bundle-file-input').setInputFiles({ name: 'bert-bundle.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(bundle)) });
    await expect.poll(() => page.getByTestId('model-panel').getByRole('alert').innerText()).toMatch(/needs the BERT model "Xenova\/all-MiniLM-L6-v2", which is not installed here/);
    const missing = panel(page).getByTestId('missing-model');
    await expect.poll(() => missing.innerText()).toMatch(/needs the BERT model Xenova\/all-MiniLM-L6-v2/);
    expect(await missing.getByText('Import model files…').count()).toBe(1);
    expect(await page.getByTestId('bundle-name').innerText()).not.toMatch(/BERT/);
  });
});
