/**
 * The default masking rules (masking.ts) as one hand-written pass over a line: the same matches as
 * their compiled regex, without the regex engine's cost of trying ten alternatives and their
 * Unicode word guards at every position. It reads ASCII only; a line with any other character
 * gives null and is masked by the regex, so `\p{L}`/`\p{N}` never have to be re-implemented.
 *
 * Each rule (default-scanner-rules.ts) is its pattern in masking.ts worked out by hand: where the regex would backtrack,
 * the candidate ends are tried in the order the regex tries them, so the first one that passes the
 * word guard is the regex's match. A change to a default pattern must be made here too – the
 * property test in test/unit/patterns/default-scanner.test.ts compares the two on generated lines.
 */

import { MaskedText } from './masked-text.ts';
import { at, CLASSES, DATE_INITIAL, DIGIT, isDigit, isHex, isLetter, isWord, labelEnd, LETTER, NON_HEX_LETTER, UNDERSCORE, WORD, wordOrDashEnd } from './default-scanner-chars.ts';
import { accessLogDate, hex, hexId, host, hostFailedRunEnd, hostPort, id, ip, isoDate, literal, mac, number, path, quantity, quotedValue, textDate, url, userAgent, uuid, windowsPath } from './default-scanner-rules.ts';

const LT = 60;
const STAR = 42;
const GT = 62;
const QUOTE = 34;

/**
 * The rules that can start with a letter, digit or `-` (`B` holds at `i`), in their order from
 * `host` on; `firstLabelEnd` is labelEnd(s, i), which the caller often knows already. A host needs
 * a `.` after its first label, a host with a port one of `.:/` after its first word, an id an `_`
 * in its first word: one pass over the word rules most of them out.
 */
function wordRules(s: string, i: number, c: number, firstLabelEnd: number): number {
  const first = at(s, firstLabelEnd) === 95 ? wordOrDashEnd(s, firstLabelEnd) : firstLabelEnd;
  const next = at(s, first);
  let end = -1;
  if (at(s, firstLabelEnd) === 46 && i >= noHostBefore) {
    if ((end = host(s, i, firstLabelEnd)) >= 0) return end;
    noHostBefore = hostFailedRunEnd();
  }
  if (isDigit(c) && (end = ip(s, i, true)) >= 0) return end;
  if ((next === 46 || next === 47 || next === 58) && (end = hostPort(s, i, first)) >= 0) return end;
  // After id, a letter starts only a hex id, a Windows path (a drive letter and `:\`) or a literal.
  if (isLetter(c)) {
    if (first > firstLabelEnd && (end = id(s, i)) >= 0) return end;
    // Both need a word this long: a hex id eight characters, a literal four.
    if (isHex(c) && firstLabelEnd - i >= 8 && (end = hexId(s, i)) >= 0) return end;
    if (first === i + 1 && (end = windowsPath(s, i)) >= 0) return end;
    return firstLabelEnd - i >= 4 ? literal(s, i) : -1;
  }
  if (c === 48 && (end = hex(s, i)) >= 0) return end;
  if (isDigit(c) && firstLabelEnd - i >= 8 && (end = hexId(s, i)) >= 0) return end;
  if (isDigit(c) && (end = quantity(s, i)) >= 0) return end;
  return number(s, i);
}

/**
 * The end of the first rule's match at the start of a word (`B` holds at `i`; `c`, a letter or
 * digit, is its first character), in the rules' order, or -1. `word` is where its word characters
 * end, `next` the character there (0 at the line's end) and `classes` their classes OR-ed.
 */
