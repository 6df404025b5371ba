/**
 * The character classes of the default masking rules, ASCII only, and the small scans every rule
 * is built from (a run of digits, of host-label characters, …), for default-scanner.ts.
 */

/**
 * Character code at `i`, or 0 past the end: NUL is in none of the classes below and matches no
 * literal of the rules, so the end of the line and a NUL character read the same – as for the regex.
 */
export function at(s: string, i: number): number {
  return i < s.length ? s.charCodeAt(i) : 0;
}

// The character classes of the rules, restricted to ASCII, as bits of one table (indexed by any
// UTF-16 code unit, so a look-ahead past a non-ASCII character reads 0: in no class).
export const DIGIT = 1;
export const LETTER = 2;
const LOWER = 4;
const HEX = 8;
/** `[\p{L}\p{N}_]`: a character that makes a word go on (the rules' `B` and `A` guards). */
export const WORD = 16;
/** `[\p{L}\p{N}-]`: a host label character. */
const LABEL = 32;
/** `[\p{L}\p{N}_-]`: a host-port label or id character. */
const WORD_DASH = 64;
/** `[\p{L}\p{N}_.:@-]`: a path segment character. */
const PATH = 128;
export const UNDERSCORE = 256;
/** The first letter of a weekday or month name. */
export const DATE_INITIAL = 512;
/** A letter that is not a hex digit (g–z, G–Z). */
export const NON_HEX_LETTER = 1024;

export const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
export const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export const CLASSES = new Uint16Array(65536);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  const digit = ch >= '0' && ch <= '9';
  const letter = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');
  const alnum = digit || letter;
  CLASSES[c] =
    (digit ? DIGIT : 0) |
    (letter ? LETTER : 0) |
    (ch >= 'a' && ch <= 'z' ? LOWER : 0) |
    (digit || (ch >= 'a' && ch <= 'f') || (ch >= 'A' && ch <= 'F') ? HEX : 0) |
    (alnum || ch === '_' ? WORD : 0) |
    (alnum || ch === '-' ? LABEL : 0) |
    (alnum || ch === '_' || ch === '-' ? WORD_DASH : 0) |
    (alnum || '_.:@-'.includes(ch) ? PATH : 0) |
    (ch === '_' ? UNDERSCORE : 0) |
    ([...WEEKDAYS, ...MONTHS].some((name) => name[0] === ch) ? DATE_INITIAL : 0) |
    (letter && !/[a-fA-F]/.test(ch) ? NON_HEX_LETTER : 0);
}

export const isDigit = (c: number) => (CLASSES[c] & DIGIT) !== 0;
export const isLetter = (c: number) => (CLASSES[c] & LETTER) !== 0;
export const isAlnum = (c: number) => (CLASSES[c] & (DIGIT | LETTER)) !== 0;
export const isWord = (c: number) => (CLASSES[c] & WORD) !== 0;
export const isHex = (c: number) => (CLASSES[c] & HEX) !== 0;
export const isLower = (c: number) => (CLASSES[c] & LOWER) !== 0;
export const isLabel = (c: number) => (CLASSES[c] & LABEL) !== 0;
export const isWordOrDash = (c: number) => (CLASSES[c] & WORD_DASH) !== 0;
export const isPathChar = (c: number) => (CLASSES[c] & PATH) !== 0;

/** `A`: no word character at `i`. */
export function after(s: string, i: number): boolean {
  return !isWord(at(s, i));
}

export function digitsEnd(s: string, i: number): number {
  while (isDigit(at(s, i))) i++;
  return i;
}

// One loop per character class rather than one taking a predicate: V8 inlines these.
export function labelEnd(s: string, i: number): number {
  while (isLabel(at(s, i))) i++;
  return i;
}

export function wordOrDashEnd(s: string, i: number): number {
  while (isWordOrDash(at(s, i))) i++;
  return i;
}

export function hexEnd(s: string, i: number): number {
  while (isHex(at(s, i))) i++;
  return i;
}

export function pathCharsEnd(s: string, i: number): number {
  while (isPathChar(at(s, i))) i++;
  return i;
}

export function spacesEnd(s: string, i: number): number {
  while (at(s, i) === 32) i++;
  return i;
}

export function hasDigits(s: string, i: number, count: number): boolean {
  for (let k = 0; k < count; k++) if (!isDigit(at(s, i + k))) return false;
  return true;
}

/**
 * Top-level domains a host name of three or more labels may end in, besides the two-letter country
 * ones: a dotted name ending in another word is a logger, package or property name
 * (`agent.server.raft`, `org.mortbay.log`, `java.class.path`), not a host.
 */
export const HOST_TLDS: readonly string[] = ['com', 'net', 'org', 'edu', 'gov', 'mil', 'int', 'biz', 'info', 'io', 'ai', 'app', 'dev', 'cloud', 'local', 'lan', 'corp', 'home', 'arpa', 'asia', 'xyz', 'top', 'site', 'online', 'shop', 'store', 'tech'];

/** HOST_TLDS by first character code: a label is checked against a few of them, not all. */
const TLDS_BY_INITIAL: string[][] = Array.from({ length: 128 }, () => []);
for (const tld of HOST_TLDS) TLDS_BY_INITIAL[tld.charCodeAt(0)].push(tld);

/** Whether `s` from `start` to `end` is one of HOST_TLDS. */
export function isHostTld(s: string, start: number, end: number): boolean {
  const candidates = TLDS_BY_INITIAL[s.charCodeAt(start)];
  if (!candidates) return false;
  for (const tld of candidates) if (tld.length === end - start && s.startsWith(tld, start)) return true;
  return false;
}
