/**
 * The chunked run: the input cut into row-aligned byte chunks (split.ts), each parsed and
 * classified by a `ChunkProcessor` – in this thread, or by a pool of workers several at a time –
 * and the outcomes taken back in input order: output written in order, the compact columns
 * handed on, warnings numbered by input row. Every input row gives one output row, in order.
 */
import { CancelledError, InputError } from '../errors.ts';
import { messageColumnOf } from '../csv/columns.ts';
import { csvLine } from '../csv/format.ts';
import { outputColumns, RunTally, type RunProgress, type RunSummary } from '../run-report.ts';
import { TimeHistogram } from '../time/buckets.ts';
import type { TimeSource } from '../time/detect.ts';
import { TIERS } from '../types.ts';
import type { ChunkOutcome, OutputFormat } from './chunk.ts';
import type { ChunkedInput, ChunkFormat } from './input.ts';
import { RowTooLongError, rowTooLongMessage, type ByteChunk } from './split.ts';

const TIER_NONE = TIERS.indexOf('none');

export interface ChunkProcessor {
  /** How many chunks may be out at once (a pool: a few per worker, so none waits). */
  readonly concurrency: number;
  process(chunk: ByteChunk, signal?: AbortSignal): Promise<ChunkOutcome>;
  /** Distinct masked keys so far (over the whole pool). */
  distinctKeys(): number;
  /** Texts embedded so far (over the whole pool): equals distinctKeys when each key is embedded once. */
  embeddingCalls(): number;
}

/** Where each chunk's rows are: enough to read any row's text back from the input. */
export interface ChunkIndex {
  format: ChunkFormat;
  /** Byte offset of each chunk. */
  starts: number[];
  /** Byte length of each chunk. */
  lengths: number[];
  /** 0-based index of each chunk's first row. */
  firstRows: number[];
}

export interface ChunkedRunOptions {
  input: ChunkedInput;
  processor: ChunkProcessor;
  explain: boolean;
  /** The confidence threshold the rows are classified with, for the summary. */
  threshold?: number;
  safeCsv?: boolean;
  output?: OutputFormat;
  signal?: AbortSignal;
  onProgress?(progress: RunProgress): void;
  /** Output text or bytes, in order; a returned promise is awaited (backpressure). */
  onOutput?(data: string | Uint8Array): void | Promise<void>;
  /** Each chunk's outcome, in order, with the 0-based index of its first row. */
  onChunk?(outcome: ChunkOutcome, firstRow: number): void | Promise<void>;
  /** Where the rows' times are, when the processor reads them: the summary then has rows per label over time. */
  time?: TimeSource | null;
}


export interface ChunkedRunSummary extends RunSummary {
  chunks: ChunkIndex;
  embeddingCalls: number;
}

/** The output header for these settings. */
export function outputHeaderOf(format: ChunkFormat, explain: boolean): { columns: string[]; renamed: string[] } {
  return outputColumns(format.header, explain);
}

export async function runChunked(options: ChunkedRunOptions): Promise<ChunkedRunSummary> {
  const { input, processor, explain, signal, onProgress, onOutput, onChunk, safeCsv = false } = options;
  const started = Date.now();
  const { columns, renamed } = outputHeaderOf(input.format, explain);
  const tally = new RunTally(input.format.header, renamed, input.headerProblems);
  const { byLabel, byTier } = tally;
  if (options.output !== 'ndjson') await onOutput?.(csvLine(columns, safeCsv));

  const index: ChunkIndex = { format: input.format, starts: [], lengths: [], firstRows: [] };
  let rows = 0;
  let unsure = 0;
  let cancelled = false;
  let bytesDone = input.dataStart;
  const feed = new ChunkFeed(input.chunks, processor, signal);
  const histogram = options.time ? new TimeHistogram() : null;
  const histogramLabels: string[] = [];

  try {
    for (;;) {
      if (signal?.aborted) {
        cancelled = true;
        break;
      }
      let head: Awaited<ReturnType<ChunkFeed['next']>>;
      try {
        head = await feed.next();
      } catch (error) {
        // The chunks before the long row are all taken: it is the next row.
        if (error instanceof RowTooLongError) throw new InputError(rowTooLongMessage(`Row ${rows + 1}`));
        throw error;
      }
      if (!head) break;
      let outcome: ChunkOutcome;
      try {
        outcome = await head.outcome;
      } catch (error) {
        if (!(error instanceof CancelledError) && !signal?.aborted) throw error;
        cancelled = true;
        break;
      }
      // Counts: per chunk label table, then per row.
      const labelCounts = new Array<number>(outcome.labels.length).fill(0);
      const tierCounts = new Array<number>(TIERS.length).fill(0);
      for (let i = 0; i < outcome.rows; i++) {
        labelCounts[outcome.labelIds[i]]++;
        tierCounts[outcome.tiers[i]]++;
        // A row the model scored has a confidence; an empty row has none.
        if (outcome.tiers[i] === TIER_NONE && outcome.confidence[i] > 0) unsure++;
      }
      labelCounts.forEach((n, id) => {
        if (n > 0) byLabel[outcome.labels[id]] = (byLabel[outcome.labels[id]] ?? 0) + n;
      });
      tierCounts.forEach((n, t) => (byTier[TIERS[t]] += n));
      if (histogram && outcome.times) countTimes(histogram, histogramLabels, outcome);
      for (const [row, message] of outcome.warnings) tally.warn(rows + row + 1, message);
      // Warnings the chunk counted but did not keep.
      tally.warningCount += outcome.warningCount - outcome.warnings.length;

      index.starts.push(outcome.start);
      index.lengths.push(outcome.byteLength);
      index.firstRows.push(rows);
      await onOutput?.(outcome.output);
      await onChunk?.(outcome, rows);
      rows += outcome.rows;
      bytesDone = outcome.start + outcome.byteLength;

      const elapsedMs = Date.now() - started;
      const fraction = input.bytesTotal ? bytesDone / input.bytesTotal : null;
      onProgress?.({
        rowsDone: rows,
        bytesDone,
        bytesTotal: input.bytesTotal,
        elapsedMs,
        rowsPerSec: elapsedMs > 0 ? (rows * 1000) / elapsedMs : 0,
        etaSec: fraction && fraction > 0 ? ((elapsedMs / fraction) * (1 - fraction)) / 1000 : null,
      });
    }
  } finally {
    await feed.stop();
  }

  return {
    rows,
    byLabel,
    byTier,
    unsure,
    ...(options.threshold !== undefined ? { threshold: options.threshold } : {}),
    distinctKeys: processor.distinctKeys(),
    embeddingCalls: processor.embeddingCalls(),
    warnings: tally.warnings,
    warningCount: tally.warningCount,
    elapsedMs: Date.now() - started,
    cancelled,
    columns,
    ...(input.format.format === 'text' ? {} : { messageColumn: input.format.header[messageColumnOf(input.format)] }),
    chunks: index,
    ...(histogram && options.time ? { time: { source: options.time, histogram: histogram.result(histogramLabels) } } : {}),
  };
}

