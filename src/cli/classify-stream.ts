/**
 * `logsift classify` on the chunked pipeline (src/core/scale): reads the input (a file or
 * standard input) as row-aligned byte chunks, classifies them – in this thread or on a pool of
 * worker_threads – and writes the output in input order as it comes, CSV or NDJSON. Memory
 * stays bounded by a few chunks whatever the input's size, so it can run as a stage of a log
 * pipeline (stdin → stdout). UTF-16 input (with a byte order mark) is read as UTF-8 as it streams.
 */
import { serializeBundle } from '../core/bundle.ts';
import type { Classifier } from '../core/classifier.ts';
import { messageColumnOf } from '../core/csv/columns.ts';
import type { RunSummary } from '../core/run-report.ts';
import type { OutputFormat } from '../core/scale/chunk.ts';
import { openChunkedInput, type ByteSource } from '../core/scale/input.ts';
import { LocalChunkProcessor } from '../core/scale/local.ts';
import { WorkerPoolProcessor } from '../core/scale/pool.ts';
import { outputHeaderOf, runChunked, type ChunkProcessor } from '../core/scale/run-chunked.ts';
import type { RowFormat } from '../core/scale/split.ts';
import { detectInputTime } from '../core/time/input-time.ts';
import type { TimeColumnChoice } from '../core/time/detect.ts';
import type { ChunkedRunSummary } from '../core/scale/run-chunked.ts';
import { startThreads } from './pool.ts';

export interface StreamClassifyOptions {
  input: ByteSource;
  format: RowFormat;
  output: OutputFormat;
  classifier: Classifier;
  explain: boolean;
  safeCsv: boolean;
  /** The column that holds the messages (`--column`); absent: found by name. */
  column?: string;
  /** worker_threads to classify on; 0 classifies in this thread. Only the n-gram embedder without the LLM tier uses them. */
  workers: number;
  /** `auto`, `none` or the time column's name. */
  timeColumn?: TimeColumnChoice;
  /** The input's last change (year-less times take its year); now when unknown. */
  modifiedMs?: number;
  write(data: string | Uint8Array): Promise<void>;
}

export async function classifyStream(o: StreamClassifyOptions): Promise<RunSummary & { embeddingCalls?: number; workers: number; time?: ChunkedRunSummary['time'] }> {
  const opened = await openChunkedInput(o.input, o.format, undefined, undefined, { column: o.column });
  // Told here rather than by each pool thread.
  messageColumnOf(opened.format);
  const { columns } = outputHeaderOf(opened.format, o.explain);
  const time = detectInputTime(opened, o.timeColumn ?? 'auto', o.modifiedMs ?? Date.now());
  const settings = { explain: o.explain, safeCsv: o.safeCsv, output: o.output, columns, time };
  const pooled = o.workers > 0 && o.classifier.bundle.embedder.id === 'ngram' && !o.classifier.llm;
  let pool: WorkerPoolProcessor | null = null;
  let processor: ChunkProcessor;
  if (pooled) {
    pool = new WorkerPoolProcessor(startThreads(o.workers), { ...settings, bundleJson: serializeBundle(o.classifier.bundle), format: opened.format });
    processor = pool;
  } else processor = new LocalChunkProcessor(o.classifier, opened.format, settings);
  try {
    const summary = await runChunked({
      input: opened,
      processor,
      explain: o.explain,
      threshold: o.classifier.bundle.thresholds.confidence,
      safeCsv: o.safeCsv,
      output: o.output,
      onOutput: o.write,
      time,
    });
    return { ...summary, workers: pool?.size ?? 0 };
  } finally {
    pool?.terminate();
  }
}
