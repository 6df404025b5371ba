/**
 * A chunk's rows: CSV read by the one reader (csv/read.ts), plain text one row per line, NDJSON
 * one object per line. This is also how a row's text is read back later (the results table,
 * search, the table reader of training CSVs): the same bytes parse to the same rows.
 */
import { findColumn, MESSAGE_COLUMNS } from '../csv/columns.ts';
import { readCsvRows, type RowProblem } from '../csv/read.ts';
import { isBlank } from '../types.ts';
import type { ChunkFormat } from './input.ts';

export interface ParsedChunk {
  /** Each row's fields, in the header's order, as many as the header has (NDJSON: the header keys' values). */
  rows: string[][];
  /** Fields as written (CSV: a row may have more or fewer than the header). */
  fieldCounts: ArrayLike<number>;
  /** NDJSON only: each row's line as it was (null for a line that is not a JSON object). */
  lines?: (string | null)[];
  /** NDJSON only: each row's object, parsed (null for a line that is not a JSON object). */
  objects?: (Record<string, unknown> | null)[];
  /** Problems, by row index. */
  problems: RowProblem[];
}

const utf8 = new TextDecoder('utf-8');

/** A chunk's text: UTF-8, or `encoding` for a UTF-16 file's byte range read back as it is in the file. */
export function decodeChunk(bytes: Uint8Array, encoding?: string): string {
  return encoding ? new TextDecoder(encoding).decode(bytes) : utf8.decode(bytes);
}

/** Splits text into lines at each LF (a CR before it dropped), skipping blank ones. */
function nonBlankLines(text: string): string[] {
  const out: string[] = [];
  let from = 0;
  while (from < text.length) {
    let to = text.indexOf('\n', from);
    if (to < 0) to = text.length;
    const end = to > from && text.charCodeAt(to - 1) === 13 ? to - 1 : to;
    const line = text.slice(from, end);
    if (!isBlank(line)) out.push(line);
    from = to + 1;
  }
  return out;
}

/** A JSON value as a table cell: strings as they are, null/undefined empty, everything else as JSON. */
function cellOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === null || value === undefined) return '';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** The line's JSON object; null for a line that is not one. */
function jsonObject(line: string): Record<string, unknown> | null {
  try {
    const value = JSON.parse(line) as unknown;
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/**
 * NDJSON rows: each line's object read by the header's keys. The header has only the keys of the
 * first lines (input.ts), so with `csvOutput` a row whose object has others is told that they
 * have no CSV column; NDJSON output keeps each line, and them.
 */
function parseNdjsonRows(text: string, header: string[], csvOutput: boolean, messageColumn?: number): ParsedChunk {
  const messageIndex = messageColumn ?? Math.max(0, findColumn(header, MESSAGE_COLUMNS));
  const known = new Set(header);
  const rows: string[][] = [];
  const lines: (string | null)[] = [];
  const objects: (Record<string, unknown> | null)[] = [];
  const problems: ParsedChunk['problems'] = [];
  for (const line of nonBlankLines(text)) {
    const object = jsonObject(line);
    if (object) {
      const unseen = csvOutput ? Object.keys(object).filter((key) => !known.has(key)) : [];
      if (unseen.length) problems.push({ index: rows.length, message: `has keys not in the header (${unseen.join(', ')}); they are left out of CSV output` });
      rows.push(header.map((key) => cellOf(object[key])));
      lines.push(line);
    } else {
      problems.push({ index: rows.length, message: 'is not a JSON object; read as a plain-text line' });
      const fields = header.map(() => '');
      fields[messageIndex] = line;
      rows.push(fields);
      lines.push(null);
    }
    objects.push(object);
  }
  return { rows, fieldCounts: rows.map(() => header.length), lines, objects, problems };
}

/**
 * A chunk's rows. `forCsvOutput`: they are read to be written as CSV, which leaves out the keys of
 * an NDJSON row that the header lacks – that is told about.
 */
export function parseChunkRows(text: string, format: ChunkFormat, forCsvOutput = false): ParsedChunk {
  if (format.format === 'text') {
    const rows = nonBlankLines(text).map((line) => [line]);
    return { rows, fieldCounts: rows.map(() => 1), problems: [] };
  }
  if (format.format === 'ndjson') return parseNdjsonRows(text, format.header, forCsvOutput, format.messageColumn);
  const read = readCsvRows(text, { delimiter: format.delimiter!, newline: format.newline, width: format.header.length });
  return { rows: read.rows, fieldCounts: read.fieldCounts, problems: read.problems };
}

/** A chunk's row problems, by row index: the reader's, and each row whose field count is not the header's. */
export function rowProblems(parsed: ParsedChunk, header: readonly string[]): RowProblem[] {
  const problems = [...parsed.problems];
  for (let i = 0; i < parsed.rows.length; i++) {
    const count = parsed.fieldCounts[i];
    if (count !== header.length) problems.push({ index: i, message: fieldCountProblem(count, header) });
  }
  return problems.sort((a, b) => a.index - b.index);
}

/** What a row with `count` fields, not as many as the `header` has, is told. */
export function fieldCountProblem(count: number, header: readonly string[]): string {
  const width = header.length;
  return count < width
    ? `has ${count} fields, the header has ${width}; the missing ones are left empty`
    : `has ${count} fields, the header has ${width}; the fields from ${width} on are kept together, as written, in its last column (${header[width - 1].trim() || 'unnamed'})`;
}

/** The cells of one CSV row (its text without the line ending), as many as the header has. */
export function csvRowCells(rowText: string, format: ChunkFormat): string[] {
  return readCsvRows(rowText, { delimiter: format.delimiter!, width: format.header.length }).rows[0] ?? format.header.map(() => '');
}
