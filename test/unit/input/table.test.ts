import { describe, expect, it } from 'vitest';
import { openTable } from '../../../src/core/csv/table.ts';
import { InputError } from '../../../src/core/errors.ts';
import { readLabelledRows } from '../../../src/core/training/train.ts';

async function readAll(input: Parameters<typeof openTable>[0], kind: 'csv' | 'text' = 'csv') {
  const table = await openTable(input, kind);
  const rows: string[][] = [];
  const problems: { row: number; message: string }[] = [];
  for await (const batch of table.batches) {
    batch.problems.forEach((p) => problems.push({ row: batch.firstRow + p.index, message: p.message }));
    rows.push(...batch.rows);
  }
  return { header: table.header, rows, problems };
}

/** Feeds bytes in tiny pieces, so every boundary case (inside quotes, CRLF, UTF-8 sequences) occurs. */
async function* trickle(bytes: Uint8Array, size: number) {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

describe('openTable', () => {
  const csv = 'timestamp,source,log_message\r\n1,A,"He said ""hi"", then\r\nleft"\r\n2,B,plain ünïcode\r\n\r\n3,C,last';

  it('parses quoted fields with newlines and CRLF, skipping blank lines', async () => {
    const { header, rows } = await readAll(csv);
    expect(header).toEqual(['timestamp', 'source', 'log_message']);
    expect(rows).toEqual([
      ['1', 'A', 'He said "hi", then\r\nleft'],
      ['2', 'B', 'plain ünïcode'],
      ['3', 'C', 'last'],
    ]);
  });

  it('gives the same rows whatever the chunk boundaries', async () => {
    const bytes = new TextEncoder().encode(csv);
    const expected = await readAll(csv);
    for (const size of [1, 2, 3, 7, 64]) {
      expect(await readAll(trickle(bytes, size))).toEqual(expected);
    }
    expect(await readAll(new Blob([bytes]))).toEqual(expected);
  });

  it('detects ; and tab delimiters and strips a UTF-8 BOM', async () => {
    expect((await readAll('\uFEFFlog_message;source\nhello;A\n')).rows).toEqual([['hello', 'A']]);
    expect((await readAll(new Blob([new Uint8Array([0xef, 0xbb, 0xbf]), 'log_message\tsource\nhi\tB\n']))).header).toEqual([
      'log_message',
      'source',
    ]);
  });

  it('reads UTF-16 files by their byte order mark', async () => {
    const text = 'log_message\nmañana\n';
    const bytes = new Uint8Array(2 + text.length * 2);
    bytes.set([0xff, 0xfe]);
    for (let i = 0; i < text.length; i++) bytes[2 + 2 * i] = text.charCodeAt(i);
    expect((await readAll(new Blob([bytes]))).rows).toEqual([['mañana']]);
  });

  it('reads a text log as one message per non-empty line', async () => {
    const { header, rows } = await readAll('first line\r\n\nsecond, with comma\nthird', 'text');
    expect(header).toEqual(['log_message']);
    expect(rows).toEqual([['first line'], ['second, with comma'], ['third']]);
  });

  it('reports an unbalanced quote on the row it starts and keeps the data', async () => {
    const { rows, problems } = await readAll('log_message\nok\n"never closed\nmore');
    expect(rows[0]).toEqual(['ok']);
    expect(rows[1][0]).toContain('never closed');
    expect(problems[0].row).toBe(2);
  });

  it('refuses empty and binary files with a readable error', async () => {
    await expect(openTable('', 'csv')).rejects.toThrow(InputError);
    await expect(openTable('\n\n', 'csv')).rejects.toThrow(/empty/);
    await expect(openTable(new Blob([new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0, 0x14, 0])]), 'csv')).rejects.toThrow(/binary/);
  });

  it('streams without holding the input: batches report the bytes read so far, up to the file', async () => {
    const text = 'log_message\n' + 'x'.repeat(60).concat('\n').repeat(40_000);
    const table = await openTable(new Blob([text]), 'csv');
    let rows = 0;
    let last = 0;
    let batches = 0;
    for await (const batch of table.batches) {
      expect(batch.firstRow).toBe(rows + 1);
      expect(batch.bytesDone).toBeGreaterThan(last);
      last = batch.bytesDone;
      rows += batch.rows.length;
      batches++;
    }
    expect(rows).toBe(40_000);
    expect(batches).toBeGreaterThan(1);
    expect(last).toBe(text.length);
  });

  it('reads a training CSV by the same rule as a run, telling what it found in row order', async () => {
    const csv = 'log_message,target_label\r\n"GET /x HTTP/1.1" 404,HTTP Status\nUser User1 logged in.,User Action\nno label,\nDisk full,Error,extra\n';
    const { rows, warnings } = await readLabelledRows(csv);
    expect(rows).toEqual([
      { message: 'GET /x HTTP/1.1 404', label: 'HTTP Status', source: '' },
      { message: 'User User1 logged in.', label: 'User Action', source: '' },
      { message: 'Disk full', label: 'Error,extra', source: '' },
    ]);
    expect(warnings.map((w) => [w.row, w.message.split(' ').slice(0, 3).join(' ')])).toEqual([
      [0, 'The header row'],
      [1, 'has text after'],
      [3, 'skipped: no label'],
      [4, 'has 3 fields,'],
    ]);
  });
});
