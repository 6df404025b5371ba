/**
 * A masked line as UTF-16 code units in a reused buffer: the default-rules scanner writes it and
 * the shape reader reads it in place, so a line costs no masked string (and no garbage) unless the
 * miner keeps its tokens.
 */
import { isSpace } from './space.ts';

const LT = 60;
const STAR = 42;
const GT = 62;

/** String.fromCharCode takes its codes as arguments: this many at a time stays well inside the limit. */
const DECODE_CHUNK = 8192;

export class MaskedText {
  codes = new Uint16Array(256);
  length = 0;

  /** Makes room for `size` code units (the contents are kept). */
  reserve(size: number): void {
    if (size <= this.codes.length) return;
    const grown = new Uint16Array(Math.max(size, this.codes.length * 2));
    grown.set(this.codes.subarray(0, this.length));
    this.codes = grown;
  }

  setString(text: string): void {
    this.reserve(text.length);
    const codes = this.codes;
    for (let i = 0; i < text.length; i++) codes[i] = text.charCodeAt(i);
    this.length = text.length;
  }

  slice(start: number, end: number): string {
    let text = '';
    for (let from = start; from < end; from += DECODE_CHUNK) {
      text += String.fromCharCode.apply(null, this.codes.subarray(from, Math.min(end, from + DECODE_CHUNK)) as unknown as number[]);
    }
    return text;
  }

  toString(): string {
    return this.slice(0, this.length);
  }

  /** Whether `<*>` starts at `i`. */
  wildcardAt(i: number): boolean {
    const codes = this.codes;
    return i + 2 < this.length && codes[i] === LT && codes[i + 1] === STAR && codes[i + 2] === GT;
  }

  /**
   * A run of `<*>` tokens is one variable: `<*> <*>` → `<*>`, in place. As for masking's string path,
   * runs are joined only in a line that has a `<*> ` (a wildcard and a space) somewhere – or had one
   * before some of its runs were joined (`spaced`).
   */
  joinVariableRuns(spaced = false): void {
    const codes = this.codes;
    const length = this.length;
    for (let i = 0; i + 3 < length && !spaced; i++) spaced = codes[i + 3] === 32 && this.wildcardAt(i);
    if (!spaced) return;
    let write = 0;
    let read = 0;
    while (read < length) {
      if (!this.wildcardAt(read)) {
        codes[write++] = codes[read++];
        continue;
      }
      codes[write++] = LT;
      codes[write++] = STAR;
      codes[write++] = GT;
      read += 3;
      for (;;) {
        let next = read;
        while (next < length && isSpace(codes[next])) next++;
        if (next === read || !this.wildcardAt(next)) break;
        read = next + 3;
      }
    }
    this.length = write;
  }
}
