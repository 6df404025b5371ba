/**
 * Cuts a byte stream into chunks that end on row ends, so that each chunk can be parsed (and
 * classified) on its own, in any worker, and re-read later from its byte range alone.
 *
 * CSV: row ends by the reader's rule (csv/read.ts) – a LF, CR LF or lone CR outside a quoted
 * field; a quote opens a quoted field only at a field's start and closes at the next lone quote.
 * Every byte it looks at is ASCII, so it runs on UTF-8 bytes without decoding, jumping from
 * quote to quote with indexOf. Plain text and NDJSON: every LF ends a row.
 *
 * It also holds the rules that apply to the bytes themselves: no NUL byte (a file with one is
 * binary), and no row longer than MAX_ROW_BYTES (the memory a row may take).
 */
import { InputError } from '../errors.ts';
import type { ChunkBuffers } from './chunk-buffers.ts';

export type RowFormat = 'csv' | 'text' | 'ndjson';

export interface SplitConfig {
  format: RowFormat;
  /** CSV only: the field delimiter (one ASCII character). */
  delimiter?: string;
  /** CSV only: the line ending most rows end with (the reader tells about rows that end otherwise). */
  newline?: string;
}

/** The longest row logsift reads: a longer one is most likely a quote never closed, and would have to be held whole. */
export const MAX_ROW_BYTES = 64 << 20;

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;
/** How far back the scanner looks for a LF before it looks forward instead. */
const LOOK_BACK = 256;

/** A row longer than MAX_ROW_BYTES; the run names its row number (run-chunked.ts). */
export class RowTooLongError extends InputError {
  constructor(readonly what = 'A row') {
    super(rowTooLongMessage(what));
  }
}

export function rowTooLongMessage(what: string): string {
  return `${what} is longer than ${MAX_ROW_BYTES >> 20} MiB, the most logsift reads as one row: is a quote (") opened at the start of a field and never closed? A quoted field runs over line ends to its closing quote.`;
}

/** Refuses bytes that hold a NUL: text never does; binary files (archives, images, databases) nearly always do. */
export function refuseNul(bytes: Uint8Array, offset: number | null): void {
  const at = bytes.indexOf(0);
  if (at < 0) return;
  // ASCII text in UTF-16 without a byte order mark has a NUL in every other byte.
  const utf16 = bytes.length >= 4 && ((bytes[0] !== 0 && bytes[1] === 0 && bytes[2] !== 0 && bytes[3] === 0) || (bytes[0] === 0 && bytes[1] !== 0 && bytes[2] === 0 && bytes[3] !== 0));
  throw new InputError(
    `This file is binary, not text: it holds a NUL byte${offset === null ? '' : ` (at byte ${(offset + at).toLocaleString('en-US')})`}, which text never does.` +
      (utf16 ? ' It looks like UTF-16 without a byte order mark: save it as UTF-8, or as UTF-16 with one.' : ' logsift reads CSV, NDJSON and plain-text logs.'),
  );
}

// Where a scan stopped, so that the next bytes go on from there:
/** The next byte starts a field. */
const FIELD_START = 0;
/** Inside an unquoted field, or after a quoted one's closing quote: a quote is a character. */
const UNQUOTED = 1;
const QUOTED = 2;
/** Inside a quoted field, just after a quote: `""` or the closing quote, as the next byte says. */
const QUOTE_IN_QUOTED = 3;
/** Just after a CR that ends a row: a LF next belongs to the same line ending. */
const AFTER_CR = 4;

/**
 * Finds the last row end in a stream of byte buffers, fed one after another: `lastEnd` is the
 * offset (from the start of everything fed) just past the last row end seen – never between the
 * CR and the LF of one line ending, even when they come in two buffers. Each byte is looked at
 * once, however long a row is.
 */
export class RowEndScanner {
  /** Offset just past the last row end fed so far; 0 when none. */
  lastEnd = 0;
  private fed = 0;
  private state = FIELD_START;
  private readonly csv: boolean;
  private readonly delimiter: number;

  constructor(config: SplitConfig) {
    this.csv = config.format === 'csv';
    this.delimiter = (config.delimiter ?? ',').charCodeAt(0);
  }

