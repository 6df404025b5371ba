// A worker_thread of `logsift patterns` (src/cli/mine-file.ts): masks and keys the rows it is sent
// (src/core/patterns/mine-pool.ts). Started from its bundle, or through tsx (thread-script.ts).
import { parentPort } from 'node:worker_threads';
import { serveMineWorker } from '../core/patterns/mine-pool.ts';

const port = parentPort!;
port.on('message', serveMineWorker((message, transfer) => port.postMessage(message, transfer as never)));
