/**
 * The log lines of a picked file for pattern discovery: its message column (and source column,
 * when there is one), read in batches so that a big file reports progress and can be cancelled,
 * and each line's time, found as a classify run finds it (time/row-times.ts).
 */
import { findColumn, MESSAGE_COLUMNS, requireColumn, SOURCE_COLUMNS } from '../csv/columns.ts';
import { openTable } from '../csv/table.ts';
import { CancelledError } from '../errors.ts';
import { formatFromName } from '../scale/input.ts';
import { RowTimes } from '../time/row-times.ts';

/** One batch of a file's lines. */
export interface LineBatch {
  messages: readonly string[];
  /** Per line, its source ('' when the file has no source column). */
  sources: readonly string[];
  /** Lines read so far, this batch included. */
  linesRead: number;
  /** Share of the file read, when its size is known. */
  fraction: number | null;
}

/**
 * Reads the file batch by batch, handing each to `onBatch` and waiting for it (nothing is kept here); returns the line
 * count and each line's time (epoch ms; NaN: none), or null when the file's lines hold no time.
 * Throws when the file has no message column or no lines, and CancelledError when `signal` aborts.
 */
export async function readFileLines(
  input: Blob,
  fileName: string,
  signal: AbortSignal,
  onBatch: (batch: LineBatch) => void | Promise<void>,
): Promise<{ lines: number; times: Float64Array | null }> {
  const table = await openTable(input, formatFromName(fileName));
  const messageColumn = requireColumn(table.header, MESSAGE_COLUMNS, 'log message');
  const sourceColumn = findColumn(table.header, SOURCE_COLUMNS);
  let lines = 0;
  // Year-less layouts take the year of the file's last change when it is known.
  const times = new RowTimes(table.header, messageColumn, input instanceof File ? input.lastModified : Date.now());
  for await (const batch of table.batches) {
    if (signal.aborted) throw new CancelledError();
    times.add(batch.rows);
    const messages = batch.rows.map((row) => row[messageColumn] ?? '');
    const sources = batch.rows.map((row) => (sourceColumn >= 0 ? (row[sourceColumn] ?? '') : ''));
    lines += messages.length;
    await onBatch({ messages, sources, linesRead: lines, fraction: table.bytesTotal ? Math.min(1, batch.bytesDone / table.bytesTotal) : null });
  }
  if (lines === 0) throw new Error('The file has no log lines.');
  return { lines, times: times.result() };
}
