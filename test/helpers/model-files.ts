/**
 * Model files for import tests: the tiny test BERT's files as they are on disk, and broken
 * variants (a file that is not ONNX, an ONNX model without BERT's inputs).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DataType, encodeModel } from '../../scripts/lib/onnx-writer.ts';

export const TINY_MODEL_DIR = fileURLToPath(new URL('../../public/models/test-tiny-bert', import.meta.url));

/** Every file of the tiny model: path in its folder → bytes. */
export function tinyModelFiles(): Map<string, Uint8Array> {
  const files = new Map<string, Uint8Array>();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else files.set(relative(TINY_MODEL_DIR, path).split('\\').join('/'), readFileSync(path));
    }
  };
  walk(TINY_MODEL_DIR);
  return files;
}

/** A valid ONNX model whose input is called "tokens" (not input_ids): Cast to float, then the output. */
export function wrongInputsOnnx(): Uint8Array {
  return encodeModel(
    {
      name: 'not-bert',
      nodes: [{ opType: 'Cast', inputs: ['tokens'], outputs: ['last_hidden_state'], name: 'cast', attributes: { to: DataType.FLOAT } }],
      initializers: [],
      inputs: [{ name: 'tokens', elemType: DataType.INT64, shape: ['batch_size', 'sequence_length'] }],
      outputs: [{ name: 'last_hidden_state', elemType: DataType.FLOAT, shape: ['batch_size', 'sequence_length'] }],
    },
    17,
    'logsift test',
  );
}

/** Text where an ONNX file should be. */
export const NOT_ONNX = new TextEncoder().encode('This is a README, not a model.\n');
