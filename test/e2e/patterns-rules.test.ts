/**
 * Rules made from patterns, as a user makes them in the page: pick a web server's log, discover
 * its patterns, make a rule from the access-log pattern. The rule generalises (one class for the
 * month and one for the HTTP method, a variable for the values), the preview names the literal
 * values a hand-edited rule is tied to, and after saving, the list marks the pattern as covered by
 * the new rule – and can hide it – without discovering again. No request leaves 127.0.0.1.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSession, useBrowser } from './helpers.ts';

const env = useBrowser();

const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD'];

function webLog(): string[] {
  const lines: string[] = [];
  for (let i = 0; i < 48; i++) {
    const day = String(10 + (i % 9)).padStart(2, '0');
    const time = `08:${String(10 + (i % 50)).padStart(2, '0')}:07`;
    lines.push(`10.1.${i % 5}.${i + 1} - - [${day}/Mar/2025:${time} +0000] "${METHODS[i % 6]} /orders/${100 + i} HTTP/1.1" ${[200, 201, 404][i % 3]} ${300 + i * 11}`);
    if (i % 2 === 0) lines.push(`request done duration_ms=${3 + i * 7} bytes=${40 + i * 13} status=ok`);
  }
  return lines;
}

describe('rules from patterns', () => {
  it('generalise, warn about literal values, and mark the patterns they cover', async () => {
    env.session = await openSession(env.browser);
    const { page } = env.session;
    const lines = webLog();
    const path = join(env.tmp.dir, 'web.log');
    writeFileSync(path, lines.join('\n'));
    await page.getByTestId('patterns-file-input').setInputFiles(path);
    await expect.poll(() => page.getByTestId('patterns-summary').innerText()).toMatch(/lines of web\.log/);

    // The access-log pattern: make a rule.
    await page.getByTestId('patterns-filter').fill('HTTP/');
    const row = page.getByTestId('pattern-row').first();
    await row.waitFor();
    expect(await row.getByTestId('pattern-count').innerText()).toBe('48');
    await expect.poll(() => row.getByTestId('pattern-covered').count()).toBe(0);
    await row.getByTestId('pattern-open').click();
    const detail = page.getByTestId('pattern-detail');
    await detail.getByTestId('rule-draft-label').fill('Web traffic');
    await detail.getByTestId('rule-draft-preview').click();
    await expect.poll(() => detail.getByTestId('rule-draft-target').innerText()).toBe('48 of the 48 lines of this pattern');
    const regex = await detail.getByTestId('rule-draft-pattern').inputValue();
    // Not the month or the methods of this file: their classes.
    expect(regex).not.toMatch(/\\\/Mar\\\//);
    expect(regex).toContain('(?:GET|POST|PUT|DELETE|PATCH|HEAD|OPTIONS');
    expect(regex).toContain('(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)');
    const re = new RegExp(regex);
    expect(re.test('10.9.9.9 - - [02/Dec/2026:23:59:59 +0000] "OPTIONS /orders/7 HTTP/1.1" 500 12')).toBe(true);
    expect(re.test('request done duration_ms=3 bytes=40 status=ok')).toBe(false);
    await detail.getByTestId('rule-draft-no-others').waitFor();
    expect(await detail.getByTestId('rule-draft-literals').count()).toBe(0);

    // Tied to this month and to one status by hand: the preview says which literals, and what it misses.
    const tied = regex.replace('(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)', 'Mar').replace(/"\\s\+\(\\S\+\)\\s\+\(\\S\+\)\\s\*\$$/, '"\\s+404\\s+(\\S+)\\s*$');
    expect(tied).not.toBe(regex);
    await detail.getByTestId('rule-draft-pattern').fill(tied);
    await detail.getByTestId('rule-draft-preview').click();
    await expect.poll(() => detail.getByTestId('rule-draft-literals').innerText()).toMatch(/tied to literal values: the month Mar, the number 404\./);
    await expect.poll(() => detail.getByTestId('rule-draft-target').innerText()).toBe('16 of the 48 lines of this pattern');

    // Back to the synthesised rule; save it.
    await detail.getByTestId('rule-draft-pattern').fill(regex);
    await detail.getByTestId('rule-draft-preview').click();
    await detail.getByTestId('rule-draft-no-others').waitFor();
    const rules = await page.getByTestId('rule').count();
    await detail.getByTestId('rule-draft-save').click();
    await expect.poll(() => detail.getByTestId('rule-draft-status').innerText()).toMatch(/^Rule saved as rule .*1 pattern is now marked as covered by it in the list\.$/);
    await expect.poll(() => page.getByTestId('rule').count()).toBe(rules + 1);

    // The list shows it at once, without discovering again.
    await expect.poll(() => row.getByTestId('pattern-covered').innerText()).toBe(`Rule ${rules + 1} → Web traffic`);
    await page.getByTestId('patterns-filter').fill('');
    await page.getByTestId('hide-covered').check();
    await expect.poll(() => page.getByTestId('pattern-template').allInnerTexts()).not.toContainEqual(expect.stringContaining('HTTP/'));
    expect((await page.getByTestId('pattern-template').allInnerTexts()).some((t) => t.includes('duration_ms'))).toBe(true);
    await page.getByTestId('hide-covered').uncheck();
    await page.getByTestId('patterns-filter').fill('duration_ms');

    // The key=value pattern: the keys stay, the values are variables.
    const kv = page.getByTestId('pattern-row').first();
    await kv.getByTestId('pattern-open').click();
    await detail.getByTestId('rule-draft-label').fill('Web traffic');
    await detail.getByTestId('rule-draft-preview').click();
    await expect.poll(() => detail.getByTestId('rule-draft-pattern').inputValue()).toBe(
      '^\\s*request\\s+done\\s+duration_ms=(\\S+)\\s+bytes=(\\S+)\\s+status=ok\\s*$',
    );
  });
});
