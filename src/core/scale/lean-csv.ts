/**
 * Reads a chunk of delimited rows for classifying without building an array of fields per row:
 * it keeps the message and source cells, each row's field count, whether a cell starts like a
 * spreadsheet formula, and where each row is. On a million rows papaparse's per-row arrays are
 * most of the parsing time and of the garbage the pool workers collect; the output copies each
 * row's bytes as they are (chunk.ts), so the other cells are never needed as strings.
 *
 * It reads exactly as papaparse does for well-formed CSV – fields split at the delimiter, rows at
 * the newline; a field that starts with a quote runs to a quote followed by the delimiter, the
 * newline or the end, with `""` standing for a quote; a quote inside an unquoted field is data;
 * a blank row is skipped – and gives up (null) on anything papaparse would report as malformed
 * (an unclosed quote, a closing quote followed by other text), so the caller can fall back to
 * papaparse for that chunk. test/unit/lean-csv.test.ts checks it against papaparse.
 */
import { isBlank } from '../types.ts';

export interface LeanRows {
  /** Rows kept: blank rows are skipped, as parseChunkRows does. */
  count: number;
  messages: string[];
  /** Empty strings when there is no source column. */
  sources: string[];
  fieldCounts: Int32Array;
  /** 1 where a cell starts with a character a spreadsheet may read as a formula (a pre-screen: format.ts decides). */
  formulaLike: Uint8Array;
  /** Which raw row (blank ones counted, as papaparse counts them) each kept row is. */
  rawIndex: Int32Array;
  /** Raw rows in all: one more than the newlines that end rows, as papaparse reads it. */
  rawCount: number;
  /** Where each kept row's text starts and ends (before its newline), to read its fields when it must be formatted. */
  textStarts: Int32Array;
  textEnds: Int32Array;
}

const QUOTE = 34;

/** = + - @ tab CR: the first characters format.ts's neutralizeFormula looks at. */
function startsLikeFormula(c: number): boolean {
  return c === 61 || c === 43 || c === 45 || c === 64 || c === 9 || c === 13;
}

/**
 * Reads `text` (whole rows) with a one-character `delimiter` and `newline`; null where papaparse
 * would find it malformed.
 */
export function readLeanRows(text: string, delimiter: string, newline: string, messageIndex: number, sourceIndex: number): LeanRows | null {
  const n = text.length;
  const delim = delimiter.charCodeAt(0);
  const nlLength = newline.length;
  // Rows are at most the newlines plus one: the typed arrays are sized so, then trimmed.
  let capacity = 1;
  for (let i = text.indexOf(newline); i >= 0; i = text.indexOf(newline, i + nlLength)) capacity++;
  const messages: string[] = [];
  const sources: string[] = [];
  const fieldCounts = new Int32Array(capacity);
  const formulaLike = new Uint8Array(capacity);
  const rawIndex = new Int32Array(capacity);
  const textStarts = new Int32Array(capacity);
  const textEnds = new Int32Array(capacity);
  let count = 0;
  let raw = 0;
  let pos = 0;
  let nextNewline = text.indexOf(newline);
  let nextDelim = text.indexOf(delimiter);

  while (pos < n) {
    const rowStart = pos;
    let field = 0;
    let message = '';
    let source = '';
    let formula = 0;
    // The first field's text, for telling a blank row.
    let firstFrom = 0;
    let firstTo = 0;
    let rowEnd: number;
    let endsText = false;
    for (;;) {
      let from: number;
      let to: number;
      let after: number; // just past the field: at the delimiter, the newline or the end
      let escaped = false;
      if (text.charCodeAt(pos) === QUOTE) {
        let close = text.indexOf('"', pos + 1);
        while (close >= 0 && text.charCodeAt(close + 1) === QUOTE) {
          escaped = true;
          close = text.indexOf('"', close + 2);
        }
        if (close < 0) return null; // unclosed
        after = close + 1;
        if (after < n && text.charCodeAt(after) !== delim && !text.startsWith(newline, after)) return null; // text after the closing quote
        from = pos + 1;
        to = close;
        if (nextDelim >= 0 && nextDelim < after) nextDelim = text.indexOf(delimiter, after);
        if (nextNewline >= 0 && nextNewline < after) nextNewline = text.indexOf(newline, after);
      } else {
        after = nextDelim >= 0 && (nextDelim < nextNewline || nextNewline < 0) ? nextDelim : nextNewline >= 0 ? nextNewline : n;
        from = pos;
        to = after;
      }
      if (to > from && startsLikeFormula(text.charCodeAt(from))) formula = 1;
      if (field === messageIndex || field === sourceIndex) {
        let value = text.slice(from, to);
        if (escaped) value = value.replaceAll('""', '"');
        if (field === messageIndex) message = value;
        if (field === sourceIndex) source = value;
      }
      if (field === 0) {
        firstFrom = from;
        firstTo = to;
      }
      field++;
      if (after >= n) {
        rowEnd = n;
        pos = n;
        break;
      }
      if (text.charCodeAt(after) === delim) {
        pos = after + 1;
        if (nextDelim >= 0 && nextDelim < pos) nextDelim = text.indexOf(delimiter, pos);
        continue;
      }
      rowEnd = after;
      pos = after + nlLength;
      if (nextNewline >= 0 && nextNewline < pos) nextNewline = text.indexOf(newline, pos);
      if (nextDelim >= 0 && nextDelim < pos) nextDelim = text.indexOf(delimiter, pos);
      endsText = pos === n;
      break;
    }
    if (!(field === 1 && isBlank(text.slice(firstFrom, firstTo)))) {
      messages.push(message);
      sources.push(source);
      fieldCounts[count] = field;
      formulaLike[count] = formula;
      rawIndex[count] = raw;
      textStarts[count] = rowStart;
      textEnds[count] = rowEnd;
      count++;
    }
    raw++;
    // Text that ends with a newline: papaparse reads one more, empty row after it.
    if (endsText) raw++;
  }
  return {
    count,
    messages,
    sources,
    fieldCounts: fieldCounts.subarray(0, count),
    formulaLike: formulaLike.subarray(0, count),
    rawIndex: rawIndex.subarray(0, count),
    rawCount: raw,
    textStarts: textStarts.subarray(0, count),
    textEnds: textEnds.subarray(0, count),
  };
}
