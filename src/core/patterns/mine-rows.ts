/**
 * A chunk of a file's rows given to a mining worker as bytes: the worker decodes, parses and mines
 * them itself, so the thread that reads the file only cuts it at row ends and puts the workers'
 * results in order. Parsing and copying the lines' text between threads cost that thread as much
 * as masking costs a worker; this way both move off it. The rows are parsed exactly as everywhere
 * else (scale/chunk-rows.ts), so the result is what parsing and mining them in one thread gives.
 */
import type { RowProblem } from '../csv/read.ts';
import { decodeChunk, parseChunkRows, rowProblems } from '../scale/chunk-rows.ts';
import type { ChunkFormat } from '../scale/input.ts';
import { timeParser, type TimeFormat } from '../time/parse.ts';
import type { ChunkMiner, MinedChunk } from './mine.ts';
import { detached } from '../detached.ts';

export interface RowsJob {
  /** Whole rows (row-aligned); UTF-8 unless `encoding` says otherwise. */
  bytes: Uint8Array;
  /** A UTF-16 file's byte range read back as it is in the file. */
  encoding?: string;
  format: ChunkFormat;
  /** Header indexes of the message and the source column (-1: none). */
  messageColumn: number;
  sourceColumn: number;
  /** Per row, 1 to mine it, 0 to leave it out (a rule labelled it); absent: every row is mined. */
  mine?: Uint8Array;
  /** Rows (indexes in the chunk, ascending) whose message and source come back as text. */
  keep?: Int32Array;
  /** Each row's time is read from this column with this layout; absent: no times. */
  time?: { column: number; format: TimeFormat; referenceMs: number };
  /** Tell the rows whose field count is not the header's (as a table reader does). */
  fieldProblems?: boolean;
}

export interface MinedRows {
  /** The mined rows' keys, for MiningSession.addChunk (lineKeys has one per mined row). */
  chunk: MinedChunk;
  /** Rows in the chunk. */
  rows: number;
  /** Problems of the rows, by row index, ascending. */
  problems: RowProblem[];
  /** Per row, its time (epoch ms; NaN: none); null without `time`. */
  times: Float64Array | null;
  /** The text of the `keep` rows, in their order. */
  kept: { messages: string[]; sources: string[] };
}

/** Parses the job's rows and mines them with `miner` (the worker's, kept from job to job). */
export function mineRows(job: RowsJob, miner: ChunkMiner): MinedRows {
  const parsed = parseChunkRows(decodeChunk(job.bytes, job.encoding), job.format);
  const { rows } = parsed;
  const m = job.messageColumn;
  const messages: string[] = [];
  for (let r = 0; r < rows.length; r++) if (!job.mine || job.mine[r]) messages.push(rows[r][m] ?? '');
  const chunk = miner.mine(messages);

  const problems = job.fieldProblems ? rowProblems(parsed, job.format.header) : parsed.problems;

  let times: Float64Array | null = null;
  if (job.time) {
    const read = timeParser(job.time.format, job.time.referenceMs);
    const column = job.time.column;
    times = new Float64Array(rows.length);
    for (let r = 0; r < rows.length; r++) times[r] = read(rows[r][column] ?? '');
  }

  // Detached: a kept line must not hold on to the chunk's text (it is kept when mined in this thread).
  const kept = { messages: [] as string[], sources: [] as string[] };
  for (const r of job.keep ?? []) {
    kept.messages.push(detached(rows[r]?.[m] ?? ''));
    kept.sources.push(detached(job.sourceColumn >= 0 ? (rows[r]?.[job.sourceColumn] ?? '') : ''));
  }
  return { chunk, rows: rows.length, problems, times, kept };
}

/** The buffers a MinedRows can hand over uncopied. */
export function minedRowsTransfer(result: MinedRows): ArrayBuffer[] {
  const buffers = [result.chunk.lineKeys.buffer as ArrayBuffer, result.chunk.ids.buffer as ArrayBuffer];
  if (result.times) buffers.push(result.times.buffer as ArrayBuffer);
  return buffers;
}
