/** The CLI's worker pools: worker_threads running src/cli/pool-thread.mjs (classify) or mine-thread.mjs (patterns). */
import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import type { PoolPort } from '../core/scale/pool.ts';

/**
 * Default pool size: one thread per core beyond the one that reads, writes and keeps order, from
 * 4 cores up. On 2 cores the threads' start-up and the copying between threads cost more than the
 * second core gives back (measured: 1M rows, 2 cores, 0 threads ~350k rows/s, 1 thread ~285k).
 */
export function defaultWorkers(): number {
  const cores = availableParallelism();
  return cores >= 4 ? cores - 1 : 0;
}

/** `count` threads, each running `script` (a file next to this one). */
export function startThreads(count: number, script: 'pool-thread.mjs' | 'mine-thread.mjs' = 'pool-thread.mjs'): PoolPort[] {
  return Array.from({ length: count }, () => {
    const worker = new Worker(new URL(`./${script}`, import.meta.url));
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
