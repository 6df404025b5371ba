/** The CLI's worker pools: worker_threads running src/cli/pool-thread-main.ts (classify) or mine-thread-main.ts (patterns). */
import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import type { PoolPort } from '../core/scale/pool.ts';
import { threadScript, type ThreadName } from './thread-script.ts';

/**
 * Default pool size: one thread per core beyond the one that reads, writes and keeps order, from
 * 4 cores up. On 2 cores the threads' start-up and the copying between threads cost more than the
 * second core gives back (measured: 1M rows, 2 cores, 0 threads ~350k rows/s, 1 thread ~285k).
 */
export function defaultWorkers(): number {
  const cores = availableParallelism();
  return cores >= 4 ? cores - 1 : 0;
}

/**
 * `count` threads, each running the thread `name` (`src/cli/NAME-main.ts`, from its bundle: see
 * thread-script.ts).
 */
export function startThreads(count: number, name: ThreadName = 'pool-thread'): PoolPort[] {
  const script = count > 0 ? threadScript(name) : null;
  return Array.from({ length: count }, () => threadPort(script!));
}

/** A thread started from `script`, as the pools talk to it. */
export function threadPort(script: URL): PoolPort {
  const worker = new Worker(script);
  return {
    post: (message, transfer) => worker.postMessage(message, transfer as never),
    listen: (handler, onError) => {
      worker.on('message', handler);
      worker.on('error', onError);
    },
    terminate: () => void worker.terminate(),
  };
}
