import { describe, expect, it } from 'vitest';
import { selectedRowsBlob } from '../../../src/core/scale/select-rows.ts';

/** Outputs as the classify run writes them: input rows as they were, the label cell added. */
const OUTPUTS: Record<string, { header: string; rows: string[] }> = {
  comma: {
    header: 'timestamp,log_message,target_label\n',
    rows: [
      '2024-05-04 00:00,plain line,Info\n',
      '2024-05-04 00:15,"a ""quoted"" word, and a comma",Error\n',
      '2024-05-04 00:30,"two\nlines, one\r\nrow",Error\n',
      '2024-05-04 00:45,a 5" screen cracked,Unclassified\n',
      '2024-05-05 00:00,extra,fields,kept,Info\n',
      '2024-05-05 00:15,"last, ünïcödé",Info\n',
    ],
  },
  tab: {
    header: 'timestamp\tlog_message\ttarget_label\n',
    rows: ['2024-05-04 00:00\tplain, with a comma\tInfo\n', '2024-05-04 00:15\t"quoted\ttab"\tError\n', '2024-05-05 00:00\tlast\tInfo\n'],
  },
};

describe('selectedRowsBlob', () => {
  for (const [name, { header, rows }] of Object.entries(OUTPUTS)) {
    it(`keeps the header and the chosen rows byte for byte, however the file is cut into chunks (${name}-separated)`, async () => {
      const output = new Blob([header + rows.join('')], { type: 'text/csv' });
      const picks = [[0], [1, 2], rows.map((_, i) => i).filter((i) => i % 2 === 1), [], rows.map((_, i) => i)];
      for (const chunkBytes of [8, 23, 1 << 20]) {
        for (const pick of picks) {
          const blob = await selectedRowsBlob(output, (row) => pick.includes(row), chunkBytes);
          expect(await blob.text()).toBe(header + pick.map((i) => rows[i]).join(''));
        }
      }
      expect((await selectedRowsBlob(output, () => true)).type).toBe('text/csv');
    });
  }
});
