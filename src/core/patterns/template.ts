/** Template strings: tokens joined by single spaces, `<*>` for a variable. */
import { WILDCARD } from './masking.ts';

export function templateOf(tokens: readonly string[]): string {
  return tokens.join(' ');
}

/**
 * A template as people write it (the corrected Loghub ground truth): a run of adjacent whole-token
 * variables (a list of hosts, a date and a time) is one `<*>`. The miner's tokens keep one per
 * token: they say how many tokens the lines of one shape have.
 */
export function displayTemplate(tokens: readonly string[]): string {
  let out = '';
  for (let p = 0; p < tokens.length; p++) {
    if (tokens[p] === WILDCARD && p > 0 && tokens[p - 1] === WILDCARD) continue;
    out += (p > 0 ? ' ' : '') + tokens[p];
  }
  return out;
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
