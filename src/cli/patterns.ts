/**
 * `logsift patterns INPUT [--column NAME] [--out OUT.csv] [--similarity S] [--state PATTERNS.json]`:
 * mines patterns from the messages and writes one row per input row:
 * `line,log_message,pattern_id,pattern` (`<*>` marks a variable; a blank message has no pattern).
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import type { Writable } from 'node:stream';
import { MESSAGE_COLUMNS, requireColumn } from '../core/csv/columns.ts';
import { csvLine } from '../core/csv/format.ts';
import { openTable } from '../core/csv/table.ts';
import { formatFromName } from '../core/scale/input.ts';
import { minePatterns } from '../core/patterns/mine.ts';
import { DEFAULT_CLUSTER_SETTINGS } from '../core/patterns/cluster.ts';
import { parseNumber, UsageError } from './options.ts';

async function write(stream: Writable, text: string): Promise<void> {
  if (!stream.write(text)) await once(stream, 'drain');
}

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

  const started = Date.now();
  const table = await openTable(
    inputPath === '-' ? process.stdin : createReadStream(inputPath, { highWaterMark: 1 << 20 }),
    inputPath === '-' ? 'csv' : formatFromName(inputPath),
  );
  const column = values.column
    ? requireColumn(table.header, [values.column.trim().toLowerCase()], `"${values.column}"`)
    : requireColumn(table.header, MESSAGE_COLUMNS, 'log message');
  const messages: string[] = [];
  for await (const batch of table.batches) for (const row of batch.rows) messages.push(row[column] ?? '');

  const result = await minePatterns(messages, { settings: { similarity } });
  const out = values.out ? createWriteStream(values.out) : process.stdout;
  await write(out, csvLine(['line', 'log_message', 'pattern_id', 'pattern']));
  const chunk = 10_000;
  for (let start = 0; start < messages.length; start += chunk) {
    let text = '';
    for (let i = start; i < Math.min(messages.length, start + chunk); i++) {
      const pattern = result.patterns[result.assignments[i]];
      text += csvLine([String(i + 1), messages[i], pattern?.id ?? '', pattern?.template ?? '']);
    }
    await write(out, text);
  }
  if (out !== process.stdout) {
    out.end();
    await once(out, 'finish');
  }
  if (values.state) await writeFile(values.state, JSON.stringify(result.miner.exportState()));

  const seconds = (Date.now() - started) / 1000;
  process.stderr.write(
    `${messages.length} lines, ${result.patterns.length} patterns in ${seconds.toFixed(2)} s ` +
      `(${Math.round(messages.length / Math.max(seconds, 1e-3))} lines/s)\n`,
  );
  for (const pattern of result.patterns.slice(0, 10)) {
    process.stderr.write(`${String(pattern.count).padStart(9)}  ${(pattern.share * 100).toFixed(1).padStart(5)}%  ${pattern.template}\n`);
  }
  if (result.patterns.length > 10) process.stderr.write(`      … and ${result.patterns.length - 10} more\n`);
}
