/**
 * The one CSV reader. Every place that reads delimited text – the pool workers classifying a
 * chunk, a row read back for the results table, the header, the delimiter guess, training CSVs
 * and pattern files – reads it here, by one rule (README, "Reading CSV"), the way Python's csv
 * module reads it:
 *
 * - A row ends at LF, CR LF or a lone CR outside a quoted field, whichever the file mixes.
 * - A `"` at the start of a field opens a quoted field; inside it `""` is a `"`, and delimiters
 *   and line endings are text. It closes at the next lone `"`. Text after the closing quote, up to
 *   the next delimiter or line end, is kept in the field as it is written (a problem).
 * - A `"` anywhere else is a character like any other.
 * - A quote never closed runs to the end of the text (a problem).
 * - A row whose only field is blank is no row.
 * - With the header's `width`: a shorter row is padded with empty cells, a longer one keeps its
 *   extra fields in its last cell, the rest of the row as written – so that the columns a run
 *   adds stay in place for any reader of the output.
 *
 * Lean mode keeps only the cells of the `pick` columns (message, source and time) and where each row
 * is: on a million rows, arrays of cells per row are most of the time and garbage of a run.
 * The chunk splitter (scale/split.ts) finds row ends by the same rule in bytes;
 * test/unit/input/csv-contract.test.ts checks that all of them agree.
 */
import { isBlank } from '../types.ts';

const QUOTE = 34;
const LF = 10;
const CR = 13;

/** A line ending as written in the text. */
export type LineEnding = '\n' | '\r\n' | '\r';

export const LINE_ENDING_NAMES: Record<LineEnding, string> = { '\n': 'LF', '\r\n': 'CR LF', '\r': 'CR' };

/** Something about a row that a reader of the file should know; `index` is the row's, among those read. */
export interface RowProblem {
  index: number;
  /** Says what about the row, to follow "row N " (or "the header row "). */
  message: string;
}

/** Row flags. */
export const FORMULA_LIKE = 1;
/** Written otherwise than any reader reads it alike (text after a closing quote, a quote never closed): the output writes its cells anew. */
export const MALFORMED = 2;

export interface ReadOptions {
  delimiter: string;
  /** The file's usual line ending: a row that ends otherwise is told about. */
  newline?: string;
  /** The header's width (0: rows as written). */
  width?: number;
  /** Lean mode: the columns whose cells are kept. */
  pick?: readonly number[];
  /** Keep every cell (`rows`). */
  all?: boolean;
  /** Stop after this many rows. */
  maxRows?: number;
  /** Lean mode: a column whose cells are kept as where they are in the text, not as strings (`spans`). */
  spans?: number;
}

/**
 * Where a column's cells are in the text: row i's is `text.slice(from[i], to[i])`, unless from[i]
 * is -1: then its value, which is not written as it reads (`""` in it, or text after its closing
 * quote), is `texts.get(i)`. A row without the column has an empty span.
 */
export interface CellSpans {
  from: Int32Array;
  to: Int32Array;
  texts: Map<number, string>;
}

export interface DelimitedRows {
  count: number;
  /** All mode: each row's cells (`width` of them when a width is given). */
  rows: string[][];
  /** Lean mode: `picked[k][i]` is row i's cell in column `pick[k]` ('' where the row has none). */
  picked: string[][];
  /** The `spans` column's cells, when asked for. */
  spans: CellSpans | null;
  /** Fields as written. */
  fieldCounts: Int32Array;
  /** Where each row's text starts, and ends before its line ending. */
  starts: Int32Array;
  ends: Int32Array;
  /** FORMULA_LIKE: a field starts with a character a spreadsheet may read as a formula (a pre-screen: format.ts decides); MALFORMED. */
  flags: Uint8Array;
  problems: RowProblem[];
  /** How the rows read ended (for the line-ending guess). */
  endings: { lf: number; crlf: number; cr: number };
}

/** = + - @ tab CR: the first characters format.ts's neutralizeFormula looks at. */
function startsLikeFormula(c: number): boolean {
  return c === 61 || c === 43 || c === 45 || c === 64 || c === 9 || c === 13;
}

/** A field's value: its text (from–to, `""` read as `"` when `escaped`), then any text after its closing quote. */
function valueOf(text: string, from: number, to: number, escaped: boolean, afterFrom: number, afterTo: number): string {
  let value = text.slice(from, to);
  if (escaped) value = value.replaceAll('""', '"');
  return afterTo > afterFrom ? value + text.slice(afterFrom, afterTo) : value;
}

