/**
 * Opens an input for the chunked pipeline: recognises the format, reads the header (CSV), the
 * keys of the first objects (NDJSON) or none (plain text), guesses the delimiter and usual line
 * ending (csv/detect.ts), and hands out the rest as row-aligned byte chunks. A UTF-16 file (by
 * its byte order mark) is read as UTF-8, transcoded as it streams; its chunks' offsets and
 * lengths stay the file's. Every reader of files goes through here: runs, and the table reader
 * of training CSVs and pattern files (csv/table.ts).
 */
import { chosenColumn } from '../csv/columns.ts';
import { byteOrderMark, detectDialect, type SourceEncoding } from '../csv/detect.ts';
import { readCsvRows, type RowProblem } from '../csv/read.ts';
import { InputError } from '../errors.ts';
import { ChunkBuffers } from './chunk-buffers.ts';
import { firstRowEnd, MAX_ROW_BYTES, refuseNul, rowAlignedChunks, RowTooLongError, type ByteChunk, type RowFormat, type SplitConfig } from './split.ts';

export type { SourceEncoding } from '../csv/detect.ts';

/** A file, a stream (standard input), or text. */
export type ByteSource = Blob | string | AsyncIterable<Uint8Array | string>;

export const SCALE_CHUNK_BYTES = 1 << 20;

/** What every chunk needs to be parsed the same way, wherever it is parsed. */
export interface ChunkFormat extends SplitConfig {
  /** CSV: the header's fields; text: ['log_message']; NDJSON: the keys of the first lines' objects. */
  header: string[];
  /** UTF-16 input: a chunk's byte range in the file is UTF-16 (the chunks themselves are UTF-8). */
  encoding?: SourceEncoding;
  /** The header index of the message column the user chose; absent: found by name (csv/columns.ts). */
  messageColumn?: number;
}

export interface ChunkedInput {
  format: ChunkFormat;
  /** Total bytes, when known (a Blob). */
  bytesTotal: number | null;
  /** Byte offset where the data rows start (after the BOM and the header row). */
  dataStart: number;
  /** What the header row has that a reader of the file should know (see csv/read.ts). */
  headerProblems: string[];
  /** The first data rows read for the guesses, whole rows only: a sample for other guesses (the time column). */
  sample: string;
  chunks: AsyncGenerator<ByteChunk>;
}

const SNIFF_BYTES = 64 * 1024;
const SNIFF_LINES = 20;

export function formatFromName(name: string): RowFormat {
  if (/\.(jsonl|ndjson)$/i.test(name)) return 'ndjson';
  if (/\.(log|txt)$/i.test(name)) return 'text';
  return 'csv';
}

/** Byte buffers of a source: a Blob through its stream, in pieces of at most `pieceBytes`; a stream as it comes (strings encoded). */
export async function* sourceBuffers(source: ByteSource, pieceBytes = SCALE_CHUNK_BYTES): AsyncGenerator<Uint8Array> {
  if (typeof Blob !== 'undefined' && source instanceof Blob) {
    // One stream over the file, not a read per slice: each slice read is a round trip to the
    // browser's file thread, and a 100 MiB file streamed in headless Chromium took 90–170 ms
    // against 160–220 ms in slices read four ahead (240–680 ms one at a time).
    const reader = source.stream().getReader();
    let done = false;
    try {
      for (;;) {
        const next = await reader.read();
        if (next.done) {
          done = true;
          return;
        }
        // A stream may hand over much at once (Node: a small Blob in one piece): pieces of at most
        // `pieceBytes` (views, not copies) keep chunks near their size.
        for (let at = 0; at < next.value.length; at += pieceBytes) yield next.value.subarray(at, at + pieceBytes);
      }
    } finally {
      if (!done) await reader.cancel().catch(() => {});
    }
  }
  const encoder = new TextEncoder();
  if (typeof source === 'string') {
    const bytes = encoder.encode(source);
    for (let at = 0; at < bytes.length; at += pieceBytes) yield bytes.subarray(at, at + pieceBytes);
    return;
  }
  for await (const part of source as AsyncIterable<Uint8Array | string>) {
    yield typeof part === 'string' ? encoder.encode(part) : part;
  }
}

/** A stream that gives back `head` first, then the rest of `tail`. */
async function* replay(head: Uint8Array[], tail: AsyncIterator<Uint8Array>): AsyncGenerator<Uint8Array> {
  yield* head;
  for (let next = await tail.next(); !next.done; next = await tail.next()) yield next.value;
}

