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
 * - lineRegex (tried first): read from the pattern's lines as well as its template, so that the
 *   rule is not tied to what one file holds: values that vary are variables, words the template
 *   swallowed into a variable but every line writes are kept, keys of `key=value` are kept.
 * Everywhere, month and weekday names and HTTP methods are widened to their class (`Mar` becomes
 * any month): one file's month or methods are not the only ones its source writes. literalValues
 * names the literal values a (hand-edited) rule is still tied to, for the preview's warning.
 * synthesizeRuleFor picks the first of these, narrowest first, that catches every line of the patterns.
 */
import { compileRules, ruleProblem } from './rules.ts';
import type { Rule } from '../types.ts';
import { WILDCARD } from '../patterns/masking.ts';
import { templateTokens } from '../patterns/template.ts';

export function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

function escapeClassChar(char: string): string {
  return /[\]\\^-]/.test(char) ? `\\${char}` : char;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS', 'CONNECT', 'TRACE'];

/** The classes a literal word is widened to: the word seen in one file is rarely the only one the source writes. */
export const MONTH_CLASS = `(?:${MONTHS.map((m) => m.slice(0, 3)).join('|')})`;
export const MONTH_NAME_CLASS = `(?:${MONTHS.join('|')})`;
export const WEEKDAY_CLASS = `(?:${WEEKDAYS.map((d) => d.slice(0, 3)).join('|')})`;
export const WEEKDAY_NAME_CLASS = `(?:${WEEKDAYS.join('|')})`;
export const METHOD_CLASS = `(?:${HTTP_METHODS.join('|')})`;

const capitalised = (word: string) => word.charAt(0).toUpperCase() + word.slice(1).toLowerCase();

/** The class a literal word stands for (a month, a weekday, an HTTP method), or null when it is an ordinary word. */
function wordClass(word: string): string | null {
  if (HTTP_METHODS.includes(word)) return METHOD_CLASS;
  // Only the forms logs write: `Mar`, `MAR`, `March` – not `mar` inside a sentence.
  if (word !== capitalised(word) && word !== word.toUpperCase()) return null;
  const name = capitalised(word);
  if (word.length === 3 && MONTHS.some((m) => m.startsWith(name))) return word === name ? MONTH_CLASS : MONTH_CLASS.toUpperCase();
  if (word.length === 3 && WEEKDAYS.some((d) => d.startsWith(name))) return word === name ? WEEKDAY_CLASS : WEEKDAY_CLASS.toUpperCase();
  if (word === name && MONTHS.includes(name) && name !== 'May') return MONTH_NAME_CLASS;
  if (word === name && WEEKDAYS.includes(name)) return WEEKDAY_NAME_CLASS;
  return null;
}

/** Words (letters, digits, `_`, and `.` between them) and the single characters between them. */
const WORDS = /[\p{L}\p{N}_]+(?:\.[\p{L}\p{N}_]+)*|[^]/gu;

/** A literal text (no whitespace) as a regex: escaped, with month, weekday and method words widened to their class. */
export function literalRegex(text: string): string {
  return (text.match(WORDS) ?? []).map((w) => wordClass(w) ?? escapeRegex(w)).join('');
}

