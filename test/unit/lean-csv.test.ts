/**
 * The pool workers' CSV reader (src/core/scale/lean-csv.ts) must read every row exactly as
 * papaparse does – same rows, same message and source cells, same field counts, blank rows
 * skipped the same way – or refuse the chunk (null) so that papaparse reads it. It must not
 * refuse well-formed CSV, or the fast path would never run.
 */
import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { readLeanRows } from '../../src/core/scale/lean-csv.ts';
import { isBlank } from '../../src/core/types.ts';

interface LowLevelParser {
  parse(input: string, baseIndex: number, ignoreLastRow: boolean): Papa.ParseResult<string[]>;
}
const LowLevel = (Papa as unknown as { Parser: new (config: Papa.ParseConfig) => LowLevelParser }).Parser;

/** What papaparse reads: every raw row (blank ones too), as parseChunkRows calls it. */
function papaRows(text: string, newline: string): string[][] {
  return new LowLevel({ delimiter: ',', newline: newline as '\n', quoteChar: '"' }).parse(text, 0, false).data;
}

/** Checks a non-null lean reading against papaparse's. */
function expectSameAsPapaparse(text: string, newline: string, messageIndex: number, sourceIndex: number): boolean {
  const lean = readLeanRows(text, ',', newline, messageIndex, sourceIndex);
  if (lean === null) return false;
  const raw = papaRows(text, newline);
  expect(lean.rawCount).toBe(raw.length);
  const kept = raw.map((row, index) => ({ row, index })).filter(({ row }) => !(row.length === 1 && isBlank(row[0])));
  expect(lean.count).toBe(kept.length);
  kept.forEach(({ row, index }, i) => {
    expect(lean.rawIndex[i]).toBe(index);
    expect(lean.fieldCounts[i]).toBe(row.length);
    expect(lean.messages[i]).toBe(row[messageIndex] ?? '');
    expect(lean.sources[i]).toBe(sourceIndex >= 0 ? (row[sourceIndex] ?? '') : '');
    // The row's own text reads back as the same fields (how a row that must be formatted is read).
    expect(papaRows(text.slice(lean.textStarts[i], lean.textEnds[i]), newline)[0]).toEqual(row);
    // The pre-screen may flag more rows than need it, never fewer.
    if (row.some((cell) => /^[=+\-@\t\r]/.test(cell))) expect(lean.formulaLike[i]).toBe(1);
  });
  return true;
}

const quote = (v: string) => (/[",\r\n]/.test(v) || v.startsWith(' ') ? `"${v.replace(/"/g, '""')}"` : v);
const cell = fc.oneof(
  fc.constantFrom('', 'a', 'User User12 logged in.', 'x"y', 'two\nlines', 'cr\r\nlf', ' spaced ', 'é ü', '=1+1', '-5', '"quoted"', '\t'),
  fc.string({ maxLength: 10 }),
);

describe('the lean CSV reader', () => {
  it('reads well-formed CSV exactly as papaparse does, and never refuses it', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(cell, { minLength: 1, maxLength: 5 }), { minLength: 0, maxLength: 25 }),
        fc.constantFrom('\n', '\r\n'),
        fc.boolean(),
        fc.integer({ min: 0, max: 4 }),
        fc.integer({ min: -1, max: 4 }),
        (rows, newline, finalNewline, messageIndex, sourceIndex) => {
          const text = rows.map((r) => r.map(quote).join(',')).join(newline) + (finalNewline && rows.length ? newline : '');
          expect(expectSameAsPapaparse(text, newline, messageIndex, sourceIndex)).toBe(true);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('on arbitrary text either agrees with papaparse or refuses the chunk', () => {
    let read = 0;
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('a', 'b', ',', '"', '\n', '\r', ' ', '=', 'é'), { maxLength: 40 }).map((chars) => chars.join('')),
        fc.constantFrom('\n', '\r\n'),
        (text, newline) => {
          if (expectSameAsPapaparse(text, newline, 1, 0)) read++;
        },
      ),
      { numRuns: 1000 },
    );
    // Most such texts have no malformed quote: the reader must have taken a good share of them.
    expect(read).toBeGreaterThan(300);
  });

  it('refuses the malformed quoting papaparse reports', () => {
    expect(readLeanRows('a,"unclosed\nb,c\n', ',', '\n', 1, 0)).toBeNull();
    expect(readLeanRows('a,"closed"then text\n', ',', '\n', 1, 0)).toBeNull();
    expect(readLeanRows('a,"ok"\n', ',', '\n', 1, 0)?.messages).toEqual(['ok']);
  });

  it('keeps escaped quotes and newlines inside quoted messages', () => {
    const lean = readLeanRows('src,"He said ""hi""\nthen left"\r\nsrc2,plain\r\n', ',', '\r\n', 1, 0)!;
    expect(lean.messages).toEqual(['He said "hi"\nthen left', 'plain']);
    expect(lean.sources).toEqual(['src', 'src2']);
    expect(lean.rawCount).toBe(3);
  });
});
