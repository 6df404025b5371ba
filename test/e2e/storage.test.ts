/**
 * The classified files a run leaves in the origin-private file system: a new run supersedes the
 * last one's, the Storage panel lists them with their size, its sizes add up to the browser's
 * count, and Delete removes them without breaking the download.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { classifyFile, download, openSession, parseCsv, useBrowser, writeGeneratedCsv } from '../helpers/browser.ts';

const env = useBrowser();

/** The output files in OPFS, with their sizes, as the page's origin sees them. */
function outputFiles(page: Page): Promise<Array<{ name: string; size: number }>> {
  return page.evaluate(async () => {
    const root = (await navigator.storage.getDirectory()) as FileSystemDirectoryHandle & { keys(): AsyncIterable<string> };
    const out: Array<{ name: string; size: number }> = [];
    for await (const name of root.keys()) {
      if (name.startsWith('logsift-output-')) out.push({ name, size: (await (await root.getFileHandle(name)).getFile()).size });
    }
    return out;
  });
}

/** "1.2 MB" → bytes, to the precision shown. */
function bytesOf(text: string): number {
  const m = /^([\d.,]+) (B|KB|MB|GB)$/.exec(text.trim());
  if (!m) throw new Error(`not a size: ${text}`);
  return Number(m[1].replace(/,/g, '')) * 1024 ** ['B', 'KB', 'MB', 'GB'].indexOf(m[2]);
}

/** How far a shown size can be from the bytes it stands for: half its last digit. */
function roundingOf(text: string): number {
  const m = /^[\d,]+(\.\d+)? (B|KB|MB|GB)$/.exec(text.trim());
  if (!m) throw new Error(`not a size: ${text}`);
  return (0.5 / 10 ** (m[1] ? m[1].length - 1 : 0)) * 1024 ** ['B', 'KB', 'MB', 'GB'].indexOf(m[2]);
}

describe('classified files in the browser', () => {
  it('a new run supersedes the last one’s file; Storage lists them with sizes that add up, and deletes them', async () => {
    env.session = await openSession(env.browser, { width: 1400, height: 1000 });
    const { page } = env.session;
    page.on('dialog', (d) => void d.accept());
    const files = [1, 2, 3].map((i) => writeGeneratedCsv(env.tmp.dir, `run-${i}.csv`, 20_000, `e2e-storage-${i}`));
    for (const [i, file] of files.entries()) {
      await classifyFile(page, file.path);
      await expect.poll(() => page.getByTestId('summary').locator('dd.file').first().innerText(), { timeout: 60_000 }).toBe(`run-${i + 1}.csv`);
    }
    expect(await page.getByTestId('summary-rows').innerText()).toBe('20,000');
    const kept = await outputFiles(page);
    expect(kept).toHaveLength(1);
    expect(kept[0].size).toBeGreaterThan(1_000_000);

    const storage = page.getByTestId('storage-panel');
    const item = storage.locator('[data-testid="stored-item"][data-kind="outputs"]');
    await expect.poll(() => item.innerText()).toMatch(/Classified files\s*1 file for downloads, 1 of this tab's last run/);
    const shown = bytesOf(await item.locator('td.num').innerText());
    expect(Math.abs(shown - kept[0].size) / kept[0].size).toBeLessThan(0.01);
    // Listed + other = the total shown.
    const shownSizes = await Promise.all(['storage-listed', 'storage-other', 'storage-total'].map((id) => storage.getByTestId(id).locator('td.num').innerText()));
    const [listed, other, total] = shownSizes.map(bytesOf);
    expect(listed).toBeGreaterThanOrEqual(shown * 0.99);
    // Equal up to how each figure is rounded for display.
    expect(Math.abs(listed + other - total)).toBeLessThanOrEqual(shownSizes.map(roundingOf).reduce((a, b) => a + b, 0));

    await item.getByRole('button', { name: /Delete the classified files/ }).click();
    await expect.poll(() => outputFiles(page)).toEqual([]);
    await expect.poll(() => item.innerText()).toMatch(/Classified files\s*none/);
    // The download is built again from the run.
    const { rows } = parseCsv((await download(page)).text);
    expect(rows).toHaveLength(20_000);
    expect(rows[0].log_message).toBe(files[2].messages[0]);
  });
});
