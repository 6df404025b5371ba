/**
 * Multinomial logistic regression (softmax) with L2 regularisation, fitted by L-BFGS.
 *
 * Objective, as scikit-learn's LogisticRegression(C) defines it, divided by the total sample
 * weight W so the numbers stay O(1):
 *   f(w, b) = (1/W) * sum_i weight_i * -log softmax(w·x_i + b)[y_i]  +  (1 / (2·C·W)) * ||w||²
 * The bias is not regularised. Starting from zero, the fit is deterministic. Stopping rule: the
 * largest gradient component falls below `tolerance`, or an iteration improves f by less than
 * 1e-10 relative, or `maxIterations` is reached.
 *
 * Weights are kept feature-major (weights[feature * classes + class]) so a sparse input touches
 * one contiguous run of `classes` numbers per non-zero feature.
 */
import { isSparse, type FeatureVector } from './features/embedder.ts';
import { throwIfAborted } from './errors.ts';
import { yieldToEventLoop } from './event-loop.ts';

export interface LogisticModel {
  dim: number;
  classes: number;
  weights: Float32Array;
  bias: Float64Array;
}

export interface FitOptions {
  C?: number;
  maxIterations?: number;
  tolerance?: number;
  /** L-BFGS history length. */
  memory?: number;
  signal?: AbortSignal;
  onIteration?(iteration: number, loss: number): void;
}

export interface FitResult {
  model: LogisticModel;
  iterations: number;
  loss: number;
  converged: boolean;
}

/** Adds, for every class, the dot product of its weights with x to `scores`. */
function accumulateScores(weights: ArrayLike<number>, classes: number, x: FeatureVector, scores: Float64Array): void {
  if (isSparse(x)) {
    for (let j = 0; j < x.indices.length; j++) {
      const base = x.indices[j] * classes;
      const value = x.values[j];
      for (let k = 0; k < classes; k++) scores[k] += weights[base + k] * value;
    }
  } else {
    for (let d = 0; d < x.length; d++) {
      const value = x[d];
      if (value === 0) continue;
      const base = d * classes;
      for (let k = 0; k < classes; k++) scores[k] += weights[base + k] * value;
    }
  }
}

/** In-place softmax; returns log(sum(exp(scores))) for the loss. */
function softmaxInPlace(scores: Float64Array): number {
  let max = -Infinity;
  for (const s of scores) if (s > max) max = s;
  let sum = 0;
  for (let k = 0; k < scores.length; k++) {
    scores[k] = Math.exp(scores[k] - max);
    sum += scores[k];
  }
  for (let k = 0; k < scores.length; k++) scores[k] /= sum;
  return max + Math.log(sum);
}

