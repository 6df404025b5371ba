/**
 * The first pass of `logsift patterns`: reads the file chunk by chunk and mines its messages,
 * warning about bad rows and showing progress. In one thread, or on mining threads that are sent
 * the file's row-aligned chunks as bytes and parse and mine them (core/patterns/mine-rows.ts):
 * this thread then only cuts the file and puts the results in order, with the same rows, times,
 * warnings and patterns as in one thread.
 */
import { availableParallelism } from 'node:os';
import { stat } from 'node:fs/promises';
import { requireColumn, MESSAGE_COLUMNS } from '../core/csv/columns.ts';
import type { RowProblem } from '../core/csv/read.ts';
import { openTable } from '../core/csv/table.ts';
import { MiningSession, type MiningResult } from '../core/patterns/mine.ts';
import { MinePool } from '../core/patterns/mine-pool.ts';
import { decodeChunk, parseChunkRows } from '../core/scale/chunk-rows.ts';
import { openChunkedInput } from '../core/scale/input.ts';
import type { RowFormat } from '../core/scale/split.ts';
import { detectTimeSource, TIME_SAMPLE_ROWS, type TimeColumnChoice, type TimeSource } from '../core/time/detect.ts';
import { timeParser } from '../core/time/parse.ts';
import { inputOf } from './io.ts';
import { startThreads } from './pool.ts';
import { progressLine } from './progress.ts';
import { say } from './terminal.ts';

export interface MinedFile {
  result: MiningResult;
  lines: number;
  /** The header index of the messages. */
  column: number;
  time: TimeSource | null;
  /** Per line, its time (NaN when unread); only the first `lines` entries are lines. */
  times: Float64Array;
}

export interface MineFileOptions {
  columnName?: string;
  timeChoice: TimeColumnChoice;
  referenceMs: number;
  similarity: number;
  /** Mining threads; 0 mines in this thread. */
  threads: number;
}

/**
 * Files from this size on are mined on worker threads by default: below it their start-up (each
 * loads its bundle, see thread-script.ts) is not won back. Measured on 2 cores with the default one
 * thread (prefixes of generated long lines as CSV, --json, by the command's clock, 2026-12-03): it
 * lost at 8 MB (0.51–0.55 s vs 0.35–0.43 s) and 16 MB (0.67–0.70 s vs 0.54–0.56 s), won a little at
 * 32 MB (0.88–0.90 s vs 0.91–0.94 s) and more at 48 MB (1.09–1.22 s vs 1.29–1.30 s).
 */
const THREADS_FROM_BYTES = 32 * 2 ** 20;

/**
 * Default mining threads for a file of `bytes`: for a big file one per core but one – the
 * reading thread mines too (MinePool) – and at least one; none for a smaller file.
 */
export function defaultMiningWorkers(bytes: number): number {
  return bytes >= THREADS_FROM_BYTES ? Math.max(1, availableParallelism() - 1) : 0;
}

/** Chunks for the mining threads: bigger than a run's, as each costs its keys' trip back and their absorbing. */
const POOL_CHUNK_BYTES = 4 << 20;

/** Most row problems named one by one; past that, a count. */
const MAX_ROW_WARNINGS = 10;

/** Row warnings as they come, in file order: the first few by row, then a count. */
class RowWarnings {
  private count = 0;

  add(firstRow: number, problems: readonly RowProblem[]): void {
    for (const problem of problems) if (++this.count <= MAX_ROW_WARNINGS) say(`row ${firstRow + problem.index}: ${problem.message}`);
  }

  done(): void {
    if (this.count > MAX_ROW_WARNINGS) say(`… and ${this.count - MAX_ROW_WARNINGS} more rows with problems`);
  }
}

/** Each line's time, in a buffer that grows as lines come. */
class LineTimes {
  times = new Float64Array(0);

  /** Room for `lines` times. */
  reserve(lines: number): Float64Array {
    if (this.times.length < lines) {
      const grown = new Float64Array(Math.max(1024, 2 * lines));
      grown.set(this.times);
      this.times = grown;
    }
    return this.times;
  }
}

