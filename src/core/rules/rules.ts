/**
 * Tier 1: ordered regex rules over the raw message; the first enabled match wins.
 *
 * Rules are user-written and log text is untrusted, so no rule may take more than linear time:
 * a rule runs on the fast native RegExp engine only when linear-regex.ts proves it linear there,
 * otherwise on RE2 (re2js), which is linear by construction. Every rule must therefore also be
 * valid RE2 syntax (no lookarounds, no backreferences); the two engines agree on that syntax.
 */
import { RE2JS } from 're2js';
import { isLinearOnBacktracking } from './linear-regex.ts';
import { toRe2Syntax } from './re2-syntax.ts';
import type { Rule } from '../types.ts';

const ALLOWED_FLAGS = /^[imsu]*$/;

export type RuleEngine = 'native' | 're2';

/** A regex that runs in time linear in the text, on whichever engine guarantees it. */
export interface LinearRegex {
  engine: RuleEngine;
  test(text: string): boolean;
  /** The match and its groups (index 0 is the whole match), or null. */
  exec(text: string): ArrayLike<string | undefined> | null;
}

interface CompiledRule {
  label: string;
  regex: LinearRegex;
}

function re2Flags(flags: string): number {
  let bits = 0;
  if (flags.includes('i')) bits |= RE2JS.CASE_INSENSITIVE;
  if (flags.includes('m')) bits |= RE2JS.MULTILINE;
  if (flags.includes('s')) bits |= RE2JS.DOTALL;
  return bits;
}

/** Compiles a pattern on the engine that keeps it linear; throws on syntax either engine refuses. */
export function compileLinear(pattern: string, flags: string): LinearRegex {
  const native = new RegExp(pattern, flags);
  const re2 = RE2JS.compile(toRe2Syntax(pattern, flags), re2Flags(flags));
  if (isLinearOnBacktracking(pattern, flags)) {
    return { engine: 'native', test: (text) => native.test(text), exec: (text) => native.exec(text) };
  }
  return { engine: 're2', test: (text) => re2.test(text), exec: (text) => re2.exec(text) };
}

function compileRule(rule: Rule): CompiledRule {
  return { label: rule.label, regex: compileLinear(rule.pattern, rule.flags) };
}

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
  let compiled: CompiledRule;
  try {
    compiled = compileRule(rule);
  } catch (error) {
    return `not supported by the linear-time rule engine (RE2 syntax: no lookarounds or backreferences): ${(error as Error).message}`;
  }
  if (compiled.regex.test('')) return 'the pattern matches an empty message, so it would match everything';
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

/** Which engine runs a valid rule: shown to users who wonder why a rule is slower. */
export function ruleEngine(rule: Rule): RuleEngine {
  return compileRule(rule).regex.engine;
}

export interface CompiledRules {
  /** The label of the first enabled rule that matches, or null. */
  match(message: string): string | null;
}

const SPECIAL = new Set('\\.[](){}*+?|^$');
const QUANTIFIERS = new Set('*?{');

/**
 * The character code a match must start with, for a rule anchored at the start by a plain
 * character (`^User …`), or null when the rule could start otherwise. A message that starts with
 * anything else is not tested against the rule at all: most lines a rules tier sees match none
 * of its rules, and a character comparison is much cheaper than a regex call.
 */
export function requiredFirstChar(pattern: string, flags: string): number | null {
  if (pattern[0] !== '^' || flags.includes('m') || pattern.length < 2 || hasTopLevelAlternative(pattern)) return null;
  const first = pattern[1];
  if (SPECIAL.has(first) || QUANTIFIERS.has(pattern[2] ?? '') || first.charCodeAt(0) > 127) return null;
  // Case-insensitive: only a character without case (RE2 folds k and s with non-ASCII letters).
  if (flags.includes('i') && first.toLowerCase() !== first.toUpperCase()) return null;
  return first.charCodeAt(0);
}

/** Whether `|` splits the whole pattern (`^a|b` may match at any position), outside groups and classes. */
function hasTopLevelAlternative(pattern: string): boolean {
  let depth = 0;
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') i++;
    else if (inClass) inClass = c !== ']';
    else if (c === '[') inClass = true;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) return true;
  }
  return false;
}

/** Compiles the enabled rules; throws on an invalid one, so validate before saving. */
export function compileRules(rules: Rule[]): CompiledRules {
  const compiled = rules
    .filter((rule) => rule.enabled)
    .map((rule) => {
      const reason = ruleProblem(rule);
      if (reason) throw new Error(`Rule /${rule.pattern}/ → ${rule.label}: ${reason}`);
      return { ...compileRule(rule), first: requiredFirstChar(rule.pattern, rule.flags) ?? -1 };
    });
  return {
    match(message) {
      const c = message.charCodeAt(0);
      for (const rule of compiled) {
        if (rule.first >= 0 && c !== rule.first) continue;
        if (rule.regex.test(message)) return rule.label;
      }
      return null;
    },
  };
}
