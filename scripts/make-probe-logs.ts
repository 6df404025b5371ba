/**
 * Writes the hand-made probe log families (scripts/lib/probe-logs) in the Loghub-2k structured
 * layout that the pattern benchmark reads:
 *   npx tsx scripts/make-probe-logs.ts OUTDIR [--set dev|held-out|all] [--seed N] [--force]
 * makes OUTDIR/<System>/<System>_2k.log_structured_corrected.csv (LineId,Content,EventId,
 * EventTemplate; 2,000 lines each) for every family of the set (default dev) and prints, per
 * system, its lines and events. An existing non-empty OUTDIR is refused unless --force; even then
 * only the CSV files named above are written over, and nothing is deleted.
 */
import { mkdir, readdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { csvLine } from '../src/core/csv/format.ts';
import { DEV_FAMILIES, HELD_OUT_FAMILIES, probeSystem, type ProbeFamily } from './lib/probe-logs/index.ts';

const USAGE = 'usage: npx tsx scripts/make-probe-logs.ts OUTDIR [--set dev|held-out|all] [--seed N] [--force]\n';
const SETS: Record<string, readonly ProbeFamily[]> = {
  dev: DEV_FAMILIES,
  'held-out': HELD_OUT_FAMILIES,
  all: [...DEV_FAMILIES, ...HELD_OUT_FAMILIES],
};

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

let parsed;
try {
  parsed = parseArgs({
    args: process.argv.slice(2),
    allowPositionals: true,
    options: { set: { type: 'string', default: 'dev' }, seed: { type: 'string', default: '1' }, force: { type: 'boolean', default: false }, help: { type: 'boolean', default: false } },
  });
} catch (error) {
  fail(`${(error as Error).message}\n${USAGE}`);
}
const { values, positionals } = parsed;
if (values.help) {
  process.stdout.write(USAGE);
  process.exit(0);
}
if (positionals.length !== 1) fail(USAGE.trimEnd());
const families = SETS[values.set];
if (!families) fail(`unknown --set ${values.set}: use dev, held-out or all`);
const seed = Number(values.seed);
if (!Number.isInteger(seed)) fail(`--seed must be an integer, got ${values.seed}`);

const outDir = positionals[0];
const existing = await stat(outDir).catch(() => null);
if (existing && !existing.isDirectory()) fail(`${outDir} exists and is not a folder`);
if (existing && (await readdir(outDir)).length > 0 && !values.force) {
  fail(`${outDir} is not empty; choose an empty or new folder, or pass --force to write over just the probe CSV files in it`);
}

const header = 'LineId,Content,EventId,EventTemplate\n';
for (const family of families) {
  const data = probeSystem(family, seed);
  let text = header;
  for (let i = 0; i < data.contents.length; i++) text += csvLine([String(i + 1), data.contents[i], data.eventIds[i], data.templates[i]]);
  const folder = join(outDir, data.system);
  await mkdir(folder, { recursive: true });
  const file = join(folder, `${data.system}_2k.log_structured_corrected.csv`);
  await writeFile(file, text);
  const events = new Set(data.eventIds).size;
  process.stdout.write(`${data.system.padEnd(12)} ${String(data.contents.length).padStart(5)} lines ${String(events).padStart(3)} events  ${file}\n`);
}
