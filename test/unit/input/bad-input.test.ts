/** Hostile and broken files: each ends in a clear message, and no readable row is lost. */
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { Classifier } from '../../../src/core/classifier.ts';
import { InputError } from '../../../src/core/errors.ts';
import { runClassification, type InputSource } from '../../../src/core/run.ts';
import { UNCLASSIFIED } from '../../../src/core/types.ts';
import { smallBundle } from '../../helpers/fixtures.ts';

async function classify(input: InputSource) {
  let output = '';
  const summary = await runClassification({
    input,
    kind: 'csv',
    classifier: new Classifier(await smallBundle()),
    explain: false,
    onOutput: (text) => void (output += text),
  });
  return { summary, rows: Papa.parse<string[]>(output, { skipEmptyLines: true }).data };
}

describe('bad input', () => {
  it('an empty file is refused, a header-only file gives a header-only result', async () => {
    await expect(classify(new Blob([]))).rejects.toThrow(InputError);
    const { summary, rows } = await classify('timestamp,log_message\n');
    expect(summary.rows).toBe(0);
    expect(rows).toEqual([['timestamp', 'log_message', 'target_label']]);
  });

  it('names the row whose bytes are not valid UTF-8, and keeps it', async () => {
    const bytes = new Uint8Array([...new TextEncoder().encode('log_message\nok line\nbad \xff'), 0xff, 0xfe, 0x0a, ...new TextEncoder().encode('after\n')]);
    const { summary, rows } = await classify(new Blob([bytes]));
    expect(rows).toHaveLength(4);
    expect(summary.warnings.map((w) => w.row)).toContain(2);
    expect(summary.warnings.find((w) => w.row === 2)?.message).toMatch(/not valid text/);
  });

  it('classifies a 5 MB single-line message', async () => {
    const huge = 'disk usage high on node7 '.repeat(210_000);
    const { rows } = await classify(`log_message\n"${huge}"\nBackup completed successfully.\n`);
    expect(rows).toHaveLength(3);
    expect(rows[1][0]).toHaveLength(huge.length);
    expect(rows[2][1]).not.toBe(UNCLASSIFIED);
  });

  it('reads the first of repeated column names, keeps all, and says so', async () => {
    const { summary, rows } = await classify('log_message,source,log_message\nfirst,A,second\n');
    expect(rows[1]).toEqual(['first', 'A', 'second', expect.any(String)]);
    expect(summary.warnings[0]).toEqual({ row: 0, message: expect.stringMatching(/repeat: log_message/) });
  });

  it('keeps rows with too many or too few fields in the header’s columns, with a warning each', async () => {
    const { summary, rows } = await classify('log_message,source\nshort\nlong,A,extra,more\nfine,B\n');
    // Every row has the header's columns and target_label after them: a short row padded, a long
    // one's extra fields kept, as written, in its last column.
    expect(rows.map((row) => row.length)).toEqual([3, 3, 3, 3]);
    expect(rows.slice(1).map((row) => row.slice(0, 2))).toEqual([['short', ''], ['long', 'A,extra,more'], ['fine', 'B']]);
    expect(summary.warnings.map((w) => w.row)).toEqual([1, 2]);
    expect(summary.warnings[1].message).toMatch(/has 4 fields, the header has 2; .* in its last column \(source\)/);
  });

  it('refuses a binary file renamed .csv', async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]);
    await expect(classify(new Blob([png]))).rejects.toThrow(/binary/);
  });
});
