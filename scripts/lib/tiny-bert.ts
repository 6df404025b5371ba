/**
 * A tiny BERT for tests: a WordPiece vocabulary built from generated example logs plus basic
 * English, a BERT tokenizer.json, config.json, and an ONNX encoder (2 layers, hidden 32, 2 heads)
 * with fixed pseudo-random weights. The weights mean nothing; what matters is that it is a real
 * BERT graph (inputs input_ids / attention_mask / token_type_ids, output last_hidden_state
 * [batch, sequence, hidden]) that transformers.js loads and runs like all-MiniLM-L6-v2, in Node
 * and in the browser, and that the same sentences give the same numbers everywhere.
 *
 * Everything is deterministic: same code, same bytes.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateLogs } from '../../src/core/generate/generator.ts';
import { createRng } from '../../src/core/generate/random.ts';
import { encodeModel, floatTensor, int64Tensor, int8Tensor, DataType, type Graph, type Node, type Tensor } from './onnx-writer.ts';

export const TINY_BERT_ID = 'test-tiny-bert';

export const TINY_CONFIG = {
  hidden: 32,
  layers: 2,
  heads: 2,
  intermediate: 64,
  maxPositions: 128,
  typeVocab: 2,
};

const SPECIAL = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'];

/** BERT's punctuation: every ASCII symbol is a token of its own. */
const PUNCTUATION = [...'!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~'];
const CHARS = [...'abcdefghijklmnopqrstuvwxyz0123456789'];
const SUFFIXES = ['s', 'es', 'ed', 'ing', 'er', 'ers', 'ly', 'ion', 'tion', 'ions', 'al', 'ment', 'ness', 'able', 'ity', 'ive'];

const BASIC_ENGLISH = `the of and to a in is it you that he was for on are with as i his they be at one have this from
or had by hot word but what some we can out other were all there when up use your how said an each she which do
their time if will way about many then them write would like so these her long make thing see him two has look more
day could go come did number sound no most people my over know water than call first who may down side been now find
any new work part take get place made live where after back little only round man year came show every good me give
our under name very through just form sentence great think say help low line differ turn cause much mean before move
right boy old too same tell does set three want air well also play small end put home read hand port large spell add
even land here must big high such follow act why ask men change went light kind off need house picture try us again
animal point mother world near build self earth father head stand own page should country found answer school grow
study still learn plant cover food sun four between state keep eye never last let thought city tree cross farm hard
start might story saw far sea draw left late run while press close night real life few north open seem together next
white children begin got walk example ease paper group always music those both mark often letter until mile river car
feet care second book carry took science eat room friend began idea fish mountain stop once base hear horse cut sure
watch color face wood main enough plain girl usual young ready above ever red list though feel talk bird soon body dog
family direct pose leave song measure door product black short numeral class wind question happen complete ship area
half rock order fire south problem piece told knew pass since top whole king space heard best hour better true during
hundred five remember step early hold west ground interest reach fast verb sing listen six table travel less morning
ten simple several vowel toward war lay against pattern slow center love person money serve appear road map rain rule
govern pull cold notice voice unit power town fine certain fly fall lead cry dark machine note wait plan figure star
box noun field rest correct able pound done beauty drive stood contain front teach week final gave green oh quick
develop ocean warm free minute strong special mind behind clear tail produce fact street inch multiply nothing course
stay wheel full force blue object decide surface deep moon island foot system busy test record boat common gold possible
plane stead dry wonder laugh thousand ago ran check game shape equate miss brought heat snow tire bring yes distant fill
east paint language among error failed failure warning user login logged password request response server database file
disk memory network timeout denied access security alert update updated deprecated deprecation workflow status`.split(/\s+/);

/** Lower-cased words (letters only, 2+ characters) of the generated example logs, most frequent first. */
function exampleWords(rows: number, minCount: number): string[] {
  const counts = new Map<string, number>();
  for (const log of generateLogs({ rows, seed: 'tiny-bert-vocab' })) {
    for (const word of log.log_message.toLowerCase().match(/[a-z]+/g) ?? []) {
      if (word.length >= 2) counts.set(word, (counts.get(word) ?? 0) + 1);
    }
  }
  return [...counts]
    .filter(([, n]) => n >= minCount)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .map(([word]) => word);
}

