/**
 * Measures a bundle on real logs with silver labels:
 *   npm run bench:real-logs -- LOGHUB_DIR LABELS_DIR [--model BUNDLE.json | --hold-out] [--sure] [--confusions 8] [--json]
 * LOGHUB_DIR holds one folder per system with `<S>_2k.log_structured.csv` (Content, EventId);
 * LABELS_DIR holds `<S>.csv` (EventId,label,sure,template): one label per ground-truth template.
 * Each line's message (Content) is classified as `classify` would (rules, model; no LLM), and
 * scored per system and pooled: coverage (lines not Unclassified), accuracy of the labels given,
 * overall accuracy, macro-F1 over the labels present in the truth, per-label F1 and the most
 * common confusions. --sure scores only the lines whose template label is marked sure.
 * --hold-out measures what the built-in bundle does on software it has never seen: for each
 * system it trains the built-in bundle's recipe without the corpus families of that system's
 * whole area (HOLD_OUT_GROUPS: HDFS without any big-data family, OpenSSH without any Linux
 * family, …) and scores the system with that bundle.
 * It also scores 20,000 fresh rows of the generated business example data (another seed than the
 * bundle's), so that gains on real logs are never paid for on the example sources.
 * The data is measured only: it is read from where it is and never copied or trained on.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { parseBundle } from '../src/core/bundle.ts';
import { Classifier } from '../src/core/classifier.ts';
import { scoreAgainstTruth, type AgreementScore } from '../src/core/training/agreement.ts';
import type { ModelBundle } from '../src/core/bundle.ts';
import { trainDefaultBundle } from './lib/default-bundle.ts';
import { generateLogs } from '../src/core/generate/generator.ts';
import { loghubSystems, readLoghubSystem, readTemplateLabels } from './lib/loghub.ts';

const DEFAULT_BUNDLE = new URL('../public/default-bundle.json', import.meta.url);

/** The corpus groups (src/core/generate/system/families) that cover each Loghub system's area. */
const HOLD_OUT_GROUPS: Record<string, string[]> = {
  Apache: ['web'],
  HDFS: ['bigdata'],
  Hadoop: ['bigdata'],
  HPC: ['hpc'],
  Linux: ['linux'],
  OpenSSH: ['linux'],
  Proxifier: ['network'],
  Zookeeper: ['jvm'],
};

/** Bundles trained without some groups, one per distinct set of groups. */
const heldOutBundles = new Map<string, Promise<ModelBundle>>();
function bundleWithout(groups: string[]): Promise<ModelBundle> {
  const key = [...groups].sort().join(',');
  let bundle = heldOutBundles.get(key);
  if (!bundle) {
    process.stderr.write(`training the built-in recipe without ${key}…\n`);
    bundle = trainDefaultBundle({ excludeGroups: groups });
    heldOutBundles.set(key, bundle);
  }
  return bundle;
}

