/**
 * Cuts a byte stream into chunks that end on row boundaries, so that each chunk can be parsed
 * (and classified) on its own, in any worker, and re-read later from its byte range alone.
 *
 * CSV: a small state machine over the bytes that mirrors papaparse's quoting (a quote opens a
 * quoted field only at the start of a field; `""` inside one is a quote; a newline inside one is
 * data). Every byte it looks at is ASCII, so it runs on UTF-8 bytes without decoding. Plain text
 * and NDJSON: every newline ends a row.
 */
import type { ChunkBuffers } from './chunk-buffers.ts';

export type RowFormat = 'csv' | 'text' | 'ndjson';

export interface SplitConfig {
  format: RowFormat;
  /** CSV only: the field delimiter (one ASCII character). */
  delimiter?: string;
  /** CSV only: the line ending papaparse will use ('\n', '\r\n' or '\r'). */
  newline?: string;
}

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;
const SPACE = 0x20;
const TAB = 0x09;

/**
 * Finds row ends in successive byte buffers. `scan(bytes)` returns the offset just past the last
 * row end in `bytes` (0 when none), carrying its state over to the next call, which must start at
 * that offset (the caller keeps the unfinished rest and prepends it).
 */
export class RowBoundaryScanner {
  private readonly delimiter: number;
  private readonly crlf: boolean;
  private readonly endByte: number;
  private readonly csv: boolean;

  constructor(config: SplitConfig) {
    this.csv = config.format === 'csv';
    this.delimiter = (config.delimiter ?? ',').charCodeAt(0);
    const newline = config.newline ?? '\n';
    this.crlf = newline === '\r\n';
    this.endByte = newline === '\r' ? CR : LF;
  }

  /**
   * Scans `bytes` from `from` (a row start) and returns the offset just past the last row end,
   * or `from` when there is none. Always restarts at a row start, so it keeps no state.
   */
  lastRowEnd(bytes: Uint8Array, from = 0): number {
    return this.rowEnd(bytes, from, false);
  }

  /** The offset just past the first row end after `from`, or `from` when there is none. */
  firstRowEnd(bytes: Uint8Array, from = 0): number {
    return this.rowEnd(bytes, from, true);
  }

  /** Every row end after `from`: the offsets just past each row's line ending. */
  rowEnds(bytes: Uint8Array, from = 0): number[] {
    const ends: number[] = [];
    this.scan(bytes, from, (end) => {
      ends.push(end);
      return false;
    });
    return ends;
  }

  private rowEnd(bytes: Uint8Array, from: number, first: boolean): number {
    let last = from;
    if (!this.csv && !first) {
      const i = bytes.lastIndexOf(this.endByte);
      return i < from ? from : i + 1;
    }
    this.scan(
      bytes,
      from,
      (end) => {
        last = end;
        return first;
      },
      !first,
    );
    return last;
  }

  /**
   * Calls `found` with each row end in order until it returns true – or, with `lastOnly`, with
   * only the last row end between two quoted fields, which is all a cut needs. Jumps from quote
   * to quote and newline to newline with indexOf/lastIndexOf (native, memchr-fast) rather than
   * looking at each byte.
   */
  private scan(bytes: Uint8Array, from: number, found: (end: number) => boolean, lastOnly = false): void {
    const n = bytes.length;
    const end = this.endByte;
    const crlf = this.crlf;
    const delim = this.delimiter;
    // With CRLF line endings a lone LF is data (papaparse reads it so); it does not end the row.
    const endsRow = (e: number) => !crlf || (e > 0 && bytes[e - 1] === CR);
    // Row ends between `pos` and `limit` (no quote in between).
    const newlines = (pos: number, limit: number): boolean => {
      if (lastOnly) {
        for (let e = limit > 0 ? bytes.lastIndexOf(end, limit - 1) : -1; e >= pos; e = e > 0 ? bytes.lastIndexOf(end, e - 1) : -1) {
          if (endsRow(e)) return found(e + 1);
        }
        return false;
      }
      for (let e = bytes.indexOf(end, pos); e >= 0 && e < limit; e = bytes.indexOf(end, e + 1)) {
        if (endsRow(e) && found(e + 1)) return true;
      }
      return false;
    };
    if (!this.csv) {
      newlines(from, n);
      return;
    }
    let pos = from;
    while (pos < n) {
      const q = bytes.indexOf(QUOTE, pos);
      if (newlines(pos, q < 0 ? n : q)) return;
      if (q < 0) return;
      const prev = q === from ? -1 : bytes[q - 1];
      if (!(prev === -1 || prev === delim || prev === LF || prev === CR)) {
        // A quote inside an unquoted field is data.
        pos = q + 1;
        continue;
      }
      // A quoted field: find its closing quote (`""` is a quote; a quote followed by anything
      // but a delimiter, a line ending or spaces does not close it, as in papaparse).
      let s = q + 1;
      for (;;) {
        const c = bytes.indexOf(QUOTE, s);
        if (c < 0 || c + 1 >= n) return; // unfinished here: the rest waits for more bytes
        const next = bytes[c + 1];
        if (next === QUOTE) {
          s = c + 2;
          continue;
        }
        if (next === delim || next === LF || next === CR || next === SPACE || next === TAB) {
          pos = c + 1;
          break;
        }
        s = c + 1;
      }
    }
  }
}