export function buildVocab(): string[] {
  const vocab: string[] = [];
  const seen = new Set<string>();
  const add = (token: string) => {
    if (!seen.has(token)) {
      seen.add(token);
      vocab.push(token);
    }
  };
  SPECIAL.forEach(add);
  PUNCTUATION.forEach(add);
  CHARS.forEach(add);
  CHARS.forEach((c) => add(`##${c}`));
  SUFFIXES.forEach((s) => add(`##${s}`));
  exampleWords(20_000, 3).forEach(add);
  [...BASIC_ENGLISH].filter(Boolean).sort().forEach(add);
  return vocab;
}

function tokenizerJson(vocab: string[]): object {
  const ids = Object.fromEntries(vocab.map((token, i) => [token, i]));
  const special = (content: string) => ({
    id: ids[content],
    content,
    single_word: false,
    lstrip: false,
    rstrip: false,
    normalized: false,
    special: true,
  });
  const specialToken = (id: string, typeId: number) => ({ SpecialToken: { id, type_id: typeId } });
  const sequence = (id: string, typeId: number) => ({ Sequence: { id, type_id: typeId } });
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: SPECIAL.map(special),
    normalizer: { type: 'BertNormalizer', clean_text: true, handle_chinese_chars: true, strip_accents: null, lowercase: true },
    pre_tokenizer: { type: 'BertPreTokenizer' },
    post_processor: {
      type: 'TemplateProcessing',
      single: [specialToken('[CLS]', 0), sequence('A', 0), specialToken('[SEP]', 0)],
      pair: [specialToken('[CLS]', 0), sequence('A', 0), specialToken('[SEP]', 0), sequence('B', 1), specialToken('[SEP]', 1)],
      special_tokens: {
        '[CLS]': { id: '[CLS]', ids: [ids['[CLS]']], tokens: ['[CLS]'] },
        '[SEP]': { id: '[SEP]', ids: [ids['[SEP]']], tokens: ['[SEP]'] },
      },
    },
    decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
    model: { type: 'WordPiece', unk_token: '[UNK]', continuing_subword_prefix: '##', max_input_chars_per_word: 100, vocab: ids },
  };
}

function configJson(vocabSize: number): object {
  return {
    _name_or_path: `logsift/${TINY_BERT_ID}`,
    architectures: ['BertModel'],
    attention_probs_dropout_prob: 0,
    hidden_act: 'gelu',
    hidden_dropout_prob: 0,
    hidden_size: TINY_CONFIG.hidden,
    initializer_range: 0.02,
    intermediate_size: TINY_CONFIG.intermediate,
    layer_norm_eps: 1e-12,
    max_position_embeddings: TINY_CONFIG.maxPositions,
    model_type: 'bert',
    num_attention_heads: TINY_CONFIG.heads,
    num_hidden_layers: TINY_CONFIG.layers,
    pad_token_id: 0,
    position_embedding_type: 'absolute',
    type_vocab_size: TINY_CONFIG.typeVocab,
    vocab_size: vocabSize,
  };
}

const TOKENIZER_CONFIG = {
  clean_up_tokenization_spaces: true,
  cls_token: '[CLS]',
  do_basic_tokenize: true,
  do_lower_case: true,
  mask_token: '[MASK]',
  model_max_length: TINY_CONFIG.maxPositions,
  never_split: null,
  pad_token: '[PAD]',
  sep_token: '[SEP]',
  strip_accents: null,
  tokenize_chinese_chars: true,
  tokenizer_class: 'BertTokenizer',
  unk_token: '[UNK]',
};

