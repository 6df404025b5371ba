/** The CLI with --embedder bert --model-dir on the tiny test model: train, classify, eval, and its errors. */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../../src/cli/main.ts';
import { csvLine } from '../../../src/core/csv/format.ts';
import { DataType, encodeModel, int64Tensor } from '../../../scripts/lib/onnx-writer.ts';
import { labelledRows } from '../../helpers/fixtures.ts';

const BIN = fileURLToPath(new URL('../../../bin/logsift.js', import.meta.url));
const MODEL_DIR = fileURLToPath(new URL('../../../public/models/test-tiny-bert', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'logsift-bert-cli-'));
const labelled = join(dir, 'labelled.csv');
const unlabelled = join(dir, 'logs.csv');
const rows = labelledRows(3000, 31);
const testRows = labelledRows(1500, 32);

function logsift(args: string[]) {
  const result = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Runs the CLI in this process (fast) and captures what it writes to standard error. */
async function logsiftHere(args: string[]): Promise<{ code: number; stderr: string }> {
  let stderr = '';
  const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  });
  try {
    return { code: await main(args), stderr };
  } finally {
    spy.mockRestore();
  }
}

/** A copy of the tiny model with one thing broken. */
function brokenModel(name: string, breakIt: (modelDir: string) => void): string {
  const copy = join(dir, name);
  cpSync(MODEL_DIR, copy, { recursive: true });
  breakIt(copy);
  return copy;
}

beforeAll(() => {
  writeFileSync(labelled, csvLine(['source', 'log_message', 'target_label']) + rows.map((r) => csvLine([r.source, r.message, r.label])).join(''));
  writeFileSync(unlabelled, csvLine(['id', 'source', 'log_message']) + testRows.map((r, i) => csvLine([String(i), r.source, r.message])).join(''));
});

afterEach(() => vi.restoreAllMocks());

