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

export async function patternsCommand(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      column: { type: 'string' },
      out: { type: 'string' },
      similarity: { type: 'string' },
      state: { type: 'string' },
    },
  });
  if (positionals.length !== 1) throw new UsageError('patterns takes one INPUT file (or - for standard input)');
  const [inputPath] = positionals;
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
  for await (const batch of table.batches) for (const row of batch.rows) messages.push(row[column] ?? '');

  const result = await minePatterns(messages, { settings: { similarity } });
  await withOutput(outPlan && (await openOutput(outPlan)), async (write) => {
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
}
