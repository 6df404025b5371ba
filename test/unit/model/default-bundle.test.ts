import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { parseBundle } from '../../../src/core/bundle.ts';
import { Classifier } from '../../../src/core/classifier.ts';
import { DEFAULT_RULES, DEFAULT_SOURCE_ROUTES, DEFAULT_THRESHOLDS } from '../../../src/core/defaults.ts';
import { DEFAULT_NGRAM_SPEC } from '../../../src/core/features/ngram.ts';
import { UNCLASSIFIED } from '../../../src/core/types.ts';

const read = (path: string) => readFileSync(new URL(`../../../${path}`, import.meta.url), 'utf8');

describe('the built-in default bundle', () => {
  const bundle = parseBundle(read('public/default-bundle.json'));

  it('carries the current default rules, routes, thresholds and embedder (rebuild with npm run bundle:default)', () => {
    expect(bundle.rules).toEqual(DEFAULT_RULES);
    expect(bundle.sourceRoutes).toEqual(DEFAULT_SOURCE_ROUTES);
    expect(bundle.thresholds).toEqual(DEFAULT_THRESHOLDS);
    expect(bundle.embedder).toEqual(DEFAULT_NGRAM_SPEC);
  });

  it('labels the shipped labelled example correctly', async () => {
    const rows = Papa.parse<Record<string, string>>(read('public/examples/example-labelled.csv'), { header: true, skipEmptyLines: true }).data;
    const results = await new Classifier(bundle).classify(rows.map((row) => ({ message: row.log_message, source: row.source })));
    const decided = results.filter((result) => result.label !== UNCLASSIFIED);
    const correct = results.filter((result, i) => result.label === rows[i].target_label);
    expect(decided.length).toBeGreaterThan(rows.length * 0.95);
    expect(correct.length).toBe(decided.length);
  });
});
