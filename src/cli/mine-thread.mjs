// A worker_thread of `logsift patterns` (src/cli/patterns.ts): masks and keys batches of lines
// (src/core/patterns/mine-pool.ts) through tsx.
import { parentPort } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { serveMineWorker } = await import('../core/patterns/mine-pool.ts');
const handle = serveMineWorker((message, transfer) => parentPort.postMessage(message, transfer));
parentPort.on('message', handle);