/** A chunk's rows into the histogram, its label table mapped onto the run's (`labels`, grown as needed). */
function countTimes(histogram: TimeHistogram, labels: string[], outcome: ChunkOutcome): void {
  const ids = outcome.labels.map((label) => {
    const at = labels.indexOf(label);
    return at >= 0 ? at : labels.push(label) - 1;
  });
  const { times, labelIds } = outcome;
  for (let i = 0; i < outcome.rows; i++) histogram.add(times![i], ids[labelIds[i]]);
}

/**
 * Reads chunks and hands each to the processor as soon as it is read, up to the processor's
 * concurrency, while the run takes earlier outcomes: reading the file (a round trip to the
 * browser's file thread per slice) overlaps the classifying rather than waiting for it.
 */
class ChunkFeed {
  private readonly queue: Promise<ChunkOutcome>[] = [];
  private readonly source: AsyncIterator<ByteChunk>;
  private readonly reading: Promise<void>;
  private ended = false;
  private stopped = false;
  /** The run holds the outcome `next` gave last until it asks again: it counts as out. */
  private holding = false;
  private failure: { error: unknown } | null = null;
  private wakeReader: (() => void) | null = null;
  private wakeTaker: (() => void) | null = null;

  constructor(
    chunks: AsyncIterable<ByteChunk>,
    private readonly processor: ChunkProcessor,
    private readonly signal?: AbortSignal,
  ) {
    this.source = chunks[Symbol.asyncIterator]();
    this.reading = this.read();
  }

  /**
   * The next outcome in input order (the one given before is done with); null after the last. A
   * failed read is thrown after the chunks before it.
   */
  async next(): Promise<{ outcome: Promise<ChunkOutcome> } | null> {
    this.holding = false;
    this.wake('reader');
    for (;;) {
      const outcome = this.queue.shift();
      if (outcome) {
        this.holding = true;
        // Wrapped: an async function returning the promise itself would wait for it.
        return { outcome };
      }
      if (this.failure) throw this.failure.error;
      if (this.ended) return null;
      await new Promise<void>((resolve) => (this.wakeTaker = resolve));
    }
  }

  /** Stops reading and closes the input. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.wake('reader');
    await this.reading;
    await this.source.return?.(undefined);
  }

  private async read(): Promise<void> {
    try {
      for (;;) {
        while (this.queue.length + (this.holding ? 1 : 0) >= this.processor.concurrency && !this.stopped) {
          await new Promise<void>((resolve) => (this.wakeReader = resolve));
        }
        if (this.stopped) return;
        const next = await this.source.next();
        if (next.done || this.stopped) return;
        const outcome = this.processor.process(next.value, this.signal);
        outcome.catch(() => {}); // handled when its turn comes
        this.queue.push(outcome);
        this.wake('taker');
      }
    } catch (error) {
      this.failure = { error };
    } finally {
      this.ended = true;
      this.wake('taker');
    }
  }

  private wake(who: 'reader' | 'taker'): void {
    const resume = who === 'reader' ? this.wakeReader : this.wakeTaker;
    if (who === 'reader') this.wakeReader = null;
    else this.wakeTaker = null;
    resume?.();
  }
}

/** The chunk holding 0-based row `row` (binary search over the chunks' first rows); -1 if none. */
export function chunkOfRow(firstRows: ArrayLike<number>, row: number): number {
  let lo = 0;
  let hi = firstRows.length - 1;
  if (hi < 0 || row < 0) return -1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (firstRows[mid] <= row) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
