/**
 * The default masking rules (masking.ts) as one hand-written pass over a line: the same matches as
 * their compiled regex, without the regex engine's cost of trying ten alternatives and their
 * Unicode word guards at every position. It reads ASCII only; a line with any other character
 * gives null and is masked by the regex, so `\p{L}`/`\p{N}` never have to be re-implemented.
 *
 * Each rule below is its pattern in masking.ts worked out by hand: where the regex would backtrack,
 * the candidate ends are tried in the order the regex tries them, so the first one that passes the
 * word guard is the regex's match. A change to a default pattern must be made here too – the
 * property test in test/unit/default-scanner.test.ts compares the two on generated lines.
 */

import { MaskedText } from './masked-text.ts';

const LT = 60;
const STAR = 42;
const GT = 62;

/**
 * Character code at `i`, or 0 past the end: NUL is in none of the classes below and matches no
 * literal of the rules, so the end of the line and a NUL character read the same – as for the regex.
 */
function at(s: string, i: number): number {
  return i < s.length ? s.charCodeAt(i) : 0;
}

// The character classes of the rules, restricted to ASCII, as bits of one table (indexed by any
// UTF-16 code unit, so a look-ahead past a non-ASCII character reads 0: in no class).
const DIGIT = 1;
const LETTER = 2;
const LOWER = 4;
const HEX = 8;
/** `[\p{L}\p{N}_]`: a character that makes a word go on (the rules' `B` and `A` guards). */
const WORD = 16;
/** `[\p{L}\p{N}-]`: a host label character. */
const LABEL = 32;
/** `[\p{L}\p{N}_-]`: a host-port label or id character. */
const WORD_DASH = 64;
/** `[\p{L}\p{N}_.:@-]`: a path segment character. */
const PATH = 128;
const UNDERSCORE = 256;
/** The first letter of a weekday or month name. */
const DATE_INITIAL = 512;

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const CLASSES = new Uint16Array(65536);
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
    ([...WEEKDAYS, ...MONTHS].some((name) => name[0] === ch) ? DATE_INITIAL : 0);
}

const isDigit = (c: number) => (CLASSES[c] & DIGIT) !== 0;
const isLetter = (c: number) => (CLASSES[c] & LETTER) !== 0;
const isAlnum = (c: number) => (CLASSES[c] & (DIGIT | LETTER)) !== 0;
const isWord = (c: number) => (CLASSES[c] & WORD) !== 0;
const isHex = (c: number) => (CLASSES[c] & HEX) !== 0;
const isLower = (c: number) => (CLASSES[c] & LOWER) !== 0;
const isLabel = (c: number) => (CLASSES[c] & LABEL) !== 0;
const isWordOrDash = (c: number) => (CLASSES[c] & WORD_DASH) !== 0;
const isPathChar = (c: number) => (CLASSES[c] & PATH) !== 0;

/** `A`: no word character at `i`. */
function after(s: string, i: number): boolean {
  return !isWord(at(s, i));
}

function digitsEnd(s: string, i: number): number {
  while (isDigit(at(s, i))) i++;
  return i;
}

// One loop per character class rather than one taking a predicate: V8 inlines these.
function labelEnd(s: string, i: number): number {
  while (isLabel(at(s, i))) i++;
  return i;
}

function wordOrDashEnd(s: string, i: number): number {
  while (isWordOrDash(at(s, i))) i++;
  return i;
}

function hexEnd(s: string, i: number): number {
  while (isHex(at(s, i))) i++;
  return i;
}

function pathCharsEnd(s: string, i: number): number {
  while (isPathChar(at(s, i))) i++;
  return i;
}

function spacesEnd(s: string, i: number): number {
  while (at(s, i) === 32) i++;
  return i;
}

function hasDigits(s: string, i: number, count: number): boolean {
  for (let k = 0; k < count; k++) if (!isDigit(at(s, i + k))) return false;
  return true;
}

