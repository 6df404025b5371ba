/**
 * Checks BERT model files that the user picks in the page ("Import model files": a folder, or
 * several files) before they are stored: which file is which, that the tokenizer and config are
 * there and readable, that each ONNX file really is ONNX and has BERT's inputs and output, and –
 * when logsift-model.json is among them – that every file has the size and SHA-256 it names.
 *
 * Pure: Blobs in, a description out (works in a worker and in Node). Each problem is a
 * ModelError whose message says what is wrong and what to pick instead.
 */
import { ModelError } from '../errors.ts';
import { BERT_DTYPES, BERT_ONNX_FILES, BERT_REQUIRED_FILES, type BertDtype } from './bert.ts';

export const MODEL_MANIFEST_FILE = 'logsift-model.json';

/** Folder names of well-known models whose id is not their folder name alone. */
const KNOWN_MODEL_IDS: Record<string, string> = {
  'all-minilm-l6-v2': 'Xenova/all-MiniLM-L6-v2',
};

/** A picked file: its path (a folder pick gives "folder/onnx/model.onnx", a file pick just the name). */
export interface PickedModelFile {
  path: string;
  file: Blob;
}

export interface ImportedModel {
  /** The model's id as bundles name it, e.g. "Xenova/all-MiniLM-L6-v2" or "test-tiny-bert". */
  id: string;
  /** Hidden size from config.json = the embedding's length. */
  dim: number;
  /** Path in the model folder (config.json, onnx/model_quantized.onnx, …) → bytes. */
  files: Map<string, Blob>;
  /** The ONNX variants present. */
  dtypes: BertDtype[];
  /** Total bytes of the files kept. */
  bytes: number;
  /** Picked files that are not needed (left out), with why. */
  ignored: string[];
  /** True when logsift-model.json was given and every file matched its size and SHA-256. */
  verified: boolean;
}

const ONNX_BY_NAME = new Map<string, BertDtype>(BERT_DTYPES.map((dtype) => [BERT_ONNX_FILES[dtype].slice('onnx/'.length), dtype]));
const ROOT_FILES = new Set<string>([...BERT_REQUIRED_FILES, MODEL_MANIFEST_FILE]);

const baseName = (path: string) => path.split(/[\\/]/).pop() ?? path;
const formatList = (items: readonly string[]) => (items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`);

/** What the picked files should be, for error messages. */
export const EXPECTED_FILES = `${formatList([...BERT_REQUIRED_FILES])}, and ${BERT_ONNX_FILES.q8} (q8) and/or ${BERT_ONNX_FILES.fp32} (fp32)`;

// ---- ONNX: just enough of the protobuf wire format to read a model's graph inputs and outputs ----

export interface OnnxSummary {
  irVersion: number;
  producer: string;
  inputs: string[];
  outputs: string[];
}

class NotOnnx extends Error {}

interface Field {
  field: number;
  wire: number;
  /** Varint value (wire 0). */
  value: number;
  /** Bytes of a length-delimited field (wire 2). */
  start: number;
  end: number;
}

function* fields(bytes: Uint8Array, start: number, end: number): Generator<Field> {
  let pos = start;
  const varint = (): number => {
    let result = 0;
    let scale = 1;
    for (let i = 0; i < 10; i++) {
      if (pos >= end) throw new NotOnnx('truncated');
      const byte = bytes[pos++];
      result += (byte & 0x7f) * scale;
      if ((byte & 0x80) === 0) return result;
      scale *= 128;
    }
    throw new NotOnnx('bad varint');
  };
  while (pos < end) {
    const tag = varint();
    const field = Math.floor(tag / 8);
    const wire = tag % 8;
    if (field === 0) throw new NotOnnx('field 0');
    if (wire === 0) yield { field, wire, value: varint(), start: pos, end: pos };
    else if (wire === 1 || wire === 5) {
      pos += wire === 1 ? 8 : 4;
      if (pos > end) throw new NotOnnx('truncated');
    } else if (wire === 2) {
      const length = varint();
      const s = pos;
      pos += length;
      if (pos > end) throw new NotOnnx('truncated');
      yield { field, wire, value: length, start: s, end: pos };
    } else throw new NotOnnx(`wire type ${wire}`);
  }
}

const decoder = new TextDecoder('utf-8', { fatal: false });

/** Reads an ONNX ModelProto's IR version, producer, and graph input/output names; throws a ModelError for anything else. */
export function readOnnxSummary(bytes: Uint8Array, fileName = 'the file'): OnnxSummary {
  const notOnnx = () =>
    new ModelError(`${fileName} is not an ONNX model (it does not read as an ONNX ModelProto). Pick the model's .onnx file, e.g. ${BERT_ONNX_FILES.q8}.`);
  let irVersion = 0;
  let producer = '';
  let graph: Field | null = null;
  try {
    for (const f of fields(bytes, 0, bytes.length)) {
      if (f.field === 1 && f.wire === 0) irVersion = f.value;
      else if (f.field === 2 && f.wire === 2) producer = decoder.decode(bytes.subarray(f.start, f.end));
      else if (f.field === 7 && f.wire === 2) graph = f;
    }
  } catch (error) {
    if (error instanceof NotOnnx) throw notOnnx();
    throw error;
  }
  if (irVersion < 1 || irVersion > 100 || !graph) throw notOnnx();
  const inputs: string[] = [];
  const outputs: string[] = [];
  const initializers = new Set<string>();
  const nameOf = (f: Field): string => {
    for (const inner of fields(bytes, f.start, f.end)) if (inner.field === 1 && inner.wire === 2) return decoder.decode(bytes.subarray(inner.start, inner.end));
    return '';
  };
  try {
    for (const f of fields(bytes, graph.start, graph.end)) {
      if (f.wire !== 2) continue;
      if (f.field === 11) inputs.push(nameOf(f));
      else if (f.field === 12) outputs.push(nameOf(f));
      else if (f.field === 5) {
        // TensorProto: the name is field 8.
        for (const inner of fields(bytes, f.start, f.end)) if (inner.field === 8 && inner.wire === 2) initializers.add(decoder.decode(bytes.subarray(inner.start, inner.end)));
      }
    }
  } catch (error) {
    if (error instanceof NotOnnx) throw notOnnx();
    throw error;
  }
  // Old exporters list the initializers among the graph inputs too.
  return { irVersion, producer, inputs: inputs.filter((name) => !initializers.has(name)), outputs };
}

