/**
 * The built-in bundle's training data: the business example logs (six sources of short
 * application sentences, as the example file has them) together with the system-log corpus
 * (many families of real-world software, some lines behind raw-file headers). Only data the
 * project generates itself, so the bundle ships under the project's licence.
 */
import { generateLogs } from './generator.ts';
import { generateSystemLogs, type SystemCorpusOptions } from './system/corpus.ts';

export interface TrainingCorpusRow {
  message: string;
  label: string;
  source: string;
  /** `business` for the example sources, else the system family's group. */
  group: string;
}

export interface TrainingCorpusOptions {
  seed: number | string;
  businessRows: number;
  systemRows: number;
  excludeGroups?: SystemCorpusOptions['excludeGroups'];
}

export function* generateTrainingCorpus(options: TrainingCorpusOptions): Generator<TrainingCorpusRow> {
  for (const log of generateLogs({ rows: options.businessRows, seed: options.seed })) {
    yield { message: log.log_message, label: log.target_label, source: log.source, group: 'business' };
  }
  if (options.systemRows === 0) return;
  for (const log of generateSystemLogs({ rows: options.systemRows, seed: `${options.seed}/system`, excludeGroups: options.excludeGroups })) {
    yield { message: log.log_message, label: log.target_label, source: log.source, group: log.group };
  }
}
