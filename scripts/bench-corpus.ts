/**
 * How the built-in recipe does on software it has not seen, measured on generated data only:
 *   npm run bench:corpus [-- --groups linux,web] [--lines 3000] [--json OUT.json] [--C 1] [--system-rows N]
 * Leave-one-group-out over the system-log corpus: for each area (linux, web, bigdata, …) a
 * bundle is trained by the built-in recipe without that area's families, and classifies fresh
 * lines of that area. Pooled over areas, it prints coverage and accuracy of the labels given at
 * each confidence threshold – the figures the default threshold is chosen from, with no real
 * log involved.
 */
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { modelOfBundle } from '../src/core/bundle.ts';
import { createEmbedder } from '../src/core/features/registry.ts';
import { generateSystemLogs, systemFamilies } from '../src/core/generate/system/corpus.ts';
import { predictProba } from '../src/core/logreg.ts';
import { maskMessage } from '../src/core/message-key.ts';
import { scoreAgainstTruth } from '../src/core/training/agreement.ts';
import { UNCLASSIFIED } from '../src/core/types.ts';
import { trainDefaultBundle } from './lib/default-bundle.ts';

interface Scored {
  group: string;
  truth: string;
  predicted: string;
  confidence: number;
}

const { values } = parseArgs({
  args: process.argv.slice(2),
  options: {
    groups: { type: 'string' },
    lines: { type: 'string', default: '3000' },
    json: { type: 'string' },
    // To compare settings with the built-in ones: the regularisation and the corpus size.
    C: { type: 'string' },
    'class-weighting': { type: 'string' },
    'system-rows': { type: 'string' },
  },
});
const allGroups = [...new Set(systemFamilies().map((family) => family.group))].sort();
const groups = values.groups ? values.groups.split(',') : allGroups;
const lines = Number(values.lines) || 3000;

const scored: Scored[] = [];
for (const group of groups) {
  const started = performance.now();
  const bundle = await trainDefaultBundle({
    excludeGroups: [group],
    training: {
      ...(values.C ? { C: Number(values.C) } : {}),
      ...(values['class-weighting'] ? { classWeighting: values['class-weighting'] as 'none' | 'sqrt-balanced' } : {}),
    },
    corpus: values['system-rows'] ? { systemRows: Number(values['system-rows']) } : {},
  });
  const model = modelOfBundle(bundle);
  const embedder = createEmbedder(bundle.embedder);
  const members = systemFamilies().filter((family) => family.group === group).map((family) => family.id);
  const logs = [...generateSystemLogs({ rows: lines, seed: `held-out/${group}`, families: members })];
  const vectors = await embedder.embed(logs.map((log) => maskMessage(log.log_message)));
  logs.forEach((log, i) => {
    const probabilities = predictProba(model, vectors[i]);
    let best = 0;
    for (let k = 1; k < probabilities.length; k++) if (probabilities[k] > probabilities[best]) best = k;
    scored.push({ group, truth: log.target_label, predicted: bundle.labels[best], confidence: probabilities[best] });
  });
  process.stderr.write(`${group}: trained without it and scored ${logs.length} lines in ${((performance.now() - started) / 1000).toFixed(0)} s\n`);
}

const at = (threshold: number, rows: Scored[]) => {
  const given = rows.filter((row) => row.confidence >= threshold);
  const right = given.filter((row) => row.predicted === row.truth).length;
  const predicted = rows.map((row) => (row.confidence >= threshold ? row.predicted : UNCLASSIFIED));
  const { macroF1 } = scoreAgainstTruth(rows.map((row) => row.truth), predicted);
  return { coverage: given.length / rows.length, accuracyGiven: given.length ? right / given.length : 0, accuracy: right / rows.length, macroF1 };
};
const thresholds = [0, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.6, 0.7];
process.stdout.write(`leave-one-group-out on generated lines (${lines} per group): coverage / accuracy of given labels\n\n`);
process.stdout.write(`${'group'.padEnd(10)}${thresholds.map((t) => `t=${t}`.padStart(12)).join('')}\n`);
for (const group of [...groups, 'pooled']) {
  const rows = group === 'pooled' ? scored : scored.filter((row) => row.group === group);
  process.stdout.write(
    `${group.padEnd(10)}${thresholds
      .map((t) => {
        const s = at(t, rows);
        return `${s.coverage.toFixed(2)}/${s.accuracyGiven.toFixed(2)}`.padStart(12);
      })
      .join('')}\n`,
  );
}
process.stdout.write(`${'pooled F1'.padEnd(10)}${thresholds.map((t) => at(t, scored).macroF1.toFixed(3).padStart(12)).join('')}\n`);
if (values.json) await writeFile(values.json, JSON.stringify(scored));
