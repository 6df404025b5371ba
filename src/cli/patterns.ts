/**
 * `logsift patterns INPUT [--column NAME] [--out OUT.csv] [--similarity S] [--state PATTERNS.json]`:
 * mines patterns from the messages and writes one row per input row:
 * `line,log_message,pattern_id,pattern` (`<*>` marks a variable; a blank message has no pattern).
 */
import { parseArgs } from 'node:util';
import { MESSAGE_COLUMNS, requireColumn } from '../core/csv/columns.ts';
import { csvLine } from '../core/csv/format.ts';
import { openTable } from '../core/csv/table.ts';
import { formatFromName } from '../core/scale/input.ts';
import { minePatterns } from '../core/patterns/mine.ts';
import { DEFAULT_CLUSTER_SETTINGS } from '../core/patterns/cluster.ts';
import { inputOf, withOutput } from './io.ts';
import { parseNumber, UsageError } from './options.ts';
import { checkInput, checkStandardOutput, openOutput, planOutput, writeOutput } from './output-file.ts';
import { say } from './terminal.ts';
import { detectTimeSource } from '../core/time/detect.ts';
import { readIso, timeParser } from '../core/time/parse.ts';
import { patternsReport } from '../core/time/timeline.ts';
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
    },
  });
  if (positionals.length !== 1) throw new UsageError('patterns takes one INPUT file (or - for standard input)');
  const [inputPath] = positionals;
  const newSince = values['new-since'] === undefined ? undefined : readIso(values['new-since']);
  if (Number.isNaN(newSince)) throw new UsageError(`--new-since must be an ISO 8601 time, got "${values['new-since']}"`);
  const similarity = parseNumber('--similarity', values.similarity, DEFAULT_CLUSTER_SETTINGS.similarity, (n) => n >= 0 && n <= 1, 'a number from 0 to 1');

  await checkInput(inputPath);
  const outPlan = values.out !== undefined ? await planOutput('--out', values.out, [inputPath]) : null;
  if (!outPlan) await checkStandardOutput([inputPath]);
  const statePlan = values.state !== undefined ? await planOutput('--state', values.state, [inputPath], outPlan ? [outPlan] : []) : null;

  const started = Date.now();
  const table = await openTable(inputOf(inputPath), inputPath === '-' ? 'csv' : formatFromName(inputPath));
  const column = values.column
    ? requireColumn(table.header, [values.column.trim().toLowerCase()], `"${values.column}"`)
    : requireColumn(table.header, MESSAGE_COLUMNS, 'log message');
  const messages: string[] = [];
  // Each line's time, read with the layout the first rows show (none: no times are read).
  const times: number[] = [];
  let time: ReturnType<typeof detectTimeSource> | undefined;
  let readTime: ((text: string) => number) | null = null;
  const referenceMs = inputPath === '-' ? Date.now() : (await stat(inputPath)).mtimeMs;
  for await (const batch of table.batches) {
    if (time === undefined) {
      time = detectTimeSource(table.header, batch.rows.slice(0, 20), { messageIndex: column, choice: values['time-column'], referenceMs });
      readTime = time ? timeParser(time.format, time.referenceMs) : null;
    }
    for (const row of batch.rows) {
      messages.push(row[column] ?? '');
      if (readTime) times.push(readTime(row[time!.column] ?? ''));
    }
  }

  const result = await minePatterns(messages, { settings: { similarity } });
  const report = time ? patternsReport(messages.length, result.patterns, result.assignments, times, time, newSince) : null;
  await withOutput(outPlan && (await openOutput(outPlan)), async (write) => {
    if (values.json) {
      await write(JSON.stringify(report ?? patternsReport(messages.length, result.patterns, result.assignments, null, null)) + '\n');
      return;
    }
    await write(csvLine(['line', 'log_message', 'pattern_id', 'pattern']));
    const chunk = 10_000;
    for (let start = 0; start < messages.length; start += chunk) {
      let text = '';
      for (let i = start; i < Math.min(messages.length, start + chunk); i++) {
        const pattern = result.patterns[result.assignments[i]];
        text += csvLine([String(i + 1), messages[i], pattern?.id ?? '', pattern?.template ?? '']);
      }
      await write(text);
    }
  });
  if (statePlan) await writeOutput(statePlan, JSON.stringify(result.miner.exportState()));

  const seconds = (Date.now() - started) / 1000;
  say(`${messages.length} lines, ${result.patterns.length} patterns in ${seconds.toFixed(2)} s (${Math.round(messages.length / Math.max(seconds, 1e-3))} lines/s)`);
  for (const pattern of result.patterns.slice(0, 10)) say(`${String(pattern.count).padStart(9)}  ${(pattern.share * 100).toFixed(1).padStart(5)}%  ${pattern.template}`);
  if (result.patterns.length > 10) say(`      … and ${result.patterns.length - 10} more`);
  if (report?.time && time) {
    const t = report.time;
    say(formatTimeSpan(time, { first: Date.parse(t.first ?? ''), last: Date.parse(t.last ?? ''), untimed: t.untimed }));
    const fresh = report.patterns.filter((p) => p.new);
    if (fresh.length) say(`${fresh.length} pattern${fresh.length === 1 ? '' : 's'} first seen after ${t.newSince}: ${fresh.slice(0, 3).map((p) => p.template).join(' | ')}`);
  }
}
