/** The classify worker's pools: Web Workers running workers/scale.worker.ts or workers/mine.worker.ts, as PoolPorts. */
import type { PoolPort } from '../src/core/scale/pool.ts';

function ports(size: number, start: (i: number) => Worker, what: string): PoolPort[] {
  return Array.from({ length: size }, (_, i) => {
    const worker = start(i);
    return {
      post: (message, transfer) => worker.postMessage(message, transfer ?? []),
      listen: (handler, onError) => {
        worker.onmessage = (e) => handler(e.data);
        worker.onerror = (e) => {
          e.preventDefault();
          onError(new Error(`A ${what} worker failed: ${e.message || 'it could not start'}`));
        };
      },
      terminate: () => worker.terminate(),
    };
  });
}

export function startScaleWorkers(size: number): PoolPort[] {
  return ports(size, (i) => new Worker(new URL('./scale.worker.ts', import.meta.url), { type: 'module', name: `logsift-scale-${i + 1}` }), 'classify');
}

export function startMineWorkers(size: number): PoolPort[] {
  return ports(size, (i) => new Worker(new URL('./mine.worker.ts', import.meta.url), { type: 'module', name: `logsift-mine-${i + 1}` }), 'pattern mining');
}
