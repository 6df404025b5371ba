// A worker_thread of the CLI's classify pool (src/cli/pool.ts): runs the core's pool worker
// (src/core/scale/pool-worker.ts). Started from its bundle, or through tsx (thread-script.ts).
import { parentPort } from 'node:worker_threads';
import { servePoolWorker } from '../core/scale/pool-worker.ts';

const port = parentPort!;
port.on('message', servePoolWorker((message, transfer) => port.postMessage(message, transfer as never)));