  /** Scans the next bytes. */
  feed(bytes: Uint8Array): void {
    const base = this.fed;
    const n = bytes.length;
    this.fed += n;
    if (n === 0) return;
    if (!this.csv) {
      const e = bytes.lastIndexOf(LF);
      if (e >= 0) this.lastEnd = base + e + 1;
      return;
    }
    // Locals in the loop, written back once at the end.
    let state = this.state;
    let lastEnd = this.lastEnd;
    let i = 0;
    if (state === AFTER_CR) {
      if (bytes[0] === LF) i = 1;
      lastEnd = base + i;
      state = FIELD_START;
    } else if (state === QUOTE_IN_QUOTED) {
      if (bytes[0] === QUOTE) {
        i = 1;
        state = QUOTED;
      } else state = UNQUOTED;
    }
    const delim = this.delimiter;
    // No search may run back far past a stretch (a row of many quoted fields would be read over
    // and over): the last LF found bounds a look back; beyond LOOK_BACK from it, the next LF is
    // looked for forward, from where it was last looked for (-1: none left; -2: not yet).
    let lastLf = -1;
    let nextLf = -2;
    // The unquoted stretches after the last LF found (from, to pairs), where a CR may end a later
    // row: looked at once, backwards from the end – most files have no CR, and a search for one
    // would read every buffer to its end.
    const afterLf: number[] = [];
    /** The last CR in the stretches of afterLf[0 .. upTo), -1 when none. */
    const lastCr = (upTo: number): number => {
      for (let r = upTo - 2; r >= 0; r -= 2) {
        for (let k = afterLf[r + 1] - 1; k >= afterLf[r]; k--) if (bytes[k] === CR) return k;
      }
      return -1;
    };
    while (i < n) {
      if (state === QUOTED) {
        const q = bytes.indexOf(QUOTE, i);
        if (q < 0) break;
        if (q === n - 1) {
          state = QUOTE_IN_QUOTED;
          break;
        }
        if (bytes[q + 1] === QUOTE) {
          i = q + 2;
          continue;
        }
        i = q + 1;
        state = UNQUOTED;
        continue;
      }
      // Unquoted text up to the next quote: its row ends are every CR and LF; only the last counts.
      const q = bytes.indexOf(QUOTE, i);
      const limit = q < 0 ? n : q;
      if (limit > i) {
        let lf: number;
        if (limit - lastLf <= LOOK_BACK) {
          // Near the last LF found: looking back stops there at the latest.
          lf = bytes.lastIndexOf(LF, limit - 1);
          if (lf < i) lf = -1;
        } else {
          // Far from it (a long row): look forward for the next LF once, then back from the end
          // of the stretch only when one is in it.
          if (nextLf !== -1 && nextLf < i) nextLf = bytes.indexOf(LF, i);
          lf = nextLf >= 0 && nextLf < limit ? bytes.lastIndexOf(LF, limit - 1) : -1;
        }
        if (lf >= 0) {
          lastLf = lf;
          lastEnd = base + lf + 1;
          afterLf.length = 0;
          if (limit > lf + 1) afterLf.push(lf + 1, limit);
        } else {
          afterLf.push(i, limit);
          // Many stretches and no LF (a long row of quoted fields): settle all but the last now.
          if (afterLf.length > 64) {
            const cr = lastCr(afterLf.length - 2);
            if (cr >= 0) lastEnd = base + cr + 1;
            afterLf.splice(0, afterLf.length - 2);
          }
        }
        const last = bytes[limit - 1];
        state = last === LF || last === CR || last === delim ? FIELD_START : UNQUOTED;
      }
      if (q < 0) break;
      // A quote opens a quoted field only at a field's start; elsewhere it is a character.
      state = state === FIELD_START ? QUOTED : UNQUOTED;
      i = q + 1;
    }
    // A CR after the last LF ends a row – unless it is the last byte fed: then its row end waits
    // for the next byte (a LF would be part of it).
    let cr = lastCr(afterLf.length);
    if (cr === n - 1) {
      state = AFTER_CR;
      afterLf[afterLf.length - 1] = n - 1;
      cr = lastCr(afterLf.length);
    }
    if (cr >= 0) lastEnd = base + cr + 1;
    this.state = state;
    this.lastEnd = lastEnd;
  }

  /** Forgets the first `offset` bytes (handed out as a chunk): offsets count from there on. */
  drop(offset: number): void {
    this.fed -= offset;
    this.lastEnd = Math.max(0, this.lastEnd - offset);
  }
}

/**
 * The offset just past the first row end after `from` (a row start), or -1 when `bytes` do not
 * hold it yet – also when they end on a CR, which a LF may follow. `ended`: nothing follows.
 */
export function firstRowEnd(bytes: Uint8Array, from: number, config: SplitConfig, ended: boolean): number {
  const n = bytes.length;
  if (config.format !== 'csv') {
    const e = bytes.indexOf(LF, from);
    return e < 0 ? -1 : e + 1;
  }
  const delim = (config.delimiter ?? ',').charCodeAt(0);
  let fieldStart = true;
  for (let i = from; i < n; i++) {
    const c = bytes[i];
    if (c === QUOTE && fieldStart) {
      // A quoted field: to its closing quote.
      for (i++; ; i += 2) {
        i = bytes.indexOf(QUOTE, i);
        if (i < 0 || (i === n - 1 && !ended)) return -1;
        if (bytes[i + 1] !== QUOTE) break;
      }
      fieldStart = false;
      continue;
    }
    if (c === LF) return i + 1;
    if (c === CR) {
      if (i + 1 < n) return bytes[i + 1] === LF ? i + 2 : i + 1;
      return ended ? i + 1 : -1;
    }
    fieldStart = c === delim;
  }
  return -1;
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
 * Throws (after the chunks before) on a NUL byte or a row longer than MAX_ROW_BYTES.
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
  const scanner = new RowEndScanner(config);
  let parts: Uint8Array[] = [];
  let size = 0;
  for await (const buffer of buffers) {
    if (buffer.length === 0) continue;
    // Offsets in the file are known where the bytes are the file's (not transcoded).
    refuseNul(buffer, sourceLength ? null : start + size);
    scanner.feed(buffer);
    parts.push(buffer);
    size += buffer.length;
    if (size < target) continue;
    const cut = scanner.lastEnd;
    if (cut === 0) {
      // One row longer than the target (a huge quoted field): keep gathering, up to the limit.
      if (size > MAX_ROW_BYTES) throw new RowTooLongError();
      continue;
    }
    const owned = !!into || parts.length > 1; // concat gives a new buffer
    const joined = concat(parts, size, into);
    // The rest is copied out before the chunk is handed on (its buffer may move to a worker).
    // (new Uint8Array(view) copies; a Node Buffer's slice() would not.)
    const rest = new Uint8Array(joined.subarray(cut));
    parts = rest.length ? [rest] : [];
    size = rest.length;
    scanner.drop(cut);
    yield chunk(joined.subarray(0, cut), owned);
  }
  if (size - scanner.lastEnd > MAX_ROW_BYTES) throw new RowTooLongError();
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