/** Pseudo-random weights: the seeded generator of the log generator, normal via Box–Muller. */
function weights(vocabSize: number): Map<string, { dims: number[]; values: Float32Array }> {
  const rng = createRng('logsift-test-tiny-bert-weights');
  const normal = () => {
    const u = 1 - rng.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.next());
  };
  const { hidden: H, intermediate: I, maxPositions, typeVocab, layers } = TINY_CONFIG;
  const out = new Map<string, { dims: number[]; values: Float32Array }>();
  const random = (name: string, dims: number[], std: number) =>
    out.set(name, { dims, values: Float32Array.from({ length: dims.reduce((a, b) => a * b, 1) }, () => normal() * std) });
  const constant = (name: string, dims: number[], value: number) => out.set(name, { dims, values: new Float32Array(dims[0]).fill(value) });
  random('embeddings.word', [vocabSize, H], 1);
  random('embeddings.position', [maxPositions, H], 0.1);
  random('embeddings.token_type', [typeVocab, H], 0.1);
  constant('embeddings.ln.gamma', [H], 1);
  constant('embeddings.ln.beta', [H], 0);
  for (let l = 0; l < layers; l++) {
    for (const m of ['q', 'k', 'v', 'o']) {
      random(`layer${l}.${m}.weight`, [H, H], 1 / Math.sqrt(H));
      random(`layer${l}.${m}.bias`, [H], 0.02);
    }
    random(`layer${l}.ffn1.weight`, [H, I], 1 / Math.sqrt(H));
    random(`layer${l}.ffn1.bias`, [I], 0.02);
    random(`layer${l}.ffn2.weight`, [I, H], 1 / Math.sqrt(I));
    random(`layer${l}.ffn2.bias`, [H], 0.02);
    for (const ln of ['ln1', 'ln2']) {
      constant(`layer${l}.${ln}.gamma`, [H], 1);
      constant(`layer${l}.${ln}.beta`, [H], 0);
    }
  }
  return out;
}

/**
 * The encoder graph (opset 17, for LayerNormalization). With `quantized`, every weight matrix
 * is stored as int8 with one float scale (symmetric, per tensor) and expanded by
 * DequantizeLinear at run time: a real 8-bit file, about a quarter of the size, whose numbers
 * differ slightly from the fp32 file – like model_quantized.onnx next to model.onnx, though
 * all-MiniLM's q8 file quantises activations too (MatMulInteger), which this tiny one does not.
 */
export function buildEncoder(vocabSize: number, quantized: boolean): Uint8Array {
  const { hidden: H, heads, layers } = TINY_CONFIG;
  const headDim = H / heads;
  const params = weights(vocabSize);
  const nodes: Node[] = [];
  const initializers: Tensor[] = [];
  let counter = 0;
  const node = (opType: string, inputs: string[], attributes?: Node['attributes']): string => {
    const output = `${opType.toLowerCase()}_${counter++}`;
    nodes.push({ opType, inputs, outputs: [output], name: `${opType}_${counter}`, attributes });
    return output;
  };
  const floatConst = (name: string, value: number) => {
    initializers.push(floatTensor(name, [], [value]));
    return name;
  };
  const intConst = (name: string, values: number[], scalar = false) => {
    initializers.push(int64Tensor(name, scalar ? [] : [values.length], values));
    return name;
  };
  /** A parameter: fp32 as is; in the quantized file, matrices go through DequantizeLinear. */
  const param = (name: string): string => {
    const { dims, values } = params.get(name)!;
    if (!quantized || dims.length < 2) {
      initializers.push(floatTensor(name, dims, values));
      return name;
    }
    let max = 0;
    for (const v of values) max = Math.max(max, Math.abs(v));
    const scale = Math.fround(max / 127 || 1);
    const q = Int8Array.from(values, (v) => Math.max(-127, Math.min(127, Math.round(v / scale))));
    initializers.push(int8Tensor(`${name}.q`, dims, q));
    initializers.push(floatTensor(`${name}.scale`, [], [scale]));
    initializers.push(int8Tensor(`${name}.zero`, [], new Int8Array(1)));
    return node('DequantizeLinear', [`${name}.q`, `${name}.scale`, `${name}.zero`]);
  };
  const layerNorm = (x: string, prefix: string) =>
    node('LayerNormalization', [x, param(`${prefix}.gamma`), param(`${prefix}.beta`)], { axis: -1, epsilon: { float: 1e-12 } });
  const linear = (x: string, prefix: string) => node('Add', [node('MatMul', [x, param(`${prefix}.weight`)]), param(`${prefix}.bias`)]);

  // Embeddings: word + position + token type, then LayerNorm.
  const zero = intConst('const.zero', [0], true);
  const one = intConst('const.one', [1], true);
  const seqLen = node('Gather', [node('Shape', ['input_ids']), one], { axis: 0 });
  const positions = node('Range', [zero, seqLen, one]);
  const embedded = node('Add', [
    node('Add', [node('Gather', [param('embeddings.word'), 'input_ids']), node('Gather', [param('embeddings.position'), positions])]),
    node('Gather', [param('embeddings.token_type'), 'token_type_ids']),
  ]);
  let x = layerNorm(embedded, 'embeddings.ln');

  // Attention mask → additive bias [batch, 1, 1, seq]: 0 where attended, -10000 on padding.
  const maskFloat = node('Cast', ['attention_mask'], { to: DataType.FLOAT });
  const maskBias = node('Unsqueeze', [
    node('Mul', [node('Sub', [floatConst('const.one_f', 1), maskFloat]), floatConst('const.neg', -10000)]),
    intConst('const.axes12', [1, 2]),
  ]);
  const splitHeads = intConst('const.split_heads', [0, 0, heads, headDim]);
  const mergeHeads = intConst('const.merge_heads', [0, 0, H]);
  const scale = floatConst('const.scale', 1 / Math.sqrt(headDim));
  const halfConst = floatConst('const.half', 0.5);
  const invSqrt2 = floatConst('const.inv_sqrt2', Math.SQRT1_2);

  for (let l = 0; l < layers; l++) {
    const heads4 = (name: string, perm: number[]) =>
      node('Transpose', [node('Reshape', [linear(x, `layer${l}.${name}`), splitHeads])], { perm });
    const q = heads4('q', [0, 2, 1, 3]);
    const kT = heads4('k', [0, 2, 3, 1]);
    const v = heads4('v', [0, 2, 1, 3]);
    const scores = node('Add', [node('Mul', [node('MatMul', [q, kT]), scale]), maskBias]);
    const context = node('MatMul', [node('Softmax', [scores], { axis: -1 }), v]);
    const merged = node('Reshape', [node('Transpose', [context], { perm: [0, 2, 1, 3] }), mergeHeads]);
    const attended = layerNorm(node('Add', [linear(merged, `layer${l}.o`), x]), `layer${l}.ln1`);
    // GELU, exact form: 0.5·h·(1 + erf(h/√2)).
    const h = linear(attended, `layer${l}.ffn1`);
    const gelu = node('Mul', [node('Mul', [h, halfConst]), node('Add', [floatConst(`const.one_f${l}`, 1), node('Erf', [node('Mul', [h, invSqrt2])])])]);
    x = layerNorm(node('Add', [linear(gelu, `layer${l}.ffn2`), attended]), `layer${l}.ln2`);
  }
  nodes.push({ opType: 'Identity', inputs: [x], outputs: ['last_hidden_state'], name: 'output' });

  const graph: Graph = {
    name: 'test-tiny-bert',
    nodes,
    initializers,
    inputs: ['input_ids', 'attention_mask', 'token_type_ids'].map((name) => ({
      name,
      elemType: DataType.INT64,
      shape: ['batch_size', 'sequence_length'],
    })),
    outputs: [{ name: 'last_hidden_state', elemType: DataType.FLOAT, shape: ['batch_size', 'sequence_length', H] }],
  };
  return encodeModel(graph, 17, 'logsift make-test-model');
}

