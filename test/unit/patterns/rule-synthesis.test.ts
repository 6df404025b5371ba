import { describe, expect, it } from 'vitest';
import { minePatterns, valueDistributions } from '../../../src/core/patterns/index.ts';
import { compileRules, ruleProblem } from '../../../src/core/rules/rules.ts';
import {
  escapeRegex,
  lineRegex,
  literalRegex,
  literalValues,
  METHOD_CLASS,
  MONTH_CLASS,
  MONTH_NAME_CLASS,
  previewRule,
  spanRegex,
  synthesizeRule,
  synthesizeRuleFor,
  templateRegex,
  WEEKDAY_CLASS,
} from '../../../src/core/rules/rule-synthesis.ts';
import type { Rule } from '../../../src/core/types.ts';

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

  it('uses spanning variables only when the pattern needs them (values with spaces)', () => {
    const template = '<*> close, <*> sent, <*> received';
    const lines = ['a.com:80 close, 1256 bytes (1.22 KB) sent, 0 bytes received', 'b.org:443 close, 5 bytes sent, 7 bytes received'];
    const narrow = synthesizeRuleFor(template, 'Net', lines.slice(1).map((l) => l.replace(/(\d+) bytes/g, '$1')));
    expect(narrow).toEqual({ pattern: templateRegex(template), flags: '', label: 'Net', enabled: true });
    const wide = synthesizeRuleFor(template, 'Net', lines);
    expect(ruleProblem(wide)).toBeNull();
    const rules = compileRules([wide]);
    for (const line of lines) expect(rules.match(line)).toBe('Net');
    expect(rules.match('a.com:80 close, 12 sent, 5 bytes')).toBeNull();
  });

  it('runs in linear time on adversarial input (no nested quantifiers)', () => {
    const template = '<*> a <*> a <*> a <*> b';
    // Classic blow-up input for ambiguous patterns: many separators, no final literal.
    const evil = 'x ' + 'a '.repeat(20_000) + 'c';
    for (const source of [templateRegex(template), spanRegex(template, true), spanRegex(template, false)]) {
      // No quantified group contains another quantifier.
      expect(source).not.toMatch(/\((?:[^()]|\([^()]*\))*[+*]\)[+*]/);
      // As the rules tier runs it (native only when proven linear, else RE2).
      expect(compileRules([{ pattern: source, flags: '', label: 'x', enabled: true }]).match(evil)).toBeNull();
    }
    // The one-token and deterministic ones are linear on the native engine too.
    for (const source of [templateRegex(template), spanRegex(template, true)]) expect(new RegExp(source).test(evil)).toBe(false);
  });
});

