/**
 * Times in runs: each row's time read in the chunk workers, rows per label over time in the
 * summary – the same whatever the chunking and in a pool – and the CLI's time options.
 */
import 'fake-indexeddb/auto';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseBundle } from '../../../src/core/bundle.ts';
import { Classifier } from '../../../src/core/classifier.ts';
import { csvLine } from '../../../src/core/csv/format.ts';
import { generateLogs } from '../../../src/core/generate/generator.ts';
import { openChunkedInput } from '../../../src/core/scale/input.ts';
import { LocalChunkProcessor } from '../../../src/core/scale/local.ts';
import { WorkerPoolProcessor } from '../../../src/core/scale/pool.ts';
import { outputHeaderOf, runChunked, type ChunkProcessor } from '../../../src/core/scale/run-chunked.ts';
import type { TimeSource } from '../../../src/core/time/detect.ts';
import { detectInputTime } from '../../../src/core/time/input-time.ts';
import type { PatternsReport } from '../../../src/core/time/timeline.ts';
import { inThreadPorts } from '../../helpers/in-thread-pool.ts';
import { ScaleResults } from '../../../workers/scale-results.ts';
import { testService } from '../../helpers/classify-service.ts';

const root = resolve(import.meta.dirname, '../../..');
const BUNDLE_JSON = readFileSync(resolve(root, 'public/default-bundle.json'), 'utf8');
const BIN = resolve(root, 'bin/logsift.js');
const dec = new TextDecoder();
const dir = mkdtempSync(join(tmpdir(), 'logsift-time-'));

function generatedCsv(rows: number): string {
  let text = csvLine(['timestamp', 'source', 'log_message']);
  let i = 0;
  // Every 50th row has no time: counted, not dropped.
  for (const log of generateLogs({ rows, seed: 'time' })) text += csvLine([++i % 50 === 0 ? '' : log.timestamp, log.source, log.log_message]);
  return text;
}

async function run(text: string, chunkBytes: number, options: { pool?: boolean; time?: 'auto' | 'none'; format?: 'csv' | 'text'; results?: ScaleResults } = {}) {
  const blob = new Blob([text]);
  options.results?.begin(blob);
  const input = await openChunkedInput(blob, options.format ?? 'csv', chunkBytes);
  const time = detectInputTime(input, options.time ?? 'auto', Date.UTC(2026, 0, 1));
  const columns = outputHeaderOf(input.format, false).columns;
  const processor: ChunkProcessor = options.pool
    ? new WorkerPoolProcessor(inThreadPorts(2), { bundleJson: BUNDLE_JSON, format: input.format, explain: false, columns, time })
    : new LocalChunkProcessor(new Classifier(parseBundle(BUNDLE_JSON)), input.format, { explain: false, columns, time });
  const parts: string[] = [];
  const times: number[] = [];
  const summary = await runChunked({
    input,
    processor,
    explain: false,
    time,
    onOutput: (d) => void parts.push(typeof d === 'string' ? d : dec.decode(d)),
    onChunk: (outcome, firstRow) => {
      if (outcome.times) times.push(...outcome.times);
      options.results?.append(outcome, firstRow);
    },
  });
  options.results?.finish(summary.chunks);
  return { output: parts.join(''), summary, times, time };
}

describe('times in the chunked run', () => {
  it('reads every row time and counts rows per label over time, the same for any chunking and in a pool', async () => {
    const text = generatedCsv(3000);
    const whole = await run(text, 1 << 20);
    expect(whole.time).toMatchObject<Partial<TimeSource>>({ columnName: 'timestamp', format: 'iso', inMessage: false });
    const h = whole.summary.time!.histogram;
    expect(h.timed + h.untimed).toBe(3000);
    expect(h.untimed).toBe(60);
    expect(whole.times.filter((t) => Number.isNaN(t))).toHaveLength(60);
    // Per label, the buckets add up to the label's rows with a time.
    const timedByLabel = new Map<string, number>();
    h.labels.forEach((label, i) => timedByLabel.set(label, h.counts[i].reduce((a, b) => a + b, 0)));
    expect([...timedByLabel.values()].reduce((a, b) => a + b)).toBe(h.timed);
    expect(Object.keys(whole.summary.byLabel).sort()).toEqual([...h.labels].sort());
    expect(h.buckets).toBeLessThanOrEqual(120);
    expect(h.first).toBe(Math.min(...whole.times.filter((t) => !Number.isNaN(t))));

    const small = await run(text, 4096);
    const pooled = await run(text, 4096, { pool: true });
    for (const other of [small, pooled]) {
      expect(other.output).toBe(whole.output);
      expect(other.times).toEqual(whole.times);
      expect(other.summary.time!.histogram).toEqual(h);
    }
    // Reading times changes nothing in the output.
    const without = await run(text, 4096, { time: 'none' });
    expect(without.output).toBe(whole.output);
    expect(without.summary.time).toBeUndefined();
  }, 120_000);

  it('shows the rows of a time range in the results table, leaving rows without a time out', async () => {
    const text = generatedCsv(2000);
    const results = new ScaleResults();
    const { times, summary } = await run(text, 8192, { results });
    expect(results.columnBytes).toBe(2000 * (7 + 8));
    const h = summary.time!.histogram;
    const from = h.start + 3 * h.step;
    const to = h.start + 9 * h.step;
    const inRange = times.map((t, i) => [t, i] as const).filter(([t]) => t >= from && t < to).map(([, i]) => i);
    expect(inRange.length).toBeGreaterThan(0);
    expect(await results.query({ from, to })).toBe(inRange.length);
    expect((await results.rows(0, 5)).map((r) => r.index)).toEqual(inRange.slice(0, 5));
    // The whole span keeps every row that has a time.
    expect(await results.query({ from: -Infinity, to: Infinity })).toBe(h.timed);
    expect(Array.from(results.readBack().times!)).toEqual(times);
  }, 120_000);

  it('reads the time at the start of plain-text lines', async () => {
    const lines = ['Jun  5 22:14:15 host sshd[1]: Accepted password for bob', 'Jun  5 22:15:15 host sshd[1]: Failed password for root', '  continued without a time', 'Jun  6 00:00:01 host cron[2]: job', 'Jun  6 00:00:02 host cron[2]: job'];
    const { summary, times } = await run(lines.join('\n') + '\n', 1 << 20, { format: 'text' });
    expect(summary.time!.source).toMatchObject({ format: 'syslog', inMessage: true });
    expect(times.slice(0, 3)).toEqual([Date.UTC(2025, 5, 5, 22, 14, 15), Date.UTC(2025, 5, 5, 22, 15, 15), NaN]);
    expect(summary.time!.histogram).toMatchObject({ timed: 4, untimed: 1 });
  });
});

