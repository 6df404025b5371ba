/**
 * What reading times costs a run, printed, not asserted:
 *   npm run bench:time [-- --rows 2000000 --reps 3 --only csv|log]
 *
 * On generated data (a timestamp column, and the same lines as a .log file with the time at the
 * start of each line), the chunked run in this thread – read, classify, write to nowhere – with
 * times off and on, alternated so that both see the same machine. The figure is CPU time (this
 * process, user + system), best of the runs: on a shared machine wall time mostly measures the
 * neighbours. Also the reader alone (ns per row) and what the times take per row.
 */
import { existsSync, mkdirSync, openAsBlob, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { parseBundle } from '../src/core/bundle.ts';
import { Classifier } from '../src/core/classifier.ts';
import { generateLogs } from '../src/core/generate/generator.ts';
import { openChunkedInput } from '../src/core/scale/input.ts';
import { LocalChunkProcessor } from '../src/core/scale/local.ts';
import { outputHeaderOf, runChunked } from '../src/core/scale/run-chunked.ts';
import type { RowFormat } from '../src/core/scale/split.ts';
import { detectInputTime } from '../src/core/time/input-time.ts';
import { timeParser } from '../src/core/time/parse.ts';
import { writeCsvOnce } from './lib/bench-data.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const { values } = parseArgs({ options: { rows: { type: 'string', default: '2000000' }, reps: { type: 'string', default: '3' }, only: { type: 'string' } } });
const rows = Number(values.rows);
const reps = Math.max(1, Number(values.reps));
const bundleJson = readFileSync(`${root}public/default-bundle.json`, 'utf8');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];

function* generated(): Generator<string[]> {
  for (const log of generateLogs({ rows, seed: 8 })) yield [log.timestamp, log.source, log.log_message];
}

async function logFile(): Promise<string> {
  const log = `${root}bench-data/time-${rows}.log`;
  if (!existsSync(log)) {
    mkdirSync(`${root}bench-data`, { recursive: true });
    const lines: string[] = [];
    for (const [timestamp, source, message] of generated()) lines.push(`${timestamp} ${source}: ${message.replace(/[\r\n]+/g, ' ')}`);
    writeFileSync(log, lines.join('\n') + '\n');
  }
  return log;
}

async function runOnce(path: string, format: RowFormat, withTime: boolean): Promise<{ ms: number; timed: number }> {
  const cpu = process.cpuUsage();
  const input = await openChunkedInput(await openAsBlob(path), format);
  const time = withTime ? detectInputTime(input) : null;
  if (withTime && !time) throw new Error(`no time found in ${path}`);
  const processor = new LocalChunkProcessor(new Classifier(parseBundle(bundleJson)), input.format, { explain: false, columns: outputHeaderOf(input.format, false).columns, time });
  const summary = await runChunked({ input, processor, explain: false, time });
  const used = process.cpuUsage(cpu);
  return { ms: (used.user + used.system) / 1000, timed: summary.time?.histogram.timed ?? 0 };
}

async function compare(name: string, path: string, format: RowFormat): Promise<void> {
  const off: number[] = [];
  const on: number[] = [];
  let timed = 0;
  await runOnce(path, format, false); // warm-up: JIT, file cache
  for (let r = 0; r < reps; r++) {
    off.push((await runOnce(path, format, false)).ms);
    const withTime = await runOnce(path, format, true);
    on.push(withTime.ms);
    timed = withTime.timed;
  }
  const a = Math.min(...off);
  const b = Math.min(...on);
  const s = (x: number) => (x / 1000).toFixed(2);
  console.log(
    `${name}: ${rows.toLocaleString('en-US')} rows (${timed.toLocaleString('en-US')} with a time): CPU times off ${s(a)} s, on ${s(b)} s, ` +
      `overhead ${(((b - a) / a) * 100).toFixed(1)}% (best of ${reps}; medians ${s(median(off))} / ${s(median(on))} s)`,
  );
}

function readerAlone(): void {
  const cells: string[] = [];
  for (const log of generateLogs({ rows: 200_000, seed: 8 })) cells.push(log.timestamp);
  const read = timeParser('iso', Date.now());
  // Cells as a run has them: flat strings (a generated timestamp is a rope until first read).
  const flat = JSON.parse(JSON.stringify(cells)) as string[];
  let sum = 0;
  let ns = Infinity;
  for (let k = 0; k < 7; k++) {
    const started = performance.now();
    for (const cell of flat) sum += read(cell);
    ns = Math.min(ns, ((performance.now() - started) * 1e6) / flat.length);
  }
  console.log(`the ISO reader alone: ${ns.toFixed(0)} ns a row, best of 7 (checksum ${sum % 7})`);
}

const csv = await writeCsvOnce(`${root}bench-data/time-${rows}.csv`, ['timestamp', 'source', 'log_message'], generated());
readerAlone();
if (values.only !== 'log') await compare('CSV, time column', csv, 'csv');
if (values.only !== 'csv') await compare('.log, time at the start of each line', await logFile(), 'text');
console.log('kept per row: 8 bytes (Float64Array, epoch ms, beside the label/tier/confidence columns); the histogram: at most 4,096 live buckets × labels while counting');
