/**
 * Timestamps of log lines to epoch milliseconds, read character by character: a run of millions
 * of rows cannot afford a Date or a regular expression per row. Each layout has its own small
 * reader; detection (detect.ts) picks one on a sample and the run applies only that one.
 *
 * Times are read as written: an offset or `Z` is applied; a time without one is taken as UTC, so
 * that it shows as written wherever the file is read (`zoned` tells a display which it was).
 * Layouts without a year (RFC 3164 syslog, glog) take the year of a reference time – the file's
 * last change when known – and the year before when that would put the line more than a month
 * after it: a file written in January holds December's lines of the year before. The rule needs
 * no state, so any chunk can be read alone, in any worker.
 */

export type TimeFormat = 'iso' | 'syslog' | 'clf' | 'glog' | 'epoch';

export const TIME_FORMATS: readonly TimeFormat[] = ['iso', 'clf', 'syslog', 'glog', 'epoch'];

/** What detection asks of a reading: the time, and whether the text said its zone. */
export interface TimeRead {
  ms: number;
  zoned: boolean;
}

/**
 * Whether the last reading said its zone. The readers return a bare number – an object per row
 * would be garbage on the hot path – and leave this for readerOf, which detection uses.
 */
let lastZoned = false;

/**
 * Where the text being read ends: a reader looks no further, so that a cell can be read in place
 * in its chunk's text (no string per row). Each reader sets it on entry; they are synchronous and
 * never re-entered.
 */
let textEnd = 0;

/** The character code at `i`, NaN past the end of the text being read (as charCodeAt past a string's end). */
function code(s: string, i: number): number {
  return i < textEnd ? s.charCodeAt(i) : NaN;
}

function read(ms: number, zoned: boolean): number {
  lastZoned = zoned;
  return ms;
}

/** Reads one text – or its part `from`–`to` – to epoch ms; NaN when it holds no time of the layout. */
export type TimeParser = (text: string, from?: number, to?: number) => number;

const MS_PER_DAY = 86_400_000;
const MONTH_LENGTH = 31 * MS_PER_DAY;
/** Epoch readings are kept to 2000–2100: other numbers of those lengths are not times. */
const EPOCH_MIN_MS = Date.UTC(2000, 0, 1);
const EPOCH_MAX_MS = Date.UTC(2100, 0, 1);

/** Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's days_from_civil). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

const D0 = 48;

/** The value of `count` digits at `at`, or -1 when any is not a digit. */
function digits(s: string, at: number, count: number): number {
  let v = 0;
  for (let i = at; i < at + count; i++) {
    const d = code(s, i) - D0;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  return v;
}

function isDigit(s: string, at: number): boolean {
  const d = code(s, at) - D0;
  return d >= 0 && d <= 9;
}

/** Whether a time may end at `at`: the end, or a character that cannot continue a number or word. */
function endsAt(s: string, at: number): boolean {
  if (at >= textEnd) return true;
  const c = code(s, at);
  return !((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122));
}

function validTime(h: number, m: number, sec: number): boolean {
  return h >= 0 && h <= 23 && m >= 0 && m <= 59 && sec >= 0 && sec <= 60;
}

// The last date read and its midnight: a file's rows mostly share their date with the row before.
let cachedDate = -1;
let cachedDateMs = NaN;

/** Epoch ms of a date's midnight (UTC), NaN for a date that does not exist. */
function dateMs(year: number, month: number, day: number): number {
  const key = (year * 16 + month) * 32 + day;
  if (key !== cachedDate) {
    cachedDate = key;
    cachedDateMs = month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) ? NaN : daysFromCivil(year, month, day) * MS_PER_DAY;
  }
  return cachedDateMs;
}

function utcMs(year: number, month: number, day: number, h: number, m: number, sec: number, ms: number): number {
  if (!validTime(h, m, sec)) return NaN;
  return dateMs(year, month, day) + ((h * 60 + m) * 60 + sec) * 1000 + ms;
}

