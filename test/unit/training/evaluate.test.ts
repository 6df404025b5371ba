import { describe, expect, it } from 'vitest';
import { DEFAULT_RULES, DEFAULT_SOURCE_ROUTES } from '../../../src/core/defaults.ts';
import { evaluate, macroLeftOut, maskingConflicts, modelTierClasses, stratifiedSplit } from '../../../src/core/training/evaluate.ts';
import { leftOutReason } from '../../../src/core/training/metrics.ts';
import { labelledRows } from '../../helpers/fixtures.ts';

describe('stratifiedSplit', () => {
  it('keeps each class share in the test part, is seeded, and keeps singletons for training', () => {
    const labels = [...Array(100).fill('A'), ...Array(10).fill('B'), 'C'];
    const split = stratifiedSplit(labels, 0.3, 4);
    const testLabels = split.test.map((i) => labels[i]);
    expect(testLabels.filter((l) => l === 'A')).toHaveLength(30);
    expect(testLabels.filter((l) => l === 'B')).toHaveLength(3);
    expect(testLabels).not.toContain('C');
    expect(split.train.length + split.test.length).toBe(labels.length);
    expect(stratifiedSplit(labels, 0.3, 4)).toEqual(split);
    expect(stratifiedSplit(labels, 0.3, 5)).not.toEqual(split);
  });
});

describe('macroLeftOut', () => {
  it('names each scored label the model tier does not answer, with why: too few rows, or rows only from routed sources', () => {
    const rows = (label: string, source: string, n: number) => Array.from({ length: n }, (_, i) => ({ message: `${label} ${i}`, label, source }));
    const train = [...rows('Common', 'App', 20), ...rows('Rare', 'App', 3), ...rows('Crm', 'LegacyCRM', 12), ...rows('Crm', 'App', 2), ...rows('Few', 'LegacyCRM', 4)];
    const left = macroLeftOut(train, ['Common', 'Crm', 'Few', 'Rare', 'Unseen'], { LegacyCRM: 'llm' }, 10);
    expect(left).toEqual([
      { label: 'Crm', reason: 'routed-to-llm', trainingRows: 2, routedRows: 12, minSamples: 10 },
      { label: 'Few', reason: 'too-few-samples', trainingRows: 0, routedRows: 4, minSamples: 10 },
      { label: 'Rare', reason: 'too-few-samples', trainingRows: 3, routedRows: 0, minSamples: 10 },
      { label: 'Unseen', reason: 'too-few-samples', trainingRows: 0, routedRows: 0, minSamples: 10 },
    ]);
    expect(left.map(leftOutReason)).toEqual([
      'not modelled: 12 training rows come from sources routed to the LLM (2 from other sources, 10 needed)',
      'too few samples: 4 training rows (4 of them from sources routed to the LLM), 10 needed',
      'too few samples: 3 training rows, 10 needed',
      'too few samples: 0 training rows, 10 needed',
    ]);
  });
});

describe('modelTierClasses', () => {
  it('counts only rows from sources that reach the model', () => {
    const rows = [
      ...Array.from({ length: 12 }, () => ({ message: 'x', label: 'Legacy', source: 'LegacyCRM' })),
      ...Array.from({ length: 10 }, () => ({ message: 'y', label: 'Modern', source: 'App' })),
      ...Array.from({ length: 9 }, () => ({ message: 'z', label: 'Few', source: 'App' })),
    ];
    expect(modelTierClasses(rows, { LegacyCRM: 'llm' }, 10)).toEqual(['Modern']);
  });
});

describe('evaluate', () => {
  it('reaches macro-F1 ≥ 0.98 on generated data, with no masking conflicts', async () => {
    const rows = labelledRows(20000, 21);
    const result = await evaluate(rows, {
      rules: DEFAULT_RULES,
      sourceRoutes: DEFAULT_SOURCE_ROUTES,
      minSamples: 10,
      confidence: 0.5,
      testFraction: 0.3,
      seed: 3,
    });
    expect(result.macroF1).toBeGreaterThanOrEqual(0.98);
    expect(result.macroClasses).not.toContain('Workflow Error');
    expect(result.maskingConflicts).toEqual({ keys: 0, rows: 0 });
    expect(result.testRows + result.trainRows).toBe(20000);
    expect(Object.values(result.tiers).reduce((a, b) => a + b, 0)).toBe(result.testRows);
    expect(result.tiers.regex).toBeGreaterThan(0);
    expect(result.tiers['llm-pending']).toBeGreaterThan(0);
  });

  it('finds masked keys that carry two labels', () => {
    expect(
      maskingConflicts([
        { message: 'code 1 ok', label: 'A', source: '' },
        { message: 'code 2 ok', label: 'B', source: '' },
        { message: 'other', label: 'A', source: '' },
      ]),
    ).toEqual({ keys: 1, rows: 2 });
  });
});

describe('rare classes graduate', () => {
  it('a class that just reached minSamples wins its own fresh lines', async () => {
    const { trainBundle, classWeights } = await import('../../../src/core/training/train.ts');
    const { Classifier } = await import('../../../src/core/classifier.ts');
    expect(classWeights([100, 25, 1], 'sqrt-balanced')).toEqual([1, 2, 10]);
    expect(classWeights([100, 1], 'none')).toEqual([1, 1]);
    const rows = labelledRows(12000, 5);
    const bundle = await trainBundle(rows, { name: 't', rules: [], sourceRoutes: {}, minSamples: 5, confidence: 0.5 });
    expect(bundle.classCounts['Workflow Error']).toBeGreaterThanOrEqual(5);
    const fresh = labelledRows(200000, 99).filter((row) => row.label === 'Workflow Error').slice(0, 40);
    const results = await new Classifier(bundle).classify(fresh);
    const won = results.filter((result) => result.label === 'Workflow Error').length;
    expect(won).toBeGreaterThan(fresh.length / 2);
    // With a handful of examples a few lines may still go to a near neighbour (Error).
    const wrong = results.filter((result) => result.label !== 'Workflow Error' && result.label !== 'Unclassified').length;
    expect(wrong).toBeLessThanOrEqual(fresh.length * 0.1);
  });
});
