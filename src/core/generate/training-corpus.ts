/**
 * The built-in bundles' training data: the business example logs (six sources of short
 * application sentences, as the example file has them) together with the system-log corpus
 * (many families of real-world software, some lines behind raw-file headers). Only data the
 * project generates itself, so the bundles ship under the project's licence.
 */
import { generateLogs } from './generator.ts';
import { generateSystemLogs } from './system/corpus.ts';
import type { TrainingCorpusOptions, TrainingCorpusRow } from './training-recipe.ts';

export { BERT_RETRAIN_CORPUS, BUILT_IN_CORPUS, BUILT_IN_TRAINING, type TrainingCorpusOptions, type TrainingCorpusRow } from './training-recipe.ts';

export function* generateTrainingCorpus(options: TrainingCorpusOptions): Generator<TrainingCorpusRow> {
  for (const log of generateLogs({ rows: options.businessRows, seed: options.seed })) {
    yield { message: log.log_message, label: log.target_label, source: log.source, group: 'business' };
  }
  if (options.systemRows === 0) return;
  for (const log of generateSystemLogs({ rows: options.systemRows, seed: `${options.seed}/system`, excludeGroups: options.excludeGroups })) {
    yield { message: log.log_message, label: log.target_label, source: log.source, group: log.group };
  }
}
