/**
 * Pattern mining spread over workers (worker_threads in the CLI): each batch of lines is masked and
 * read into keys by a worker (mineChunk), and the coordinator absorbs the batches into one
 * MiningSession in file order – which gives exactly what mining the lines in order gives
 * (PatternMiner.absorb). Masking is most of mining's cost, so it is what moves off the thread that
 * reads the file. The worker side is serveMineWorker, which runs the same in any worker.
 */
import { errorNamed } from '../errors.ts';
import { mineChunk, MiningSession, type MinedChunk } from './mine.ts';
import type { MinerSettings } from './miner.ts';
import type { PoolPort } from '../scale/pool.ts';

export type ToMineWorker = { type: 'init'; settings: Partial<MinerSettings> } | { type: 'lines'; id: number; lines: string[] };
export type FromMineWorker = { type: 'mined'; id: number; chunk: MinedChunk } | { type: 'failed'; id: number; name: string; message: string };

/** The worker's side: mines each batch it is sent with the settings of the last 'init'. */
export function serveMineWorker(post: (message: FromMineWorker, transfer?: Transferable[]) => void): (message: ToMineWorker) => void {
  let settings: Partial<MinerSettings> = {};
  return (message) => {
    if (message.type === 'init') {
      settings = message.settings;
      return;
    }
    try {
      const chunk = mineChunk(message.lines, settings);
      post({ type: 'mined', id: message.id, chunk }, [chunk.lineKeys.buffer as ArrayBuffer]);
    } catch (err) {
      const error = err instanceof Error ? err : new Error(String(err));
      post({ type: 'failed', id: message.id, name: error.name, message: error.message });
    }
  };
}

/** Batches in flight per worker: enough to keep each busy while the reader reads the next. */
const IN_FLIGHT_PER_WORKER = 2;

export class MinePool {
  readonly session: MiningSession;
  private readonly ports: PoolPort[];
  private readonly busy: number[];
  /** Mined batches that came back before an earlier one, by id. */
  private readonly arrived = new Map<number, MinedChunk>();
  private nextId = 0;
  private nextToAbsorb = 0;
  private inFlight = 0;
  private broken: Error | null = null;
  private wake: (() => void) | null = null;

  /** `ports`: started workers, each running serveMineWorker. */
  constructor(ports: PoolPort[], settings: Partial<MinerSettings>) {
    if (ports.length === 0) throw new Error('A mining pool needs at least one worker.');
    this.session = new MiningSession({ settings });
    this.ports = ports;
    this.busy = ports.map(() => 0);
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
    while (!this.broken && this.inFlight >= this.ports.length * IN_FLIGHT_PER_WORKER) await this.progress();
    if (this.broken) throw this.broken;
    let w = 0;
    for (let i = 1; i < this.busy.length; i++) if (this.busy[i] < this.busy[w]) w = i;
    this.busy[w]++;
    this.inFlight++;
    this.ports[w].post({ type: 'lines', id: this.nextId++, lines } satisfies ToMineWorker);
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
    this.busy[w]--;
    this.inFlight--;
    if (message.type === 'failed') {
      this.fail(errorNamed(message.name, message.message));
      return;
    }
    this.arrived.set(message.id, message.chunk);
    for (let chunk = this.arrived.get(this.nextToAbsorb); chunk; chunk = this.arrived.get(this.nextToAbsorb)) {
      this.arrived.delete(this.nextToAbsorb++);
      this.session.addChunk(chunk);
    }
    this.notify();
  }
}
