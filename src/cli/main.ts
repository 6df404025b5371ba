/** The logsift command line: classify, train and eval on the same core as the page. */
import { createReadStream, createWriteStream } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { once } from 'node:events';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import type { Writable } from 'node:stream';
import { parseBundle, serializeBundle } from '../core/bundle.ts';
import { Classifier } from '../core/classifier.ts';
import { BundleError, InputError } from '../core/errors.ts';
import { evaluate } from '../core/evaluate.ts';
import { inputKindFromName, runClassification, type InputSource } from '../core/run.ts';
import { readLabelledRows, trainBundle } from '../core/train.ts';
import { loadRules, parseNumber, parseRoutes, thresholdsFrom, UsageError } from './options.ts';
import { formatEvaluation } from './report.ts';

export const DEFAULT_BUNDLE_URL = new URL('../../public/default-bundle.json', import.meta.url);

const USAGE = `logsift – classify log lines offline (rules, n-gram model)

Usage:
  logsift classify INPUT [--model BUNDLE.json] [--out OUT.csv] [--explain]
  logsift train LABELED.csv --out BUNDLE.json [--rules default|none|FILE] [--routes default|none|SRC,SRC]
                [--min-samples 10] [--threshold 0.5] [--name NAME]
  logsift eval LABELED.csv [--test-fraction 0.3] [--seed N] [--rules default|none|FILE]
                [--routes default|none|SRC,SRC] [--min-samples 10] [--threshold 0.5] [--json]

INPUT is a CSV with a log_message column (source and any other columns are kept), or a .log/.txt
file with one message per line; "-" reads CSV from standard input. Output goes to standard output
unless --out is given. Without --model, the built-in bundle is used.
`;

function inputOf(path: string): InputSource {
  return path === '-' ? process.stdin : createReadStream(path, { highWaterMark: 1 << 20 });
}

async function write(stream: Writable, text: string): Promise<void> {
  if (!stream.write(text)) await once(stream, 'drain');
}

async function loadBundle(path: string | URL) {
  let json: string;
  try {
    json = await readFile(path, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read the model bundle ${String(path)}: ${(error as Error).message}`);
  }
  return parseBundle(json);
}

async function classifyCommand(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { model: { type: 'string' }, out: { type: 'string' }, explain: { type: 'boolean', default: false } },
  });
  if (positionals.length !== 1) throw new UsageError('classify takes one INPUT file (or - for standard input)');
  const [inputPath] = positionals;
  const bundle = await loadBundle(values.model ?? DEFAULT_BUNDLE_URL);
  const out = values.out ? createWriteStream(values.out) : process.stdout;
  const summary = await runClassification({
    input: inputOf(inputPath),
    kind: inputPath === '-' ? 'csv' : inputKindFromName(inputPath),
    classifier: new Classifier(bundle),
    explain: values.explain,
    onOutput: (text) => write(out, text),
  });
  if (out !== process.stdout) {
    out.end();
    await once(out, 'finish');
  }
  for (const warning of summary.warnings) {
    process.stderr.write(`warning: ${warning.row ? `row ${warning.row} ` : ''}${warning.message}\n`);
  }
  if (summary.warningCount > summary.warnings.length) {
    process.stderr.write(`warning: … and ${summary.warningCount - summary.warnings.length} more\n`);
  }
  const seconds = summary.elapsedMs / 1000;
  process.stderr.write(
    `${summary.rows} rows classified in ${seconds.toFixed(2)} s (${Math.round(summary.rows / Math.max(seconds, 1e-3))} rows/s), ` +
      `${summary.distinctKeys} distinct keys; ` +
      Object.entries(summary.byTier)
        .filter(([, n]) => n > 0)
        .map(([tier, n]) => `${tier} ${n}`)
        .join(', ') +
      '\n',
  );
}

const SETTINGS_OPTIONS = {
  rules: { type: 'string', default: 'default' },
  routes: { type: 'string', default: 'default' },
  'min-samples': { type: 'string' },
  threshold: { type: 'string' },
} as const;

async function trainCommand(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { ...SETTINGS_OPTIONS, out: { type: 'string' }, name: { type: 'string' } },
  });
  if (positionals.length !== 1) throw new UsageError('train takes one LABELED.csv file');
  if (!values.out) throw new UsageError('train needs --out BUNDLE.json');
  const { rows, warnings } = await readLabelledRows(inputOf(positionals[0]));
  for (const warning of warnings) process.stderr.write(`warning: row ${warning.row} ${warning.message}\n`);
  const started = Date.now();
  const bundle = await trainBundle(rows, {
    name: values.name ?? `Trained on ${basename(positionals[0])}`,
    rules: await loadRules(values.rules),
    sourceRoutes: parseRoutes(values.routes),
    ...thresholdsFrom(values),
  });
  await writeFile(values.out, serializeBundle(bundle));
  process.stderr.write(
    `trained on ${rows.length} rows, ${bundle.labels.length} labels, in ${((Date.now() - started) / 1000).toFixed(2)} s → ${values.out}\n`,
  );
}

async function evalCommand(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      ...SETTINGS_OPTIONS,
      'test-fraction': { type: 'string' },
      seed: { type: 'string', default: '1' },
      json: { type: 'boolean', default: false },
    },
  });
  if (positionals.length !== 1) throw new UsageError('eval takes one LABELED.csv file');
  const { rows } = await readLabelledRows(inputOf(positionals[0]));
  const result = await evaluate(rows, {
    testFraction: parseNumber('--test-fraction', values['test-fraction'], 0.3, (n) => n > 0 && n < 1, 'between 0 and 1'),
    seed: values.seed,
    rules: await loadRules(values.rules),
    sourceRoutes: parseRoutes(values.routes),
    ...thresholdsFrom(values),
  });
  process.stdout.write(values.json ? JSON.stringify(result) + '\n' : formatEvaluation(result));
}

const COMMANDS: Record<string, (args: string[]) => Promise<void>> = {
  classify: classifyCommand,
  train: trainCommand,
  eval: evalCommand,
};

export async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(USAGE);
    return command ? 0 : 2;
  }
  const run = COMMANDS[command];
  if (!run) {
    process.stderr.write(`logsift: unknown command "${command}"\n\n${USAGE}`);
    return 2;
  }
  try {
    await run(args);
    return 0;
  } catch (error) {
    const message = (error as Error).message;
    if (error instanceof InputError || error instanceof BundleError) {
      process.stderr.write(`logsift: ${message}\n`);
      return 1;
    }
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`logsift: ${message}\n\n${USAGE}`);
      return 2;
    }
    if ((error as { code?: string }).code === 'ENOENT') {
      process.stderr.write(`logsift: ${message}\n`);
      return 1;
    }
    throw error;
  }
}