export interface ModelFile {
  path: string;
  bytes: Uint8Array;
}

/** All files of the tiny model, in a fixed order. */
export function tinyBertFiles(): ModelFile[] {
  const vocab = buildVocab();
  const json = (value: object) => new TextEncoder().encode(JSON.stringify(value, null, 1) + '\n');
  return [
    { path: 'config.json', bytes: json(configJson(vocab.length)) },
    { path: 'tokenizer.json', bytes: json(tokenizerJson(vocab)) },
    { path: 'tokenizer_config.json', bytes: json(TOKENIZER_CONFIG) },
    { path: 'onnx/model.onnx', bytes: buildEncoder(vocab.length, false) },
    { path: 'onnx/model_quantized.onnx', bytes: buildEncoder(vocab.length, true) },
  ];
}

export const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** Writes the model files and logsift-model.json (id, dim, size and SHA-256 of each file) into `dir`. */
export function writeTinyBert(dir: string): { files: ModelFile[]; manifest: object } {
  const files = tinyBertFiles();
  const manifest = {
    id: TINY_BERT_ID,
    dim: TINY_CONFIG.hidden,
    note: 'A tiny BERT with random weights, for tests only (npm run make-test-model).',
    files: Object.fromEntries(files.map((file) => [file.path, { size: file.bytes.length, sha256: sha256(file.bytes) }])),
  };
  for (const file of files) {
    mkdirSync(join(dir, file.path, '..'), { recursive: true });
    writeFileSync(join(dir, file.path), file.bytes);
  }
  writeFileSync(join(dir, 'logsift-model.json'), JSON.stringify(manifest, null, 1) + '\n');
  return { files, manifest };
}
