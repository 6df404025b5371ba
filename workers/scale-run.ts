/**
 * A run in the classify worker on the chunked pipeline (src/core/scale): the file is read as
 * row-aligned byte slices, classified by a pool of workers (workers/scale.worker.ts, one per
 * core) or – for a BERT bundle, the LLM tier, or a small file – in this worker; the output goes
 * to an OPFS file as it is produced (output-sink.ts) and the table's columns to ScaleResults.
 * Nothing here grows with the file beyond those columns.
 */
import { detectInputTime } from '../src/core/time/input-time.ts';
import { serializeBundle, type ModelBundle } from '../src/core/bundle.ts';
import type { Classifier } from '../src/core/classifier.ts';
import type { ResultBatch, RunProgress } from '../src/core/run-report.ts';
import { ChunkBuffers } from '../src/core/scale/chunk-buffers.ts';
import { formatFromName, openChunkedInput, SCALE_CHUNK_BYTES } from '../src/core/scale/input.ts';
import { LocalChunkProcessor } from '../src/core/scale/local.ts';
import { WorkerPoolProcessor, type PoolPort, type ToWorker } from '../src/core/scale/pool.ts';
import { outputHeaderOf, runChunked, type ChunkedRunSummary, type ChunkProcessor } from '../src/core/scale/run-chunked.ts';
import { openOutputSink } from './output-sink.ts';
import type { ScaleResults } from './scale-results.ts';

export interface PoolDeps {
  /** Starts `size` pool workers; absent: every run classifies in this worker. */
  startPool?: (size: number) => PoolPort[];
  /** Workers in the pool (default navigator.hardwareConcurrency, at least 1). */
  poolSize?: number;
}

/** Bundles as the pool's workers get them, serialized once per bundle object (bundles are never changed in place). */
const bundleJsons = new WeakMap<ModelBundle, string>();

function bundleJsonOf(bundle: ModelBundle): string {
  let json = bundleJsons.get(bundle);
  if (json === undefined) {
    json = serializeBundle(bundle);
    bundleJsons.set(bundle, json);
  }
  return json;
}

/**
 * The pool's workers between runs. Starting a worker, loading its script and reading the bundle
 * take a few hundred milliseconds that a run would otherwise wait for before its first chunk: the
 * workers are started and given the bundle while the page is idle (`prepare`), and those of a
 * finished run are kept for the next. A cancelled or failed run's workers are terminated.
 */
export class StandbyPool {
  private idle: { ports: PoolPort[]; bundleJson: string | null; broken: boolean } | null = null;
  /** A run holds the workers: no others are started for it meanwhile. */
  private inUse = false;

  constructor(private readonly deps: PoolDeps) {}

  get available(): boolean {
    return !!this.deps.startPool;
  }

  /** Starts the workers (if none are idle) and has them read `bundle` ahead of a run. */
  prepare(bundle: ModelBundle): void {
    const bundleJson = bundleJsonOf(bundle);
    if (this.inUse) return; // the run's workers come back having read its bundle
    const idle = this.idleWorkers();
    if (!idle || idle.bundleJson === bundleJson) return;
    for (const port of idle.ports) port.post({ type: 'prepare', bundleJson } satisfies ToWorker);
    idle.bundleJson = bundleJson;
  }

  /** Workers for a run: the idle ones unless one of them failed, else new ones. */
  take(): PoolPort[] {
    const idle = this.idleWorkers()!;
    this.idle = null;
    this.inUse = true;
    if (!idle.broken) return idle.ports;
    for (const port of idle.ports) port.terminate();
    return this.deps.startPool!(this.size());
  }

  /** The end of a run: its workers, idle again and having read `bundleJson`, or null when they were terminated. */
  giveBack(ports: PoolPort[] | null, bundleJson: string): void {
    this.inUse = false;
    if (ports) this.idle = this.watch(ports, bundleJson);
  }

  private idleWorkers() {
    if (!this.deps.startPool) return null;
    this.idle ??= this.watch(this.deps.startPool(this.size()), null);
    return this.idle;
  }

  /** Idle workers whose failure (a script that did not load) is noted, so that no run is given them. */
  private watch(ports: PoolPort[], bundleJson: string | null) {
    const idle = { ports, bundleJson, broken: false };
    for (const port of ports) port.listen(() => {}, () => (idle.broken = true));
    return idle;
  }

