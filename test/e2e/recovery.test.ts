/**
 * Faults the page recovers from: a classify worker that dies mid-run, an LLM worker that dies,
 * cancel at any point, a corrupt stored bundle; and the network indicator and the Storage panel
 * (what is sent where, what is stored, deleting each). Untrusted text, the CSP, rules and bad
 * files are in hardening.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockOpenAiServer, type MockOpenAiServer } from '../helpers/mock-openai-server.ts';
import { addRule, configureRemoteLlm, download, openSession, parseCsv, useBrowser, writeGeneratedCsv, writeLabelledCsv, type Session } from '../helpers/browser.ts';

const env = useBrowser();

/** A session in a window large enough for every panel. */
async function wideSession(): Promise<Session> {
  const s = await openSession(env.browser, { width: 1400, height: 1000 });
  env.session = s;
  return s;
}

describe('a worker that dies', () => {
  it('is reported and restarted mid-run; the app goes on and nothing stored changed', async () => {
    const { page } = await wideSession();
    const versionsBefore = await page.getByTestId('version').count();
    const big = writeGeneratedCsv(env.tmp.dir, 'crash.csv', 300_000, 'crash');
    await page.getByTestId('log-file-input').setInputFiles(big.path);
    await page.getByRole('progressbar').first().waitFor();
    // Kill it from inside (what an out-of-memory crash looks like to the page: silence).
    const worker = env.session!.page.workers().find((w) => /classify\.worker/.test(w.url()));
    expect(worker, 'the classify worker').toBeTruthy();
    await worker!.evaluate(() => (self as unknown as { close(): void }).close()).catch(() => {});

    const restarted = page.getByRole('alert').filter({ hasText: 'The worker was restarted' });
    await restarted.waitFor({ timeout: 20_000 });
    expect(await restarted.innerText()).toMatch(/classify worker stopped: it stopped unexpectedly.*work in progress was lost; nothing stored was changed.*restarted/);
    const runAlert = page.getByRole('alert').filter({ hasText: 'This file could not be classified' });
    await runAlert.waitFor();
    expect(await page.getByRole('progressbar').count()).toBe(0);

    // The app works again, on a fresh worker.
    const small = writeGeneratedCsv(env.tmp.dir, 'after-crash.csv', 300, 'after-crash');
    await page.getByTestId('log-file-input').setInputFiles(small.path);
    await page.getByTestId('summary').waitFor();
    expect(await page.getByTestId('summary-rows').innerText()).toBe('300');
    expect(await page.getByTestId('version').count()).toBe(versionsBefore);
    expect(await page.getByTestId('bundle-name').innerText()).toMatch(/built-in/);
  });
});

describe('the LLM worker dies', () => {
  const KEY = 'gsk_llm_crash_KEY_456';
  const MODEL = 'deepseek-r1-distill-llama-70b';
  let mock: MockOpenAiServer;
  beforeAll(async () => {
    mock = await startMockOpenAiServer({ requireKey: KEY });
  });
  afterAll(() => mock?.close());

  it('is reported and restarted; the settings come back from storage and the LLM panel works again', async () => {
    const { page } = await wideSession();
    const panel = page.getByTestId('llm-panel');
    await configureRemoteLlm(page, { baseUrl: mock.baseUrl, key: KEY, model: MODEL });

    // Kill it from inside: to the page, a crash is silence.
    const worker = env.session!.page.workers().find((w) => /llm\.worker/.test(w.url()));
    expect(worker, 'the LLM worker').toBeTruthy();
    await worker!.evaluate(() => (self as unknown as { close(): void }).close()).catch(() => {});

    const error = panel.getByTestId('llm-error');
    await error.waitFor({ timeout: 20_000 });
    expect(await error.innerText()).toMatch(/The LLM worker stopped: it stopped unexpectedly.*It has been restarted.*LLM settings were read again from storage.*API key held for this tab went with it: enter it again/);

    // A fresh worker with the stored settings: remote, the same host and model.
    await expect.poll(() => page.workers().filter((w) => /llm\.worker/.test(w.url())).length, { timeout: 20_000 }).toBeGreaterThanOrEqual(1);
    expect(await panel.getByRole('radio', { name: /Remote API/ }).isChecked()).toBe(true);
    await expect.poll(() => panel.getByTestId('llm-state').innerText()).toMatch(new RegExp(`In use for the next run: ${MODEL} at ${new URL(mock.baseUrl).host.replace(/\./g, '\\.')}`));
    // It works again: the key, then the server's list (which needs the key).
    await panel.getByLabel('API key').fill(KEY);
    await panel.getByRole('button', { name: 'Use key' }).click();
    await expect.poll(() => panel.getByTestId('llm-notice').innerText()).toMatch(/held until this tab closes/);
    expect(await panel.getByTestId('llm-error').count()).toBe(0);
    await panel.getByRole('button', { name: 'Load models' }).click();
    await expect.poll(() => panel.getByLabel('Model', { exact: true }).locator('option').allInnerTexts()).toContain(MODEL);
    expect(await page.locator('body').innerText()).not.toContain(KEY);
  });
});

