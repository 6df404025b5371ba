/**
 * Writes seeded synthetic log rows as CSV, streaming, so that millions of rows need no more
 * memory than a few rows do.
 *
 * The shipped examples were made with:
 *   npx tsx scripts/generate-logs.ts --rows 2000 --seed 42 --no-labels --out public/examples/example-logs.csv
 *   npx tsx scripts/generate-logs.ts --rows 2000 --seed 7 --out public/examples/example-labelled.csv
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { Writable } from 'node:stream';
import { csvLine } from '../src/core/csv/format.ts';
import { generateLogs } from '../src/core/generate/generator.ts';
import { generateSystemLogs } from '../src/core/generate/system/corpus.ts';

const USAGE = `Usage: npx tsx scripts/generate-logs.ts --rows N [--seed S] [--out FILE] [--no-labels] [--kind business|system]

Writes N synthetic log rows as CSV (timestamp,source,log_message,target_label).
  --rows N       number of rows (required, a non-negative integer)
  --kind K       business: the six example sources (default); system: lines of the system-log
                 families the built-in bundle also trains on (family,source,log_message,target_label)
  --seed S       any number or word; the same seed gives the same rows (default 42)
  --out FILE     write to FILE instead of standard output
  --no-labels    leave out the target_label column
  --help         show this text`;

const DEFAULT_SEED = '42';

/** Characters gathered before a write: big enough to make writes cheap, small enough to bound memory. */
const CHUNK_CHARS = 1 << 16;

interface CliOptions {
  kind: 'business' | 'system';
  rows: number;
  seed: string;
  out: string | null;
  labels: boolean;
}

class UsageError extends Error {}

function readFlags(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      options: {
        rows: { type: 'string' },
        seed: { type: 'string' },
        out: { type: 'string' },
        'no-labels': { type: 'boolean' },
        kind: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

function parseCli(argv: string[]): CliOptions | 'help' {
  const values = readFlags(argv);
  if (values.help) return 'help';
  if (values.rows === undefined) throw new UsageError('--rows is required');
  if (!/^\d+$/.test(values.rows) || !Number.isSafeInteger(Number(values.rows))) {
    throw new UsageError(`--rows must be a non-negative integer, got "${values.rows}"`);
  }
  if (values.seed === '') throw new UsageError('--seed must not be empty');
  if (values.out === '') throw new UsageError('--out must not be empty');
  if (values.kind !== undefined && values.kind !== 'business' && values.kind !== 'system') {
    throw new UsageError(`--kind must be business or system, got "${values.kind}"`);
  }
  return {
    kind: values.kind ?? 'business',
    rows: Number(values.rows),
    seed: values.seed ?? DEFAULT_SEED,
    out: values.out ?? null,
    labels: !values['no-labels'],
  };
}

/** The rows of either kind, as header names and cells. */
function* csvRows(options: CliOptions): Generator<string[]> {
  const labelled = (fields: string[], label: string) => (options.labels ? [...fields, label] : fields);
  if (options.kind === 'system') {
    yield labelled(['family', 'source', 'log_message'], 'target_label');
    for (const log of generateSystemLogs({ rows: options.rows, seed: options.seed })) {
      yield labelled([log.family, log.source, log.log_message], log.target_label);
    }
    return;
  }
  yield labelled(['timestamp', 'source', 'log_message'], 'target_label');
  for (const log of generateLogs({ rows: options.rows, seed: options.seed })) {
    yield labelled([log.timestamp, log.source, log.log_message], log.target_label);
  }
}

/** Writes in chunks and waits for 'drain' whenever the stream's buffer is full (backpressure). */
async function writeCsv(output: Writable, options: CliOptions): Promise<void> {
  let chunk = '';
  for (const fields of csvRows(options)) {
    chunk += csvLine(fields);
    if (chunk.length >= CHUNK_CHARS) {
      if (!output.write(chunk)) await once(output, 'drain');
      chunk = '';
    }
  }
  if (chunk && !output.write(chunk)) await once(output, 'drain');
}

async function openOutput(path: string | null): Promise<Writable> {
  if (path === null) {
    // A closed pipe (e.g. `| head`) is a normal end for a generator, not a crash.
    process.stdout.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') process.exit(0);
      throw error;
    });
    return process.stdout;
  }
  const file = createWriteStream(path);
  await once(file, 'open');
  return file;
}

async function main(argv: string[]): Promise<number> {
  let options: CliOptions | 'help';
  try {
    options = parseCli(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`generate-logs: ${error.message}\n\n${USAGE}\n`);
    return 2;
  }
  if (options === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }

  let output: Writable;
  try {
    output = await openOutput(options.out);
  } catch (error) {
    process.stderr.write(`generate-logs: cannot write ${options.out}: ${(error as Error).message}\n`);
    return 1;
  }
  await writeCsv(output, options);
  if (output !== process.stdout) {
    output.end();
    await finished(output);
    process.stderr.write(`generate-logs: wrote ${options.rows} rows to ${options.out}\n`);
  }
  return 0;
}

// Run only as a program, so tests can import the CSV helpers without generating anything.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main(process.argv.slice(2));
}
