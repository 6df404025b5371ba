/**
 * Realistic answers of a DeepSeek-R1 distill for test log lines: a label guessed from keywords
 * (like a model would) and the chain of thought around it, in the shapes real engines return.
 */

const KEYWORDS: Array<[RegExp, string]> = [
  [/workflow|escalation|stuck in stage|did not fire|approval (step|chain)|assignment rule|could not route/i, 'Workflow Error'],
  [/deprecat|will be removed|retired|migrate to|end-of-life|no longer (supported|receives)/i, 'Deprecation Warning'],
  [/unauthori[sz]ed|brute|suspicious|login attempts|blocked|privilege|firewall/i, 'Security Alert'],
  [/critical|outage|data loss|kernel panic|corrupt/i, 'Critical Error'],
  [/cpu|memory|disk usage|heap|quota/i, 'Resource Usage'],
  [/\b(GET|POST|PUT|PATCH|DELETE)\b|HTTP\/|status=\d/i, 'HTTP Status'],
  [/logged (in|out)|uploaded|updated (their|the) profile|user\b/i, 'User Action'],
  [/backup|restart|scheduled|completed/i, 'System Notification'],
  [/error|fail|exception|bounced/i, 'Error'],
];

/** The label a sensible model would give; Unclassified when nothing fits. */
export function guessLabel(message: string): string {
  for (const [pattern, label] of KEYWORDS) if (pattern.test(message)) return label;
  return 'Unclassified';
}

export type AnswerStyle =
  /** Local R1 distills: the template opened <think>, so only the closing tag shows. */
  | 'lone-think'
  /** Groq reasoning_format "raw" and most servers: a full <think>…</think> block. */
  | 'think'
  /** Groq reasoning_format "parsed"/"hidden", or a non-reasoning model: just the answer. */
  | 'plain';

/** The log line out of the prompt's user message (`<log>…</log>`). */
export function logOfPrompt(userContent: string): string {
  return /<log>([\s\S]*)<\/log>/.exec(userContent)?.[1] ?? userContent;
}

export function thinkingFor(message: string, label: string): string {
  return (
    `Okay, let me look at this log line: "${message}". ` +
    `Hmm, the allowed categories include things like Error, Security Alert and Workflow Error. ` +
    `Wait, I should check whether it is about a workflow, a deprecation or an HTTP request. ` +
    `The wording points to ${label}, so I'll go with <category>${label}</category>.`
  );
}

export function answerFor(message: string, style: AnswerStyle = 'lone-think'): { content: string; reasoning: string; label: string } {
  const label = guessLabel(message);
  const thinking = thinkingFor(message, label);
  const answer = `<reason>The line reads like a typical ${label.toLowerCase()} message.</reason>\n<category>${label}</category>`;
  if (style === 'plain') return { content: answer, reasoning: thinking, label };
  if (style === 'think') return { content: `<think>\n${thinking}\n</think>\n\n${answer}`, reasoning: '', label };
  return { content: `${thinking}\n</think>\n\n${answer}`, reasoning: '', label };
}
