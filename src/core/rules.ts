/** Tier 1: ordered regex rules over the raw message; the first enabled match wins. */
import type { Rule } from './types.ts';

const ALLOWED_FLAGS = /^[imsu]*$/;

/** Why a rule cannot be saved, or null when it is fine. */
export function ruleProblem(rule: Rule): string | null {
  if (typeof rule.label !== 'string' || rule.label.trim() === '') return 'the rule has no label';
  if (typeof rule.pattern !== 'string' || rule.pattern === '') return 'the pattern is empty';
  if (typeof rule.flags !== 'string' || !ALLOWED_FLAGS.test(rule.flags)) {
    return `flags "${rule.flags}" are not allowed (use any of i, m, s, u)`;
  }
  if (new Set(rule.flags).size !== rule.flags.length) return `flags "${rule.flags}" repeat a flag`;
  try {
    new RegExp(rule.pattern, rule.flags);
  } catch (error) {
    return `invalid pattern: ${(error as Error).message}`;
  }
  if (new RegExp(rule.pattern, rule.flags).test('')) return 'the pattern matches an empty message, so it would match everything';
  return null;
}

/** Every problem in a rule list, by position; an empty list means the rules can be saved. */
export function validateRules(rules: Rule[]): { index: number; reason: string }[] {
  const problems: { index: number; reason: string }[] = [];
  rules.forEach((rule, index) => {
    const reason = ruleProblem(rule);
    if (reason) problems.push({ index, reason });
  });
  return problems;
}

export interface CompiledRules {
  /** The label of the first enabled rule that matches, or null. */
  match(message: string): string | null;
}

/** Compiles the enabled rules; throws on an invalid one, so validate before saving. */
export function compileRules(rules: Rule[]): CompiledRules {
  const compiled = rules
    .filter((rule) => rule.enabled)
    .map((rule) => {
      const reason = ruleProblem(rule);
      if (reason) throw new Error(`Rule /${rule.pattern}/ → ${rule.label}: ${reason}`);
      // 'g' and 'y' are excluded by validation, so test() carries no lastIndex state.
      return { regex: new RegExp(rule.pattern, rule.flags), label: rule.label };
    });
  return {
    match(message) {
      for (const rule of compiled) if (rule.regex.test(message)) return rule.label;
      return null;
    },
  };
}
