/**
 * A worker of the classify worker's pool (workers/scale-run.ts): parses and classifies the
 * chunks it is sent (src/core/scale/pool-worker.ts). Started by the classify worker, not the page.
 */
import { servePoolWorker } from '../src/core/scale/pool-worker.ts';
import type { ToWorker } from '../src/core/scale/pool.ts';

const scope = self as unknown as { postMessage(message: unknown, transfer?: Transferable[]): void; onmessage: ((e: MessageEvent) => void) | null };
const handle = servePoolWorker((message, transfer) => scope.postMessage(message, transfer ?? []));
scope.onmessage = (e: MessageEvent) => handle(e.data as ToWorker);
