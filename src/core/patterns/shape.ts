/**
 * A line's shape: its masked tokens with identifier-like tokens (hex ids, host names with numbers,
 * versions) standing for any value. Lines of one shape are one key of the miner, so a file whose
 * lines carry a fresh id each costs one key per message, not one per line – the miner's time and
 * memory follow the number of messages, not the number of lines.
 */
import { WILDCARD } from './masking.ts';
import { MaskedText } from './masked-text.ts';
import { isSpace } from './space.ts';

/** Hex digits in a row, one a digit at least, that make a token an id: hashes, trace and span ids. */
const MIN_HEX_ID = 16;


const OPEN_HASH = 0x5bd1e995;

// What readText needs to know of a character, one table lookup for it.
const SPACE = 1;
const DIGIT = 2;
const HEX_DIGIT = 4;
const CHAR_KIND = new Uint8Array(65536);
for (let c = 0; c < CHAR_KIND.length; c++) {
  const digit = c >= 48 && c <= 57;
  CHAR_KIND[c] = (isSpace(c) ? SPACE : 0) | (digit ? DIGIT : 0) | (digit || (c >= 97 && c <= 102) || (c >= 65 && c <= 70) ? HEX_DIGIT : 0);
}
const LT = 60;
const STAR = 42;
const GT = 62;

/**
 * Reads a masked line's tokens in place – where each starts and ends, which are open, and a hash of
 * the shape – without making a string per token. Most lines are of a shape seen before; for those
 * the miner only compares this reading with the shape's tokens, so a line costs one pass over its
 * characters after masking. The line is read from `text`, where the masker writes it.
 */
export class ShapeReader {
  /** The masked line: written by Masker.maskInto (or read() from a string), then readText(). */
  readonly text = new MaskedText();
  /** Tokens in the last line read. */
  count = 0;
  /** Hash of the last line's shape: equal shapes, equal hashes (see hashShape). */
  hash = 0;
  private starts = new Int32Array(64);
  private ends = new Int32Array(64);
  private open = new Uint8Array(64);

  /** Reads `text`; returns its token count (0 for a blank line). */
  read(text: string): number {
    this.text.setString(text);
    return this.readText();
  }

  /** Reads the line in `text`; returns its token count (0 for a blank line). */
  readText(): number {
    let count = 0;
    let hash = 0x811c9dc5;
    const { codes, length } = this.text;
    let i = 0;
    while (i < length) {
      let c = codes[i];
      let kind = CHAR_KIND[c];
      if ((kind & SPACE) !== 0) {
        i++;
        continue;
      }
      // Counts for looksLikeId, kept in locals: this loop is most of a known line's cost.
      const start = i;
      let digits = 0;
      let run = 0;
      let runDigits = 0;
      let longHex = false;
      let tokenHash = 0x811c9dc5;
      while (true) {
        if ((kind & HEX_DIGIT) !== 0) {
          run++;
          if ((kind & DIGIT) !== 0) {
            digits++;
            runDigits++;
          }
          if (run >= MIN_HEX_ID && runDigits > 0) longHex = true;
        } else {
          run = 0;
          runDigits = 0;
        }
        tokenHash = Math.imul(tokenHash ^ c, 0x01000193);
        if (++i >= length) break;
        c = codes[i];
        kind = CHAR_KIND[c];
        if ((kind & SPACE) !== 0) break;
      }
      const size = i - start;
      const open =
        (size === 3 && codes[start] === LT && codes[start + 1] === STAR && codes[start + 2] === GT) ||
        (digits > 0 && digits * 2 >= size) ||
        longHex;
      if (count === this.starts.length) this.grow();
      this.starts[count] = start;
      this.ends[count] = i;
      this.open[count] = open ? 1 : 0;
      hash = mix(hash, open ? OPEN_HASH : tokenHash);
      count++;
    }
    this.count = count;
    this.hash = count ? hash : 0;
    return count;
  }

  /** The last line's tokens as strings. */
  tokens(): string[] {
    const tokens = new Array<string>(this.count);
    for (let p = 0; p < this.count; p++) tokens[p] = this.text.slice(this.starts[p], this.ends[p]);
    return tokens;
  }

  /** Whether the last line has the shape of `tokens` (same closed tokens, open where they are open). */
  fits(tokens: readonly string[], open: Uint8Array): boolean {
    if (tokens.length !== this.count) return false;
    for (let p = 0; p < this.count; p++) {
      if (this.open[p] !== open[p]) return false;
      if (!open[p] && !this.tokenIs(p, tokens[p])) return false;
    }
    return true;
  }

  /** Whether the last line's token `p` is open: a masked variable or an id (see looksLikeId). */
  isOpen(p: number): boolean {
    return this.open[p] === 1;
  }

  /** Whether the last line's token `p` is `token`. */
  tokenIs(p: number, token: string): boolean {
    const start = this.starts[p];
    if (this.ends[p] - start !== token.length) return false;
    const codes = this.text.codes;
    for (let k = 0; k < token.length; k++) if (codes[start + k] !== token.charCodeAt(k)) return false;
    return true;
  }

  private grow(): void {
    const size = this.starts.length * 2;
    const starts = new Int32Array(size);
    const ends = new Int32Array(size);
    const open = new Uint8Array(size);
    starts.set(this.starts);
    ends.set(this.ends);
    open.set(this.open);
    this.starts = starts;
    this.ends = ends;
    this.open = open;
  }
}

function mix(hash: number, value: number): number {
  return Math.imul(hash ^ value, 0x01000193) ^ (hash >>> 15);
}

/** The shape hash of a token list, equal to what ShapeReader.read gives for the same line. */
export function hashShape(tokens: readonly string[]): number {
  if (tokens.length === 0) return 0;
  let hash = 0x811c9dc5;
  for (const token of tokens) {
    if (isOpenToken(token)) {
      hash = mix(hash, OPEN_HASH);
      continue;
    }
    let tokenHash = 0x811c9dc5;
    for (let i = 0; i < token.length; i++) tokenHash = Math.imul(tokenHash ^ token.charCodeAt(i), 0x01000193);
    hash = mix(hash, tokenHash);
  }
  return hash;
}

/** Which tokens of a shape are open, as ShapeReader.fits wants them. */
export function openFlags(tokens: readonly string[]): Uint8Array {
  return Uint8Array.from(tokens, (token) => (isOpenToken(token) ? 1 : 0));
}

const single = new ShapeReader();

/** True when a token stands for any value in a shape: a masked `<*>`, or an id (looksLikeId). */
export function isOpenToken(token: string): boolean {
  return single.read(token) === 1 && single.isOpen(0);
}

/**
 * Digits mixed with letters, or a long run of hex digits: ids, hashes, hosts, versions – values,
 * never a word that names a message. A token with half or more digits, or one holding a hex run of
 * MIN_HEX_ID or more with a digit in it (`key:9f86d081884c7d65`).
 */
export function looksLikeId(token: string): boolean {
  return token !== WILDCARD && isOpenToken(token);
}