describe('synthesizeRuleFor', () => {
  it('uses one-token variables when they catch every line, and spanning ones when a value has spaces', () => {
    const connection = synthesizeRuleFor(['Connection from <*> closed'], 'Net', ['Connection from 10.0.0.1 closed']);
    expect(connection.pattern).toBe('^\\s*Connection\\s+from\\s+(\\S+)\\s+closed\\s*$');
    const dated = synthesizeRuleFor('Backup started at <*>.', 'Backup', ['Backup started at 2025-03-01 00:00:31.']);
    // The date and the time are each one variable, as the line writes them.
    expect(dated.pattern).toBe('^\\s*Backup\\s+started\\s+at\\s+(\\S+)\\s+(\\S+)\\.\\s*$');
    expect(compileRules([dated]).match('Backup started at 2025-03-01 00:00:31.')).toBe('Backup');
    expect(new RegExp(dated.pattern).exec('Backup started at 2025-03-01 00:00:31.')!.slice(1)).toEqual(['2025-03-01', '00:00:31']);
    expect(new RegExp(dated.pattern).test('Backup started at 2025-03-01 00:00:31. again')).toBe(false);
    const ips = synthesizeRuleFor(['Blocked <*>.'], 'Net', ['Blocked 10.0.0.1 and 10.0.0.2.']);
    // A value that holds the next literal's first character: one variable per word of the line.
    expect(ips.pattern).toBe('^\\s*Blocked\\s+(\\S+)\\s+(\\S+)\\s+(\\S+)\\.\\s*$');
    const two = spanRegex('Copied <*> to <*> in <*>', false);
    expect(new RegExp(two).exec('Copied a b to c d in 3 ms')!.slice(1)).toEqual(['a b', 'c d', '3 ms']);
    // Every candidate is valid for the rules tier (RE2 syntax: no lookarounds).
    for (const t of ['Backup started at <*>.', 'Copied <*> to <*> in <*>', '<*> - - [<*>/Mar/<*>] "<*> <*> HTTP/<*>" <*>', 'a[<*>]^-\\<*>', 'x <*>[y', 'x <*>:[y', 'x <*>/y <*>-z <*>]w', 'x <*>“y']) {
      for (const source of [spanRegex(t, true), spanRegex(t, false)]) expect(ruleProblem({ pattern: source, flags: '', label: 'x', enabled: true })).toBeNull();
    }
    // Several templates: one alternation, anchored once.
    const both = synthesizeRuleFor(['Backup started at <*>', 'Backup ended at <*>'], 'Backup', ['Backup started at 1', 'Backup ended at 2']);
    expect(both).toEqual({ pattern: '^\\s*(?:Backup\\s+started\\s+at\\s+(\\S+)|Backup\\s+ended\\s+at\\s+(\\S+))\\s*$', flags: '', label: 'Backup', enabled: true });
    // The label may not be chosen yet: the rule is still synthesized.
    expect(synthesizeRuleFor('Backup started at <*>.', '', ['Backup started at 2025-03-01 00:00:31.']).pattern).toBe(dated.pattern);
  });

  it('reads values with spanning variables where the one-token regex misses the lines', () => {
    const values = valueDistributions('took <*>=<*>', ['took 86 bytes=1749', 'took 12 bytes=3', 'took 12 bytes=4'], { top: 8 });
    expect(values.map((v) => [v.total, v.top[0]])).toEqual([
      [3, { value: '12 bytes', count: 2 }],
      [3, { value: '1749', count: 1 }],
    ]);
    expect(values[1].numeric).toEqual({ min: 3, max: 1749 });
    // Lines read either way count together.
    const [at] = valueDistributions('Backup started at <*>.', ['Backup started at 02:00:01.', 'Backup started at 2025-03-01 00:00:31.']);
    expect(at.top.map((v) => v.value).sort()).toEqual(['02:00:01', '2025-03-01 00:00:31']);
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
    const preview = previewRule(rule, { lines: file, assignments: result.assignments, targets: target, rules: existing });
    expect(preview).toMatchObject({ problem: null, matches: 2, targetMatches: 2, targetLines: 2, otherPatterns: [] });
    expect(preview.conflicts).toEqual([{ index: 0, rule: existing[0], lines: 2, shadows: true, sameLabel: false }]);

    // A hand-widened rule catches another pattern's lines, and the preview says which.
    const broad: Rule = { pattern: '^Backup (?:started|finished) at (\\S+)', flags: '', label: 'Backup', enabled: true };
    const broadPreview = previewRule(broad, { lines: file, assignments: result.assignments, targets: target });
    expect(broadPreview.matches).toBe(4);
    const caught = broadPreview.otherPatterns.map((o) => result.patterns[o.index].template).sort();
    expect(caught).toEqual(['Backup finished at <*> with <*> errors', 'Backup started at <*> by cron']);

    // Several target patterns: a rule made from two templates.
    const targets = new Set(['Backup started at <*>', 'Backup started at <*> by cron'].map((t) => result.patterns.findIndex((p) => p.template === t)));
    const pair = synthesizeRuleFor(['Backup started at <*>', 'Backup started at <*> by cron'], 'Backup', file.filter((l) => l.startsWith('Backup started')));
    expect(pair.pattern).toBe('^\\s*(?:Backup\\s+started\\s+at\\s+(\\S+)|Backup\\s+started\\s+at\\s+(\\S+)\\s+by\\s+cron)\\s*$');
    const pairPreview = previewRule(pair, { lines: file, assignments: result.assignments, targets, rules: existing });
    expect(pairPreview).toMatchObject({ problem: null, matches: 3, targetMatches: 3, targetLines: 3, otherPatterns: [] });
    expect(pairPreview.conflicts).toEqual([{ index: 0, rule: existing[0], lines: 3, shadows: true, sameLabel: false }]);
    expect(previewRule(pair, { lines: file, assignments: result.assignments, targets, limit: 2 })).toMatchObject({ matches: 2, targetLines: 2 });
  });

  it('refuses an invalid rule with the reason', () => {
    const preview = previewRule({ pattern: '(', flags: '', label: 'X', enabled: true }, { lines: file, assignments: [0, 0, 1], targets: 0 });
    expect(preview.problem).toMatch(/invalid pattern/);
    expect(preview).toMatchObject({ matches: 0, targetMatches: 0, targetLines: 2 });
    // Lookarounds are not RE2 syntax, so the rules tier cannot run them.
    expect(previewRule({ pattern: '^a(?!b)', flags: '', label: 'X', enabled: true }, { lines: file }).problem).toMatch(/RE2/);
  });

  it('gives rules that the rules tier runs as they are', () => {
    const rules = compileRules([synthesizeRule('Connection from <*> closed', 'Net')]);
    expect(rules.match('Connection from 10.9.9.9 closed')).toBe('Net');
    expect(rules.match('Connection from 10.9.9.9 closed early')).toBeNull();
  });
});

