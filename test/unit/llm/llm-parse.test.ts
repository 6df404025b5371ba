import { describe, expect, it } from 'vitest';
import { matchLabel, MAX_REASON, parseAnswer, splitReasoning } from '../../../src/core/llm/parse.ts';
import { UNCLASSIFIED } from '../../../src/core/types.ts';

const LABELS = ['Critical Error', 'Deprecation Warning', 'Error', 'HTTP Status', 'Security Alert', 'User Action', 'Workflow Error'];
const parse = (reply: Parameters<typeof parseAnswer>[0]) => parseAnswer(reply, LABELS);

describe('parseAnswer on messy real-world outputs', () => {
  it('local R1 distill: the template opened <think>, only a lone </think> shows', () => {
    const reply = `Okay, so I need to classify this log: "Escalation rule <*> did not fire for case <*> after SLA breach".
Hmm, it mentions an escalation rule that didn't fire. Could it be an Error? Or <category>Error</category>?
Wait, escalation rules are part of the CRM workflow engine, so Workflow Error fits better.
</think>

<reason>An escalation rule in the CRM workflow did not fire.</reason>
<category>Workflow Error</category>`;
    expect(parse(reply)).toEqual({ label: 'Workflow Error', reason: 'An escalation rule in the CRM workflow did not fire.', matched: true });
  });

  it('full <think> block (Groq reasoning_format "raw"), category tags inside the thinking are ignored', () => {
    const reply = `<think>
The user wants one category. The line says "SOAP interface LeadService is deprecated; migrate to REST API v<*>".
Maybe <category>Error</category>? No – nothing failed. It's a deprecation notice.
</think>

<reason>The interface is deprecated and a migration is recommended.</reason><category>Deprecation Warning</category>`;
    expect(parse(reply).label).toBe('Deprecation Warning');
  });

  it('Groq reasoning_format "parsed": reasoning in its own field, the answer alone in content', () => {
    const parsed = parse({ content: '<category>Security Alert</category>', reasoning: 'Multiple failed logins from one IP. That is a brute-force pattern. So it is a security alert.' });
    expect(parsed.label).toBe('Security Alert');
    expect(parsed.reason).toBe('So it is a security alert.');
  });

  it('Groq reasoning_format "hidden" and DeepSeek reasoning_content', () => {
    expect(parse({ content: '<category>HTTP Status</category>' })).toEqual({ label: 'HTTP Status', reason: '', matched: true });
    expect(parse({ content: '\n\n<category>Error</category>', reasoning_content: 'The email bounced, which is an error.' }).label).toBe('Error');
  });

  it('matches labels case-, space-, underscore- and hyphen-insensitively', () => {
    expect(parse('</think><category>workflow error</category>').label).toBe('Workflow Error');
    expect(parse('<category>  WORKFLOW   ERROR </category>').label).toBe('Workflow Error');
    expect(parse('<category>workflow_error</category>').label).toBe('Workflow Error');
    expect(parse('<category>Workflow-Error</category>').label).toBe('Workflow Error');
    expect(parse('<category>WorkflowError</category>').label).toBe('Workflow Error');
    expect(matchLabel('**"Security Alert".**', LABELS)).toBe('Security Alert');
  });

  it('markdown and quotes around the category', () => {
    expect(parse('</think>\n\n**<category>`HTTP Status`</category>**').label).toBe('HTTP Status');
    expect(parse('<category>"User Action"</category>').label).toBe('User Action');
    expect(parse('<category>[Critical Error]</category>').label).toBe('Critical Error');
  });

  it('several categories: the last one in the answer wins', () => {
    const reply = `</think>
First I considered <category>Error</category>, but the process crashed and data was lost, so:
<category>Critical Error</category>`;
    expect(parse(reply).label).toBe('Critical Error');
  });

  it('no tags: "Category: X" lines and bare answers', () => {
    expect(parse('</think>\n\n**Category:** Security Alert\n\nThe login came from a blocked IP.').label).toBe('Security Alert');
    expect(parse('Final answer: Deprecation Warning').label).toBe('Deprecation Warning');
    expect(parse('User Action.').label).toBe('User Action');
    expect(parse('</think>\nHTTP Status').label).toBe('HTTP Status');
  });

  it('a label outside the list becomes Unclassified, with a reason that says so', () => {
    const parsed = parse('</think>\n<category>Billing Problem</category>');
    expect(parsed.label).toBe(UNCLASSIFIED);
    expect(parsed.matched).toBe(false);
    expect(parsed.reason).toMatch(/Billing Problem.*not an allowed label/);
  });

  it('the model choosing Unclassified is a match', () => {
    expect(parse('<reason>Nothing fits.</reason><category>Unclassified</category>')).toEqual({ label: UNCLASSIFIED, reason: 'Nothing fits.', matched: true });
    expect(parse('<category>None</category>').label).toBe(UNCLASSIFIED);
  });

  it('output cut off by max_tokens while thinking gives Unclassified', () => {
    const truncated = '<think>\nLet me think. The line mentions a workflow, so maybe <category>Workflow Error</category>, but also an HTTP';
    const parsed = parse(truncated);
    expect(parsed.label).toBe(UNCLASSIFIED);
    expect(parsed.reason).toMatch(/no category/);
    // And a lone-think distill that never reached its </think>: all thinking, no tags to trust.
    expect(parse('Okay, the user wants me to classify. Hmm, the line says').label).toBe(UNCLASSIFIED);
  });

  it('an unclosed <category> at the very end still counts', () => {
    expect(parse('</think>\n<reason>A deprecated API was called.</reason><category>Deprecation Warning').label).toBe('Deprecation Warning');
  });

  it('empty and null replies', () => {
    expect(parse('')).toEqual({ label: UNCLASSIFIED, reason: 'The model gave no category.', matched: false });
    expect(parse(null).label).toBe(UNCLASSIFIED);
    expect(parse({ content: null }).label).toBe(UNCLASSIFIED);
  });

  it('<thinking> variants, several think blocks, and CRLF line endings', () => {
    expect(parse('<thinking>hmm</thinking>\r\n<category>Error</category>\r\n').label).toBe('Error');
    expect(parse('<think>a</think>\n<think>b</think>\n<category>Security Alert</category>').label).toBe('Security Alert');
    expect(parse('<THINK>Upper case tags too.</THINK><CATEGORY>Error</CATEGORY>').label).toBe('Error');
  });

  it('a reason: the <reason> tag, else the answer text, else the last sentence of the thinking; always short', () => {
    expect(parse('</think>\nThe workflow engine halted on a missing field.\n<category>Workflow Error</category>').reason).toBe(
      'The workflow engine halted on a missing field.',
    );
    expect(parse('<think>Long musing. It is clearly about logins. Final: security.</think><category>Security Alert</category>').reason).toBe('Final: security.');
    const long = parse(`</think><reason>${'very '.repeat(100)}long</reason><category>Error</category>`);
    expect(long.reason.length).toBeLessThanOrEqual(MAX_REASON);
    expect(long.reason.endsWith('…')).toBe(true);
  });
});

describe('splitReasoning', () => {
  it('separates thinking from the answer in every shape', () => {
    expect(splitReasoning('<think>a</think>b')).toEqual({ thinking: 'a', answer: 'b' });
    expect(splitReasoning('a</think>b')).toEqual({ thinking: 'a', answer: 'b' });
    expect(splitReasoning('b<think>a')).toEqual({ thinking: 'a', answer: 'b' });
    expect(splitReasoning('just an answer')).toEqual({ thinking: '', answer: 'just an answer' });
  });
});
