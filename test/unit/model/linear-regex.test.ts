import fc from 'fast-check';
import { RE2JS } from 're2js';
import { describe, expect, it } from 'vitest';
import { DEFAULT_RULES } from '../../../src/core/rules/default-rules.ts';
import { isLinearOnBacktracking } from '../../../src/core/rules/linear-regex.ts';
import { toRe2Syntax } from '../../../src/core/rules/re2-syntax.ts';

describe('isLinearOnBacktracking', () => {
  it('admits the default rules and other anchored, deterministic patterns', () => {
    for (const rule of DEFAULT_RULES) expect(isLinearOnBacktracking(rule.pattern, rule.flags), rule.pattern).toBe(true);
    for (const pattern of ['^Disk usage [0-9]+%$', '^(ab|cd)e?f$', '^[a-z]+ [a-z]+$', '^error: .+$', '^User\\d{1,6} left$', 'timeout']) {
      expect(isLinearOnBacktracking(pattern, ''), pattern).toBe(true);
    }
  });

  it('refuses classic catastrophic patterns and anything ambiguous', () => {
    for (const pattern of ['^(a+)+$', '^(\\w+\\s?)*$', '^(a|a)*$', '^(a|aa)+$', '^\\d+\\d+$', '^a.*b$', '^[a-z ]+ x$', '^(ab|ac)$', '^.*.*=.*$']) {
      expect(isLinearOnBacktracking(pattern, ''), pattern).toBe(false);
    }
  });

  it('refuses unanchored patterns, multiline mode, lookarounds, backreferences and lazy quantifiers', () => {
    for (const [pattern, flags] of [['a+b', ''], ['^a+b$', 'm'], ['^x(?=y)', ''], ['^(a)\\1$', ''], ['^a+?b$', ''], ['^\\bword$', '']]) {
      expect(isLinearOnBacktracking(pattern, flags), `${pattern} /${flags}`).toBe(false);
    }
  });

  it('tells Unicode spaces from other characters beyond ASCII', () => {
    expect(isLinearOnBacktracking('^\\s*Connection\\s+from\\s+(\\S+)\\s+closed\\s*$', '')).toBe(true);
    expect(isLinearOnBacktracking('^[^ü]+ü$', '')).toBe(false);
    expect(isLinearOnBacktracking('^.+\\s$', '')).toBe(false);
  });

  it('takes case-insensitivity into account', () => {
    expect(isLinearOnBacktracking('^[a-z]+X$', '')).toBe(true);
    expect(isLinearOnBacktracking('^[a-z]+X$', 'i')).toBe(false);
  });

  it('gives the same answers on the native engine and on RE2 (after syntax translation)', () => {
    // Random patterns from a small grammar over a tiny alphabet, where ambiguity is likely.
    const atom = fc.constantFrom('a', 'b', '\\d', '[ab]', '[^a]', '.', '(a|b)', '(ab|c)', '\\s', '\\S', 'é', '[^é ]');
    const quantifier = fc.constantFrom('', '', '*', '+', '?', '{1,2}');
    const pattern = fc
      .array(fc.tuple(atom, quantifier), { minLength: 1, maxLength: 5 })
      .chain((parts) => fc.constantFrom('$', '').map((end) => '^' + parts.map(([a, q]) => a + q).join('') + end));
    fc.assert(
      fc.property(pattern, fc.stringMatching(/^[ab1 é\u00a0\r]{0,12}$/), (source, text) => {
        // Admitted or not, a rule must mean the same on both engines (short texts keep backtracking cheap).
        expect(new RegExp(source).test(text)).toBe(RE2JS.compile(toRe2Syntax(source, '')).test(text));
      }),
      { numRuns: 3000 },
    );
  });
});
