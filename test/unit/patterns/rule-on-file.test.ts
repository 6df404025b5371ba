import { describe, expect, it } from 'vitest';
import { openTable } from '../../../src/core/csv/table.ts';
import { previewRuleOnTable, RULE_FILE_SAMPLES } from '../../../src/core/patterns/rule-on-file.ts';

const rule = (pattern: string) => ({ pattern, flags: '', label: 'Disk', enabled: true });

describe('previewRuleOnTable', () => {
  it('counts the lines of another file a rule matches, keeps the first few, and names its literal values', async () => {
    const lines = [...Array.from({ length: 8 }, (_, i) => `disk sda${i} full on May ${i + 1}`), 'disk sdb1 full on June 2', 'fan speed 1200 rpm'];
    const table = await openTable(new Blob([lines.join('\n') + '\n']), 'text');
    const preview = await previewRuleOnTable(rule('^disk\\s+(\\S+)\\s+full\\s+on\\s+May\\s+(\\S+)$'), table);
    expect(preview.lines).toBe(10);
    expect(preview.matches).toBe(8);
    expect(preview.samples).toEqual(lines.slice(0, RULE_FILE_SAMPLES));
    expect(preview.literals).toEqual([{ kind: 'month', text: 'May' }]);
  });

  it('reads the message column of a CSV, and refuses a rule that cannot be used or a file without messages', async () => {
    const csv = 'time,log_message\n1,"disk sda full, again"\n2,fan ok\n';
    const preview = await previewRuleOnTable(rule('^disk'), await openTable(new Blob([csv]), 'csv'));
    expect([preview.lines, preview.matches, preview.samples]).toEqual([2, 1, ['disk sda full, again']]);
    await expect(previewRuleOnTable(rule('(unclosed'), await openTable(new Blob([csv]), 'csv'))).rejects.toThrow(RangeError);
    await expect(previewRuleOnTable(rule('^disk'), await openTable(new Blob(['time,host\n1,a\n']), 'csv'))).rejects.toThrow(/log message/);
  });
});
