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
import { openSession, useBrowser } from '../helpers/browser.ts';

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

  it('previews a rule on another file the user picks: lines matched, the first of them, and the literal values it is tied to', async () => {
    env.session = await openSession(env.browser);
    const { page } = env.session;
    const path = join(env.tmp.dir, 'web.log');
    writeFileSync(path, webLog().join('\n'));
    await page.getByTestId('patterns-file-input').setInputFiles(path);
    await expect.poll(() => page.getByTestId('patterns-summary').innerText()).toMatch(/lines of web\.log/);
    await page.getByTestId('patterns-filter').fill('HTTP/');
    await page.getByTestId('pattern-row').first().getByTestId('pattern-open').click();
    const detail = page.getByTestId('pattern-detail');
    await detail.getByTestId('rule-draft-label').fill('Web traffic');
    await detail.getByTestId('rule-draft-preview').click();
    await expect.poll(() => detail.getByTestId('rule-draft-target').innerText()).toBe('48 of the 48 lines of this pattern');
    const regex = await detail.getByTestId('rule-draft-pattern').inputValue();

    // Another day's log, as CSV: April and March, statuses 200 and 404, and lines of another kind.
    const access = (month: string, status: number, i: number) =>
      `10.1.${i % 5}.${i + 1} - - [0${1 + (i % 9)}/${month}/2025:09:${String(10 + i).padStart(2, '0')}:07 +0000] "${METHODS[i % 6]} /orders/${200 + i} HTTP/1.1" ${status} ${300 + i * 11}`;
    const other = [
      ...Array.from({ length: 10 }, (_, i) => access('Apr', 404, i)),
      ...Array.from({ length: 6 }, (_, i) => access('Mar', 404, 20 + i)),
      ...Array.from({ length: 5 }, (_, i) => access('Mar', 200, 40 + i)),
      'cache warmed in 12 ms',
      'request done duration_ms=5 bytes=9 status=ok',
      'worker 3 restarted',
    ];
    const otherPath = join(env.tmp.dir, 'web-april.csv');
    writeFileSync(otherPath, ['log_message', ...other.map((line) => `"${line.replace(/"/g, '""')}"`)].join('\n') + '\n');

    // The file input is reached with the keyboard, right after the draft's buttons.
    const fileInput = detail.getByTestId('rule-other-file-input');
    await detail.getByTestId('add-training-rows').focus();
    await page.keyboard.press('Tab');
    expect(await fileInput.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await detail.getByLabel('Try the rule on another file (CSV, .log or NDJSON)').count()).toBe(1);

    // The synthesised rule: every access line of the other file, none of the rest; no literal values.
    await fileInput.setInputFiles(otherPath);
    const result = detail.getByTestId('rule-other-file-result');
    await expect.poll(() => result.getByTestId('rule-other-file-matches').innerText()).toBe('On web-april.csv: matches 21 of 24 lines.');
    expect(await result.getByTestId('rule-other-file-samples').locator('li').allInnerTexts()).toEqual(other.slice(0, 5));
    expect(await result.getByTestId('rule-other-file-literals').count()).toBe(0);

    // Tied by hand to March and to 404: only those lines match there, and the warning says why.
    const tied = regex.replace('(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)', 'Mar').replace(/"\\s\+\(\\S\+\)\\s\+\(\\S\+\)\\s\*\$$/, '"\\s+404\\s+(\\S+)\\s*$');
    expect(tied).not.toBe(regex);
    await detail.getByTestId('rule-draft-pattern').fill(tied);
    await fileInput.setInputFiles(otherPath);
    await expect.poll(() => result.getByTestId('rule-other-file-matches').innerText()).toBe('On web-april.csv: matches 6 of 24 lines.');
    expect(await result.getByTestId('rule-other-file-samples').locator('li').allInnerTexts()).toEqual(other.slice(10, 15));
    expect(await result.getByTestId('rule-other-file-literals').innerText()).toBe(
      'It is tied to the month Mar, the number 404: lines of web-april.csv with another value are not matched.',
    );

    // A file that cannot be read says so, with its name.
    const empty = join(env.tmp.dir, 'empty.csv');
    writeFileSync(empty, '');
    await fileInput.setInputFiles(empty);
    await expect.poll(() => detail.getByTestId('rule-other-file-error').innerText()).toMatch(/^empty\.csv: /);
  });
});
