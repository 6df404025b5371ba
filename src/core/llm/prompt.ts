/**
 * The prompt: the allowed labels, a few labelled examples of the rare classes, one masked log
 * message, and the answer format `<reason>…</reason><category>…</category>`. PROMPT_VERSION
 * changes whenever the wording changes; `promptId` adds a hash of the labels and examples, and
 * cached answers are keyed by it, so a changed prompt never reuses an old answer.
 */
import { maskMessage } from '../message-key.ts';
import { UNCLASSIFIED, type LabelledRow } from '../types.ts';
import type { ChatMessage } from './engine.ts';

export const PROMPT_VERSION = 1;

/** Examples the bundle keeps per rare class (and the prompt shows at most). */
export const EXAMPLES_PER_CLASS = 3;
/** Longest example message kept, in characters. */
export const MAX_EXAMPLE_LENGTH = 500;

/** Labelled example messages (masked), per label. */
export type PromptExamples = Record<string, string[]>;

export interface PromptConfig {
  /** The labels the model may answer with (Unclassified is always allowed). */
  labels: readonly string[];
  examples: PromptExamples;
  /** The messages and examples are redacted (redact.ts): the prompt says what the placeholders mean. */
  redacted?: boolean;
}

/** The prompt for redacted messages: its examples go through `redact` too (they are masked lines of the training set). */
export function withRedaction(config: PromptConfig, redact: (text: string) => string): PromptConfig {
  const examples: PromptExamples = {};
  for (const [label, messages] of Object.entries(config.examples)) examples[label] = messages.map(redact);
  return { labels: config.labels, examples, redacted: true };
}

/** Which labels the prompt offers: all of the bundle's, or only the LLM's (below minSamples, or with examples in the bundle). */
export type LabelScope = 'all' | 'rare';

/** The labels below minSamples: the model tier never predicts them, so their lines come here. */
export function rareLabels(classCounts: Record<string, number>, labels: readonly string[], minSamples: number): string[] {
  return labels.filter((label) => (classCounts[label] ?? 0) < minSamples);
}

/**
 * The labels the LLM tier must learn from examples: fewer than minSamples training rows from
 * sources that are not routed to the LLM (a routed source's lines never reach the model, so a
 * class that only they carry is the LLM's even when it has many rows).
 */
export function llmLabels(rows: readonly LabelledRow[], sourceRoutes: Record<string, string>, minSamples: number): string[] {
  const modelRows = new Map<string, number>();
  for (const row of rows) {
    const count = modelRows.get(row.label) ?? 0;
    modelRows.set(row.label, sourceRoutes[row.source] === 'llm' ? count : count + 1);
  }
  return [...modelRows].filter(([, count]) => count < minSamples).map(([label]) => label).sort();
}

/**
 * Picks up to `perClass` examples for each label, deterministically: the label's distinct masked
 * messages, most frequent first, ties in code-unit order. Same rows in, same examples out.
 */
export function pickExamples(rows: readonly LabelledRow[], labels: readonly string[], perClass: number = EXAMPLES_PER_CLASS): PromptExamples {
  const wanted = new Set(labels);
  const counts = new Map<string, Map<string, number>>();
  for (const row of rows) {
    if (!wanted.has(row.label)) continue;
    const key = maskMessage(row.message);
    if (key === '' || key.length > MAX_EXAMPLE_LENGTH) continue;
    let keys = counts.get(row.label);
    if (!keys) counts.set(row.label, (keys = new Map()));
    keys.set(key, (keys.get(key) ?? 0) + 1);
  }
  const examples: PromptExamples = {};
  for (const label of [...counts.keys()].sort()) {
    examples[label] = [...counts.get(label)!]
      .sort(([a, m], [b, n]) => n - m || (a < b ? -1 : a > b ? 1 : 0))
      .slice(0, perClass)
      .map(([key]) => key);
  }
  return examples;
}

/** The prompt settings for a bundle: which labels, and its stored rare-class examples. */
export function promptConfigOf(
  bundle: { labels: string[]; classCounts: Record<string, number>; thresholds: { minSamples: number }; examples?: PromptExamples },
  scope: LabelScope = 'all',
): PromptConfig {
  const rare = new Set([...rareLabels(bundle.classCounts, bundle.labels, bundle.thresholds.minSamples), ...Object.keys(bundle.examples ?? {})]);
  const labels = scope === 'rare' ? bundle.labels.filter((label) => rare.has(label)) : [...bundle.labels];
  const allowed = new Set(labels);
  const examples: PromptExamples = {};
  for (const [label, messages] of Object.entries(bundle.examples ?? {})) {
    if (allowed.has(label)) examples[label] = messages.slice(0, EXAMPLES_PER_CLASS);
  }
  return { labels, examples };
}

/** Neutralises our tags inside a log message, so a line cannot fake an answer or end the message early. */
function quote(message: string): string {
  return message.replace(/<(\/?)(category|reason|log|think)>/gi, '‹$1$2›');
}

export function buildSystemPrompt(config: PromptConfig): string {
  const lines = [
    'You classify log lines from business software into exactly one category.',
    'Numbers, ids, addresses and paths in the lines are masked as <*>.',
    ...(config.redacted ? ['Personal data and secrets are replaced by placeholders such as <email>, <user>, <host>, <ip>, <secret> or <token>.'] : []),
    '',
    'Allowed categories:',
    ...config.labels.map((label) => `- ${label}`),
    `- ${UNCLASSIFIED} (only when none of the categories above fits)`,
  ];
  const labelled = config.labels.filter((label) => config.examples[label]?.length);
  if (labelled.length) {
    lines.push('', 'Examples:');
    for (const label of labelled) {
      for (const example of config.examples[label]) lines.push(`<log>${quote(example)}</log> → <category>${label}</category>`);
    }
  }
  lines.push(
    '',
    'Answer with one short sentence saying why, then the category name exactly as listed:',
    '<reason>…</reason><category>…</category>',
  );
  return lines.join('\n');
}

/** The chat messages for one masked log message. */
export function buildMessages(key: string, config: PromptConfig): ChatMessage[] {
  return [
    { role: 'system', content: buildSystemPrompt(config) },
    { role: 'user', content: `<log>${quote(key)}</log>` },
  ];
}

/** 32-bit FNV-1a as 8 hex digits. */
function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
}

/** PROMPT_VERSION plus a hash of everything else in the prompt: part of every cache key. */
export function promptId(config: PromptConfig): string {
  return `v${PROMPT_VERSION}-${fnv1a(buildSystemPrompt(config))}`;
}
