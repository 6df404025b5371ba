// A worker_thread of the CLI's pool (src/cli/pool.ts): runs the pool worker of the core through tsx.
import { parentPort } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { servePoolWorker } = await import('../core/scale/pool-worker.ts');
const handle = servePoolWorker((message, transfer) => parentPort.postMessage(message, transfer));
parentPort.on('message', handle);