/** A token that holds `<*>` among literal characters: each variable stops at the next literal. */
function mixedToken(token: string): string {
  // Adjacent variables are one variable; so every variable but the last is followed by a literal.
  const parts = token.replace(/(?:<\*>)+/g, WILDCARD).split(WILDCARD);
  let out = '';
  parts.forEach((literal, i) => {
    if (i > 0) out += literal === '' ? '(\\S+)' : `([^\\s${escapeClassChar(literal[0])}]+)`;
    out += literalRegex(literal);
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
    return token.includes(WILDCARD) ? mixedToken(token) : literalRegex(token);
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
  const literal = (text: string) => text.split(/\s+/).map(literalRegex).join('\\s+');
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

/** A line cut into whitespace-separated tokens; per character, whether it lies in a value of the template's variables. */
interface ReadLine {
  /** The template that read it. */
  template: number;
  tokens: { text: string; variable: boolean[] }[];
}

/** Reads a line with a template's spanning regex; null when the template does not match it. */
function readLine(line: string, templates: readonly { regex: RegExp; template: number }[]): ReadLine | null {
  // The template that leaves the fewest characters to its variables reads the line best
  // (`Backup started at <*>` also matches a line of `Backup started at <*> by cron`).
  let variable: boolean[] | null = null;
  let template = -1;
  let fewest = Infinity;
  for (const { regex, template: index } of templates) {
    const match = regex.exec(line) as (RegExpExecArray & { indices?: [number, number][] }) | null;
    if (!match?.indices) continue;
    const marks = new Array<boolean>(line.length).fill(false);
    let count = 0;
    for (let g = 1; g < match.indices.length; g++) {
      const span = match.indices[g];
      if (span) for (let i = span[0]; i < span[1]; i++) marks[i] = true;
      if (span) count += span[1] - span[0];
    }
    if (count < fewest) {
      fewest = count;
      variable = marks;
      template = index;
    }
  }
  if (variable) {
    const tokens: ReadLine['tokens'] = [];
    for (const m of line.matchAll(/\S+/g)) tokens.push({ text: m[0], variable: variable.slice(m.index, m.index + m[0].length) });
    return { template, tokens };
  }
  return null;
}

/** The regex for one token position, from the values the lines have there. */
function positionRegex(values: readonly ReadLine['tokens'][number][]): string {
  const first = values[0].text;
  if (values.every((v) => v.text === first) && !values.some((v) => v.variable.some(Boolean))) return literalRegex(first);
  const split = values.map((v) => {
    const words: { text: string; variable: boolean }[] = [];
    let at = 0;
    for (const w of v.text.match(WORDS) ?? []) {
      words.push({ text: w, variable: v.variable.slice(at, at + w.length).some(Boolean) });
      at += w.length;
    }
    return words;
  });
  const isSeparator = (w: string) => !/^[\p{L}\p{N}_]/u.test(w);
  const aligned = split.every((s) => s.length === split[0].length && s.every((w, i) => isSeparator(w.text) === isSeparator(split[0][i].text) && (!isSeparator(w.text) || w.text === split[0][i].text)));
  if (!aligned) {
    // Different shapes: one variable, keeping the key of a key=value that all share.
    const key = /^[^=\s]+=/.exec(first)?.[0];
    return key && values.every((v) => v.text.startsWith(key) && !v.variable.slice(0, key.length).some(Boolean)) ? `${literalRegex(key)}(\\S+)` : '(\\S+)';
  }
  const kinds = split[0].map((w, i) => {
    if (isSeparator(w.text)) return { literal: w.text, separator: true };
    const same = split.every((s) => s[i].text === w.text);
    const fromVariable = split.some((s) => s[i].variable);
    // A word that the template holds as a variable stays one unless every line has the same word
    // without digits (a constant word the template swallowed, like `bytes` in `12 bytes=5`).
    const constant = same && (!fromVariable || (values.length > 1 && !/\d/.test(w.text)));
    if (constant) return { literal: w.text, separator: false };
    // Months, weekdays or methods that differ between lines: their class, not any word.
    const cls = wordClass(w.text);
    return cls && split.every((s) => wordClass(s[i].text) === cls) ? { literal: w.text, separator: false } : null;
  });
  const wordAt = split[0].map((w) => !isSeparator(w.text));
  if (kinds.every((kind, i) => !wordAt[i] || kind === null)) {
    // Every word varies: one variable for the token, with the punctuation around it (`(<*>)`, `<*>.`).
    const firstWord = wordAt.indexOf(true);
    const lastWord = wordAt.lastIndexOf(true);
    const prefix = split[0].slice(0, firstWord).map((w) => w.text).join('');
    const suffix = split[0].slice(lastWord + 1).map((w) => w.text).join('');
    const variable = suffix && suffix[0] !== '.' ? `([^\\s${escapeClassChar(suffix[0])}]+)` : '(\\S+)';
    return escapeRegex(prefix) + variable + escapeRegex(suffix);
  }
  let out = '';
  kinds.forEach((kind, i) => {
    if (kind) {
      out += kind.separator ? escapeRegex(kind.literal) : literalRegex(kind.literal);
      return;
    }
    if (i > 0 && kinds[i - 1] === null) return;
    const next = kinds.slice(i + 1).find((k) => k !== null);
    // A `.` may be part of the value (`1.5.`), so that variable runs to the end of the token.
    out += next && next.literal[0] !== '.' ? `([^\\s${escapeClassChar(next.literal[0])}]+)` : '(\\S+)';
  });
  return out;
}

/** Lines read to build a rule; the rule is then checked on all of them. */
const READ_LIMIT = 2000;
/** Longer lines are left to the template-only candidates (the spanning regex is not linear). */
const READ_LINE_LIMIT = 4000;
/** Longest line read with the lazy spanning regex. */
const LAZY_LINE_LIMIT = 300;
/** More token counts than this: the lines are not one shape, so the template-only candidates are used. */
const MAX_SHAPES = 4;

/**
 * A regex built from the template(s) and the lines themselves, one token per position: a position
 * whose value varies among the lines, or that the template holds as a variable, is a variable; a
 * word the template swallowed into a variable that every line writes the same (and has no digit)
 * is kept as a literal; the key of a `key=value` is kept; month, weekday and method words are
 * widened to their class. Null when the lines cannot be read this way.
 */
export function lineRegex(templates: readonly string[], lines: readonly string[]): string | null {
  const regexes: { regex: RegExp; template: number }[] = [];
  const lazy: { regex: RegExp; template: number }[] = [];
  for (const [template, t] of templates.entries()) {
    for (const [source, list] of [
      [spanRegex(t, true), regexes],
      [spanRegex(t, false), lazy],
    ] as const) {
      try {
        list.push({ regex: new RegExp(source, 'd'), template });
      } catch {
        // Not a JavaScript regex: that template is read by the other candidates only.
      }
    }
  }
  // Lines of one template and one token count are one shape; different templates stay apart.
  const byShape = new Map<string, ReadLine['tokens'][]>();
  let read = 0;
  for (const line of lines) {
    if (read >= READ_LIMIT) break;
    if (line.length > READ_LINE_LIMIT || !/\S/.test(line)) continue;
    // The lazy reading backtracks (polynomially in the line's length), so only short lines get it.
    const r = readLine(line, regexes) ?? (line.length <= LAZY_LINE_LIMIT ? readLine(line, lazy) : null);
    if (!r) return null;
    read++;
    const shape = `${r.template} ${r.tokens.length}`;
    const list = byShape.get(shape) ?? [];
    list.push(r.tokens);
    byShape.set(shape, list);
    if (byShape.size > MAX_SHAPES * Math.max(1, templates.length)) return null;
  }
  if (byShape.size === 0) return null;
  const parts = [...byShape.keys()]
    .sort((a, b) => Number(a.split(' ')[0]) - Number(b.split(' ')[0]) || Number(a.split(' ')[1]) - Number(b.split(' ')[1]))
    .map((shape) => {
      const group = byShape.get(shape)!;
      return Array.from({ length: group[0].length }, (_, i) => positionRegex(group.map((tokens) => tokens[i]))).join('\\s+');
    });
  const unique = [...new Set(parts)];
  return unique.length === 1 ? `${ANCHOR_START}${unique[0]}${ANCHOR_END}` : `${ANCHOR_START}(?:${unique.join('|')})${ANCHOR_END}`;
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
  const fromLines = lineRegex(list, lines);
  const sources = CANDIDATES.map((candidate) => {
    const parts = [...new Set(list.map(candidate))];
    return parts.length === 1 ? parts[0] : `${ANCHOR_START}(?:${parts.map(unanchored).join('|')})${ANCHOR_END}`;
  });
  for (const source of fromLines ? [fromLines, ...sources] : sources) {
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

export interface LiteralValue {
  kind: 'month' | 'weekday' | 'method' | 'number';
  /** As written in the rule. */
  text: string;
}

/** Regex syntax that is not a literal: classes, escapes of classes, and the classes this module writes. */
const NOT_LITERAL = new RegExp(
  [MONTH_NAME_CLASS, MONTH_CLASS, MONTH_CLASS.toUpperCase(), WEEKDAY_NAME_CLASS, WEEKDAY_CLASS, WEEKDAY_CLASS.toUpperCase(), METHOD_CLASS]
    .map((c) => c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'))
    .concat(['\\[(?:\\\\.|[^\\]\\\\])*\\]', '\\\\[sSdDwWbB]', '\\{\\d+(?:,\\d*)?\\}'])
    .join('|'),
  'g',
);

/**
 * The literal values a rule is tied to: month and weekday names, HTTP methods and numbers written
 * as they are, which lines of another day, request or count would not have.
 */
export function literalValues(pattern: string): LiteralValue[] {
  // Unescaped, with classes and quantifier counts replaced by a space so that words around them stay apart.
  const text = pattern.replace(NOT_LITERAL, ' ').replace(/\\(.)/g, '$1');
  const found = new Map<string, LiteralValue>();
  for (const m of text.matchAll(/[\p{L}\p{N}_]+(?:\.[\p{N}]+)*/gu)) {
    const word = m[0];
    let kind: LiteralValue['kind'] | null = null;
    if (/^\d+(?:\.\d+)*$/.test(word)) kind = 'number';
    else if (HTTP_METHODS.includes(word)) kind = 'method';
    else {
      const c = wordClass(word);
      if (c === MONTH_CLASS || c === MONTH_CLASS.toUpperCase() || c === MONTH_NAME_CLASS) kind = 'month';
      else if (c) kind = 'weekday';
    }
    if (kind && !found.has(word)) found.set(word, { kind, text: word });
  }
  return [...found.values()];
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
  /** Literal values the rule is tied to (a month, a method, a number): lines with other values are missed. */
  literals: LiteralValue[];
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
  const preview: RulePreview = { problem: ruleProblem(rule), matches: 0, targetMatches: 0, targetLines: 0, otherPatterns: [], conflicts: [], literals: [] };
  for (let i = 0; i < n; i++) if (targets.has(patternOf(i))) preview.targetLines++;
  if (preview.problem) return preview;
  preview.literals = literalValues(rule.pattern);
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
