import { describe, expect, it } from 'vitest';
import { compileRules, ruleProblem, validateRules } from '../../src/core/rules.ts';
import type { Rule } from '../../src/core/types.ts';

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
