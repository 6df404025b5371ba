/**
 * How well predicted labels agree with reference labels when the classifier may abstain
 * (Unclassified): how much it labels, how often those labels are right, and per-label F1.
 */
import { computeMetrics, type ClassMetrics } from './metrics.ts';
import { UNCLASSIFIED } from '../types.ts';

export interface AgreementScore {
  lines: number;
  /** Share of lines given a label other than Unclassified. */
  coverage: number;
  /** Correct labels among the lines given one. */
  accuracyGiven: number;
  /** Correct labels among all lines (Unclassified is wrong). */
  accuracy: number;
  /** Mean F1 over the labels that occur in the truth. */
  macroF1: number;
  perLabel: Record<string, ClassMetrics>;
  /** (truth → predicted) pairs that differ, most lines first. */
  confusions: { truth: string; predicted: string; lines: number }[];
}

export function scoreAgainstTruth(truth: readonly string[], predicted: readonly string[]): AgreementScore {
  const metrics = computeMetrics(truth, predicted, predicted.map(() => ''), [...new Set(truth)]);
  let given = 0;
  let correctGiven = 0;
  predicted.forEach((label, i) => {
    if (label === UNCLASSIFIED) return;
    given++;
    if (label === truth[i]) correctGiven++;
  });
  const confusions: AgreementScore['confusions'] = [];
  for (const [actual, row] of Object.entries(metrics.confusion)) {
    for (const [guess, lines] of Object.entries(row)) if (guess !== actual) confusions.push({ truth: actual, predicted: guess, lines });
  }
  confusions.sort((a, b) => b.lines - a.lines || a.truth.localeCompare(b.truth) || a.predicted.localeCompare(b.predicted));
  return {
    lines: truth.length,
    coverage: truth.length ? given / truth.length : 0,
    accuracyGiven: given ? correctGiven / given : 0,
    accuracy: metrics.accuracy,
    macroF1: metrics.macroF1,
    perLabel: metrics.perClass,
    confusions,
  };
}
