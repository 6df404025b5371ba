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

export interface FileLines {
  messages: string[];
  /** Per line, its source ('' when the file has no source column). */
  sources: string[];
  /** Per line, its time (epoch ms; NaN: none), or null when the file's lines hold no time. */
  times: Float64Array | null;
}

/** Throws when the file has no message column or no lines, and CancelledError when `signal` aborts. */
export async function readFileLines(
  input: Blob,
  fileName: string,
  signal: AbortSignal,
  onProgress: (linesRead: number, fraction: number | null) => void,
): Promise<FileLines> {
  const table = await openTable(input, formatFromName(fileName));
  const messageColumn = requireColumn(table.header, MESSAGE_COLUMNS, 'log message');
  const sourceColumn = findColumn(table.header, SOURCE_COLUMNS);
  const messages: string[] = [];
  const sources: string[] = [];
  // Year-less layouts take the year of the file's last change when it is known.
  const times = new RowTimes(table.header, messageColumn, input instanceof File ? input.lastModified : Date.now());
  for await (const batch of table.batches) {
    if (signal.aborted) throw new CancelledError();
    times.add(batch.rows);
    for (const row of batch.rows) {
      messages.push(row[messageColumn] ?? '');
      sources.push(sourceColumn >= 0 ? (row[sourceColumn] ?? '') : '');
    }
    onProgress(messages.length, table.bytesTotal ? Math.min(1, batch.bytesDone / table.bytesTotal) : null);
  }
  if (messages.length === 0) throw new Error('The file has no log lines.');
  return { messages, sources, times: times.result() };
}
