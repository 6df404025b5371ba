/**
 * The classify worker's one long job at a time (a run, an output build, a training, a discovery, a
 * retraining): it refuses a second one, hands the job an AbortSignal that `cancel()` trips, throttles
 * the job's progress reports, and – however the job ends – frees the slot and releases the page's
 * comlink proxies (the progress callback, and whatever else the job was handed).
 */
import * as Comlink from 'comlink';
import { CancelledError } from '../src/core/errors.ts';
import { throttle, type Throttled } from './throttle.ts';

/** What a job works with: the signal `cancel()` aborts, and its throttled progress report. */
export interface Job<P> {
  signal: AbortSignal;
  report: Throttled<P>;
}

export interface JobOptions {
  /** Other comlink proxies the job was handed, released with the progress callback when it ends. */
  release?: unknown[];
  /**
   * True (the default): an error thrown after `cancel()` reaches the page as CancelledError. False:
   * errors pass as they are (a job whose own result says it was cancelled).
   */
  cancelledOnAbort?: boolean;
  /** How an error other than a cancellation is shown to the page (default: as it is). */
  mapError?: (error: unknown) => unknown;
}

/** Releases a comlink proxy the page handed over; anything else is left alone. */
export function releaseProxy(value: unknown): void {
  const release = (value as { [Comlink.releaseProxy]?: () => void } | undefined)?.[Comlink.releaseProxy];
  if (typeof release === 'function') release.call(value);
}

export class JobRunner {
  private current: AbortController | null = null;

  /** @param progressIntervalMs the least time between two progress reports to the page */
  constructor(readonly progressIntervalMs = 100) {}

  /** Whether a job is running now. */
  get busy(): boolean {
    return this.current !== null;
  }

  /** Aborts the running job; false when none runs. */
  abort(): boolean {
    if (!this.current) return false;
    this.current.abort();
    return true;
  }

  /** Releases a comlink proxy (a callback the page handed over for a job that does not run). */
  release(value: unknown): void {
    releaseProxy(value);
  }

  /**
   * Runs `work` as the one job. Throws "Another job is still running…" when one is; the progress
   * held back by the throttle is sent when the work succeeds.
   */
  async run<T, P = never>(onProgress: ((progress: P) => unknown) | undefined, work: (job: Job<P>) => Promise<T>, options: JobOptions = {}): Promise<T> {
    if (this.current) throw new Error('Another job is still running: cancel it or wait for it to finish.');
    const controller = (this.current = new AbortController());
    const report = throttle<P>((p) => void onProgress?.(p), this.progressIntervalMs);
    try {
      const result = await work({ signal: controller.signal, report });
      report.flush();
      return result;
    } catch (error) {
      if (options.cancelledOnAbort !== false && controller.signal.aborted) throw new CancelledError();
      throw options.mapError ? options.mapError(error) : error;
    } finally {
      if (this.current === controller) this.current = null;
      releaseProxy(onProgress);
      for (const proxy of options.release ?? []) releaseProxy(proxy);
    }
  }
}
