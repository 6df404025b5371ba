/** Where an opened input keeps its rows' times, judged on the rows read for its other guesses. */
import { findColumn, MESSAGE_COLUMNS } from '../csv/columns.ts';
import { parseChunkRows } from '../scale/chunk-rows.ts';
import type { ChunkedInput } from '../scale/input.ts';
import { detectTimeSource, type TimeColumnChoice, type TimeSource } from './detect.ts';

/** `referenceMs`: the file's last change when known (year-less layouts take its year), else now. */
export function detectInputTime(input: Pick<ChunkedInput, 'format' | 'sample'>, choice: TimeColumnChoice = 'auto', referenceMs = Date.now()): TimeSource | null {
  const { rows } = parseChunkRows(input.sample, input.format);
  return detectTimeSource(input.format.header, rows, { messageIndex: findColumn(input.format.header, MESSAGE_COLUMNS), choice, referenceMs });
}
