/**
 * The training set of the page's training workspace: labelled lines, kept as plain data.
 *
 * A row is one distinct (source, message) line with its label and where it came from. Adding a
 * line that is already in the set does not count it twice: with the same label it is a
 * duplicate and dropped, with another label it is relabelled (the newer label wins – a
 * correction replaces an older answer). Class counts are therefore counts of distinct lines,
 * and a class needs `minSamples` of them for the model tier to predict it; fewer, and its
 * lines go onwards (the LLM tier).
 *
 * Every function returns a new array; the input is never changed.
 */
import { csvLine } from '../csv/format.ts';
import type { LabelledRow } from '../training/train.ts';
import { UNCLASSIFIED } from '../types.ts';

/** Where a training row came from. */
export type RowOrigin = 'import' | 'correction' | 'review' | 'pattern';

export const ROW_ORIGINS: readonly RowOrigin[] = ['import', 'correction', 'review', 'pattern'];

export interface TrainingRow extends LabelledRow {
  origin: RowOrigin;
}

export interface AddResult {
  rows: TrainingRow[];
  /** New lines. */
  added: number;
  /** Lines already in the set with the same label. */
  duplicates: number;
  /** Lines already in the set that got another label. */
  relabelled: number;
  /** Rows refused: no message, no label, or the label "Unclassified". */
  invalid: number;
}

const rowKey = (row: { source: string; message: string }) => `${row.source}\u0000${row.message}`;

/** A label as stored: trimmed, inner whitespace collapsed. */
export function cleanLabel(label: string): string {
  return label.trim().replace(/\s+/g, ' ');
}

/** Why `label` cannot be a training label, or null when it can. */
export function labelProblem(label: string): string | null {
  const clean = cleanLabel(label);
  if (clean === '') return 'A label cannot be empty.';
  if (clean === UNCLASSIFIED) return `“${UNCLASSIFIED}” is what logsift answers when no tier is sure; it cannot be a training label.`;
  if (clean.length > 200) return 'A label can be at most 200 characters long.';
  return null;
}

/** Adds rows, deduplicating by (source, message); see the module comment. */
export function addRows(
  existing: readonly TrainingRow[],
  incoming: readonly { message: string; label: string; source?: string; origin: RowOrigin }[],
): AddResult {
  const rows = existing.slice();
  const at = new Map<string, number>();
  rows.forEach((row, i) => at.set(rowKey(row), i));
  let added = 0;
  let duplicates = 0;
  let relabelled = 0;
  let invalid = 0;
  for (const item of incoming) {
    const label = cleanLabel(item.label ?? '');
    if (typeof item.message !== 'string' || !/\S/.test(item.message) || labelProblem(label) !== null) {
      invalid++;
      continue;
    }
    const row: TrainingRow = { message: item.message, label, source: item.source ?? '', origin: item.origin };
    const key = rowKey(row);
    const index = at.get(key);
    if (index === undefined) {
      at.set(key, rows.length);
      rows.push(row);
      added++;
    } else if (rows[index].label === label) {
      duplicates++;
    } else {
      rows[index] = row;
      relabelled++;
    }
  }
  return { rows, added, duplicates, relabelled, invalid };
}

/**
 * Renames a label. Renaming onto a label that exists merges the two; the result then holds no
 * row of `from`.
 */
export function renameLabel(rows: readonly TrainingRow[], from: string, to: string): TrainingRow[] {
  const target = cleanLabel(to);
  const problem = labelProblem(target);
  if (problem) throw new RangeError(problem);
  if (!rows.some((row) => row.label === from)) throw new RangeError(`There is no label “${from}” in the training set.`);
  return rows.map((row) => (row.label === from ? { ...row, label: target } : row));
}

/** Merges every label of `from` into `into` (which may be new). */
export function mergeLabels(rows: readonly TrainingRow[], from: readonly string[], into: string): TrainingRow[] {
  const target = cleanLabel(into);
  const problem = labelProblem(target);
  if (problem) throw new RangeError(problem);
  const merged = new Set(from);
  return rows.map((row) => (merged.has(row.label) && row.label !== target ? { ...row, label: target } : row));
}

/** Drops every row of `label`. */
export function deleteLabel(rows: readonly TrainingRow[], label: string): TrainingRow[] {
  return rows.filter((row) => row.label !== label);
}

export interface ClassCount {
  label: string;
  count: number;
  /** Enough rows for the model tier (count ≥ minSamples); otherwise the class goes onwards (LLM tier). */
  modelled: boolean;
}

/** Rows per label, most first (then by name), with the minSamples rule applied. */
export function classCounts(rows: readonly LabelledRow[], minSamples: number): ClassCount[] {
  const counts = new Map<string, number>();
  for (const row of rows) counts.set(row.label, (counts.get(row.label) ?? 0) + 1);
  return [...counts]
    .map(([label, count]) => ({ label, count, modelled: count >= minSamples }))
    .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label));
}

export interface RowQuery {
  label?: string | null;
  /** Case-insensitive substring of the message or the source. */
  search?: string;
}

/** Indices of the rows that match the query, in order. */
export function filterRows(rows: readonly TrainingRow[], query: RowQuery): number[] {
  const needle = (query.search ?? '').trim().toLowerCase();
  const out: number[] = [];
  rows.forEach((row, i) => {
    if (query.label && row.label !== query.label) return;
    if (needle && !row.message.toLowerCase().includes(needle) && !row.source.toLowerCase().includes(needle)) return;
    out.push(i);
  });
  return out;
}

/** The training set as CSV (source, log_message, target_label, origin): importable again, also by `logsift train`. */
export function trainingSetCsv(rows: readonly TrainingRow[]): string {
  const parts = [csvLine(['source', 'log_message', 'target_label', 'origin'])];
  for (const row of rows) parts.push(csvLine([row.source, row.message, row.label, row.origin]));
  return parts.join('');
}

/** Checks rows read back from storage; drops anything malformed. */
export function sanitizeRows(value: unknown): TrainingRow[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((row): TrainingRow[] => {
    if (typeof row !== 'object' || row === null) return [];
    const { message, label, source, origin } = row as Record<string, unknown>;
    if (typeof message !== 'string' || typeof label !== 'string' || labelProblem(label) !== null) return [];
    return [
      {
        message,
        label,
        source: typeof source === 'string' ? source : '',
        origin: ROW_ORIGINS.includes(origin as RowOrigin) ? (origin as RowOrigin) : 'import',
      },
    ];
  });
}
