/**
 * Writes the tiny test BERT (`npm run make-test-model [-- --out DIR] [--no-reference]`):
 *  - public/models/test-tiny-bert/: config.json, tokenizer.json, tokenizer_config.json,
 *    onnx/model.onnx (fp32), onnx/model_quantized.onnx (int8 weights), logsift-model.json;
 *  - test/fixtures/tiny-bert-reference.json: embeddings of a few sentences computed here in Node
 *    (onnxruntime-node), for the browser test to compare its WASM embeddings with (to 1e-4).
 * Deterministic: running it again gives the same bytes (the unit tests check this).
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createBertEmbedder, describeBertModel, unloadBertModels, type BertDtype } from '../src/core/features/bert.ts';
import { bertRuntimeFromDir } from '../src/cli/bert-model.ts';
import { TINY_BERT_ID, writeTinyBert } from './lib/tiny-bert.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const { values } = parseArgs({
  options: {
    out: { type: 'string', default: `${root}public/models/${TINY_BERT_ID}` },
    'no-reference': { type: 'boolean', default: false },
  },
});

/** Sentences for the reference: plain, masked, long, punctuation-heavy, unknown characters, empty-ish. */
const REFERENCE_SENTENCES = [
  'User User<*> logged in.',
  'Backup completed successfully.',
  'Possible SQL injection in parameter \'sort\' from <*>',
  '<*> - - [<*>/Mar/<*>:<*>:<*>:<*> +<*>] "POST /api/v<*>/customers/<*>/contacts HTTP/<*>" <*> <*>',
  'Memory usage on worker-<*>.us-east-<*>.internal: <*> GB of <*> GB (<*>%)',
  'Die Übertragung ist fehlgeschlagen – ß ø 日本',
  'x',
];

const { files } = writeTinyBert(values.out);
for (const file of files) console.log(`${file.path.padEnd(28)} ${file.bytes.length.toLocaleString('en-US').padStart(9)} bytes`);

if (!values['no-reference']) {
  const reference: Record<string, unknown> = {
    note: 'Embeddings of the tiny test BERT computed in Node (onnxruntime-node) by npm run make-test-model; the browser (WASM) must give the same to 1e-4.',
    model: TINY_BERT_ID,
    sentences: REFERENCE_SENTENCES,
  };
  for (const dtype of ['fp32', 'q8'] as BertDtype[]) {
    const runtime = bertRuntimeFromDir(values.out, dtype);
    const embedder = createBertEmbedder(await describeBertModel(runtime), runtime);
    const vectors = await embedder.embed(REFERENCE_SENTENCES);
    reference[dtype] = vectors.map((v) => Array.from(v, (x) => Number(x.toFixed(6))));
  }
  await unloadBertModels();
  const path = `${root}test/fixtures/tiny-bert-reference.json`;
  writeFileSync(path, JSON.stringify(reference, null, 1) + '\n');
  console.log(`reference embeddings → ${path}`);
}