function logsift(args: string[]) {
  const result = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Five days of routine lines, and on the fourth a burst of an error never seen before. */
function burstCsv(): string {
  let text = 'time,log_message\n';
  const day = 86_400_000;
  const start = Date.UTC(2024, 4, 1);
  for (let h = 0; h < 5 * 24; h++) {
    const at = new Date(start + h * 3_600_000).toISOString();
    text += `${at},User ${h % 7} logged in from 10.0.0.${h % 9}\n`;
    text += `${at},Backup job ${h} finished in ${h % 13} s\n`;
  }
  for (let i = 0; i < 30; i++) text += `${new Date(start + 3 * day + 14 * 3_600_000 + i * 60_000).toISOString()},Payment gateway timeout after ${i} retries for order ${9000 + i}\n`;
  return text;
}

describe('times in the CLI', () => {
  it('classify says the span the times cover, from the column it found or the one named', () => {
    const file = join(dir, 'burst.csv');
    writeFileSync(file, burstCsv());
    const auto = logsift(['classify', file, '--out', join(dir, 'out.csv')]);
    expect(auto.code).toBe(0);
    expect(auto.stderr).toMatch(/times from column "time" \(iso\): 2024-05-01 00:00:00Z to 2024-05-05 23:00:00Z/);
    const none = logsift(['classify', file, '--out', join(dir, 'out.csv'), '--time-column', 'none']);
    expect(none.stderr).not.toMatch(/times from/);
    const wrong = logsift(['classify', file, '--time-column', 'log_message']);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/Column "log_message" holds no times/);
  });

  it('patterns --json gives first and last seen and counts per bucket, and marks the new burst', () => {
    const file = join(dir, 'burst.csv');
    writeFileSync(file, burstCsv());
    const { code, stdout, stderr } = logsift(['patterns', file, '--json']);
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as PatternsReport;
    expect(report.lines).toBe(270);
    expect(report.time).toMatchObject({ column: 'time', format: 'iso', first: '2024-05-01T00:00:00.000Z', last: '2024-05-05T23:00:00.000Z', step: 3_600_000, buckets: 120 });
    const burst = report.patterns.find((p) => p.template.startsWith('Payment gateway timeout'))!;
    expect(burst).toMatchObject({ count: 30, new: true, firstSeen: '2024-05-04T14:00:00.000Z', lastSeen: '2024-05-04T14:29:00.000Z' });
    expect(burst.counts[3 * 24 + 14]).toBe(30);
    expect(report.patterns.filter((p) => p.new)).toEqual([burst]);
    expect(stderr).toMatch(/1 pattern first seen after .*Payment gateway timeout/);
    const since = JSON.parse(logsift(['patterns', file, '--json', '--new-since', '2024-05-05T00:00:00Z']).stdout) as PatternsReport;
    expect(since.patterns.filter((p) => p.new)).toEqual([]);
  });
});

describe('times in the classify worker', () => {
  it('gives the summary its histogram, filters the results by time, and gives patterns of the run their first and last seen', async () => {
    const { api } = testService(`time-${Date.now()}`);
    const summary = await api.classify(new Blob([burstCsv()]), 'burst.csv', false, () => {});
    const h = summary.time!.histogram;
    expect(h).toMatchObject({ step: 3_600_000, buckets: 120, timed: 270, untimed: 0 });
    const burstHour = 3 * 24 + 14;
    const perBucket = (b: number) => h.counts.reduce((sum, c) => sum + c[b], 0);
    expect(perBucket(burstHour)).toBe(2 + 30);
    // Day 4: its 48 routine lines and the burst.
    const day = Date.UTC(2024, 4, 4);
    expect(await api.query({ from: day, to: day + 86_400_000 })).toBe(48 + 30);

    const info = await api.discoverFromRun(() => {});
    const burst = info.patterns.find((p) => p.template.startsWith('Payment gateway timeout'))!;
    expect(burst).toMatchObject({ firstSeen: day + 14 * 3_600_000, lastSeen: day + 14 * 3_600_000 + 29 * 60_000 });
    expect(burst.counts![burstHour]).toBe(30);
    const latest = Math.max(...info.patterns.map((p) => p.firstSeen ?? -Infinity));
    expect(burst.firstSeen).toBe(latest);
  }, 120_000);
});