function findMessageColumn(header: string[], columnName: string | undefined): number {
  return columnName ? requireColumn(header, [columnName.trim().toLowerCase()], `"${columnName}"`) : requireColumn(header, MESSAGE_COLUMNS, 'log message');
}

export async function mineFile(path: string, format: RowFormat, options: MineFileOptions): Promise<MinedFile> {
  return options.threads > 0 ? mineOnThreads(path, format, options) : mineHere(path, format, options);
}

async function mineHere(path: string, format: RowFormat, { columnName, timeChoice, referenceMs, similarity }: MineFileOptions): Promise<MinedFile> {
  const table = await openTable(inputOf(path), format);
  const column = findMessageColumn(table.header, columnName);
  const session = new MiningSession({ settings: { similarity } });
  let lines = 0;
  const times = new LineTimes();
  let time: TimeSource | null | undefined;
  let readTime: ((text: string) => number) | null = null;
  const warnings = new RowWarnings();
  const progress = progressLine((await stat(path)).size);
  for await (const batch of table.batches) {
    if (time === undefined) {
      // Each line's time, read with the layout the first rows show (none: no times are read).
      time = detectTimeSource(table.header, batch.rows.slice(0, TIME_SAMPLE_ROWS), { messageIndex: column, choice: timeChoice, referenceMs });
      readTime = time ? timeParser(time.format, time.referenceMs) : null;
    }
    warnings.add(batch.firstRow, batch.problems);
    if (readTime) {
      const into = times.reserve(lines + batch.rows.length);
      for (let r = 0; r < batch.rows.length; r++) into[lines + r] = readTime(batch.rows[r][time!.column] ?? '');
    }
    lines += batch.rows.length;
    for (const row of batch.rows) session.add(row[column] ?? '');
    progress.update(batch.bytesDone, lines);
  }
  const result = session.finish();
  progress.done();
  warnings.done();
  return { result, lines, column, time: time ?? null, times: times.times };
}

async function mineOnThreads(path: string, format: RowFormat, { columnName, timeChoice, referenceMs, similarity, threads }: MineFileOptions): Promise<MinedFile> {
  const opened = await openChunkedInput(inputOf(path), format, POOL_CHUNK_BYTES);
  const chunkFormat = opened.format;
  const column = findMessageColumn(chunkFormat.header, columnName);
  const pool = new MinePool(startThreads(threads, 'mine-thread'), { similarity });
  let lines = 0;
  const times = new LineTimes();
  let time: TimeSource | null | undefined;
  const warnings = new RowWarnings();
  const progress = progressLine((await stat(path)).size);
  try {
    for await (const chunk of opened.chunks) {
      if (time === undefined) {
        // The time layout is found on the first rows, as in one thread: this chunk is parsed here too.
        const rows = parseChunkRows(decodeChunk(chunk.bytes), chunkFormat).rows;
        if (rows.length > 0) time = detectTimeSource(chunkFormat.header, rows.slice(0, TIME_SAMPLE_ROWS), { messageIndex: column, choice: timeChoice, referenceMs });
      }
      const bytesDone = chunk.start + (chunk.sourceLength ?? chunk.bytes.length);
      // The worker is handed the bytes' buffer; one that may be shared is copied first (a Node
      // Buffer's slice() would not copy).
      const bytes = chunk.ownsBuffer ? chunk.bytes : new Uint8Array(chunk.bytes);
      await pool.addRows(
        {
          bytes,
          format: chunkFormat,
          messageColumn: column,
          sourceColumn: -1,
          fieldProblems: true,
          ...(time ? { time: { column: time.column, format: time.format, referenceMs: time.referenceMs } } : {}),
        },
        (mined) => {
          warnings.add(lines + 1, mined.problems);
          if (mined.times) times.reserve(lines + mined.rows).set(mined.times, lines);
          lines += mined.rows;
          progress.update(bytesDone, lines);
        },
      );
    }
    const result = await pool.finish();
    progress.done();
    warnings.done();
    return { result, lines, column, time: time ?? null, times: times.times };
  } finally {
    // A file that cannot be read to the end: the threads must not keep the process alive.
    pool.terminate();
  }
}