function uuid(s: string, i: number): number {
  for (let k = 0; k < 36; k++) {
    const c = at(s, i + k);
    if (k === 8 || k === 13 || k === 18 || k === 23 ? c !== 45 : !isHex(c)) return -1;
  }
  return after(s, i + 36) ? i + 36 : -1;
}

/** `\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?)?` then `A`. */
function isoDate(s: string, i: number): number {
  if (!(hasDigits(s, i, 4) && at(s, i + 4) === 45 && hasDigits(s, i + 5, 2) && at(s, i + 7) === 45 && hasDigits(s, i + 8, 2))) return -1;
  const date = i + 10;
  const t = at(s, date);
  if ((t === 84 || t === 32) && hasDigits(s, date + 1, 2) && at(s, date + 3) === 58 && hasDigits(s, date + 4, 2)) {
    const minutes = date + 6;
    if (at(s, minutes) === 58 && hasDigits(s, minutes + 1, 2)) {
      const seconds = minutes + 3;
      const sep = at(s, seconds);
      if ((sep === 46 || sep === 44) && isDigit(at(s, seconds + 1))) {
        const fraction = digitsEnd(s, seconds + 1);
        if (after(s, fraction)) return fraction;
      }
      if (after(s, seconds)) return seconds;
    }
    if (after(s, minutes)) return minutes;
  }
  return after(s, date) ? date : -1;
}


function oneOfAt(s: string, i: number, words: readonly string[]): boolean {
  for (const word of words) if (s.startsWith(word, i)) return true;
  return false;
}

/** ` +\d{4}` at `i`: its end, or -1. */
function spacedYear(s: string, i: number): number {
  if (at(s, i) !== 32) return -1;
  const year = spacesEnd(s, i);
  return hasDigits(s, year, 4) ? year + 4 : -1;
}

/**
 * `(?:(?:Mon|…),? +)?(?:Jan|…) +\d{1,2}(?:,? +\d{4})?(?: +\d{2}:\d{2}(?::\d{2})?(?: +\d{4})?)?` then `A`.
 */
function textDate(s: string, i: number): number {
  let p = i;
  if (oneOfAt(s, p, WEEKDAYS)) {
    p += 3;
    if (at(s, p) === 44) p++;
    if (at(s, p) !== 32) return -1;
    p = spacesEnd(s, p);
  }
  if (!oneOfAt(s, p, MONTHS)) return -1;
  p += 3;
  if (at(s, p) !== 32) return -1;
  p = spacesEnd(s, p);
  const dayEnd = digitsEnd(s, p);
  if (dayEnd === p || dayEnd - p > 2) return -1;
  const yearEnd = spacedYear(s, at(s, dayEnd) === 44 ? dayEnd + 1 : dayEnd);
  for (const y of yearEnd >= 0 ? [yearEnd, dayEnd] : [dayEnd]) {
    if (at(s, y) === 32) {
      const hour = spacesEnd(s, y);
      if (hasDigits(s, hour, 2) && at(s, hour + 2) === 58 && hasDigits(s, hour + 3, 2)) {
        const minutes = hour + 5;
        const seconds = at(s, minutes) === 58 && hasDigits(s, minutes + 1, 2) ? minutes + 3 : -1;
        for (const time of seconds >= 0 ? [seconds, minutes] : [minutes]) {
          const trailingYear = spacedYear(s, time);
          if (trailingYear >= 0 && after(s, trailingYear)) return trailingYear;
          if (after(s, time)) return time;
        }
      }
    }
    if (after(s, y)) return y;
  }
  return -1;
}

/** What may not follow a host: `(?![\p{L}\p{N}_(-]|\.[\p{L}\p{N}])`. */
function hostMayEndAt(s: string, i: number): boolean {
  const c = at(s, i);
  if (isWord(c) || c === 40 || c === 45) return false;
  return !(c === 46 && isAlnum(at(s, i + 1)));
}

/** `(?::\d{1,5})?` then the host's end guard, after a domain ending at `i`. */
function hostEnd(s: string, i: number): number {
  if (at(s, i) !== 58) return hostMayEndAt(s, i) ? i : -1;
  const port = digitsEnd(s, i + 1);
  const size = port - i - 1;
  if (size >= 1 && size <= 5 && hostMayEndAt(s, port)) return port;
  return i;
}

