/**
 * One classification job in this thread, on the chunked pipeline (scale/) like every run: read
 * the input as row-aligned chunks, classify them one after another, and hand out the output
 * text and the results. Every input row gives exactly one output row, in order; a row that
 * cannot be classified is labelled Unclassified with a warning naming it, never dropped. The LLM
 * tier's dry run and the tests use it; the page and the CLI add a pool of workers and their
 * own output (workers/scale-run.ts, src/cli/classify-stream.ts).
 */
import type { Classifier } from './classifier.ts';
import type { RunProgress, RunSummary, ResultBatch } from './run-report.ts';
import { openChunkedInput, type ByteSource } from './scale/input.ts';
import { LocalChunkProcessor } from './scale/local.ts';
import { outputHeaderOf, runChunked } from './scale/run-chunked.ts';
import type { RowFormat } from './scale/split.ts';

/** A file, a stream of bytes (standard input), or text. */
export type InputSource = ByteSource;

export interface RunOptions {
  input: InputSource;
  kind: RowFormat;
  classifier: Classifier;
  /** The column that holds the messages, when the user chose one (else found by name). */
  column?: string;
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

export async function runClassification(options: RunOptions): Promise<RunSummary> {
  const { classifier, explain, signal, onProgress, onOutput, onResults, safeCsv = false } = options;
  const input = await openChunkedInput(options.input, options.kind, undefined, undefined, { column: options.column });
  const { columns } = outputHeaderOf(input.format, explain);
  const processor = new LocalChunkProcessor(classifier, input.format, { explain, safeCsv, columns, keepRecords: !!onResults });
  const decoder = new TextDecoder();
  const { chunks: _chunks, ...summary } = await runChunked({
    input,
    processor,
    explain,
    threshold: classifier.bundle.thresholds.confidence,
    safeCsv,
    signal,
    onProgress,
    onOutput: onOutput && ((data) => onOutput(typeof data === 'string' ? data : decoder.decode(data, { stream: true }))),
    onChunk: onResults && ((outcome, firstRow) => onResults({ startIndex: firstRow, records: outcome.records!, results: outcome.results! })),
  });
  return summary;
}
