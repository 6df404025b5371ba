/**
 * Pattern mining spread over workers (worker_threads in the CLI, Web Workers in the page): each
 * batch – lines, or a file's rows as bytes the worker parses itself (mine-rows.ts) – is masked and
 * read into keys by a worker's ChunkMiner, and the coordinator absorbs the batches into one
 * MiningSession in file order, which gives exactly what mining the lines in order gives
 * (PatternMiner.absorb). The coordinator mines a batch itself whenever the workers have enough
 * to do, so it needs one worker fewer than there are cores. The worker side is serveMineWorker,
 * which runs the same in any worker.
 */
import { errorNamed } from '../errors.ts';
import { yieldToEventLoop } from '../event-loop.ts';
import { ChunkMiner, MiningSession, type MinedChunk } from './mine.ts';
import type { MinerSettings } from './miner.ts';
import { mineRows, minedRowsTransfer, type MinedRows, type RowsJob } from './mine-rows.ts';
import type { PoolPort } from '../scale/pool.ts';

export type ToMineWorker =
  | { type: 'init'; settings: Partial<MinerSettings> }
  | { type: 'lines'; id: number; lines: string[] }
  | { type: 'rows'; id: number; job: RowsJob };
export type FromMineWorker =
  | { type: 'mined'; id: number; chunk: MinedChunk }
  | { type: 'minedRows'; id: number; result: MinedRows }
  | { type: 'failed'; id: number; name: string; message: string };

/**
 * The worker's side: mines each batch it is sent with one ChunkMiner, made anew at each 'init', so
 * it sends back only what each batch changed (the pool keeps, per worker, its keys' ids).
 */
export function serveMineWorker(post: (message: FromMineWorker, transfer?: Transferable[]) => void): (message: ToMineWorker) => void {
  let miner = new ChunkMiner();
  return (message) => {
    if (message.type === 'init') {
      miner = new ChunkMiner(message.settings);
      return;
    }
    try {
      if (message.type === 'rows') {
        const result = mineRows(message.job, miner);
        post({ type: 'minedRows', id: message.id, result }, minedRowsTransfer(result));
        return;
      }
      const chunk = miner.mine(message.lines);
      post({ type: 'mined', id: message.id, chunk }, [chunk.lineKeys.buffer as ArrayBuffer, chunk.ids.buffer as ArrayBuffer]);
    } catch (err) {
      const error = err instanceof Error ? err : new Error(String(err));
      post({ type: 'failed', id: message.id, name: error.name, message: error.message });
    }
  };
}

/** Batches in flight per worker: enough to keep each busy while the reader reads the next. */
const IN_FLIGHT_PER_WORKER = 2;

type Mined = MinedChunk | MinedRows;

export class MinePool {
  readonly session: MiningSession;
  private readonly settings: Partial<MinerSettings>;
  private readonly ports: PoolPort[];
  private readonly busy: number[];
  /** Mined batches that came back before an earlier one, by id, with who mined them. */
  private readonly arrived = new Map<number, { sender: number; mined: Mined }>();
  /**
   * Per sender (each worker, then this thread), its key ids' keys in the session: a sender's
   * ChunkMiner keeps its keys from batch to batch.
   */
  private readonly known: number[][];
  /** What to do with a batch of rows once it is absorbed, by id. */
  private readonly onRows = new Map<number, (result: MinedRows) => void>();
  /** This thread's miner, for the batches it mines itself (the `ports.length`th sender). */
  private here: ChunkMiner | null = null;
  /** Whether a worker has answered: it has started. */
  private started = false;
  private nextId = 0;
  private nextToAbsorb = 0;
  private inFlight = 0;
  private broken: Error | null = null;
  private wake: (() => void) | null = null;

  /** `ports`: started workers, each running serveMineWorker. */
  constructor(ports: PoolPort[], settings: Partial<MinerSettings>) {
    if (ports.length === 0) throw new Error('A mining pool needs at least one worker.');
    this.session = new MiningSession({ settings });
    this.settings = settings;
    this.ports = ports;
    this.busy = ports.map(() => 0);
    this.known = [...ports.map(() => []), []];
    ports.forEach((port, w) => {
      port.listen(
        (message) => this.onMessage(w, message as FromMineWorker),
        (error) => this.fail(error),
      );
      port.post({ type: 'init', settings } satisfies ToMineWorker);
    });
  }

