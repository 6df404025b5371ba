/**
 * The lines a discovery keeps in memory for value distributions, rule previews and training rows:
 * every line of a file up to `capacity`, and beyond that a uniform sample of `capacity` of them
 * (reservoir sampling), so a file of millions of lines costs the text of a bounded number. The
 * counts of patterns never come from here: the miner counts every line.
 */
import { detached } from '../detached.ts';

/** Lines kept by default: about 45 MB of text for lines of 200 characters. */
export const DEFAULT_LINES_KEPT = 200_000;

export interface KeptLines {
  /** The kept lines' text, in file order. */
  messages: string[];
  sources: string[];
  /** Per kept line, its index in the file, ascending; null when every line was kept (messages[i] is line i). */
  lineIndex: Int32Array | null;
  /** Lines offered: the file's line count. */
  lineCount: number;
}

export class LineSample {
  private readonly index: Int32Array;
  private readonly messages: string[] = [];
  private readonly sources: string[] = [];
  private offered = 0;
  private seed: number;

  /** `seed` makes the sample repeatable: the same file, the same lines kept. */
  constructor(
    readonly capacity = DEFAULT_LINES_KEPT,
    seed = 1,
  ) {
    if (!(capacity >= 1)) throw new Error('a line sample keeps one line at least');
    this.index = new Int32Array(capacity);
    this.seed = seed >>> 0 || 1;
  }

  /** Offers the file's next line (lines are offered in file order). */
  offer(message: string, source: string): void {
    const line = this.offered++;
    if (line < this.capacity) {
      this.index[line] = line;
      this.messages.push(detached(message));
      this.sources.push(detached(source));
      return;
    }
    // Algorithm R: line t (0-based) replaces a kept one with probability capacity / (t + 1).
    const slot = Math.floor(this.random() * (line + 1));
    if (slot >= this.capacity) return;
    this.index[slot] = line;
    this.messages[slot] = detached(message);
    this.sources[slot] = detached(source);
  }

  /** The kept lines in file order. */
  result(): KeptLines {
    if (this.offered <= this.capacity) {
      return { messages: this.messages.slice(), sources: this.sources.slice(), lineIndex: null, lineCount: this.offered };
    }
    const order = Array.from({ length: this.capacity }, (_, slot) => slot).sort((a, b) => this.index[a] - this.index[b]);
    return {
      messages: order.map((slot) => this.messages[slot]),
      sources: order.map((slot) => this.sources[slot]),
      lineIndex: Int32Array.from(order, (slot) => this.index[slot]),
      lineCount: this.offered,
    };
  }

  /** xorshift32 in [0, 1): fast, repeatable, good enough to pick lines. */
  private random(): number {
    let x = this.seed;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.seed = x >>> 0;
    return this.seed / 4294967296;
  }
}
