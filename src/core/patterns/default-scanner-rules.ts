/**
 * The default masking rules one by one, each its pattern in masking.ts worked out by hand (see
 * default-scanner.ts): a function that gives the end of its match at `i`, or -1.
 */
import { after, at, digitsEnd, hasDigits, hexEnd, isAlnum, isHostTld, isDigit, isHex, isLabel, isLetter, isLower, isPathChar, isWord, isWordOrDash, labelEnd, MONTHS, pathCharsEnd, spacesEnd, WEEKDAYS, wordOrDashEnd } from './default-scanner-chars.ts';

const QUOTE = 34;
const EQUALS = 61;
const COLON = 58;
const SPACE = 32;
const BACKSLASH = 92;
const SLASH = 47;

/** `[\p{L}\p{N}_.-]`, ASCII only: a character of a field's key. */
const isKeyChar = (c: number) => isWordOrDash(c) || c === 46;

/**
 * quoted-value at `i`, just after a `"`: `(?<=[\p{L}\p{N}_.-]"?(?:=|: ?)")` – a key, perhaps quoted,
 * then `=`, `:` or `: ` – not for the key msg or message (the key's whole run of key characters),
 * then `(?:[^"\\]|\\.)+(?=")`, which cannot backtrack to a shorter match: it ends at the first
 * quote no backslash escapes, or fails.
 */
export function quotedValue(s: string, i: number): number {
  if (i < 3 || at(s, i - 1) !== QUOTE) return -1;
  const c = s.charCodeAt(i - 2);
  let keyEnd = i - 2;
  if (c === SPACE && s.charCodeAt(i - 3) === COLON) keyEnd = i - 3;
  else if (c !== EQUALS && c !== COLON) return -1;
  if (keyEnd > 0 && s.charCodeAt(keyEnd - 1) === QUOTE) keyEnd--;
  if (keyEnd < 1 || !isKeyChar(s.charCodeAt(keyEnd - 1))) return -1;
  let keyStart = keyEnd - 1;
  while (keyStart > 0 && isKeyChar(s.charCodeAt(keyStart - 1))) keyStart--;
  const keyLength = keyEnd - keyStart;
  if ((keyLength === 3 || keyLength === 7) && /^(?:msg|message)$/.test(s.slice(keyStart, keyEnd))) return -1;
  const end = closingQuote(s, i);
  return end > i ? end : -1;
}

/**
 * user-agent at `i`, just after a `"`: `(?<=(?:^|\s)")` – the quote at the line's start or after
 * whitespace – then a product and its version, `[A-Za-z][A-Za-z0-9_.+-]*\/\d`, which cannot
 * backtrack (no `/` in the class), then the rest of the quoted text as quoted-value reads it.
 */
export function userAgent(s: string, i: number): number {
  if (at(s, i - 1) !== QUOTE || (i >= 2 && !isSpace(s.charCodeAt(i - 2))) || !isLetter(at(s, i))) return -1;
  let j = i + 1;
  while (isProductChar(at(s, j))) j++;
  return at(s, j) === SLASH && isDigit(at(s, j + 1)) ? closingQuote(s, j + 2) : -1;
}

/** `[A-Za-z0-9_.+-]`: a character of a product's name. */
const isProductChar = (c: number) => isWordOrDash(c) || c === 46 || c === 43;
/** `\s` in an ASCII line. */
const isSpace = (c: number) => c === SPACE || (c >= 9 && c <= 13);

/**
 * `(?:[^"\\]|\\.)*(?=")` from `j`: where the quoted text ends (its closing quote, the first one no
 * backslash escapes), or -1.
 */
function closingQuote(s: string, j: number): number {
  while (j < s.length) {
    const c = s.charCodeAt(j);
    if (c === QUOTE) return j;
    // Not ASCII: the scanner's loop reads on to it and leaves the line to the regex.
    if (c >= 128) return -1;
    if (c !== BACKSLASH) {
      j++;
      continue;
    }
    // `\\.`: any character but a line terminator after the backslash; not ASCII, as above.
    const escaped = j + 1 < s.length ? s.charCodeAt(j + 1) : 10;
    if (escaped === 10 || escaped === 13 || escaped >= 128) return -1;
    j += 2;
  }
  return -1;
}

export function uuid(s: string, i: number): number {
  for (let k = 0; k < 36; k++) {
    const c = at(s, i + k);
    if (k === 8 || k === 13 || k === 18 || k === 23 ? c !== 45 : !isHex(c)) return -1;
  }
  return after(s, i + 36) ? i + 36 : -1;
}

