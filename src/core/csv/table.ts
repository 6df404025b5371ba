/**
 * Opens an input as a table: a header plus batches of data rows numbered from 1. CSV files take
 * their header from the first row; a plain .log/.txt file is one `log_message` column.
 */
import { InputError } from '../errors.ts';
import { inputSize, textChunks, type InputSource, type TextChunk } from './chunks.ts';
import { csvRowBatches, textRowBatches, type RowBatch } from './rows.ts';

export type InputKind = 'csv' | 'text';

export function inputKindFromName(name: string): InputKind {
  return /\.(log|txt)$/i.test(name) ? 'text' : 'csv';
}

export interface TableBatch extends RowBatch {
  /** 1-based data row number of rows[0]. */
  firstRow: number;
}

export interface Table {
  header: string[];
  bytesTotal: number | null;
  batches: AsyncGenerator<TableBatch>;
}

/** Refuses binary data early: text never holds NUL characters, binary files nearly always do. */
async function* refuseBinary(chunks: AsyncIterable<TextChunk>): AsyncGenerator<TextChunk> {
  let first = true;
  for await (const chunk of chunks) {
    if (first && chunk.text.slice(0, 8192).includes('\u0000')) {
      throw new InputError('This file is binary, not text: expected a CSV or a plain-text log file.');
    }
    first = false;
    yield chunk;
  }
}

export async function openTable(input: InputSource, kind: InputKind): Promise<Table> {
  const chunks = refuseBinary(textChunks(input));
  const source = kind === 'csv' ? csvRowBatches(chunks) : textRowBatches(chunks);
  let header: string[] | null = kind === 'text' ? ['log_message'] : null;
  let carried: RowBatch | null = null;
  while (header === null) {
    const next = await source.next();
    if (next.done) throw new InputError('The file is empty: it has no header row and no log lines.');
    if (next.value.rows.length === 0) continue;
    const [first, ...rest] = next.value.rows;
    header = first.map((name, i) => (i === 0 ? name.replace(/^\uFEFF/, '') : name));
    carried = {
      rows: rest,
      problems: next.value.problems.filter((p) => p.index > 0).map((p) => ({ ...p, index: p.index - 1 })),
      bytesDone: next.value.bytesDone,
    };
  }
  async function* numbered(): AsyncGenerator<TableBatch> {
    let nextRow = 1;
    const emit = (batch: RowBatch): TableBatch => {
      const numberedBatch = { ...batch, firstRow: nextRow };
      nextRow += batch.rows.length;
      return numberedBatch;
    };
    if (carried && carried.rows.length > 0) yield emit(carried);
    for await (const batch of source) if (batch.rows.length > 0) yield emit(batch);
  }
  return { header, bytesTotal: inputSize(input), batches: numbered() };
}
