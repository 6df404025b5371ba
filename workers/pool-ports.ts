/** The classify worker's pool: Web Workers running workers/scale.worker.ts, as PoolPorts. */
import type { PoolPort } from '../src/core/scale/pool.ts';

export function startScaleWorkers(size: number): PoolPort[] {
  return Array.from({ length: size }, (_, i) => {
    const worker = new Worker(new URL('./scale.worker.ts', import.meta.url), { type: 'module', name: `logsift-scale-${i + 1}` });
    return {
      post: (message, transfer) => worker.postMessage(message, transfer ?? []),
      listen: (handler, onError) => {
        worker.onmessage = (e) => handler(e.data);
        worker.onerror = (e) => {
          e.preventDefault();
          onError(new Error(`A classify worker failed: ${e.message || 'it could not start'}`));
        };
      },
      terminate: () => worker.terminate(),
    };
  });
}
