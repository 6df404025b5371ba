/**
 * Trains the built-in default bundle on the project's own generated example data and writes
 * public/default-bundle.json, which the page and the CLI use out of the box.
 *   npm run bundle:default
 * Deterministic: the same code gives the same file (createdAt is fixed to the data's seed date).
 */
import { writeFile } from 'node:fs/promises';
import { serializeBundle } from '../src/core/bundle.ts';
import { DEFAULT_RULES, DEFAULT_SOURCE_ROUTES, DEFAULT_THRESHOLDS } from '../src/core/defaults.ts';
import { evaluate } from '../src/core/evaluate.ts';
import { generateLogs } from '../src/core/generate/generator.ts';
import { trainBundle } from '../src/core/train.ts';

// Small enough that the two rare classes stay below minSamples, as rare classes are for users.
const ROWS = 8_000;
const SEED = 2024;
const OUT = new URL('../public/default-bundle.json', import.meta.url);

const rows = Array.from(generateLogs({ rows: ROWS, seed: SEED }), (log) => ({
  message: log.log_message,
  label: log.target_label,
  source: log.source,
}));
const settings = { rules: DEFAULT_RULES, sourceRoutes: DEFAULT_SOURCE_ROUTES, ...DEFAULT_THRESHOLDS };
const { maskingConflicts, trainRows, testRows, ...metrics } = await evaluate(rows, { ...settings, testFraction: 0.3, seed: SEED });
const bundle = await trainBundle(rows, { ...settings, name: 'Built-in default (generated example data)', metrics });
bundle.createdAt = '2026-01-01T00:00:00.000Z';
await writeFile(OUT, serializeBundle(bundle));
console.log(
  `wrote ${OUT.pathname}: ${bundle.labels.length} labels, trained on ${ROWS} rows; held-out (${testRows} of ${trainRows + testRows} rows) ` +
    `accuracy ${metrics.accuracy.toFixed(4)}, macro-F1 ${metrics.macroF1.toFixed(4)}; masking conflicts: ${maskingConflicts.keys} keys`,
);
