/**
 * The main path: pick a CSV, wait for the summary, download the result and check it: same rows
 * in the same order with all columns, known labels only, and the model right on ≥ 95% of the
 * rows it labelled. Then Explain, and the table's filters and search.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { bundleLabels, classifyFile, download, type GeneratedFile, openSession, parseCsv, useBrowser, writeGeneratedCsv } from './helpers.ts';

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
});