/** UTF-16 bytes (the byte order mark first) as UTF-8, piece by piece; a character split between pieces is kept whole. */
async function* utf16AsUtf8(pieces: AsyncIterable<Uint8Array>, encoding: SourceEncoding): AsyncGenerator<Uint8Array> {
  // The decoder drops the byte order mark.
  const decoder = new TextDecoder(encoding);
  const encoder = new TextEncoder();
  for await (const piece of pieces) {
    const text = decoder.decode(piece, { stream: true });
    if (text) yield encoder.encode(text);
  }
  const rest = decoder.decode();
  if (rest) yield encoder.encode(rest);
}

/**
 * How many bytes of UTF-16 the UTF-8 `bytes` were (whole characters): two per UTF-16 code unit,
 * that is per character, and two more for each character beyond the BMP (a surrogate pair).
 */
export function utf16Length(bytes: Uint8Array): number {
  let units = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if ((b & 0xc0) !== 0x80) units += b >= 0xf0 ? 2 : 1;
  }
  return units * 2;
}

const decoder = new TextDecoder('utf-8');

function isBlankLine(bytes: Uint8Array, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const b = bytes[i];
    if (b !== 0x20 && b !== 0x09 && b !== 0x0d && b !== 0x0a) return false;
  }
  return true;
}

/**
 * Opens `source` as `format`. Reads as much as it needs for the guesses (64 KiB or 20 lines, or
 * the header row if it is longer) and gives it all back through `chunks`, each chunk in a buffer
 * of `into` (a run whose output is written out at once gives buffers back to it for later chunks).
 */
export async function openChunkedInput(
  source: ByteSource,
  format: RowFormat,
  chunkBytes = SCALE_CHUNK_BYTES,
  into: ChunkBuffers = new ChunkBuffers(),
  /** `column`: the name of the column that holds the messages, when the user chose one. */
  options: { column?: string } = {},
): Promise<ChunkedInput> {
  const isBlob = typeof Blob !== 'undefined' && source instanceof Blob;
  const raw = sourceBuffers(source, chunkBytes)[Symbol.asyncIterator]();
  // A byte order mark says UTF-16: then everything below reads the text as UTF-8.
  const first: Uint8Array[] = [];
  let firstBytes = 0;
  while (firstBytes < 2) {
    const next = await raw.next();
    if (next.done) break;
    first.push(next.value);
    firstBytes += next.value.length;
  }
  // (The first two bytes may come in two pieces: a stream can hand over one byte.)
  const mark = byteOrderMark(first.length === 1 ? first[0] : Uint8Array.from(first.flatMap((piece) => Array.from(piece.subarray(0, 2)))));
  const encoding = mark.encoding === 'utf-8' ? undefined : mark.encoding;
  const stream = (encoding ? utf16AsUtf8(replay(first, raw), encoding) : replay(first, raw))[Symbol.asyncIterator]();
  // Offsets in the file: a UTF-16 file's are those of its UTF-16 bytes, after its byte order mark.
  const sourceLength = encoding ? utf16Length : undefined;
  const head = new HeadBytes(stream);
  // The guesses look at the first 64 KiB or 20 lines (or the whole input when it is shorter).
  while (!head.ended && head.length < SNIFF_BYTES && countLines(head.bytes, SNIFF_LINES + 1) <= SNIFF_LINES) await head.readMore();
  refuseNul(head.bytes, encoding ? null : 0);
  const bom = byteOrderMark(head.bytes).encoding === 'utf-8' ? byteOrderMark(head.bytes).length : 0;
  const bytesTotal = isBlob ? (source as Blob).size : null;

  let config: SplitConfig = { format };
  let header: string[];
  let headerProblems: string[] = [];
  let dataStart = bom;
  if (format === 'csv') {
    config = { format, ...detectDialect(decoder.decode(head.bytes.subarray(bom, bom + SNIFF_BYTES))) };
    // The header is the first row that is not blank; read on until its end is in.
    let rowStart = bom;
    for (;;) {
      const end = firstRowEnd(head.bytes, rowStart, config, head.ended);
      if (end > rowStart) {
        if (isBlankLine(head.bytes, rowStart, end)) {
          rowStart = end;
          continue;
        }
        dataStart = end;
        break;
      }
      if (head.ended) {
        dataStart = head.length;
        break;
      }
      if (head.length - rowStart > MAX_ROW_BYTES) throw new RowTooLongError('The header row');
      await head.readMore(true);
      refuseNul(head.bytes, encoding ? null : 0);
    }
    if (isBlankLine(head.bytes, rowStart, dataStart)) throw new InputError('The file is empty: it has no header row and no log lines.');
    // The header row's line ending is its own: the reader compares it with the file's usual one.
    const read = readCsvRows(decoder.decode(head.bytes.subarray(rowStart, dataStart)), { delimiter: config.delimiter!, newline: config.newline });
    header = read.rows[0] ?? [];
    headerProblems = read.problems.map((problem: RowProblem) => problem.message);
  } else if (format === 'ndjson') {
    header = ndjsonHeader(decoder.decode(head.bytes.subarray(bom, bom + SNIFF_BYTES)), head.ended);
  } else {
    header = ['log_message'];
  }
  if (format === 'ndjson' && isBlankLine(head.bytes, bom, head.length) && head.ended) {
    throw new InputError('The file is empty: it has no header row and no log lines.');
  }

  const rest = head.bytes.subarray(dataStart);
  const sampleEnd = head.ended && rest.length <= SNIFF_BYTES ? rest.length : rest.subarray(0, SNIFF_BYTES).lastIndexOf(0x0a) + 1;
  const fileDataStart = sourceLength ? 2 + sourceLength(head.bytes.subarray(0, dataStart)) : dataStart;
  const messageColumn = options.column !== undefined && format !== 'text' ? chosenColumn(header, options.column) : undefined;
  return {
    format: { ...config, header, ...(encoding ? { encoding } : {}), ...(messageColumn !== undefined ? { messageColumn } : {}) },
    bytesTotal,
    dataStart: fileDataStart,
    headerProblems,
    sample: decoder.decode(rest.subarray(0, sampleEnd)),
    // A stream (standard input in a log pipeline) is cut as its data arrives, so each row goes out
    // as soon as the rows before it are done; a Blob in chunks of `chunkBytes`.
    chunks: rowAlignedChunks(replay(rest.length ? [rest] : [], stream), config, isBlob ? chunkBytes : 1, { offset: fileDataStart, into, sourceLength }),
  };
}