/** Milliseconds of a fraction at `at` (after the `.` or `,`), and where it ends. */
function fraction(s: string, at: number): { ms: number; end: number } {
  let ms = 0;
  let scale = 100;
  let i = at;
  for (; isDigit(s, i); i++) {
    ms += (code(s, i) - D0) * scale;
    scale /= 10;
  }
  return { ms: Math.floor(ms), end: i };
}

/**
 * A zone at `at`: `Z`, `±HH:MM`, `±HHMM` or `±HH`, optionally after one space. Its offset in
 * minutes east and where it ends; offset NaN when none is there.
 */
function zone(s: string, at: number): { offset: number; end: number } {
  let i = at;
  const c0 = code(s, i);
  if (c0 === 90 || c0 === 122) return { offset: 0, end: i + 1 }; // Z z
  if (c0 === 32 && (code(s, i + 1) === 43 || code(s, i + 1) === 45) && isDigit(s, i + 2)) i++;
  const c = code(s, i);
  if (c !== 43 && c !== 45 && c !== 0x2212) return { offset: NaN, end: at };
  const sign = c === 43 ? 1 : -1;
  const hh = digits(s, i + 1, 2);
  if (hh < 0 || hh > 23) return { offset: NaN, end: at };
  let mm = 0;
  let end = i + 3;
  if (code(s, end) === 58) {
    mm = digits(s, end + 1, 2);
    end += 3;
  } else if (isDigit(s, end)) {
    mm = digits(s, end, 2);
    end += 2;
  }
  if (mm < 0 || mm > 59 || !endsAt(s, end)) return { offset: NaN, end: at };
  return { offset: sign * (hh * 60 + mm), end };
}

/** Where a line's own text starts: after white space, a syslog `<PRI>` (and RFC 5424's version) and one `[`. */
function timeStart(s: string, from: number): number {
  let i = from;
  while (code(s, i) === 32 || code(s, i) === 9) i++;
  if (code(s, i) === 60) {
    let j = i + 1;
    while (j < i + 5 && isDigit(s, j)) j++;
    if (j > i + 1 && code(s, j) === 62) {
      i = j + 1;
      // RFC 5424: `<PRI>VERSION SP TIMESTAMP`.
      if (isDigit(s, i) && code(s, i + 1) === 32) i += 2;
    }
  }
  if (code(s, i) === 91) i++;
  return i;
}

