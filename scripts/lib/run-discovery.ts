/**
 * Pattern discovery over a classified run, the page's path, timed in Node: the classify worker's
 * service (workers/classify-service.ts, without a pool) classifies a CSV of generated long lines,
 * then discovers patterns in the lines no rule labelled – reading the run's rows back from the
 * file a chunk at a time, as the page does – first in its own thread, then with one mining thread
 * (a worker_thread standing in for the page's mining Web Worker; on 2 cores the page starts one,
 * and its classify worker mines too). Prints the discovery's lines/s and
 * what it leaves in memory (heap after a full GC, before and after), the figure that says whether
 * memory grows with the file's text.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { MemoryBundleStorage } from '../../src/storage/db.ts';
import { MemoryPatternsStore } from '../../src/storage/patterns-store.ts';
import { createClassifyService } from '../../workers/classify-service.ts';
import { startThreads } from '../../src/cli/pool.ts';
import { writeCsvOnce } from './bench-data.ts';
import { longLines } from './long-lines.ts';

const root = resolve(import.meta.dirname, '../..');
const mib = (n: number) => `${Math.round(n / 2 ** 20)} MiB`;
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

/** The heap after a full collection (node needs --expose-gc for it; else the heap as it is). */
function heapUsed(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed;
}

export async function benchRunDiscovery(lines: number): Promise<void> {
  const path = await writeCsvOnce(`${root}/bench-data/long-lines-${lines}.csv`, ['log_message'], (function* () {
    for (const line of longLines(lines)) yield [line];
  })());
  const file = new Blob([await readFile(path)]);
  await discoverRun(file, 0);
  await discoverRun(file, 1);
}

async function discoverRun(file: Blob, threads: number): Promise<void> {
  const bundleJson = await readFile(`${root}/public/default-bundle.json`, 'utf8');
  const api = createClassifyService({
    storage: async () => ({ storage: new MemoryBundleStorage(), persistent: false }),
    loadDefaultBundle: async () => bundleJson,
    patternsStore: async () => ({ store: new MemoryPatternsStore(), persistent: false }),
    ...(threads ? { mineWorkers: () => startThreads(threads, 'mine-thread') } : {}),
  });
  const summary = await api.classify(file, 'long-lines.csv', false, () => {});
  const before = heapUsed();
  const started = performance.now();
  const info = await api.discoverFromRun(() => {});
  const seconds = (performance.now() - started) / 1000;
  const after = heapUsed();
  process.stdout.write(
    `\nDiscovery over a classified run (the page's path, the classify service in Node, ${threads ? `${threads} mining thread${threads > 1 ? 's' : ''} besides its own` : 'one thread'}): ${fmt(summary.rows)} rows, ` +
      `${mib(file.size)} file, ${fmt(info.lines)} lines mined (the rest labelled by rules)\n` +
      `  ${fmt(summary.rows / seconds)} rows/s (${seconds.toFixed(2)} s: read back from the file, parsed, mined), ` +
      `${info.patterns.length} patterns; text of ${fmt(info.source?.sampledLines ?? summary.rows)} lines kept\n` +
      `  heap after a full GC: ${mib(before)} before discovery, ${mib(after)} after (${mib(after - before)} kept by the session)` +
      `${(globalThis as { gc?: unknown }).gc ? '' : ' – run node with --expose-gc for exact figures'}\n`,
  );
}
