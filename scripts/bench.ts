/**
 * Benchmarks, printed (not asserted): `npm run bench [-- --cli-rows N --train-rows N --page-rows N --skip-page]`
 *  - CLI: rows/s classifying a generated CSV with the built-in bundle (default 1,000,000 rows);
 *  - training: seconds to train a bundle on generated labelled rows (default 100,000);
 *  - page: rows/s of the built app in headless Chromium (default 200,000 rows; builds dist/ first).
 * Targets (issue #2): CLI ≥ 250,000 rows/s, page ≥ 100,000 rows/s, training ≤ 10 s.
 */
import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync } from 'node:fs';
import { once } from 'node:events';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { csvLine } from '../src/core/csv/format.ts';
import { DEFAULT_RULES, DEFAULT_SOURCE_ROUTES, DEFAULT_THRESHOLDS } from '../src/core/defaults.ts';
import { generateLogs } from '../src/core/generate/generator.ts';
import { trainBundle } from '../src/core/train.ts';
import { startPreview } from './lib/preview.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const dataDir = `${root}bench-data/`;
const { values } = parseArgs({
  options: {
    'cli-rows': { type: 'string', default: '1000000' },
    'train-rows': { type: 'string', default: '100000' },
    'page-rows': { type: 'string', default: '200000' },
    'skip-page': { type: 'boolean', default: false },
  },
});

/** Writes (once; reused by later runs) a generated CSV without labels, like a user's export. */
async function benchFile(rows: number, seed: number): Promise<string> {
  const path = `${dataDir}logs-${rows}-${seed}.csv`;
  if (existsSync(path)) return path;
  mkdirSync(dataDir, { recursive: true });
  const out = createWriteStream(path);
  let chunk = csvLine(['timestamp', 'source', 'log_message']);
  for (const log of generateLogs({ rows, seed })) {
    chunk += csvLine([log.timestamp, log.source, log.log_message]);
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(chunk);
  await once(out, 'finish');
  return path;
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

async function benchPage(rows: number): Promise<void> {
  const path = await benchFile(rows, 3);
  const build = spawnSync('npm', ['run', '--silent', 'build'], { cwd: root, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`build failed: ${build.stderr}`);
  const preview = await startPreview();
  const browser = await chromium.launch({
    executablePath: process.env.LOGSIFT_CHROMIUM ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = await browser.newPage();
    await page.goto(preview.url);
    await page.getByTestId('bundle-name').waitFor();
    const started = performance.now();
    await page.getByTestId('log-file-input').setInputFiles(path);
    await page.getByTestId('summary').waitFor({ timeout: 600_000 });
    const ms = performance.now() - started;
    console.log(`page classify, ${rows.toLocaleString('en-US')} rows in headless Chromium: ${perSecond(rows, ms)} rows/s (${(ms / 1000).toFixed(2)} s from file pick to summary)  [target ≥ 100,000]`);
  } finally {
    await browser.close();
    await preview.stop();
  }
}

console.log(`logsift bench on ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown CPU'}), Node ${process.version}`);
await benchCli(Number(values['cli-rows']));
await benchTraining(Number(values['train-rows']));
if (!values['skip-page']) await benchPage(Number(values['page-rows']));