function allLower(s: string, start: number, end: number): boolean {
  for (let k = start; k < end; k++) if (!isLower(s.charCodeAt(k))) return false;
  return true;
}

const SHORT_TLDS = ['com', 'net', 'org', 'edu', 'gov', 'mil', 'biz', 'info'];

/** Label ends after a host's first label: the `.label` segments, start and end of each. */
const segmentStarts: number[] = [];
const segmentEnds: number[] = [];

/**
 * `(?=[\p{N}.-]*\p{L})[\p{L}\p{N}-]+(?:(?:\.[\p{L}\p{N}-]+)+\.[a-z]{2,6}|\.(?:com|…|[a-z]{2}))(?::\d{1,5})?`
 * and its end guard. Labels are whole runs (a shorter one would leave a label character where a `.`
 * must be); the top-level domain is the last segment that works, as the greedy repetition backs off.
 */
function host(s: string, i: number, firstLabelEnd: number): number {
  let k = i;
  for (let c = at(s, k); isDigit(c) || c === 46 || c === 45; c = at(s, ++k));
  if (!isLetter(at(s, k))) return -1;
  let p = firstLabelEnd;
  let count = 0;
  while (at(s, p) === 46 && isLabel(at(s, p + 1))) {
    segmentStarts[count] = p + 1;
    p = labelEnd(s, p + 1);
    segmentEnds[count++] = p;
  }
  for (let f = count - 1; f >= 1; f--) {
    const size = segmentEnds[f] - segmentStarts[f];
    if (size < 2 || size > 6 || !allLower(s, segmentStarts[f], segmentEnds[f])) continue;
    const end = hostEnd(s, segmentEnds[f]);
    if (end >= 0) return end;
  }
  if (count >= 1) {
    const start = segmentStarts[0];
    const end = segmentEnds[0];
    const size = end - start;
    let tld = size === 2 && allLower(s, start, end);
    for (let t = 0; !tld && t < SHORT_TLDS.length; t++) tld = SHORT_TLDS[t].length === size && s.startsWith(SHORT_TLDS[t], start);
    if (tld) return hostEnd(s, end);
  }
  return -1;
}

/** `\d{1,3}(?:\.\d{1,3}){3}` at `i`: its end, or -1. Each part is a whole digit run. */
function ipv4(s: string, i: number): number {
  let p = i;
  for (let part = 0; part < 4; part++) {
    if (part > 0) {
      if (at(s, p) !== 46) return -1;
      p++;
    }
    const end = digitsEnd(s, p);
    if (end === p || end - p > 3) return -1;
    p = end;
  }
  return p;
}

/** `/?` `B` `\d{1,3}(?:\.\d{1,3}){3}(?::\d{1,5})?` `A` (`boundary`: whether `B` holds at `i`). */
function ip(s: string, i: number, boundary: boolean): number {
  const start = at(s, i) === 47 ? i + 1 : boundary ? i : -1;
  if (start < 0) return -1;
  const end = ipv4(s, start);
  if (end < 0) return -1;
  if (at(s, end) === 58) {
    const port = digitsEnd(s, end + 1);
    const size = port - end - 1;
    return size >= 1 && size <= 5 && after(s, port) ? port : end;
  }
  return after(s, end) ? end : -1;
}

/**
 * `(?=[\p{N}_.-]*\p{L})(?=[\p{L}\p{N}_-]*[\d.])[\p{L}\p{N}_-]+(?:\.[\p{L}\p{N}_-]+)*(?:/\d{1,3}(?:\.\d{1,3}){3})?:\d{1,5}` `A`.
 */