/** `[0-9A-Fa-f]{2}(?:[:-][0-9A-Fa-f]{2}){5}` then `A` at `i`: its end, or -1. */
export function mac(s: string, i: number): number {
  for (let k = 0; k < 6; k++) {
    const p = i + k * 3;
    if (!isHex(at(s, p)) || !isHex(at(s, p + 1))) return -1;
    if (k < 5 && at(s, p + 2) !== 58 && at(s, p + 2) !== 45) return -1;
  }
  return after(s, i + 17) ? i + 17 : -1;
}

/**
 * `(?:Z|[+-]\d{2}(?::?\d{2})?)?` then `A` after a time that ends at `p`: the longest end that
 * passes the guard, or -1 when none does (not even the time without a zone).
 */
function zoned(s: string, p: number): number {
  const c = at(s, p);
  if (c === 90) {
    if (after(s, p + 1)) return p + 1;
  } else if ((c === 43 || c === 45) && hasDigits(s, p + 1, 2)) {
    const hours = p + 3;
    if (at(s, hours) === 58 && hasDigits(s, hours + 1, 2) && after(s, hours + 3)) return hours + 3;
    if (hasDigits(s, hours, 2) && after(s, hours + 2)) return hours + 2;
    if (after(s, hours)) return hours;
  }
  return after(s, p) ? p : -1;
}

/** `\d{4}(?:-\d{2}-\d{2}|/\d{2}/\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?` then `A`. */
export function isoDate(s: string, i: number): number {
  // `-` or `/`, the same both times.
  const separator = at(s, i + 4);
  if (!(hasDigits(s, i, 4) && (separator === 45 || separator === 47) && hasDigits(s, i + 5, 2) && at(s, i + 7) === separator && hasDigits(s, i + 8, 2))) return -1;
  const date = i + 10;
  const t = at(s, date);
  if ((t === 84 || t === 32) && hasDigits(s, date + 1, 2) && at(s, date + 3) === 58 && hasDigits(s, date + 4, 2)) {
    const minutes = date + 6;
    let end = -1;
    if (at(s, minutes) === 58 && hasDigits(s, minutes + 1, 2)) {
      const seconds = minutes + 3;
      const sep = at(s, seconds);
      if ((sep === 46 || sep === 44) && isDigit(at(s, seconds + 1)) && (end = zoned(s, digitsEnd(s, seconds + 1))) >= 0) return end;
      if ((end = zoned(s, seconds)) >= 0) return end;
    }
    if ((end = zoned(s, minutes)) >= 0) return end;
  }
  return after(s, date) ? date : -1;
}

/**
 * A web access log's date, `\d{2}/(?:Jan|…)/\d{4}(?::\d{2}:\d{2}:\d{2}(?:[.,]\d+)?(?: [+-]\d{4})?)?`
 * then `A` (`10/Oct/2000:13:55:36 -0700`): its end, or -1.
 */
export function accessLogDate(s: string, i: number): number {
  if (!(hasDigits(s, i, 2) && at(s, i + 2) === 47 && oneOfAt(s, i + 3, MONTHS) && at(s, i + 6) === 47 && hasDigits(s, i + 7, 4))) return -1;
  const date = i + 11;
  if (at(s, date) === 58 && hasDigits(s, date + 1, 2) && at(s, date + 3) === 58 && hasDigits(s, date + 4, 2) && at(s, date + 6) === 58 && hasDigits(s, date + 7, 2)) {
    const seconds = date + 9;
    const separator = at(s, seconds);
    let end = -1;
    if ((separator === 46 || separator === 44) && isDigit(at(s, seconds + 1)) && (end = withOffset(s, digitsEnd(s, seconds + 1))) >= 0) return end;
    if ((end = withOffset(s, seconds)) >= 0) return end;
  }
  return after(s, date) ? date : -1;
}

