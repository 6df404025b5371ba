/** The CLI's worker pool: worker_threads running src/cli/pool-thread.mjs. */
import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import type { PoolPort } from '../core/scale/pool.ts';

/** Default pool size: one thread per core beyond the one that reads, writes and keeps order. */
export function defaultWorkers(): number {
  return Math.max(0, availableParallelism() - 1);
}

export function startThreads(count: number): PoolPort[] {
  return Array.from({ length: count }, () => {
    const worker = new Worker(new URL('./pool-thread.mjs', import.meta.url));
    return {
      post: (message, transfer) => worker.postMessage(message, transfer as never),
      listen: (handler, onError) => {
        worker.on('message', handler);
        worker.on('error', onError);
      },
      terminate: () => void worker.terminate(),
    };
  });
}
