/**
 * Closing the loop: the lines the LLM labelled go to a review list (one item per distinct masked
 * message, with an example line, the label, the model's reason and how many rows carry it).
 * Accepting or correcting an item makes it a labelled training row; once a class has minSamples
 * of them, retraining moves it from the LLM tier into the model tier. Plain data in, plain data
 * out, so a worker can hold the list and the page can show it.
 */
import { maskMessage } from '../message-key.ts';
import type { ResultBatch } from '../run-report.ts';
import type { LabelledRow } from '../training/train.ts';
import { UNCLASSIFIED } from '../types.ts';

export type ReviewStatus = 'pending' | 'accepted' | 'corrected' | 'rejected';

/**
 * The reviewer's decision about a masked message, kept between runs: it overrides the LLM's
 * (cached) answer, and the message is not sent again.
 */
export interface ReviewDecision {
  status: Exclude<ReviewStatus, 'pending'>;
  /** The label its lines get: the LLM's (accepted), the reviewer's (corrected), Unclassified (rejected). */
  label: string;
  /** What the LLM had answered, and why. */
  llmLabel: string;
  reason: string;
}

/** The decision an item holds, or null while it is pending. */
export function decisionOf(item: ReviewItem): ReviewDecision | null {
  if (item.status === 'pending') return null;
  const label = item.status === 'accepted' ? item.label : item.status === 'corrected' ? item.correctedLabel! : UNCLASSIFIED;
  return { status: item.status, label, llmLabel: item.label, reason: item.reason };
}

export interface ReviewItem {
  /** The masked message: one item per key. */
  key: string;
  /** The first line seen with this key, as it was in the input. */
  message: string;
  source: string;
  /** The LLM's label. */
  label: string;
  /** The LLM's short reason. */
  reason: string;
  /** Rows in the run that carry this key. */
  rows: number;
  status: ReviewStatus;
  /** The reviewer's label, when status is "corrected". */
  correctedLabel?: string;
}

/** Gathers the tier-`llm` rows of a run's result batches into review items. */
export class ReviewCollector {
  private readonly byKey = new Map<string, ReviewItem>();

  add(batch: ResultBatch): void {
    batch.results.forEach((result, i) => {
      if (result.tier !== 'llm') return;
      const record = batch.records[i];
      const key = maskMessage(record.message);
      const item = this.byKey.get(key);
      if (item) item.rows++;
      else {
        // A line decided in an earlier review comes back with that decision.
        const review = result.review;
        this.byKey.set(key, {
          key,
          message: record.message,
          source: record.source,
          label: review ? review.llmLabel : result.label,
          reason: result.reason ?? '',
          rows: 1,
          status: review ? review.status : 'pending',
          ...(review?.status === 'corrected' ? { correctedLabel: result.label } : {}),
        });
      }
    });
  }

  /** The items, most rows first, then by key. */
  items(): ReviewItem[] {
    return [...this.byKey.values()].sort((a, b) => b.rows - a.rows || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }
}

/** A copy of the list with one item decided: accept the LLM's label, correct it, or reject the item. */
export function decide(
  items: readonly ReviewItem[],
  key: string,
  decision: { status: 'accepted' | 'rejected' | 'pending' } | { status: 'corrected'; label: string },
): ReviewItem[] {
  return items.map((item) => {
    if (item.key !== key) return item;
    const { correctedLabel: _old, ...rest } = item;
    if (decision.status === 'corrected') {
      const label = decision.label.trim();
      if (label === '') throw new RangeError('A corrected label cannot be empty.');
      return label === item.label ? { ...rest, status: 'accepted' } : { ...rest, status: 'corrected', correctedLabel: label };
    }
    return { ...rest, status: decision.status };
  });
}

/** At most this many training rows per review item. */
export const MAX_ROWS_PER_ITEM = 50;

/**
 * The training rows the review produced: accepted items with the LLM's label, corrected ones with
 * the reviewer's. A decision covers every row with the item's key (masking never changes a label),
 * so an item gives as many rows as the run had (capped): the training set then sees the line as
 * often as the logs do, as it would in a labelled file.
 */
export function trainingRowsFrom(items: readonly ReviewItem[], maxRowsPerItem: number = MAX_ROWS_PER_ITEM): LabelledRow[] {
  const rows: LabelledRow[] = [];
  for (const item of items) {
    const label = item.status === 'accepted' ? item.label : item.status === 'corrected' ? item.correctedLabel : undefined;
    if (label === undefined || label === UNCLASSIFIED) continue;
    const copies = Math.max(1, Math.min(item.rows, maxRowsPerItem));
    for (let i = 0; i < copies; i++) rows.push({ message: item.message, label, source: item.source });
  }
  return rows;
}

/** Training rows plus reviewed rows; a reviewed (message, label) pair that the training set already has is not added again. */
export function mergeTrainingRows(base: readonly LabelledRow[], added: readonly LabelledRow[]): LabelledRow[] {
  const known = new Set(base.map((row) => `${row.label}\u0000${row.message}`));
  return [...base, ...added.filter((row) => !known.has(`${row.label}\u0000${row.message}`))];
}

export interface Graduation {
  label: string;
  before: number;
  after: number;
  /** The class reaches minSamples with these rows: after retraining the model tier predicts it. */
  graduates: boolean;
}

/** Per label touched by the review: its training count before and after, and whether it graduates. */
export function graduation(classCounts: Record<string, number>, added: readonly LabelledRow[], minSamples: number): Graduation[] {
  const extra = new Map<string, number>();
  for (const row of added) extra.set(row.label, (extra.get(row.label) ?? 0) + 1);
  return [...extra.keys()].sort().map((label) => {
    const before = classCounts[label] ?? 0;
    const after = before + extra.get(label)!;
    return { label, before, after, graduates: before < minSamples && after >= minSamples };
  });
}
