/**
 * A run's chunks are assembled in buffers with room for their output, which the pool
 * worker writes over the input; once the output is in the OPFS file the buffer takes a later
 * chunk, so a run does not allocate (and V8 collect) a megabyte or two per chunk.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseBundle } from '../../../src/core/bundle.ts';
import { Classifier } from '../../../src/core/classifier.ts';
import { csvLine } from '../../../src/core/csv/format.ts';
import { generateLogs } from '../../../src/core/generate/generator.ts';
import { runClassification } from '../../../src/core/run.ts';
import { capacityFor, ChunkBuffers } from '../../../src/core/scale/chunk-buffers.ts';
import type { PoolPort } from '../../../src/core/scale/pool.ts';
import { servePoolWorker } from '../../../src/core/scale/pool-worker.ts';
import { runScale, StandbyPool } from '../../../workers/scale-run.ts';
import { memoryOpfs } from '../../helpers/memory-opfs.ts';

const BUNDLE_JSON = readFileSync(resolve(import.meta.dirname, '../../../public/default-bundle.json'), 'utf8');

describe('chunk buffers', () => {
  it('hands out views with room behind them, and a given-back buffer to the next chunk it fits', () => {
    const buffers = new ChunkBuffers(2);
    const first = buffers.take(1000);
    expect(first.length).toBe(1000);
    expect(first.buffer.byteLength).toBe(capacityFor(1000));
    expect(capacityFor(1000)).toBeGreaterThanOrEqual(1500);
    buffers.give(first.buffer as ArrayBuffer);
    // Too small for a bigger chunk: that one gets a new buffer, the small one waits.
    const bigger = buffers.take(5000);
    expect(bigger.buffer).not.toBe(first.buffer);
    expect(buffers.take(900).buffer).toBe(first.buffer);
    expect(buffers.take(900).buffer).not.toBe(first.buffer);
  });

  it('keeps no more than it is told to, nor a buffer twice, nor one that moved away', () => {
    const buffers = new ChunkBuffers(2);
    const views = [buffers.take(10), buffers.take(10), buffers.take(10), buffers.take(10)];
    const [twice, moved, kept, extra] = views.map((v) => v.buffer as ArrayBuffer);
    buffers.give(twice);
    buffers.give(twice);
    structuredClone(moved, { transfer: [moved] });
    buffers.give(moved);
    buffers.give(kept);
    buffers.give(extra);
    // Held: `twice` once and `kept`; not the moved one, and no room left for `extra`.
    const next = [buffers.take(10), buffers.take(10), buffers.take(10)].map((v) => v.buffer);
    expect(next.slice(0, 2)).toEqual(expect.arrayContaining([twice, kept]));
    expect(next[0]).not.toBe(next[1]);
    expect(next).not.toContain(extra);
    expect(next).not.toContain(moved);
  });
});

/** Pool workers in this thread; messages move as postMessage moves them (transferred buffers are detached). */
function transferringWorkers() {
  const sentInBuffersBack = { chunks: 0, reused: 0 };
  const cameBack = new WeakSet<ArrayBufferLike>();
  const start = (size: number): PoolPort[] =>
    Array.from({ length: size }, () => {
      let toCoordinator: (m: unknown) => void = () => {};
      const handle = servePoolWorker((message, transfer) => {
        const moved = structuredClone(message, { transfer: transfer as Transferable[] });
        if (moved.type === 'done') cameBack.add(moved.outcome.output.buffer);
        queueMicrotask(() => toCoordinator(moved));
      });
      return {
        post: (message, transfer) => {
          const m = message as { type: string; chunk?: { bytes: Uint8Array } };
          if (m.type === 'chunk') {
            sentInBuffersBack.chunks++;
            if (cameBack.has(m.chunk!.bytes.buffer)) sentInBuffersBack.reused++;
          }
          const moved = structuredClone(message, { transfer: transfer as Transferable[] });
          queueMicrotask(() => handle(moved as never));
        },
        listen: (handler) => void (toCoordinator = handler),
        terminate: () => {},
      };
    });
  return { start, sentInBuffersBack };
}

describe('a run whose output goes to OPFS', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('sends later chunks in the buffers of earlier outputs, and writes every row in order', async () => {
    vi.stubGlobal('navigator', { hardwareConcurrency: 2, storage: { getDirectory: async () => memoryOpfs() } });
    vi.stubGlobal('FileSystemSyncAccessHandle', class {});
    let text = csvLine(['timestamp', 'source', 'log_message']);
    for (const log of generateLogs({ rows: 110_000, seed: 'recycle' })) text += csvLine([log.timestamp, log.source, log.log_message]);
    const input = new Blob([text]);
    expect(input.size).toBeGreaterThan(9 << 20);
    const workers = transferringWorkers();
    const bundle = parseBundle(BUNDLE_JSON);
    const result = await runScale(
      { input, fileName: 'logs.csv', explain: true, classifier: new Classifier(bundle), signal: new AbortController().signal, results: null },
      new StandbyPool({ startPool: workers.start, poolSize: 2 }),
    );
    expect(result?.workers).toBe(2);
    expect(workers.sentInBuffersBack.chunks).toBeGreaterThan(8);
    expect(workers.sentInBuffersBack.reused).toBeGreaterThan(0);
    let expected = '';
    await runClassification({ input, kind: 'csv', classifier: new Classifier(bundle), explain: true, onOutput: (t) => void (expected += t) });
    expect(await result!.output!.text()).toBe(expected);
  }, 60_000);
});
