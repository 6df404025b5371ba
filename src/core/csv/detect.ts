/**
 * What a file is, guessed once from its start, for every reader (the chunked pipeline and the
 * table reader of training CSVs and pattern files): its encoding by its byte order mark, and for
 * CSV its delimiter and usual line ending.
 */
import { readDelimited, type LineEnding } from './read.ts';

/** A UTF-16 file (else it is UTF-8). */
export type SourceEncoding = 'utf-16le' | 'utf-16be';

/** The encoding a byte order mark at the start of `bytes` names, and its length (UTF-8's BOM is dropped; UTF-16 is transcoded). */
export function byteOrderMark(bytes: Uint8Array): { encoding: SourceEncoding | 'utf-8'; length: number } {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', length: 3 };
  return { encoding: 'utf-8', length: 0 };
}

/** The delimiters logsift recognises, in the order a tie is decided. */
export const DELIMITERS = [',', '\t', '|', ';'] as const;

/** Rows the delimiter guess looks at, as papaparse's guess does. */
const GUESS_ROWS = 10;

export interface Dialect {
  delimiter: string;
  /** The line ending most rows of the start end with (LF where none does). */
  newline: LineEnding;
}

/**
 * The delimiter whose first rows have a steady field count above one – papaparse's rule: a
 * later candidate wins when its rows change their field count no more often and have more
 * fields – read by logsift's own rule, so that quoting counts as when the file is read; a comma
 * when none fits. A header names the file's columns, so where some delimiter splits the first
 * row, only those that do are candidates, and ragged data rows cannot outvote it (a message
 * full of semicolons under a comma header). The line ending is the one most rows of `head` end
 * with.
 */
export function detectDialect(head: string): Dialect {
  const candidates = DELIMITERS.map((delimiter) => ({ delimiter, fieldCounts: readDelimited(head, { delimiter, maxRows: GUESS_ROWS }).fieldCounts })).filter(
    (candidate) => candidate.fieldCounts.length > 0,
  );
  const splitHeader = candidates.filter((candidate) => candidate.fieldCounts[0] > 1);
  const headerDecides = splitHeader.length > 0;
  let best: { delimiter: string; delta: number; average: number } | null = null;
  for (const { delimiter, fieldCounts } of headerDecides ? splitHeader : candidates) {
    let delta = 0;
    let sum = 0;
    for (let i = 0; i < fieldCounts.length; i++) {
      sum += fieldCounts[i];
      if (i > 0) delta += Math.abs(fieldCounts[i] - fieldCounts[i - 1]);
    }
    const average = sum / fieldCounts.length;
    if ((headerDecides || average > 1.99) && (!best || (delta <= best.delta && average > best.average))) best = { delimiter, delta, average };
  }
  const delimiter = best?.delimiter ?? ',';
  const { endings } = readDelimited(head, { delimiter });
  const newline: LineEnding = endings.crlf > endings.lf && endings.crlf >= endings.cr ? '\r\n' : endings.cr > endings.lf && endings.cr > endings.crlf ? '\r' : '\n';
  return { delimiter, newline };
}
