/**
 * A rule drafted from patterns, tried on another file than the one it was mined from: how many of
 * that file's lines it matches, a few of them, and the literal values it is tied to (a month, an
 * HTTP method, a number) – which another day's or another server's file is where they show. The
 * file is read as the page reads any log file (CSV, .log, NDJSON), a batch at a time; only the
 * counts and the samples are kept.
 */
import { CancelledError } from '../errors.ts';
import { MESSAGE_COLUMNS, requireColumn } from '../csv/columns.ts';
import type { Table } from '../csv/table.ts';
import { compileRules, ruleProblem } from '../rules/rules.ts';
import { literalValues, type LiteralValue } from '../rules/rule-synthesis.ts';
import type { Rule } from '../types.ts';

/** Matched lines shown as examples. */
export const RULE_FILE_SAMPLES = 5;

export interface RuleFilePreview {
  /** Lines (rows) of the file. */
  lines: number;
  matches: number;
  /** The first matched lines, at most RULE_FILE_SAMPLES. */
  samples: string[];
  /** The literal values the rule is tied to: lines with another value are missed. */
  literals: LiteralValue[];
}

export async function previewRuleOnTable(rule: Rule, table: Table, signal?: AbortSignal): Promise<RuleFilePreview> {
  const problem = ruleProblem(rule);
  if (problem) throw new RangeError(problem);
  const compiled = compileRules([{ ...rule, enabled: true }]);
  const messageColumn = requireColumn(table.header, MESSAGE_COLUMNS, 'log message');
  const preview: RuleFilePreview = { lines: 0, matches: 0, samples: [], literals: literalValues(rule.pattern) };
  for await (const batch of table.batches) {
    if (signal?.aborted) throw new CancelledError();
    for (const row of batch.rows) {
      const message = row[messageColumn] ?? '';
      preview.lines++;
      if (compiled.match(message) === null) continue;
      preview.matches++;
      if (preview.samples.length < RULE_FILE_SAMPLES) preview.samples.push(message);
    }
  }
  return preview;
}
