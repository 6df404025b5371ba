/**
 * The Node edge of the BERT embedder: a model folder on disk (`--model-dir DIR`) becomes a
 * BertRuntime for onnxruntime-node. The folder holds config.json, tokenizer.json,
 * tokenizer_config.json and onnx/model_quantized.onnx (q8) and/or onnx/model.onnx (fp32); its
 * id is read from logsift-model.json (written by models:fetch and make-test-model), else it is
 * the folder's name.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { ModelError } from '../core/errors.ts';
import { BERT_DTYPES, BERT_ONNX_FILES, BERT_REQUIRED_FILES, type BertDtype, type BertRuntime } from '../core/features/bert.ts';

export const MODEL_MANIFEST = 'logsift-model.json';

/** The model id a folder holds: logsift-model.json's `id`, else the folder name. */
export function modelIdOf(dir: string): string {
  const manifest = resolve(dir, MODEL_MANIFEST);
  if (existsSync(manifest)) {
    try {
      const id = (JSON.parse(readFileSync(manifest, 'utf8')) as { id?: unknown }).id;
      if (typeof id === 'string' && id.trim() !== '') return id;
    } catch {
      throw new ModelError(`${manifest} is not valid JSON.`);
    }
  }
  return basename(resolve(dir));
}

export function parseDtype(value: string | undefined): BertDtype | undefined {
  if (value === undefined) return undefined;
  if (!BERT_DTYPES.includes(value as BertDtype)) throw new ModelError(`--dtype must be one of ${BERT_DTYPES.join(', ')}, got "${value}"`);
  return value as BertDtype;
}

/**
 * Checks a model folder before transformers.js sees it, so that a missing file is named plainly,
 * and returns the runtime for it. The ONNX content itself (a real ONNX graph, BERT's input names)
 * is checked when the model loads.
 */
export function bertRuntimeFromDir(dir: string, dtype: BertDtype = 'q8', extra: Partial<BertRuntime> = {}): BertRuntime {
  const location = resolve(dir);
  if (!existsSync(location) || !statSync(location).isDirectory()) {
    throw new ModelError(`--model-dir ${dir}: no such folder. It should hold a BERT model: ${BERT_REQUIRED_FILES.join(', ')} and ${BERT_ONNX_FILES.q8} or ${BERT_ONNX_FILES.fp32}.`);
  }
  const missing = [...BERT_REQUIRED_FILES, BERT_ONNX_FILES[dtype]].filter((file) => !existsSync(resolve(location, file)));
  if (missing.length > 0) {
    const others = BERT_DTYPES.filter((d) => d !== dtype && existsSync(resolve(location, BERT_ONNX_FILES[d])));
    const hint = missing.includes(BERT_ONNX_FILES[dtype]) && others.length > 0 ? ` (this folder has the ${others.join(', ')} model: try --dtype ${others[0]})` : '';
    throw new ModelError(`--model-dir ${dir} is not a usable BERT model folder: ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} missing${hint}.`);
  }
  return { location, id: modelIdOf(location), device: 'cpu', dtype, ...extra };
}