/** One piece of the input: whole rows, with where they are in the file. */
export interface ByteChunk {
  /** 0-based, in input order. */
  index: number;
  /** Byte offset of the chunk in the input (after any byte-order mark). */
  start: number;
  bytes: Uint8Array;
  /** Bytes of the input the chunk was read from, where that is not `bytes.length` (UTF-16 read as UTF-8). */
  sourceLength?: number;
  /** `bytes.buffer` holds nothing anyone else reads: it can move to a worker as it is, uncopied. */
  ownsBuffer?: boolean;
}

/**
 * Re-chunks a stream of byte buffers into chunks of about `target` bytes that end on row ends
 * (the last one ends where the input ends). `offset` is the byte position of the first buffer.
 * With `into`, every chunk is copied into a buffer of it (room for its output behind the rows).
 * With `sourceLength`, the buffers were transcoded: it gives how many input bytes a chunk was.
 */
export async function* rowAlignedChunks(
  buffers: AsyncIterable<Uint8Array>,
  config: SplitConfig,
  target: number,
  options: { offset?: number; into?: ChunkBuffers; sourceLength?: (bytes: Uint8Array) => number } = {},
): AsyncGenerator<ByteChunk> {
  const { offset = 0, into, sourceLength } = options;
  let index = 0;
  let start = offset;
  const chunk = (bytes: Uint8Array, owned: boolean): ByteChunk => {
    const read = sourceLength ? sourceLength(bytes) : bytes.length;
    const made: ByteChunk = { index: index++, start, bytes, ...(owned ? { ownsBuffer: true } : {}), ...(sourceLength ? { sourceLength: read } : {}) };
    start += read;
    return made;
  };
  const scanner = new RowBoundaryScanner(config);
  let parts: Uint8Array[] = [];
  let size = 0;
  for await (const buffer of buffers) {
    if (buffer.length === 0) continue;
    parts.push(buffer);
    size += buffer.length;
    if (size < target) continue;
    const owned = !!into || parts.length > 1; // concat gives a new buffer
    const joined = concat(parts, size, into);
    const cut = scanner.lastRowEnd(joined);
    if (cut === 0) {
      // One row longer than the target (a huge quoted field): keep gathering.
      parts = [joined];
      continue;
    }
    // The rest is copied out before the chunk is handed on (its buffer may move to a worker).
    // (new Uint8Array(view) copies; a Node Buffer's slice() would not.)
    const rest = new Uint8Array(joined.subarray(cut));
    parts = rest.length ? [rest] : [];
    size = rest.length;
    yield chunk(joined.subarray(0, cut), owned);
  }
  if (size > 0) yield chunk(concat(parts, size, into), !!into || parts.length > 1);
}

/** The parts as one view: the part itself when there is one, unless the chunk must be in a buffer of `into`. */
function concat(parts: Uint8Array[], size: number, into?: ChunkBuffers): Uint8Array {
  if (parts.length === 1 && !into) return parts[0];
  const out = into ? into.take(size) : new Uint8Array(size);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
