/**
 * One classification job, shared by the worker and the CLI: read the input as a stream,
 * classify batch by batch, and hand out CSV text for the output plus the results for display.
 * Every input row gives exactly one output row, in order; a row that cannot be classified is
 * labelled Unclassified with a warning naming it, never dropped.
 */
import type { Classifier } from './classifier.ts';
import type { InputSource } from './csv/chunks.ts';
import { findColumn, MESSAGE_COLUMNS, requireColumn, SOURCE_COLUMNS } from './csv/columns.ts';
import { csvCell, csvLine, csvRow } from './csv/format.ts';
import { openTable, type InputKind } from './csv/table.ts';
import { CancelledError } from './errors.ts';
import { isBlank, TIERS, type Classification, type LogRecord, type Tier } from './types.ts';

export type { InputSource } from './csv/chunks.ts';
export { inputKindFromName, type InputKind } from './csv/table.ts';

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
  distinctKeys: number;
  /** The first MAX_WARNINGS warnings; warningCount has them all. */
  warnings: RowWarning[];
  warningCount: number;
  elapsedMs: number;
  cancelled: boolean;
  /** The output file's header. */
  columns: string[];
  /** Texts embedded (the chunked pipeline; equals distinctKeys when each key is embedded once). */
  embeddingCalls?: number;
  /** Workers that classified (the chunked pipeline; 0: the run's own thread). */
  workers?: number;
}

export interface ResultBatch {
  startIndex: number;
  records: LogRecord[];
  results: Classification[];
}

export interface RunOptions {
  input: InputSource;
  kind: InputKind;
  classifier: Classifier;
  /** Adds `tier` and `confidence` columns to the output. */
  explain: boolean;
  /** Neutralises cells a spreadsheet would run as formulas (see csv/format.ts); off for a raw export. */
  safeCsv?: boolean;
  signal?: AbortSignal;
  onProgress?(progress: RunProgress): void;
  /** Output CSV text, in order; a returned promise is awaited (backpressure). */
  onOutput?(csvChunk: string): void | Promise<void>;
  onResults?(batch: ResultBatch): void;
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

/** What a decoder puts where bytes are not valid text. */
const REPLACEMENT_CHARACTER = '\uFFFD';

function repeatedNames(header: readonly string[]): string[] {
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const name of header.map((n) => n.trim().toLowerCase())) (seen.has(name) ? repeated : seen).add(name);
  return [...repeated];
}

/**
 * What a run counts and reports – rows per label and per tier, warnings by row – started with the
 * header's own warnings. Shared by the streaming run here and the chunked run (scale/).
 */
export class RunTally {
  readonly byLabel: Record<string, number> = {};
  readonly byTier = Object.fromEntries(TIERS.map((tier) => [tier, 0])) as Record<Tier, number>;
  /** The first MAX_WARNINGS warnings; warningCount counts them all. */
  readonly warnings: RowWarning[] = [];
  warningCount = 0;

  constructor(header: readonly string[], renamed: readonly string[]) {
    if (renamed.length) this.warn(0, `The input already has ${renamed.join(', ')}; kept as original_… columns.`);
    const repeated = repeatedNames(header);
    if (repeated.length) this.warn(0, `Column names repeat: ${repeated.join(', ')}; the first of each is read, all are kept.`);
  }

  warn(row: number, message: string): void {
    this.warningCount++;
    if (this.warnings.length < MAX_WARNINGS) this.warnings.push({ row, message });
  }
}

export async function runClassification(options: RunOptions): Promise<RunSummary> {
  const { classifier, explain, signal, onProgress, onOutput, onResults, safeCsv = false } = options;
  const started = Date.now();
  const table = await openTable(options.input, options.kind);
  const messageIndex = requireColumn(table.header, MESSAGE_COLUMNS, 'log message');
  const sourceIndex = findColumn(table.header, SOURCE_COLUMNS);
  const { columns, renamed } = outputColumns(table.header, explain);
  const width = table.header.length;

  const tally = new RunTally(table.header, renamed);
  const { byLabel, byTier } = tally;
  const warn = (row: number, message: string) => tally.warn(row, message);

  // Classifications are shared objects (one per rule label or cache key), so their output cells
  // are formatted once, not once per row.
  const formattedCells = new Map<Classification, string>();
  const addedCells = (result: Classification) => {
    let cells = formattedCells.get(result);
    if (cells === undefined) {
      cells = ',' + csvCell(result.label, safeCsv) + (explain ? `,${result.tier},${result.confidence.toFixed(4)}` : '');
      formattedCells.set(result, cells);
    }
    return cells;
  };
  await onOutput?.(csvLine(columns, safeCsv));
  let rows = 0;
  let cancelled = false;
  for await (const batch of table.batches) {
    if (signal?.aborted) {
      cancelled = true;
      break;
    }
    for (const problem of batch.problems) warn(batch.firstRow + problem.index, `could not be parsed cleanly: ${problem.message}`);
    const records: LogRecord[] = batch.rows.map((fields, i) => {
      const row = batch.firstRow + i;
      if (fields.length !== width) {
        warn(row, `has ${fields.length} fields, the header has ${width}`);
      }
      const message = fields[messageIndex] ?? '';
      if (isBlank(message)) warn(row, 'has no log message; labelled Unclassified');
      else if (message.includes(REPLACEMENT_CHARACTER)) {
        warn(row, 'has bytes that are not valid text in this encoding (shown as �); is the file UTF-8?');
      }
      return { message, source: sourceIndex >= 0 ? (fields[sourceIndex] ?? '') : '' };
    });
    let results: Classification[];
    try {
      results = await classifier.classify(records, signal);
    } catch (error) {
      if (!(error instanceof CancelledError)) throw error;
      cancelled = true;
      break;
    }

    let text = '';
    batch.rows.forEach((fields, i) => {
      const result = results[i];
      byLabel[result.label] = (byLabel[result.label] ?? 0) + 1;
      byTier[result.tier]++;
      // Short rows are padded so every output row has the header's columns.
      text += csvRow(fields, width, addedCells(result), safeCsv);
    });
    await onOutput?.(text);
    onResults?.({ startIndex: rows, records, results });
    rows += batch.rows.length;

    const elapsedMs = Date.now() - started;
    const fraction = table.bytesTotal ? batch.bytesDone / table.bytesTotal : null;
    onProgress?.({
      rowsDone: rows,
      bytesDone: batch.bytesDone,
      bytesTotal: table.bytesTotal,
      elapsedMs,
      rowsPerSec: elapsedMs > 0 ? (rows * 1000) / elapsedMs : 0,
      etaSec: fraction && fraction > 0 ? ((elapsedMs / fraction) * (1 - fraction)) / 1000 : null,
    });
  }

  return {
    rows,
    byLabel,
    byTier,
    distinctKeys: classifier.distinctKeys,
    warnings: tally.warnings,
    warningCount: tally.warningCount,
    elapsedMs: Date.now() - started,
    cancelled,
    columns,
  };
}
