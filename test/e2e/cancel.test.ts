/**
 * A big run shows progress and can be cancelled (button and Escape); the page stays responsive
 * during the run and usable after it.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { classifyFile, type GeneratedFile, openSession, useBrowser, writeGeneratedCsv } from '../helpers/browser.ts';

const env = useBrowser();
let big: GeneratedFile;
let small: GeneratedFile;

beforeAll(() => {
  big = writeGeneratedCsv(env.tmp.dir, 'big.csv', 300_000, 'e2e-cancel');
  small = writeGeneratedCsv(env.tmp.dir, 'small.csv', 300, 'e2e-after-cancel');
});

/** Starts the big run and waits until the progress bar reports some rows. */
async function startBigRun(page: Page): Promise<void> {
  await page.getByTestId('log-file-input').setInputFiles(big.path);
  const progress = page.getByRole('progressbar');
  await progress.waitFor();
  await expect.poll(() => page.getByText(/[\d,]+ rows done/).count(), { timeout: 60_000 }).toBe(1);
  const detail = await page.getByText(/[\d,]+ rows done/).innerText();
  expect(detail).toMatch(/rows\/s/);
  expect(detail).toMatch(/left|estimating/);
}

async function expectUsableAfterCancel(page: Page): Promise<void> {
  await page.getByTestId('run-notice').waitFor();
  expect(await page.getByTestId('run-notice').innerText()).toMatch(/^Run cancelled after [\d,]+ rows/);
  expect(await page.getByRole('progressbar').count()).toBe(0);
  expect(await page.getByTestId('summary').count()).toBe(0);
  await classifyFile(page, small.path);
  await expect.poll(() => page.getByTestId('summary-rows').innerText()).toBe('300');
}

describe('a big run', () => {
  it('can be cancelled with the button, and the page stays responsive meanwhile', async () => {
    env.session = await openSession(env.browser);
    const { page } = env.session;
    await startBigRun(page);
    // The main thread answers quickly while the worker is busy.
    const t0 = Date.now();
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(null))));
    expect(Date.now() - t0).toBeLessThan(1000);
    await page.getByRole('button', { name: 'Cancel run' }).click();
    await expectUsableAfterCancel(page);
  });

  it('can be cancelled with Escape', async () => {
    env.session = await openSession(env.browser);
    const { page } = env.session;
    await startBigRun(page);
    await page.keyboard.press('Escape');
    await expectUsableAfterCancel(page);
  });
});
