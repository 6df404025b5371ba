/**
 * Scores the pattern miner on Loghub-style data:
 *   npm run bench:patterns -- DIR [--leave-one-out] [--raw] [--reps 7] [--details] [--big 1000000] [--run 1000000]
 * DIR holds one folder per system, each with a `*_structured_corrected.csv` (Content, EventId,
 * EventTemplate). Prints, per system and on average: Grouping Accuracy (a line is right when its
 * mined group holds exactly the lines of its ground-truth group), Parsing Accuracy (the mined
 * template equals the ground truth's after normalising whitespace and collapsing runs of `<*>`),
 * and lines/s (mining only: masking, grouping and assigning every line; median of several runs).
 * With --leave-one-out each system is scored with the configuration chosen on the others. With --raw
 * the miner is given each system's raw log lines (`*_2k.log`: time, host, program, level, thread
 * still in the line, as in a `.log` file a user drops) instead of their Content column, and GA is
 * against the same events; PA is not scored (the templates hold no header). Then one
 * generated file of --big long, varied lines (0 skips it) is mined as a stream: lines/s (by the clock
 * and per CPU second) and peak RSS, and how many of its lines the default-rules scanner masks
 * differently from the rules' regex (must be 0). With --run, a CSV of that many such lines is classified
 * and discovered as the page does it (scripts/lib/run-discovery.ts): rows/s and the heap it keeps.
 * The data is read from DIR and never copied.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { minePatterns, MiningSession } from '../src/core/patterns/index.ts';
import { normalizeTemplate } from '../src/core/patterns/template.ts';
import { DEFAULT_CLUSTER_SETTINGS } from '../src/core/patterns/cluster.ts';
import { maskDefaultAscii } from '../src/core/patterns/default-scanner.ts';
import { compileMaskingRegex, DEFAULT_MASKING, WILDCARD } from '../src/core/patterns/masking.ts';
import { longLines } from './lib/long-lines.ts';
import { benchRunDiscovery } from './lib/run-discovery.ts';
import { loghubSystems, readLoghubSystem, type LoghubSystem as Dataset } from './lib/loghub.ts';

/** GA: a line is correct when its predicted group and its true group hold the same lines. */
export function groupingAccuracy(predicted: ArrayLike<number | string>, truth: ArrayLike<number | string>): number {
  const n = truth.length;
  const pairCount = new Map<string, number>();
  const predCount = new Map<number | string, number>();
  const truthCount = new Map<number | string, number>();
  for (let i = 0; i < n; i++) {
    const pair = `${predicted[i]}\u0001${truth[i]}`;
    pairCount.set(pair, (pairCount.get(pair) ?? 0) + 1);
    predCount.set(predicted[i], (predCount.get(predicted[i]) ?? 0) + 1);
    truthCount.set(truth[i], (truthCount.get(truth[i]) ?? 0) + 1);
  }
  let correct = 0;
  for (let i = 0; i < n; i++) {
    const both = pairCount.get(`${predicted[i]}\u0001${truth[i]}`)!;
    if (both === predCount.get(predicted[i]) && both === truthCount.get(truth[i])) correct++;
  }
  return n ? correct / n : 1;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

interface Score {
  system: string;
  lines: number;
  patterns: number;
  truth: number;
  ga: number;
  pa: number;
}

/** Mines one system with one configuration and scores it. */
async function score(data: Dataset, similarity: number, details: boolean): Promise<Score> {
  const result = await minePatterns(data.contents, { settings: { similarity } });
  const predicted = Array.from(result.assignments);
  const ga = groupingAccuracy(predicted, data.eventIds);
  let parsed = data.templates.length ? 0 : NaN;
  data.templates.forEach((template, i) => {
    const pattern = result.patterns[predicted[i]];
    if (pattern && normalizeTemplate(pattern.template) === normalizeTemplate(template)) parsed++;
  });
  if (details) printDetails(data, predicted, result.patterns.map((p) => p.template));
  const truth = new Set(data.eventIds).size;
  return { system: data.system, lines: data.contents.length, patterns: result.patterns.length, truth, ga, pa: parsed / data.contents.length };
}

/** The configurations leave-one-out chooses among: the miner's one tunable constant. */
const SIMILARITIES = [0.25, 0.5, 0.75];

/**
 * Leave-one-out: for each system, the similarity with the best mean GA + PA on the other systems
 * (ties to the default), then that system's scores with it – a figure for logs nothing was chosen on.
 */
async function leaveOneOut(datasets: Dataset[], details: boolean): Promise<(Score & { chosen: number })[]> {
  const table = new Map<number, Score[]>();
  for (const similarity of SIMILARITIES) table.set(similarity, await Promise.all(datasets.map((d) => score(d, similarity, false))));
  const rows: (Score & { chosen: number })[] = [];
  for (let held = 0; held < datasets.length; held++) {
    let chosen = DEFAULT_CLUSTER_SETTINGS.similarity;
    let best = -Infinity;
    for (const similarity of [DEFAULT_CLUSTER_SETTINGS.similarity, ...SIMILARITIES]) {
      const others = table.get(similarity)!.filter((_, i) => i !== held);
      const value = others.reduce((sum, r) => sum + r.ga + r.pa, 0);
      if (value > best + 1e-12) {
        best = value;
        chosen = similarity;
      }
    }
    rows.push({ ...(await score(datasets[held], chosen, details)), chosen });
  }
  return rows;
}

async function timeMining(lines: readonly string[], reps: number): Promise<number> {
  const times: number[] = [];
  for (let r = 0; r < reps; r++) {
    const started = performance.now();
    await minePatterns(lines);
    times.push(performance.now() - started);
  }
  return lines.length / (median(times) / 1000);
}

const pad = (text: string, width: number) => text.padStart(width);
/** PA, or a dash where it is not scored (--raw). */
const paText = (pa: number) => (Number.isNaN(pa) ? '–' : pa.toFixed(3));

/**
 * The system with its raw log lines (the folder's `*_2k.log`, one line per row of the structured
 * file) in place of the Content column; templates are dropped, so PA is not scored.
 */
async function withRawLines(dir: string, data: Dataset): Promise<Dataset> {
  const files = await readdir(join(dir, data.system));
  const file = files.find((name) => name.endsWith('_2k.log'));
  if (!file) throw new Error(`${data.system}: no *_2k.log file for --raw`);
  const lines = (await readFile(join(dir, data.system, file), 'utf8')).split(/\r?\n/);
  while (lines.length && lines[lines.length - 1] === '') lines.pop();
  if (lines.length !== data.contents.length) throw new Error(`${data.system}: ${file} has ${lines.length} lines, the structured file ${data.contents.length} rows`);
  return { ...data, contents: lines, templates: [] };
}
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

async function main() {
  const usage = 'usage: npm run bench:patterns -- DIR [--leave-one-out] [--raw] [--reps N] [--details] [--big LINES] [--run LINES]\n';
  let parsed;
  try {
    parsed = parseArgs({
      args: process.argv.slice(2),
      allowPositionals: true,
      options: {
        reps: { type: 'string', default: '7' },
        details: { type: 'boolean', default: false },
        'leave-one-out': { type: 'boolean', default: false },
        big: { type: 'string', default: '1000000' },
        run: { type: 'string', default: '0' },
        raw: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
    });
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${usage}`);
    process.exit(2);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(usage);
    return;
  }
  if (positionals.length !== 1) {
    process.stderr.write(usage);
    process.exit(2);
  }
  const dir = positionals[0];
  const reps = Math.max(1, Number(values.reps) || 7);
  const systems = await loghubSystems(dir);

  const datasets: Dataset[] = [];
  for (const system of systems) {
    const data = await readLoghubSystem(dir, system);
    if (data) datasets.push(values.raw ? await withRawLines(dir, data) : data);
  }
  if (datasets.length === 0) {
    process.stderr.write(`no */*_structured_corrected.csv under ${dir}\n`);
    process.exit(1);
  }
  // Warm-up: one untimed pass over every system, so the first one is not timed cold.
  for (const data of datasets) await minePatterns(data.contents);

  const loo = values['leave-one-out'];
  const rows = loo
    ? await leaveOneOut(datasets, values.details)
    : await Promise.all(datasets.map(async (d) => ({ ...(await score(d, DEFAULT_CLUSTER_SETTINGS.similarity, values.details)), chosen: DEFAULT_CLUSTER_SETTINGS.similarity })));
  const rates: number[] = [];
  for (const data of datasets) rates.push(await timeMining(data.contents, reps));

  const header = `${'system'.padEnd(10)} ${pad('lines', 6)} ${pad('patterns', 8)} ${pad('truth', 6)} ${pad('sim.', 5)} ${pad('GA', 6)} ${pad('PA', 6)} ${pad('lines/s', 10)}`;
  process.stdout.write(`${loo ? 'Leave-one-out: each system scored with the similarity chosen on the other systems.\n' : ''}${header}\n${'-'.repeat(header.length)}\n`);
  rows.forEach((row, i) => {
    process.stdout.write(
      `${row.system.padEnd(10)} ${pad(String(row.lines), 6)} ${pad(String(row.patterns), 8)} ${pad(String(row.truth), 6)} ${pad(row.chosen.toFixed(2), 5)} ` +
        `${pad(row.ga.toFixed(3), 6)} ${pad(paText(row.pa), 6)} ${pad(fmt(rates[i]), 10)}\n`,
    );
  });
  const mean = (f: (row: (typeof rows)[number]) => number) => rows.reduce((s, r) => s + f(r), 0) / rows.length;
  const totalLines = rows.reduce((s, r) => s + r.lines, 0);
  const totalSeconds = rows.reduce((s, r, i) => s + r.lines / rates[i], 0);
  process.stdout.write(`${'-'.repeat(header.length)}\n`);
  process.stdout.write(
    `${'average'.padEnd(10)} ${pad(String(totalLines), 6)} ${pad('', 8)} ${pad('', 6)} ${pad('', 5)} ${pad(mean((r) => r.ga).toFixed(3), 6)} ` +
      `${pad(paText(mean((r) => r.pa)), 6)} ${pad(fmt(totalLines / totalSeconds), 10)}\n`,
  );
  process.stdout.write(
    `lowest GA ${Math.min(...rows.map((r) => r.ga)).toFixed(3)}, lowest PA ${paText(Math.min(...rows.map((r) => r.pa)))}\n` +
      `\nGA: line correct when its mined group = its EventId group. PA: mined template = corrected EventTemplate ` +
      `(whitespace normalised, runs of <*> collapsed). lines/s: all lines over total median mining time, ${reps} runs each.\n`,
  );

  const big = Number(values.big);
  if (big > 0) await benchBigFile(big);
  const run = Number(values.run);
  if (run > 0) await benchRunDiscovery(run);
}

/**
 * Discovery over one generated file of long, varied lines, streamed the way the CLI reads a file:
 * lines are made in chunks of CHUNK_LINES as they are needed and given to a MiningSession, so peak RSS
 * is the miner's (its per-shape state and one key a line) plus one chunk, not the file. Timed is the
 * mining only (not making the lines): by the clock and per second of this process's CPU time (the
 * figure to trust on a shared machine).
 */
const CHUNK_LINES = 10_000;

/** Time spent in the work it is given: by the clock and in this process's CPU time. */
class Clock {
  seconds = 0;
  cpuSeconds = 0;

  time<T>(work: () => T): T {
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    const result = work();
    this.seconds += (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    this.cpuSeconds += (cpu.user + cpu.system) / 1e6;
    return result;
  }
}

async function benchBigFile(count: number) {
  const rssBefore = process.memoryUsage().rss;
  const session = new MiningSession();
  const lines = longLines(count);
  const chunk: string[] = [];
  let bytes = 0;
  const clock = new Clock();
  const scannerCheck = new ScannerCheck();
  for (let done = 0; done < count; done += chunk.length) {
    chunk.length = 0;
    while (chunk.length < CHUNK_LINES) {
      const next = lines.next();
      if (next.done) break;
      chunk.push(next.value);
      bytes += next.value.length;
    }
    if (chunk.length === 0) break;
    clock.time(() => {
      for (const line of chunk) session.add(line);
    });
    for (const line of chunk) scannerCheck.compare(line);
  }
  const result = clock.time(() => session.finish());
  const { seconds, cpuSeconds } = clock;
  const peak = process.resourceUsage().maxRSS * 1024;
  const mib = (n: number) => `${Math.round(n / 2 ** 20)} MiB`;
  process.stdout.write(
    `\nGenerated file: ${fmt(count)} lines, ${Math.round(bytes / count)} characters a line on average (scripts/lib/long-lines.ts), ` +
      `${mib(bytes)} of text, streamed in chunks of ${fmt(CHUNK_LINES)} lines\n` +
      `  ${fmt(count / seconds)} lines/s by the clock (${seconds.toFixed(2)} s), ${fmt(count / cpuSeconds)} lines per CPU second; ` +
      `${result.patterns.length} patterns from ${fmt(result.miner.keyCount)} keys\n` +
      `  peak RSS ${mib(peak)}, of which ${mib(rssBefore)} before mining (the Loghub data above, the runtime)\n` +
      `  default-rules scanner vs their regex (not timed): ${fmt(scannerCheck.differing)} lines differ, ` +
      `${fmt(scannerCheck.declined)} left to the regex (not ASCII)\n`,
  );
  if (scannerCheck.differing > 0) process.exitCode = 1;
}

/** Counts the lines the default-rules scanner masks differently from the rules' regex (must be 0). */
class ScannerCheck {
  differing = 0;
  declined = 0;
  private readonly regex = compileMaskingRegex(DEFAULT_MASKING)!;

  compare(line: string): void {
    const scanned = maskDefaultAscii(line);
    if (scanned === null) this.declined++;
    else if (scanned !== line.replace(this.regex, WILDCARD)) this.differing++;
  }
}

/** With --details: the ground-truth groups that were not recovered exactly, and why. */
function printDetails(data: Dataset, predicted: number[], templates: string[]) {
  const byTruth = new Map<string, number[]>();
  data.eventIds.forEach((id, i) => {
    const list = byTruth.get(id);
    if (list) list.push(i);
    else byTruth.set(id, [i]);
  });
  const predSize = new Map<number, number>();
  for (const p of predicted) predSize.set(p, (predSize.get(p) ?? 0) + 1);
  process.stdout.write(`\n== ${data.system}\n`);
  for (const [id, lines] of byTruth) {
    const preds = new Map<number, number>();
    for (const i of lines) preds.set(predicted[i], (preds.get(predicted[i]) ?? 0) + 1);
    const exact = preds.size === 1 && predSize.get(predicted[lines[0]]) === lines.length;
    // Without templates (--raw) only grouping is checked; the truth is shown by its first line.
    const truth = data.templates[lines[0]];
    const parsedOk = truth === undefined || normalizeTemplate(templates[predicted[lines[0]]] ?? '') === normalizeTemplate(truth);
    if (exact && parsedOk) continue;
    process.stdout.write(`${exact ? 'PA ' : 'GA '} ${id} (${lines.length}) truth: ${truth ?? `(a line) ${data.contents[lines[0]]}`}\n`);
    for (const [p, n] of preds) {
      process.stdout.write(`      ${n}/${predSize.get(p)} → ${templates[p]}\n`);
    }
  }
}

await main();
