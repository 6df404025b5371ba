import type { Tier } from '../core/types.ts';

/** What each tier means, for people. */
export const TIER_DESCRIPTIONS: Record<Tier, string> = {
  regex: 'a rule (regular expression) matched',
  ngram: 'the model (n-gram embedder) was confident enough',
  bert: 'the model (BERT embedder) was confident enough',
  llm: 'the LLM answered',
  'llm-pending': 'left for the LLM tier, which did not answer (off, not ready, not confirmed, failed or cancelled)',
  none: 'no tier was sure enough',
};
