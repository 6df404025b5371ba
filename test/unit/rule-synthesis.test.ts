import { describe, expect, it } from 'vitest';
import { minePatterns } from '../../src/core/patterns.ts';
import { compileRules, ruleProblem } from '../../src/core/rules.ts';
import { escapeRegex, previewRule, synthesizeRule, synthesizeRuleFor, templateRegex } from '../../src/core/rule-synthesis.ts';
import type { Rule } from '../../src/core/types.ts';

const file = [
  'Backup started at 02:00:01',
  'Backup started at 03:15:44',
  'Backup finished at 03:20:00 with 2 errors',
  'Connection from 10.0.0.1 closed',
  'Connection from 10.0.0.2 closed',
  'session opened for user alice by (uid=0)',
  'session opened for user bob by (uid=1000)',
  'Backup started at 04:00:00 by cron',
];

describe('synthesizeRule', () => {
  it('matches exactly the lines of its pattern', async () => {
    const result = await minePatterns(file);
    result.patterns.forEach((pattern, index) => {
      const rule = synthesizeRule(pattern.template, 'Ops');
      expect(ruleProblem(rule)).toBeNull();
      const regex = new RegExp(rule.pattern, rule.flags);
      file.forEach((line, i) => expect(regex.test(line), `${pattern.template} vs ${line}`).toBe(result.assignments[i] === index));
    });
  });

  it('is anchored, escapes literals, and keeps variables inside tokens bounded', () => {
    const source = templateRegex('cost $<*> (uid=<*>) [x.y]* <*>:<*> done?');
    expect(source.startsWith('^') && source.endsWith('$')).toBe(true);
    const regex = new RegExp(source);
    expect(regex.test('cost $12 (uid=0) [x.y]* 10.0.0.1:22 done?')).toBe(true);
    expect(regex.test('cost $12 (uid=0) [xzy]* 10.0.0.1:22 done?')).toBe(false);
    expect(regex.test('cost $12 (uid=0) [x.y]* 10.0.0.1:22 done? extra')).toBe(false);
    expect(regex.test('cost $1 2 (uid=0) [x.y]* a:b done?')).toBe(false);
    expect(escapeRegex('a.b*c(d)/e')).toBe('a\\.b\\*c\\(d\\)\\/e');
  });

  it('uses a wide form only when the pattern needs it (variables spanning words)', () => {
    const template = '<*> close, <*> sent, <*> received';
    const lines = ['a.com:80 close, 1256 bytes (1.22 KB) sent, 0 bytes received', 'b.org:443 close, 5 bytes sent, 7 bytes received'];
    const narrow = synthesizeRuleFor(template, 'Net', lines.slice(1).map((l) => l.replace(/(\d+) bytes/g, '$1')));
    expect(narrow.pattern).toBe(templateRegex(template));
    const wide = synthesizeRuleFor(template, 'Net', lines);
    expect(wide.pattern).toBe(templateRegex(template, { wide: true }));
    for (const line of lines) expect(new RegExp(wide.pattern).test(line)).toBe(true);
    expect(new RegExp(wide.pattern).test('a.com:80 close, 12 sent, 5 bytes')).toBe(false);
  });

  it('runs in linear time on adversarial input (no nested quantifiers)', () => {
    for (const options of [{}, { wide: true }]) {
      const source = templateRegex('<*> a <*> a <*> a <*> b', options);
      // No quantified group contains another quantifier outside a lookahead.
      expect(source).not.toMatch(/\((?:[^()]|\([^()]*\))*[+*]\)[+*]/);
      const regex = new RegExp(source);
      // Classic blow-up input for ambiguous patterns: many separators, no final literal.
      const evil = 'x ' + 'a '.repeat(20_000) + 'c';
      expect(regex.test(evil)).toBe(false);
    }
  });
});

describe('previewRule', () => {
  it('counts matches, the target pattern, other patterns caught, and conflicts with existing rules', async () => {
    const result = await minePatterns(file);
    const target = result.patterns.findIndex((p) => p.template === 'Backup started at <*>');
    const rule = synthesizeRule('Backup started at <*>', 'Backup');
    const existing: Rule[] = [
      { pattern: '^Backup', flags: '', label: 'Ops', enabled: true },
      { pattern: 'closed$', flags: '', label: 'Net', enabled: true },
      { pattern: 'started', flags: '', label: 'Backup', enabled: false },
    ];
    const preview = previewRule(rule, { lines: file, assignments: result.assignments, target, rules: existing });
    expect(preview).toMatchObject({ problem: null, matches: 2, targetMatches: 2, targetLines: 2, otherPatterns: [] });
    expect(preview.conflicts).toEqual([{ index: 0, rule: existing[0], lines: 2, shadows: true, sameLabel: false }]);

    // A hand-widened rule catches another pattern's lines, and the preview says which.
    const broad: Rule = { pattern: '^Backup (?:started|finished) at (\\S+)', flags: '', label: 'Backup', enabled: true };
    const broadPreview = previewRule(broad, { lines: file, assignments: result.assignments, target });
    expect(broadPreview.matches).toBe(4);
    const caught = broadPreview.otherPatterns.map((o) => result.patterns[o.index].template).sort();
    expect(caught).toEqual(['Backup finished at <*> with <*> errors', 'Backup started at <*> by cron']);
  });

  it('refuses an invalid rule with the reason', () => {
    const preview = previewRule({ pattern: '(', flags: '', label: 'X', enabled: true }, { lines: file });
    expect(preview.problem).toMatch(/invalid pattern/);
    expect(preview.matches).toBe(0);
  });

  it('gives rules that the rules tier runs as they are', () => {
    const rules = compileRules([synthesizeRule('Connection from <*> closed', 'Net')]);
    expect(rules.match('Connection from 10.9.9.9 closed')).toBe('Net');
    expect(rules.match('Connection from 10.9.9.9 closed early')).toBeNull();
  });
});