/** The first of the next delimiter, LF and CR (-1: none left), or `end`: where an unquoted field stops. */
function firstOf(end: number, delimiter: number, lf: number, cr: number): number {
  let stop = end;
  if (delimiter >= 0 && delimiter < stop) stop = delimiter;
  if (lf >= 0 && lf < stop) stop = lf;
  if (cr >= 0 && cr < stop) stop = cr;
  return stop;
}

export function textAfterQuoteProblem(field: number): string {
  return `has text after the closing quote of field ${field}; it is kept in that field`;
}

export function unclosedQuoteProblem(field: number): string {
  return `opens a quote in field ${field} that is never closed: the rest of the file is read into that field`;
}

export function lineEndingProblem(found: LineEnding, usual: string): string {
  return `ends in ${LINE_ENDING_NAMES[found]} where the file's lines end in ${LINE_ENDING_NAMES[usual as LineEnding] ?? usual}; it ends the row all the same`;
}

export function readDelimited(text: string, o: ReadOptions): DelimitedRows {
  const n = text.length;
  const delimiter = o.delimiter;
  const delim = delimiter.charCodeAt(0);
  const width = o.width ?? 0;
  const all = o.all ?? false;
  const pick = o.pick ?? [];
  const usual = o.newline ?? '';
  const maxRows = o.maxRows ?? Infinity;
  // At most one row per line ending, and one after the last: the typed arrays are sized so, then trimmed.
  let nextLf = text.indexOf('\n');
  let nextCr = text.indexOf('\r');
  let capacity = 1;
  for (let i = nextLf; i >= 0; i = text.indexOf('\n', i + 1)) capacity++;
  for (let i = nextCr; i >= 0; i = text.indexOf('\r', i + 1)) capacity++;
  let nextDelim = text.indexOf(delimiter);
  const rows: string[][] = [];
  const pickedA: string[] = [];
  const pickedB: string[] = [];
  const pickedC: string[] = [];
  const fieldCounts = new Int32Array(capacity);
  const starts = new Int32Array(capacity);
  const ends = new Int32Array(capacity);
  const flagsOf = new Uint8Array(capacity);
  const spanColumn = o.spans ?? -1;
  const spans: CellSpans | null = spanColumn >= 0 ? { from: new Int32Array(capacity), to: new Int32Array(capacity), texts: new Map() } : null;
  const problems: RowProblem[] = [];
  let lfs = 0;
  let crlfs = 0;
  let crs = 0;
  const pickA = pick.length > 0 ? pick[0] : -1;
  const pickB = pick.length > 1 ? pick[1] : -1;
  const pickC = pick.length > 2 ? pick[2] : -1;
  let count = 0;
  let pos = 0;

  while (pos < n && count < maxRows) {
    const rowStart = pos;
    const cells: string[] | null = all ? [] : null;
    let a = '';
    let b = '';
    let c3 = '';
    let spanFrom = 0;
    let spanTo = 0;
    let spanText = '';
    let field = 0;
    let flags = 0;
    let tailStart = -1;
    let rowProblems: string[] | null = null;
    // The first field, for telling a blank row.
    let first = '';
    let firstFrom = 0;
    let firstTo = 0;
    let firstEscaped = false;
    let firstAfterFrom = 0;
    let firstAfterTo = 0;
    let rowEnd: number;
    let ending: LineEnding | null = null;
    for (;;) {
      if (field === width - 1) tailStart = pos;
      let from: number;
      let to: number;
      let escaped = false;
      let afterFrom = 0;
      let afterTo = 0;
      if (text.charCodeAt(pos) === QUOTE) {
        let close = text.indexOf('"', pos + 1);
        while (close >= 0 && text.charCodeAt(close + 1) === QUOTE) {
          escaped = true;
          close = text.indexOf('"', close + 2);
        }
        from = pos + 1;
        if (close < 0) {
          to = n;
          pos = n;
          flags |= MALFORMED;
          (rowProblems ??= []).push(unclosedQuoteProblem(field + 1));
        } else {
          to = close;
          pos = close + 1;
          if (nextDelim >= 0 && nextDelim < pos) nextDelim = text.indexOf(delimiter, pos);
          if (nextLf >= 0 && nextLf < pos) nextLf = text.indexOf('\n', pos);
          if (nextCr >= 0 && nextCr < pos) nextCr = text.indexOf('\r', pos);
          const c = pos < n ? text.charCodeAt(pos) : delim;
          if (c !== delim && c !== LF && c !== CR) {
            const stop = firstOf(n, nextDelim, nextLf, nextCr);
            afterFrom = pos;
            afterTo = stop;
            pos = stop;
            flags |= MALFORMED;
            (rowProblems ??= []).push(textAfterQuoteProblem(field + 1));
          }
        }
      } else {
        const stop = firstOf(n, nextDelim, nextLf, nextCr);
        from = pos;
        to = stop;
        pos = stop;
      }
      if (to > from ? startsLikeFormula(text.charCodeAt(from)) : afterTo > afterFrom && startsLikeFormula(text.charCodeAt(afterFrom))) flags |= FORMULA_LIKE;
      if (cells) cells.push(valueOf(text, from, to, escaped, afterFrom, afterTo));
      else {
        if (field === pickA) a = valueOf(text, from, to, escaped, afterFrom, afterTo);
        if (field === pickB) b = valueOf(text, from, to, escaped, afterFrom, afterTo);
        if (field === pickC) c3 = valueOf(text, from, to, escaped, afterFrom, afterTo);
        if (field === spanColumn) {
          if (escaped || afterTo > afterFrom) {
            spanFrom = -1;
            spanText = valueOf(text, from, to, escaped, afterFrom, afterTo);
          } else {
            spanFrom = from;
            spanTo = to;
          }
        }
      }
      if (field === 0) {
        firstFrom = from;
        firstTo = to;
        firstEscaped = escaped;
        firstAfterFrom = afterFrom;
        firstAfterTo = afterTo;
      }
      field++;
      if (pos >= n) {
        rowEnd = n;
        break;
      }
      const c = text.charCodeAt(pos);
      if (c === delim) {
        pos++;
        if (nextDelim >= 0 && nextDelim < pos) nextDelim = text.indexOf(delimiter, pos);
        continue;
      }
      rowEnd = pos;
      if (c === CR) {
        if (text.charCodeAt(pos + 1) === LF) {
          ending = '\r\n';
          pos += 2;
        } else {
          ending = '\r';
          pos++;
        }
      } else {
        ending = '\n';
        pos++;
      }
      if (nextLf >= 0 && nextLf < pos) nextLf = text.indexOf('\n', pos);
      if (nextCr >= 0 && nextCr < pos) nextCr = text.indexOf('\r', pos);
      if (nextDelim >= 0 && nextDelim < pos) nextDelim = text.indexOf(delimiter, pos);
      break;
    }
    if (ending === '\n') lfs++;
    else if (ending === '\r\n') crlfs++;
    else if (ending === '\r') crs++;
    if (field === 1) {
      first = cells ? cells[0] : valueOf(text, firstFrom, firstTo, firstEscaped, firstAfterFrom, firstAfterTo);
      if (isBlank(first)) continue;
    }
    if (width > 0 && field > width) {
      // The rest of the row, as written, is its last cell.
      const tail = text.slice(tailStart, rowEnd);
      if (cells) {
        cells.length = width - 1;
        cells.push(tail);
      }
      if (pickA === width - 1) a = tail;
      if (pickB === width - 1) b = tail;
      if (pickC === width - 1) c3 = tail;
      if (spanColumn === width - 1) {
        spanFrom = tailStart;
        spanTo = rowEnd;
      }
    }
    if (cells) {
      while (cells.length < width) cells.push('');
      rows.push(cells);
    } else {
      if (pickA >= 0) pickedA.push(a);
      if (pickB >= 0) pickedB.push(b);
      if (pickC >= 0) pickedC.push(c3);
      if (spans) {
        spans.from[count] = spanFrom;
        spans.to[count] = spanTo;
        if (spanFrom < 0) spans.texts.set(count, spanText);
      }
    }
    if (ending !== null && usual !== '' && ending !== usual) (rowProblems ??= []).push(lineEndingProblem(ending, usual));
    if (rowProblems) for (const message of rowProblems) problems.push({ index: count, message });
    fieldCounts[count] = field;
    starts[count] = rowStart;
    ends[count] = rowEnd;
    flagsOf[count] = flags;
    count++;
  }
  return {
    count,
    rows,
    // One list per column picked (empty for a column the file lacks, -1).
    picked: [pickedA, pickedB, pickedC].slice(0, pick.length),
    spans: spans && { from: spans.from.subarray(0, count), to: spans.to.subarray(0, count), texts: spans.texts },
    fieldCounts: fieldCounts.subarray(0, count),
    starts: starts.subarray(0, count),
    ends: ends.subarray(0, count),
    flags: flagsOf.subarray(0, count),
    problems,
    endings: { lf: lfs, crlf: crlfs, cr: crs },
  };
}

/** Every row's cells (the header's `width` of them when given), with the problems found. */
export function readCsvRows(text: string, options: Omit<ReadOptions, 'all' | 'pick'>): DelimitedRows {
  return readDelimited(text, { ...options, all: true });
}