/** Checks that an ONNX model has a BERT encoder's inputs and output. */
export function checkBertOnnx(summary: OnnxSummary, fileName: string): void {
  const { inputs, outputs } = summary;
  if (!inputs.includes('input_ids') || !inputs.includes('attention_mask')) {
    throw new ModelError(
      `${fileName} is ONNX, but not a BERT encoder: its inputs are [${inputs.join(', ')}]; expected input_ids and attention_mask (and token_type_ids).`,
    );
  }
  if (!outputs.some((name) => name === 'last_hidden_state' || name === 'token_embeddings')) {
    throw new ModelError(`${fileName} is ONNX, but not a BERT encoder: its outputs are [${outputs.join(', ')}]; expected last_hidden_state.`);
  }
}

// ---- the picked files ----

async function readJson(file: Blob, name: string, what: string): Promise<Record<string, unknown>> {
  let value: unknown;
  try {
    value = JSON.parse(await file.text());
  } catch {
    throw new ModelError(`${name} is not valid JSON, so it cannot be ${what}. Pick the model's own ${name}.`);
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new ModelError(`${name} is not a JSON object, so it cannot be ${what}.`);
  return value as Record<string, unknown>;
}

async function sha256Hex(bytes: ArrayBuffer): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** A safe model id (what transformers.js accepts as a local model name: "name" or "org/name"). */
export function cleanModelId(raw: string): string {
  const parts = raw
    .trim()
    .split('/')
    .map((part) => part.replace(/[^\w.-]+/g, '-').replace(/^[-.]+|[-.]+$/g, ''))
    .filter(Boolean)
    .slice(-2);
  return parts.join('/');
}

function modelIdFor(manifest: Record<string, unknown> | null, folder: string | null, config: Record<string, unknown>): string {
  const fromManifest = typeof manifest?.id === 'string' ? cleanModelId(manifest.id) : '';
  if (fromManifest) return fromManifest;
  if (folder) {
    const known = KNOWN_MODEL_IDS[folder.toLowerCase()];
    if (known) return known;
    const id = cleanModelId(folder);
    if (id) return id;
  }
  const named = typeof config._name_or_path === 'string' ? config._name_or_path : '';
  const known = KNOWN_MODEL_IDS[baseName(named).toLowerCase()];
  return known ?? (cleanModelId(named) || 'imported-model');
}

/**
 * Sorts picked files into a model folder and checks them. Throws a ModelError naming the first
 * problem: a missing tokenizer or config, a file that is not ONNX, an ONNX model without BERT's
 * inputs, a file that does not match logsift-model.json.
 */
export async function validateModelFiles(picked: readonly PickedModelFile[]): Promise<ImportedModel> {
  if (picked.length === 0) throw new ModelError(`No files were picked. Pick the model's folder, or its files: ${EXPECTED_FILES}.`);
  const files = new Map<string, Blob>();
  const ignored: string[] = [];
  const otherOnnx: string[] = [];
  // A folder pick gives "folder/…" paths: the folder's name can be the model's id.
  const firstSegments = new Set(picked.map((p) => (p.path.includes('/') ? p.path.split('/')[0] : '')));
  const folder = firstSegments.size === 1 && !firstSegments.has('') ? [...firstSegments][0] : null;

  for (const { path, file } of picked) {
    const name = baseName(path);
    let target: string | null = null;
    if (ROOT_FILES.has(name)) target = name;
    else if (name.toLowerCase().endsWith('.onnx')) {
      if (ONNX_BY_NAME.has(name)) target = `onnx/${name}`;
      else {
        otherOnnx.push(name);
        ignored.push(`${path} (an ONNX variant logsift does not use)`);
        continue;
      }
    }
    if (!target) {
      ignored.push(`${path} (not needed)`);
      continue;
    }
    // The same name twice (e.g. a copy in another sub-folder): the one under onnx/ or the first wins.
    if (files.has(target)) {
      ignored.push(`${path} (a second ${name})`);
      continue;
    }
    files.set(target, file);
  }

  const onnxPaths = BERT_DTYPES.map((dtype) => BERT_ONNX_FILES[dtype]).filter((p) => files.has(p));
  if (!files.has('tokenizer.json')) {
    throw new ModelError(
      `The tokenizer is missing: tokenizer.json was not among the picked files. Pick it together with the others (${EXPECTED_FILES}).`,
    );
  }
  const missing = BERT_REQUIRED_FILES.filter((name) => !files.has(name));
  if (missing.length > 0) {
    throw new ModelError(`${formatList(missing)} ${missing.length === 1 ? 'is' : 'are'} missing. A BERT model needs ${EXPECTED_FILES}.`);
  }
  if (onnxPaths.length === 0) {
    const hint = otherOnnx.length
      ? ` The picked ONNX file${otherOnnx.length === 1 ? '' : 's'} (${otherOnnx.join(', ')}) ${otherOnnx.length === 1 ? 'has' : 'have'} another name: rename the 8-bit one to model_quantized.onnx or the float one to model.onnx.`
      : '';
    throw new ModelError(`No ONNX model file was picked: expected ${BERT_ONNX_FILES.q8} (q8) or ${BERT_ONNX_FILES.fp32} (fp32).${hint}`);
  }

  const tokenizer = await readJson(files.get('tokenizer.json')!, 'tokenizer.json', 'the tokenizer');
  if (!tokenizer.model || typeof tokenizer.model !== 'object') {
    throw new ModelError('tokenizer.json has no "model" section: it is not a Hugging Face tokenizer file (the tokenizer is missing).');
  }
  await readJson(files.get('tokenizer_config.json')!, 'tokenizer_config.json', 'the tokenizer settings');
  const config = await readJson(files.get('config.json')!, 'config.json', "the model's configuration");
  const dim = config.hidden_size;
  if (typeof dim !== 'number' || !Number.isInteger(dim) || dim <= 0) {
    throw new ModelError('config.json has no hidden_size: it is not the configuration of a BERT model.');
  }

  const manifestBlob = files.get(MODEL_MANIFEST_FILE);
  const manifest = manifestBlob ? await readJson(manifestBlob, MODEL_MANIFEST_FILE, "logsift's model description") : null;
  const expected = (manifest?.files && typeof manifest.files === 'object' ? manifest.files : {}) as Record<string, { size?: unknown; sha256?: unknown }>;
  if (manifest && typeof manifest.dim === 'number' && manifest.dim !== dim) {
    throw new ModelError(`${MODEL_MANIFEST_FILE} says the model has ${manifest.dim} dimensions, but config.json says ${dim}: the files are from different models.`);
  }

  let verified = manifest !== null;
  for (const [path, blob] of files) {
    if (path === MODEL_MANIFEST_FILE) continue;
    const want = expected[path];
    const isOnnx = path.endsWith('.onnx');
    if (!isOnnx && !want) {
      verified = false;
      continue;
    }
    const bytes = await blob.arrayBuffer();
    if (isOnnx) checkBertOnnx(readOnnxSummary(new Uint8Array(bytes), baseName(path)), baseName(path));
    if (!want) {
      verified = false;
      continue;
    }
    if (typeof want.size === 'number' && want.size !== bytes.byteLength) {
      throw new ModelError(`${path} has ${bytes.byteLength.toLocaleString('en-US')} bytes, but ${MODEL_MANIFEST_FILE} says ${want.size.toLocaleString('en-US')}: the file is damaged or from another model.`);
    }
    if (typeof want.sha256 === 'string' && (await sha256Hex(bytes)) !== want.sha256.toLowerCase()) {
      throw new ModelError(`${path} does not match the SHA-256 in ${MODEL_MANIFEST_FILE}: the file is damaged or from another model.`);
    }
  }

  let bytes = 0;
  for (const blob of files.values()) bytes += blob.size;
  return {
    id: modelIdFor(manifest, folder, config),
    dim,
    files,
    dtypes: BERT_DTYPES.filter((dtype) => files.has(BERT_ONNX_FILES[dtype])),
    bytes,
    ignored,
    verified,
  };
}
