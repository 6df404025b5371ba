import { describe, expect, it } from 'vitest';
import { candidateEffect } from '../../../src/core/training/candidate-effect.ts';
import { Classifier } from '../../../src/core/classifier.ts';
import { csvLine } from '../../../src/core/csv/format.ts';
import { trainBundle } from '../../../src/core/training/train.ts';
import { UNCLASSIFIED, type Rule } from '../../../src/core/types.ts';
import { labelledRows, smallBundle } from '../../helpers/fixtures.ts';

const file = (rows: ReturnType<typeof labelledRows>) =>
  new Blob([csvLine(['source', 'log_message']), ...rows.map((r) => csvLine([r.source, r.message]))].map((line) => `${line}\n`));

describe('a candidate model tried on a file', () => {
  it('counts the Unclassified share before and after and the label changes; a model that loses labels is worse', async () => {
    const current = await smallBundle();
    // Trained on a few rows of each label: too few for the model tier to predict any (minSamples 10).
    const perLabel = new Map<string, number>();
    const few = labelledRows(400, 3).filter((r) => {
      perLabel.set(r.label, (perLabel.get(r.label) ?? 0) + 1);
      return perLabel.get(r.label)! <= 5;
    });
    const weak = await trainBundle(few, { name: 'weak', rules: [] as Rule[], sourceRoutes: current.sourceRoutes, minSamples: 10, confidence: current.thresholds.confidence });
    const rows = labelledRows(600, 21);
    const fractions: number[] = [];
    const effect = await candidateEffect({
      input: file(rows),
      kind: 'csv',
      fileName: 'logs.csv',
      example: false,
      current: new Classifier(current),
      candidate: new Classifier(weak),
      onProgress: (f) => fractions.push(f),
    });
    const before = await labelsOf(new Classifier(current), rows);
    const after = await labelsOf(new Classifier(weak), rows);
    expect(effect.rows).toBe(600);
    expect(effect.unclassifiedBefore).toBe(before.filter((l) => l === UNCLASSIFIED).length);
    expect(effect.unclassifiedAfter).toBe(after.filter((l) => l === UNCLASSIFIED).length);
    expect(effect.changed).toBe(before.filter((l, i) => l !== after[i]).length);
    expect(effect.worse).toBe(true);
    expect(effect.changes.length).toBeGreaterThan(0);
    expect(effect.changes.length).toBeLessThanOrEqual(12);
    const top = effect.changes[0];
    const i = rows.findIndex((_r, k) => before[k] === top.from && after[k] === top.to);
    expect(top.example).toBe(rows[i].message);
    expect(fractions.at(-1)).toBeCloseTo(1, 5);

    const same = await candidateEffect({ input: file(rows), kind: 'csv', fileName: 'logs.csv', example: true, current: new Classifier(current), candidate: new Classifier(current) });
    expect(same).toMatchObject({ changed: 0, changes: [], worse: false, example: true, unclassifiedAfter: effect.unclassifiedBefore });
  });
});

async function labelsOf(classifier: Classifier, rows: ReturnType<typeof labelledRows>): Promise<string[]> {
  return (await classifier.classify(rows.map((r) => ({ message: r.message, source: r.source })))).map((c) => c.label);
}
