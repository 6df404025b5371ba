/**
 * The page's one handle on the classify worker (comlink). The worker is started on first use and
 * supervised (src/app/supervised-worker.ts): when it dies, the calls in flight reject, the page
 * is told, and a fresh worker is started.
 */
import * as Comlink from 'comlink';
import type { ClassifyApi } from '../../workers/classify-api.ts';
import { WorkerSupervisor, type LocksLike, type WorkerDeath } from './supervised-worker.ts';

const supervisor = new WorkerSupervisor<ClassifyApi>({
  label: 'classify',
  create: (name) => new Worker(new URL('../../workers/classify.worker.ts', import.meta.url), { type: 'module', name }),
  locks: (typeof navigator !== 'undefined' && (navigator as Navigator & { locks?: LocksLike }).locks) || null,
});

export function classifyWorker(): Comlink.Remote<ClassifyApi> {
  return supervisor.api;
}

/** Calls `listener` when the worker died (with a message that says what was done); returns a function that removes it. */
export function onWorkerError(listener: (message: string, death: WorkerDeath) => void): () => void {
  return supervisor.onDeath((death) => listener(death.message, death));
}

/** Wraps a callback so that the worker can call it. */
export const callback = Comlink.proxy;

/** The message of an error thrown in the worker (comlink keeps Error messages). */
export function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.message;
  if (typeof err === 'string') return err;
  if (err && typeof err === 'object' && 'message' in err && typeof err.message === 'string') return err.message;
  return 'Something went wrong.';
}

/** Whether a worker call ended because the user cancelled it (the core's CancelledError). */
export function isCancelled(err: unknown): boolean {
  return err instanceof Error && err.name === 'CancelledError';
}
