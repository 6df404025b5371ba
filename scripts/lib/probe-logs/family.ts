/** The shape of a probe log family: events, each a template whose `<*>` slots are filled in order. */
import type { Rng } from './rng.ts';

/** Makes one slot's value (the whole value, units included, never empty). */
export type Slot = (r: Rng) => string;

export interface ProbeEvent {
  /** The ground-truth template: the statement's constant text, `<*>` for each argument. */
  template: string;
  /** Relative frequency of the event among the file's lines. */
  weight: number;
  /** One generator per `<*>`, in order. */
  slots: readonly Slot[];
}

export interface ProbeFamily {
  /** Folder and file name in the Loghub layout, e.g. `Kafka`. */
  system: string;
  /** What software the lines imitate and which part of its output Content is. */
  about: string;
  events: readonly ProbeEvent[];
}

export function ev(weight: number, template: string, ...slots: Slot[]): ProbeEvent {
  return { template, weight, slots };
}

/** A slot that always yields a value from `items` (uniformly). */
export const oneOf =
  (...items: string[]): Slot =>
  (r) =>
    r.pick(items);

/** A slot that yields a value from `items`, the first ones most often. */
export const mostly =
  (...items: string[]): Slot =>
  (r) =>
    r.skewed(items);

/** A slot of integers in [lo, hi]. */
export const num =
  (lo: number, hi: number): Slot =>
  (r) =>
    String(r.int(lo, hi));

/** A slot whose value a later slot of the same line can repeat or depend on (see `again`). */
export const keep =
  (key: string, slot: Slot): Slot =>
  (r) => {
    const value = slot(r);
    r.memo.set(key, value);
    return value;
  };

/** The value that `keep(key, …)` made earlier in the line. */
export const again =
  (key: string): Slot =>
  (r) => {
    const value = r.memo.get(key);
    if (value === undefined) throw new Error(`probe slot: nothing kept under ${key}`);
    return value;
  };

/**
 * Slots that take their values together from one row of `rows` (a status code and its reason
 * phrase, a signal number and its name): whichever of them runs first in a line picks the row,
 * the first rows most often.
 */
export function columns(key: string, rows: readonly (readonly string[])[], s = 1.2): Slot[] {
  return rows[0].map((_, c): Slot => (r) => {
    let row = r.memo.get(key);
    if (row === undefined) {
      row = String(rows.indexOf(r.skewed(rows, s)));
      r.memo.set(key, row);
    }
    return rows[Number(row)][c];
  });
}