function hostPort(s: string, i: number, first: number): number {
  let k = i;
  for (let c = at(s, k); isDigit(c) || c === 95 || c === 46 || c === 45; c = at(s, ++k));
  if (!isLetter(at(s, k))) return -1;
  if (at(s, first) !== 46) {
    let digit = false;
    for (let q = i; q < first && !digit; q++) digit = isDigit(s.charCodeAt(q));
    if (!digit) return -1;
  }
  let p = first;
  while (at(s, p) === 46 && isWordOrDash(at(s, p + 1))) p = wordOrDashEnd(s, p + 1);
  if (at(s, p) === 47) {
    p = ipv4(s, p + 1);
    if (p < 0) return -1;
  }
  if (at(s, p) !== 58) return -1;
  const port = digitsEnd(s, p + 1);
  const size = port - p - 1;
  return size >= 1 && size <= 5 && after(s, port) ? port : -1;
}

/**
 * `\p{L}[\p{L}\p{N}]*(?:_[\p{L}\p{N}]+)*_-?\d[\p{L}\p{N}_-]*` `A`: words joined by single `_`, one
 * of which goes on with a digit; the match then runs to the end of the word.
 */
function id(s: string, i: number): number {
  let j = i + 1;
  for (;;) {
    const c = at(s, j);
    if (isAlnum(c)) {
      j++;
      continue;
    }
    if (c !== 95) return -1;
    const next = at(s, j + 1);
    if (isDigit(next) || (next === 45 && isDigit(at(s, j + 2)))) return wordOrDashEnd(s, j);
    if (!isAlnum(next)) return -1;
    j += 2;
  }
}

/** `0[xX][0-9a-fA-F]+` `A`. */
function hex(s: string, i: number): number {
  if ((at(s, i + 1) | 32) !== 120 || !isHex(at(s, i + 2))) return -1;
  const end = hexEnd(s, i + 2);
  return after(s, end) ? end : -1;
}

/** `(?<![\p{L}\p{N}_./-])(?:/[\p{L}\p{N}_.:@-]+){2,}/?` */
function path(s: string, i: number): number {
  if (i > 0) {
    const before = s.charCodeAt(i - 1);
    if (isWordOrDash(before) || before === 46 || before === 47) return -1;
  }
  let p = i;
  let segments = 0;
  while (at(s, p) === 47 && isPathChar(at(s, p + 1))) {
    p = pathCharsEnd(s, p + 1);
    segments++;
  }
  if (segments < 2) return -1;
  return at(s, p) === 47 ? p + 1 : p;
}

/** A unit word at `i` followed by `A`: its end, or -1. */
function unitAt(s: string, i: number, word: string): number {
  return s.startsWith(word, i) && after(s, i + word.length) ? i + word.length : -1;
}

/** `\d+(?:\.\d+)? ?(?:[KMGT]i?B|bytes|B|ms|us|µs|ns|sec|s|min|h)` `A` (µs is not ASCII: the regex's). */
function quantityAt(s: string, i: number): number {
  if (!isDigit(at(s, i))) return -1;
  let p = digitsEnd(s, i);
  if (at(s, p) === 46 && isDigit(at(s, p + 1))) p = digitsEnd(s, p + 1);
  if (at(s, p) === 32) p++;
  const c = at(s, p);
  switch (c) {
    case 75: // K
    case 77: // M
    case 71: // G
    case 84: // T
      if (at(s, p + 1) === 105 && at(s, p + 2) === 66) return after(s, p + 3) ? p + 3 : -1;
      return at(s, p + 1) === 66 && after(s, p + 2) ? p + 2 : -1;
    case 98: // b
      return unitAt(s, p, 'bytes');
    case 66: // B
    case 104: // h
      return after(s, p + 1) ? p + 1 : -1;
    case 109: {
      const ms = unitAt(s, p, 'ms');
      return ms >= 0 ? ms : unitAt(s, p, 'min');
    }
    case 117: // u
      return unitAt(s, p, 'us');
    case 110: // n
      return unitAt(s, p, 'ns');
    case 115: {
      const sec = unitAt(s, p, 'sec');
      return sec >= 0 ? sec : unitAt(s, p, 's');
    }
    default:
      return -1;
  }
}

