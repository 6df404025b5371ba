/**
 * Reading a label out of an LLM's answer. Reasoning models think out loud first: the parser
 * drops `<think>…</think>` blocks, a lone `</think>` (local R1 distills start inside the think
 * block, so only its end shows), an unfinished `<think>` (cut off by max_tokens), and takes
 * Groq's / DeepSeek's separate reasoning fields as thinking. The answer is the last
 * `<category>…</category>`; the label is matched case-, space-, `_`- and `-`-insensitively
 * against the allowed labels, and anything else becomes Unclassified.
 */
import { UNCLASSIFIED } from '../types.ts';
import type { ChatReplyMessage } from './engine.ts';

export interface ParsedAnswer {
  /** One of the allowed labels, or Unclassified. */
  label: string;
  /** A short reason for the review list (at most MAX_REASON characters). */
  reason: string;
  /** Whether the model named an allowed label (or said Unclassified itself). */
  matched: boolean;
}

export const MAX_REASON = 200;

const THINK_BLOCK = /<(think|thinking)>[\s\S]*?<\/\1>/gi;
const LONE_THINK_END = /<\/(?:think|thinking)>/gi;
const OPEN_THINK = /<(?:think|thinking)>/i;
const CATEGORY = /<category>([\s\S]*?)<\/category>/gi;
const OPEN_CATEGORY = /<category>([^\n<]*)/i;
const REASON = /<reason>([\s\S]*?)(?:<\/reason>|$)/i;
/** `Category: X`, `**Category**: X`, `Final answer: X` on a line of its own. */
const CATEGORY_LINE = /^[\s>*_#-]*(?:final\s+)?(?:category|label|answer)\s*[*_]*\s*[:：=-]\s*(.+)$/gim;

/** Splits a reply into the thinking and the answer that follows it. */
export function splitReasoning(text: string): { thinking: string; answer: string } {
  let thinking = '';
  let answer = text.replace(THINK_BLOCK, (block) => {
    thinking += block.replace(/<\/?(?:think|thinking)>/gi, '') + '\n';
    return '';
  });
  // A lone closing tag: everything before the last one was thinking.
  const ends = [...answer.matchAll(LONE_THINK_END)];
  if (ends.length > 0) {
    const last = ends[ends.length - 1];
    thinking += answer.slice(0, last.index).replace(/<\/?(?:think|thinking)>/gi, '');
    answer = answer.slice(last.index! + last[0].length);
  }
  // An opening tag that never closed: the output was cut off while thinking.
  const open = OPEN_THINK.exec(answer);
  if (open) {
    thinking += answer.slice(open.index + open[0].length);
    answer = answer.slice(0, open.index);
  }
  return { thinking: thinking.trim(), answer: answer.trim() };
}

/** Lower case, without spaces, `_`, `-`, and without markdown, quotes and brackets around it. */
function normalise(label: string): string {
  return label
    .toLowerCase()
    .replace(/^[\s"'`*_[\](){}<>.:;,!?]+|[\s"'`*_[\](){}<>.:;,!?]+$/g, '')
    .replace(/[\s_-]+/g, '');
}

/** The allowed label a candidate names, Unclassified when it says so, else null. */
export function matchLabel(candidate: string, allowed: readonly string[]): string | null {
  const wanted = normalise(candidate);
  if (wanted === '') return null;
  for (const label of allowed) if (normalise(label) === wanted) return label;
  if (wanted === normalise(UNCLASSIFIED) || wanted === 'none' || wanted === 'unknown') return UNCLASSIFIED;
  return null;
}

function shorten(text: string): string {
  const clean = text.replace(/<\/?[a-z]+>/gi, ' ').replace(/[*_`#]+/g, '').replace(/\s+/g, ' ').trim();
  if (clean.length <= MAX_REASON) return clean;
  return clean.slice(0, MAX_REASON - 1).replace(/\s+\S*$/, '') + '…';
}

/** The last sentence of a text: the conclusion of a chain of thought. */
function lastSentence(text: string): string {
  const sentences = text
    .replace(/\s+/g, ' ')
    .split(/(?<=[.!?])\s+/)
    .map((s) => s.trim())
    .filter((s) => s.length > 3);
  return sentences[sentences.length - 1] ?? '';
}

function candidates(answer: string): string[] {
  const tagged = [...answer.matchAll(CATEGORY)].map((m) => m[1]);
  if (tagged.length) return tagged.reverse();
  const open = OPEN_CATEGORY.exec(answer);
  if (open) return [open[1]];
  const lines = [...answer.matchAll(CATEGORY_LINE)].map((m) => m[1]);
  if (lines.length) return lines.reverse();
  // A bare answer: the whole text, or its last line.
  const lastLine = answer.split('\n').filter((line) => line.trim()).pop() ?? '';
  return [answer, lastLine];
}

/** Parses a reply (its content, plus any separate reasoning field) into a label and a reason. */
export function parseAnswer(reply: string | ChatReplyMessage | null | undefined, allowed: readonly string[]): ParsedAnswer {
  const message: ChatReplyMessage = typeof reply === 'string' || reply == null ? { content: reply ?? '' } : reply;
  const split = splitReasoning(message.content ?? '');
  const thinking = [message.reasoning, message.reasoning_content, split.thinking].filter(Boolean).join('\n');
  const answer = split.answer;

  let label: string | null = null;
  for (const candidate of candidates(answer)) {
    label = matchLabel(candidate, allowed);
    if (label) break;
  }

  const tagged = REASON.exec(answer)?.[1];
  const rest = answer.replace(CATEGORY, ' ').replace(/<category>[^\n<]*/gi, ' ').replace(CATEGORY_LINE, ' ');
  let reason = shorten(tagged ?? '') || shorten(rest.length <= 2 * MAX_REASON ? rest : lastSentence(rest)) || shorten(lastSentence(thinking));
  if (!label) {
    const said = candidates(answer)[0]?.trim();
    reason = shorten(said ? `The model answered "${said.slice(0, 60)}", which is not an allowed label.` : 'The model gave no category.');
  }
  return { label: label ?? UNCLASSIFIED, reason, matched: label !== null };
}
