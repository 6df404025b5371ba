/** The logsift command line: classify, train and eval on the same core as the page. */
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { parseBundle, serializeBundle } from '../core/bundle.ts';
import { Classifier } from '../core/classifier.ts';
import { BundleError, InputError, ModelError } from '../core/errors.ts';
import { evaluate } from '../core/training/evaluate.ts';
import { DEFAULT_HOLD_OUT } from '../core/training/hold-out.ts';
import { BertEmbedder, describeBertModel } from '../core/features/bert.ts';
import type { EmbedderSpec } from '../core/features/embedder.ts';
import { createEmbedder, type EmbedderContext } from '../core/features/registry.ts';
import { readLabelledRows, trainBundle } from '../core/training/train.ts';
import { bertRuntimeFromDir, parseDtype } from './bert-model.ts';
import { parseNumber, settingsFrom, UsageError } from './options.ts';
import { LLM_OPTIONS, LLM_USAGE, llmFrom, LlmHttpError } from './llm.ts';
import { formatEvaluation, formatTimeSpan } from './report.ts';
import { patternsCommand } from './patterns.ts';
import { classifyStream } from './classify-stream.ts';
import { defaultWorkers } from './pool.ts';
import { formatFromName } from '../core/scale/input.ts';
import { inputOf, withOutput } from './io.ts';
import { checkInput, checkStandardOutput, openOutput, planOutput, systemReason, writeOutput } from './output-file.ts';
import { printable, say } from './terminal.ts';

export const DEFAULT_BUNDLE_URL = new URL('../../public/default-bundle.json', import.meta.url);

const USAGE = `logsift – classify log lines offline (rules, n-gram or BERT model)

Usage:
  logsift classify INPUT [--model BUNDLE.json] [--out OUT.csv] [--explain] [--safe-csv] [--model-dir DIR [--dtype q8|fp32|fp16]]
                [--format csv|ndjson] [--input-format csv|ndjson|text] [--workers N] [--column NAME] [--time-column auto|none|NAME]
  logsift train LABELED.csv --out BUNDLE.json [--column NAME] [--rules default|none|FILE] [--routes default|none|SRC,SRC]
                [--min-samples 10] [--threshold 0.45] [--name NAME] [--embedder ngram|bert --model-dir DIR [--dtype q8]]
  logsift eval LABELED.csv [--column NAME] [--test-fraction ${DEFAULT_HOLD_OUT.testFraction}] [--seed ${DEFAULT_HOLD_OUT.seed}] [--rules default|none|FILE]
                [--routes default|none|SRC,SRC] [--min-samples 10] [--threshold 0.45] [--json]
                [--embedder ngram|bert --model-dir DIR [--dtype q8]]
  logsift patterns INPUT [--column NAME] [--out OUT.csv] [--similarity 0.5] [--state PATTERNS.json]
                [--json] [--time-column auto|none|NAME] [--workers N]

INPUT is a CSV with a log_message column (or message, msg, log, content, text, line; --column NAME
names another; source and any other columns are kept), or a .log/.txt
file with one message per line, or NDJSON (.jsonl/.ndjson: one JSON object per line, the message
in a log_message/message/msg/… key); "-" reads standard input (CSV unless --input-format says
otherwise). Output goes to standard output unless --out is given, as CSV or, with --format ndjson,
one JSON object per line (the input's fields plus target_label). An --out file (or any file a
command writes) is replaced only when the command succeeds, and never by a file the command reads.
Input and output are streamed, so classify can run as a stage of a log pipeline. --workers N
classifies on N threads (default: one per core beyond the first from 4 cores up, else none) when
the bundle uses n-grams and no LLM tier is set; patterns --workers N mines on N threads (default:
one per core for an input of 64 MiB or more, else none), with the same result. Without --model,
the built-in bundle is used.
--safe-csv neutralises cells that a spreadsheet would run as formulas (a leading ' before =, +,
-, @, tab or CR; plain numbers are kept).
Times: each row's time is read from a column named like one (timestamp, time, date, …) or from the
start of the message (ISO 8601, syslog, common log format, log4j, glog, epoch seconds or ms);
--time-column names the column, or none turns it off. classify says the span; patterns --json
writes each pattern's first and last seen and its rows per time bucket, instead of one row per line.
--embedder bert trains on BERT sentence embeddings; --model-dir DIR is the model's folder (config.json,
tokenizer.json, tokenizer_config.json, onnx/model_quantized.onnx for q8 or onnx/model.onnx for fp32),
e.g. public/models/Xenova/all-MiniLM-L6-v2 after npm run models:fetch. A bundle trained with BERT
needs --model-dir again to classify.

${LLM_USAGE}`;

