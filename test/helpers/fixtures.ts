/** Shared test data: generated labelled rows and a bundle trained on them. */
import { generateLogs } from '../../src/core/generate/generator.ts';
import type { ModelBundle } from '../../src/core/bundle.ts';
import { trainBundle, type LabelledRow } from '../../src/core/training/train.ts';
import type { Rule } from '../../src/core/types.ts';

export function labelledRows(rows: number, seed: number): LabelledRow[] {
  return Array.from(generateLogs({ rows, seed }), (log) => ({ message: log.log_message, label: log.target_label, source: log.source }));
}

let trained: Promise<ModelBundle> | null = null;

/** A bundle trained once per test file on 5,000 generated rows, no rules, LegacyCRM routed to the LLM. */
export function smallBundle(): Promise<ModelBundle> {
  trained ??= trainBundle(labelledRows(5000, 11), {
    name: 'test bundle',
    rules: [] as Rule[],
    sourceRoutes: { LegacyCRM: 'llm' },
    minSamples: 10,
    confidence: 0.5,
  });
  return trained;
}
