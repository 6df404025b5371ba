/**
 * `logsift patterns INPUT [--column NAME] [--out OUT.csv] [--similarity S] [--state PATTERNS.json]`:
 * mines patterns from the messages and writes one row per input row:
 * `line,log_message,pattern_id,pattern` (`<*>` marks a variable; a blank message has no pattern).
 * The input is streamed: read once to mine (the miner keeps per-shape state and a few examples, and
 * 4 bytes a line), once more to write the rows – memory does not grow with the file's lines' text.
 */
import { parseArgs } from 'node:util';
import { MESSAGE_COLUMNS, requireColumn } from '../core/csv/columns.ts';
import { csvField, csvLine, csvRow } from '../core/csv/format.ts';
import { openTable } from '../core/csv/table.ts';
import { formatFromName } from '../core/scale/input.ts';
import { MiningSession, type MiningResult } from '../core/patterns/mine.ts';
import { MinePool } from '../core/patterns/mine-pool.ts';
import { startThreads } from './pool.ts';
import { availableParallelism } from 'node:os';
import type { Pattern } from '../core/patterns/miner.ts';
import type { RowFormat } from '../core/scale/split.ts';
import { DEFAULT_CLUSTER_SETTINGS } from '../core/patterns/cluster.ts';
import { inputOf, withOutput } from './io.ts';
import { parseNumber, UsageError } from './options.ts';
import { checkInput, checkStandardOutput, openOutput, planOutput, writeOutput } from './output-file.ts';
import { say } from './terminal.ts';
import { detectTimeSource, type TimeColumnChoice, type TimeSource } from '../core/time/detect.ts';
import { readIso, timeParser } from '../core/time/parse.ts';
import { patternsReport, type PatternsReport } from '../core/time/timeline.ts';
import { progressLine } from './progress.ts';
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

interface MinedFile {
  result: MiningResult;
  lines: number;
  /** The header index of the messages. */
  column: number;
  time: TimeSource | null;
  /** Per line, its time (NaN when unread); only the first `lines` entries are lines. */
  times: Float64Array;
}

/**
 * Files from this size on are mined on worker threads by default: below it their start-up (each
 * loads the TypeScript core) is not won back. Measured on 2 cores (generated long lines, --json):
 * 2 threads lost at 8–32 MB (1.0 s vs 0.6 s at 8 MB), broke even at 64 MB, won from 100 MB on.
 */
const THREADS_FROM_BYTES = 64 * 2 ** 20;

/** Default mining threads: one per core for a big file (the reading thread mostly waits for them), else none. */
function defaultMiningWorkers(bytes: number): number {
  return bytes >= THREADS_FROM_BYTES ? availableParallelism() : 0;
}

/** Most row problems named one by one; past that, a count. */
const MAX_ROW_WARNINGS = 10;

/** First pass: reads the file chunk by chunk, adding each message to the miner; warns about bad rows, shows progress. */
async function mineFile(
  path: string,
  format: RowFormat,
  { columnName, timeChoice, referenceMs, similarity, threads }: { columnName?: string; timeChoice: TimeColumnChoice; referenceMs: number; similarity: number; threads: number },
): Promise<MinedFile> {
  const table = await openTable(inputOf(path), format);
  const column = columnName ? requireColumn(table.header, [columnName.trim().toLowerCase()], `"${columnName}"`) : requireColumn(table.header, MESSAGE_COLUMNS, 'log message');
  // On threads the lines are masked and keyed by the workers and taken back in file order.
  const pool = threads > 0 ? new MinePool(startThreads(threads, 'mine-thread.mjs'), { similarity }) : null;
  const session = pool?.session ?? new MiningSession({ settings: { similarity } });
  let lines = 0;
  let times = new Float64Array(0);
  let time: TimeSource | null | undefined;
  let readTime: ((text: string) => number) | null = null;
  let problems = 0;
  const progress = progressLine((await stat(path)).size);
  let result: MiningResult;
  try {
    for await (const batch of table.batches) {
      if (time === undefined) {
        // Each line's time, read with the layout the first rows show (none: no times are read).
        time = detectTimeSource(table.header, batch.rows.slice(0, 20), { messageIndex: column, choice: timeChoice, referenceMs });
        readTime = time ? timeParser(time.format, time.referenceMs) : null;
      }
      for (const problem of batch.problems) {
        if (++problems <= MAX_ROW_WARNINGS) say(`row ${batch.firstRow + problem.index}: ${problem.message}`);
      }
      if (readTime && times.length < lines + batch.rows.length) {
        const grown = new Float64Array(Math.max(1024, 2 * (lines + batch.rows.length)));
        grown.set(times);
        times = grown;
      }
      if (readTime) for (let r = 0; r < batch.rows.length; r++) times[lines + r] = readTime(batch.rows[r][time!.column] ?? '');
      lines += batch.rows.length;
      if (pool) {
        await pool.add(batch.rows.map((row) => row[column] ?? ''));
      } else {
        for (const row of batch.rows) session.add(row[column] ?? '');
      }
      progress.update(batch.bytesDone, lines);
    }
    result = pool ? await pool.finish() : session.finish();
  } catch (err) {
    // A file that cannot be read to the end: the threads must not keep the process alive.
    pool?.terminate();
    throw err;
  }
  progress.done();
  if (problems > MAX_ROW_WARNINGS) say(`… and ${problems - MAX_ROW_WARNINGS} more rows with problems`);
  return { result, lines, column, time: time ?? null, times };
}

function summarise(lines: number, patterns: Pattern[], report: PatternsReport | null, time: TimeSource | null, seconds: number): void {
  say(`${lines} lines, ${patterns.length} patterns in ${seconds.toFixed(2)} s (${Math.round(lines / Math.max(seconds, 1e-3))} lines/s)`);
  for (const pattern of patterns.slice(0, 10)) say(`${String(pattern.count).padStart(9)}  ${(pattern.share * 100).toFixed(1).padStart(5)}%  ${pattern.template}`);
  if (patterns.length > 10) say(`      … and ${patterns.length - 10} more`);
  if (report?.time && time) {
    const t = report.time;
    say(formatTimeSpan(time, { first: Date.parse(t.first ?? ''), last: Date.parse(t.last ?? ''), untimed: t.untimed }));
    const fresh = report.patterns.filter((p) => p.new);
    if (fresh.length) say(`${fresh.length} pattern${fresh.length === 1 ? '' : 's'} first seen after ${t.newSince}: ${fresh.slice(0, 3).map((p) => p.template).join(' | ')}`);
  }
}
