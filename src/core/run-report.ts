/**
 * What a run reports, whichever way it ran (a chunk processor in this thread or a pool of
 * workers; the page, the CLI, a dry run): progress, the summary, warnings by row, the output's
 * columns.
 */
import type { Histogram } from './time/buckets.ts';
import type { TimeSource } from './time/detect.ts';
import { TIERS, type Classification, type LogRecord, type Tier } from './types.ts';

export interface RunProgress {
  rowsDone: number;
  bytesDone: number;
  bytesTotal: number | null;
  elapsedMs: number;
  rowsPerSec: number;
  etaSec: number | null;
}

export interface RowWarning {
  /** 1-based data row number (the header is not counted). */
  row: number;
  message: string;
}

export interface RunSummary {
  rows: number;
  byLabel: Record<string, number>;
  byTier: Record<Tier, number>;
  /**
   * Rows the model tier scored but did not accept – its best label below the confidence
   * threshold, or a label with too few training examples – and no later tier labelled:
   * Unclassified because the model was not sure, not because the row was empty.
   */
  unsure: number;
  /** The confidence threshold of the run's bundle, when the caller gave it. */
  threshold?: number;
  distinctKeys: number;
  /** The first MAX_WARNINGS warnings; warningCount has them all. */
  warnings: RowWarning[];
  warningCount: number;
  elapsedMs: number;
  cancelled: boolean;
  /** The output file's header. */
  columns: string[];
  /** Texts embedded (equals distinctKeys when each key is embedded once). */
  embeddingCalls?: number;
  /** Workers that classified (0: the run's own thread). */
  workers?: number;
  /** Rows per label over time, when the rows have times. */
  time?: RunTime;
  /** The user cancelled the LLM step: the run finished without it (its rows are `llm-pending`). */
  llmCancelled?: boolean;
  /** The header name of the column the messages were read from (CSV and NDJSON). */
  messageColumn?: string;
}

/** Rows per label over time, and where the times were read. */
export interface RunTime {
  source: TimeSource;
  histogram: Histogram;
}

export interface ResultBatch {
  startIndex: number;
  records: LogRecord[];
  results: Classification[];
}

export const MAX_WARNINGS = 1000;

const ADDED_COLUMNS = ['target_label', 'tier', 'confidence'];

/**
 * Output header: the input's columns, then ours. An input column that already has one of our
 * names (a labelled file has target_label) is kept, renamed with an `original_` prefix.
 */
export function outputColumns(header: string[], explain: boolean): { columns: string[]; renamed: string[] } {
  const added = explain ? ADDED_COLUMNS : ADDED_COLUMNS.slice(0, 1);
  const renamed: string[] = [];
  const kept = header.map((name) => {
    if (!added.includes(name.trim().toLowerCase())) return name;
    renamed.push(name);
    return `original_${name.trim()}`;
  });
  return { columns: [...kept, ...added], renamed };
}

function repeatedNames(header: readonly string[]): string[] {
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const name of header.map((n) => n.trim().toLowerCase())) (seen.has(name) ? repeated : seen).add(name);
  return [...repeated];
}

/** A problem of the header row (csv/read.ts), as a warning of row 0. */
export function headerWarning(problem: string): string {
  return `The header row ${problem}.`;
}

/**
 * What a run counts and reports – rows per label and per tier, warnings by row – started with the
 * header's own warnings.
 */
export class RunTally {
  readonly byLabel: Record<string, number> = {};
  readonly byTier = Object.fromEntries(TIERS.map((tier) => [tier, 0])) as Record<Tier, number>;
  /** The first MAX_WARNINGS warnings; warningCount counts them all. */
  readonly warnings: RowWarning[] = [];
  warningCount = 0;

  /** `headerProblems`: what the header row has (csv/read.ts), said of "The header row". */
  constructor(header: readonly string[], renamed: readonly string[], headerProblems: readonly string[] = []) {
    for (const problem of headerProblems) this.warn(0, headerWarning(problem));
    if (renamed.length) this.warn(0, `The input already has ${renamed.join(', ')}; kept as original_… columns.`);
    const repeated = repeatedNames(header);
    if (repeated.length) this.warn(0, `Column names repeat: ${repeated.join(', ')}; the first of each is read, all are kept.`);
  }

  warn(row: number, message: string): void {
    this.warningCount++;
    if (this.warnings.length < MAX_WARNINGS) this.warnings.push({ row, message });
  }
}
