import { describe, expect, it } from 'vitest';
import { decodeFloat32, encodeFloat32, parseBundle, serializeBundle } from '../../../src/core/bundle.ts';
import { BundleError } from '../../../src/core/errors.ts';
import { smallBundle } from '../../helpers/fixtures.ts';

describe('model bundle', () => {
  it('round-trips through JSON unchanged', async () => {
    const bundle = await smallBundle();
    expect(parseBundle(serializeBundle(bundle))).toEqual(bundle);
  });

  it('encodes weights losslessly', () => {
    const values = Float32Array.from([0, -1.5, 3.25e-8, 123456.789]);
    expect(Array.from(decodeFloat32(encodeFloat32(values)))).toEqual(Array.from(values));
  });

  it('refuses unknown formats, newer versions, missing embedders and broken weights with a reason', async () => {
    const bundle = await smallBundle();
    const variant = (change: object) => JSON.stringify({ ...bundle, ...change });
    expect(() => parseBundle('not json')).toThrow(/not JSON/);
    expect(() => parseBundle(variant({ format: 'other' }))).toThrow(/format is "other"/);
    expect(() => parseBundle(variant({ version: 99 }))).toThrow(/version 99, newer/);
    expect(() => parseBundle(variant({ embedder: { id: 'word2vec' } }))).toThrow(/needs the "word2vec" embedder/);
    expect(() => parseBundle(variant({ embedder: { id: 'bert' } }))).toThrow(/its BERT embedder settings are invalid/);
    expect(() => parseBundle(variant({ weights: encodeFloat32(new Float32Array(3)) }))).toThrow(/3 weights/);
    expect(() => parseBundle(variant({ rules: [{ pattern: '(', flags: '', label: 'X', enabled: true }] }))).toThrow(/rule 1/);
    expect(() => parseBundle(variant({ thresholds: { minSamples: 10, confidence: 2 } }))).toThrow(BundleError);
  });
});
