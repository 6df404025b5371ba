/**
 * Scale benchmark, printed, not asserted:
 *   npm run bench:scale [-- --rows 1000000,5000000 --reps 3 --skip-page --skip-cli --dist dist-scale]
 *
 * For each size, on generated data (timestamp, source, log_message, request_id; no labels):
 *  - parse-only floor: papaparse's streaming parser over the same file, nothing else – in Node,
 *    and in headless Chromium (a blank page, the file as a File read slice by slice);
 *  - CLI: `logsift classify FILE --out /dev/null`: rows/s, peak RSS (GNU time's %M), embedding
 *    calls (= distinct masked keys), the ratio to the Node floor;
 *  - page: the built app in headless Chromium, once ready (bundle loaded, offline copy installed),
 *    file pick to summary: rows/s, the ratio to the
 *    browser floor, peak memory – the highest VmHWM (peak resident set, /proc/<pid>/status) of
 *    a Chromium process (the tab's renderer holds the page and all its workers) and the highest
 *    sum of VmRSS over all Chromium processes sampled every 250 ms – and embedding calls. The page
 *    runs in a browser profile on disk, as a user's does (its OPFS output file is on disk).
 * Each figure is the median of --reps runs (the machine may be shared). Generated files are
 * kept in bench-data/ (git-ignored) for later runs.
 */
import { spawnSync } from 'node:child_process';
import { createReadStream, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { availableParallelism, cpus, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import Papa from 'papaparse';
import { chromium, type Browser } from 'playwright-core';
import { generateLogs } from '../src/core/generate/generator.ts';
import { writeCsvOnce } from './lib/bench-data.ts';
import { timeFilePickToSummary, waitForReadyPage } from './lib/page-timing.ts';
import { startPreview } from './lib/preview.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '1000000,5000000' },
    reps: { type: 'string', default: '3' },
    'skip-page': { type: 'boolean', default: false },
    'skip-cli': { type: 'boolean', default: false },
    dist: { type: 'string', default: process.env.LOGSIFT_DIST ?? 'dist' },
    'no-build': { type: 'boolean', default: false },
  },
});
const sizes = values.rows.split(',').map((s) => Number(s.trim())).filter((n) => n > 0);
const reps = Math.max(1, Number(values.reps));
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** A generated CSV of `rows` rows (about 130 bytes a row), written once. */
function benchFile(rows: number): Promise<string> {
  return writeCsvOnce(`${root}bench-data/scale-${rows}.csv`, ['timestamp', 'source', 'log_message', 'request_id'], scaleRows(rows));
}

function* scaleRows(rows: number): Generator<string[]> {
  let i = 0;
  for (const log of generateLogs({ rows, seed: 8 })) {
    const id = (++i * 2654435761) >>> 0;
    yield [log.timestamp, log.source, log.log_message, `req-${id.toString(16).padStart(8, '0')}-${(i % 9973).toString(36)}`];
  }
}

/** Parse-only floor in Node: papaparse's low-level parser over the file, chunk by chunk. */
async function parseOnlyNode(path: string): Promise<{ rows: number; ms: number }> {
  const LowLevel = (Papa as unknown as { Parser: new (c: object) => { parse(t: string, b: number, i: boolean): { data: unknown[]; meta: { cursor: number } } } }).Parser;
  const started = performance.now();
  const decoder = new TextDecoder();
  const parser = new LowLevel({ delimiter: ',', newline: '\n', quoteChar: '"' });
  let pending = '';
  let rows = 0;
  for await (const buffer of createReadStream(path, { highWaterMark: 1 << 20 })) {
    pending += decoder.decode(buffer as Buffer, { stream: true });
    const result = parser.parse(pending, 0, true);
    rows += result.data.length;
    pending = pending.slice(result.meta.cursor);
  }
  rows += parser.parse(pending, 0, false).data.length;
  return { rows: rows - 1, ms: performance.now() - started };
}

