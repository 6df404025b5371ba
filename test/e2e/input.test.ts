/**
 * Other ways in, and bad files: a real drop, a plain .log file, the example button (with the
 * README's screenshot), and a CSV without a log message column.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { csvLine } from '../../src/core/csv/format.ts';
import { bundleLabels, download, openSession, parseCsv, useBrowser, writeGeneratedCsv } from '../helpers/browser.ts';

const env = useBrowser();

describe('getting a file in', () => {
  it('classifies a file dropped on the page', async () => {
    const input = writeGeneratedCsv(env.tmp.dir, 'dropped.csv', 500, 'e2e-drop');
    env.session = await openSession(env.browser);
    const { page } = env.session;
    const text = readFileSync(input.path, 'utf8');
    const dataTransfer = await page.evaluateHandle((csv) => {
      const dt = new DataTransfer();
      dt.items.add(new File([csv], 'dropped.csv', { type: 'text/csv' }));
      return dt;
    }, text);
    const zone = page.getByTestId('drop-zone');
    await zone.dispatchEvent('dragenter', { dataTransfer });
    await zone.dispatchEvent('dragover', { dataTransfer });
    await expect.poll(() => zone.getAttribute('class')).toContain('dragging');
    await zone.dispatchEvent('drop', { dataTransfer });
    await page.getByTestId('summary').waitFor();
    await expect.poll(() => page.getByTestId('summary-rows').innerText()).toBe('500');
    const { name, text: out } = await download(page);
    expect(name).toBe('dropped-classified.csv');
    const parsed = parseCsv(out);
    expect(parsed.rows).toHaveLength(500);
    expect(parsed.rows.map((r) => r.log_message)).toEqual(input.messages);
  });

  it('reads a .log file as one message per line', async () => {
    const path = join(env.tmp.dir, 'server.log');
    const evil = '<img src=x onerror="window.__pwned=1"><b>bold</b>';
    const lines = ['User User12 logged in.', 'Backup completed successfully.', 'Disk usage at 91% on /var', '', 'GET /api/v2/orders HTTP/1.1 status: 200', evil];
    writeFileSync(path, lines.join('\n') + '\n');
    env.session = await openSession(env.browser);
    const { page } = env.session;
    await page.getByTestId('log-file-input').setInputFiles(path);
    await page.getByTestId('summary').waitFor();
    const { name, text } = await download(page);
    expect(name).toBe('server-classified.csv');
    const parsed = parseCsv(text);
    expect(parsed.fields).toEqual(['log_message', 'target_label']);
    // Blank lines are skipped or kept as Unclassified rows, never dropped silently with others.
    const nonBlank = lines.filter((l) => l !== '');
    expect(parsed.rows.map((r) => r.log_message).filter((m) => m !== '')).toEqual(nonBlank);
    expect(parsed.rows.find((r) => r.log_message === 'User User12 logged in.')?.target_label).toBe('User Action');
    // Log text is untrusted: it is shown as text, never as markup.
    await page.getByTestId('filter-search').fill('onerror');
    await expect.poll(() => page.getByTestId('result-row').count()).toBe(1);
    expect(await page.getByTestId('result-row').locator('[role="cell"]').nth(2).innerText()).toBe(evil);
    expect(await page.getByTestId('results-table').locator('img, b').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  });

  it('lists warnings for rows without a message, and labels them Unclassified', async () => {
    const path = join(env.tmp.dir, 'gaps.csv');
    const rows = ['Source,Log_Message,extra'];
    for (let i = 1; i <= 30; i++) rows.push(i % 2 ? `ModernHR,,x${i}` : `ModernHR,User User${i} logged in.,x${i}`);
    writeFileSync(path, rows.join('\n') + '\n');
    env.session = await openSession(env.browser);
    const { page } = env.session;
    await page.getByTestId('log-file-input').setInputFiles(path);
    await page.getByTestId('summary').waitFor();
    const warnings = page.locator('#warnings-title');
    expect(await warnings.innerText()).toMatch(/Warnings\s*15/);
    const items = page.getByTestId('summary').locator('li');
    expect(await items.count()).toBe(10);
    expect(await items.first().innerText()).toMatch(/^row 1: .*no log message.*Unclassified/);
    await page.getByRole('button', { name: /Show all 15 listed/ }).click();
    expect(await items.count()).toBe(15);
    const out = parseCsv((await download(page)).text);
    expect(out.fields).toEqual(['Source', 'Log_Message', 'extra', 'target_label']);
    expect(out.rows).toHaveLength(30);
    expect(out.rows.filter((r) => r.Log_Message === '').every((r) => r.target_label === 'Unclassified')).toBe(true);
    expect(out.rows[1].target_label).toBe('User Action');
  });

  it('refuses a CSV without a log message column, naming its columns, and stays usable', async () => {
    const bad = join(env.tmp.dir, 'bad.csv');
    writeFileSync(bad, 'a,b,c\n1,2,3\n4,5,6\n');
    env.session = await openSession(env.browser);
    const { page } = env.session;
    await page.getByTestId('log-file-input').setInputFiles(bad);
    // Other panels may hold alerts of their own (no WebGPU here, say): look at the run's.
    const alert = page.getByRole('alert').filter({ hasText: 'This file could not be classified' });
    await alert.waitFor();
    const message = await alert.innerText();
    expect(message).toContain('No log message column found');
    expect(message).toContain('Columns in the file: a, b, c');
    expect(await page.getByTestId('summary').count()).toBe(0);

    const good = writeGeneratedCsv(env.tmp.dir, 'good.csv', 200, 'e2e-after-bad');
    await page.getByTestId('log-file-input').setInputFiles(good.path);
    await page.getByTestId('summary').waitFor();
    expect(await alert.count()).toBe(0);
  });

  it('asks which column holds the messages when none has a known name, classifies that one, and can switch columns', async () => {
    const logs = writeGeneratedCsv(env.tmp.dir, 'renamed-source.csv', 300, 'e2e-column');
    const path = join(env.tmp.dir, 'renamed.csv');
    // The messages under another name, after a column of ids.
    writeFileSync(path, [csvLine(['ticket', 'Event Text', 'host']), ...logs.messages.map((message, i) => csvLine([`T-${i}`, message, `web-${i % 3}`]))].join(''));
    env.session = await openSession(env.browser, { width: 1400, height: 1000 });
    const { page } = env.session;
    await page.getByTestId('log-file-input').setInputFiles(path);
    const chooser = page.getByTestId('column-chooser');
    await chooser.waitFor();
    expect(await chooser.getByLabel('Message column').locator('option').allInnerTexts()).toEqual(['ticket', 'Event Text', 'host']);
    await chooser.getByLabel('Message column').selectOption({ label: 'Event Text' });
    await chooser.getByRole('button', { name: 'Classify with this column' }).click();
    await page.getByTestId('summary').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('summary-rows').innerText()).toBe('300');
    expect(await page.getByTestId('summary-column').innerText()).toMatch(/^Event Text/);
    expect(await chooser.count()).toBe(0);
    await page.getByTestId('explain').check();
    const { rows } = parseCsv((await download(page)).text);
    expect(rows.map((r) => r['Event Text'])).toEqual(logs.messages);
    expect(rows.filter((r) => r.target_label !== 'Unclassified').length).toBeGreaterThan(250);

    // Another column on request: the ids are read as messages, and the summary says which column.
    await page.getByTestId('change-column').click();
    await chooser.waitFor();
    expect(await chooser.getByLabel('Message column').inputValue()).toBe('1');
    await chooser.getByLabel('Message column').selectOption({ label: 'host' });
    await chooser.getByRole('button', { name: 'Classify with this column' }).click();
    await expect.poll(() => page.getByTestId('summary-column').innerText(), { timeout: 60_000 }).toMatch(/^host/);
  });

  it('reaches the file button with the keyboard, with a visible focus', async () => {
    env.session = await openSession(env.browser);
    const { page } = env.session;
    let focused = '';
    for (let i = 0; i < 5 && focused !== 'log-file'; i++) {
      await page.keyboard.press('Tab');
      focused = await page.evaluate(() => document.activeElement?.id ?? '');
    }
    expect(focused).toBe('log-file');
    const outline = await page.locator('label[for="log-file"]').evaluate((el) => getComputedStyle(el).outlineStyle);
    expect(outline).not.toBe('none');
    expect(await page.getByLabel('Choose a file…').getAttribute('type')).toBe('file');
  });

  it('runs the example and takes the README screenshot', async () => {
    env.session = await openSession(env.browser, { width: 1280, height: 900 });
    const { page } = env.session;
    const labels = await bundleLabels(page);
    await page.getByRole('button', { name: 'Try an example' }).click();
    await page.getByTestId('summary').waitFor();
    const { name, text } = await download(page);
    expect(name).toBe('example-logs-classified.csv');
    const parsed = parseCsv(text);
    expect(parsed.fields.slice(0, 3)).toEqual(['timestamp', 'source', 'log_message']);
    expect(parsed.rows.length).toBeGreaterThan(100);
    for (const row of parsed.rows) expect([...labels, 'Unclassified']).toContain(row.target_label);

    await page.getByTestId('result-row').first().waitFor();
    await page.evaluate(() => {
      (document.activeElement as HTMLElement | null)?.blur();
      window.scrollTo(0, 0);
    });
    await page.mouse.move(0, 0);
    // `npm run screenshot` writes it to docs/ for the README; test runs keep it out of the tree.
    const dir = resolve(import.meta.dirname, '../..', process.env.LOGSIFT_SCREENSHOT_DIR ?? 'test-results');
    mkdirSync(dir, { recursive: true });
    await page.screenshot({ path: join(dir, 'screenshot.png') });
  });
});
