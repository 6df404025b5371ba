import { describe, expect, it } from 'vitest';
import type { FeatureVector } from '../../../src/core/features/embedder.ts';
import { fitLogistic, predictProba } from '../../../src/core/logreg.ts';

const sparse = (pairs: [number, number][]): FeatureVector => ({
  indices: Int32Array.from(pairs.map(([i]) => i)),
  values: Float32Array.from(pairs.map(([, v]) => v)),
});

/** The objective's gradient, written independently of the solver, the plain dense way. */
function gradientNorm(xs: Float32Array[], ys: number[], weights: Float32Array, bias: Float64Array, classes: number, C: number): number {
  const dim = xs[0].length;
  const grad = new Float64Array(dim * classes + classes);
  xs.forEach((x, i) => {
    const scores = Array.from({ length: classes }, (_, k) => bias[k] + x.reduce((s, v, d) => s + v * weights[d * classes + k], 0));
    const max = Math.max(...scores);
    const exps = scores.map((s) => Math.exp(s - max));
    const total = exps.reduce((a, b) => a + b, 0);
    exps.forEach((e, k) => {
      const residual = (e / total - (k === ys[i] ? 1 : 0)) / xs.length;
      grad[dim * classes + k] += residual;
      for (let d = 0; d < dim; d++) grad[d * classes + k] += residual * x[d];
    });
  });
  for (let j = 0; j < dim * classes; j++) grad[j] += weights[j] / (C * xs.length);
  return Math.max(...grad.map(Math.abs));
}

describe('fitLogistic', () => {
  it('finds the known optimum of an intercept-only problem: class frequencies', async () => {
    const xs = Array.from({ length: 8 }, () => sparse([]));
    const ys = [0, 0, 0, 0, 0, 0, 1, 2];
    const { model, converged } = await fitLogistic(xs, ys, null, 4, 3);
    expect(converged).toBe(true);
    const p = predictProba(model, sparse([]));
    expect(p[0]).toBeCloseTo(6 / 8, 4);
    expect(p[1]).toBeCloseTo(1 / 8, 4);
    expect(p[2]).toBeCloseTo(1 / 8, 4);
  });

  it('recovers the conditional probabilities of a noisy problem when barely regularised', async () => {
    // x=+1: three of class 0, one of class 1; x=-1: the reverse. Optimum: P(0 | x=+1) = 3/4.
    const xs = [1, 1, 1, 1, -1, -1, -1, -1].map((v) => sparse([[0, v]]));
    const ys = [0, 0, 0, 1, 1, 1, 1, 0];
    const { model } = await fitLogistic(xs, ys, null, 1, 2, { C: 1e6, tolerance: 1e-9 });
    expect(predictProba(model, sparse([[0, 1]]))[0]).toBeCloseTo(0.75, 4);
    expect(predictProba(model, sparse([[0, -1]]))[0]).toBeCloseTo(0.25, 4);
  });

  it('treats a sample weight as that many copies of the sample', async () => {
    const xs = [sparse([[0, 1]]), sparse([[1, 1]]), sparse([[0, 1], [1, 1]])];
    const weighted = await fitLogistic(xs, [0, 1, 1], [3, 1, 2], 2, 2, { tolerance: 1e-9 });
    const repeated = await fitLogistic(
      [xs[0], xs[0], xs[0], xs[1], xs[2], xs[2]],
      [0, 0, 0, 1, 1, 1],
      null,
      2,
      2,
      { tolerance: 1e-9 },
    );
    const probe = sparse([[0, 1], [1, 0.5]]);
    expect(predictProba(weighted.model, probe)[0]).toBeCloseTo(predictProba(repeated.model, probe)[0], 5);
  });

  it('reaches a stationary point of the regularised objective, with dense inputs too', async () => {
    const xs: Float32Array[] = [];
    const ys: number[] = [];
    for (let i = 0; i < 60; i++) {
      const label = i % 3;
      const x = new Float32Array(5);
      x[label] = 1;
      x[3] = Math.sin(i);
      x[4] = Math.cos(i * 1.7);
      xs.push(x);
      ys.push(label === 2 && i % 7 === 0 ? 0 : label);
    }
    const { model, converged } = await fitLogistic(xs, ys, null, 5, 3, { C: 1, tolerance: 1e-7 });
    expect(converged).toBe(true);
    expect(gradientNorm(xs, ys, model.weights, model.bias, 3, 1)).toBeLessThan(1e-5);
  });

  it('stops when aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(fitLogistic([sparse([[0, 1]])], [0], null, 1, 1, { signal: controller.signal })).rejects.toThrow(/Cancelled/);
  });
});
