// A worker_thread of the CLI's classify pool run through tsx, for when its bundle cannot be had
// (thread-script.ts): the thread itself is pool-thread-main.ts.
import { register } from 'tsx/esm/api';

register();
await import('./pool-thread-main.ts');
