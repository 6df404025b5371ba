/**
 * How long the page takes from picking a file to showing its summary, to the frame. Playwright's
 * `waitFor` polls at 0, 20, 50, 100, 100 and then every 500 ms, so timing it from Node would
 * round a run up to the next poll – up to half a second. Instead the page notes (Date.now(), the
 * same clock as Node's here) the first animation frame after the summary is in the document.
 */
import type { Page } from 'playwright-core';

/**
 * Waits until the page is ready for a run: its bundle loaded and its offline copy installed. On
 * a first visit the service worker caches the build and Chromium compiles the cached scripts
 * (~270 ms of a core for the largest): work a user's first visit does once, which a run timed
 * while it goes on would count as its own.
 */
export async function waitForReadyPage(page: Page, timeoutMs = 60_000): Promise<void> {
  await page.getByTestId('bundle-name').waitFor({ timeout: timeoutMs });
  await page.locator('[data-testid="offline-state"][data-state="ready"]').waitFor({ timeout: timeoutMs });
}

export async function timeFilePickToSummary(page: Page, path: string, timeoutMs = 1_800_000): Promise<number> {
  // (No named functions inside: the TypeScript runner would wrap them in a helper the page lacks.)
  await page.evaluate(() => {
    delete (window as unknown as { __logsiftSummaryAt?: number }).__logsiftSummaryAt;
    new MutationObserver((_records, observer) => {
      if (document.querySelector('[data-testid="summary"]') === null) return;
      observer.disconnect();
      requestAnimationFrame(() => ((window as unknown as { __logsiftSummaryAt?: number }).__logsiftSummaryAt = Date.now()));
    }).observe(document.body, { childList: true, subtree: true });
  });
  const started = Date.now();
  await page.getByTestId('log-file-input').setInputFiles(path);
  await page.getByTestId('summary').waitFor({ timeout: timeoutMs });
  const shownAt = await page.waitForFunction(() => (window as unknown as { __logsiftSummaryAt?: number }).__logsiftSummaryAt, undefined, { polling: 'raf' });
  return ((await shownAt.jsonValue()) as number) - started;
}