function matchWord(s: string, i: number, c: number, word: number, next: number, classes: number): number {
  let end = -1;
  // uuid, MAC addresses and dates first; each needs a first word of a fixed length (8 hex digits,
  // 2, 4 or 2 digits, a 3-letter name) and a `-`, `:`, `/`, `,` or space after it, tested before the rule.
  const length = word - i;
  if (length === 8 && next === 45 && isHex(c) && (end = uuid(s, i)) >= 0) return end;
  if (length === 2 && (next === 58 || next === 45) && isHex(c) && (end = mac(s, i)) >= 0) return end;
  if (length === 4 && (next === 45 || next === 47) && isDigit(c) && (end = isoDate(s, i)) >= 0) return end;
  if (length === 2 && next === 47 && isDigit(c) && (end = accessLogDate(s, i)) >= 0) return end;
  if (length === 3 && (next === 32 || next === 44) && (CLASSES[c] & DATE_INITIAL) !== 0 && (end = textDate(s, i)) >= 0) return end;
  // A URL's scheme is letters, digits and `+.-`, then `://` (looked for only in a line that has one).
  if (lineHasUrl && isLetter(c) && (next === 58 || next === 43 || next === 46 || next === 45) && (end = url(s, i)) >= 0) return end;
  // Letters only before `:`, `/` or `,` (`status:`, `HTTP/1.1`) can start no host (it needs a `.`),
  // no host with a port (a digit before the `:`), no ip or id: they go on below with the rest.
  const lettersOnly = (classes & (UNDERSCORE | DIGIT)) === 0;
  if ((classes & UNDERSCORE) !== 0 || next === 45 || next === 46 || (!lettersOnly && (next === 47 || next === 58 || next === 44))) {
    // The word's characters are label characters but `_`: its first label ends where it does, or goes on after a `-`.
    return wordRules(s, i, c, (classes & UNDERSCORE) !== 0 ? labelEnd(s, i) : next === 45 ? labelEnd(s, word) : word);
  }
  // A word without `_` that ends in none of `-./:,`, or letters only: no host, host with a port, ip
  // or id, and no number with more parts. A letter starts only a hex id (the whole word, 8 or more),
  // a drive letter (`C:\`) or a literal (4 or 5); digits are a number, or a quantity when a space
  // and a unit follow; digits and letters can be hex, a hex id or a quantity (`30ms`).
  // A hex id is the whole word: 8 or more hex digits, a digit and a letter among them.
  const hexWord = word - i >= 8 && (classes & (NON_HEX_LETTER | DIGIT | LETTER)) === (DIGIT | LETTER);
  if (isLetter(c)) {
    if (hexWord) return word;
    if (word === i + 1 && next === 58) return windowsPath(s, i);
    return word - i === 4 || word - i === 5 ? literal(s, i) : -1;
  }
  if ((classes & LETTER) === 0) return next === 32 && (end = quantity(s, i)) >= 0 ? end : word;
  if (c === 48 && (end = hex(s, i)) >= 0) return end;
  return hexWord ? word : quantity(s, i);
}

/**
 * The end of the first rule's match at `i` for a `c` that is not a word character, or -1.
 * `boundary` is `B` at `i`: no word character before it. Only `/` (ip, path) and `<>~` (quantity)
 * can start a match without it.
 */
function matchOther(s: string, i: number, c: number, boundary: boolean): number {
  let end = -1;
  switch (c) {
    case 45: // -
      return boundary ? wordRules(s, i, c, labelEnd(s, i)) : -1;
    case 43: // +
      return boundary ? number(s, i) : -1;
    case 47: // /
      if ((end = ip(s, i, boundary)) >= 0) return end;
      return path(s, i);
    case 60: // <
    case 62: // >
    case 126: // ~
      return quantity(s, i);
    default:
      return -1;
  }
}

/** Whether the line being masked has a `://`: only then can a word start a URL. */
let lineHasUrl = false;
/** In the line being masked, words before this position start no host (hostFailedRunEnd). */
let noHostBefore = -1;