/** Rules from a file are read too: a path, unless `default` or `none`. */
const rulesFile = (choice: string) => (choice === 'default' || choice === 'none' ? [] : [choice]);

async function loadBundle(path: string | URL) {
  let json: string;
  try {
    json = await readFile(path, 'utf8');
  } catch (error) {
    throw new InputError(`Cannot read the model bundle ${path instanceof URL ? path.pathname : path}: ${systemReason(error)}.`);
  }
  return parseBundle(json);
}

const EMBEDDER_OPTIONS = {
  embedder: { type: 'string', default: 'ngram' },
  'model-dir': { type: 'string' },
  dtype: { type: 'string' },
} as const;

/** --embedder / --model-dir / --dtype → the spec to train with and where its model is. */
async function embedderFrom(values: { embedder: string; 'model-dir'?: string; dtype?: string }): Promise<{
  embedder?: EmbedderSpec;
  embedderContext?: EmbedderContext;
}> {
  if (values.embedder === 'ngram') return {};
  if (values.embedder !== 'bert') throw new UsageError(`--embedder must be ngram or bert, got "${values.embedder}"`);
  const dir = values['model-dir'];
  if (!dir) throw new UsageError('--embedder bert needs --model-dir DIR, the folder of a BERT model (e.g. public/models/Xenova/all-MiniLM-L6-v2)');
  const runtime = bertRuntimeFromDir(dir, parseDtype(values.dtype) ?? 'q8');
  return { embedder: await describeBertModel(runtime), embedderContext: { bert: runtime } };
}