describe('cancel at any point', () => {
  it('leaves the app usable and the stored state unchanged (run, download, training)', async () => {
    const { page } = await wideSession();
    // Some stored state: an edited rule (a version), a training set.
    await addRule(page, 'cancel-marker-\\d+', 'Error');
    const stored = async () =>
      page.evaluate(async () => {
        const open = indexedDB.open('logsift');
        const db = await new Promise<IDBDatabase>((ok, fail) => {
          open.onsuccess = () => ok(open.result);
          open.onerror = () => fail(open.error);
        });
        const read = (store: string) =>
          new Promise<unknown[]>((ok) => {
            const req = db.transaction(store).objectStore(store).getAll();
            req.onsuccess = () => ok(req.result);
          });
        const out = JSON.stringify([await read('versions'), await read('meta'), await read('trainingSet')]);
        db.close();
        return out;
      });
    await page.getByRole('tab', { name: 'Training' }).click();
    await page.getByTestId('training-csv-input').setInputFiles(writeLabelledCsv(env.tmp.dir, 'cancel-labels.csv', 40_000, 'cancel'));
    // Importing 40,000 rows takes the worker a few seconds: longer than a poll's default second.
    await expect.poll(() => page.getByTestId('training-set-size').innerText(), { timeout: 30_000 }).toMatch(/[1-9]/);
    await page.getByRole('tab', { name: 'Classify' }).click();
    const before = await stored();

    const big = writeGeneratedCsv(env.tmp.dir, 'cancel-big.csv', 300_000, 'cancel-big');
    // 1. Right after the start.
    await page.getByTestId('log-file-input').setInputFiles(big.path);
    await page.getByRole('progressbar').first().waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('run-notice').innerText()).toMatch(/Run cancelled/);
    // 2. Midway.
    await page.getByTestId('log-file-input').setInputFiles(big.path);
    await expect.poll(() => page.getByRole('progressbar').first().getAttribute('aria-valuenow').then((v) => Number(v ?? 0)), { timeout: 30_000 }).toBeGreaterThan(20);
    await page.getByRole('button', { name: 'Cancel run' }).click();
    await expect.poll(() => page.getByTestId('run-notice').innerText()).toMatch(/Run cancelled/);
    expect(await stored()).toBe(before);

    // 3. Training, cancelled.
    await page.getByRole('tab', { name: 'Training' }).click();
    await page.getByTestId('train-button').click();
    const progress = page.getByTestId('train-panel').getByRole('progressbar');
    await progress.waitFor();
    await page.getByTestId('train-panel').getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => page.getByTestId('train-notice').innerText()).toMatch(/Training cancelled/);
    expect(await stored()).toBe(before);
    await page.getByRole('tab', { name: 'Classify' }).click();

    // Usable: a run to the end, and its download with Explain (a second pass), cancelled and then done.
    const small = writeGeneratedCsv(env.tmp.dir, 'cancel-small.csv', 2000, 'cancel-small');
    await page.getByTestId('log-file-input').setInputFiles(small.path);
    await page.getByTestId('summary').waitFor();
    await page.getByTestId('explain').check();
    const { text } = await download(page);
    expect(parseCsv(text).rows).toHaveLength(2000);
    expect(await stored()).toBe(before);
  });
});

