/**
 * The main path: pick a CSV, wait for the summary, download the result and check it: same rows
 * in the same order with all columns, known labels only, and the model right on ≥ 95% of the
 * rows it labelled. Then Explain, and the table's filters and search.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateSystemLogs } from '../../src/core/generate/system/corpus.ts';
import { bundleLabels, classifyFile, download, type GeneratedFile, openSession, parseCsv, useBrowser, writeGeneratedCsv } from '../helpers/browser.ts';

const UNCLASSIFIED = 'Unclassified';

const env = useBrowser();
let input: GeneratedFile;

beforeAll(() => {
  input = writeGeneratedCsv(env.tmp.dir, 'service-logs.csv', 3000, 'e2e-classify');
});

describe('classifying a picked CSV', () => {
  it('keeps every row in order with all its columns and labels them well', async () => {
    env.session = await openSession(env.browser);
    const { page } = env.session;
    const labels = await bundleLabels(page);
    expect(labels.length).toBeGreaterThan(1);

    await classifyFile(page, input.path);
    await expect.poll(() => page.getByTestId('summary-rows').innerText()).toBe('3,000');

    const { name, text } = await download(page);
    expect(name).toBe('service-logs-classified.csv');
    const out = parseCsv(text);
    expect(out.fields).toEqual([...input.columns, 'target_label']);
    expect(out.rows).toHaveLength(input.rows);

    let labelled = 0;
    let right = 0;
    out.rows.forEach((row, i) => {
      expect(row.log_message).toBe(input.messages[i]);
      expect(row.request_id).toBe(`req-${i + 1}`);
      expect([...labels, UNCLASSIFIED]).toContain(row.target_label);
      if (row.target_label !== UNCLASSIFIED) {
        labelled++;
        if (row.target_label === input.truth[i]) right++;
      }
    });
    expect(labelled).toBeGreaterThan(input.rows * 0.5);
    expect(right / labelled).toBeGreaterThanOrEqual(0.95);
  });

  it('adds tier and confidence when Explain is ticked', async () => {
    env.session = await openSession(env.browser);
    const { page } = env.session;
    await classifyFile(page, input.path);
    await page.getByTestId('explain').check();
    const { text } = await download(page);
    const out = parseCsv(text);
    expect(out.fields).toEqual([...input.columns, 'target_label', 'tier', 'confidence']);
    expect(out.rows).toHaveLength(input.rows);
    for (const row of out.rows) {
      expect(['regex', 'ngram', 'bert', 'llm', 'llm-pending', 'none']).toContain(row.tier);
      const c = Number(row.confidence);
      expect(c).toBeGreaterThanOrEqual(0);
      expect(c).toBeLessThanOrEqual(1);
      if (row.tier === 'regex') expect(c).toBe(1);
    }
    // Unticked again: back to the plain file.
    await page.getByTestId('explain').uncheck();
    const plain = parseCsv((await download(page)).text);
    expect(plain.fields).toEqual([...input.columns, 'target_label']);
  });

  it('filters the table by label and tier and searches in the worker', async () => {
    env.session = await openSession(env.browser);
    const { page } = env.session;
    await classifyFile(page, input.path);
    const table = page.getByTestId('results-table');
    const rows = table.getByTestId('result-row');
    await expect.poll(() => rows.count()).toBeGreaterThan(5);
    // Virtualised: far fewer rows in the DOM than in the file.
    expect(await rows.count()).toBeLessThan(100);
    await expect.poll(() => page.getByTestId('results-count').innerText()).toBe('3,000 rows');

    // Filter by the most frequent label.
    const options = await page.getByTestId('filter-label').locator('option').allInnerTexts();
    const label = options.find((o) => o !== 'All labels' && o !== UNCLASSIFIED)!;
    await page.getByTestId('filter-label').selectOption(label);
    await expect.poll(() => page.getByTestId('results-count').innerText()).toMatch(/^[\d,]+ of 3,000 rows match$/);
    await expect.poll(() => rows.first().locator('[role="cell"]').nth(3).innerText()).toBe(label);
    const shownLabels = await rows.evaluateAll((els) => els.map((el) => el.querySelectorAll('[role="cell"]')[3]?.textContent?.trim() ?? ''));
    expect(new Set(shownLabels.filter(Boolean))).toEqual(new Set([label]));

    // Search, case-insensitively, on top of the label filter.
    await page.getByTestId('filter-label').selectOption('');
    const word = input.messages[0].split(/\s+/).find((w) => /^[A-Za-z]{5,}$/.test(w)) ?? input.messages[0].slice(0, 6);
    await page.getByTestId('filter-search').fill(word.toUpperCase());
    const expected = input.messages.filter((m) => m.toLowerCase().includes(word.toLowerCase())).length;
    await expect
      .poll(() => page.getByTestId('results-count').innerText())
      .toMatch(new RegExp(`^${expected.toLocaleString('en-US')} of 3,000 rows match$`));
    const messages = await rows.evaluateAll((els) => els.map((el) => el.querySelectorAll('[role="cell"]')[2]?.textContent ?? ''));
    for (const m of messages.filter(Boolean)) expect(m.toLowerCase()).toContain(word.toLowerCase());

    // Tier filter.
    await page.getByTestId('filter-search').fill('');
    await page.getByTestId('filter-tier').selectOption('regex');
    await expect.poll(() => rows.first().locator('[role="cell"]').nth(4).innerText()).toBe('regex');
  });

  it('reads well: the whole message of a row on request, matches marked, and a search with no match says so', async () => {
    const long = `Payment gateway Quasarpay failed for merchant 5521 after ${'retrying the upstream TLS session '.repeat(8)}– giving up`;
    const path = join(env.tmp.dir, 'long.csv');
    writeFileSync(path, ['source,log_message', ...input.messages.slice(0, 200).map((m) => `App,"${m.replace(/"/g, '""')}"`), `Billing,"${long}"`].join('\n'));
    env.session = await openSession(env.browser, { width: 1400, height: 1000 });
    const { page } = env.session;
    await classifyFile(page, path);
    const rows = page.getByTestId('results-table').getByTestId('result-row');
    await page.getByTestId('filter-search').fill('QUASARPAY');
    await expect.poll(() => page.getByTestId('results-count').innerText()).toBe('1 of 201 rows match');
    // The match is marked in the message as shown.
    await expect.poll(() => rows.first().locator('mark').allInnerTexts()).toEqual(['Quasarpay']);
    // The cell shows one line of it; the whole message opens under the table.
    const cell = rows.first().getByTestId('expand-row');
    expect(await cell.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
    await cell.click();
    const detail = page.getByTestId('row-detail');
    expect(await detail.getByTestId('row-detail-message').innerText()).toBe(long);
    expect(await detail.locator('mark').allInnerTexts()).toEqual(['Quasarpay']);
    expect(await detail.innerText()).toMatch(/Row 201\s+Billing · .+ · tier \S+ · confidence/);
    await detail.getByRole('button', { name: 'Close' }).click();
    expect(await detail.count()).toBe(0);

    // Nothing matches: said in words, not shown as an empty table.
    await page.getByTestId('filter-search').fill('no-such-text-anywhere');
    const none = page.getByTestId('no-rows');
    await none.waitFor();
    expect(await none.innerText()).toMatch(/No rows match the search “no-such-text-anywhere”\./);
    expect(await page.getByTestId('results-table').count()).toBe(0);
    await none.getByRole('button', { name: 'Clear filters' }).click();
    await expect.poll(() => page.getByTestId('results-count').innerText()).toBe('201 rows');
    await expect.poll(() => rows.count()).toBeGreaterThan(5);
    expect(await rows.first().locator('mark').count()).toBe(0);
  });

  it('labels a raw system log file, says how sure it was, and points the unsure lines to patterns and the LLM tier', async () => {
    env.session = await openSession(env.browser);
    const { page } = env.session;
    // Whole lines of a .log file (headers included) from software families, and lines no model could place.
    const system = [...generateSystemLogs({ rows: 600, seed: 'e2e-real-logs' })];
    const babble = Array.from({ length: 40 }, (_, i) => `zorblat quuxing fendrel ${i % 7} vopnik`);
    const path = join(env.tmp.dir, 'mixed-system.log');
    writeFileSync(path, [...system.map((log) => log.log_message.replace(/[\r\n]+/g, ' ')), ...babble].join('\n') + '\n');
    await classifyFile(page, path);
    await page.getByTestId('explain').check();
    const out = parseCsv((await download(page)).text).rows;
    expect(out).toHaveLength(640);
    // The families' lines are labelled, mostly as their authors labelled them.
    const given = out.slice(0, 600).map((row, i) => ({ row, truth: system[i].target_label })).filter(({ row }) => row.target_label !== UNCLASSIFIED);
    expect(given.length / 600).toBeGreaterThan(0.9);
    expect(given.filter(({ row, truth }) => row.target_label === truth).length / given.length).toBeGreaterThan(0.8);

    // The summary counts exactly the rows the model scored and did not accept.
    const unsure = out.filter((row) => row.tier === 'none' && Number(row.confidence) > 0).length;
    expect(unsure).toBeGreaterThan(0);
    const sure = page.getByTestId('summary-sure');
    await expect.poll(() => sure.innerText()).toMatch(new RegExp(`^${unsure.toLocaleString('en-US')} lines \\(\\d+(\\.\\d)?%\\) are Unclassified because the model was not sure: below the confidence threshold \\(0\\.\\d+\\)`));
    await sure.getByRole('link', { name: 'Discover patterns' }).click();
    expect(await page.evaluate(() => location.hash)).toBe('#patterns');
    await expect.poll(() => page.getByTestId('patterns-panel').evaluate((el) => el.getBoundingClientRect().top < window.innerHeight)).toBe(true);
    await sure.getByRole('link', { name: 'LLM tier' }).click();
    await expect.poll(() => page.getByTestId('llm-panel').evaluate((el) => el.getBoundingClientRect().top < window.innerHeight)).toBe(true);
  });
});