/** `(?: [+-]\d{4})?` then `A` at `i`, the offset taken when the guard lets it: the end, or -1. */
function withOffset(s: string, i: number): number {
  const sign = at(s, i + 1);
  if (at(s, i) === 32 && (sign === 43 || sign === 45) && hasDigits(s, i + 2, 4) && after(s, i + 6)) return i + 6;
  return after(s, i) ? i : -1;
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
export function textDate(s: string, i: number): number {
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
let failedRunEnd = -1;

export function host(s: string, i: number, firstLabelEnd: number): number {
  failedRunEnd = -1;
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
    if (size < 2 || !allLower(s, segmentStarts[f], segmentEnds[f])) continue;
    if (size > 2 && !isHostTld(s, segmentStarts[f], segmentEnds[f])) continue;
    const end = hostEnd(s, segmentEnds[f]);
    if (end >= 0) return end;
  }
  if (count >= 1) {
    const start = segmentStarts[0];
    const end = segmentEnds[0];
    const size = end - start;
    let tld = size === 2 && allLower(s, start, end);
    for (let t = 0; !tld && t < SHORT_TLDS.length; t++) tld = SHORT_TLDS[t].length === size && s.startsWith(SHORT_TLDS[t], start);
    const matched = tld ? hostEnd(s, end) : -1;
    if (matched >= 0) return matched;
  }
  failedRunEnd = p;
  return -1;
}

/**
 * Where the dotted run ends that the last host() call read and found no host in, or -1. A word
 * that starts later inside that run starts no host either: its candidate top-level domains are
 * among the ones tried (a two-label host's among the longer one's), with the same end guards.
 */
export function hostFailedRunEnd(): number {
  return failedRunEnd;
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
export function ip(s: string, i: number, boundary: boolean): number {
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
export function hostPort(s: string, i: number, first: number): number {
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
export function id(s: string, i: number): number {
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
export function hex(s: string, i: number): number {
  if ((at(s, i + 1) | 32) !== 120 || !isHex(at(s, i + 2))) return -1;
  const end = hexEnd(s, i + 2);
  return after(s, end) ? end : -1;
}

/** `(?=[0-9a-fA-F]*\d)(?=[0-9a-fA-F]*[a-fA-F])[0-9a-fA-F]{8,}` and the `A` guard at `i`: its end, or -1. */
export function hexId(s: string, i: number): number {
  const end = hexEnd(s, i);
  if (end - i < 8 || !after(s, end)) return -1;
  let digit = false;
  let letter = false;
  for (let k = i; k < end && !(digit && letter); k++) {
    if (isDigit(s.charCodeAt(k))) digit = true;
    else letter = true;
  }
  return digit && letter ? end : -1;
}

/** `(?<![\p{L}\p{N}_./-])(?:/[\p{L}\p{N}_.:@-]+)+/?` */
export function path(s: string, i: number): number {
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
  if (segments < 1) return -1;
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
export function quantity(s: string, i: number): number {
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
export function number(s: string, i: number): number {
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

const LITERALS = ['true', 'false', 'null', 'True', 'False', 'TRUE', 'FALSE', 'NULL'];

/** `(?:true|false|…|NULL)` and the `A` guard at `i`: the literal's end, or -1. */
export function literal(s: string, i: number): number {
  // Each literal is told by its first two letters, in any case: tr, fa, nu.
  const c = s.charCodeAt(i) | 32;
  const d = at(s, i + 1) | 32;
  if (!((c === 116 && d === 114) || (c === 102 && d === 97) || (c === 110 && d === 117))) return -1;
  for (const word of LITERALS) if (s.startsWith(word, i) && !isWord(at(s, i + word.length))) return i + word.length;
  return -1;
}

/** `[\p{L}\p{N}_.@$~+-]`, ASCII: a character of a Windows path's part. */
const isWindowsPathChar = (c: number) => isWord(c) || c === 46 || c === 64 || c === 36 || c === 126 || c === 43 || c === 45;

/** `[A-Za-z]:\\(?:[\p{L}\p{N}_.@$~+-]+\\?)*` at `i` (a letter): its end, or -1. */
export function windowsPath(s: string, i: number): number {
  if (at(s, i + 1) !== 58 || at(s, i + 2) !== 92) return -1;
  let p = i + 3;
  while (isWindowsPathChar(at(s, p))) {
    while (isWindowsPathChar(at(s, p))) p++;
    if (at(s, p) === 92) p++;
  }
  return p;
}

/** `[A-Za-z0-9+.-]`: a character of a URL's scheme. */
const isSchemeChar = (c: number) => isAlnum(c) || c === 43 || c === 46 || c === 45;
/** `[\p{L}\p{N}_.~:/?#@!$&*+=%-]`, ASCII: a character of a URL after its scheme. */
const isUrlChar = (c: number) => isWord(c) || (c < 128 && URL_PUNCTUATION[c] !== 0);
/** The same but `.:?!`: a character a URL may end with. */
const isUrlEnd = (c: number) => isUrlChar(c) && c !== 46 && c !== 58 && c !== 63 && c !== 33;
const URL_PUNCTUATION = new Uint8Array(128);
for (const ch of '.~:/?#@!$&*+=%-') URL_PUNCTUATION[ch.charCodeAt(0)] = 1;

/** `[A-Za-z][A-Za-z0-9+.-]*://[…]*[…]` at `i` (a letter): its end, or -1. */
export function url(s: string, i: number): number {
  let p = i + 1;
  while (isSchemeChar(at(s, p))) p++;
  if (at(s, p) !== 58 || at(s, p + 1) !== 47 || at(s, p + 2) !== 47) return -1;
  let end = -1;
  for (p += 3; isUrlChar(at(s, p)); p++) if (isUrlEnd(at(s, p))) end = p + 1;
  return end;
}
