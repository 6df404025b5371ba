/**
 * The `ngram` embedder: hashed word n-grams and character n-grams (within words, with boundary
 * marks), signed feature hashing into a fixed dimension, sublinear counts, L2-normalised.
 * No download, deterministic, and fast enough to run on every distinct masked message.
 */
import type { Embedder, NgramSpec, SparseVector } from './embedder.ts';

export const DEFAULT_NGRAM_SPEC: NgramSpec = {
  id: 'ngram',
  version: 2,
  dim: 1 << 14,
  wordNgrams: [1, 2],
  charNgrams: [3, 4],
};

/** Words, numbers and the mask token; everything else separates them. */
const TOKEN = /<\*>|[\p{L}\p{N}_]+/gu;

/**
 * Where a compound word splits: underscores, and a lower-case letter or digit followed by an
 * upper-case one (`addStoredBlock`, `pam_unix`, `NameNode`, `HTTPServer` stays whole at `PS`).
 */
const SUBWORD_BOUNDARY = /_+|(?<=[\p{Ll}\p{N}])(?=\p{Lu})|(?<=\p{Lu})(?=\p{Lu}\p{Ll})/u;

/**
 * The parts of a compound word, lower-cased, when it has two or more of two letters or more.
 * Real logs name things in code's words (`DataXceiver`, `input_userauth_request`); their parts
 * are the words a message in prose would use, so the same evidence counts in both.
 */
export function subwords(word: string): string[] {
  const parts = word.split(SUBWORD_BOUNDARY).filter((part) => part.length >= 2 && !/^\p{N}+$/u.test(part));
  return parts.length >= 2 ? parts.map((part) => part.toLowerCase()) : [];
}

/** 32-bit FNV-1a: stable across runs and platforms, so a bundle means the same everywhere. */
function fnv1a(text: string, seed: number): number {
  let hash = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** Seeds keep words, word bigrams and character grams from colliding by construction. */
const SEED_WORD = 1;
const SEED_CHAR = 2;

export function ngramFeatures(text: string, spec: NgramSpec): SparseVector {
  const mask = spec.dim - 1;
  const counts = new Map<number, number>();
  const add = (gram: string, seed: number) => {
    const hash = fnv1a(gram, seed);
    const index = hash & mask;
    // The top bit chooses the sign, so colliding grams cancel on average instead of adding up.
    const sign = hash & 0x80000000 ? -1 : 1;
    counts.set(index, (counts.get(index) ?? 0) + sign);
  };

  const original = text.match(TOKEN) ?? [];
  const words = original.map((word) => word.toLowerCase());
  if (spec.version >= 2) {
    // Parts count as words of their own (same seed as word unigrams), not as bigrams.
    for (const word of original) for (const part of subwords(word)) add(part, SEED_WORD + 1);
    // A percentage is a figure of use or of progress; the tokens above drop the sign.
    if (text.includes('%')) add('%', SEED_WORD + 1);
  }
  for (const n of spec.wordNgrams) {
    for (let i = 0; i + n <= words.length; i++) add(words.slice(i, i + n).join(' '), SEED_WORD + n);
  }
  for (const word of words) {
    if (word === '<*>') continue;
    const marked = `<${word}>`;
    for (const n of spec.charNgrams) {
      for (let i = 0; i + n <= marked.length; i++) add(marked.slice(i, i + n), SEED_CHAR + n);
    }
  }

  // Signed hashing can cancel a bucket out entirely; such buckets carry nothing.
  const nonZero = [...counts].filter(([, count]) => count !== 0).sort((a, b) => a[0] - b[0]);
  const indices = new Int32Array(nonZero.length);
  const values = new Float32Array(nonZero.length);
  let norm = 0;
  nonZero.forEach(([index, count], k) => {
    // Sublinear counts: a word said three times is not three times the evidence.
    const value = Math.sign(count) * (1 + Math.log(Math.abs(count)));
    indices[k] = index;
    values[k] = value;
    norm += value * value;
  });
  if (norm > 0) {
    const scale = 1 / Math.sqrt(norm);
    for (let i = 0; i < values.length; i++) values[i] *= scale;
  }
  return { indices, values };
}

export function createNgramEmbedder(spec: NgramSpec = DEFAULT_NGRAM_SPEC): Embedder {
  if (spec.dim <= 0 || (spec.dim & (spec.dim - 1)) !== 0) {
    throw new Error(`ngram dimension must be a power of two, got ${spec.dim}`);
  }
  return {
    spec,
    dim: spec.dim,
    embed: async (texts) => texts.map((text) => ngramFeatures(text, spec)),
  };
}
