/**
 * The rows of a classified output that a filter keeps – the results table's label, tier, search
 * and time range – for a download of just those: the header and the kept rows, byte for byte as
 * the output has them. The output is read as any CSV is (its dialect guessed, cut into row-aligned
 * chunks), so rows copied from the input as they were written – another delimiter, a quote inside
 * an unquoted field, extra fields – stay exactly so. Output row i is input row i, so `keep` takes
 * the same row numbers as the results.
 */
import { readDelimited } from '../csv/read.ts';
import { decodeChunk } from './chunk-rows.ts';
import { openChunkedInput, SCALE_CHUNK_BYTES } from './input.ts';

/** A Blob of `output`'s header row and the data rows (0-based) that `keep` accepts. */
export async function selectedRowsBlob(output: Blob, keep: (row: number) => boolean, chunkBytes = SCALE_CHUNK_BYTES): Promise<Blob> {
  const opened = await openChunkedInput(output, 'csv', chunkBytes);
  const { delimiter, newline } = opened.format;
  const parts: BlobPart[] = [output.slice(0, opened.dataStart)];
  let row = 0;
  for await (const chunk of opened.chunks) {
    const text = decodeChunk(chunk.bytes);
    const read = readDelimited(text, { delimiter: delimiter!, newline });
    for (let i = 0; i < read.count; i++, row++) {
      // A row's text with its line ending: up to where the next row starts.
      if (keep(row)) parts.push(text.slice(read.starts[i], i + 1 < read.count ? read.starts[i + 1] : text.length));
    }
  }
  return new Blob(parts, { type: output.type || 'text/csv' });
}
