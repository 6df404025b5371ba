import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileLinear, compileRules, requiredFirstChar, ruleEngine, ruleProblem, validateRules } from '../../../src/core/rules/rules.ts';
import type { Rule } from '../../../src/core/types.ts';

const rule = (pattern: string, label: string, extra: Partial<Rule> = {}): Rule => ({ pattern, flags: '', label, enabled: true, ...extra });

describe('rules', () => {
  it('lets the first enabled matching rule win', () => {
    const rules = compileRules([
      rule('^Backup', 'Disabled', { enabled: false }),
      rule('^Backup completed', 'System Notification'),
      rule('Backup', 'Other'),
    ]);
    expect(rules.match('Backup completed successfully.')).toBe('System Notification');
    expect(rules.match('Nightly Backup started')).toBe('Other');
    expect(rules.match('nothing here')).toBeNull();
  });

  it('skips a rule by its first character only where the rule could not match', () => {
    expect(requiredFirstChar('^User \\d+', '')).toBe('U'.charCodeAt(0));
    for (const [pattern, flags] of [['^a|b', ''], ['^a?b', ''], ['^(x)', ''], ['^User', 'i'], ['^User', 'm'], ['User', ''], ['^\\d', '']]) {
      expect(requiredFirstChar(pattern, flags)).toBeNull();
    }
    // The same answers as trying every rule in order, whatever the rules and the message.
    const piece = fc.constantFrom('a', 'b', 'A', 'k', '1', ' ', '|', '(a|b)', '[ab|]', '\\|', '\\d', '.', '*', '?', '+', '{2}', '^', '$');
    // Mostly anchored patterns, the ones the shortcut is for.
    const pattern = fc.tuple(fc.constantFrom('^', '^', ''), fc.array(piece, { minLength: 1, maxLength: 6 })).map(([anchor, p]) => anchor + p.join(''));
    const someRule = fc.record({ pattern, flags: fc.constantFrom('', 'i', 'm', 'u', 'is') });
    fc.assert(
      fc.property(fc.array(someRule, { minLength: 1, maxLength: 5 }), fc.array(fc.string({ maxLength: 8 }), { maxLength: 6 }), (candidates, messages) => {
        const valid = candidates.map((r, i) => rule(r.pattern, `L${i}`, { flags: r.flags })).filter((r) => ruleProblem(r) === null);
        const compiled = compileRules(valid);
        const each = valid.map((r) => ({ label: r.label, regex: compileLinear(r.pattern, r.flags) }));
        for (const message of [...messages, 'a', 'ab', 'ba', 'Ab', 'K', '\u212A', '|b']) {
          expect(compiled.match(message)).toBe(each.find((r) => r.regex.test(message))?.label ?? null);
        }
      }),
      { numRuns: 1500 },
    );
  });

  it('honours flags', () => {
    expect(compileRules([rule('^user \\w+ logged in', 'User Action', { flags: 'i' })]).match('User Bob logged in')).toBe('User Action');
  });

  it('refuses an invalid pattern with the reason', () => {
    const problems = validateRules([rule('ok', 'A'), rule('(unclosed', 'B'), rule('x', '')]);
    expect(problems.map((p) => p.index)).toEqual([1, 2]);
    expect(problems[0].reason).toMatch(/invalid pattern/i);
    expect(problems[1].reason).toMatch(/no label/);
  });

  it('refuses stateful or unknown flags and patterns that match everything', () => {
    expect(ruleProblem(rule('x', 'A', { flags: 'g' }))).toMatch(/not allowed/);
    expect(ruleProblem(rule('x', 'A', { flags: 'ii' }))).toMatch(/repeat/);
    expect(ruleProblem(rule('.*', 'A'))).toMatch(/empty message/);
  });
});

describe('rules cannot hang on hostile input', () => {
  const hostile = 'a'.repeat(200_000) + '!';

  it('runs classic catastrophic-backtracking patterns in linear time (RE2)', () => {
    const patterns = ['^(a+)+$', '^(a|a)+$', '^(a|aa)+$', '(x+x+)+y', '^(\\w+\\s?)+$', '^.*.*.*=.*$'];
    for (const pattern of patterns) {
      expect(ruleEngine(rule(pattern, 'Evil')), pattern).toBe('re2');
      // With a backtracking engine any of these would not finish on this input.
      expect(compileRules([rule(pattern, 'Evil')]).match(hostile)).toBeNull();
    }
  });

  it('keeps proven-linear rules on the native engine', () => {
    expect(ruleEngine(rule('^User User\\d+ logged (in|out)\\.$', 'User Action'))).toBe('native');
    expect(ruleEngine(rule('timeout', 'Error'))).toBe('native');
  });

  it('refuses syntax the linear-time engine cannot run, with the reason', () => {
    expect(ruleProblem(rule('^(?=a)b', 'A'))).toMatch(/linear-time rule engine/);
    expect(ruleProblem(rule('^(a)\\1$', 'A'))).toMatch(/linear-time rule engine/);
  });
});
