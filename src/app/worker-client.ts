/**
 * The page's one handle on the classify worker (comlink). The worker is started on first use.
 */
import * as Comlink from 'comlink';
import type { ClassifyApi } from '../../workers/classify-api.ts';

let remote: Comlink.Remote<ClassifyApi> | null = null;
const errorListeners = new Set<(message: string) => void>();

export function classifyWorker(): Comlink.Remote<ClassifyApi> {
  if (!remote) {
    const worker = new Worker(new URL('../../workers/classify.worker.ts', import.meta.url), {
      type: 'module',
      name: 'logsift-classify',
    });
    // A worker that fails to load or crashes never answers: say so instead of waiting forever.
    worker.addEventListener('error', (e) => {
      const message = `The classify worker stopped: ${e.message || 'it could not be loaded'}. Reload the page to try again.`;
      for (const listener of errorListeners) listener(message);
    });
    remote = Comlink.wrap<ClassifyApi>(worker);
  }
  return remote;
}

/** Calls `listener` when the worker fails; returns a function that removes it. */
export function onWorkerError(listener: (message: string) => void): () => void {
  errorListeners.add(listener);
  return () => errorListeners.delete(listener);
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