async function classifyCommand(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      model: { type: 'string' },
      out: { type: 'string' },
      explain: { type: 'boolean', default: false },
      'safe-csv': { type: 'boolean', default: false },
      'model-dir': { type: 'string' },
      dtype: { type: 'string' },
      format: { type: 'string', default: 'csv' },
      'input-format': { type: 'string' },
      workers: { type: 'string' },
      'time-column': { type: 'string', default: 'auto' },
      column: { type: 'string' },
      ...LLM_OPTIONS,
    },
  });
  if (positionals.length !== 1) throw new UsageError('classify takes one INPUT file (or - for standard input)');
  const output = values.format;
  if (output !== 'csv' && output !== 'ndjson') throw new UsageError(`--format must be csv or ndjson, got "${output}"`);
  const inputFormat = values['input-format'] ?? (positionals[0] === '-' ? 'csv' : formatFromName(positionals[0]));
  if (inputFormat !== 'csv' && inputFormat !== 'ndjson' && inputFormat !== 'text') {
    throw new UsageError(`--input-format must be csv, ndjson or text, got "${inputFormat}"`);
  }
  const workers = parseNumber('--workers', values.workers, defaultWorkers(), (n) => Number.isInteger(n) && n >= 0 && n <= 64, 'a whole number from 0 to 64');
  const [inputPath] = positionals;
  // Every path is checked before any work: the files read, and where the output goes.
  await checkInput(inputPath);
  const reads = [inputPath, ...(values.model ? [values.model] : [])];
  const outPlan = values.out !== undefined ? await planOutput('--out', values.out, reads) : null;
  if (!outPlan) await checkStandardOutput(reads);
  const llm = await llmFrom(values, process.env, { reads, outputs: outPlan ? [outPlan] : [] });
  const bundle = await loadBundle(values.model ?? DEFAULT_BUNDLE_URL);
  // The bundle says which embedder; --model-dir says where a BERT model's files are.
  const spec = bundle.embedder;
  const context: EmbedderContext =
    spec.id === 'bert' && values['model-dir'] ? { bert: bertRuntimeFromDir(values['model-dir'], parseDtype(values.dtype) ?? spec.dtype) } : {};
  const embedder = createEmbedder(spec, context);
  if (embedder instanceof BertEmbedder) await embedder.ready();
  // Year-less times (syslog) take the year of the file's last change: a log is written as it goes.
  const modifiedMs = inputPath === '-' ? undefined : (await stat(inputPath)).mtimeMs;
  const summary = await withOutput(outPlan && (await openOutput(outPlan)), (writeOut) =>
    classifyStream({
      input: inputOf(inputPath),
      format: inputFormat,
      output,
      classifier: new Classifier(bundle, embedder, { llm: llm?.tierFor(bundle) }),
      explain: values.explain,
      safeCsv: values['safe-csv'],
      ...(values.column !== undefined ? { column: values.column } : {}),
      workers,
      timeColumn: values['time-column'],
      modifiedMs,
      write: writeOut,
    }),
  );
  for (const warning of summary.warnings) say(`warning: ${warning.row ? `row ${warning.row} ` : ''}${warning.message}`);
  if (summary.warningCount > summary.warnings.length) say(`warning: … and ${summary.warningCount - summary.warnings.length} more`);
  const seconds = summary.elapsedMs / 1000;
  say(
    `${summary.rows} rows classified in ${seconds.toFixed(2)} s (${Math.round(summary.rows / Math.max(seconds, 1e-3))} rows/s), ` +
      `${summary.distinctKeys} distinct keys; ` +
      Object.entries(summary.byTier)
        .filter(([, n]) => n > 0)
        .map(([tier, n]) => `${tier} ${n}`)
        .join(', '),
  );
  if (summary.time) say(formatTimeSpan(summary.time.source, summary.time.histogram));
  if (summary.unsure > 0) say(unsureNote(summary, inputPath, !!llm));
  await llm?.finish();
}

/** Where the rows the model was not sure of went, and what to do about them. */
function unsureNote(summary: { rows: number; unsure: number; threshold?: number }, inputPath: string, hasLlm: boolean): string {
  const share = ((100 * summary.unsure) / Math.max(summary.rows, 1)).toFixed(1);
  const threshold = summary.threshold === undefined ? '' : ` (${summary.threshold})`;
  const next = hasLlm ? 'the LLM tier did not label them' : 'an LLM tier (--llm) can label them';
  return (
    `${summary.unsure} rows (${share}%) are Unclassified because the model was not sure: below the confidence threshold${threshold}, ` +
    `or a label with too few examples. ${next[0].toUpperCase()}${next.slice(1)}; \`logsift patterns ${inputPath === '-' ? 'FILE' : inputPath}\` groups lines into patterns to write rules from.`
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
    options: { ...SETTINGS_OPTIONS, ...EMBEDDER_OPTIONS, out: { type: 'string' }, name: { type: 'string' }, column: { type: 'string' } },
  });
  if (positionals.length !== 1) throw new UsageError('train takes one LABELED.csv file');
  if (values.out === undefined) throw new UsageError('train needs --out BUNDLE.json');
  await checkInput(positionals[0]);
  const outPlan = await planOutput('--out', values.out, [positionals[0], ...rulesFile(values.rules)]);
  const settings = await settingsFrom(values);
  const embedding = await embedderFrom(values);
  const { rows, warnings } = await readLabelledRows(inputOf(positionals[0]), 'csv', undefined, values.column);
  for (const warning of warnings) say(`warning: ${warning.row ? `row ${warning.row} ` : ''}${warning.message}`);
  const started = Date.now();
  const bundle = await trainBundle(rows, {
    name: values.name ?? `Trained on ${basename(positionals[0])}`,
    ...settings,
    ...embedding,
  });
  await writeOutput(outPlan, serializeBundle(bundle));
  say(`trained on ${rows.length} rows, ${bundle.labels.length} labels, in ${((Date.now() - started) / 1000).toFixed(2)} s → ${values.out}`);
}

