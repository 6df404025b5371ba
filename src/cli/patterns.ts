/**
 * `logsift patterns INPUT [--column NAME] [--out OUT.csv] [--similarity S] [--state PATTERNS.json]`:
 * mines patterns from the messages and writes one row per input row:
 * `line,log_message,pattern_id,pattern` (`<*>` marks a variable; a blank message has no pattern).
 * The input is streamed: read once to mine (the miner keeps per-shape state and a few examples, and
 * 4 bytes a line), once more to write the rows – memory does not grow with the file's lines' text.
 */
import { parseArgs } from 'node:util';
import { csvField, csvLine, csvRow } from '../core/csv/format.ts';
import { openTable } from '../core/csv/table.ts';
import { formatFromName } from '../core/scale/input.ts';
import type { Pattern } from '../core/patterns/miner.ts';
import { DEFAULT_CLUSTER_SETTINGS } from '../core/patterns/cluster.ts';
import { writtenTemplate } from '../core/patterns/template.ts';
import { inputOf, withOutput } from './io.ts';
import { defaultMiningWorkers, mineFile } from './mine-file.ts';
import type { TimeSource } from '../core/time/detect.ts';
import { readIso } from '../core/time/parse.ts';
import { parseNumber, UsageError } from './options.ts';
import { checkInput, checkStandardOutput, openOutput, planOutput, writeOutput } from './output-file.ts';
import { say } from './terminal.ts';
import { patternsReport, type PatternsReport } from '../core/time/timeline.ts';
import { spoolStandardInput } from './spool.ts';
import { formatTimeSpan } from './report.ts';
import { stat } from 'node:fs/promises';

export async function patternsCommand(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      column: { type: 'string' },
      out: { type: 'string' },
      similarity: { type: 'string' },
      state: { type: 'string' },
      json: { type: 'boolean', default: false },
      'time-column': { type: 'string', default: 'auto' },
      'new-since': { type: 'string' },
      workers: { type: 'string' },
    },
  });
  if (positionals.length !== 1) throw new UsageError('patterns takes one INPUT file (or - for standard input)');
  const [inputPath] = positionals;
  const newSince = values['new-since'] === undefined ? undefined : readIso(values['new-since']);
  if (Number.isNaN(newSince)) throw new UsageError(`--new-since must be an ISO 8601 time, got "${values['new-since']}"`);
  const similarity = parseNumber('--similarity', values.similarity, DEFAULT_CLUSTER_SETTINGS.similarity, (n) => n >= 0 && n <= 1, 'a number from 0 to 1');
  const workers = values.workers === undefined ? null : parseNumber('--workers', values.workers, 0, (n) => Number.isInteger(n) && n >= 0 && n <= 64, 'a whole number from 0 to 64');

  await checkInput(inputPath);
  const outPlan = values.out !== undefined ? await planOutput('--out', values.out, [inputPath]) : null;
  if (!outPlan) await checkStandardOutput([inputPath]);
  const statePlan = values.state !== undefined ? await planOutput('--state', values.state, [inputPath], outPlan ? [outPlan] : []) : null;

  const started = Date.now();
  // The rows are read twice – once to mine, once to write each with its pattern – so standard input
  // is kept in a temporary file: no line stays in memory.
  const source = inputPath === '-' ? await spoolStandardInput() : null;
  try {
    const path = source?.path ?? inputPath;
    const format = source ? 'csv' : formatFromName(inputPath);
    const referenceMs = source ? Date.now() : (await stat(inputPath)).mtimeMs;
    const threads = workers ?? defaultMiningWorkers((await stat(path)).size);
    const mined = await mineFile(path, format, { columnName: values.column, timeChoice: values['time-column'], referenceMs, similarity, threads });
    const { result, lines, time } = mined;
    const times = time ? mined.times.subarray(0, lines) : null;
    const report = time ? patternsReport(lines, result.patterns, result.assignments, times, time, newSince) : null;
    await withOutput(outPlan && (await openOutput(outPlan)), async (write) => {
      if (values.json) {
        await write(JSON.stringify(report ?? patternsReport(lines, result.patterns, result.assignments, null, null)) + '\n');
        return;
      }
      await write(csvLine(['line', 'log_message', 'pattern_id', 'pattern']));
      const table = await openTable(inputOf(path), format);
      const column = mined.column;
      // Each pattern's two cells, written once: a file has far fewer patterns than lines.
      const patternCells = result.patterns.map((p) => csvRow([p.id, p.template], 2, '').slice(0, -1));
      let i = 0;
      for await (const batch of table.batches) {
        let text = '';
        for (const row of batch.rows) {
          const cells = patternCells[result.assignments[i]] ?? ',';
          text += `${i + 1},${csvField(row[column] ?? '')},${cells}\n`;
          i++;
        }
        await write(text);
      }
    });
    if (statePlan) await writeOutput(statePlan, JSON.stringify(result.miner.exportState()));
    summarise(lines, result.patterns, report, time, (Date.now() - started) / 1000);
  } finally {
    await source?.remove();
  }
}

function summarise(lines: number, patterns: Pattern[], report: PatternsReport | null, time: TimeSource | null, seconds: number): void {
  say(`${lines} lines, ${patterns.length} patterns in ${seconds.toFixed(2)} s (${Math.round(lines / Math.max(seconds, 1e-3))} lines/s)`);
  // Two patterns may show the same template (`user=root` and `user=guest` lines): say how each writes it.
  const shown = new Map<string, number>();
  for (const pattern of patterns) shown.set(pattern.template, (shown.get(pattern.template) ?? 0) + 1);
  for (const pattern of patterns.slice(0, 10)) {
    const written = shown.get(pattern.template)! > 1 ? writtenTemplate(pattern.variants, pattern.template) : null;
    say(`${String(pattern.count).padStart(9)}  ${(pattern.share * 100).toFixed(1).padStart(5)}%  ${pattern.template}${written ? `   (as written: ${written})` : ''}`);
  }
  if (patterns.length > 10) say(`      … and ${patterns.length - 10} more`);
  if (report?.time && time) {
    const t = report.time;
    say(formatTimeSpan(time, { first: Date.parse(t.first ?? ''), last: Date.parse(t.last ?? ''), untimed: t.untimed }));
    const fresh = report.patterns.filter((p) => p.new);
    if (fresh.length) say(`${fresh.length} pattern${fresh.length === 1 ? '' : 's'} first seen after ${t.newSince}: ${fresh.slice(0, 3).map((p) => p.template).join(' | ')}`);
  }
}