/** `YYYY-MM-DD`, `YYYY/MM/DD`, then `T` or a space and `HH:MM[:SS][.fff|,fff]`, then a zone (optional). */
export function readIso(s: string, from = 0, to = s.length): number {
  textEnd = to;
  const at = timeStart(s, from);
  const year = digits(s, at, 4);
  const sep = code(s, at + 4);
  if (year < 0 || (sep !== 45 && sep !== 47) || code(s, at + 7) !== sep) return NaN;
  const month = digits(s, at + 5, 2);
  const day = digits(s, at + 8, 2);
  if (month < 0 || day < 0) return NaN;
  let i = at + 10;
  const t = code(s, i);
  if (t !== 84 && t !== 116 && !(t === 32 && isDigit(s, i + 1))) {
    // A date alone: its midnight.
    if (!endsAt(s, i)) return NaN;
    const ms = utcMs(year, month, day, 0, 0, 0, 0);
    return read(ms, false);
  }
  const h = digits(s, i + 1, 2);
  const m = digits(s, i + 4, 2);
  if (h < 0 || m < 0 || code(s, i + 3) !== 58) return NaN;
  i += 6;
  let sec = 0;
  if (code(s, i) === 58) {
    sec = digits(s, i + 1, 2);
    if (sec < 0) return NaN;
    i += 3;
  }
  let ms = 0;
  const f = code(s, i);
  if ((f === 46 || f === 44) && isDigit(s, i + 1)) {
    // The fraction's milliseconds (digits beyond the third are cut), read in place.
    let scale = 100;
    for (i++; isDigit(s, i); i++) {
      ms += (code(s, i) - D0) * scale;
      scale /= 10;
    }
    ms = Math.floor(ms);
  }
  // A cell that ends here (a time column) has no zone: the common case skips looking for one.
  if (i >= textEnd) return read(utcMs(year, month, day, h, m, sec, ms), false);
  const z = zone(s, i);
  if (Number.isNaN(z.offset) && !endsAt(s, i)) return NaN;
  const local = utcMs(year, month, day, h, m, sec, ms);
  return Number.isNaN(z.offset) ? read(local, false) : read(local - z.offset * 60_000, true);
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** 1–12 for a three-letter English month name at `at` (any case), or -1. */
function monthAt(s: string, at: number): number {
  const a = code(s, at) | 0x20;
  const b = code(s, at + 1) | 0x20;
  const c = code(s, at + 2) | 0x20;
  for (let k = 0; k < 12; k++) {
    const name = MONTHS[k];
    if (name.charCodeAt(0) === a && name.charCodeAt(1) === b && name.charCodeAt(2) === c) return k + 1;
  }
  return -1;
}

/** `HH:MM:SS[.fff]` at `at`: ms of the day and where it ends, or null. */
function clock(s: string, at: number): { ms: number; end: number } | null {
  const h = digits(s, at, 2);
  const m = digits(s, at + 3, 2);
  const sec = digits(s, at + 6, 2);
  if (h < 0 || m < 0 || sec < 0 || code(s, at + 2) !== 58 || code(s, at + 5) !== 58 || !validTime(h, m, sec)) return null;
  let end = at + 8;
  let ms = 0;
  if ((code(s, end) === 46 || code(s, end) === 44) && isDigit(s, end + 1)) {
    const f = fraction(s, end + 1);
    ms = f.ms;
    end = f.end;
  }
  return { ms: ((h * 60 + m) * 60 + sec) * 1000 + ms, end };
}

/** The reference time's year, or the year before when the date would fall more than a month after it. */
function yearless(month: number, day: number, dayMs: number, ref: Reference): number {
  for (let y = ref.year; y >= ref.year - 1; y--) {
    if (day > daysInMonth(y, month)) continue; // Feb 29 outside a leap year
    const ms = daysFromCivil(y, month, day) * MS_PER_DAY + dayMs;
    if (ms <= ref.ms + MONTH_LENGTH || y !== ref.year) return ms;
  }
  return NaN;
}

/** The time a year-less line is placed near, with its year worked out once rather than per row. */
export interface Reference {
  ms: number;
  year: number;
}

export function referenceAt(ms: number): Reference {
  return { ms, year: new Date(ms).getUTCFullYear() };
}

/** RFC 3164: `Mmm dd HH:MM:SS` (day padded with a space or a zero), an optional year after the day. */
export function readSyslog(s: string, ref: Reference, from = 0, to = s.length): number {
  textEnd = to;
  const at = timeStart(s, from);
  const month = monthAt(s, at);
  if (month < 0 || code(s, at + 3) !== 32) return NaN;
  let i = at + 4;
  if (code(s, i) === 32) i++;
  let day = digits(s, i, 2);
  if (day >= 0) i += 2;
  else {
    day = digits(s, i, 1);
    i += 1;
  }
  if (day < 1 || day > 31 || code(s, i) !== 32) return NaN;
  i++;
  let year = -1;
  if (digits(s, i, 4) >= 0 && code(s, i + 4) === 32) {
    year = digits(s, i, 4);
    i += 5;
  }
  const c = clock(s, i);
  if (!c || !endsAt(s, c.end)) return NaN;
  if (year >= 0) {
    const ms = utcMs(year, month, day, 0, 0, 0, 0);
    return read(ms + c.ms, false);
  }
  const ms = yearless(month, day, c.ms, ref);
  return read(ms, false);
}

/**
 * Apache/nginx common log: `dd/Mmm/yyyy:HH:MM:SS ±hhmm`, in brackets after the client's address
 * (the first `[` of the line's first 100 characters), or alone.
 */
export function readClf(s: string, from = 0, to = s.length): number {
  textEnd = to;
  let at = timeStart(s, from);
  if (!isDigit(s, at) || code(s, at + 2) !== 47) {
    // Looked for in the cell's first 101 characters only: a cell read in place sits in a whole chunk.
    let open = from;
    const last = Math.min(textEnd, from + 101);
    while (open < last && code(s, open) !== 91) open++;
    if (open === last) return NaN;
    at = open + 1;
  }
  const day = digits(s, at, 2);
  const month = monthAt(s, at + 3);
  const year = digits(s, at + 7, 4);
  if (day < 0 || month < 0 || year < 0 || code(s, at + 2) !== 47 || code(s, at + 6) !== 47 || code(s, at + 11) !== 58) return NaN;
  const c = clock(s, at + 12);
  if (!c) return NaN;
  const date = utcMs(year, month, day, 0, 0, 0, 0);
  if (Number.isNaN(date)) return NaN;
  const z = zone(s, c.end);
  if (Number.isNaN(z.offset)) return endsAt(s, c.end) ? read(date + c.ms, false) : NaN;
  return read(date + c.ms - z.offset * 60_000, true);
}

/** glog: a level letter and `MMDD HH:MM:SS.uuuuuu` (`I0102 03:04:05.678901 1234 file.cc:12] …`). */
export function readGlog(s: string, ref: Reference, from = 0, to = s.length): number {
  textEnd = to;
  const at = timeStart(s, from);
  const level = code(s, at);
  if (level !== 73 && level !== 87 && level !== 69 && level !== 70 && level !== 68) return NaN; // I W E F D
  const month = digits(s, at + 1, 2);
  const day = digits(s, at + 3, 2);
  if (month < 1 || month > 12 || day < 1 || day > 31 || code(s, at + 5) !== 32) return NaN;
  const c = clock(s, at + 6);
  if (!c || !endsAt(s, c.end)) return NaN;
  const ms = yearless(month, day, c.ms, ref);
  return read(ms, false);
}

/**
 * Epoch seconds (10 digits, an optional fraction), milliseconds (13), microseconds (16) or
 * nanoseconds (19), within 2000–2100: a count, a size or an id of another length is no time.
 */
export function readEpoch(s: string, from = 0, to = s.length): number {
  textEnd = to;
  const at = timeStart(s, from);
  let i = at;
  let whole = 0;
  while (isDigit(s, i)) {
    whole = whole * 10 + (code(s, i) - D0);
    i++;
  }
  const length = i - at;
  let ms: number;
  if (length === 10) {
    ms = whole * 1000;
    if (code(s, i) === 46 && isDigit(s, i + 1)) {
      const f = fraction(s, i + 1);
      ms += f.ms;
      i = f.end;
    }
  } else if (length === 13) ms = whole;
  else if (length === 16) ms = Math.floor(whole / 1000);
  else if (length === 19) ms = Math.floor(whole / 1e6);
  else return NaN;
  if (!endsAt(s, i) || ms < EPOCH_MIN_MS || ms >= EPOCH_MAX_MS) return NaN;
  return read(ms, true);
}

/** The hot path: one layout's reader giving epoch ms, NaN for a text without a time. */
export function timeParser(format: TimeFormat, referenceMs: number): TimeParser {
  const ref = referenceAt(referenceMs);
  switch (format) {
    case 'iso':
      return readIso;
    case 'syslog':
      return (text, from, to) => readSyslog(text, ref, from, to);
    case 'clf':
      return readClf;
    case 'glog':
      return (text, from, to) => readGlog(text, ref, from, to);
    case 'epoch':
      return readEpoch;
  }
}

/** One layout's reader for detection: the time and whether it said its zone, or null. */
export function readerOf(format: TimeFormat, referenceMs: number): (text: string) => TimeRead | null {
  const parse = timeParser(format, referenceMs);
  return (text) => {
    const ms = parse(text);
    return Number.isNaN(ms) ? null : { ms, zoned: lastZoned };
  };
}
