import { describe, expect, it } from 'vitest';
import { scoreAgainstTruth } from '../../../src/core/training/agreement.ts';

describe('scoreAgainstTruth', () => {
  it('separates how much was labelled from how often those labels were right', () => {
    const truth = ['A', 'A', 'A', 'B', 'B', 'C', 'C', 'C'];
    const predicted = ['A', 'A', 'Unclassified', 'B', 'A', 'C', 'Unclassified', 'B'];
    const score = scoreAgainstTruth(truth, predicted);
    expect(score.lines).toBe(8);
    expect(score.coverage).toBeCloseTo(6 / 8);
    expect(score.accuracyGiven).toBeCloseTo(4 / 6);
    expect(score.accuracy).toBeCloseTo(4 / 8);
    // A: P 2/3 R 2/3; B: P 1/2 R 1/2; C: P 1 R 1/3 → F1 0.5. Unclassified is not a label of its own.
    expect(score.macroF1).toBeCloseTo((2 / 3 + 1 / 2 + 0.5) / 3);
    expect(Object.keys(score.perLabel).sort()).toEqual(['A', 'B', 'C']);
    expect(score.confusions[0]).toEqual({ truth: 'A', predicted: 'Unclassified', lines: 1 });
    expect(score.confusions).toHaveLength(4);
  });

  it('gives zero accuracy of given labels when nothing was labelled', () => {
    const score = scoreAgainstTruth(['A', 'B'], ['Unclassified', 'Unclassified']);
    expect(score.coverage).toBe(0);
    expect(score.accuracyGiven).toBe(0);
    expect(score.macroF1).toBe(0);
  });
});
