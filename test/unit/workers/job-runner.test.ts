/**
 * The classify worker's one job at a time: a second job is refused with a message the page shows,
 * cancel turns the job's failure into CancelledError, the last progress held back by the throttle
 * reaches the page, and the page's comlink proxies are released however the job ends.
 */
import * as Comlink from 'comlink';
import { describe, expect, it } from 'vitest';
import { CancelledError } from '../../../src/core/errors.ts';
import { JobRunner } from '../../../workers/job-runner.ts';

/** A stand-in for a comlink proxy the page hands over: a callback that records its release. */
function proxy<T>(fn: (value: T) => void = () => {}) {
  const calls: T[] = [];
  const cb = Object.assign((value: T) => {
    calls.push(value);
    fn(value);
  }, { released: 0 });
  (cb as unknown as Record<symbol, () => void>)[Comlink.releaseProxy] = () => void cb.released++;
  return { cb, calls };
}

describe('JobRunner', () => {
  it('runs one job at a time and frees the slot when it ends, failed or not', async () => {
    const jobs = new JobRunner(0);
    let finish!: () => void;
    const first = jobs.run(undefined, () => new Promise<string>((resolve) => (finish = () => resolve('done'))));
    expect(jobs.busy).toBe(true);
    await expect(jobs.run(undefined, async () => 'second')).rejects.toThrow('Another job is still running: cancel it or wait for it to finish.');
    finish();
    await expect(first).resolves.toBe('done');
    expect(jobs.busy).toBe(false);
    await expect(jobs.run(undefined, async () => Promise.reject(new Error('bad file')))).rejects.toThrow('bad file');
    await expect(jobs.run(undefined, async () => 'next')).resolves.toBe('next');
  });

  it('answers a cancelled job with CancelledError, unless the job reports its own cancellation', async () => {
    const jobs = new JobRunner(0);
    const failing = (signal: AbortSignal) =>
      new Promise<never>((_, reject) => signal.addEventListener('abort', () => reject(new Error('stream closed'))));
    const cancelled = jobs.run(undefined, ({ signal }) => failing(signal));
    expect(jobs.abort()).toBe(true);
    await expect(cancelled).rejects.toBeInstanceOf(CancelledError);
    expect(jobs.abort()).toBe(false);

    const asIs = jobs.run(undefined, ({ signal }) => failing(signal), { cancelledOnAbort: false });
    jobs.abort();
    await expect(asIs).rejects.toThrow('stream closed');
  });

  it('shows other errors as mapped, and sends the last progress held back', async () => {
    const jobs = new JobRunner(60_000);
    const { cb, calls } = proxy<number>();
    await jobs.run(cb, async ({ report }) => {
      report(1);
      report(2);
      report(3);
    });
    // The first report goes at once; within the interval the others wait and only the last is sent.
    expect(calls).toEqual([1, 3]);
    await expect(jobs.run(undefined, async () => Promise.reject(new TypeError('x is undefined')), { mapError: () => new Error('Plain words') })).rejects.toThrow('Plain words');
  });

  it('releases the progress callback and the other proxies when the job ends', async () => {
    const jobs = new JobRunner(0);
    const progress = proxy<number>();
    const hooks = proxy<void>();
    await jobs.run(progress.cb, async () => 1, { release: [hooks.cb] });
    expect([progress.cb.released, hooks.cb.released]).toEqual([1, 1]);
    const failed = proxy<number>();
    await jobs.run(failed.cb, async () => Promise.reject(new Error('no'))).catch(() => {});
    expect(failed.cb.released).toBe(1);
  });
});
