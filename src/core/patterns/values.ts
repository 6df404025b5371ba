/**
 * The values behind each `<*>` of a pattern: for the lines of one pattern, which values each
 * variable took and how often (top values, distinct count, numeric range when all are numbers).
 */
import { compileLinear } from '../rules/rules.ts';
import { spanRegex, templateRegex } from '../rules/rule-synthesis.ts';
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

/** Capture groups in a regex source: a regex that also matches '' reports them all. */
function captureGroups(source: string): number {
  return new RegExp(`(?:${source})|`).exec('')!.length - 1;
}

type Exec = (line: string) => ArrayLike<string | undefined> | null;

/** A reader that runs in linear time, as the rules tier does (compileLinear); null when RE2 cannot run it. */
function linearExec(source: string): Exec | null {
  try {
    return compileLinear(source, '').exec;
  } catch {
    return null;
  }
}

/** Number of `<*>` in a template (inside tokens too). */
export function slotCount(template: string): number {
  return templateTokens(template.replace(/(?:<\*>)+/g, WILDCARD)).reduce((n, token) => n + token.split(WILDCARD).length - 1, 0);
}

/**
 * Value distributions for a template over the lines of its pattern. Each line is read with the
 * template's regex, one token per variable (templateRegex); a line it misses (a value with spaces or
 * punctuation, like a masked date-time or `86 bytes`) with spanRegex – deterministic, then lazy –
 * where its groups line up with the slots; each regex runs in linear time (see linearExec). Lines
 * none of them match are skipped, so `total` may be below the line count.
 */
export function valueDistributions(template: string, lines: Iterable<string>, options: ValueOptions = {}): SlotValues[] {
  const slots = slotCount(template);
  const sources = [...new Set([templateRegex(template), spanRegex(template, true), spanRegex(template, false)])];
  // A regex is only used when its groups are the slots, one for one.
  const readers: Exec[] = [];
  for (const source of sources) {
    const exec = captureGroups(source) === slots ? linearExec(source) : null;
    if (exec) readers.push(exec);
  }
  const maxDistinct = options.maxDistinct ?? 10_000;
  const counts = Array.from({ length: slots }, () => new Map<string, number>());
  const totals = new Array<number>(slots).fill(0);
  for (const line of lines) {
    let match: ArrayLike<string | undefined> | null = null;
    for (let r = 0; r < readers.length && !match; r++) match = readers[r](line);
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
