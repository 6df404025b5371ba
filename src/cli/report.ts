/** Human-readable evaluation report for `logsift eval`. */
import type { EvaluationResult } from '../core/training/evaluate.ts';
import { leftOutReason } from '../core/training/metrics.ts';

const pct = (value: number) => value.toFixed(4);

export function formatEvaluation(result: EvaluationResult): string {
  const lines: string[] = [];
  lines.push(`train rows ${result.trainRows}, test rows ${result.testRows}`);
  lines.push(`accuracy   ${pct(result.accuracy)}`);
  const scored = Object.keys(result.perClass).length;
  lines.push(`macro-F1   ${pct(result.macroF1)}  (covers ${result.macroClasses.length} of ${scored} labels, those the model tier answers: ${result.macroClasses.join(', ') || 'none'})`);
  for (const entry of result.macroLeftOut ?? []) lines.push(`  left out: ${entry.label} – ${leftOutReason(entry)}`);
  lines.push(`macro-F1, all classes  ${pct(result.macroF1All)}`);
  lines.push(`masking conflicts: ${result.maskingConflicts.keys} keys, ${result.maskingConflicts.rows} rows`);
  lines.push('');
  const labels = Object.keys(result.perClass);
  const width = Math.max(12, ...labels.map((label) => label.length));
  lines.push(`${'label'.padEnd(width)}  precision  recall     f1  support`);
  for (const label of labels) {
    const m = result.perClass[label];
    lines.push(
      `${label.padEnd(width)}  ${pct(m.precision).padStart(9)}  ${pct(m.recall).padStart(6)}  ${pct(m.f1).padStart(6)}  ${String(m.support).padStart(7)}`,
    );
  }
  lines.push('');
  lines.push('rows per tier: ' + Object.entries(result.tiers).map(([tier, n]) => `${tier} ${n}`).join(', '));
  lines.push('');
  const predicted = [...new Set(Object.values(result.confusion).flatMap((row) => Object.keys(row)))].sort();
  lines.push('confusion (rows: true label, columns: predicted)');
  lines.push(['', ...predicted].map((cell, i) => (i === 0 ? cell.padEnd(width) : cell.slice(0, 10).padStart(10))).join(' '));
  for (const label of labels) {
    lines.push(
      [label.padEnd(width), ...predicted.map((p) => String(result.confusion[label]?.[p] ?? 0).padStart(10))].join(' '),
    );
  }
  return lines.join('\n') + '\n';
}

/** An instant for the terminal: UTC, which is also how a time written without its zone reads. */
export function formatInstant(ms: number): string {
  return Number.isFinite(ms) ? new Date(ms).toISOString().replace('T', ' ').replace('.000Z', 'Z') : '-';
}

/** One line on where a run's times came from and what span they cover. */
export function formatTimeSpan(source: { columnName: string; format: string; inMessage: boolean }, span: { first: number; last: number; untimed: number }): string {
  const where = source.inMessage ? `the start of the message (${source.format})` : `column "${source.columnName}" (${source.format})`;
  const untimed = span.untimed > 0 ? `; ${span.untimed} row${span.untimed === 1 ? '' : 's'} without a time` : '';
  return `times from ${where}: ${formatInstant(span.first)} to ${formatInstant(span.last)}${untimed}`;
}
