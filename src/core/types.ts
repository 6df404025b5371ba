/** Shared vocabulary of the pipeline: one name per concept (rule, label, tier, bundle). */

/** Which tier decided a row. `none`: no tier was sure enough; `llm-pending`: left for the LLM tier, which did not answer. */
export type Tier = 'regex' | 'ngram' | 'bert' | 'llm' | 'llm-pending' | 'none';

export const TIERS: readonly Tier[] = ['regex', 'ngram', 'bert', 'llm', 'llm-pending', 'none'];

/** The label given to a row that no tier could decide. */
export const UNCLASSIFIED = 'Unclassified';

/** Tier 1: an ordered list of these; the first enabled rule whose pattern matches wins. */
export interface Rule {
  pattern: string;
  flags: string;
  label: string;
  enabled: boolean;
}

/** One row of training data: a message, its source, and the label a person gave it. */
export interface LabelledRow {
  message: string;
  label: string;
  source: string;
}

/** Sources whose lines skip tiers 1 and 2 and go straight to the LLM tier. */
export type SourceRoutes = Record<string, 'llm'>;

/** What the pipeline says about one row. */
export interface Classification {
  label: string;
  tier: Tier;
  /** 1 for a rule; the model's top probability otherwise (also when it was not accepted); 0 when not scored. */
  confidence: number;
  /** Tier `llm` only: the LLM's short reason, for the review list. */
  reason?: string;
  /** Tier `llm` only: the reviewer's earlier decision about the line, which gave its label. */
  review?: { status: 'accepted' | 'corrected' | 'rejected'; llmLabel: string };
}

/** One log line as the pipeline sees it. */
export interface LogRecord {
  message: string;
  source: string;
}

/** True for an empty or whitespace-only message; cheaper than trim() on the hot path. */
export function isBlank(text: string): boolean {
  // Most messages start with a visible ASCII character: they need no regex.
  const first = text.charCodeAt(0);
  if (first > 32 && first < 127) return false;
  return !/\S/.test(text);
}
