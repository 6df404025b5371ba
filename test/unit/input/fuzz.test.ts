/**
 * Property tests: whatever the bytes and whatever the rules, a run either refuses the file with
 * a readable InputError or returns every row, in order, with its fields intact.
 */
import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { Classifier } from '../../../src/core/classifier.ts';
import { csvLine } from '../../../src/core/csv/format.ts';
import { InputError } from '../../../src/core/errors.ts';
import { validateRules } from '../../../src/core/rules/rules.ts';
import { runClassification } from '../../../src/core/run.ts';
import type { Rule } from '../../../src/core/types.ts';
import { smallBundle } from '../../helpers/fixtures.ts';

const cellText = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.constantFrom('', ' ', '"', '""', ',', '\n', '\r\n', ';', '\t', '=1+1', '<script>alert(1)</script>', 'ünï©ødé', '\u{1F600}'),
);

const rulePattern = fc.oneof(
  fc.constantFrom('^User', 'timeout', '(a+)+$', '[', '^(?=x)', '\\d{2,}', 'error|fail', '.*', '^$', 'ü+'),
  fc.string({ maxLength: 8 }),
);
const rules = fc.array(
  fc.record({ pattern: rulePattern, flags: fc.constantFrom('', 'i', 'g', 'm'), label: fc.constantFrom('A', 'B', ''), enabled: fc.boolean() }),
  { maxLength: 5 },
);

async function run(input: string | Blob, ruleSet: Rule[]) {
  const bundle = await smallBundle();
  const valid = ruleSet.filter((_, i) => !validateRules(ruleSet).some((p) => p.index === i));
  let output = '';
  const summary = await runClassification({
    input,
    kind: 'csv',
    classifier: new Classifier({ ...bundle, rules: valid }),
    explain: true,
    onOutput: (text) => void (output += text),
  });
  return { summary, rows: Papa.parse<string[]>(output).data.filter((row) => row.length > 1) };
}

describe('fuzz: no row is lost, reordered or altered', () => {
  it('keeps every row of any well-formed CSV, under any rule set', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 2, max: 4 }).chain((width) =>
          fc.tuple(fc.constant(width), fc.array(fc.array(cellText, { minLength: width, maxLength: width }), { maxLength: 25 })),
        ),
        rules,
        async ([width, data], ruleSet) => {
          const header = ['log_message', ...Array.from({ length: width - 1 }, (_, i) => `c${i}`)];
          const { summary, rows } = await run(csvLine(header) + data.map((row) => csvLine(row)).join(''), ruleSet);
          expect(summary.rows).toBe(data.length);
          expect(rows).toHaveLength(data.length + 1);
          data.forEach((fields, i) => expect(rows[i + 1].slice(0, width)).toEqual(fields));
        },
      ),
      { numRuns: 150 },
    );
  });

  it('either refuses random bytes with a readable error or accounts for every parsed row', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 400 }), rules, async (bytes, ruleSet) => {
        const withHeader = new Blob([new TextEncoder().encode('log_message,source\n'), bytes]);
        for (const input of [new Blob([bytes]), withHeader]) {
          try {
            const { summary, rows } = await run(input, ruleSet);
            expect(Object.values(summary.byTier).reduce((a, b) => a + b, 0)).toBe(summary.rows);
            expect(rows).toHaveLength(summary.rows + 1);
          } catch (error) {
            expect(error).toBeInstanceOf(InputError);
            expect((error as Error).message.length).toBeGreaterThan(10);
          }
        }
      }),
      { numRuns: 150 },
    );
  });
});
