/** trainWithHeldOut: a measured bundle from labelled rows, reproducible with a seed, cancellable. */
import { describe, expect, it } from 'vitest';
import { Classifier } from '../../../src/core/classifier.ts';
import { evaluate } from '../../../src/core/training/evaluate.ts';
import { pointAt } from '../../../src/core/training/threshold-curve.ts';
import { trainWithHeldOut, workspaceMetricsOf } from '../../../src/core/training/held-out-training.ts';
import { labelledRows } from '../../helpers/fixtures.ts';

const rows = labelledRows(1500, 21);
// Each training here takes a second or two: the tests share what they can.
const SLOW = 60_000;
const options = { name: 'ws', rules: [], sourceRoutes: { LegacyCRM: 'llm' as const }, minSamples: 10, confidence: 0.5 };

describe('trainWithHeldOut', () => {
  let first: Awaited<ReturnType<typeof trainWithHeldOut>>;

  it('measures on a held-out split and returns a bundle trained on every row, with its metrics', async () => {
    const phases = new Set<string>();
    const fractions: number[] = [];
    first = await trainWithHeldOut(rows, {
      ...options,
      testFraction: 0.2,
      seed: 3,
      onProgress: (f, phase) => {
        fractions.push(f);
        phases.add(phase);
      },
    });
    const { bundle, metrics } = first;
    expect([...phases]).toEqual(['held-out', 'measure', 'final']);
    expect(fractions.every((f, i) => i === 0 || f >= fractions[i - 1] - 1e-12)).toBe(true);
    expect(fractions.at(-1)).toBe(1);
    // Every row went into the bundle.
    expect(Object.values(bundle.classCounts).reduce((a, b) => a + b, 0)).toBe(rows.length);
    expect(metrics.trainRows + metrics.testRows).toBe(rows.length);
    expect(metrics.testRows).toBeGreaterThan(rows.length * 0.15);
    expect(metrics).toMatchObject({ testFraction: 0.2, seed: 3, confidence: 0.5, minSamples: 10 });
    expect(metrics.accuracy).toBeGreaterThan(0.8);
    expect(metrics.macroF1).toBeGreaterThan(0.7);
    expect(workspaceMetricsOf(bundle)).toEqual(metrics);

    // The same numbers as `eval` on the same split (it trains on the same part and classifies end to end).
    const evaluated = await evaluate(rows, { ...options, testFraction: 0.2, seed: 3 });
    expect(metrics.accuracy).toBeCloseTo(evaluated.accuracy, 10);
    expect(metrics.confusion).toEqual(evaluated.confusion);
    expect(metrics.tiers).toEqual(evaluated.tiers);

    // The curve at the threshold used agrees with the metrics: accepted model answers = rows of the model tier.
    const at = pointAt(metrics.curve, 0.5)!;
    expect(Math.round(at.accepted * metrics.curve.rows)).toBe(metrics.tiers.ngram ?? 0);
    expect(metrics.curve.points[0].onwards).toBeLessThan(at.onwards + 1e-12);

    // The bundle classifies.
    const results = await new Classifier(bundle).classify(rows.slice(0, 50));
    expect(results.filter((r, i) => r.label === rows[i].label).length).toBeGreaterThan(35);
  }, SLOW);

  it('is reproducible with a seed', async () => {
    const again = await trainWithHeldOut(rows, { ...options, testFraction: 0.2, seed: 3 });
    expect(again.bundle.weights).toBe(first.bundle.weights);
    expect(again.metrics).toEqual(first.metrics);
  }, SLOW);

  it('refuses a set it cannot measure, and stops on abort', async () => {
    await expect(trainWithHeldOut(rows.slice(0, 5).map((r) => ({ ...r, label: 'One' })), options)).rejects.toThrow(/at least two labels/);
    await expect(
      trainWithHeldOut(
        [
          { message: 'a', label: 'A', source: '' },
          { message: 'b', label: 'B', source: '' },
        ],
        options,
      ),
    ).rejects.toThrow(/too small/);
    const controller = new AbortController();
    controller.abort();
    await expect(trainWithHeldOut(rows, { ...options, signal: controller.signal })).rejects.toMatchObject({ name: 'CancelledError' });
  });
});