describe('a corrupt stored bundle', () => {
  it('the app starts on the built-in default and says what happened', async () => {
    const { page } = await wideSession();
    await page.evaluate(async () => {
      const open = indexedDB.open('logsift');
      const db = await new Promise<IDBDatabase>((ok) => (open.onsuccess = () => ok(open.result)));
      const tx = db.transaction(['versions', 'meta'], 'readwrite');
      tx.objectStore('versions').put({ id: 'v-corrupt', seq: 1, name: 'Broken bundle', json: '{"format": "logsift-bundle", oops' });
      tx.objectStore('meta').put('v-corrupt', 'activeVersion');
      await new Promise((ok) => (tx.oncomplete = ok));
      db.close();
    });
    await page.reload();
    await page.getByTestId('bundle-name').waitFor();
    const notice = page.getByTestId('storage-notice');
    await notice.waitFor();
    expect(await notice.innerText()).toMatch(/“Broken bundle” could not be read.*built-in default is in use/);
    expect(await page.getByTestId('bundle-name').innerText()).toMatch(/built-in/);
    const small = writeGeneratedCsv(env.tmp.dir, 'after-corrupt.csv', 100, 'after-corrupt');
    await page.getByTestId('log-file-input').setInputFiles(small.path);
    await page.getByTestId('summary').waitFor();
  });
});

describe('network indicator and storage', () => {
  let mock: MockOpenAiServer;
  beforeAll(async () => {
    mock = await startMockOpenAiServer({ requireKey: 'gsk_hardening_KEY_123' });
  });
  afterAll(() => mock?.close());

  it('shows nothing sent, then the LLM host and its requests', async () => {
    const { page } = await wideSession();
    const indicator = page.getByTestId('network-indicator');
    expect(await indicator.getByTestId('network-summary').innerText()).toBe('Nothing sent');
    // A run sends nothing.
    const small = writeGeneratedCsv(env.tmp.dir, 'net.csv', 200, 'net');
    await page.getByTestId('log-file-input').setInputFiles(small.path);
    await page.getByTestId('summary').waitFor();
    expect(await indicator.getByTestId('network-summary').innerText()).toBe('Nothing sent');

    // The remote LLM: listing its models is a request to its host.
    const panel = page.getByTestId('llm-panel');
    await panel.getByRole('radio', { name: /Remote API/ }).check();
    await panel.getByLabel('Base URL').fill(mock.baseUrl);
    await panel.getByLabel('API key').fill('gsk_hardening_KEY_123');
    await panel.getByRole('button', { name: 'Use key' }).click();
    await panel.getByRole('button', { name: 'Load models' }).click();
    const host = new URL(mock.baseUrl).host;
    await expect.poll(() => indicator.getByTestId('network-summary').innerText()).toBe(`Sent to ${host}`);
    await indicator.locator('summary').click();
    const row = indicator.getByTestId('network-host');
    expect(await row.innerText()).toContain(host);
    expect(await row.innerText()).toMatch(/\b1\b/);
    // Never the key.
    expect(await page.locator('body').innerText()).not.toContain('gsk_hardening_KEY_123');
  });

  it('lists what is stored with sizes and deletes each', async () => {
    const { page } = await wideSession();
    await addRule(page, 'storage-marker', 'Error');
    await page.getByRole('tab', { name: 'Training' }).click();
    await page.getByTestId('training-csv-input').setInputFiles(writeLabelledCsv(env.tmp.dir, 'storage-labels.csv', 300, 'storage'));
    await expect.poll(() => page.getByTestId('training-set-size').innerText()).toMatch(/[1-9]/);
    await page.getByRole('tab', { name: 'Classify' }).click();
    const panel = page.getByTestId('storage-panel');
    await panel.getByTestId('storage-refresh').click();
    const item = (kind: string) => panel.locator(`[data-testid="stored-item"][data-kind="${kind}"]`);
    await expect.poll(() => item('training').innerText()).toMatch(/Training set\s*[1-9][\d,]* labelled lines[\s\S]*\d+(\.\d+)? (B|KB|MB)/);
    await expect.poll(() => item('versions').innerText()).toMatch(/1 version, one of them in use/);
    await expect.poll(() => item('app-cache').count(), { timeout: 30_000 }).toBe(1);
    await expect.poll(async () => (await panel.getByTestId('storage-refresh').click(), item('app-cache').innerText())).toMatch(/Offline copy of logsift[\s\S]*MB/);

    page.on('dialog', (d) => void d.accept());
    await item('training').getByRole('button', { name: /Delete/ }).click();
    await expect.poll(() => item('training').innerText()).toMatch(/0 labelled lines/);
    await page.getByRole('tab', { name: 'Training' }).click();
    await expect.poll(() => page.getByTestId('training-set-size').innerText()).toMatch(/^0|\b0\b/);
  });
});
