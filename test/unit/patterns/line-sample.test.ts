/**
 * The lines a discovery keeps of a big file: all of a small one, a uniform, repeatable sample in
 * file order of a big one.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { LineSample, PlannedSample } from '../../../src/core/patterns/line-sample.ts';

function sample(lines: number, capacity: number, seed = 1) {
  const s = new LineSample(capacity, seed);
  for (let i = 0; i < lines; i++) s.offer(`line ${i}`, `src ${i % 3}`);
  return s.result();
}

describe('line sample', () => {
  it('keeps every line of a file that fits', () => {
    const kept = sample(50, 50);
    expect(kept.lineIndex).toBeNull();
    expect(kept.lineCount).toBe(50);
    expect(kept.messages).toEqual(Array.from({ length: 50 }, (_, i) => `line ${i}`));
  });

  it('keeps `capacity` lines of a bigger file, in file order, each with its own text and source', () => {
    const kept = sample(10_000, 500);
    expect(kept.lineCount).toBe(10_000);
    expect(kept.messages).toHaveLength(500);
    const index = Array.from(kept.lineIndex!);
    expect(new Set(index).size).toBe(500);
    for (let t = 0; t < index.length; t++) {
      if (t > 0) expect(index[t]).toBeGreaterThan(index[t - 1]);
      expect(kept.messages[t]).toBe(`line ${index[t]}`);
      expect(kept.sources[t]).toBe(`src ${index[t] % 3}`);
    }
    // The same seed, the same lines.
    expect(Array.from(sample(10_000, 500).lineIndex!)).toEqual(index);
  });

  it('is uniform: every part of the file is kept in proportion', () => {
    // 40 samples of 1,000 of 20,000 lines: each tenth of the file holds about 100 kept lines.
    const perTenth = new Array(10).fill(0);
    for (let seed = 1; seed <= 40; seed++) for (const i of sample(20_000, 1000, seed).lineIndex!) perTenth[Math.floor(i / 2000)]++;
    for (const n of perTenth) expect(n / 40).toBeGreaterThan(90);
    for (const n of perTenth) expect(n / 40).toBeLessThan(110);
  });

  it('is the same sample when the line count is known first and the kept lines’ text comes in pieces', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3000 }), fc.integer({ min: 1, max: 400 }), fc.integer({ min: 1, max: 2 ** 31 }), fc.integer({ min: 1, max: 700 }), (lines, capacity, seed, piece) => {
        const planned = new PlannedSample(lines, capacity, seed);
        for (let from = 0; from < lines; from += piece) {
          const to = Math.min(lines, from + piece);
          for (const k of planned.linesIn(from, to)) planned.put(`line ${from + k}`, `src ${(from + k) % 3}`);
        }
        expect(planned.result()).toEqual(sample(lines, capacity, seed));
      }),
      { numRuns: 200 },
    );
  });
});
