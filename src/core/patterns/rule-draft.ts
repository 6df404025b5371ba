/**
 * Rules and discovered patterns, pure: which enabled rule already labels a pattern, and a rule
 * drafted from patterns (synthesised from their templates, or the user's own regex) with its
 * preview over the session's lines – what it matches, which other patterns it would catch, which
 * rules it conflicts with.
 */
import { previewRule, synthesizeRuleFor } from '../rules/rule-synthesis.ts';
import { compileRules, ruleProblem } from '../rules/rules.ts';
import type { Rule } from '../types.ts';
import type { Pattern } from './miner.ts';
import { allLinesWithPatterns, linesOf, patternIndex, type PatternSession } from './session.ts';

/**
 * Per pattern, the first enabled rule that matches all of its example lines: the list marks the
 * patterns a saved rule now labels without mining again.
 */
export function coveringRules(patterns: readonly Pattern[], rules: readonly Rule[]): ({ index: number; label: string } | null)[] {
  const usable = rules
    .map((rule, index) => ({ rule, index }))
    .filter(({ rule }) => rule.enabled && ruleProblem(rule) === null)
    .map(({ rule, index }) => ({ index, label: rule.label, compiled: compileRules([rule]) }));
  if (usable.length === 0) return patterns.map(() => null);
  return patterns.map((p) => {
    const examples = p.examples.filter((e) => /\S/.test(e));
    if (examples.length === 0) return null;
    const hit = usable.find((r) => examples.every((e) => r.compiled.match(e) !== null));
    return hit ? { index: hit.index, label: hit.label } : null;
  });
}

/**
 * A rule for the patterns `ids` (the user's `pattern`, else one synthesised from their templates)
 * and its preview against `rules`, the rules of the bundle in use.
 */
export function draftPatternRule(s: PatternSession<unknown>, ids: readonly string[], label: string, pattern: string | undefined, rules: Rule[]) {
  const unique = [...new Set(ids)];
  if (unique.length === 0) throw new Error('Select a pattern to make a rule from.');
  const indices = new Set(unique.map((id) => patternIndex(s, id)));
  const patterns = s.miner.patterns();
  const chosen = [...indices].map((i) => patterns[i]);
  const { lines: own } = linesOf(s, indices);
  const rule: Rule =
    pattern !== undefined && pattern.trim() !== ''
      ? { pattern, flags: '', label: label.trim(), enabled: true }
      : synthesizeRuleFor([...new Set(chosen.flatMap((p) => p.variants))], label.trim(), own);
  const { lines, assignments, basis } = allLinesWithPatterns(s);
  // Counted with a stand-in label until one is chosen, so the preview shows before the label.
  const preview = previewRule(rule.label ? rule : { ...rule, label: '?' }, { lines, assignments, targets: indices, rules });
  const problem = label.trim() === '' ? 'Choose a label for the rule.' : preview.problem;
  const otherPatterns = preview.otherPatterns.map((o) => ({ id: patterns[o.index].id, template: patterns[o.index].template, lines: o.lines }));
  const { targetMatches, targetLines } = preview;
  return {
    rule,
    problem,
    matches: preview.matches,
    targetMatches,
    targetLines,
    otherPatterns,
    conflicts: preview.conflicts,
    literals: preview.literals,
    basis,
    linesChecked: lines.length,
  };
}
