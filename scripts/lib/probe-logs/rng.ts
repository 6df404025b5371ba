/**
 * The seeded random source of the probe logs (mulberry32) with the helpers the families' slot
 * generators use, and a clock that moves forward line by line for values that are times.
 */
import { WeightedTable } from '../../../src/core/generate/random.ts';
import { hashText } from '../../../src/core/patterns/template.ts';

/** A number from a family's name, mixed into its seed (32-bit FNV-1a, as pattern ids use). */
export function hashSeed(text: string): number {
  return parseInt(hashText(text), 16);
}

const HEX = '0123456789abcdef';
const ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';

export class Rng {
  private state: number;
  private readonly recent = new Map<string, string[]>();
  /** Values a slot leaves for a later slot of the same line (a server that must belong to its backend). */
  readonly memo = new Map<string, string>();
  /** Milliseconds since the epoch; probeSystem moves it forward before each line. */
  clock: number;

  constructor(seed: number, start = Date.UTC(2024, 4, 13, 6, 0, 0)) {
    this.state = seed >>> 0;
    this.clock = start;
  }

  /** mulberry32: a float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [lo, hi]. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** Zipf-like: the first items are picked most often (weight 1/(i+1)^s). */
  skewed<T>(items: readonly T[], s = 1.2): T {
    return this.weighted(items.map((item, i) => [item, 1 / (i + 1) ** s] as const));
  }

  /** Picks by explicit weights, given as [item, weight] pairs. */
  weighted<T>(pairs: readonly (readonly [T, number])[]): T {
    return new WeightedTable(pairs).pick(this);
  }

  /** Between min and max distinct items, in their original order. */
  subset<T>(items: readonly T[], min: number, max: number): T[] {
    const k = this.int(min, Math.min(max, items.length));
    const chosen = new Set<number>();
    while (chosen.size < k) chosen.add(this.int(0, items.length - 1));
    return [...chosen].sort((a, b) => a - b).map((i) => items[i]);
  }

  hex(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += HEX[this.int(0, 15)];
    return s;
  }

  alnum(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += ALNUM[this.int(0, ALNUM.length - 1)];
    return s;
  }

  uuid(): string {
    return `${this.hex(8)}-${this.hex(4)}-4${this.hex(3)}-${'89ab'[this.int(0, 3)]}${this.hex(3)}-${this.hex(12)}`;
  }

  /** A decimal in [lo, hi] with `digits` decimals. */
  fixed(lo: number, hi: number, digits: number): string {
    return (lo + this.next() * (hi - lo)).toFixed(digits);
  }

  /** A log-uniform integer in [lo, hi]: small values common, big ones possible. */
  logInt(lo: number, hi: number): number {
    return Math.min(hi, Math.floor(Math.exp(Math.log(lo) + this.next() * (Math.log(hi + 1) - Math.log(lo)))));
  }

  /**
   * A value that recurs over nearby lines, as ids do in real logs: with probability `reuse` one of
   * the last `size` values made under `key`, otherwise a new one from `make`.
   */
  sticky(key: string, make: () => string, size = 6, reuse = 0.6): string {
    let pool = this.recent.get(key);
    if (!pool) this.recent.set(key, (pool = []));
    if (pool.length > 0 && this.chance(reuse)) return this.pick(pool);
    const value = make();
    pool.push(value);
    if (pool.length > size) pool.shift();
    return value;
  }

  /** The current time, optionally shifted by `offsetMs`. */
  now(offsetMs = 0): Date {
    return new Date(this.clock + offsetMs);
  }
}
