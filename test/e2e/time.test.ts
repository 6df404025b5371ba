/**
 * Time in the page: a file spanning five days with a burst of a new error on the fourth. The
 * summary's histogram shows the burst, brushing that day shows only its rows in the results (and
 * the filtered download holds exactly those), and the patterns sorted by "new" put the new error
 * first – of the run, and of the same file picked for discovery.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { classifyFile, download, openSession, parseCsv, readDownload, useBrowser, type ParsedCsv } from '../helpers/browser.ts';

const env = useBrowser();

const HOUR = 3_600_000;
const START = Date.UTC(2024, 4, 1);
const BURST_HOUR = 3 * 24 + 14; // day 4, 14:00
const BURST = 60;

/** A log4j-style time, without a zone: the page shows it as written. */
const written = (ms: number) => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');

/** Routine lines four times an hour for five days, and 60 payment timeouts within one hour of day 4. */
function burstFile(dir: string): { path: string; rows: number; dayFour: number } {
  let text = 'timestamp,source,log_message\n';
  let rows = 0;
  for (let h = 0; h < 5 * 24; h++) {
    for (let q = 0; q < 4; q++) {
      const at = written(START + h * HOUR + q * 15 * 60_000);
      const line = q % 2 ? `Heartbeat from node-${h % 5} ok in ${q + 3} ms` : `Cache refreshed with ${100 + h} entries`;
      text += `${at},Scheduler,${line}\n`;
      rows++;
    }
  }
  for (let i = 0; i < BURST; i++) {
    text += `${written(START + BURST_HOUR * HOUR + i * 60_000)},Payments,Payment gateway timeout after ${i % 4} retries for order ${9000 + i}\n`;
    rows++;
  }
  const path = join(dir, 'five-days.csv');
  writeFileSync(path, text);
  return { path, rows, dayFour: 24 * 4 + BURST };
}

/** Clicks the download of the filtered rows: its file name and its rows. */
async function downloadFiltered(page: Page): Promise<{ name: string; csv: ParsedCsv }> {
  const [dl] = await Promise.all([page.waitForEvent('download', { timeout: 120_000 }), page.getByTestId('download-filtered').click()]);
  return { name: dl.suggestedFilename(), csv: parseCsv(await readDownload(dl)) };
}

describe('time in the page', () => {
  it('shows the burst in the histogram, filters the table to a brushed day, and sorts the new pattern first', async () => {
    env.session = await openSession(env.browser);
    const { page } = env.session;
    const file = burstFile(env.tmp.dir);
    await classifyFile(page, file.path);

    // The histogram: hourly bars over the five days; the burst's hour is the tallest.
    const chart = page.getByTestId('time-histogram');
    await chart.waitFor();
    expect(await chart.innerText()).toMatch(/1 hour per bar, times from column “timestamp” \(iso\), as written/);
    const bars = chart.locator('g[data-bucket]');
    expect(await bars.count()).toBe(120);
    const heights = (await bars.evaluateAll((gs) => gs.map((g) => Number(g.getAttribute('data-rows'))))) as number[];
    expect(heights[BURST_HOUR]).toBe(4 + BURST);
    expect(Math.max(...heights.filter((_, i) => i !== BURST_HOUR))).toBe(4);
    await expect.poll(() => page.getByTestId('results-count').innerText()).toBe(`${file.rows.toLocaleString('en-US')} rows`);

    // Brush day 4: from its first hour to its last.
    const box = (await chart.locator('svg').boundingBox())!;
    const xOf = (bucket: number) => box.x + ((bucket + 0.5) / 120) * box.width;
    const y = box.y + box.height / 2;
    await page.mouse.move(xOf(3 * 24), y);
    await page.mouse.down();
    await page.mouse.move(xOf(3 * 24 + 12), y, { steps: 4 });
    await page.mouse.move(xOf(4 * 24 - 1), y, { steps: 4 });
    await page.mouse.up();
    await expect.poll(() => page.getByTestId('time-range').innerText()).toMatch(/Showing rows from 2024-05-04 00:00 to 2024-05-05 00:00/);
    await expect.poll(() => page.getByTestId('results-count').innerText()).toBe(`${file.dayFour} of ${file.rows.toLocaleString('en-US')} rows match`);
    // The first row shown is the day's first: its cache line counts 100 + its hour of the file.
    await expect.poll(() => page.getByTestId('result-row').first().innerText()).toMatch(/Cache refreshed with 172 entries/);

    // Download the filtered rows: exactly that day's, with the output's columns, under a name that says so.
    const full = parseCsv((await download(page)).text);
    const onDayFour = full.rows.filter((r) => r.timestamp.startsWith('2024-05-04'));
    expect(onDayFour).toHaveLength(file.dayFour);
    const filteredButton = page.getByTestId('download-filtered');
    expect(await filteredButton.innerText()).toBe(`Download the ${file.dayFour} filtered rows (five-days-classified-filtered.csv)`);
    const day = await downloadFiltered(page);
    expect(day.name).toBe('five-days-classified-filtered.csv');
    expect(day.csv.fields).toEqual(['timestamp', 'source', 'log_message', 'target_label']);
    expect(day.csv.rows).toEqual(onDayFour);
    // Another filter on top (a search) narrows the download too.
    await page.getByTestId('filter-search').fill('Payment gateway');
    await expect.poll(() => page.getByTestId('results-count').innerText()).toBe(`${BURST} of ${file.rows.toLocaleString('en-US')} rows match`);
    expect((await downloadFiltered(page)).csv.rows).toEqual(onDayFour.filter((r) => r.log_message.startsWith('Payment gateway')));
    await page.getByTestId('filter-search').fill('');
    await expect.poll(() => page.getByTestId('results-count').innerText()).toBe(`${file.dayFour} of ${file.rows.toLocaleString('en-US')} rows match`);

    // Patterns of the run, newest first: the payment timeouts lead.
    await page.getByTestId('discover-patterns').click();
    await expect.poll(() => page.getByTestId('patterns-notice').innerText()).toMatch(/^Found [\d,]+ patterns/);
    const first = () => page.getByTestId('pattern-row').first().getByTestId('pattern-template').innerText();
    expect(await first()).not.toMatch(/^Payment gateway timeout/);
    await page.getByTestId('patterns-order').selectOption('new');
    await expect.poll(first).toMatch(/^Payment gateway timeout after <\*> retries for order <\*>$/);
    expect(await page.getByTestId('pattern-row').first().getByTestId('pattern-seen').innerText()).toBe('2024-05-04 14:00 – 2024-05-04 14:59');

    // Showing all times again shows every row.
    await page.getByRole('button', { name: 'Show all times' }).click();
    await expect.poll(() => page.getByTestId('results-count').innerText()).toBe(`${file.rows.toLocaleString('en-US')} rows`);
    expect(await page.getByTestId('download-filtered').count()).toBe(0);

    // The same file picked for discovery (not the run): its patterns have their times too.
    await page.getByTestId('patterns-file-input').setInputFiles(file.path);
    await expect.poll(() => page.getByTestId('patterns-summary').innerText()).toMatch(/lines of five-days\.csv/);
    await page.getByTestId('patterns-order').selectOption('new');
    await expect.poll(first).toMatch(/^Payment gateway timeout after <\*> retries for order <\*>$/);
    expect(await page.getByTestId('pattern-row').first().getByTestId('pattern-seen').innerText()).toBe('2024-05-04 14:00 – 2024-05-04 14:59');
  }, 180_000);
});
