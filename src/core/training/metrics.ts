/** Classification metrics over true and predicted labels, as `eval` prints them. */

export interface ClassMetrics {
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

/** A label macro-F1 leaves out: the model tier does not answer it. */
export interface MacroLeftOut {
  label: string;
  /** too-few-samples: fewer training rows than minSamples; routed-to-llm: enough rows, but too few from sources not routed to the LLM. */
  reason: 'too-few-samples' | 'routed-to-llm';
  /** Training rows from sources not routed to the LLM. */
  trainingRows: number;
  /** Training rows from sources routed to the LLM (the model tier never sees them). */
  routedRows: number;
  minSamples: number;
}

/** Why a label is left out of macro-F1, in words. */
export function leftOutReason(entry: MacroLeftOut): string {
  const rows = (n: number) => `${n} training ${n === 1 ? 'row' : 'rows'}`;
  if (entry.reason === 'routed-to-llm') {
    return `not modelled: ${rows(entry.routedRows)} come from sources routed to the LLM (${entry.trainingRows} from other sources, ${entry.minSamples} needed)`;
  }
  const routed = entry.routedRows ? ` (${entry.routedRows} of them from sources routed to the LLM)` : '';
  return `too few samples: ${rows(entry.trainingRows + entry.routedRows)}${routed}, ${entry.minSamples} needed`;
}

export interface EvalMetrics {
  rows: number;
  accuracy: number;
  /** Mean F1 over `macroClasses`: the classes with enough training samples for the model tier. */
  macroF1: number;
  macroClasses: string[];
  /** The scored labels macro-F1 leaves out, and why (absent in metrics stored before it was recorded). */
  macroLeftOut?: MacroLeftOut[];
  /** Mean F1 over every true class, rare ones included. */
  macroF1All: number;
  perClass: Record<string, ClassMetrics>;
  tiers: Record<string, number>;
  /** confusion[trueLabel][predictedLabel] = rows */
  confusion: Record<string, Record<string, number>>;
}

export function computeMetrics(
  truth: readonly string[],
  predicted: readonly string[],
  tiers: readonly string[],
  macroClasses: readonly string[],
): EvalMetrics {
  if (truth.length !== predicted.length) throw new Error('truth and predictions differ in length');
  const confusion: Record<string, Record<string, number>> = {};
  const tierCounts: Record<string, number> = {};
  let correct = 0;
  truth.forEach((actual, i) => {
    const guess = predicted[i];
    confusion[actual] ??= {};
    confusion[actual][guess] = (confusion[actual][guess] ?? 0) + 1;
    if (actual === guess) correct++;
    tierCounts[tiers[i]] = (tierCounts[tiers[i]] ?? 0) + 1;
  });

  const predictedCount: Record<string, number> = {};
  for (const guess of predicted) predictedCount[guess] = (predictedCount[guess] ?? 0) + 1;

  const perClass: Record<string, ClassMetrics> = {};
  for (const label of Object.keys(confusion).sort()) {
    const support = Object.values(confusion[label]).reduce((a, b) => a + b, 0);
    const hits = confusion[label][label] ?? 0;
    const precision = predictedCount[label] ? hits / predictedCount[label] : 0;
    const recall = support ? hits / support : 0;
    const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
    perClass[label] = { precision, recall, f1, support };
  }

  const meanF1 = (labels: readonly string[]) => {
    const present = labels.filter((label) => perClass[label]);
    return present.length ? present.reduce((sum, label) => sum + perClass[label].f1, 0) / present.length : 0;
  };
  return {
    rows: truth.length,
    accuracy: truth.length ? correct / truth.length : 0,
    macroF1: meanF1(macroClasses),
    macroClasses: [...macroClasses].filter((label) => perClass[label]).sort(),
    macroF1All: meanF1(Object.keys(perClass)),
    perClass,
    tiers: tierCounts,
    confusion,
  };
}