describe('rules that generalise', () => {
  // Access-log lines of one day in March, with the six methods a small service answers.
  const methods = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD'];
  const access = Array.from(
    { length: 36 },
    (_, i) => `10.1.${i % 5}.${i + 1} - - [${String(10 + (i % 9)).padStart(2, '0')}/Mar/2025:08:${String(10 + i).padStart(2, '0')}:07 +0000] "${methods[i % 6]} /orders/${100 + i} HTTP/1.1" ${[200, 201, 404][i % 3]} ${300 + i * 11}`,
  );
  const timings = Array.from({ length: 12 }, (_, i) => `request done duration_ms=${3 + i * 7} bytes=${40 + i * 13} status=ok`);

  async function ruleFor(lines: string[], pick: (template: string) => boolean) {
    const result = await minePatterns(lines);
    const index = result.patterns.findIndex((p) => pick(p.template));
    expect(index, result.patterns.map((p) => p.template).join('\n')).toBeGreaterThanOrEqual(0);
    const own = lines.filter((_, i) => result.assignments[i] === index);
    return { rule: synthesizeRuleFor(result.patterns[index].variants, 'Web', own), own };
  }

  it('widens the month and the HTTP method to their class, and catches lines of another month and method', async () => {
    const { rule, own } = await ruleFor(access, (t) => t.includes('HTTP/'));
    expect(own.length).toBe(access.length);
    expect(rule.pattern).not.toMatch(/\/Mar\\\//);
    expect(rule.pattern).toContain(MONTH_CLASS);
    expect(rule.pattern).toContain(METHOD_CLASS);
    expect(rule.pattern).not.toMatch(/GET\|POST\|PUT\|DELETE\|PATCH\|HEAD\)/);
    const rules = compileRules([rule]);
    for (const line of access) expect(rules.match(line)).toBe('Web');
    expect(rules.match('10.9.9.9 - - [02/Dec/2026:23:59:59 +0000] "OPTIONS /orders/7 HTTP/1.1" 500 12')).toBe('Web');
    // Still tied to the shape: not any line.
    expect(rules.match('10.9.9.9 - - [02/Dec/2026:23:59:59 +0000] "OPTIONS /orders/7 HTTP/1.1" 500')).toBeNull();
    expect(previewRule(rule, { lines: access }).literals).toEqual([]);
  });

  it('keeps the key of a key=value and the words every line writes, and makes the values variables', async () => {
    const { rule } = await ruleFor(timings, (t) => t.includes('duration_ms'));
    expect(rule.pattern).toBe('^\\s*request\\s+done\\s+duration_ms=(\\S+)\\s+bytes=(\\S+)\\s+status=ok\\s*$');
    expect(compileRules([rule]).match('request done duration_ms=99999 bytes=1 status=ok')).toBe('Web');
    // A literal word swallowed into a variable is kept: other keys are not caught.
    expect(compileRules([rule]).match('request done duration_ms=5 retries=1 status=ok')).toBeNull();
  });

  it('makes a variable of values that vary in the file even where the template kept a literal', () => {
    const lines = ['job 7 took 12 s', 'job 7 took 30 s', 'job 9 took 4 s'];
    const source = lineRegex(['job <*> took <*> s'], lines)!;
    expect(source).toBe('^\\s*job\\s+(\\S+)\\s+took\\s+(\\S+)\\s+s\\s*$');
    // Two shapes: one alternative each.
    const two = lineRegex(['Backup started at <*>', 'Backup started at <*> by cron'], ['Backup started at 1', 'Backup started at 2 by cron']);
    expect(two).toBe('^\\s*(?:Backup\\s+started\\s+at\\s+(\\S+)|Backup\\s+started\\s+at\\s+(\\S+)\\s+by\\s+cron)\\s*$');
    expect(literalRegex('[Tue/Mar/MAR/March/May]')).toBe(`\\[${WEEKDAY_CLASS}\\/${MONTH_CLASS}\\/${MONTH_CLASS.toUpperCase()}\\/${MONTH_NAME_CLASS}\\/${MONTH_CLASS}\\]`);
    // Words that only look like one stay literal.
    expect(literalRegex('mar-get')).toBe('mar-get');
  });

  it('names the literal values a hand-edited rule is tied to in the preview', () => {
    const edited: Rule = { pattern: '^\\S+ - - \\[\\d{2}\\/Mar\\/2025\\S* "(?:GET|POST) \\/orders\\/\\d+ HTTP\\/1\\.1" 404 \\d+$', flags: '', label: 'Web', enabled: true };
    const preview = previewRule(edited, { lines: access });
    expect(preview.literals).toEqual([
      { kind: 'month', text: 'Mar' },
      { kind: 'number', text: '2025' },
      { kind: 'method', text: 'GET' },
      { kind: 'method', text: 'POST' },
      { kind: 'number', text: '1.1' },
      { kind: 'number', text: '404' },
    ]);
    expect(preview.matches).toBe(access.filter((l) => / 404 /.test(l) && /"(GET|POST) /.test(l)).length);
    expect(literalValues(`^${WEEKDAY_CLASS} ${METHOD_CLASS} (\\S+)$`)).toEqual([]);
  });
});

describe('rules from a pattern whose template has a run of variables', () => {
  it('match every line of the pattern, whatever number of tokens the run took', async () => {
    const hosts = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf', 'hotel', 'india', 'juliet'];
    const lines = Array.from({ length: 30 }, (_, i) => `Removed hosts ${hosts.slice(i % 10, (i % 10) + 1 + (i % 3)).join(' ')} from pool ${i}`);
    const { patterns } = await minePatterns(lines);
    expect(patterns.map((p) => p.template)).toEqual(['Removed hosts <*> from pool <*>']);
    for (const templates of [patterns[0].variants, [patterns[0].template]]) {
      const rules = compileRules([synthesizeRuleFor(templates, 'Pool', lines)]);
      expect(lines.filter((line) => rules.match(line) !== 'Pool')).toEqual([]);
    }
  });
});