async function evalCommand(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      ...SETTINGS_OPTIONS,
      ...EMBEDDER_OPTIONS,
      'test-fraction': { type: 'string' },
      // The page's training workspace holds out the same share with the same seed: one file, one set of figures.
      seed: { type: 'string', default: String(DEFAULT_HOLD_OUT.seed) },
      json: { type: 'boolean', default: false },
      column: { type: 'string' },
      ...LLM_OPTIONS,
    },
  });
  if (positionals.length !== 1) throw new UsageError('eval takes one LABELED.csv file');
  await checkInput(positionals[0]);
  const llm = await llmFrom(values, process.env, { reads: [positionals[0], ...rulesFile(values.rules)], outputs: [] });
  const testFraction = parseNumber('--test-fraction', values['test-fraction'], DEFAULT_HOLD_OUT.testFraction, (n) => n > 0 && n < 1, 'between 0 and 1');
  const settings = await settingsFrom(values);
  const embedding = await embedderFrom(values);
  const { rows } = await readLabelledRows(inputOf(positionals[0]), 'csv', undefined, values.column);
  const result = await evaluate(rows, {
    testFraction,
    seed: values.seed,
    ...settings,
    ...embedding,
    llm: llm ? (bundle) => llm.tierFor(bundle) : undefined,
  });
  // Label names come from the file: the report shows them escaped (JSON escapes them itself).
  process.stdout.write(values.json ? JSON.stringify(result) + '\n' : formatEvaluation(result).split('\n').map(printable).join('\n'));
  await llm?.finish();
}

const COMMANDS: Record<string, (args: string[]) => Promise<void>> = {
  classify: classifyCommand,
  train: trainCommand,
  eval: evalCommand,
  patterns: patternsCommand,
};

const HINT = 'Run "logsift --help" for the commands and their options.';

export async function main(argv: string[]): Promise<number> {
  // A reader that stops early (`logsift classify x.csv | head`) closes the pipe: stop quietly.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(141);
    say(`logsift: cannot write to standard output: ${systemReason(error)}`);
    process.exit(1);
  });
  const [command, ...args] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(USAGE);
    return command ? 0 : 2;
  }
  const run = COMMANDS[command];
  if (!run) {
    say(`logsift: unknown command "${command}" (commands: ${Object.keys(COMMANDS).join(', ')})`);
    say(HINT);
    return 2;
  }
  try {
    await run(args);
    return 0;
  } catch (error) {
    // One line (file content in it escaped), and at most a hint; never a stack trace.
    const message = (error as Error)?.message ?? String(error);
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      say(`logsift: ${message}`);
      say(HINT);
      return 2;
    }
    if (error instanceof InputError || error instanceof BundleError || error instanceof ModelError || error instanceof LlmHttpError) {
      say(`logsift: ${message}`);
      return 1;
    }
    const { code, path } = error as { code?: string; path?: string };
    if (code && path) say(`logsift: ${path}: ${systemReason(error)}`);
    else if (code) say(`logsift: ${systemReason(error)}`);
    else {
      say(`logsift: ${message}`);
      if (process.env.LOGSIFT_DEBUG) process.stderr.write(`${(error as Error)?.stack ?? ''}\n`);
      else say('(An unexpected error: LOGSIFT_DEBUG=1 shows where it happened.)');
    }
    return 1;
  }
}
