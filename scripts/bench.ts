/**
 * Benchmarks, printed (not asserted): `npm run bench [-- --cli-rows N --train-rows N --page-rows N --skip-page]`
 *  - CLI: rows/s classifying a generated CSV with the built-in bundle (default 1,000,000 rows);
 *  - training: seconds to train a bundle on generated labelled rows (default 100,000);
 *  - page: rows/s of the built app in headless Chromium (default 200,000 rows; builds dist/ first).
 *  - BERT: sentences/s of the BERT embedder in Node (default the tiny test model;
 *    `--bert-model-dir public/models/Xenova/all-MiniLM-L6-v2` after `npm run models:fetch`), and
 *    embedding calls per 1,000,000 generated rows classified through the pipeline (`--bert-rows`).
 *    `--skip-bert` leaves it out.
 *  - BERT in the page: sentences/s of the tiny test model in headless Chromium (WASM),
 *    imported through the Models panel's file input and run by its "Check the embedder" on the
 *    same distinct messages as the Node figure (`--bert-page-model-dir` for another model folder).
 *    Left out with --skip-page or --skip-bert.
 * Targets: CLI ≥ 250,000 rows/s, page ≥ 100,000 rows/s, training ≤ 10 s.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { DEFAULT_RULES, DEFAULT_SOURCE_ROUTES, DEFAULT_THRESHOLDS } from '../src/core/defaults.ts';
import { generateLogs } from '../src/core/generate/generator.ts';
import { trainBundle } from '../src/core/training/train.ts';
import { Classifier } from '../src/core/classifier.ts';
import { createBertEmbedder, describeBertModel, unloadBertModels, type BertDtype } from '../src/core/features/bert.ts';
import { maskMessage } from '../src/core/message-key.ts';
import { bertRuntimeFromDir } from '../src/cli/bert-model.ts';
import { writeCsvOnce } from './lib/bench-data.ts';
import { timeFilePickToSummary, waitForReadyPage } from './lib/page-timing.ts';
import { startPreview } from './lib/preview.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const dataDir = `${root}bench-data/`;
const { values } = parseArgs({
  options: {
    'cli-rows': { type: 'string', default: '1000000' },
    'train-rows': { type: 'string', default: '100000' },
    'page-rows': { type: 'string', default: '200000' },
    'skip-page': { type: 'boolean', default: false },
    'skip-bert': { type: 'boolean', default: false },
    'bert-model-dir': { type: 'string', default: `${root}public/models/test-tiny-bert` },
    'bert-sentences': { type: 'string', default: '5000' },
    'bert-rows': { type: 'string', default: '1000000' },
    'bert-page-model-dir': { type: 'string', default: `${root}public/models/test-tiny-bert` },
  },
});

/** Writes (once; reused by later runs) a generated CSV without labels, like a user's export. */
function benchFile(rows: number, seed: number): Promise<string> {
  return writeCsvOnce(`${dataDir}logs-${rows}-${seed}.csv`, ['timestamp', 'source', 'log_message'], unlabelledRows(rows, seed));
}

function* unlabelledRows(rows: number, seed: number): Generator<string[]> {
  for (const log of generateLogs({ rows, seed })) yield [log.timestamp, log.source, log.log_message];
}

const perSecond = (rows: number, ms: number) => Math.round((rows * 1000) / ms).toLocaleString('en-US');

async function benchCli(rows: number): Promise<void> {
  const path = await benchFile(rows, 1);
  const started = performance.now();
  const run = spawnSync(process.execPath, [`${root}bin/logsift.js`, 'classify', path, '--out', '/dev/null'], { encoding: 'utf8' });
  const wallMs = performance.now() - started;
  if (run.status !== 0) throw new Error(`CLI failed: ${run.stderr}`);
  const pipeline = /in ([\d.]+) s/.exec(run.stderr);
  console.log(
    `CLI classify, ${rows.toLocaleString('en-US')} rows: ${perSecond(rows, wallMs)} rows/s end to end (${(wallMs / 1000).toFixed(2)} s incl. start-up)` +
      (pipeline ? `, ${perSecond(rows, Number(pipeline[1]) * 1000)} rows/s in the pipeline` : '') +
      '  [target ≥ 250,000]',
  );
}

