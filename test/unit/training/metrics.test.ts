import { describe, expect, it } from 'vitest';
import { computeMetrics } from '../../../src/core/training/metrics.ts';

describe('computeMetrics', () => {
  it('computes accuracy, per-class precision/recall/F1, confusion and tiers', () => {
    const truth = ['A', 'A', 'A', 'B', 'B', 'C'];
    const predicted = ['A', 'A', 'B', 'B', 'Unclassified', 'Unclassified'];
    const tiers = ['regex', 'ngram', 'ngram', 'ngram', 'none', 'llm-pending'];
    const m = computeMetrics(truth, predicted, tiers, ['A', 'B']);
    expect(m.accuracy).toBeCloseTo(3 / 6);
    expect(m.perClass.A).toEqual({ precision: 1, recall: 2 / 3, f1: 0.8, support: 3 });
    expect(m.perClass.B.precision).toBeCloseTo(0.5);
    expect(m.perClass.B.recall).toBeCloseTo(0.5);
    expect(m.perClass.C).toEqual({ precision: 0, recall: 0, f1: 0, support: 1 });
    expect(m.macroF1).toBeCloseTo((0.8 + 0.5) / 2);
    expect(m.macroF1All).toBeCloseTo((0.8 + 0.5 + 0) / 3);
    expect(m.confusion).toEqual({ A: { A: 2, B: 1 }, B: { B: 1, Unclassified: 1 }, C: { Unclassified: 1 } });
    expect(m.tiers).toEqual({ regex: 1, ngram: 3, none: 1, 'llm-pending': 1 });
  });
});
