import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { Classifier } from '../../../src/core/classifier.ts';
import { InputError } from '../../../src/core/errors.ts';
import { runClassification } from '../../../src/core/run.ts';
import type { RunSummary } from '../../../src/core/run-report.ts';
import { UNCLASSIFIED } from '../../../src/core/types.ts';
import { labelledRows, smallBundle } from '../../helpers/fixtures.ts';

async function classify(input: string, options: { explain?: boolean; kind?: 'csv' | 'text'; signal?: AbortSignal } = {}) {
  let output = '';
  const bundle = await smallBundle();
  const classifier = new Classifier({ ...bundle, rules: [{ pattern: '^Backup completed successfully\\.$', flags: '', label: 'System Notification', enabled: true }] });
  const summary: RunSummary = await runClassification({
    input,
    kind: options.kind ?? 'csv',
    classifier,
    explain: options.explain ?? false,
    signal: options.signal,
    onOutput: (text) => {
      output += text;
    },
  });
  const parsed = Papa.parse<string[]>(output, { skipEmptyLines: true }).data;
  return { summary, header: parsed[0], rows: parsed.slice(1), classifier };
}

function csvOf(rows: ReturnType<typeof labelledRows>): string {
  return Papa.unparse({ fields: ['id', 'source', 'log_message'], data: rows.map((row, i) => [String(i), row.source, row.message]) });
}

describe('runClassification', () => {
  it('keeps every row, in order, with all columns, and labels it', async () => {
    const data = labelledRows(3000, 5);
    const { header, rows, summary } = await classify(csvOf(data));
    expect(header).toEqual(['id', 'source', 'log_message', 'target_label']);
    expect(rows).toHaveLength(3000);
    expect(summary.rows).toBe(3000);
    rows.forEach((row, i) => {
      expect(row[0]).toBe(String(i));
      expect(row[2]).toBe(data[i].message);
    });
    const decided = rows.filter((row) => row[3] !== UNCLASSIFIED);
    const correct = decided.filter((row) => row[3] === data[Number(row[0])].label);
    expect(correct.length / decided.length).toBeGreaterThan(0.98);
    expect(Object.values(summary.byLabel).reduce((a, b) => a + b, 0)).toBe(3000);
  });

  it('routes sources to the LLM tier and uses rules before the model', async () => {
    const input = 'source,log_message\nLegacyCRM,Backup completed successfully.\nModernCRM,Backup completed successfully.\n';
    const { rows } = await classify(input, { explain: true });
    expect(rows[0].slice(2, 4)).toEqual([UNCLASSIFIED, 'llm-pending']);
    expect(rows[1].slice(2, 5)).toEqual(['System Notification', 'regex', '1.0000']);
  });

  it('embeds each distinct masked message once', async () => {
    const lines = Array.from({ length: 200 }, (_, i) => `ModernCRM,Disk usage reached ${i % 90}% on node${i}`);
    const { summary, classifier } = await classify(`source,log_message\n${lines.join('\n')}`);
    expect(summary.distinctKeys).toBe(1);
    expect(classifier.embeddingCalls).toBe(1);
  });

  it('labels a row without a message Unclassified and names it in a warning', async () => {
    const { rows, summary } = await classify('source,log_message,extra\nA,hello there,x\nB,,y\nC\n');
    expect(rows).toHaveLength(3);
    expect(rows[1][3]).toBe(UNCLASSIFIED);
    expect(rows[2]).toEqual(['C', '', '', UNCLASSIFIED]);
    expect(summary.warnings.map((w) => w.row)).toEqual(expect.arrayContaining([2, 3]));
    expect(summary.warnings.find((w) => w.row === 2)?.message).toMatch(/no log message/);
    expect(summary.warnings.find((w) => w.row === 3)?.message).toMatch(/1 fields, the header has 3/);
  });

  it('keeps an existing target_label column under another name', async () => {
    const { header, rows } = await classify('log_message,target_label\nBackup completed successfully.,Truth\n');
    expect(header).toEqual(['log_message', 'original_target_label', 'target_label']);
    expect(rows[0]).toEqual(['Backup completed successfully.', 'Truth', 'System Notification']);
  });

  it('reads plain text logs as one message per line', async () => {
    const { header, rows } = await classify('Backup completed successfully.\nsomething, with a comma\n', { kind: 'text' });
    expect(header).toEqual(['log_message', 'target_label']);
    expect(rows.map((row) => row[0])).toEqual(['Backup completed successfully.', 'something, with a comma']);
  });

  it('refuses a file without a message column, naming the columns it has', async () => {
    await expect(classify('time,host\n1,a\n')).rejects.toThrow(InputError);
    await expect(classify('time,host\n1,a\n')).rejects.toThrow(/Columns in the file: time, host/);
  });

  it('stops when cancelled and says so', async () => {
    const controller = new AbortController();
    controller.abort();
    const { summary } = await classify(csvOf(labelledRows(100, 1)), { signal: controller.signal });
    expect(summary.cancelled).toBe(true);
  });
});

describe('formula neutralisation', () => {
  it('defuses cells a spreadsheet would evaluate, keeps numbers, and leaves raw output untouched', async () => {
    const bundle = await smallBundle();
    const input = 'id,log_message\n-5,"=HYPERLINK(""http://x"",""click"")"\n+3.5,@SUM(A1)\n-x,"\tcmd"\n';
    const outputs: Record<string, string> = {};
    for (const safeCsv of [true, false]) {
      let text = '';
      await runClassification({ input, kind: 'csv', classifier: new Classifier(bundle), explain: false, safeCsv, onOutput: (t) => void (text += t) });
      outputs[String(safeCsv)] = text;
    }
    const safe = Papa.parse<string[]>(outputs.true, { skipEmptyLines: true }).data;
    expect(safe.map((row) => row.slice(0, 2))).toEqual([
      ['id', 'log_message'],
      ['-5', `'=HYPERLINK("http://x","click")`],
      ['+3.5', "'@SUM(A1)"],
      ["'-x", "'\tcmd"],
    ]);
    const raw = Papa.parse<string[]>(outputs.false, { skipEmptyLines: true }).data;
    expect(raw[1][1]).toBe('=HYPERLINK("http://x","click")');
  });
});
