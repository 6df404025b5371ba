/** Template strings: tokens joined by single spaces, `<*>` for a variable. */
import { WILDCARD } from './masking.ts';

export function templateOf(tokens: readonly string[]): string {
  return tokens.join(' ');
}

/**
 * A template as people write it (the corrected Loghub ground truth): a run of adjacent whole-token
 * variables (a list of hosts, a date and a time) is one `<*>`, and so is a comma-separated list
 * of tokens that hold only variables and punctuation (`[<*>=<*>, <*>=<*>]` is `[<*>]`: the
 * punctuation before its first variable and after its last stays). The miner's tokens keep one
 * per token: they say how many tokens the lines of one shape have.
 */
export function displayTemplate(tokens: readonly string[]): string {
  let out = '';
  for (let p = 0; p < tokens.length; ) {
    let end = p + 1;
    while (end < tokens.length && runGoesOn(tokens[end - 1], tokens[end])) end++;
    const token =
      end - p < 2
        ? tokens[p]
        : tokens[p].slice(0, tokens[p].indexOf(WILDCARD)) + WILDCARD + tokens[end - 1].slice(tokens[end - 1].lastIndexOf(WILDCARD) + WILDCARD.length);
    out += (p > 0 ? ' ' : '') + token;
    p = end;
  }
  return out;
}

/**
 * What the templates of two groups share when they are one pattern: the display template without
 * the tokens of punctuation and variables only (no bracket) that follow a variable, so a value
 * written as one token in some lines and two in others (`chrome.exe` and `chrome.exe *64`, masked
 * `<*>` and `<*> *<*>`) is one value, as a list of one host or of three is. The pattern is still
 * shown as its largest group writes it.
 */
export function patternKey(tokens: readonly string[]): string {
  return displayTemplate(tokens.filter((token, p) => !(p > 0 && tokens[p - 1] === WILDCARD && token !== WILDCARD && isValueOnly(token) && !BRACKET.test(token.replaceAll(WILDCARD, '')))));
}

const BRACKET = /[()[\]{}<>]/u;

/** Whether `next` continues a run of variables that `token` is in: `<*> <*>`, or a list item and the next (`<*>=<*>, <*>=<*>`). */
function runGoesOn(token: string, next: string): boolean {
  if (token === WILDCARD && next === WILDCARD) return true;
  return token.endsWith(',') && isValueOnly(token) && isValueOnly(next);
}

/** A token of variables and punctuation only (`<*>`, `<*>=<*>,`, `[<*>]`): no word of its own. */
function isValueOnly(token: string): boolean {
  return token.includes(WILDCARD) && !/[\p{L}\p{N}]/u.test(token.replaceAll(WILDCARD, ''));
}

export function templateTokens(template: string): string[] {
  const trimmed = template.trim();
  return trimmed === '' ? [] : trimmed.split(/\s+/);
}

export function isVariableToken(token: string): boolean {
  return token === WILDCARD;
}

export function hasWildcard(token: string): boolean {
  return token.includes(WILDCARD);
}

/**
 * Normal form used to compare template strings: whitespace collapsed, and runs of `<*>` (adjacent
 * or separated only by whitespace) collapsed into one.
 */
export function normalizeTemplate(template: string): string {
  return template
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/<\*>(?:\s*<\*>)+/g, WILDCARD);
}

/** 32-bit FNV-1a as 8 hex digits: stable pattern ids derived from template text. */
export function hashText(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
}
