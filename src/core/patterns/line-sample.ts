/**
 * The lines a discovery keeps in memory for value distributions, rule previews and training rows:
 * every line of a file up to `capacity`, and beyond that a uniform sample of `capacity` of them
 * (reservoir sampling), so a file of millions of lines costs the text of a bounded number. The
 * counts of patterns never come from here: the miner counts every line.
 */
import { detached } from '../detached.ts';

/**
 * Algorithm R's draws: line t (0-based, t ≥ capacity) replaces the kept line in slot
 * slotFor(t) when that is below the capacity – with probability capacity / (t + 1). The draws
 * come from xorshift32 (fast, repeatable, good enough to pick lines) and depend on nothing but the
 * seed and the line numbers, so a sample can be worked out before its lines' text is read.
 */
class SlotDraws {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0 || 1;
  }

  slotFor(line: number): number {
    return this.below(line + 1);
  }

  /** A draw in [0, n). */
  below(n: number): number {
    let x = this.state;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.state = x >>> 0;
    return Math.floor((this.state / 4294967296) * n);
  }
}

/** Lines kept by default: about 45 MB of text for lines of 200 characters. */
export const DEFAULT_LINES_KEPT = 200_000;

/**
 * Characters of text (message and source) kept at most, by default: 200,000 lines of 320
 * characters. Lines of a JSON export or with stack traces run to thousands of characters; a sample
 * of fewer of them keeps the page's memory bounded however long they are.
 */
export const DEFAULT_TEXT_KEPT = 64 * 2 ** 20;

/** Fewest lines a sample is cut down to for the text budget: enough for value distributions. */
export const MIN_LINES_KEPT = 10_000;

/**
 * How many lines to keep of a file whose lines hold `charsPerLine` characters on average: `lines`,
 * or fewer so that their text fits `textBudget` (MIN_LINES_KEPT at least).
 */
export function linesWithin(lines: number, charsPerLine: number, textBudget = DEFAULT_TEXT_KEPT): number {
  const fit = Math.floor(textBudget / Math.max(1, charsPerLine));
  return Math.min(lines, Math.max(MIN_LINES_KEPT, fit));
}

export interface SampleLimits {
  /** Lines kept at most. */
  capacity?: number;
  seed?: number;
  /** Characters of text kept at most: beyond it the sample is cut by a quarter, as often as it takes (to `minLines` at least). */
  textBudget?: number;
  minLines?: number;
}

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
  private index: Int32Array;
  private messages: string[] = [];
  private sources: string[] = [];
  private offered = 0;
  private readonly draws: SlotDraws;
  private capacityNow: number;
  private chars = 0;
  private readonly textBudget: number;
  private readonly minLines: number;

  /**
   * `seed` makes the sample repeatable: the same file, the same lines kept. A sample whose text
   * outgrows `textBudget` keeps a uniform three quarters of its lines and goes on with that
   * capacity: a uniform sample of a uniform sample is one, and Algorithm R goes on from any.
   */
  constructor({ capacity = DEFAULT_LINES_KEPT, seed = 1, textBudget = DEFAULT_TEXT_KEPT, minLines = MIN_LINES_KEPT }: SampleLimits = {}) {
    if (!(capacity >= 1)) throw new Error('a line sample keeps one line at least');
    this.capacityNow = capacity;
    this.index = new Int32Array(capacity);
    this.draws = new SlotDraws(seed);
    this.textBudget = textBudget;
    this.minLines = Math.max(1, minLines);
  }

  /** Lines it keeps at most now (less than it was made with once its text outgrew the budget). */
  get capacity(): number {
    return this.capacityNow;
  }

  /** Offers the file's next line (lines are offered in file order). */
  offer(message: string, source: string): void {
    const line = this.offered++;
    if (line < this.capacityNow) {
      this.index[line] = line;
      this.messages.push(detached(message));
      this.sources.push(detached(source));
    } else {
      const slot = this.draws.slotFor(line);
      if (slot >= this.capacityNow) return;
      this.chars -= this.messages[slot].length + this.sources[slot].length;
      this.index[slot] = line;
      this.messages[slot] = detached(message);
      this.sources[slot] = detached(source);
    }
    this.chars += message.length + source.length;
    while (this.chars > this.textBudget && this.capacityNow > this.minLines) this.shrink();
  }

  /** Keeps a uniform three quarters of the kept lines (minLines at least), at the slots' start, and the capacity with them. */
  private shrink(): void {
    const kept = this.messages.length;
    const keep = Math.max(this.minLines, Math.floor((kept * 3) / 4));
    if (keep >= kept) {
      // Fewer lines kept than the floor: the floor becomes the capacity, nothing is dropped.
      this.capacityNow = Math.max(keep, kept);
      return;
    }
    // A partial Fisher–Yates shuffle of the slots: its first `keep` are a uniform choice.
    const slots = Int32Array.from({ length: kept }, (_, slot) => slot);
    for (let i = 0; i < keep; i++) {
      const j = i + this.draws.below(kept - i);
      [slots[i], slots[j]] = [slots[j], slots[i]];
    }
    const chosen = slots.subarray(0, keep).sort();
    const index = new Int32Array(keep);
    const messages: string[] = [];
    const sources: string[] = [];
    this.chars = 0;
    chosen.forEach((slot, k) => {
      index[k] = this.index[slot];
      messages.push(this.messages[slot]);
      sources.push(this.sources[slot]);
      this.chars += this.messages[slot].length + this.sources[slot].length;
    });
    this.index = index;
    this.messages = messages;
    this.sources = sources;
    this.capacityNow = keep;
  }

  /** The kept lines in file order. */
  result(): KeptLines {
    if (this.messages.length === this.offered) {
      return { messages: this.messages.slice(), sources: this.sources.slice(), lineIndex: null, lineCount: this.offered };
    }
    const order = Array.from({ length: this.messages.length }, (_, slot) => slot).sort((a, b) => this.index[a] - this.index[b]);
    return {
      messages: order.map((slot) => this.messages[slot]),
      sources: order.map((slot) => this.sources[slot]),
      lineIndex: Int32Array.from(order, (slot) => this.index[slot]),
      lineCount: this.offered,
    };
  }
}

