/**
 * The worker side of src/app/supervised-worker.ts: take a Web Lock named after this worker
 * (`self.name`, chosen by the page) and never release it, then tell the page. The browser
 * releases the lock only when this worker is gone, which is how the page learns that it died
 * even when it died without a word (out of memory, `close()`, terminated).
 */
/** The message this worker posts once it holds its lock; the page's supervisor waits for it. */
export const ALIVE_MESSAGE = 'logsift-worker-alive';

interface WorkerScope {
  name?: string;
  navigator?: { locks?: { request(name: string, callback: () => Promise<unknown>): Promise<unknown> } };
  postMessage(message: unknown): void;
}

export function holdLifeLock(scope: WorkerScope = self as unknown as WorkerScope): void {
  const name = scope.name;
  const locks = scope.navigator?.locks;
  if (!name || !name.startsWith('logsift-')) return;
  if (!locks) {
    // No Web Locks: still say so, so that the page knows the script loaded.
    scope.postMessage({ [ALIVE_MESSAGE]: name });
    return;
  }
  void locks.request(name, () => {
    scope.postMessage({ [ALIVE_MESSAGE]: name });
    return new Promise(() => {});
  });
}
