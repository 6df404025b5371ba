/**
 * Offline use: the service worker precaches the app, so that after one visit the page
 * loads, classifies and downloads with the server gone and the browser offline; the app is
 * installable; a new version waits while a run is in progress and is used after Reload.
 *
 * Each test serves the build on a port of its own (a fresh origin, so a fresh service worker),
 * and stops that server to be sure nothing comes from the network.
 */
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { startPreview, type Preview } from '../../scripts/lib/preview.ts';
import { download, parseCsv, useBrowser, writeGeneratedCsv } from '../helpers/browser.ts';

const env = useBrowser();
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const DIST = process.env.LOGSIFT_DIST ?? 'dist';

async function waitOfflineReady(page: Page): Promise<string> {
  const badge = page.getByTestId('offline-state');
  await expect.poll(() => badge.getAttribute('data-state'), { timeout: 60_000 }).toBe('ready');
  await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller), { timeout: 30_000 }).toBe(true);
  await expect.poll(() => badge.getAttribute('data-version'), { timeout: 10_000 }).toMatch(/^[0-9a-f]{16}$/);
  return (await badge.getAttribute('data-version')) ?? '';
}

describe('offline', () => {
  it('loads, classifies and downloads with the server stopped and the browser offline', async () => {
    const preview: Preview = await startPreview(DIST);
    const context = await env.browser.newContext({ acceptDownloads: true });
    const requests: string[] = [];
    const errors: string[] = [];
    context.on('request', (r) => requests.push(r.url()));
    try {
      const page = await context.newPage();
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(preview.url);
      await page.getByTestId('bundle-name').waitFor();
      await waitOfflineReady(page);

      // Installable: a manifest with name, icons, start URL, display, and a service worker.
      const cdp = await context.newCDPSession(page);
      const { installabilityErrors } = (await cdp.send('Page.getInstallabilityErrors')) as { installabilityErrors: { errorId: string }[] };
      // Playwright's contexts are incognito profiles, where Chromium never installs: that is the only objection allowed.
      expect(installabilityErrors.map((e) => e.errorId).filter((id) => id !== 'in-incognito')).toEqual([]);
      const manifest = (await cdp.send('Page.getAppManifest')) as { url: string; errors: unknown[] };
      expect(manifest.url).toMatch(/manifest\.webmanifest$/);
      expect(manifest.errors).toEqual([]);

      // The precache holds the workers, onnxruntime's .wasm and the built-in bundle.
      const cached = await page.evaluate(async () => {
        const names = await caches.keys();
        const urls: string[] = [];
        for (const name of names.filter((n) => n.startsWith('logsift-app-') && n !== 'logsift-app-history')) {
          for (const req of await (await caches.open(name)).keys()) urls.push(new URL(req.url).pathname);
        }
        return urls;
      });
      expect(cached).toContain('/index.html');
      expect(cached).toContain('/default-bundle.json');
      expect(cached.some((u) => /\/assets\/classify\.worker-.*\.js$/.test(u))).toBe(true);
      expect(cached.some((u) => /\/assets\/ort-wasm-simd-threaded.*\.wasm$/.test(u))).toBe(true);
      expect(cached.some((u) => u.endsWith('.map'))).toBe(false);

      // Gone: the server, and the network.
      await preview.stop();
      await context.setOffline(true);
      await page.reload();
      await page.getByTestId('bundle-name').waitFor({ timeout: 30_000 });
      expect(await page.getByTestId('bundle-name').innerText()).toMatch(/built-in/);

      const file = writeGeneratedCsv(env.tmp.dir, 'offline.csv', 400, 'offline');
      await page.getByTestId('log-file-input').setInputFiles(file.path);
      await page.getByTestId('summary').waitFor({ timeout: 60_000 });
      const { name, text } = await download(page);
      expect(name).toBe('offline-classified.csv');
      const out = parseCsv(text);
      expect(out.rows).toHaveLength(400);
      expect(out.rows.map((r) => r.log_message)).toEqual(file.messages);
      expect(out.rows.every((r) => r.target_label)).toBe(true);
      // The example file too (fetched by the page from the cache).
      await page.getByRole('button', { name: /Try an example/ }).click();
      await expect.poll(() => page.getByTestId('summary').innerText(), { timeout: 60_000 }).toMatch(/example-logs\.csv/);
      expect(errors).toEqual([]);
      expect(requests.filter((u) => !/^(https?:\/\/127\.0\.0\.1[:/]|blob:|data:)/.test(u))).toEqual([]);
    } finally {
      await context.close();
      await preview.stop();
    }
  });

  it('a new version waits while a run is in progress, then Reload switches to it', async () => {
    // A copy of the build that can be changed into "the next version".
    const copy = join('test-results', `update-dist-${process.pid}`);
    rmSync(join(ROOT, copy), { recursive: true, force: true });
    cpSync(join(ROOT, DIST), join(ROOT, copy), { recursive: true });
    const preview = await startPreview(copy);
    const context = await env.browser.newContext({ acceptDownloads: true });
    try {
      const page = await context.newPage();
      await page.goto(preview.url);
      await page.getByTestId('bundle-name').waitFor();
      const oldVersion = await waitOfflineReady(page);

      // The next version: the same files with another version hash (same length, so the server's sizes hold).
      const swPath = join(ROOT, copy, 'sw.js');
      const newVersion = oldVersion.split('').reverse().join('') === oldVersion ? 'f'.repeat(16) : oldVersion.split('').reverse().join('');
      writeFileSync(swPath, readFileSync(swPath, 'utf8').replace(`"${oldVersion}"`, `"${newVersion}"`));

      // The new version is found and installed; it waits.
      await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());
      const banner = page.getByTestId('update-banner');
      await banner.waitFor({ timeout: 60_000 });
      expect(await page.getByTestId('update-reload').isDisabled()).toBe(false);

      // A long run: while it is in progress, Reload is refused.
      const big = writeGeneratedCsv(env.tmp.dir, 'update-run.csv', 300_000, 'update');
      await page.getByTestId('log-file-input').setInputFiles(big.path);
      await page.getByRole('progressbar').first().waitFor();
      expect(await page.getByTestId('update-reload').isDisabled()).toBe(true);
      expect(await banner.innerText()).toMatch(/when the work in progress has finished/);
      // The run ends normally: nothing was reloaded or broken by the new version.
      await page.getByTestId('summary').waitFor({ timeout: 180_000 });
      expect(await page.getByTestId('summary').innerText()).toMatch(/300,000/);
      expect(await page.getByTestId('offline-state').getAttribute('data-version')).toBe(oldVersion);

      // Now Reload switches to the new version.
      await expect.poll(() => page.getByTestId('update-reload').isDisabled()).toBe(false);
      await Promise.all([page.waitForEvent('load', { timeout: 30_000 }), page.getByTestId('update-reload').click()]);
      await page.getByTestId('bundle-name').waitFor();
      await expect.poll(() => page.getByTestId('offline-state').getAttribute('data-version'), { timeout: 20_000 }).toBe(newVersion);
      expect(await page.getByTestId('update-banner').count()).toBe(0);
    } finally {
      await context.close();
      await preview.stop();
      rmSync(join(ROOT, copy), { recursive: true, force: true });
    }
  });
});
