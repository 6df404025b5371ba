/**
 * The chunked run in this thread for the unit tests: the built-in bundle, generated CSV (every 7th
 * row with a quoted newline), input given in small pieces, and a file's output and summary at a
 * chosen chunk size.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseBundle } from '../../src/core/bundle.ts';
import { Classifier } from '../../src/core/classifier.ts';
import { csvLine } from '../../src/core/csv/format.ts';
import { generateLogs } from '../../src/core/generate/generator.ts';
import { openChunkedInput, type ChunkedInput } from '../../src/core/scale/input.ts';
import { LocalChunkProcessor } from '../../src/core/scale/local.ts';
import { outputHeaderOf, runChunked } from '../../src/core/scale/run-chunked.ts';

export const root = resolve(import.meta.dirname, '../..');
export const BUNDLE_JSON = readFileSync(resolve(root, 'public/default-bundle.json'), 'utf8');
export const bundle = () => parseBundle(BUNDLE_JSON);
export const enc = new TextEncoder();
export const dec = new TextDecoder();

/** `bytes` in pieces of `piece` bytes, as a stream would hand them over. */
export async function* bytesIn(bytes: Uint8Array, piece: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += piece) yield bytes.slice(i, i + piece);
}

export function generatedCsv(rows: number, seed: string): { text: string; messages: string[] } {
  let text = csvLine(['timestamp', 'source', 'log_message', 'note']);
  const messages: string[] = [];
  let i = 0;
  for (const log of generateLogs({ rows, seed })) {
    messages.push(log.log_message);
    // Every 7th row has a quoted note with a newline and quotes in it.
    text += csvLine([log.timestamp, log.source, log.log_message, ++i % 7 === 0 ? `multi\nline "${i}"` : `n${i}`]);
  }
  return { text, messages };
}

export function opened(source: Blob | AsyncIterable<Uint8Array>, format: 'csv' | 'text' | 'ndjson', chunkBytes: number): Promise<ChunkedInput> {
  return openChunkedInput(source, format, chunkBytes);
}

/** The output text and summary of the chunked run over `text` in chunks of `chunkBytes`. */
export async function chunkedOutput(text: string, options: { chunkBytes: number; explain?: boolean; safeCsv?: boolean; format?: 'csv' | 'text' | 'ndjson'; output?: 'csv' | 'ndjson' }) {
  const input = await opened(new Blob([text]), options.format ?? 'csv', options.chunkBytes);
  const explain = options.explain ?? false;
  const processor = new LocalChunkProcessor(new Classifier(bundle()), input.format, {
    explain,
    safeCsv: options.safeCsv,
    output: options.output,
    columns: outputHeaderOf(input.format, explain).columns,
  });
  const parts: string[] = [];
  const summary = await runChunked({ input, processor, explain, safeCsv: options.safeCsv, output: options.output, onOutput: (d) => void parts.push(typeof d === 'string' ? d : dec.decode(d)) });
  return { text: parts.join(''), summary };
}
