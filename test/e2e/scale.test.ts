/**
 * A file big enough for the worker pool (several 1 MiB chunks) – the table reads row
 * text back from the file lazily, so scroll to the very end and check a far row's text; search
 * re-reads the file; the download (an OPFS file) keeps every row in order, and Save to… streams
 * the same into a picked file. Memory is printed by `npm run bench:scale`, not asserted here.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { classifyFile, download, type GeneratedFile, openSession, parseCsv, useBrowser, writeGeneratedCsv } from '../helpers/browser.ts';

const env = useBrowser();
let input: GeneratedFile;
// About 15 MiB: more chunks than the pool holds at once, so later chunks travel in reused buffers.
const ROWS = 150_000;

beforeAll(() => {
  input = writeGeneratedCsv(env.tmp.dir, 'big-logs.csv', ROWS, 'e2e-scale');
});

const fmt = (n: number) => n.toLocaleString('en-US');

/**
 * A save picker for headless Chromium, which cannot show one: the file the user "picks" keeps what
 * is written to it; `__cancelPicker` makes the next pick a cancel, as closing the dialog is.
 * (A string: the page runs it as it is.)
 */
const FAKE_SAVE_PICKER = `
  window.showSaveFilePicker = async (options) => {
    if (window.__cancelPicker) {
      window.__cancelPicker = false;
      throw new DOMException('The user aborted a request.', 'AbortError');
    }
    const file = { name: 'picked-' + options.suggestedName, parts: [], closed: false };
    window.__saved = file;
    const decoder = new TextDecoder();
    return {
      name: file.name,
      createWritable: async () =>
        new WritableStream({
          write: (chunk) => void file.parts.push(decoder.decode(chunk, { stream: true })),
          close: () => void (file.closed = true),
        }),
    };
  };
`;

describe('a big file', () => {
  it('classifies on the pool, shows far rows, searches, and downloads every row in order', async () => {
    env.session = await openSession(env.browser);
    const { page } = env.session;
    await page.evaluate(FAKE_SAVE_PICKER);
    await classifyFile(page, input.path, 180_000);
    await expect.poll(() => page.getByTestId('summary-rows').innerText()).toBe(fmt(ROWS));
    // Each distinct key was embedded once over the whole pool.
    const embeddings = await page.getByTestId('summary-embeddings').innerText();
    const keys = await page.getByTestId('summary-keys').innerText();
    expect(embeddings.match(/^[\d,]+/)?.[0].replace(/,$/, '')).toBe(keys.trim());
    expect(embeddings).toMatch(/\d+ workers$/);

    // Scroll to the end of the table: the last row's text comes back from the file.
    const viewport = page.locator('.viewport');
    await viewport.evaluate((el) => (el.scrollTop = el.scrollHeight));
    const last = page.getByTestId('result-row').filter({ hasText: input.messages[ROWS - 1].slice(0, 40) }).last();
    await expect.poll(() => last.count(), { timeout: 30_000 }).toBeGreaterThan(0);
    expect(await last.locator('[role="cell"]').first().innerText()).toBe(fmt(ROWS));

    // Search: a word of a far row's message; the count is the generated rows that contain it.
    const needle = 'timeout';
    const expected = input.messages.filter((m) => m.toLowerCase().includes(needle)).length;
    expect(expected).toBeGreaterThan(0);
    await page.getByTestId('filter-search').fill(needle);
    await expect.poll(() => page.getByTestId('results-count').innerText(), { timeout: 60_000 }).toBe(`${fmt(expected)} of ${fmt(ROWS)} rows match`);
    const firstHit = input.messages.findIndex((m) => m.toLowerCase().includes(needle));
    await expect.poll(() => page.getByTestId('result-row').first().locator('.msg').innerText()).toBe(input.messages[firstHit]);

    // Filter by tier together with the search.
    await page.getByTestId('filter-tier').selectOption('regex');
    await expect.poll(() => page.getByTestId('results-count').innerText(), { timeout: 60_000 }).toMatch(new RegExp(` of ${fmt(ROWS)} rows match$`));

    // The download: every row, in order, with all columns.
    const { text } = await download(page);
    const out = parseCsv(text);
    expect(out.fields).toEqual([...input.columns, 'target_label']);
    expect(out.rows).toHaveLength(ROWS);
    out.rows.forEach((row, i) => {
      if (row.log_message !== input.messages[i]) expect(row.log_message, `row ${i + 1}`).toBe(input.messages[i]);
      if (row.request_id !== `req-${i + 1}`) expect(row.request_id).toBe(`req-${i + 1}`);
    });

    // Save to…: the same file, streamed into the one the user picked, and a word that it is there.
    await page.getByTestId('save-to').click();
    await expect.poll(() => page.getByTestId('saved').innerText(), { timeout: 60_000 }).toMatch(/^Saved picked-big-logs-classified\.csv \(\d/);
    expect(await page.evaluate('window.__saved.closed')).toBe(true);
    expect(await page.evaluate('window.__saved.parts.join("")')).toBe(text);
    // Closing the picker without a file does nothing: nothing written, no error, the last save still named.
    await page.evaluate('window.__cancelPicker = true; window.__saved = null');
    await page.getByTestId('save-to').click();
    await expect.poll(() => page.evaluate('window.__cancelPicker')).toBe(false);
    await expect.poll(() => page.getByTestId('save-to').isEnabled()).toBe(true);
    expect(await page.evaluate('window.__saved')).toBeNull();
    expect(await page.getByText('The download failed').count()).toBe(0);
    expect(await page.getByTestId('saved').innerText()).toMatch(/^Saved picked-big-logs-classified\.csv/);
  });
});