  /** Sends the file's next batch of lines; waits while the workers have enough to do. */
  async add(lines: string[]): Promise<void> {
    if (this.mineHere()) return this.minedHere(this.nextId++, this.hereMiner().mine(lines));
    const w = await this.idleWorker();
    this.ports[w].post({ type: 'lines', id: this.nextId++, lines } satisfies ToMineWorker);
  }

  /**
   * Sends the file's next chunk of rows as bytes, for the worker to parse and mine (mine-rows.ts);
   * waits while the workers have enough to do. `job.bytes`' buffer moves to the worker: the caller
   * must not use it after. `absorbed` gets the worker's result once the rows are absorbed, in file order.
   */
  async addRows(job: RowsJob, absorbed: (result: MinedRows) => void): Promise<void> {
    const id = this.nextId++;
    this.onRows.set(id, absorbed);
    if (this.mineHere()) return this.minedHere(id, mineRows(job, this.hereMiner()));
    const w = await this.idleWorker();
    const transfer = [job.bytes.buffer, job.mine?.buffer, job.keep?.buffer].filter((b): b is ArrayBuffer => b instanceof ArrayBuffer);
    this.ports[w].post({ type: 'rows', id, job } satisfies ToMineWorker, transfer);
  }

  /**
   * Whether this thread mines the next batch itself rather than wait for a worker: when every
   * worker has as many batches waiting as it may – or, before any has started (a worker takes a
   * good part of a second to load the miner), one. So the reading thread is a miner too, and a
   * pool needs a worker fewer than there are cores.
   */
  private mineHere(): boolean {
    if (this.broken) throw this.broken;
    return this.inFlight >= this.ports.length * (this.started ? IN_FLIGHT_PER_WORKER : 1);
  }

  /** Absorbs what this thread mined, then lets the workers' answers in (the first says they started). */
  private async minedHere(id: number, mined: Mined): Promise<void> {
    this.arrive(this.ports.length, id, mined);
    await yieldToEventLoop();
  }

  private hereMiner(): ChunkMiner {
    return (this.here ??= new ChunkMiner(this.settings));
  }

  /** The least busy worker, once the workers' queues have room; counted as busy with one more batch. */
  private async idleWorker(): Promise<number> {
    while (!this.broken && this.inFlight >= this.ports.length * IN_FLIGHT_PER_WORKER) await this.progress();
    if (this.broken) throw this.broken;
    let w = 0;
    for (let i = 1; i < this.busy.length; i++) if (this.busy[i] < this.busy[w]) w = i;
    this.busy[w]++;
    this.inFlight++;
    return w;
  }

  /** Lines absorbed so far (in file order). */
  get linesDone(): number {
    return this.session.linesDone;
  }

  /** Waits for every batch sent, then gives the session's result; the workers are then stopped. */
  async finish(): Promise<ReturnType<MiningSession['finish']>> {
    try {
      while (!this.broken && this.inFlight > 0) await this.progress();
      if (this.broken) throw this.broken;
      return this.session.finish();
    } finally {
      this.terminate();
    }
  }

  terminate(): void {
    for (const port of this.ports) port.terminate();
  }

  private progress(): Promise<void> {
    return new Promise((resolve) => (this.wake = resolve));
  }

  private notify(): void {
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }

  private fail(error: Error): void {
    this.broken ??= error;
    this.notify();
  }

  private onMessage(w: number, message: FromMineWorker): void {
    this.started = true;
    this.busy[w]--;
    this.inFlight--;
    if (message.type === 'failed') {
      this.fail(errorNamed(message.name, message.message));
      return;
    }
    this.arrive(w, message.id, message.type === 'minedRows' ? message.result : message.chunk);
  }

  /** Takes a mined batch; absorbs every batch that is next in file order. */
  private arrive(sender: number, id: number, mined: Mined): void {
    this.arrived.set(id, { sender, mined });
    for (let next = this.arrived.get(this.nextToAbsorb); next; next = this.arrived.get(this.nextToAbsorb)) {
      const absorbing = this.nextToAbsorb++;
      this.arrived.delete(absorbing);
      const done = next.mined;
      if ('lineKeys' in done) {
        this.session.addChunk(done, this.known[next.sender]);
        continue;
      }
      this.session.addChunk(done.chunk, this.known[next.sender]);
      const absorbed = this.onRows.get(absorbing);
      this.onRows.delete(absorbing);
      try {
        absorbed?.(done);
      } catch (err) {
        this.fail(err instanceof Error ? err : new Error(String(err)));
        return;
      }
    }
    this.notify();
  }
}