/** `[<>~]?` `B` QUANTITY `(?: \(QUANTITY\))?` */
function quantity(s: string, i: number): number {
  const c = at(s, i);
  const end = quantityAt(s, c === 60 || c === 62 || c === 126 ? i + 1 : i);
  if (end < 0) return -1;
  if (at(s, end) === 32 && at(s, end + 1) === 40) {
    const inner = quantityAt(s, end + 2);
    if (inner >= 0 && at(s, inner) === 41) return inner + 1;
  }
  return end;
}

/** `[-+]?\d+(?:[.:,-]\d+)*` `A`: when a word follows, the match backs off to before the last part. */
function number(s: string, i: number): number {
  let p = i;
  const sign = at(s, p);
  if (sign === 45 || sign === 43) p++;
  if (!isDigit(at(s, p))) return -1;
  p = digitsEnd(s, p);
  let lastSeparator = -1;
  for (;;) {
    const c = at(s, p);
    if (!(c === 46 || c === 58 || c === 44 || c === 45) || !isDigit(at(s, p + 1))) break;
    lastSeparator = p;
    p = digitsEnd(s, p + 1);
  }
  if (after(s, p)) return p;
  return lastSeparator;
}

/**
 * The rules that can start with a letter, digit or `-` (`B` holds at `i`), in their order from
 * `host` on. A host needs a `.` after its first label, a host with a port one of `.:/` after its
 * first word, an id an `_` in its first word: one pass over the word rules most of them out.
 */
function wordRules(s: string, i: number, c: number): number {
  const firstLabelEnd = labelEnd(s, i);
  const first = at(s, firstLabelEnd) === 95 ? wordOrDashEnd(s, firstLabelEnd) : firstLabelEnd;
  const next = at(s, first);
  let end = -1;
  if (at(s, firstLabelEnd) === 46 && (end = host(s, i, firstLabelEnd)) >= 0) return end;
  if (isDigit(c) && (end = ip(s, i, true)) >= 0) return end;
  if ((next === 46 || next === 47 || next === 58) && (end = hostPort(s, i, first)) >= 0) return end;
  if (isLetter(c)) return first > firstLabelEnd ? id(s, i) : -1;
  if (c === 48 && (end = hex(s, i)) >= 0) return end;
  if (isDigit(c) && (end = quantity(s, i)) >= 0) return end;
  return number(s, i);
}

/**
 * The end of the first rule's match at the start of a word (`B` holds at `i`; `c`, a letter or
 * digit, is its first character), in the rules' order, or -1. `word` is where its word characters
 * end and `classes` their classes OR-ed.
 */
function matchWord(s: string, i: number, c: number, word: number, classes: number): number {
  let end = -1;
  // uuid and dates first; each needs a `-`, `,` or space at a fixed place, tested before the rule.
  if (isHex(c) && at(s, i + 8) === 45 && (end = uuid(s, i)) >= 0) return end;
  if (isDigit(c) && at(s, i + 4) === 45 && (end = isoDate(s, i)) >= 0) return end;
  if ((CLASSES[c] & DATE_INITIAL) !== 0) {
    const d = at(s, i + 3);
    if ((d === 32 || d === 44) && (end = textDate(s, i)) >= 0) return end;
  }
  const next = at(s, word);
  if ((classes & UNDERSCORE) !== 0 || next === 45 || next === 46 || next === 47 || next === 58 || next === 44) return wordRules(s, i, c);
  // A word without `_` that ends in none of `-./:,`: no host, host with a port, ip or id, and no
  // number with more parts. A letter starts none of the rest; digits are a number, or a quantity
  // when a space and a unit follow; digits and letters can be hex or a quantity (`30ms`).
  if (isLetter(c)) return -1;
  if ((classes & LETTER) === 0) return next === 32 && (end = quantity(s, i)) >= 0 ? end : word;
  if (c === 48 && (end = hex(s, i)) >= 0) return end;
  return quantity(s, i);
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
      return boundary ? wordRules(s, i, c) : -1;
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
      if (boundary) end = c === 95 ? hostPort(line, i, wordOrDashEnd(line, i)) : matchWord(line, i, c, j, classes);
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
        continue;
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