/** What maskDefaultAsciiInto did. */
export const NOT_ASCII = 0;
/** The masked line is in `out`, runs of `<*>` joined. */
export const MASKED = 1;
/** The masked line is in `out`; its runs of `<*>` may still need joining (MaskedText.joinVariableRuns). */
export const JOIN_PENDING = 2;
/** As JOIN_PENDING, and a run was joined already: the line has a `<*> `, so its runs are to be joined. */
export const JOIN_PENDING_SPACED = 3;

/**
 * Writes `line` with every match of the default rules replaced by `<*>` – what their compiled
 * regex's `replace` gives – into `out`, or says NOT_ASCII (and `out` is unusable) for a line with a
 * character outside ASCII. With `joinRuns`, a `<*>` that follows a `<*>` and spaces as it is
 * written is dropped with the spaces (the miner's `<*> <*>` → `<*>`), saving a pass; where the line
 * leaves that in doubt (a literal `<`, a run starting with a tab) it says JOIN_PENDING.
 */
export function maskDefaultAsciiInto(line: string, out: MaskedText, joinRuns: boolean): number {
  const length = line.length;
  lineHasUrl = line.includes('://');
  noHostBefore = -1;
  // A match is one character at least and becomes three.
  out.reserve(length * 3);
  const codes = out.codes;
  let written = 0;
  // Where the last `<*>` written ends while only whitespace follows it, else -1.
  let wildcardEnd = -1;
  let pending = !joinRuns;
  let spaced = false;
  // `boundary` is the rules' `B`: no word character before `i`. Inside a word only `/<>~` can
  // start a match, so the rest of a word is copied without a look.
  let boundary = true;
  let i = 0;
  while (i < length) {
    const c = line.charCodeAt(i);
    if (c >= 128) return NOT_ASCII;
    let end = -1;
    if (isWord(c)) {
      // The word is copied as it is read; a match starting at it takes the copy back.
      const wordStart = written;
      let classes = 0;
      let j = i;
      let w = c;
      let kind = CLASSES[w];
      do {
        classes |= kind;
        codes[written++] = w;
        w = at(line, ++j);
        kind = CLASSES[w];
      } while ((kind & WORD) !== 0);
      if (boundary) end = c === 95 ? hostPort(line, i, wordOrDashEnd(line, i)) : matchWord(line, i, c, j, w, classes);
      if (end < 0) {
        i = j;
        boundary = false;
        wildcardEnd = -1;
        continue;
      }
      written = wordStart;
    } else {
      if (boundary || c === 47 || c === 60 || c === 62 || c === 126) end = matchOther(line, i, c, boundary);
      if (end < 0) {
        codes[written++] = c;
        boundary = true;
        i++;
        if (c !== 32 && (c < 9 || c > 13)) wildcardEnd = -1;
        if (c === LT) pending = true;
        // The first rules, quoted-value and user-agent, start just after a `"`: tried here, before any other at `i`.
        if (c !== QUOTE || ((end = quotedValue(line, i)) < 0 && (end = userAgent(line, i)) < 0)) continue;
      }
    }
    i = end;
    boundary = !isWord(line.charCodeAt(end - 1));
    // Joining runs happens only in a line with a `<*> `: a run whose gap starts with a space
    // proves there is one; any other gap is left to the joining pass.
    if (joinRuns && wildcardEnd >= 0 && written > wildcardEnd) {
      if (codes[wildcardEnd] === 32) {
        written = wildcardEnd;
        spaced = true;
        continue;
      }
      pending = true;
    }
    codes[written++] = LT;
    codes[written++] = STAR;
    codes[written++] = GT;
    wildcardEnd = written;
  }
  out.length = written;
  return !pending ? MASKED : spaced ? JOIN_PENDING_SPACED : JOIN_PENDING;
}

const scratch = new MaskedText();

/** maskDefaultAsciiInto as a string, or null for a line with a character outside ASCII. */
export function maskDefaultAscii(line: string): string | null {
  return maskDefaultAsciiInto(line, scratch, false) === NOT_ASCII ? null : scratch.toString();
}
