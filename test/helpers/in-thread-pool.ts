/**
 * Pool workers in the test's own thread (src/core/scale/pool-worker.ts behind a PoolPort): each
 * message is cloned as postMessage clones it and delayed at random, so that the workers answer in
 * any order – while each side keeps the order of its own messages, as postMessage does.
 */
import type { PoolPort } from '../../src/core/scale/pool.ts';
import { servePoolWorker } from '../../src/core/scale/pool-worker.ts';

export function inThreadPorts(count: number, seed = 7): PoolPort[] {
  let state = seed;
  const delay = () => new Promise((resolve) => setTimeout(resolve, (state = (state * 48271) % 2147483647) % 5));
  return Array.from({ length: count }, () => {
    let toCoordinator: (message: unknown) => void = () => {};
    let up = Promise.resolve();
    let down = Promise.resolve();
    const handle = servePoolWorker((message) => void (up = up.then(delay).then(() => toCoordinator(structuredClone(message)))));
    return {
      post: (message) => void (down = down.then(delay).then(() => handle(structuredClone(message) as never))),
      listen: (handler) => (toCoordinator = handler),
      terminate: () => {},
    };
  });
}
