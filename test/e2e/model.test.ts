/**
 * The Model side: rules (an invalid pattern is refused with its reason; a valid one persists
 * and applies to the next run), source routes, settings, export/import/reset. Training: training.test.ts.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { download, openSession, parseCsv, readDownload, useBrowser } from '../helpers/browser.ts';

const env = useBrowser();

async function reload(page: Page): Promise<void> {
  await page.reload();
  await page.getByTestId('bundle-name').waitFor();
}

function rulesEditor(page: Page) {
  return page.getByTestId('rules-editor');
}

async function addRule(page: Page, pattern: string, label: string, flags = 'i'): Promise<void> {
  const editor = rulesEditor(page);
  await editor.getByRole('button', { name: 'Add rule' }).click();
  const rule = editor.getByTestId('rule').last();
  await rule.getByTestId('rule-pattern').fill(pattern);
  await rule.getByTestId('rule-flags').fill(flags);
  await rule.getByTestId('rule-label').fill(label);
}

function writeLog(name: string, lines: string[]): string {
  const path = join(env.tmp.dir, name);
  writeFileSync(path, lines.join('\n') + '\n');
  return path;
}

describe('rules', () => {
  it('refuses an invalid pattern with the reason next to the rule, and keeps a valid one', async () => {
    env.session = await openSession(env.browser);
    const { page } = env.session;
    const before = Number(await page.getByTestId('rules-count').innerText());

    await addRule(page, '([unclosed', 'Security Alert');
    await rulesEditor(page).getByTestId('save-rules').click();
    const error = rulesEditor(page).getByTestId('rule').last().getByTestId('rule-error');
    await error.waitFor();
    expect(await error.innerText()).toMatch(/invalid pattern/i);
    expect(await rulesEditor(page).getByTestId('rule').last().getByTestId('rule-pattern').getAttribute('aria-invalid')).toBe('true');
    expect(await rulesEditor(page).getByTestId('rules-status').innerText()).toMatch(/Not saved/);
    expect(Number(await page.getByTestId('rules-count').innerText())).toBe(before);
    await reload(page);
    expect(Number(await page.getByTestId('rules-count').innerText())).toBe(before);

    // A valid rule is saved, persists, and applies to the next run (first match wins: move it to the top).
    await addRule(page, '^zz-e2e-marker\\b', 'Security Alert');

    for (let i = 0; i < before; i++) await rulesEditor(page).getByRole('button', { name: `Move rule ${before + 1 - i} up` }).click();
    expect(await rulesEditor(page).getByTestId('rule').first().getByTestId('rule-pattern').inputValue()).toBe('^zz-e2e-marker\\b');
    await rulesEditor(page).getByTestId('save-rules').click();
    await expect.poll(() => rulesEditor(page).getByTestId('rules-status').innerText()).toMatch(/Rules saved/);
    await reload(page);
    expect(Number(await page.getByTestId('rules-count').innerText())).toBe(before + 1);
    expect(await rulesEditor(page).getByTestId('rule').first().getByTestId('rule-pattern').inputValue()).toBe('^zz-e2e-marker\\b');

    await page.getByTestId('log-file-input').setInputFiles(writeLog('marker.log', ['zz-e2e-marker User User1 logged in.', 'nothing to see']));
    await page.getByTestId('summary').waitFor();
    await page.getByTestId('explain').check();
    const out = parseCsv((await download(page)).text);
    expect(out.rows[0]).toMatchObject({ target_label: 'Security Alert', tier: 'regex' });

    // Disabling it takes it out of the next run.
    await rulesEditor(page).getByTestId('rule').first().getByTestId('rule-enabled').uncheck();
    await rulesEditor(page).getByTestId('save-rules').click();
    await expect.poll(() => rulesEditor(page).getByTestId('rules-status').innerText()).toMatch(/Rules saved/);
    await page.getByTestId('log-file-input').setInputFiles(writeLog('marker2.log', ['zz-e2e-marker User User1 logged in.']));
    await expect.poll(() => page.getByTestId('summary-rows').innerText()).toBe('1');
    const out2 = parseCsv((await download(page)).text);
    expect(out2.rows[0].tier).not.toBe('regex');

    // Delete it again.
    await rulesEditor(page).getByRole('button', { name: 'Delete rule 1' }).click();
    await rulesEditor(page).getByTestId('save-rules').click();
    await expect.poll(() => page.getByTestId('rules-count').innerText()).toBe(String(before));
  });
});

describe('source routes and settings', () => {
  it('routes a source to the LLM tier and persists the settings', async () => {
    env.session = await openSession(env.browser);
    const { page } = env.session;
    await page.getByLabel('Source name').fill('E2EService');
    await page.getByRole('button', { name: 'Route to LLM' }).click();
    const routes = page.getByTestId('routes-editor');
    await routes.getByText('E2EService', { exact: true }).waitFor();

    await page.getByLabel('Confidence threshold').fill('0.75');
    await page.getByLabel('Minimum training samples per label').fill('20');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('Settings saved').waitFor();

    await reload(page);
    expect(await page.getByLabel('Confidence threshold').inputValue()).toBe('0.75');
    expect(await page.getByLabel('Minimum training samples per label').inputValue()).toBe('20');
    await routes.getByText('E2EService', { exact: true }).waitFor();

    const csv = join(env.tmp.dir, 'routed.csv');
    writeFileSync(csv, 'source,log_message\nE2EService,User User1 logged in.\nModernHR,User User1 logged in.\n');
    await page.getByTestId('log-file-input').setInputFiles(csv);
    await page.getByTestId('summary').waitFor();
    await page.getByTestId('explain').check();
    const out = parseCsv((await download(page)).text);
    expect(out.rows[0]).toMatchObject({ target_label: 'Unclassified', tier: 'llm-pending' });
    expect(out.rows[1].tier).not.toBe('llm-pending');

    await page.getByRole('button', { name: 'Remove the route of E2EService' }).click();
    await expect.poll(() => routes.getByText('E2EService', { exact: true }).count()).toBe(0);
    await reload(page);
    expect(await routes.getByText('E2EService', { exact: true }).count()).toBe(0);
  });
});

describe('bundles', () => {
  it('exports, refuses a bad import with the reason, imports, and resets', async () => {
    env.session = await openSession(env.browser);
    const { page } = env.session;
    page.on('dialog', (d) => void d.accept());

    const [dl] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export bundle' }).click()]);
    expect(dl.suggestedFilename()).toMatch(/\.logsift-bundle\.json$/);
    const exported = JSON.parse(await readDownload(dl));
    expect(exported.format).toBe('logsift-bundle');

    const bad = join(env.tmp.dir, 'bad-bundle.json');
    writeFileSync(bad, JSON.stringify({ format: 'something-else', version: 1 }));
    await page.getByTestId('bundle-file-input').setInputFiles(bad);
    const alert = page.getByTestId('model-panel').getByRole('alert');
    await alert.waitFor();
    expect(await alert.innerText()).toContain('not a usable logsift model bundle');

    const renamed = join(env.tmp.dir, 'renamed.json');
    writeFileSync(renamed, JSON.stringify({ ...exported, name: 'E2E imported bundle' }));
    await page.getByTestId('bundle-file-input').setInputFiles(renamed);
    await expect.poll(() => page.getByTestId('bundle-name').innerText()).toBe('E2E imported bundle');
    await reload(page);
    expect(await page.getByTestId('bundle-name').innerText()).toBe('E2E imported bundle');

    await page.getByRole('button', { name: 'Reset to built-in' }).click();
    await expect.poll(() => page.getByTestId('bundle-name').innerText()).toContain('built-in');
    await reload(page);
    expect(await page.getByTestId('bundle-name').innerText()).toContain(exported.name);
  });
});
