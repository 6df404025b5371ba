/**
 * Rule synthesis: pattern templates (`Backup started at <*>`) become a safe, anchored regular
 * expression for the rules tier, and a preview says what saving a rule would do on the current file.
 *
 * Every regex made here is valid RE2 syntax (no lookarounds, no backreferences), as the rules tier
 * requires, and runs in linear time in the line length the way the rules tier runs it: on the native
 * engine when linear-regex.ts proves it deterministic, otherwise on RE2. By construction:
 * - literals are escaped; tokens are separated by `\s+`; the regex is anchored at both ends
 *   (`^\s*` … `\s*$`); no group is nested in a quantified group;
 * - templateRegex (narrow): a variable that is a whole token is `(\S+)`: it cannot cross
 *   whitespace, so where it ends is fixed by the next `\s+`; a variable inside a token (`uid=<*>`,
 *   `<*>:<*>`) is a negated class up to the next literal character (`([^\s:]+):`), or `(\S+)` at the
 *   end of the token. Deterministic: one way to match, linear on the native engine too;
 * - spanRegex (for values that span spaces and punctuation, like a date-time masked into `<*>.`):
 *   deterministic, a variable before a literal that starts with a non-space runs up to that
 *   literal's first character (`([^\s\.][^\.]*)\.`), before whitespace it is `(\S+)`, and at the end
 *   `(.+?)`; lazy, every variable is `(.+?)` (up to the first place where the rest matches). The lazy
 *   ones are not deterministic, so the rules tier runs them on RE2.
 * synthesizeRuleFor picks the narrowest of these that catches every line of the patterns.
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

const ANCHOR_START = '^\\s*';
const ANCHOR_END = '\\s*$';

/** Strips the anchors templateRegex and spanRegex add. */
function unanchored(source: string): string {
  return source.slice(ANCHOR_START.length, source.length - ANCHOR_END.length);
}

/** The regular expression source for a template, one token per variable (no flags needed). */
export function templateRegex(template: string): string {
  const parts = templateTokens(template).map((token) => {
    if (token === WILDCARD) return '(\\S+)';
    return token.includes(WILDCARD) ? mixedToken(token) : escapeRegex(token);
  });
  return `${ANCHOR_START}${parts.join('\\s+')}${ANCHOR_END}`;
}

/** Escaped inside a character class (both RegExp and RE2 accept an escaped ASCII punctuation mark). */
const ASCII_PUNCTUATION = /[!-/:-@[-`{-~]/;

/**
 * A template's regex where each variable may span spaces and punctuation, for the lines that
 * templateRegex cannot match (see the module comment). One group per `<*>` as slotCount counts them
 * (adjacent ones are one variable).
 */
export function spanRegex(template: string, deterministic = true): string {
  const literal = (text: string) => text.split(/\s+/).map(escapeRegex).join('\\s+');
  const segments = template.trim().replace(/(?:<\*>)+/g, WILDCARD).split(WILDCARD);
  let out = ANCHOR_START + literal(segments[0]);
  for (let i = 1; i < segments.length; i++) {
    const segment = segments[i];
    if (i === segments.length - 1 && segment === '') out += '(.+?)';
    else if (!deterministic) out += '(.+?)';
    else if (/^\s/.test(segment)) out += '(\\S+)';
    else {
      // Starts with a non-space (so the whitespace before it decides where it starts), then runs up to the literal.
      const c = ASCII_PUNCTUATION.test(segment[0]) ? `\\${segment[0]}` : segment[0];
      out += `([^\\s${c}][^${c}]*)`;
    }
    out += literal(segment);
  }
  return out + ANCHOR_END;
}

/** A rule for the rules tier from a pattern's template, one token per variable. */
export function synthesizeRule(template: string, label: string): Rule {
  return { pattern: templateRegex(template), flags: '', label, enabled: true };
}

/** The candidate regexes for a template, narrowest first. */
const CANDIDATES: ((template: string) => string)[] = [(t) => templateRegex(t), (t) => spanRegex(t, true), (t) => spanRegex(t, false)];

/**
 * A rule for the patterns of `templates` (one alternation, anchored once, for several): the
 * narrowest candidate – templateRegex, spanRegex deterministic, spanRegex lazy – that catches every
 * given line of the patterns, else the one that catches most (a preview shows how many). Only
 * candidates the rules tier accepts are considered, and lines are tested the way it runs them.
 */
export function synthesizeRuleFor(templates: string | readonly string[], label: string, lines: readonly string[]): Rule {
  const list = typeof templates === 'string' ? [templates] : templates;
  let best = '';
  let bestCaught = -1;
  const tried = new Set<string>();
  for (const candidate of CANDIDATES) {
    const parts = [...new Set(list.map(candidate))];
    const source = parts.length === 1 ? parts[0] : `${ANCHOR_START}(?:${parts.map(unanchored).join('|')})${ANCHOR_END}`;
    if (tried.has(source)) continue;
    tried.add(source);
    // A stand-in label: the label does not change what a rule matches, and may not be chosen yet.
    const rule: Rule = { pattern: source, flags: '', label: 'pattern', enabled: true };
    if (ruleProblem(rule) !== null) continue;
    const compiled = compileRules([rule]);
    let caught = 0;
    for (const line of lines) if (compiled.match(line) !== null) caught++;
    if (caught > bestCaught) {
      best = source;
      bestCaught = caught;
    }
    if (caught === lines.length) break;
  }
  return { pattern: best || templateRegex(list[0] ?? ''), flags: '', label, enabled: true };
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
  /** The pattern(s) the rule was made from. */
  targets?: ReadonlySet<number> | number;
  /** The rules already saved, in order; the new rule would go last. */
  rules?: readonly Rule[];
  /** Stop after this many lines (default: all). */
  limit?: number;
}

/**
 * What saving `rule` would do on the current file: counts, other patterns caught, conflicts. Every
 * rule – the new one too – runs the way the rules tier runs it (linear time: a hand-edited rule on
 * untrusted lines cannot stall the caller).
 */
export function previewRule(rule: Rule, input: PreviewInput): RulePreview {
  const targets = typeof input.targets === 'number' ? new Set([input.targets]) : (input.targets ?? new Set<number>());
  const n = Math.min(input.lines.length, input.limit ?? Infinity);
  const patternOf = (i: number) => (input.assignments ? input.assignments[i] : -1);
  const preview: RulePreview = { problem: ruleProblem(rule), matches: 0, targetMatches: 0, targetLines: 0, otherPatterns: [], conflicts: [] };
  for (let i = 0; i < n; i++) if (targets.has(patternOf(i))) preview.targetLines++;
  if (preview.problem) return preview;
  const compiled = compileRules([{ ...rule, enabled: true }]);
  const existing = (input.rules ?? [])
    .map((r, index) => ({ rule: r, index }))
    .filter(({ rule: r }) => r.enabled && ruleProblem(r) === null)
    .map(({ rule: r, index }) => ({ rule: r, index, compiled: compileRules([r]), lines: 0, firstMatch: 0 }));
  const others = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const line = input.lines[i];
    if (compiled.match(line) === null) continue;
    preview.matches++;
    const pattern = patternOf(i);
    if (targets.has(pattern)) preview.targetMatches++;
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
    .map((e) => ({ index: e.index, rule: { ...e.rule }, lines: e.lines, shadows: e.firstMatch > 0, sameLabel: e.rule.label === rule.label }));
  return preview;
}
