/**
 * The page's pool workers are started while the page is idle and kept between runs
 * (a run must not wait a few hundred milliseconds for workers to start and read the bundle). A
 * worker that failed is never handed to a run; a cancelled run's workers are terminated; a new
 * run never sees the shared decisions of the last one.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Classifier } from '../../../src/core/classifier.ts';
import { csvLine } from '../../../src/core/csv/format.ts';
import { generateLogs } from '../../../src/core/generate/generator.ts';
import { parseBundle, serializeBundle } from '../../../src/core/bundle.ts';
import { openChunkedInput, type ChunkedInput } from '../../../src/core/scale/input.ts';
import { WorkerPoolProcessor, type PoolPort } from '../../../src/core/scale/pool.ts';
import { servePoolWorker } from '../../../src/core/scale/pool-worker.ts';
import { outputHeaderOf, runChunked } from '../../../src/core/scale/run-chunked.ts';
import { LocalChunkProcessor } from '../../../src/core/scale/local.ts';
import { StandbyPool } from '../../../workers/scale-run.ts';

const BUNDLE_JSON = readFileSync(resolve(import.meta.dirname, '../../../public/default-bundle.json'), 'utf8');
const BUNDLE = parseBundle(BUNDLE_JSON);

interface FakeWorker extends PoolPort {
  received: { type: string }[];
  terminated: boolean;
  fail(): void;
}

/** Workers in this thread running pool-worker.ts, recording what they are sent. */
function fakeWorkers() {
  const started: FakeWorker[] = [];
  const start = (size: number): PoolPort[] =>
    Array.from({ length: size }, () => {
      let toCoordinator: (m: unknown) => void = () => {};
      let onError: (e: Error) => void = () => {};
      const handle = servePoolWorker((message) => queueMicrotask(() => toCoordinator(structuredClone(message))));
      const worker: FakeWorker = {
        received: [],
        terminated: false,
        post: (message) => {
          worker.received.push(message as { type: string });
          queueMicrotask(() => handle(structuredClone(message) as never));
        },
        listen: (handler, error) => {
          toCoordinator = handler;
          onError = error;
        },
        terminate: () => void (worker.terminated = true),
        fail: () => onError(new Error('the script did not load')),
      };
      started.push(worker);
      return worker;
    });
  return { start, started };
}

async function csvInput(rows: number): Promise<ChunkedInput> {
  let text = csvLine(['source', 'log_message']);
  for (const log of generateLogs({ rows, seed: 'standby' })) text += csvLine([log.source, log.log_message]);
  return openChunkedInput(new Blob([text]), 'csv', 4096);
}

async function run(ports: PoolPort[], input: ChunkedInput, bundleJson: string) {
  const columns = outputHeaderOf(input.format, false).columns;
  const pool = new WorkerPoolProcessor(ports, { bundleJson, format: input.format, explain: false, columns });
  const summary = await runChunked({ input, processor: pool, explain: false });
  return { pool, summary };
}

describe('the standby pool', () => {
  it('starts the workers once, ahead of the run, and has them read the bundle once', () => {
    const fake = fakeWorkers();
    const standby = new StandbyPool({ startPool: fake.start, poolSize: 2 });
    standby.prepare(BUNDLE);
    standby.prepare(BUNDLE);
    expect(fake.started).toHaveLength(2);
    expect(fake.started.map((w) => w.received.map((m) => m.type))).toEqual([['prepare'], ['prepare']]);
    expect(standby.take()).toEqual(fake.started);
  });

  it('starts no second set of workers while a run holds them', () => {
    const fake = fakeWorkers();
    const standby = new StandbyPool({ startPool: fake.start, poolSize: 2 });
    const ports = standby.take();
    standby.prepare(BUNDLE);
    expect(fake.started).toHaveLength(2);
    standby.giveBack(ports, BUNDLE_JSON);
    expect(standby.take()).toEqual(ports);
    standby.giveBack(null, BUNDLE_JSON);
    standby.prepare(BUNDLE);
    expect(fake.started).toHaveLength(4);
  });

  it('keeps a finished run’s workers for the next run, which starts afresh with its own bundle', async () => {
    const fake = fakeWorkers();
    const standby = new StandbyPool({ startPool: fake.start, poolSize: 2 });
    const first = await run(standby.take(), await csvInput(3000), BUNDLE_JSON);
    standby.giveBack(first.pool.release()!, BUNDLE_JSON);
    // The next run's bundle answers differently (no class has enough samples for the model to
    // answer with it): nothing the workers decided for the last run may leak into it.
    const strict = parseBundle(BUNDLE_JSON);
    strict.thresholds.minSamples = 1e9;
    const second = await run(standby.take(), await csvInput(3000), serializeBundle(strict));
    expect(fake.started).toHaveLength(2);
    expect(fake.started.some((w) => w.terminated)).toBe(false);
    const input = await csvInput(3000);
    const local = new LocalChunkProcessor(new Classifier(strict), input.format, { explain: false, columns: outputHeaderOf(input.format, false).columns });
    const alone = await runChunked({ input, processor: local, explain: false });
    expect(alone.distinctKeys).toBeGreaterThan(100);
    expect(second.summary.byLabel).toEqual(alone.byLabel);
    expect(second.summary.byLabel).not.toEqual(first.summary.byLabel);
    // Each run embeds each of its keys once, as a fresh pool would.
    expect(second.summary.distinctKeys).toBe(alone.distinctKeys);
    expect(second.summary.embeddingCalls).toBe(alone.distinctKeys);
  });

  it('fails the run with the reason when a worker cannot read the run’s bundle, rather than use the last one', async () => {
    const fake = fakeWorkers();
    const standby = new StandbyPool({ startPool: fake.start, poolSize: 2 });
    const first = await run(standby.take(), await csvInput(500), BUNDLE_JSON);
    standby.giveBack(first.pool.release()!, BUNDLE_JSON);
    const unreadable = BUNDLE_JSON.replace(/"confidence": [0-9.]+/, '"confidence": 1.5');
    expect(unreadable).not.toBe(BUNDLE_JSON);
    await expect(run(standby.take(), await csvInput(500), unreadable)).rejects.toThrow(/thresholds are malformed/);
  });

  it('never hands out a worker that failed, and terminates the workers of a run that did not finish', async () => {
    const fake = fakeWorkers();
    const standby = new StandbyPool({ startPool: fake.start, poolSize: 2 });
    standby.prepare(BUNDLE);
    fake.started[1].fail();
    const ports = standby.take();
    expect(fake.started.slice(0, 2).every((w) => w.terminated)).toBe(true);
    expect(ports).toEqual(fake.started.slice(2));

    // A run that ends with a chunk still out (cancelled): its workers are terminated, not kept.
    const silent: FakeWorker[] = [];
    const pool = new WorkerPoolProcessor(
      Array.from({ length: 2 }, () => {
        const worker: FakeWorker = { received: [], terminated: false, post: (m) => void worker.received.push(m as { type: string }), listen: () => {}, terminate: () => void (worker.terminated = true), fail: () => {} };
        silent.push(worker);
        return worker;
      }),
      { bundleJson: BUNDLE_JSON, format: { format: 'csv', delimiter: ',', newline: '\n', header: ['log_message'] }, explain: false, columns: ['log_message', 'target_label'] },
    );
    void pool.process({ index: 0, start: 0, bytes: new TextEncoder().encode('a\n') }).catch(() => {});
    expect(pool.release()).toBeNull();
    expect(silent.every((w) => w.terminated)).toBe(true);
  });
});
