/**
 * A worker the page can rely on: calls to a worker that died (crashed, ran out of memory, was
 * closed) reject instead of waiting forever, the death is reported, and the next call – or the
 * restart right after the report – starts a fresh worker.
 *
 * How a death is seen, without polling a worker that may be busy for seconds:
 * - **A Web Lock held by the worker** (workers/liveness.ts). The worker takes a lock named after
 *   itself and never lets go; the page then asks for the same lock. The browser grants it only
 *   when the worker's global scope is gone (terminated, crashed, `self.close()`), so the grant
 *   is the death notice – a busy worker keeps its lock.
 * - **An `error` event before the worker said it is alive**: its script could not be loaded.
 * Without Web Locks (an insecure context) an `error` event counts as a death, as before.
 *
 * Restarts are limited (MAX_RESTARTS within RESTART_WINDOW_MS): a worker that dies again and
 * again is reported as such and not restarted until the page reloads.
 */
import * as Comlink from 'comlink';
import { ALIVE_MESSAGE } from '../../workers/liveness.ts';

/** What a worker must offer: comlink's endpoint plus `terminate`. `Worker` fits. */
export interface WorkerHandle extends Comlink.Endpoint {
  terminate(): void;
}

/** The part of `navigator.locks` used here. */
export interface LocksLike {
  request(name: string, options: { signal?: AbortSignal }, callback: () => unknown): Promise<unknown>;
}

export interface SupervisorOptions {
  /** A short name for messages, e.g. "classify". */
  label: string;
  /** Starts a worker; `name` must reach the worker as `self.name` (the lock it holds). */
  create(name: string): WorkerHandle;
  /** navigator.locks, or null when the browser has none. */
  locks: LocksLike | null;
  /** Restart right after a death (default true). */
  autoRestart?: boolean;
  now?: () => number;
}

/** Why a call to a dead worker failed. `name` lets the page tell it apart from the worker's own errors. */
export class WorkerStoppedError extends Error {
  override name = 'WorkerStoppedError';
}

export interface WorkerDeath {
  /** A user-readable message: what happened and what was done. */
  message: string;
  /** Whether a fresh worker was started (false after too many deaths). */
  restarted: boolean;
  /** How many calls were in flight and were rejected. */
  pendingCalls: number;
}

export const MAX_RESTARTS = 3;
export const RESTART_WINDOW_MS = 60_000;

interface Instance {
  worker: WorkerHandle;
  remote: Comlink.Remote<unknown>;
  name: string;
  alive: boolean;
  retired: boolean;
  pending: number;
  /** Rejects when this instance dies; every call races it. */
  dead: Promise<never>;
  kill(reason: string): void;
  watch: AbortController;
}

let counter = 0;

export class WorkerSupervisor<T> {
  private instance: Instance | null = null;
  private readonly listeners = new Set<(death: WorkerDeath) => void>();
  private deaths: number[] = [];
  private gaveUp = false;
  private readonly now: () => number;
  /** A stable handle: every call goes to the worker alive at the time of the call. */
  readonly api: Comlink.Remote<T>;

  constructor(private readonly options: SupervisorOptions) {
    this.now = options.now ?? Date.now;
    this.api = new Proxy({} as object, {
      get: (_target, prop) => {
        // Not a thenable, not a comlink handle: only method calls go through.
        if (typeof prop !== 'string' || prop === 'then') return undefined;
        return (...args: unknown[]) => this.call(prop, args);
      },
    }) as Comlink.Remote<T>;
  }

  /** Calls `listener` after each death; returns a function that removes it. */
  onDeath(listener: (death: WorkerDeath) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Whether a worker is running now. */
  get running(): boolean {
    return this.instance !== null;
  }

  /** Ends the current worker on purpose (no report); the next call starts a new one. */
  terminate(): void {
    const inst = this.instance;
    if (!inst) return;
    this.retire(inst);
    inst.kill(`The ${this.options.label} worker was stopped.`);
  }

  private call(method: string, args: unknown[]): Promise<unknown> {
    if (this.gaveUp) {
      return Promise.reject(new WorkerStoppedError(`The ${this.options.label} worker stopped several times in a row. Reload the page to start it again.`));
    }
    const inst = this.ensure();
    inst.pending++;
    const fn = (inst.remote as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>)[method];
    const result = Promise.race([fn(...args), inst.dead]);
    const done = () => {
      inst.pending--;
    };
    result.then(done, done);
    return result;
  }

  private ensure(): Instance {
    if (this.instance) return this.instance;
    const name = `logsift-${this.options.label}#${++counter}-${Math.random().toString(36).slice(2, 8)}`;
    const worker = this.options.create(name);
    let reject!: (err: Error) => void;
    const dead = new Promise<never>((_, r) => (reject = r));
    dead.catch(() => {});
    const inst: Instance = {
      worker,
      remote: Comlink.wrap(worker),
      name,
      alive: false,
      retired: false,
      pending: 0,
      dead,
      kill: (reason) => {
        inst.watch.abort();
        reject(new WorkerStoppedError(reason));
        try {
          worker.terminate();
        } catch {
          // already gone
        }
      },
      watch: new AbortController(),
    };
    worker.addEventListener('message', (e) => {
      const data = (e as MessageEvent).data as { [ALIVE_MESSAGE]?: string } | null;
      if (!data || typeof data !== 'object' || data[ALIVE_MESSAGE] !== name || inst.alive) return;
      inst.alive = true;
      this.watchLock(inst);
    });
    worker.addEventListener('error', (e) => {
      const message = (e as ErrorEvent).message;
      if (!inst.alive) {
        this.died(inst, message ? `it could not be loaded (${message})` : 'it could not be loaded');
      } else if (!this.options.locks) {
        // No lock to tell a live worker from a dead one: an uncaught error counts as a crash.
        this.died(inst, message || 'an uncaught error');
      } else {
        console.warn(`logsift: uncaught error in the ${this.options.label} worker:`, message);
      }
    });
    this.instance = inst;
    return inst;
  }

  /** Waits for the worker's lock: granted only once the worker is gone. */
  private watchLock(inst: Instance): void {
    const locks = this.options.locks;
    if (!locks) return;
    locks
      .request(inst.name, { signal: inst.watch.signal }, () => {
        if (!inst.retired) this.died(inst, 'it stopped unexpectedly (it may have run out of memory)');
      })
      .catch(() => {
        // aborted: retired on purpose
      });
  }

  private retire(inst: Instance): void {
    inst.retired = true;
    if (this.instance === inst) this.instance = null;
  }

  private died(inst: Instance, why: string): void {
    if (inst.retired) return;
    const pendingCalls = inst.pending;
    this.retire(inst);
    const t = this.now();
    this.deaths = [...this.deaths.filter((d) => t - d < RESTART_WINDOW_MS), t];
    const restart = (this.options.autoRestart ?? true) && this.deaths.length <= MAX_RESTARTS;
    if (this.deaths.length > MAX_RESTARTS) this.gaveUp = true;
    const lost = pendingCalls > 0 ? ' The work in progress was lost; nothing stored was changed.' : '';
    const next = restart
      ? ' It has been restarted: try again.'
      : this.gaveUp
        ? ' It stopped several times in a row, so it was not restarted: reload the page.'
        : ' It starts again with the next action.';
    const message = `The ${this.options.label} worker stopped: ${why}.${lost}${next}`;
    inst.kill(message);
    if (restart) this.ensure();
    for (const listener of this.listeners) listener({ message, restarted: restart, pendingCalls });
  }
}
