/**
 * The values behind each `<*>` of a pattern: for the lines of one pattern, which values each
 * variable took and how often (top values, distinct count, numeric range when all are numbers).
 */
import { templateRegex } from '../rule-synthesis.ts';
import { WILDCARD } from './masking.ts';
import { templateTokens } from './template.ts';

export interface ValueCount {
  value: string;
  count: number;
}

export interface SlotValues {
  /** 0-based index of the `<*>` in the template, left to right. */
  slot: number;
  /** Lines whose value was read. */
  total: number;
  distinct: number;
  /** Most frequent first. */
  top: ValueCount[];
  /** Smallest and largest value when every value is a number. */
  numeric: { min: number; max: number } | null;
}

export interface ValueOptions {
  /** How many top values per slot (default 10). */
  top?: number;
  /** Distinct values tracked per slot before counting stops for new ones (default 10,000). */
  maxDistinct?: number;
}

const NUMBER = /^[-+]?\d+(?:\.\d+)?$/;

/** Capture groups in a regex: a regex that also matches '' reports them all. */
function captureGroups(regex: RegExp): number {
  return new RegExp(`(?:${regex.source})|`).exec('')!.length - 1;
}

/** Number of `<*>` in a template (inside tokens too). */
export function slotCount(template: string): number {
  return templateTokens(template.replace(/(?:<\*>)+/g, WILDCARD)).reduce((n, token) => n + token.split(WILDCARD).length - 1, 0);
}

/**
 * Value distributions for a template over the lines of its pattern. Lines that the template's
 * regex does not match (rare: a value with an unexpected shape) are skipped, so `total` may be
 * below the line count.
 */
export function valueDistributions(template: string, lines: Iterable<string>, options: ValueOptions = {}): SlotValues[] {
  const slots = slotCount(template);
  const narrow = new RegExp(templateRegex(template));
  const wide = new RegExp(templateRegex(template, { wide: true }));
  const wideSlots = captureGroups(wide);
  const maxDistinct = options.maxDistinct ?? 10_000;
  const counts = Array.from({ length: slots }, () => new Map<string, number>());
  const totals = new Array<number>(slots).fill(0);
  for (const line of lines) {
    let match = narrow.exec(line);
    // The wide regex can join runs of variables into one group; only use it when slots line up.
    if (!match && wideSlots === slots) match = wide.exec(line);
    if (!match) continue;
    for (let s = 0; s < slots; s++) {
      const value = match[s + 1] ?? '';
      const map = counts[s];
      const seen = map.get(value);
      if (seen !== undefined) map.set(value, seen + 1);
      else if (map.size < maxDistinct) map.set(value, 1);
      totals[s]++;
    }
  }
  return counts.map((map, slot) => {
    const values = [...map];
    const numeric = values.length > 0 && values.every(([value]) => NUMBER.test(value));
    const numbers = numeric ? values.map(([value]) => Number(value)) : [];
    return {
      slot,
      total: totals[slot],
      distinct: map.size,
      top: values
        .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
        .slice(0, options.top ?? 10)
        .map(([value, count]) => ({ value, count })),
      numeric: numeric ? { min: Math.min(...numbers), max: Math.max(...numbers) } : null,
    };
  });
}