async function benchCli(path: string, rows: number, floorMs: number): Promise<void> {
  const runs: { ms: number; pipelineMs: number; rssKb: number; keys: number }[] = [];
  const hasTime = existsSync('/usr/bin/time');
  for (let r = 0; r < reps; r++) {
    const args = [`${root}bin/logsift.js`, 'classify', path, '--out', '/dev/null'];
    const started = performance.now();
    const run = hasTime
      ? spawnSync('/usr/bin/time', ['-f', 'PEAK_RSS_KB=%M', process.execPath, ...args], { encoding: 'utf8', maxBuffer: 1 << 26 })
      : spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 26 });
    const ms = performance.now() - started;
    if (run.status !== 0) throw new Error(`CLI failed: ${run.stderr.slice(-2000)}`);
    const summary = /(\d+) rows classified in ([\d.]+) s .*?, (\d+) distinct keys/.exec(run.stderr);
    runs.push({
      ms,
      pipelineMs: summary ? Number(summary[2]) * 1000 : ms,
      rssKb: Number(/PEAK_RSS_KB=(\d+)/.exec(run.stderr)?.[1] ?? NaN),
      keys: summary ? Number(summary[3]) : NaN,
    });
  }
  const ms = median(runs.map((r) => r.ms));
  const pipelineMs = median(runs.map((r) => r.pipelineMs));
  console.log(
    `  CLI classify:         ${fmt((rows * 1000) / ms)} rows/s end to end (median ${(ms / 1000).toFixed(2)} s incl. start-up; ` +
      `${fmt((rows * 1000) / pipelineMs)} rows/s in the pipeline), ${(ms / floorMs).toFixed(2)}× the Node parse-only time, ` +
      `peak RSS ${hasTime ? mb(median(runs.map((r) => r.rssKb)) * 1024) : 'n/a (no /usr/bin/time)'}, ` +
      `${fmt(runs[0].keys)} embedding calls (= distinct keys)  [target ≥ 300,000 rows/s]`,
  );
  console.log(`                        runs: ${runs.map((r) => `${(r.ms / 1000).toFixed(2)} s`).join(', ')}`);
}

/** Every process below this one (Chromium and its children). */
function descendants(): number[] {
  const parents = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const list = parents.get(ppid) ?? [];
      list.push(Number(entry));
      parents.set(ppid, list);
    } catch {
      // gone
    }
  }
  const out: number[] = [];
  const walk = (pid: number) => {
    for (const child of parents.get(pid) ?? []) {
      out.push(child);
      walk(child);
    }
  };
  walk(process.pid);
  return out;
}

