/** Checking picked model files before they are stored (the page's "Import model files"). */
import { describe, expect, it } from 'vitest';
import { readOnnxSummary, validateModelFiles, type PickedModelFile } from '../../../src/core/features/model-import.ts';
import { NOT_ONNX, tinyModelFiles, wrongInputsOnnx } from '../../helpers/model-files.ts';

const blob = (bytes: Uint8Array) => new Blob([bytes as Uint8Array<ArrayBuffer>]);

/** The tiny model's files as a multi-file pick (names only) or a folder pick ("test-tiny-bert/onnx/…"). */
function picked(how: 'files' | 'folder', change: (files: Map<string, Uint8Array>) => void = () => {}): PickedModelFile[] {
  const files = tinyModelFiles();
  change(files);
  return [...files].map(([path, bytes]) => ({ path: how === 'folder' ? `test-tiny-bert/${path}` : path.split('/').pop()!, file: blob(bytes) }));
}

describe('readOnnxSummary', () => {
  it("reads a model's IR version and graph inputs and outputs", () => {
    const summary = readOnnxSummary(tinyModelFiles().get('onnx/model_quantized.onnx')!);
    expect(summary.irVersion).toBe(8);
    expect(summary.inputs).toEqual(['input_ids', 'attention_mask', 'token_type_ids']);
    expect(summary.outputs).toEqual(['last_hidden_state']);
  });

  it('refuses text, JSON and random bytes as not ONNX', () => {
    for (const bytes of [NOT_ONNX, new TextEncoder().encode('{"a":1}'), Uint8Array.from({ length: 300 }, (_, i) => (i * 7919) % 256), new Uint8Array(0)]) {
      expect(() => readOnnxSummary(bytes, 'model.onnx')).toThrow(/model\.onnx is not an ONNX model/);
    }
  });
});

describe('validateModelFiles', () => {
  it('sorts a multi-file pick into the model folder, checks the hashes, and takes the id from logsift-model.json', async () => {
    const model = await validateModelFiles(picked('files'));
    expect(model.id).toBe('test-tiny-bert');
    expect(model.dim).toBe(32);
    expect([...model.files.keys()].sort()).toEqual(['config.json', 'logsift-model.json', 'onnx/model.onnx', 'onnx/model_quantized.onnx', 'tokenizer.json', 'tokenizer_config.json']);
    expect(model.dtypes).toEqual(['fp32', 'q8']);
    expect(model.verified).toBe(true);
    expect(model.ignored).toEqual([]);
  });

  it('takes a folder pick, ignores files it does not need, and names the model after the folder without a manifest', async () => {
    const files = picked('folder', (f) => f.delete('logsift-model.json'));
    files.push({ path: 'test-tiny-bert/README.md', file: blob(NOT_ONNX) }, { path: 'test-tiny-bert/onnx/model_q4.onnx', file: blob(NOT_ONNX) });
    const model = await validateModelFiles(files);
    expect(model.id).toBe('test-tiny-bert');
    expect(model.verified).toBe(false);
    expect(model.ignored).toEqual(['test-tiny-bert/README.md (not needed)', 'test-tiny-bert/onnx/model_q4.onnx (an ONNX variant logsift does not use)']);
  });

  it('knows all-MiniLM-L6-v2 by its folder name', async () => {
    const files = picked('folder', (f) => f.delete('logsift-model.json')).map((f) => ({ ...f, path: f.path.replace('test-tiny-bert/', 'all-MiniLM-L6-v2/') }));
    expect((await validateModelFiles(files)).id).toBe('Xenova/all-MiniLM-L6-v2');
  });

  it('says the tokenizer is missing', async () => {
    await expect(validateModelFiles(picked('files', (f) => f.delete('tokenizer.json')))).rejects.toThrow(/The tokenizer is missing: tokenizer\.json/);
    await expect(validateModelFiles(picked('files', (f) => f.set('tokenizer.json', new TextEncoder().encode('{"version":"1.0"}'))))).rejects.toThrow(
      /tokenizer\.json has no "model" section/,
    );
  });

  it('names other missing files, and a pick without an ONNX file', async () => {
    await expect(validateModelFiles(picked('files', (f) => f.delete('config.json')))).rejects.toThrow(/config\.json is missing/);
    const noOnnx = picked('files', (f) => {
      f.delete('onnx/model.onnx');
      f.delete('onnx/model_quantized.onnx');
    });
    await expect(validateModelFiles(noOnnx)).rejects.toThrow(/No ONNX model file was picked/);
    await expect(validateModelFiles([])).rejects.toThrow(/No files were picked/);
  });

  it('refuses a file that is not ONNX, and an ONNX model without BERT inputs', async () => {
    const noManifest = (f: Map<string, Uint8Array>) => f.delete('logsift-model.json');
    await expect(validateModelFiles(picked('files', (f) => (noManifest(f), f.set('onnx/model_quantized.onnx', NOT_ONNX))))).rejects.toThrow(
      /model_quantized\.onnx is not an ONNX model/,
    );
    await expect(validateModelFiles(picked('files', (f) => (noManifest(f), f.set('onnx/model_quantized.onnx', wrongInputsOnnx()))))).rejects.toThrow(
      /model_quantized\.onnx is ONNX, but not a BERT encoder: its inputs are \[tokens\]; expected input_ids and attention_mask/,
    );
  });

  it('refuses a file that does not match logsift-model.json', async () => {
    const files = picked('files', (f) => {
      const bytes = f.get('onnx/model.onnx')!.slice();
      bytes[bytes.length - 1] ^= 1;
      f.set('onnx/model.onnx', bytes);
    });
    await expect(validateModelFiles(files)).rejects.toThrow(/onnx\/model\.onnx does not match the SHA-256 in logsift-model\.json/);
  });
});