async function benchTraining(rows: number): Promise<void> {
  const labelled = Array.from(generateLogs({ rows, seed: 2 }), (log) => ({ message: log.log_message, label: log.target_label, source: log.source }));
  const started = performance.now();
  const bundle = await trainBundle(labelled, { name: 'bench', rules: DEFAULT_RULES, sourceRoutes: DEFAULT_SOURCE_ROUTES, ...DEFAULT_THRESHOLDS });
  const seconds = (performance.now() - started) / 1000;
  console.log(`training on ${rows.toLocaleString('en-US')} rows (${bundle.labels.length} labels): ${seconds.toFixed(2)} s  [target ≤ 10 s]`);
}

let built = false;
function buildOnce(): void {
  if (built) return;
  const build = spawnSync('npm', ['run', '--silent', 'build'], { cwd: root, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`build failed: ${build.stderr}`);
  built = true;
}

async function benchPage(rows: number): Promise<void> {
  const path = await benchFile(rows, 3);
  buildOnce();
  const preview = await startPreview();
  const browser = await chromium.launch({
    executablePath: process.env.LOGSIFT_CHROMIUM ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = await browser.newPage();
    await page.goto(preview.url);
    await waitForReadyPage(page);
    const ms = await timeFilePickToSummary(page, path, 600_000);
    console.log(`page classify, ${rows.toLocaleString('en-US')} rows in headless Chromium: ${perSecond(rows, ms)} rows/s (${(ms / 1000).toFixed(2)} s from file pick to summary)  [target ≥ 100,000]`);
  } finally {
    await browser.close();
    await preview.stop();
  }
}

/** Distinct masked generated messages, the same for the Node and the page figures. */
function distinctMessages(count: number): string[] {
  const distinct = new Set<string>();
  for (const log of generateLogs({ rows: count * 20, seed: 4 })) {
    distinct.add(maskMessage(log.log_message));
    if (distinct.size === count) break;
  }
  return [...distinct];
}

/** BERT in the built page: import the model's files, then time the worker's embedding of `sentences` texts (WASM in headless Chromium). */
async function benchBertPage(modelDir: string, sentences: number): Promise<void> {
  buildOnce();
  const files = readdirSync(modelDir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
  const texts = distinctMessages(sentences);
  const preview = await startPreview();
  const browser = await chromium.launch({
    executablePath: process.env.LOGSIFT_CHROMIUM ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = await browser.newPage();
    await page.goto(preview.url);
    const panel = page.getByTestId('models-panel');
    await panel.getByTestId('no-models').waitFor();
    await panel.getByTestId('model-files-input').setInputFiles(files);
    // The import retrains the built-in default on the new model; wait for it to finish.
    await page.waitForFunction(() => /is now in use|cannot|could not/.test(document.querySelector('[data-testid="models-panel"]')?.textContent ?? ''), null, { timeout: 600_000 });
    await panel.getByText('Check the embedder').click();
    const embed = async (list: string[]) => {
      // Set the textarea directly: typing thousands of lines through fill() is slow.
      await panel.getByTestId('embed-input').evaluate((el, value) => {
        (el as HTMLTextAreaElement).value = value;
        el.dispatchEvent(new Event('input', { bubbles: true }));
      }, list.join('\n'));
      const before = await panel.getByTestId('throughput').innerText();
      await panel.getByTestId('embed-run').click();
      await page.waitForFunction((old) => {
        const text = document.querySelector('[data-testid="throughput"]')?.textContent ?? '';
        return text !== old && /the embedder check/.test(text);
      }, before, { timeout: 600_000 });
      return panel.getByTestId('throughput').innerText();
    };
    await embed(texts.slice(0, 64)); // warm-up
    const line = await embed(texts);
    const summary = await panel.getByTestId('embed-summary').innerText();
    const backend = /on (WASM|WebGPU) \((\w+)\)/.exec(summary);
    console.log(`BERT embedder in headless Chromium, ${/\(the embedder check, ([^,]+),/.exec(line)?.[1] ?? modelDir} ${backend ? `${backend[1]} ${backend[2]}` : ''}: ${/^([\d,]+) sentences\/s/.exec(line)?.[1] ?? '?'} sentences/s on ${texts.length.toLocaleString('en-US')} distinct masked messages (batch 32, length-sorted, one WASM thread: the preview server sends no cross-origin isolation headers)`);
  } finally {
    await browser.close();
    await preview.stop();
  }
}

/** BERT in Node: sentences/s per dtype on distinct generated messages, and embedding calls per N rows. */
async function benchBert(modelDir: string, sentences: number, rows: number): Promise<void> {
  const texts = distinctMessages(sentences);
  for (const dtype of ['q8', 'fp32'] as BertDtype[]) {
    let runtime;
    try {
      runtime = bertRuntimeFromDir(modelDir, dtype, { cacheSize: 0 });
    } catch (error) {
      console.log(`BERT ${dtype}: skipped (${(error as Error).message})`);
      continue;
    }
    const spec = await describeBertModel(runtime);
    const embedder = createBertEmbedder(spec, runtime);
    await embedder.embed(texts.slice(0, 64)); // warm-up: session start, first allocations
    const started = performance.now();
    await embedder.embed(texts);
    const ms = performance.now() - started;
    console.log(`BERT embedder in Node, ${spec.model} ${dtype} (dim ${spec.dim}): ${perSecond(texts.length, ms)} sentences/s on ${texts.length.toLocaleString('en-US')} distinct masked messages (batch 32, length-sorted)`);
  }

  const runtime = bertRuntimeFromDir(modelDir, 'q8');
  const spec = await describeBertModel(runtime);
  const labelled = Array.from(generateLogs({ rows: 20_000, seed: 5 }), (log) => ({ message: log.log_message, label: log.target_label, source: log.source }));
  const bundle = await trainBundle(labelled, { name: 'bench', rules: DEFAULT_RULES, sourceRoutes: DEFAULT_SOURCE_ROUTES, ...DEFAULT_THRESHOLDS, embedder: spec, embedderContext: { bert: runtime } });
  const embedder = createBertEmbedder(spec, runtime);
  const classifier = new Classifier(bundle, embedder);
  const started = performance.now();
  let batch: { message: string; source: string }[] = [];
  for (const log of generateLogs({ rows, seed: 1 })) {
    batch.push({ message: log.log_message, source: log.source });
    if (batch.length === 8192) {
      await classifier.classify(batch);
      batch = [];
    }
  }
  await classifier.classify(batch);
  const ms = performance.now() - started;
  console.log(
    `BERT classify, ${rows.toLocaleString('en-US')} generated rows (default rules and routes): ${embedder.embeddedTexts.toLocaleString('en-US')} embedding calls ` +
      `(= ${classifier.distinctKeys.toLocaleString('en-US')} distinct masked keys), ${perSecond(rows, ms)} rows/s in Node with ${spec.model} q8`,
  );
  await unloadBertModels();
}

console.log(`logsift bench on ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown CPU'}), Node ${process.version}`);
await benchCli(Number(values['cli-rows']));
await benchTraining(Number(values['train-rows']));
if (!values['skip-bert']) await benchBert(values['bert-model-dir'], Number(values['bert-sentences']), Number(values['bert-rows']));
if (!values['skip-page']) await benchPage(Number(values['page-rows']));
if (!values['skip-page'] && !values['skip-bert']) await benchBertPage(values['bert-page-model-dir'], Number(values['bert-sentences']));
