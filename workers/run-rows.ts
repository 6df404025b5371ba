/**
 * Pattern discovery over the last run: its rows read back from the run's file and given to a
 * discovery's lines (core/patterns/discovery-lines.ts), the rules' rows kept but not mined. With
 * mining workers the rows go to them as the file's bytes, which they parse themselves; in one
 * thread they are parsed here, a chunk at a time.
 */
import { findColumn, messageColumnOf, SOURCE_COLUMNS } from '../src/core/csv/columns.ts';
import { CancelledError } from '../src/core/errors.ts';
import type { DiscoveryLines } from '../src/core/patterns/discovery-lines.ts';
import type { ChunkFormat } from '../src/core/scale/input.ts';
import type { PatternSourceRecord } from '../src/storage/patterns-store.ts';
import { yieldToEventLoop } from '../src/core/event-loop.ts';

/** Rows of a run as the bytes of its file, for a worker to parse (core/patterns/mine-rows.ts). */
export interface RunBytes {
  bytes: Uint8Array;
  /** A UTF-16 file's rows are UTF-16 there. */
  encoding?: string;
  format: ChunkFormat;
  /** 0-based index of the first row, and the number of rows. */
  firstRow: number;
  rows: number;
}

/** The last run's rows, as the results store keeps them: columns in memory, text read back from the file. */
export interface RunRows {
  fileName: string;
  /** Rows of the run. */
  rows: number;
  /** Bytes of the run's file, when known: a row's text takes about bytes / rows characters. */
  bytes?: number;
  /** Per row, whether a rule labelled it (tier `regex`). */
  ruleMatched: ArrayLike<boolean | number>;
  /** Per row, its time (epoch ms, NaN: none), when the run read times. */
  times?: ArrayLike<number> | null;
  /** The rows' messages and sources, a chunk at a time in file order. */
  chunks(): AsyncIterable<{ messages: readonly string[]; sources: readonly string[] }>;
  /** The rows as the bytes of their file, in pieces of at most about `maxBytes` (or one chunk), in file order. */
  byteChunks?(maxBytes: number): AsyncIterable<RunBytes>;
}

/** Bytes of a run sent to a mining worker at once: each piece costs its keys' trip back and their absorbing. */
const PIECE_BYTES = 4 * 2 ** 20;

/**
 * Gives the run's rows to `found` in file order; `onMined` hears how many rows were mined so far.
 * Throws CancelledError when `signal` aborts.
 */
export async function readRunRows(
  run: RunRows,
  found: DiscoveryLines,
  signal: AbortSignal,
  onMined: (mined: number) => void,
): Promise<{ times: ArrayLike<number> | null; source: Omit<PatternSourceRecord, 'mined' | 'minedAt'> }> {
  let mined = 0;
  if (found.takesRows && run.byteChunks) {
    for await (const piece of run.byteChunks(PIECE_BYTES)) {
      if (signal.aborted) throw new CancelledError();
      const mine = new Uint8Array(piece.rows);
      let toMine = 0;
      for (let r = 0; r < piece.rows; r++) {
        mine[r] = run.ruleMatched[piece.firstRow + r] ? 0 : 1;
        toMine += mine[r];
      }
      const { format } = piece;
      const sourceColumn = findColumn(format.header, SOURCE_COLUMNS);
      const job = { bytes: piece.bytes, encoding: piece.encoding, format, messageColumn: messageColumnOf(format), sourceColumn, mine };
      // Progress counts the rows mined and taken in, not the rows sent.
      await found.addRows(job, piece.rows, () => onMined((mined += toMine)));
    }
  } else {
    for await (const chunk of run.chunks()) {
      if (signal.aborted) throw new CancelledError();
      for (let r = 0; r < chunk.messages.length && found.lines < run.rows; r++) {
        const mine = !run.ruleMatched[found.lines];
        found.add(chunk.messages[r], chunk.sources[r] ?? '', mine);
        if (mine) mined++;
      }
      await found.flush();
      onMined(mined);
      await yieldToEventLoop();
    }
  }
  return { times: run.times ?? null, source: { kind: 'run', name: run.fileName, lines: run.rows } };
}
