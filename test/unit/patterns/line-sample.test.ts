/**
 * The lines a discovery keeps of a big file: all of a small one, a uniform, repeatable sample in
 * file order of a big one.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { LineSample, linesWithin, MIN_LINES_KEPT, PlannedSample } from '../../../src/core/patterns/line-sample.ts';

function sample(lines: number, capacity: number, seed = 1) {
  const s = new LineSample({ capacity, seed });
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

  it('keeps fewer of long lines, so their text stays within its budget: still a uniform sample in file order, every line counted', () => {
    const long = (i: number) => `line ${i} ${'x'.repeat(200)}`;
    const perTenth = new Array(10).fill(0);
    for (let seed = 1; seed <= 40; seed++) {
      const s = new LineSample({ capacity: 1000, seed, textBudget: 50_000, minLines: 50 });
      for (let i = 0; i < 20_000; i++) s.offer(long(i), 'src');
      const kept = s.result();
      expect(kept.lineCount).toBe(20_000);
      const text = kept.messages.reduce((sum, m) => sum + m.length + 3, 0);
      expect(text).toBeLessThanOrEqual(50_000);
      // Cut by a quarter when its text outgrew the budget (at about 235 lines of ~215 characters).
      expect(kept.messages).toHaveLength(s.capacity);
      expect(s.capacity).toBeGreaterThan(150);
      expect(s.capacity).toBeLessThan(235);
      const index = Array.from(kept.lineIndex!);
      index.forEach((line, t) => {
        if (t > 0) expect(line).toBeGreaterThan(index[t - 1]);
        expect(kept.messages[t]).toBe(long(line));
      });
      for (const line of index) perTenth[Math.floor(line / 2000)]++;
    }
    // Each tenth of the file holds about a tenth of the kept lines.
    const all = perTenth.reduce((sum, n) => sum + n, 0);
    for (const n of perTenth) expect(n / all).toBeGreaterThan(0.08);
    for (const n of perTenth) expect(n / all).toBeLessThan(0.12);

    // Never fewer than its floor, however long the lines; a file that fits is kept whole.
    const floor = new LineSample({ capacity: 1000, textBudget: 100, minLines: 20 });
    for (let i = 0; i < 500; i++) floor.offer(long(i), '');
    expect(floor.result().messages).toHaveLength(20);
    const small = new LineSample({ capacity: 1000, textBudget: 100_000 });
    for (let i = 0; i < 300; i++) small.offer(long(i), '');
    expect(small.result().lineIndex).toBeNull();
  });

  it('works out how many lines of a known average length fit the text budget', () => {
    expect(linesWithin(200_000, 200)).toBe(200_000);
    expect(linesWithin(200_000, 2_000)).toBe(Math.floor((64 * 2 ** 20) / 2_000));
    expect(linesWithin(200_000, 1e9)).toBe(MIN_LINES_KEPT);
    expect(linesWithin(500, 1e9)).toBe(500);
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
