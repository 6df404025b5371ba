/** Errors whose message is written for the user: the UI and the CLI show them as they are. */

/** The input file cannot be read as logs (no message column, not text, …). */
export class InputError extends Error {
  override name = 'InputError';
}

/** A model bundle is malformed, of an unknown format, or needs an embedder that is not available. */
export class BundleError extends Error {
  override name = 'BundleError';
}

/** An embedding model (BERT) cannot be loaded or used: missing files, not ONNX, wrong inputs, wrong model. */
export class ModelError extends Error {
  override name = 'ModelError';
}

/** A long job was stopped by its AbortSignal. */
export class CancelledError extends Error {
  override name = 'CancelledError';
  constructor() {
    super('Cancelled');
  }
}

/**
 * An error that crossed to another thread as its name and message (a pool worker's), made again
 * as the class it had where it is one of the errors written for the user, so it is shown as such.
 */
export function errorNamed(name: string, message: string): Error {
  const kinds: Record<string, new (message: string) => Error> = { InputError, BundleError, ModelError };
  const kind = kinds[name];
  if (kind) return new kind(message);
  if (name === 'CancelledError') return new CancelledError();
  const error = new Error(message);
  error.name = name;
  return error;
}

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new CancelledError();
}

/** Waits for `promise`, but rejects with a CancelledError as soon as `signal` aborts (the work itself goes on). */
export function raceAbort<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(new CancelledError());
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new CancelledError());
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