describe('logsift CLI with BERT features', () => {
  it('trains with --embedder bert and classifies with the bundle and --model-dir, end to end in a fresh process', () => {
    const bundlePath = join(dir, 'bert-bundle.json');
    const trained = logsift(['train', labelled, '--out', bundlePath, '--embedder', 'bert', '--model-dir', MODEL_DIR, '--rules', 'none', '--routes', 'none', '--threshold', '0.3']);
    expect(trained.stderr).toMatch(/trained on 3000 rows/);
    expect(trained.code).toBe(0);
    const bundle = JSON.parse(readFileSync(bundlePath, 'utf8'));
    expect(bundle.embedder).toEqual({ id: 'bert', version: 1, model: 'test-tiny-bert', dim: 32, dtype: 'q8', pooling: 'mean', normalize: true });

    const out = join(dir, 'classified.csv');
    const run = logsift(['classify', unlabelled, '--model', bundlePath, '--model-dir', MODEL_DIR, '--explain', '--out', out]);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/1500 rows classified.*distinct keys; .*bert \d+/);
    const table = Papa.parse<string[]>(readFileSync(out, 'utf8'), { skipEmptyLines: true }).data;
    expect(table[0]).toEqual(['id', 'source', 'log_message', 'target_label', 'tier', 'confidence']);
    expect(table).toHaveLength(testRows.length + 1);
    const byModel = table.slice(1).filter((row) => row[4] === 'bert');
    expect(byModel.length).toBeGreaterThan(testRows.length / 2);
    // Random weights, 32 dimensions: far from the n-gram model, but clearly learned (9 labels).
    const correct = byModel.filter((row) => row[3] === testRows[Number(row[0])].label).length;
    expect(correct / byModel.length).toBeGreaterThan(0.5);
  });

  it('evaluates with --embedder bert (fp32 too)', async () => {
    let stdout = '';
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      stdout += String(chunk);
      return true;
    });
    const { code } = await logsiftHere(['eval', labelled, '--embedder', 'bert', '--model-dir', MODEL_DIR, '--dtype', 'fp32', '--json']);
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    expect(result.tiers.bert).toBeGreaterThan(0);
    expect(result.accuracy).toBeGreaterThan(0.4);
  });

  it('says what is wrong with the options or the model folder', async () => {
    const cases: [string[], RegExp][] = [
      [['train', labelled, '--out', join(dir, 'x.json'), '--embedder', 'bert'], /--embedder bert needs --model-dir DIR/],
      [['train', labelled, '--out', join(dir, 'x.json'), '--embedder', 'word2vec'], /--embedder must be ngram or bert, got "word2vec"/],
      [['eval', labelled, '--embedder', 'bert', '--model-dir', join(dir, 'nowhere')], /--model-dir .*nowhere: no such folder/],
      [
        ['train', labelled, '--out', join(dir, 'x.json'), '--embedder', 'bert', '--model-dir', brokenModel('no-tokenizer', (d) => rmSync(join(d, 'tokenizer.json')))],
        /not a usable BERT model folder: tokenizer\.json is missing/,
      ],
      [
        ['train', labelled, '--out', join(dir, 'x.json'), '--embedder', 'bert', '--model-dir', brokenModel('no-q8', (d) => rmSync(join(d, 'onnx', 'model_quantized.onnx')))],
        /onnx\/model_quantized\.onnx is missing \(this folder has the fp32 model: try --dtype fp32\)/,
      ],
      [
        ['train', labelled, '--out', join(dir, 'x.json'), '--embedder', 'bert', '--model-dir', brokenModel('not-onnx', (d) => writeFileSync(join(d, 'onnx', 'model_quantized.onnx'), 'this is not a model'))],
        /onnx\/model_quantized\.onnx is not a valid ONNX model/,
      ],
      [
        [
          'train', labelled, '--out', join(dir, 'x.json'), '--embedder', 'bert', '--model-dir',
          brokenModel('wrong-inputs', (d) =>
            writeFileSync(
              join(d, 'onnx', 'model_quantized.onnx'),
              encodeModel(
                {
                  name: 'not-bert',
                  initializers: [int64Tensor('axes', [1], [2])],
                  nodes: [
                    { opType: 'Cast', inputs: ['tokens'], outputs: ['cast'], name: 'cast', attributes: { to: DataType.FLOAT } },
                    { opType: 'Unsqueeze', inputs: ['cast', 'axes'], outputs: ['last_hidden_state'], name: 'unsqueeze' },
                  ],
                  inputs: [{ name: 'tokens', elemType: DataType.INT64, shape: ['batch', 'sequence'] }],
                  outputs: [{ name: 'last_hidden_state', elemType: DataType.FLOAT, shape: ['batch', 'sequence', 1] }],
                },
                17,
                'test',
              ),
            ),
          ),
        ],
        /is not a BERT encoder: its ONNX inputs are \[tokens\], expected input_ids, attention_mask/,
      ],
      [
        ['train', labelled, '--out', join(dir, 'x.json'), '--embedder', 'bert', '--model-dir', brokenModel('bad-tokenizer', (d) => writeFileSync(join(d, 'tokenizer.json'), '{"nope": 1}'))],
        /Cannot load the BERT model at ".*bad-tokenizer"/,
      ],
    ];
    for (const [args, message] of cases) {
      const { code, stderr } = await logsiftHere(args);
      expect(stderr, args.join(' ')).toMatch(message);
      expect(code).toBeGreaterThan(0);
    }
  });

  it('refuses to classify with a BERT bundle without its model, or with another model', async () => {
    const bundlePath = join(dir, 'small-bert-bundle.json');
    const trained = await logsiftHere(['train', labelled, '--out', bundlePath, '--embedder', 'bert', '--model-dir', MODEL_DIR]);
    expect(trained.code).toBe(0);
    const without = await logsiftHere(['classify', unlabelled, '--model', bundlePath, '--out', join(dir, 'never.csv')]);
    expect(without.code).toBe(1);
    expect(without.stderr).toMatch(/needs the BERT model "test-tiny-bert", which is not installed here.*--model-dir DIR/);
    const other = brokenModel('other-model', (d) => writeFileSync(join(d, 'logsift-model.json'), JSON.stringify({ id: 'some/other-bert' })));
    const mismatch = await logsiftHere(['classify', unlabelled, '--model', bundlePath, '--model-dir', other, '--out', join(dir, 'never.csv')]);
    expect(mismatch.code).toBe(1);
    expect(mismatch.stderr).toMatch(/trained with the BERT model "test-tiny-bert", but the model here is "some\/other-bert"/);
  });
});