async function main() {
  const { values, positionals } = parseArgs({
    args: process.argv.slice(2),
    allowPositionals: true,
    options: {
      model: { type: 'string' },
      sure: { type: 'boolean', default: false },
      confusions: { type: 'string', default: '8' },
      json: { type: 'boolean', default: false },
      'hold-out': { type: 'boolean', default: false },
    },
  });
  if (positionals.length !== 2) {
    process.stderr.write('usage: npm run bench:real-logs -- LOGHUB_DIR LABELS_DIR [--model BUNDLE.json] [--sure] [--json]\n');
    process.exit(2);
  }
  const [dir, labelsDir] = positionals;
  const holdOut = values['hold-out'];
  if (holdOut && values.model) {
    process.stderr.write('--hold-out trains its own bundles; it cannot be combined with --model\n');
    process.exit(2);
  }
  const shipped = holdOut ? null : parseBundle(await readFile(values.model ?? DEFAULT_BUNDLE, 'utf8'));

  const pooledTruth: string[] = [];
  const pooledPredicted: string[] = [];
  const perSystem: { system: string; score: AgreementScore; without?: string[] }[] = [];
  for (const system of await loghubSystems(dir)) {
    const data = await readLoghubSystem(dir, system, '_structured.csv');
    if (!data) continue;
    const labels = await readTemplateLabels(join(labelsDir, `${system}.csv`)).catch(() => null);
    if (!labels) {
      process.stderr.write(`${system}: no ${system}.csv in ${labelsDir}, skipped\n`);
      continue;
    }
    const truth: string[] = [];
    const messages: string[] = [];
    data.contents.forEach((content, i) => {
      const known = labels.get(data.eventIds[i]);
      if (!known) throw new Error(`${system}: line ${i + 1} has EventId ${data.eventIds[i]}, which ${system}.csv does not label`);
      if (values.sure && !known.sure) return;
      truth.push(known.label);
      messages.push(content);
    });
    let bundle = shipped;
    if (!bundle) {
      const groups = HOLD_OUT_GROUPS[system];
      if (!groups) {
        process.stderr.write(`${system}: no hold-out groups are known for it (HOLD_OUT_GROUPS), skipped\n`);
        continue;
      }
      bundle = await bundleWithout(groups);
    }
    // A fresh classifier per system, as a user's run of that file would be.
    const classifier = new Classifier(bundle);
    const results = await classifier.classify(messages.map((message) => ({ message, source: '' })));
    const predicted = results.map((result) => result.label);
    perSystem.push({ system, score: scoreAgainstTruth(truth, predicted), ...(holdOut ? { without: HOLD_OUT_GROUPS[system] } : {}) });
    pooledTruth.push(...truth);
    pooledPredicted.push(...predicted);
  }
  if (perSystem.length === 0) {
    process.stderr.write(`no system under ${dir} has both a *_structured.csv and a label file in ${labelsDir}\n`);
    process.exit(1);
  }
  const pooled = scoreAgainstTruth(pooledTruth, pooledPredicted);
  if (values.json) {
    process.stdout.write(`${JSON.stringify({ bundle: shipped?.name ?? 'held out per system', sureOnly: values.sure, perSystem, pooled }, null, 2)}\n`);
    return;
  }

  const f = (value: number) => value.toFixed(3).padStart(7);
  const header = `${'system'.padEnd(10)} ${'lines'.padStart(6)} ${'cover'.padStart(7)} ${'acc-given'.padStart(9)} ${'acc'.padStart(7)} ${'macroF1'.padStart(7)}`;
  const line = (name: string, s: AgreementScore) =>
    `${name.padEnd(10)} ${String(s.lines).padStart(6)} ${f(s.coverage)} ${f(s.accuracyGiven).padStart(9)} ${f(s.accuracy)} ${f(s.macroF1)}\n`;
  const what = shipped ? `bundle: ${shipped.name}` : 'held out: each system scored by the built-in recipe trained without the groups named after it';
  process.stdout.write(`${what}${values.sure ? ' – lines with sure labels only' : ''}\n\n${header}\n${'-'.repeat(header.length)}\n`);
  for (const { system, score, without } of perSystem) process.stdout.write(`${line(system, score).trimEnd()}${without ? `   (without ${without.join(', ')})` : ''}\n`);
  process.stdout.write(`${'-'.repeat(header.length)}\n${line('pooled', pooled)}`);
  const mean = (pick: (s: AgreementScore) => number) => perSystem.reduce((sum, { score }) => sum + pick(score), 0) / perSystem.length;
  process.stdout.write(
    `${'mean'.padEnd(10)} ${''.padStart(6)} ${f(mean((s) => s.coverage))} ${f(mean((s) => s.accuracyGiven)).padStart(9)} ${f(mean((s) => s.accuracy))} ${f(mean((s) => s.macroF1))}\n`,
  );
  process.stdout.write('\nper label (pooled)      support  precision  recall     F1\n');
  for (const [label, m] of Object.entries(pooled.perLabel)) {
    process.stdout.write(`  ${label.padEnd(22)} ${String(m.support).padStart(7)} ${f(m.precision).padStart(10)} ${f(m.recall)} ${f(m.f1)}\n`);
  }
  process.stdout.write('\nmost common confusions (pooled)\n');
  for (const c of pooled.confusions.slice(0, Number(values.confusions) || 8)) {
    process.stdout.write(`  ${String(c.lines).padStart(5)}  ${c.truth} → ${c.predicted}\n`);
  }
  if (shipped) {
    const example = [...generateLogs({ rows: 20_000, seed: 'bench-real-logs' })];
    const results = await new Classifier(shipped).classify(example.map((log) => ({ message: log.log_message, source: log.source })));
    const score = scoreAgainstTruth(example.map((log) => log.target_label), results.map((result) => result.label));
    process.stdout.write(
      `\ngenerated example data (20,000 rows of the six business sources, a seed not trained on): coverage ${score.coverage.toFixed(3)}, ` +
        `accuracy ${score.accuracy.toFixed(4)}, accuracy of given labels ${score.accuracyGiven.toFixed(4)}\n`,
    );
  }
  process.stdout.write(
    '\ncover: lines not Unclassified. acc-given: correct among those. acc: correct among all lines. ' +
      'macroF1: mean F1 over the labels present in the truth (Unclassified counts as a miss).\n',
  );
}

await main();
