/**
 * Rule synthesis: a pattern template (`Backup started at <*>`) becomes a safe, anchored regular
 * expression for the rules tier, and a preview says what saving it would do on the current file.
 *
 * Safety by construction (no catastrophic backtracking, linear in the line length):
 * - literals are escaped; tokens are separated by `\s+`; the regex is anchored at both ends;
 * - a variable that is a whole token is `(\S+)`: it cannot cross whitespace, so where it ends is
 *   fixed by the next `\s+`;
 * - a variable inside a token (`uid=<*>`, `<*>:<*>`) is a negated class up to the next literal
 *   character (`([^\s:]+):`), or `(\S+)` at the end of the token;
 * - in `wide` mode (for variables that span spaces, like `1256 bytes (1.22 KB)`), a run of
 *   variable tokens is one group that cannot run past the next literal token
 *   (`((?:(?!\s+sent(?:\s|$)).)+)`), or `(.+)` at the end: each group has one possible end.
 * No group is nested in a quantified group.
 */
import { compileRules, ruleProblem } from './rules.ts';
import type { Rule } from './types.ts';
import { WILDCARD } from './patterns/masking.ts';
import { templateTokens } from './patterns/template.ts';

export function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

function escapeClassChar(char: string): string {
  return /[\]\\^-]/.test(char) ? `\\${char}` : char;
}

/** A token that holds `<*>` among literal characters: each variable stops at the next literal. */
function mixedToken(token: string): string {
  // Adjacent variables are one variable; so every variable but the last is followed by a literal.
  const parts = token.replace(/(?:<\*>)+/g, WILDCARD).split(WILDCARD);
  let out = '';
  parts.forEach((literal, i) => {
    if (i > 0) out += literal === '' ? '(\\S+)' : `([^\\s${escapeClassChar(literal[0])}]+)`;
    out += escapeRegex(literal);
  });
  return out;
}

export interface SynthesisOptions {
  /** Variables may span several words (see the module comment). Default false. */
  wide?: boolean;
}

/** The regular expression source for a template (no flags needed). */
export function templateRegex(template: string, options: SynthesisOptions = {}): string {
  const tokens = templateTokens(template);
  const parts: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (token !== WILDCARD) {
      parts.push(token.includes(WILDCARD) ? mixedToken(token) : escapeRegex(token));
      continue;
    }
    if (!options.wide) {
      parts.push('(\\S+)');
      continue;
    }
    // A run of variable tokens is one group, bounded by the next literal token.
    let j = i;
    while (j + 1 < tokens.length && tokens[j + 1] === WILDCARD) j++;
    const next = tokens[j + 1];
    if (next === undefined) parts.push('(.+)');
    else if (next.includes(WILDCARD)) parts.push('(\\S+)');
    else parts.push(`((?:(?!\\s+${escapeRegex(next)}(?:\\s|$)).)+)`);
    i = j;
  }
  return `^\\s*${parts.join('\\s+')}\\s*$`;
}

/** A rule for the rules tier from a pattern's template. */
export function synthesizeRule(template: string, label: string, options: SynthesisOptions = {}): Rule {
  return { pattern: templateRegex(template, options), flags: '', label, enabled: true };
}

/**
 * The narrow rule when it matches every given line of the pattern, else the wide one: the
 * narrowest rule that still catches the pattern's own lines.
 */
export function synthesizeRuleFor(template: string, label: string, patternLines: readonly string[]): Rule {
  const narrow = synthesizeRule(template, label);
  const regex = new RegExp(narrow.pattern);
  return patternLines.every((line) => regex.test(line)) ? narrow : synthesizeRule(template, label, { wide: true });
}

export interface RuleConflict {
  /** Position of the existing rule in its list. */
  index: number;
  rule: Rule;
  /** Lines both rules match. */
  lines: number;
  /** The existing rule comes first, so it labels these lines and the new rule never sees them. */
  shadows: boolean;
  sameLabel: boolean;
}

export interface RulePreview {
  /** Why the rule cannot be saved, or null. */
  problem: string | null;
  /** Lines of the file the rule matches. */
  matches: number;
  /** Lines of the target pattern it matches, and the target's size. */
  targetMatches: number;
  targetLines: number;
  /** Other patterns whose lines it catches, most lines first. */
  otherPatterns: { index: number; lines: number }[];
  /** Existing enabled rules that match some of the same lines. */
  conflicts: RuleConflict[];
}

export interface PreviewInput {
  /** The lines of the current file. */
  lines: readonly string[];
  /** Per line, its pattern index (as from minePatterns), -1 for none. */
  assignments?: ArrayLike<number>;
  /** The pattern the rule was made from. */
  target?: number;
  /** The rules already saved, in order; the new rule would go last. */
  rules?: readonly Rule[];
  /** Stop after this many lines (default: all). */
  limit?: number;
}

/** What saving `rule` would do on the current file: counts, other patterns caught, conflicts. */
export function previewRule(rule: Rule, input: PreviewInput): RulePreview {
  const problem = ruleProblem(rule);
  const preview: RulePreview = { problem, matches: 0, targetMatches: 0, targetLines: 0, otherPatterns: [], conflicts: [] };
  if (problem) return preview;
  const regex = new RegExp(rule.pattern, rule.flags);
  const existing = (input.rules ?? [])
    .map((r, index) => ({ rule: r, index }))
    .filter(({ rule: r }) => r.enabled && ruleProblem(r) === null)
    .map(({ rule: r, index }) => ({ rule: r, index, compiled: compileRules([r]), lines: 0, firstMatch: 0 }));
  const others = new Map<number, number>();
  const n = Math.min(input.lines.length, input.limit ?? Infinity);
  for (let i = 0; i < n; i++) {
    const line = input.lines[i];
    const pattern = input.assignments ? input.assignments[i] : -1;
    if (pattern === input.target && input.target !== undefined) preview.targetLines++;
    if (!regex.test(line)) continue;
    preview.matches++;
    if (input.target !== undefined && pattern === input.target) preview.targetMatches++;
    else if (pattern >= 0) others.set(pattern, (others.get(pattern) ?? 0) + 1);
    let first = true;
    for (const e of existing) {
      if (e.compiled.match(line) !== null) {
        e.lines++;
        if (first) e.firstMatch++;
        first = false;
      }
    }
  }
  preview.otherPatterns = [...others].map(([index, lines]) => ({ index, lines })).sort((a, b) => b.lines - a.lines);
  preview.conflicts = existing
    .filter((e) => e.lines > 0)
    .map((e) => ({ index: e.index, rule: e.rule, lines: e.lines, shadows: e.firstMatch > 0, sameLabel: e.rule.label === rule.label }));
  return preview;
}
