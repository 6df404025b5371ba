import { describe, expect, it } from 'vitest';
import { createNgramEmbedder, DEFAULT_NGRAM_SPEC, ngramFeatures, subwords } from '../../../src/core/features/ngram.ts';

const norm = (values: Float32Array) => Math.sqrt(values.reduce((sum, v) => sum + v * v, 0));
const cosine = (a: ReturnType<typeof ngramFeatures>, b: ReturnType<typeof ngramFeatures>) => {
  const map = new Map<number, number>();
  a.indices.forEach((index, i) => map.set(index, a.values[i]));
  let dot = 0;
  b.indices.forEach((index, i) => (dot += (map.get(index) ?? 0) * b.values[i]));
  return dot;
};

describe('ngram embedder', () => {
  it('is deterministic, L2-normalised, sorted and within the dimension', () => {
    const a = ngramFeatures('Disk usage at <*>% on node<*>', DEFAULT_NGRAM_SPEC);
    const b = ngramFeatures('Disk usage at <*>% on node<*>', DEFAULT_NGRAM_SPEC);
    expect(Array.from(a.indices)).toEqual(Array.from(b.indices));
    expect(norm(a.values)).toBeCloseTo(1, 5);
    expect(Array.from(a.indices).every((index, i, all) => index >= 0 && index < DEFAULT_NGRAM_SPEC.dim && (i === 0 || all[i - 1] < index))).toBe(true);
  });

  it('puts paraphrases closer than unrelated messages', () => {
    const disk = ngramFeatures('disk usage high on server', DEFAULT_NGRAM_SPEC);
    const diskParaphrase = ngramFeatures('server disk usage is high', DEFAULT_NGRAM_SPEC);
    const login = ngramFeatures('user logged in from browser', DEFAULT_NGRAM_SPEC);
    expect(cosine(disk, diskParaphrase)).toBeGreaterThan(cosine(disk, login) + 0.3);
  });

  it('gives the empty message an empty vector and embeds a batch in order', async () => {
    const embedder = createNgramEmbedder();
    const [empty, text] = await embedder.embed(['', 'hello world']);
    expect((empty as { indices: Int32Array }).indices.length).toBe(0);
    expect((text as { indices: Int32Array }).indices.length).toBeGreaterThan(0);
  });

  it('refuses a dimension that is not a power of two', () => {
    expect(() => createNgramEmbedder({ ...DEFAULT_NGRAM_SPEC, dim: 1000 })).toThrow(/power of two/);
  });
});

describe('ngram embedder, version 2', () => {
  const v1 = { ...DEFAULT_NGRAM_SPEC, version: 1 as const };

  it('splits compound words into the words they are made of', () => {
    expect(subwords('addStoredBlock')).toEqual(['add', 'stored', 'block']);
    expect(subwords('pam_unix')).toEqual(['pam', 'unix']);
    expect(subwords('HTTPServer')).toEqual(['http', 'server']);
    expect(subwords('User123')).toEqual([]);
    expect(subwords('ERROR')).toEqual([]);
  });

  it('gives code names the features of the same words in prose, which version 1 does not', () => {
    // What a model learned from "block" in prose then counts for addStoredBlock too.
    const shared = (spec: typeof v1 | typeof DEFAULT_NGRAM_SPEC) => {
      const code = new Set(ngramFeatures('addStoredBlock', spec).indices);
      return ['add', 'stored', 'block'].filter((word) => {
        const wordOnly = ngramFeatures(word, { ...spec, charNgrams: [] }).indices;
        return wordOnly.length === 1 && code.has(wordOnly[0]);
      });
    };
    expect(shared(DEFAULT_NGRAM_SPEC)).toEqual(['add', 'stored', 'block']);
    expect(shared(v1)).toEqual([]);
  });

  it('keeps version 1 as it was (case and % ignored), so bundles trained with it answer as before', () => {
    const indices = (text: string, spec: typeof v1 | typeof DEFAULT_NGRAM_SPEC) => Array.from(ngramFeatures(text, spec).indices);
    expect(indices('Disk <*>% full on dataNode<*>', v1)).toEqual(indices('disk <*> full on datanode<*>', v1));
    expect(indices('Disk <*>% full on dataNode<*>', DEFAULT_NGRAM_SPEC)).not.toEqual(indices('disk <*> full on datanode<*>', DEFAULT_NGRAM_SPEC));
  });
});
