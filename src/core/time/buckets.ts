/**
 * Rows per label over time, in buckets of a size chosen from the data: counted as the rows come
 * (a run does not know its time range until its end, and a pipeline stage cannot keep every
 * row's time), then given as a dense table of about `target` buckets.
 *
 * Bucket sizes come from a ladder in which each size divides the next, and buckets are aligned
 * to multiples of their size from the epoch (UTC), so counts kept in small buckets add up
 * exactly into larger ones: the result is the same however the rows were chunked or ordered.
 */

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export const BUCKET_STEPS_MS: readonly number[] = [
  10,
  100,
  SECOND,
  5 * SECOND,
  10 * SECOND,
  30 * SECOND,
  MINUTE,
  5 * MINUTE,
  10 * MINUTE,
  30 * MINUTE,
  HOUR,
  3 * HOUR,
  6 * HOUR,
  12 * HOUR,
  DAY,
  7 * DAY,
  28 * DAY,
  364 * DAY,
  3640 * DAY,
];

/** About how many buckets a histogram shows. */
export const DEFAULT_BUCKETS = 120;
/** Buckets kept while counting, before they are merged into larger ones. */
const MAX_LIVE_BUCKETS = 4096;

/** The smallest ladder step (at least `minStep`) that covers `first`–`last` in at most `target` buckets. */
export function chooseStep(first: number, last: number, target = DEFAULT_BUCKETS, minStep = BUCKET_STEPS_MS[0]): number {
  for (const step of BUCKET_STEPS_MS) {
    if (step < minStep) continue;
    if (Math.floor(last / step) - Math.floor(first / step) + 1 <= target) return step;
  }
  return BUCKET_STEPS_MS[BUCKET_STEPS_MS.length - 1];
}

export interface Histogram {
  /** Start of the first bucket (epoch ms) and the bucket size. */
  start: number;
  step: number;
  buckets: number;
  labels: string[];
  /** counts[label][bucket]. */
  counts: number[][];
  /** Earliest and latest time seen (NaN when none). */
  first: number;
  last: number;
  timed: number;
  /** Rows without a time. */
  untimed: number;
}

/** Counts rows per label per bucket as they come. */
export class TimeHistogram {
  private step = BUCKET_STEPS_MS[0];
  /** Bucket index → counts per label id. */
  private live = new Map<number, number[]>();
  first = Infinity;
  last = -Infinity;
  timed = 0;
  untimed = 0;
  // The last bucket used: rows mostly come in time order, so most rows skip the map.
  private lastIndex = NaN;
  private lastCounts: number[] = [];

  /** One row: its time (NaN: none) and its label's id (an index into the labels given to `result`). */
  add(ms: number, label: number): void {
    if (ms !== ms) {
      this.untimed++;
      return;
    }
    this.timed++;
    if (ms < this.first) this.first = ms;
    if (ms > this.last) this.last = ms;
    const index = Math.floor(ms / this.step);
    let counts: number[];
    if (index === this.lastIndex) counts = this.lastCounts;
    else {
      let found = this.live.get(index);
      if (found === undefined) {
        found = [];
        this.live.set(index, found);
        if (this.live.size > MAX_LIVE_BUCKETS) {
          this.coarsen();
          this.add(ms, label);
          this.timed--;
          return;
        }
      }
      counts = found;
      this.lastIndex = index;
      this.lastCounts = counts;
    }
    counts[label] = (counts[label] ?? 0) + 1;
  }

  /** Merges buckets into the next step that keeps at most a quarter of the limit. */
  private coarsen(): void {
    const step = chooseStep(this.first, this.last, MAX_LIVE_BUCKETS / 4, this.step * 2);
    this.live = regroup(this.live, this.step, step);
    this.step = step;
    this.lastIndex = NaN;
  }

  /** The dense table, in about `target` buckets; `labels[id]` names label id `id`. */
  result(labels: readonly string[], target = DEFAULT_BUCKETS): Histogram {
    if (this.timed === 0) return { start: 0, step: this.step, buckets: 0, labels: [...labels], counts: labels.map(() => []), first: NaN, last: NaN, timed: 0, untimed: this.untimed };
    const step = chooseStep(this.first, this.last, target, this.step);
    const grouped = regroup(this.live, this.step, step);
    const firstIndex = Math.floor(this.first / step);
    const buckets = Math.floor(this.last / step) - firstIndex + 1;
    const counts = labels.map(() => new Array<number>(buckets).fill(0));
    for (const [index, perLabel] of grouped) {
      perLabel.forEach((n, label) => {
        if (n) counts[label][index - firstIndex] += n;
      });
    }
    return { start: firstIndex * step, step, buckets, labels: [...labels], counts, first: this.first, last: this.last, timed: this.timed, untimed: this.untimed };
  }
}

function regroup(live: Map<number, number[]>, from: number, to: number): Map<number, number[]> {
  if (from === to) return live;
  const ratio = to / from;
  const next = new Map<number, number[]>();
  for (const [index, perLabel] of live) {
    const target = Math.floor(index / ratio);
    let counts = next.get(target);
    if (!counts) next.set(target, (counts = []));
    perLabel.forEach((n, label) => {
      if (n) counts[label] = (counts[label] ?? 0) + n;
    });
  }
  return next;
}
