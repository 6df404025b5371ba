/**
 * A pool of workers that parse and classify chunks in parallel (Web Workers in the page,
 * worker_threads in the CLI). The coordinator hands each chunk to the least busy worker,
 * keeps the masked-key table the workers share (shared-keys.ts) and gives the outcomes back
 * to run-chunked.ts, which takes them in input order. The workers run pool-worker.ts.
 */
import { CancelledError, errorNamed } from '../errors.ts';
import type { ChunkOutcome, OutputFormat } from './chunk.ts';
import type { TimeSource } from '../time/detect.ts';
import type { ChunkFormat } from './input.ts';
import type { ChunkProcessor } from './run-chunked.ts';
import { SharedKeyTable } from './shared-keys.ts';
import type { ByteChunk } from './split.ts';

/** The little a pool needs of a worker, whichever kind it is. */
export interface PoolPort {
  post(message: unknown, transfer?: Transferable[]): void;
  listen(handler: (message: unknown) => void, onError: (error: Error) => void): void;
  terminate(): void;
}

export interface PoolSettings {
  bundleJson: string;
  format: ChunkFormat;
  explain: boolean;
  safeCsv?: boolean;
  output?: OutputFormat;
  columns: string[];
  time?: TimeSource | null;
}

/** Messages between the coordinator and a pool worker. */
export type ToWorker =
  /** Read a bundle ahead of the run that will use it (a standby pool, between runs). */
  | { type: 'prepare'; bundleJson: string }
  | { type: 'init'; settings: PoolSettings }
  | { type: 'chunk'; id: number; chunk: ByteChunk }
  | { type: 'claimed'; req: number; claim: ReturnType<SharedKeyTable['claim']> }
  | { type: 'waited'; req: number; decisions: Awaited<ReturnType<SharedKeyTable['wait']>> }
  /** Decisions another worker published: asked for by nobody, so that this worker need not ask. */
  | { type: 'known'; decisions: Parameters<SharedKeyTable['publish']>[0] };

export type FromWorker =
  | { type: 'claim'; req: number; keys: string[] }
  | { type: 'publish'; decisions: Parameters<SharedKeyTable['publish']>[0] }
  | { type: 'wait'; req: number; keys: string[] }
  | { type: 'done'; id: number; outcome: ChunkOutcome; embedded: number }
  | { type: 'failed'; id: number; name: string; message: string };

/** Buffers whose ownership can move to another thread with a message. */
export function transferablesOf(...views: (ArrayBufferView | string | undefined)[]): Transferable[] {
  const out = new Set<ArrayBuffer>();
  for (const view of views) if (view && typeof view !== 'string' && view.buffer instanceof ArrayBuffer) out.add(view.buffer);
  return [...out];
}

interface Slot {
  port: PoolPort;
  busy: number;
  embedded: number;
}

export class WorkerPoolProcessor implements ChunkProcessor {
  readonly concurrency: number;
  private readonly slots: Slot[];
  private readonly table = new SharedKeyTable();
  private readonly jobs = new Map<number, { slot: Slot; resolve(o: ChunkOutcome): void; reject(e: Error): void }>();
  private nextId = 0;
  private broken: Error | null = null;

  /** `ports`: started workers, each running pool-worker.ts; `settings` go to each of them. */
  constructor(ports: PoolPort[], settings: PoolSettings, perWorker = 3) {
    if (ports.length === 0) throw new Error('A worker pool needs at least one worker.');
    this.slots = ports.map((port) => ({ port, busy: 0, embedded: 0 }));
    this.concurrency = ports.length * perWorker;
    for (const slot of this.slots) {
      slot.port.listen(
        (message) => this.onMessage(slot, message as FromWorker),
        (error) => this.fail(error),
      );
      slot.port.post({ type: 'init', settings } satisfies ToWorker);
    }
  }

  get size(): number {
    return this.slots.length;
  }

  process(chunk: ByteChunk, signal?: AbortSignal): Promise<ChunkOutcome> {
    if (this.broken) return Promise.reject(this.broken);
    if (signal?.aborted) return Promise.reject(new CancelledError());
    const slot = this.slots.reduce((a, b) => (b.busy < a.busy ? b : a));
    const id = this.nextId++;
    slot.busy++;
    // The bytes move to the worker; a view into a bigger buffer that others may read is copied first.
    const whole = chunk.bytes.byteOffset === 0 && chunk.bytes.byteLength === chunk.bytes.buffer.byteLength;
    const bytes = whole || chunk.ownsBuffer ? chunk.bytes : new Uint8Array(chunk.bytes);
    const message: ToWorker = { type: 'chunk', id, chunk: { ...chunk, bytes } };
    return new Promise<ChunkOutcome>((resolve, reject) => {
      this.jobs.set(id, { slot, resolve, reject });
      slot.port.post(message, transferablesOf(bytes));
    });
  }

  distinctKeys(): number {
    return this.table.size;
  }

  embeddingCalls(): number {
    return this.slots.reduce((sum, slot) => sum + slot.embedded, 0);
  }

  terminate(): void {
    this.fail(new CancelledError());
    for (const slot of this.slots) slot.port.terminate();
  }

  /**
   * Ends the run's use of the workers. After a run that finished, with nothing in flight, they are
   * idle and are handed back for the next run; otherwise they are terminated (null).
   */
  release(): PoolPort[] | null {
    if (this.broken || this.jobs.size > 0) {
      this.terminate();
      return null;
    }
    this.broken = new Error('This pool was released.');
    return this.slots.map((slot) => slot.port);
  }

  private fail(error: Error): void {
    this.broken ??= error;
    for (const job of this.jobs.values()) job.reject(error);
    this.jobs.clear();
  }

  private onMessage(slot: Slot, message: FromWorker): void {
    switch (message.type) {
      case 'claim':
        slot.port.post({ type: 'claimed', req: message.req, claim: this.table.claim(message.keys) } satisfies ToWorker);
        break;
      case 'publish':
        this.table.publish(message.decisions);
        for (const other of this.slots) if (other !== slot) other.port.post({ type: 'known', decisions: message.decisions } satisfies ToWorker);
        break;
      case 'wait':
        void this.table.wait(message.keys).then((decisions) => slot.port.post({ type: 'waited', req: message.req, decisions } satisfies ToWorker));
        break;
      case 'done':
      case 'failed': {
        const job = this.jobs.get(message.id);
        if (!job) return;
        this.jobs.delete(message.id);
        job.slot.busy--;
        if (message.type === 'done') {
          slot.embedded = message.embedded;
          job.resolve(message.outcome);
        } else {
          job.reject(errorNamed(message.name, message.message));
        }
        break;
      }
    }
  }
}
