/**
 * The table reader for training CSVs and pattern files: a header plus batches of data rows
 * numbered from 1, read on the same path as every run (scale/input.ts: encoding, delimiter and
 * line-ending guess, row-aligned chunks; chunk-rows.ts: the one reader), so a file gives the same
 * rows here as when it is classified. A plain .log/.txt file is one `log_message` column; an
 * NDJSON file has the keys of its first objects.
 */
import type { RowProblem } from './read.ts';
import { decodeChunk, parseChunkRows, rowProblems } from '../scale/chunk-rows.ts';
import { openChunkedInput, type ByteSource } from '../scale/input.ts';
import type { RowFormat } from '../scale/split.ts';

export interface TableBatch {
  rows: string[][];
  /** Problems of the rows, by index into `rows`. */
  problems: RowProblem[];
  /** 1-based data row number of rows[0]. */
  firstRow: number;
  /** Bytes of the input read so far. */
  bytesDone: number;
}

export interface Table {
  header: string[];
  /** What the header row has that a reader should know (csv/read.ts). */
  headerProblems: string[];
  bytesTotal: number | null;
  batches: AsyncGenerator<TableBatch>;
}

export async function openTable(input: ByteSource, format: RowFormat): Promise<Table> {
  const opened = await openChunkedInput(input, format);
  const { format: chunkFormat } = opened;
  async function* batches(): AsyncGenerator<TableBatch> {
    let firstRow = 1;
    for await (const chunk of opened.chunks) {
      // A UTF-16 file's chunks come as UTF-8.
      const parsed = parseChunkRows(decodeChunk(chunk.bytes), chunkFormat);
      const problems = rowProblems(parsed, chunkFormat.header);
      if (parsed.rows.length === 0) continue;
      yield { rows: parsed.rows, problems, firstRow, bytesDone: chunk.start + (chunk.sourceLength ?? chunk.bytes.length) };
      firstRow += parsed.rows.length;
    }
  }
  return { header: chunkFormat.header, headerProblems: opened.headerProblems, bytesTotal: opened.bytesTotal, batches: batches() };
}
