/**
 * Mining a file's lines in chunks – each on its own, on another thread say – and absorbing the
 * chunks in file order gives exactly what mining the lines one by one gives: the same keys (tokens,
 * counts, example lines, in the same order), the same patterns and the same pattern of every line.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ChunkMiner, MiningSession } from '../../../src/core/patterns/mine.ts';
import { MinePool, serveMineWorker, type ToMineWorker } from '../../../src/core/patterns/mine-pool.ts';
import type { PoolPort } from '../../../src/core/scale/pool.ts';

/**
 * A worker in this thread: takes its messages in order, as a worker does, each after a delay of
 * its own – so workers answer out of order between them.
 */
function fakeWorker(delay: (id: number) => number, fail = false): PoolPort & { terminated: boolean } {
  let listener: (message: unknown) => void = () => {};
  const handle = serveMineWorker((message) => listener(structuredClone(message)));
  let queue = Promise.resolve();
  const port = {
    terminated: false,
    post(message: unknown) {
      const m = structuredClone(message) as ToMineWorker;
      if (m.type === 'init') return handle(m);
      queue = queue
        .then(() => new Promise((resolve) => setTimeout(resolve, delay(m.id))))
        .then(() => (fail ? handle({ ...m, lines: null, job: null } as never) : handle(m)));
    },
    listen(handler: (message: unknown) => void) {
      listener = handler;
    },
    terminate() {
      port.terminated = true;
    },
  };
  return port;
}

const pick = <T,>(...values: T[]) => fc.constantFrom(...values);
/** Lines of a few messages whose variables take few or many values, ids, blanks. */
const line = fc.oneof(
  fc.tuple(pick('alice', 'bob', 'carol'), fc.integer({ min: 0, max: 99 })).map(([u, n]) => `User ${u} logged in from 10.0.0.${n}`),
  fc.tuple(pick('started', 'stopped'), fc.stringMatching(/^[0-9a-f]{16}$/)).map(([s, id]) => `job ${id} ${s}`),
  fc.tuple(pick('a1b2', 'c3d4', 'e5f6'), pick('ok', 'late')).map(([id, w]) => `sync ${id} done ${w}`),
  pick('', '   ', 'Backup finished', 'cache warm'),
  fc.stringMatching(/^[a-z]{1,6}( [a-z0-9]{1,5}){0,3}$/),
);

function sequential(lines: readonly string[]) {
  const session = new MiningSession();
  for (const l of lines) session.add(l);
  return session;
}

/**
 * The lines cut at `cuts` into runs; run i mined by sender senders[i] (a ChunkMiner that keeps its
 * keys from run to run; none given: each run on its own), absorbed in file order.
 */
function chunked(lines: readonly string[], cuts: number[], senders: number[] = []) {
  const session = new MiningSession();
  const ends = [...new Set(cuts.map((c) => c % (lines.length + 1)))].sort((a, b) => a - b);
  const miners = new Map<number, { miner: ChunkMiner; known: number[] }>();
  let start = 0;
  [...ends, lines.length].forEach((end, i) => {
    const run = lines.slice(start, end);
    start = end;
    if (senders.length === 0) return session.addChunk(structuredClone(new ChunkMiner().mine(run)));
    const sender = senders[i % senders.length];
    if (!miners.has(sender)) miners.set(sender, { miner: new ChunkMiner(), known: [] });
    const { miner, known } = miners.get(sender)!;
    session.addChunk(structuredClone(miner.mine(run)), known);
  });
  return session;
}

describe('mining in chunks', () => {
  it('gives exactly what mining the lines one by one gives, wherever the chunks are cut and whichever miner mines each', () => {
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 120 }), fc.array(fc.nat(), { maxLength: 6 }), fc.array(fc.nat({ max: 2 }), { maxLength: 7 }), (lines, cuts, senders) => {
        const one = sequential(lines);
        const many = chunked(lines, cuts, senders);
        expect(many.miner.exportState()).toEqual(one.miner.exportState());
        const a = one.finish();
        const b = many.finish();
        expect(Array.from(b.keys)).toEqual(Array.from(a.keys));
        expect(Array.from(b.assignments)).toEqual(Array.from(a.assignments));
        expect(b.patterns).toEqual(a.patterns);
      }),
      { numRuns: 300 },
    );
  });

  it('turns a token that differs between chunks into a variable', () => {
    const lines = ['job 0123456789abcdef started', 'job 0123456789abcdef started', 'job fedcba9876543210 started'];
    const session = chunked(lines, [2]);
    expect(session.finish().patterns.map((p) => [p.template, p.count])).toEqual([['job <*> started', 3]]);
  });

  it('spread over workers that answer out of order, gives what mining in order gives; a failing worker fails the mining', async () => {
    const lines = Array.from({ length: 2000 }, (_, i) => (i % 3 ? `User u${i % 5}x logged in from 10.0.0.${i % 200}` : `job ${(i * 7919).toString(16).padStart(16, '0')} ${i % 2 ? 'started' : 'stopped'}`));
    const workers = [fakeWorker((id) => (id % 3) * 4), fakeWorker((id) => 9 - (id % 4))];
    const pool = new MinePool(workers, {});
    for (let start = 0; start < lines.length; start += 150) await pool.add(lines.slice(start, start + 150));
    const result = await pool.finish();
    const one = sequential(lines).finish();
    expect(Array.from(result.keys)).toEqual(Array.from(one.keys));
    expect(result.patterns).toEqual(one.patterns);
    expect(workers.every((w) => w.terminated)).toBe(true);

    const failing = new MinePool([fakeWorker(() => 0, true)], {});
    await failing.add(lines.slice(0, 10));
    await expect(failing.finish()).rejects.toThrow();
  });
});
