/**
 * Trains the built-in default bundle on the project's own generated logs (the business example
 * sources and the system-log families, scripts/lib/default-bundle.ts) and writes
 * public/default-bundle.json, which the page and the CLI use out of the box.
 *   npm run bundle:default
 * Deterministic: the same code gives the same file (createdAt is fixed).
 */
import { writeFile } from 'node:fs/promises';
import { serializeBundle } from '../src/core/bundle.ts';
import { evaluate } from '../src/core/training/evaluate.ts';
import { BUILT_IN_CORPUS } from '../src/core/generate/training-corpus.ts';
import { DEFAULT_SETTINGS, DEFAULT_TRAINING, defaultCorpusRows, trainDefaultBundle } from './lib/default-bundle.ts';

const OUT = new URL('../public/default-bundle.json', import.meta.url);

const started = performance.now();
const rows = defaultCorpusRows();
const { maskingConflicts, trainRows, testRows, ...metrics } = await evaluate(rows, {
  ...DEFAULT_SETTINGS,
  ...DEFAULT_TRAINING,
  testFraction: 0.3,
  seed: BUILT_IN_CORPUS.seed,
});
const bundle = await trainDefaultBundle({ metrics });
bundle.createdAt = '2026-01-01T00:00:00.000Z';
const json = serializeBundle(bundle);
await writeFile(OUT, json);
console.log(
  `wrote ${OUT.pathname} (${(json.length / 1024).toFixed(0)} KiB): ${bundle.labels.length} labels, trained on ${rows.length} rows ` +
    `(${BUILT_IN_CORPUS.businessRows} business, ${BUILT_IN_CORPUS.systemRows} system) in ${((performance.now() - started) / 1000).toFixed(0)} s; ` +
    `held-out (${testRows} of ${trainRows + testRows} rows, a random split of the generated corpus) accuracy ${metrics.accuracy.toFixed(4)}, ` +
    `macro-F1 ${metrics.macroF1.toFixed(4)}; masking conflicts: ${maskingConflicts.keys} keys (${maskingConflicts.rows} rows)`,
);
