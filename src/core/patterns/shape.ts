/**
 * A line's shape: its masked tokens with identifier-like tokens (hex ids, host names with numbers,
 * versions) standing for any value. Lines of one shape are one key of the miner, so a file whose
 * lines carry a fresh id each costs one key per message, not one per line – the miner's time and
 * memory follow the number of messages, not the number of lines.
 */
import { WILDCARD } from './masking.ts';

const MIN_HEX_ID = 16;

function isHex(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
}

/**
 * Digits mixed with letters, or long runs of digits/hex: ids, hosts, versions – values, never a
 * word that names a message. A token with half or more digits, or a long hex run with a digit.
 */
export function looksLikeId(token: string): boolean {
  let digits = 0;
  let hex = true;
  for (let i = 0; i < token.length; i++) {
    const c = token.charCodeAt(i);
    if (c >= 48 && c <= 57) digits++;
    else if (hex && !isHex(c)) hex = false;
  }
  return digits > 0 && (digits * 2 >= token.length || (hex && token.length >= MIN_HEX_ID));
}

/** True when a token stands for any value in a shape: a masked variable or an id. */
export function isOpenToken(token: string): boolean {
  return token === WILDCARD || looksLikeId(token);
}

/** The shape's text, for looking keys up: open tokens become `<*>`. */
export function shapeId(tokens: readonly string[]): string {
  let id = '';
  for (let p = 0; p < tokens.length; p++) {
    if (p > 0) id += ' ';
    id += isOpenToken(tokens[p]) ? WILDCARD : tokens[p];
  }
  return id;
}
