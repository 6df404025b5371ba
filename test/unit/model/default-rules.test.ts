import { describe, it, expect } from 'vitest';
import { DEFAULT_RULES } from '../../../src/core/rules/default-rules.ts';
import { compileRules, validateRules } from '../../../src/core/rules/rules.ts';
import { generateTemplatedLogs, LABELS } from '../../../src/core/generate/generator.ts';

const compiled = compileRules(DEFAULT_RULES);

interface RuleScore {
  fixedRows: number;
  fixedCaught: number;
  otherCaught: number;
  wrongLabel: string[];
  rows: number;
}

/** Runs the rules over generated rows, as tier 1 would: first enabled match wins. */
function scoreRules(rows: number, seed: string): RuleScore {
  const score: RuleScore = { fixedRows: 0, fixedCaught: 0, otherCaught: 0, wrongLabel: [], rows };
  for (const { log, template } of generateTemplatedLogs({ rows, seed })) {
    const label = compiled.match(log.log_message);
    if (template.fixed) score.fixedRows++;
    if (label === null) continue;
    if (label !== log.target_label) score.wrongLabel.push(`${log.log_message} → ${label}, is ${log.target_label}`);
    if (template.fixed) score.fixedCaught++;
    else score.otherCaught++;
  }
  return score;
}

describe('DEFAULT_RULES', () => {
  it('are valid, enabled, and use only known labels', () => {
    expect(validateRules(DEFAULT_RULES)).toEqual([]);
    for (const rule of DEFAULT_RULES) {
      expect(rule.enabled).toBe(true);
      expect(LABELS).toContain(rule.label);
    }
  });

  it('are anchored and free of nested quantifiers (linear-time matching)', () => {
    // A quantified group that itself holds a quantifier, e.g. (a+)+ or (\w+\s?)*.
    const nestedQuantifier = /\([^()]*[+*}][^()]*\)[+*?{]/;
    for (const { pattern } of DEFAULT_RULES) {
      expect(pattern, pattern).toMatch(/^\^.*\$$/);
      expect(pattern, pattern).not.toMatch(nestedQuantifier);
    }
  });

  it('label the frequent fixed messages as expected', () => {
    const expected: [string, string][] = [
      ['User User123 logged in.', 'User Action'],
      ['User User77 logged out.', 'User Action'],
      ['Account with ID 491200 created by User165.', 'User Action'],
      ['Backup completed successfully.', 'System Notification'],
      ['Backup started at 2025-03-14 02:00:00.', 'System Notification'],
      ['Backup ended at 2025-03-14 02:41:09.', 'System Notification'],
      ['System updated to version 4.2.1.', 'System Notification'],
      ['Disk cleanup completed successfully.', 'System Notification'],
      ['File report_2291.csv uploaded successfully by user User12.', 'System Notification'],
      ['System reboot initiated by user User604.', 'System Notification'],
    ];
    for (const [message, label] of expected) expect(compiled.match(message), message).toBe(label);
  });

  it('leave near misses alone', () => {
    for (const message of [
      'User User123 logged in',
      'user User123 logged in.',
      'Backup completed successfully. Again.',
      'Multiple failed login attempts for user User1 from 10.0.0.1',
      'User User5 updated profile settings',
    ]) {
      expect(compiled.match(message), message).toBeNull();
    }
  });

  for (const seed of ['rules-a', 'rules-b']) {
    it(`never give a wrong label and catch the fixed messages (seed ${seed})`, () => {
      const score = scoreRules(200_000, seed);
      expect(score.wrongLabel.slice(0, 10)).toEqual([]);
      expect(score.fixedCaught / score.fixedRows).toBeGreaterThanOrEqual(0.95);
      // The varied phrasings are the model tier's job: the rules leave them alone.
      expect(score.otherCaught).toBe(0);
    });
  }

  it('each catch at least one generated row (no dead rules)', () => {
    const caught = new Set<string>();
    const regexes = DEFAULT_RULES.map((rule) => new RegExp(rule.pattern, rule.flags));
    for (const { log } of generateTemplatedLogs({ rows: 20_000, seed: 'dead-rules' })) {
      regexes.forEach((regex, index) => {
        if (regex.test(log.log_message)) caught.add(DEFAULT_RULES[index]!.pattern);
      });
    }
    expect(DEFAULT_RULES.filter((rule) => !caught.has(rule.pattern)).map((rule) => rule.pattern)).toEqual([]);
  });
});
