/**
 * Scores the pattern miner on Loghub-style data:
 *   npm run bench:patterns -- DIR [--reps 7] [--details]
 * DIR holds one folder per system, each with a `*_structured_corrected.csv` (Content, EventId,
 * EventTemplate). Prints, per system and on average: Grouping Accuracy (a line is right when its
 * mined group holds exactly the lines of its ground-truth group), Parsing Accuracy (the mined
 * template equals the ground truth's after normalising whitespace and collapsing runs of `<*>`),
 * and lines/s (mining only: masking, grouping and assigning every line; median of several runs).
 * The data is read from DIR and never copied.
 */
import { parseArgs } from 'node:util';
import { minePatterns } from '../src/core/patterns/index.ts';
import { normalizeTemplate } from '../src/core/patterns/template.ts';
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

async function main() {
  const { values, positionals } = parseArgs({
    args: process.argv.slice(2),
    allowPositionals: true,
    options: { reps: { type: 'string', default: '7' }, details: { type: 'boolean', default: false } },
  });
  if (positionals.length !== 1) {
    process.stderr.write('usage: npm run bench:patterns -- DIR [--reps N] [--details]\n');
    process.exit(2);
  }
  const dir = positionals[0];
  const reps = Math.max(1, Number(values.reps) || 7);
  const systems = await loghubSystems(dir);

  const datasets: Dataset[] = [];
  for (const system of systems) {
    const data = await readLoghubSystem(dir, system);
    if (data) datasets.push(data);
  }
  // Warm-up: one untimed pass over every system, so the first one is not timed cold.
  for (const data of datasets) await minePatterns(data.contents);

  const rows: { system: string; lines: number; patterns: number; truth: number; ga: number; pa: number; rate: number }[] = [];
  for (const data of datasets) {
    const system = data.system;
    const times: number[] = [];
    let result = await minePatterns(data.contents);
    for (let r = 0; r < reps; r++) {
      const started = performance.now();
      result = await minePatterns(data.contents);
      times.push(performance.now() - started);
    }
    const predicted = Array.from(result.assignments);
    const ga = groupingAccuracy(predicted, data.eventIds);
    let parsed = 0;
    data.contents.forEach((_, i) => {
      const pattern = result.patterns[predicted[i]];
      if (pattern && normalizeTemplate(pattern.template) === normalizeTemplate(data.templates[i])) parsed++;
    });
    const pa = parsed / data.contents.length;
    const rate = data.contents.length / (median(times) / 1000);
    rows.push({ system, lines: data.contents.length, patterns: result.patterns.length, truth: new Set(data.eventIds).size, ga, pa, rate });

    if (values.details) printDetails(data, predicted, result.patterns.map((p) => p.template));
  }
  if (rows.length === 0) {
    process.stderr.write(`no */*_structured_corrected.csv under ${dir}\n`);
    process.exit(1);
  }

  const pad = (text: string, width: number) => text.padStart(width);
  const header = `${'system'.padEnd(10)} ${pad('lines', 6)} ${pad('patterns', 8)} ${pad('truth', 6)} ${pad('GA', 6)} ${pad('PA', 6)} ${pad('lines/s', 10)}`;
  process.stdout.write(`${header}\n${'-'.repeat(header.length)}\n`);
  for (const row of rows) {
    process.stdout.write(
      `${row.system.padEnd(10)} ${pad(String(row.lines), 6)} ${pad(String(row.patterns), 8)} ${pad(String(row.truth), 6)} ` +
        `${pad(row.ga.toFixed(3), 6)} ${pad(row.pa.toFixed(3), 6)} ${pad(Math.round(row.rate).toLocaleString('en-US'), 10)}\n`,
    );
  }
  const mean = (f: (row: (typeof rows)[number]) => number) => rows.reduce((s, r) => s + f(r), 0) / rows.length;
  const totalLines = rows.reduce((s, r) => s + r.lines, 0);
  const totalSeconds = rows.reduce((s, r) => s + r.lines / r.rate, 0);
  process.stdout.write(`${'-'.repeat(header.length)}\n`);
  process.stdout.write(
    `${'average'.padEnd(10)} ${pad(String(totalLines), 6)} ${pad('', 8)} ${pad('', 6)} ${pad(mean((r) => r.ga).toFixed(3), 6)} ` +
      `${pad(mean((r) => r.pa).toFixed(3), 6)} ${pad(Math.round(totalLines / totalSeconds).toLocaleString('en-US'), 10)}\n`,
  );
  process.stdout.write(
    `\nGA: line correct when its mined group = its EventId group. PA: mined template = corrected EventTemplate ` +
      `(whitespace normalised, runs of <*> collapsed). lines/s: all lines over total median mining time, ${reps} runs each.\n`,
  );
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
    const parsedOk = normalizeTemplate(templates[predicted[lines[0]]] ?? '') === normalizeTemplate(data.templates[lines[0]]);
    if (exact && parsedOk) continue;
    process.stdout.write(`${exact ? 'PA ' : 'GA '} ${id} (${lines.length}) truth: ${data.templates[lines[0]]}\n`);
    for (const [p, n] of preds) {
      process.stdout.write(`      ${n}/${predSize.get(p)} → ${templates[p]}\n`);
    }
  }
}

await main();
