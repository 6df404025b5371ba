// A worker_thread of `logsift patterns` run through tsx, for when its bundle cannot be had
// (thread-script.ts): the thread itself is mine-thread-main.ts.
import { register } from 'tsx/esm/api';

register();
await import('./mine-thread-main.ts');
