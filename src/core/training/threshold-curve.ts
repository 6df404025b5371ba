/**
 * The confidence threshold curve: for each threshold t in 0..1, how accurate the model tier is
 * on the held-out lines it accepts (top probability ≥ t), and which share of the lines that
 * reach it are sent onwards (to the LLM tier, else Unclassified) instead.
 *
 * Computed from one pass over the held-out lines with the threshold at 0, so any threshold can
 * be read off without classifying again. Lines decided before the model tier (source routes,
 * rules, blank) do not depend on the threshold and are left out. A line whose top class has
 * fewer than minSamples examples is sent onwards at every threshold.
 */

export interface HeldOutAnswer {
  /** The model's top probability. */
  confidence: number;
  /** Whether the top class is the true label. */
  correct: boolean;
  /** False when the top class cannot be predicted (too few samples): the line always goes onwards. */
  eligible: boolean;
}

export interface ThresholdPoint {
  threshold: number;
  /** Correct answers among the accepted lines; null when none is accepted. */
  accuracy: number | null;
  /** Accepted lines / lines reaching the model tier. */
  accepted: number;
  /** Lines sent onwards / lines reaching the model tier: 1 − accepted. */
  onwards: number;
}

export interface ThresholdCurve {
  /** Lines that reached the model tier. */
  rows: number;
  points: ThresholdPoint[];
}

/** The curve at `steps + 1` evenly spaced thresholds 0, 1/steps, …, 1. */
export function thresholdCurve(answers: readonly HeldOutAnswer[], steps = 100): ThresholdCurve {
  if (!Number.isInteger(steps) || steps < 1) throw new RangeError('steps must be a positive whole number');
  // Bucket the eligible answers by the highest grid threshold they still pass, then sum from the top.
  const acceptedAt = new Float64Array(steps + 2);
  const correctAt = new Float64Array(steps + 2);
  for (const a of answers) {
    if (!a.eligible || !(a.confidence >= 0)) continue;
    // Highest k with k/steps ≤ confidence (a small epsilon so that 0.5 passes 50/100).
    const k = Math.min(steps, Math.floor(a.confidence * steps + 1e-9));
    acceptedAt[k]++;
    if (a.correct) correctAt[k]++;
  }
  const total = answers.length;
  const points: ThresholdPoint[] = new Array(steps + 1);
  let accepted = 0;
  let correct = 0;
  for (let k = steps; k >= 0; k--) {
    accepted += acceptedAt[k];
    correct += correctAt[k];
    points[k] = {
      threshold: k / steps,
      accuracy: accepted ? correct / accepted : null,
      accepted: total ? accepted / total : 0,
      onwards: total ? (total - accepted) / total : 0,
    };
  }
  return { rows: total, points };
}

/** The point at (or just below) `threshold`: the one the classifier's `confidence ≥ threshold` rule gives. */
export function pointAt(curve: ThresholdCurve, threshold: number): ThresholdPoint | null {
  const steps = curve.points.length - 1;
  if (steps < 0) return null;
  const k = Math.max(0, Math.min(steps, Math.floor(threshold * steps + 1e-9)));
  return curve.points[k];
}