  private size(): number {
    return this.deps.poolSize ?? defaultPoolSize();
  }
}

export interface ScaleRunOptions {
  input: Blob;
  fileName: string;
  /** The column that holds the messages, when the user chose one. */
  column?: string;
  explain: boolean;
  /** Neutralise cells a spreadsheet would run as formulas (the page's default; false: a raw export). */
  safeCsv?: boolean;
  classifier: Classifier;
  signal: AbortSignal;
  onProgress?: (p: RunProgress) => void;
  /** Filled with the run's columns and chunk index; null for an output-only run. */
  results: ScaleResults | null;
  /** Each chunk's records and results (the LLM tier's review list); classifies in this worker. */
  onResults?: (batch: ResultBatch) => void;
}

export interface ScaleRunResult {
  summary: ChunkedRunSummary;
  /** The output file (null when cancelled). */
  output: Blob | null;
  /** Its name in OPFS (null in memory, or when cancelled). */
  outputName: string | null;
  /** Workers that classified (0: this worker). */
  workers: number;
}

export function defaultPoolSize(): number {
  const cores = (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator?.hardwareConcurrency ?? 1;
  return Math.max(1, Math.floor(cores));
}

/** Runs `o` on the chunked pipeline. */
export async function runScale(o: ScaleRunOptions, standby: StandbyPool | null): Promise<ScaleRunResult> {
  // The output file is opened while the input's head is read.
  const buffers = new ChunkBuffers();
  const opening = openOutputSink();
  const opened = await openChunkedInput(o.input, formatFromName(o.fileName), SCALE_CHUNK_BYTES, buffers, { column: o.column }).catch(async (error: unknown) => {
    // A file that cannot be read (empty, binary) leaves no output file behind.
    await (await opening).abort();
    throw error;
  });
  const sink = await opening;
  const { columns } = outputHeaderOf(opened.format, o.explain);
  // Year-less times (syslog) take the year of the file's last change.
  const time = detectInputTime(opened, 'auto', o.input instanceof File ? o.input.lastModified : Date.now());
  const settings = { explain: o.explain, safeCsv: o.safeCsv ?? false, columns, time };
  const cls = o.classifier;
  const pooled = standby?.available && !o.onResults && !cls.llm && cls.bundle.embedder.id === 'ngram' && o.input.size > 2 * SCALE_CHUNK_BYTES;
  let pool: WorkerPoolProcessor | null = null;
  let processor: ChunkProcessor;
  const bundleJson = pooled ? bundleJsonOf(cls.bundle) : '';
  if (pooled) {
    pool = new WorkerPoolProcessor(standby!.take(), { ...settings, bundleJson, format: opened.format });
    processor = pool;
  } else {
    processor = new LocalChunkProcessor(cls, opened.format, { ...settings, keepRecords: !!o.onResults });
  }
  o.results?.begin(o.input);
  try {
    const summary = await runChunked({
      input: opened,
      processor,
      explain: o.explain,
      threshold: cls.bundle.thresholds.confidence,
      safeCsv: o.safeCsv ?? false,
      signal: o.signal,
      onProgress: o.onProgress,
      time,
      onOutput: (data) => {
        sink.write(data);
        // An OPFS write has put the bytes in the file when it returns: the chunk's buffer (its
        // output is written over its input) can take a later chunk.
        if (sink.kind === 'opfs' && typeof data !== 'string' && data.buffer instanceof ArrayBuffer) buffers.give(data.buffer);
      },
      onChunk: (outcome, firstRow) => {
        o.results?.append(outcome, firstRow);
        if (o.onResults && outcome.records && outcome.results) {
          o.onResults({ startIndex: firstRow, records: outcome.records, results: outcome.results });
        }
      },
    });
    if (summary.cancelled) {
      await sink.abort();
      o.results?.clear();
      return { summary, output: null, outputName: null, workers: pool?.size ?? 0 };
    }
    o.results?.finish(summary.chunks);
    return { summary, output: await sink.finish(), outputName: sink.name, workers: pool?.size ?? 0 };
  } catch (error) {
    await sink.abort();
    o.results?.clear();
    throw error;
  } finally {
    if (pool) standby!.giveBack(pool.release(), bundleJson);
  }
}
