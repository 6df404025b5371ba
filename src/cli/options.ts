/** Turning CLI flags into pipeline settings: rules, source routes, thresholds. */
import { readFile } from 'node:fs/promises';
import { DEFAULT_RULES, DEFAULT_SOURCE_ROUTES, DEFAULT_THRESHOLDS } from '../core/defaults.ts';
import { InputError } from '../core/errors.ts';
import { systemReason } from './output-file.ts';
import { validateRules } from '../core/rules/rules.ts';
import type { Rule, SourceRoutes } from '../core/types.ts';

export class UsageError extends Error {
  override name = 'UsageError';
}

/** `default`, `none`, or a JSON file holding an array of {pattern, flags, label, enabled}; a file that is not one is an InputError. */
export async function loadRules(choice: string): Promise<Rule[]> {
  if (choice === 'default') return DEFAULT_RULES;
  if (choice === 'none') return [];
  let text: string;
  try {
    text = await readFile(choice, 'utf8');
  } catch (error) {
    throw new InputError(`--rules ${choice}: cannot read it (${systemReason(error)})`);
  }
  let rules: unknown;
  try {
    rules = JSON.parse(text);
  } catch (error) {
    throw new InputError(`--rules ${choice}: not JSON (${(error as Error).message})`);
  }
  if (!Array.isArray(rules)) throw new InputError(`--rules ${choice}: expected a JSON array of rules`);
  const normalised = rules.map((rule: unknown, i) => {
    const r = (rule ?? {}) as Partial<Record<keyof Rule, unknown>>;
    const bad = (what: string) => new InputError(`--rules ${choice}: rule ${i + 1}: ${what}`);
    if (typeof rule !== 'object' || rule === null || Array.isArray(rule)) throw bad('expected an object {"pattern", "flags", "label", "enabled"}');
    if (typeof r.pattern !== 'string') throw bad('"pattern" must be a string');
    if (typeof r.label !== 'string') throw bad('"label" must be a string');
    if (r.flags !== undefined && typeof r.flags !== 'string') throw bad('"flags" must be a string');
    if (r.enabled !== undefined && typeof r.enabled !== 'boolean') throw bad('"enabled" must be true or false');
    return { pattern: r.pattern, flags: r.flags ?? '', label: r.label, enabled: r.enabled ?? true };
  });
  const problems = validateRules(normalised);
  if (problems.length) {
    throw new InputError(`--rules ${choice}: ${problems.map((p) => `rule ${p.index + 1}: ${p.reason}`).join('; ')}`);
  }
  return normalised;
}

/** `default` (LegacyCRM → LLM), `none`, or a comma-separated list of sources to send to the LLM tier. */
export function parseRoutes(choice: string): SourceRoutes {
  if (choice === 'default') return DEFAULT_SOURCE_ROUTES;
  if (choice === 'none') return {};
  return Object.fromEntries(
    choice
      .split(',')
      .map((source) => source.trim())
      .filter(Boolean)
      .map((source) => [source, 'llm' as const]),
  );
}

export function parseNumber(flag: string, value: string | undefined, fallback: number, check: (n: number) => boolean, rule: string): number {
  if (value === undefined) return fallback;
  const number = Number(value);
  if (value.trim() === '' || !Number.isFinite(number) || !check(number)) throw new UsageError(`${flag} must be ${rule}, got "${value}"`);
  return number;
}

export function thresholdsFrom(values: { 'min-samples'?: string; threshold?: string }) {
  return {
    minSamples: parseNumber('--min-samples', values['min-samples'], DEFAULT_THRESHOLDS.minSamples, (n) => Number.isInteger(n) && n >= 0, 'a whole number ≥ 0'),
    confidence: parseNumber('--threshold', values.threshold, DEFAULT_THRESHOLDS.confidence, (n) => n >= 0 && n <= 1, 'a number from 0 to 1'),
  };
}

/** --rules, --routes, --min-samples and --threshold: the bundle settings train and eval share. */
export async function settingsFrom(values: { rules: string; routes: string; 'min-samples'?: string; threshold?: string }) {
  return { rules: await loadRules(values.rules), sourceRoutes: parseRoutes(values.routes), ...thresholdsFrom(values) };
}
