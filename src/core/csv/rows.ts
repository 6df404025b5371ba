/**
 * Turns text chunks into batches of rows (arrays of fields). CSV goes through papaparse's
 * streaming parser one chunk at a time, carrying an unfinished last row (possibly a quoted field
 * with newlines) into the next chunk; plain text is one row per non-empty line.
 */
import Papa from 'papaparse';
import type { TextChunk } from './chunks.ts';

export interface RowBatch {
  rows: string[][];
  /** Parse problems, by index into `rows`. */
  problems: { index: number; message: string }[];
  bytesDone: number;
}

/** papaparse's low-level parser: exported at run time, missing from its type declarations. */
interface LowLevelParser {
  parse(input: string, baseIndex: number, ignoreLastRow: boolean): Papa.ParseResult<string[]>;
}
const LowLevel = (Papa as unknown as { Parser: new (config: Papa.ParseConfig) => LowLevelParser }).Parser;

/** The delimiter and line-ending guess waits for this many lines (or characters, or the end). */
const SNIFF_CHARS = 64 * 1024;
const SNIFF_LINES = 20;

function enoughToSniff(text: string): boolean {
  if (text.length >= SNIFF_CHARS) return true;
  let lines = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) if (++lines >= SNIFF_LINES) return true;
  return false;
}

function isBlankRow(row: string[]): boolean {
  return row.length === 1 && row[0].trim() === '';
}

function toBatch(result: Papa.ParseResult<string[]>, bytesDone: number): RowBatch {
  const rows: string[][] = [];
  const problems: RowBatch['problems'] = [];
  const problemsByRow = new Map<number, string>();
  for (const error of result.errors) {
    if (typeof error.row === 'number') problemsByRow.set(error.row, error.message);
  }
  result.data.forEach((row, i) => {
    if (isBlankRow(row)) return;
    const problem = problemsByRow.get(i);
    if (problem) problems.push({ index: rows.length, message: problem });
    rows.push(row);
  });
  return { rows, problems, bytesDone };
}

export async function* csvRowBatches(chunks: AsyncIterable<TextChunk>): AsyncGenerator<RowBatch> {
  let parser: LowLevelParser | null = null;
  let pending = '';
  let bytesDone = 0;
  const startParser = () => {
    // Delimiter (, ; tab |) and line ending are guessed once, from the start of the file.
    const sniffed = Papa.parse<string[]>(pending.slice(0, SNIFF_CHARS), { preview: SNIFF_LINES, skipEmptyLines: true });
    return new LowLevel({ delimiter: sniffed.meta.delimiter, newline: sniffed.meta.linebreak as '\n', quoteChar: '"' });
  };
  for await (const chunk of chunks) {
    pending += chunk.text;
    bytesDone = chunk.bytesDone;
    if (!parser) {
      if (!enoughToSniff(pending)) continue;
      parser = startParser();
    }
    const result = parser.parse(pending, 0, true);
    pending = pending.slice(result.meta.cursor);
    yield toBatch(result, bytesDone);
  }
  if (pending !== '') {
    parser ??= startParser();
    yield toBatch(parser.parse(pending, 0, false), bytesDone);
  }
}

export async function* textRowBatches(chunks: AsyncIterable<TextChunk>): AsyncGenerator<RowBatch> {
  let pending = '';
  const linesOf = (text: string) =>
    text
      .split('\n')
      .map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line))
      .filter((line) => line.trim() !== '')
      .map((line) => [line]);
  let bytesDone = 0;
  for await (const chunk of chunks) {
    pending += chunk.text;
    bytesDone = chunk.bytesDone;
    const lastNewline = pending.lastIndexOf('\n');
    if (lastNewline < 0) continue;
    const complete = pending.slice(0, lastNewline);
    pending = pending.slice(lastNewline + 1);
    yield { rows: linesOf(complete), problems: [], bytesDone };
  }
  if (pending !== '') yield { rows: linesOf(pending), problems: [], bytesDone };
}