function statusKb(pid: number, field: 'VmHWM' | 'VmRSS'): number {
  try {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

function chromiumPids(): number[] {
  return descendants().filter((pid) => {
    try {
      return /chrom/i.test(readFileSync(`/proc/${pid}/cmdline`, 'utf8'));
    } catch {
      return false;
    }
  });
}

function isRenderer(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('--type=renderer');
  } catch {
    return false;
  }
}

/** Parse-only floor in Chromium: a blank page, the file as a File, papaparse over 1 MiB slices. */
async function parseOnlyBrowser(browser: Browser, path: string): Promise<{ rows: number; ms: number }> {
  const page = await browser.newPage();
  try {
    await page.setContent('<input type="file" id="f">');
    await page.addScriptTag({ path: `${root}node_modules/papaparse/papaparse.min.js` });
    await page.locator('#f').setInputFiles(path);
    return await page.evaluate(async () => {
      const file = (document.getElementById('f') as HTMLInputElement).files![0];
      const P = (window as unknown as { Papa: { Parser: new (c: object) => { parse(t: string, b: number, i: boolean): { data: unknown[]; meta: { cursor: number } } } } }).Papa;
      const started = performance.now();
      const decoder = new TextDecoder();
      const parser = new P.Parser({ delimiter: ',', newline: '\n', quoteChar: '"' });
      let pending = '';
      let rows = 0;
      for (let at = 0; at < file.size; at += 1 << 20) {
        pending += decoder.decode(new Uint8Array(await file.slice(at, at + (1 << 20)).arrayBuffer()), { stream: true });
        const result = parser.parse(pending, 0, true);
        rows += result.data.length;
        pending = pending.slice(result.meta.cursor);
      }
      rows += parser.parse(pending, 0, false).data.length;
      return { rows: rows - 1, ms: performance.now() - started };
    });
  } finally {
    await page.close();
  }
}

async function benchPage(path: string, rows: number): Promise<void> {
  const preview = await startPreview(values.dist);
  const floors: number[] = [];
  const runs: { ms: number; hwmKb: number; sumKb: number; embeddings: string }[] = [];
  try {
    for (let r = 0; r < reps; r++) {
      const browser = await chromium.launch({ executablePath: process.env.LOGSIFT_CHROMIUM ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
      try {
        floors.push((await parseOnlyBrowser(browser, path)).ms);
      } finally {
        await browser.close();
      }
    }
    for (let r = 0; r < reps; r++) {
      // A fresh browser per run, so that each VmHWM is this run's peak; a profile on disk, as a
      // user has (an incognito context would keep the OPFS output file in the browser's memory).
      const profile = mkdtempSync(join(tmpdir(), 'logsift-bench-'));
      const browser = await chromium.launchPersistentContext(profile, { executablePath: process.env.LOGSIFT_CHROMIUM ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
      try {
        const page = browser.pages()[0] ?? (await browser.newPage());
        await page.goto(preview.url);
        await waitForReadyPage(page);
        let sumKb = 0;
        const sampler = setInterval(() => {
          sumKb = Math.max(sumKb, chromiumPids().reduce((s, pid) => s + statusKb(pid, 'VmRSS'), 0));
        }, 250);
        const ms = await timeFilePickToSummary(page, path);
        clearInterval(sampler);
        const shown = (await page.getByTestId('summary-rows').innerText()).replace(/\D/g, '');
        if (Number(shown) !== rows) throw new Error(`the page classified ${shown} rows, expected ${rows}`);
        const pids = chromiumPids();
        const hwmKb = Math.max(...pids.filter(isRenderer).map((pid) => statusKb(pid, 'VmHWM')));
        const embeddings = (await page.getByTestId('summary-embeddings').innerText().catch(() => '?')).trim();
        runs.push({ ms, hwmKb, sumKb, embeddings });
      } finally {
        await browser.close();
        rmSync(profile, { recursive: true, force: true });
      }
    }
  } finally {
    await preview.stop();
  }
  const ms = median(runs.map((r) => r.ms));
  const floor = median(floors);
  console.log(`  page parse-only floor: ${fmt((rows * 1000) / floor)} rows/s (median ${(floor / 1000).toFixed(2)} s; papaparse in a Chromium tab)`);
  console.log(
    `  page classify:        ${fmt((rows * 1000) / ms)} rows/s (median ${(ms / 1000).toFixed(2)} s from file pick to summary), ` +
      `${(ms / floor).toFixed(2)}× the browser parse-only time  [target ≤ 2×]`,
  );
  console.log(
    `                        peak memory: tab renderer VmHWM ${mb(median(runs.map((r) => r.hwmKb)) * 1024)}  [target < 1 GiB], ` +
      `all Chromium processes (sampled VmRSS sum) ${mb(median(runs.map((r) => r.sumKb)) * 1024)}; embedding calls ${runs[0].embeddings}`,
  );
  console.log(`                        runs: ${runs.map((r) => `${(r.ms / 1000).toFixed(2)} s / ${mb(r.hwmKb * 1024)}`).join(', ')}`);
}

console.log(
  `logsift bench:scale on ${availableParallelism()} cores (${cpus()[0]?.model ?? 'unknown CPU'}), ${mb(totalmem())} RAM, Node ${process.version}; ` +
    `median of ${reps} run(s) each`,
);
if (!values['skip-page'] && !values['no-build']) {
  const build = spawnSync(process.execPath, [`${root}node_modules/vite/bin/vite.js`, 'build', '--outDir', values.dist], { cwd: root, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`build failed: ${build.stderr}`);
}
for (const rows of sizes) {
  const path = await benchFile(rows);
  console.log(`\n${fmt(rows)} rows, ${mb(statSync(path).size)} (${path.replace(root, '')}):`);
  const floorRuns: number[] = [];
  for (let r = 0; r < reps; r++) floorRuns.push((await parseOnlyNode(path)).ms);
  const floorMs = median(floorRuns);
  console.log(`  Node parse-only floor: ${fmt((rows * 1000) / floorMs)} rows/s (median ${(floorMs / 1000).toFixed(2)} s; papaparse, one thread)`);
  if (!values['skip-cli']) await benchCli(path, rows, floorMs);
  if (!values['skip-page']) await benchPage(path, rows);
}

