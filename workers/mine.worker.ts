/**
 * A mining worker of pattern discovery (src/core/patterns/mine-pool.ts): masks and keys the batches
 * of lines it is sent. Started by the classify worker for a big discovery, not by the page.
 */
import { serveMineWorker, type ToMineWorker } from '../src/core/patterns/mine-pool.ts';

const scope = self as unknown as { postMessage(message: unknown, transfer?: Transferable[]): void; onmessage: ((e: MessageEvent) => void) | null };
const handle = serveMineWorker((message, transfer) => scope.postMessage(message, transfer ?? []));
scope.onmessage = (e: MessageEvent) => handle(e.data as ToMineWorker);