/**
 * The same sample as LineSample's for a file whose line count is known before its lines are read
 * (a run's rows): which lines Algorithm R keeps depends only on the line count and the seed, so
 * they are worked out first, and only their text is ever asked for – by workers that parse the
 * lines, say, which then send back just those. Its text is not counted as it comes: the caller
 * sizes it for the lines' average length first (linesWithin), where LineSample cuts itself down.
 */
export class PlannedSample {
  /** The kept lines' indexes, ascending. */
  private readonly kept: Int32Array;
  private readonly messages: string[] = [];
  private readonly sources: string[] = [];

  constructor(
    private readonly total: number,
    capacity = DEFAULT_LINES_KEPT,
    seed = 1,
  ) {
    if (!(capacity >= 1)) throw new Error('a line sample keeps one line at least');
    // LineSample.offer's draws, without the text.
    const kept = Int32Array.from({ length: Math.min(total, capacity) }, (_, line) => line);
    const draws = new SlotDraws(seed);
    for (let line = capacity; line < total; line++) {
      const slot = draws.slotFor(line);
      if (slot < capacity) kept[slot] = line;
    }
    this.kept = kept.sort();
  }

  /** The kept lines in [from, to), as indexes from `from`. */
  linesIn(from: number, to: number): Int32Array {
    const first = lowerBound(this.kept, from);
    const end = lowerBound(this.kept, to);
    return Int32Array.from(this.kept.subarray(first, end), (line) => line - from);
  }

  /** The text of the next kept line (they come in file order). */
  put(message: string, source: string): void {
    if (this.messages.length >= this.kept.length) throw new Error('more kept lines came than the sample keeps');
    this.messages.push(message);
    this.sources.push(source);
  }

  result(): KeptLines {
    if (this.messages.length !== this.kept.length) throw new Error(`the sample has ${this.messages.length} of its ${this.kept.length} lines`);
    const all = this.total <= this.kept.length;
    return { messages: this.messages.slice(), sources: this.sources.slice(), lineIndex: all ? null : this.kept.slice(), lineCount: this.total };
  }
}

/** The first position in ascending `values` whose value is at least `value`. */
function lowerBound(values: Int32Array, value: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (values[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
