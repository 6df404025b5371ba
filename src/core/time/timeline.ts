/**
 * Each pattern's life in a file: first and last seen, and its rows per bucket on one time axis
 * shared by all patterns – what "new" and "spiking" are judged on, and what a pipeline alerts on.
 */
import { chooseStep, DEFAULT_BUCKETS } from './buckets.ts';

export interface PatternTime {
  /** Epoch ms; NaN when none of the pattern's rows has a time. */
  firstSeen: number;
  lastSeen: number;
  /** Rows per bucket of the shared axis. */
  counts: number[];
  /** Its largest bucket over its own typical (median) bucket while it was seen: 1 when steady. */
  spike: number;
}

export interface PatternTimelines {
  start: number;
  step: number;
  buckets: number;
  /** Earliest and latest time of any row (NaN when none). */
  first: number;
  last: number;
  /** Rows with a pattern but no time. */
  untimed: number;
  patterns: PatternTime[];
}

/**
 * Per pattern (`assignments[i]`: row i's pattern, -1 for none), from the rows' times (`times[i]`,
 * NaN for none).
 */
export function patternTimelines(assignments: ArrayLike<number>, times: ArrayLike<number>, patternCount: number, target = DEFAULT_BUCKETS): PatternTimelines {
  const firstSeen = new Float64Array(patternCount).fill(Infinity);
  const lastSeen = new Float64Array(patternCount).fill(-Infinity);
  let first = Infinity;
  let last = -Infinity;
  let untimed = 0;
  for (let i = 0; i < assignments.length; i++) {
    const p = assignments[i];
    if (p < 0) continue;
    const t = times[i];
    if (t !== t) {
      untimed++;
      continue;
    }
    if (t < firstSeen[p]) firstSeen[p] = t;
    if (t > lastSeen[p]) lastSeen[p] = t;
    if (t < first) first = t;
    if (t > last) last = t;
  }
  if (first === Infinity) {
    const none = (): PatternTime => ({ firstSeen: NaN, lastSeen: NaN, counts: [], spike: 1 });
    return { start: 0, step: chooseStep(0, 0, target), buckets: 0, first: NaN, last: NaN, untimed, patterns: Array.from({ length: patternCount }, none) };
  }
  const step = chooseStep(first, last, target);
  const firstIndex = Math.floor(first / step);
  const buckets = Math.floor(last / step) - firstIndex + 1;
  const counts = Array.from({ length: patternCount }, () => new Array<number>(buckets).fill(0));
  for (let i = 0; i < assignments.length; i++) {
    const p = assignments[i];
    const t = times[i];
    if (p >= 0 && t === t) counts[p][Math.floor(t / step) - firstIndex]++;
  }
  const patterns = counts.map((c, p): PatternTime => {
    const seen = firstSeen[p] !== Infinity;
    return {
      firstSeen: seen ? firstSeen[p] : NaN,
      lastSeen: seen ? lastSeen[p] : NaN,
      counts: c,
      spike: seen ? spikeOf(c.slice(Math.floor(firstSeen[p] / step) - firstIndex, Math.floor(lastSeen[p] / step) - firstIndex + 1)) : 1,
    };
  });
  return { start: firstIndex * step, step, buckets, first, last, untimed, patterns };
}

/** The largest count over the median count (at least 1). */
export function spikeOf(counts: readonly number[]): number {
  if (counts.length === 0) return 1;
  const sorted = counts.slice().sort((a, b) => a - b);
  const median = sorted[Math.floor((sorted.length - 1) / 2)];
  return sorted[sorted.length - 1] / Math.max(1, median);
}

/** Pattern indices, newest first: by first seen, latest first (patterns without a time last), then by count. */
export function newestFirst(t: PatternTimelines, counts: readonly number[]): number[] {
  const order = t.patterns.map((_, i) => i);
  const key = (i: number) => (Number.isNaN(t.patterns[i].firstSeen) ? -Infinity : t.patterns[i].firstSeen);
  return order.sort((a, b) => key(b) - key(a) || counts[b] - counts[a]);
}

/**
 * When a first sighting counts as new unless the user says: the middle of the file's time span –
 * a pattern that the whole first half of an export never shows started within it.
 */
export function defaultNewSince(t: PatternTimelines): number {
  return t.first + 0.5 * (t.last - t.first);
}

/** What `logsift patterns --json` writes for each pattern: enough for a pipeline to alert on new ones. */
export interface PatternReport {
  id: string;
  template: string;
  count: number;
  share: number;
  examples: string[];
  /** ISO 8601 (UTC); null when none of its rows has a time. */
  firstSeen: string | null;
  lastSeen: string | null;
  /** First seen after `newSince`. */
  new: boolean;
  spike: number;
  /** Rows per bucket of the report's time axis. */
  counts: number[];
}

export interface PatternsReport {
  lines: number;
  time: {
    column: string;
    format: string;
    inMessage: boolean;
    first: string | null;
    last: string | null;
    /** Axis: bucket i covers [start + i·step, start + (i+1)·step), epoch ms. */
    start: number;
    step: number;
    buckets: number;
    newSince: string | null;
    untimed: number;
  } | null;
  patterns: PatternReport[];
}

const iso = (ms: number): string | null => (Number.isFinite(ms) ? new Date(ms).toISOString() : null);

/**
 * The report of mined patterns (`patterns`, most frequent first) with their times: `assignments`
 * and `times` per line, `source` where the times came from (null: none), `newSince` the time after
 * which a first sighting is new (default: the middle of the file's span).
 */
export function patternsReport(
  lines: number,
  patterns: readonly { id: string; template: string; count: number; share: number; examples: string[] }[],
  assignments: ArrayLike<number>,
  times: ArrayLike<number> | null,
  source: { columnName: string; format: string; inMessage: boolean } | null,
  newSince?: number,
): PatternsReport {
  const t = times && source ? patternTimelines(assignments, times, patterns.length) : null;
  const since = t ? (newSince ?? defaultNewSince(t)) : NaN;
  return {
    lines,
    time:
      t && source
        ? {
            column: source.columnName,
            format: source.format,
            inMessage: source.inMessage,
            first: iso(t.first),
            last: iso(t.last),
            start: t.start,
            step: t.step,
            buckets: t.buckets,
            newSince: iso(since),
            untimed: t.untimed,
          }
        : null,
    patterns: patterns.map((p, i) => {
      const pt = t?.patterns[i];
      return {
        id: p.id,
        template: p.template,
        count: p.count,
        share: p.share,
        examples: p.examples,
        firstSeen: pt ? iso(pt.firstSeen) : null,
        lastSeen: pt ? iso(pt.lastSeen) : null,
        new: pt ? pt.firstSeen > since : false,
        spike: pt ? Number(pt.spike.toFixed(2)) : 1,
        counts: pt?.counts ?? [],
      };
    }),
  };
}

/**
 * Each pattern's times when only some of a file's rows were mined: `rows[j]` is the file row of
 * mined line j, `perMined[j]` its pattern, `times` per file row. Null when no mined row has a time.
 */
export function minedPatternTimes(perMined: ArrayLike<number>, rows: ArrayLike<number>, times: ArrayLike<number>, patternCount: number): PatternTime[] | null {
  const minedTimes = new Float64Array(rows.length);
  for (let j = 0; j < rows.length; j++) minedTimes[j] = times[rows[j]];
  const t = patternTimelines(perMined, minedTimes, patternCount);
  return Number.isNaN(t.first) ? null : t.patterns;
}