/** The LFs in `bytes`, counted up to `atLeast`. */
function countLines(bytes: Uint8Array, atLeast: number): number {
  let lines = 0;
  for (let i = bytes.indexOf(0x0a); i >= 0 && lines < atLeast; i = bytes.indexOf(0x0a, i + 1)) lines++;
  return lines;
}

/** The start of a stream, read on demand. */
class HeadBytes {
  bytes = new Uint8Array(0);
  ended = false;
  constructor(private readonly stream: AsyncIterator<Uint8Array>) {}

  get length(): number {
    return this.bytes.length;
  }

  /**
   * Reads the next piece – or, `doubling`, pieces until the bytes have at least doubled, so that a
   * long header row is not joined and scanned again at each piece of a stream.
   */
  async readMore(doubling = false): Promise<void> {
    const parts: Uint8Array[] = [this.bytes];
    let size = this.bytes.length;
    const want = doubling ? Math.max(1, size) : 1;
    while (size - this.bytes.length < want) {
      const next = await this.stream.next();
      if (next.done) {
        this.ended = true;
        break;
      }
      parts.push(next.value);
      size += next.value.length;
    }
    if (parts.length === 1) return;
    const joined = new Uint8Array(size);
    let at = 0;
    for (const part of parts) {
      joined.set(part, at);
      at += part.length;
    }
    this.bytes = joined;
  }
}

/**
 * The keys of the JSON objects among the first lines, in the order first seen (a key that only
 * later lines have is left out of CSV output, with a warning on its row: see parseChunkRows).
 */
function ndjsonHeader(text: string, ended: boolean): string[] {
  const lines = text.split('\n');
  if (!ended) lines.pop();
  let keys: Set<string> | null = null;
  for (const line of lines.slice(0, SNIFF_LINES)) {
    if (line.trim() === '') continue;
    try {
      const value = JSON.parse(line) as unknown;
      if (!value || typeof value !== 'object' || Array.isArray(value)) continue;
      keys ??= new Set();
      for (const key of Object.keys(value)) keys.add(key);
    } catch {
      // an invalid line: kept as plain text, with a warning, when it is read as a row
    }
  }
  return keys ? [...keys] : ['log_message'];
}