export function predictProba(model: LogisticModel, x: FeatureVector): Float64Array {
  const scores = Float64Array.from(model.bias);
  accumulateScores(model.weights, model.classes, x, scores);
  softmaxInPlace(scores);
  return scores;
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

export async function fitLogistic(
  features: FeatureVector[],
  targets: Int32Array | number[],
  sampleWeights: Float64Array | number[] | null,
  dim: number,
  classes: number,
  options: FitOptions = {},
): Promise<FitResult> {
  const { C = 1, maxIterations = 300, tolerance = 1e-5, memory = 10, signal, onIteration } = options;
  const n = features.length;
  if (n === 0) throw new Error('No training samples');
  const weightOf = (i: number) => (sampleWeights ? sampleWeights[i] : 1);
  let totalWeight = 0;
  for (let i = 0; i < n; i++) totalWeight += weightOf(i);
  const lambda = 1 / (C * totalWeight);
  const weightCount = dim * classes;
  const size = weightCount + classes;

  const scores = new Float64Array(classes);
  /** Loss and gradient at theta = [weights…, bias…]. */
  const evaluate = (theta: Float64Array, gradient: Float64Array): number => {
    gradient.fill(0);
    let loss = 0;
    for (let i = 0; i < n; i++) {
      const x = features[i];
      const y = targets[i];
      const w = weightOf(i) / totalWeight;
      for (let k = 0; k < classes; k++) scores[k] = theta[weightCount + k];
      accumulateScores(theta, classes, x, scores);
      const rawScoreOfTarget = scores[y];
      // Cross-entropy from the raw score, so a tiny probability cannot underflow to log(0).
      loss += w * (softmaxInPlace(scores) - rawScoreOfTarget);
      scores[y] -= 1;
      for (let k = 0; k < classes; k++) {
        scores[k] *= w;
        gradient[weightCount + k] += scores[k];
      }
      if (isSparse(x)) {
        for (let j = 0; j < x.indices.length; j++) {
          const base = x.indices[j] * classes;
          const value = x.values[j];
          for (let k = 0; k < classes; k++) gradient[base + k] += scores[k] * value;
        }
      } else {
        for (let d = 0; d < x.length; d++) {
          const value = x[d];
          if (value === 0) continue;
          const base = d * classes;
          for (let k = 0; k < classes; k++) gradient[base + k] += scores[k] * value;
        }
      }
    }
    let squared = 0;
    for (let i = 0; i < weightCount; i++) {
      squared += theta[i] * theta[i];
      gradient[i] += lambda * theta[i];
    }
    return loss + 0.5 * lambda * squared;
  };

  let theta = new Float64Array(size);
  let gradient = new Float64Array(size);
  let loss = evaluate(theta, gradient);
  const history: { s: Float64Array; y: Float64Array; rho: number }[] = [];
  const direction = new Float64Array(size);
  const alphas = new Float64Array(memory);
  let iterations = 0;
  let converged = false;

  while (iterations < maxIterations) {
    throwIfAborted(signal);
    let maxGradient = 0;
    for (const g of gradient) maxGradient = Math.max(maxGradient, Math.abs(g));
    if (maxGradient < tolerance) {
      converged = true;
      break;
    }

    // Two-loop recursion: direction = -H·gradient.
    direction.set(gradient);
    for (let h = history.length - 1; h >= 0; h--) {
      const { s, y, rho } = history[h];
      alphas[h] = rho * dot(s, direction);
      for (let i = 0; i < size; i++) direction[i] -= alphas[h] * y[i];
    }
    if (history.length > 0) {
      const last = history[history.length - 1];
      const gamma = 1 / (last.rho * dot(last.y, last.y));
      for (let i = 0; i < size; i++) direction[i] *= gamma;
    }
    for (let h = 0; h < history.length; h++) {
      const { s, y, rho } = history[h];
      const beta = rho * dot(y, direction);
      for (let i = 0; i < size; i++) direction[i] += s[i] * (alphas[h] - beta);
    }
    for (let i = 0; i < size; i++) direction[i] = -direction[i];

    let slope = dot(gradient, direction);
    if (slope >= 0) {
      // Not a descent direction (numerical trouble): restart from steepest descent.
      history.length = 0;
      for (let i = 0; i < size; i++) direction[i] = -gradient[i];
      slope = dot(gradient, direction);
    }

    // Backtracking line search with the Armijo condition.
    let step = history.length === 0 ? Math.min(1, 1 / Math.sqrt(-slope)) : 1;
    const candidate = new Float64Array(size);
    const candidateGradient = new Float64Array(size);
    let candidateLoss = Infinity;
    for (let tries = 0; tries < 40; tries++) {
      for (let i = 0; i < size; i++) candidate[i] = theta[i] + step * direction[i];
      candidateLoss = evaluate(candidate, candidateGradient);
      if (candidateLoss <= loss + 1e-4 * step * slope) break;
      step *= 0.5;
    }
    if (!(candidateLoss < loss)) {
      converged = true;
      break;
    }

    const s = new Float64Array(size);
    const y = new Float64Array(size);
    for (let i = 0; i < size; i++) {
      s[i] = candidate[i] - theta[i];
      y[i] = candidateGradient[i] - gradient[i];
    }
    const sy = dot(s, y);
    if (sy > 1e-12) {
      history.push({ s, y, rho: 1 / sy });
      if (history.length > memory) history.shift();
    }

    const improvement = (loss - candidateLoss) / Math.max(Math.abs(loss), Math.abs(candidateLoss), 1);
    theta = candidate;
    gradient = candidateGradient;
    loss = candidateLoss;
    iterations++;
    onIteration?.(iterations, loss);
    await yieldToEventLoop();
    if (improvement < 1e-10) {
      converged = true;
      break;
    }
  }

  return {
    model: {
      dim,
      classes,
      weights: Float32Array.from(theta.subarray(0, weightCount)),
      bias: Float64Array.from(theta.subarray(weightCount)),
    },
    iterations,
    loss,
    converged,
  };
}
