/**
 * The LLM tier in the page: what leaves the machine – redaction the panel shows, the confirmation
 * listing exactly what is sent, no redirect followed, a key bound to its server, a key never shown
 * in an error. The tier's runs, review and failures are in llm.test.ts.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startMockOpenAiServer, useMockOpenAiServer, type MockOpenAiServer } from '../helpers/mock-openai-server.ts';
import { configureRemoteLlm, openConsoleSession, useBrowser, writeGeneratedCsv, type GeneratedFile } from '../helpers/browser.ts';

const KEY = 'gsk_e2e_SECRET_9f8e7d6c5b4a';
const MODEL = 'deepseek-r1-distill-llama-70b';
const env = useBrowser();
const mock = useMockOpenAiServer(KEY);
let file: GeneratedFile;

beforeAll(async () => {
  file = writeGeneratedCsv(env.tmp.dir, 'llm.csv', 3000, 'e2e-llm');
  expect(file.truth.length).toBe(3000);
});

const session = () => openConsoleSession(env);

/** Remote API at the mock server, with the key (not remembered) and a model from its list. */
const configureRemote = (page: Page) => configureRemoteLlm(page, { baseUrl: mock.baseUrl, key: KEY, model: MODEL });

describe('LLM tier: what leaves the machine', () => {
  let second: MockOpenAiServer;
  beforeAll(async () => {
    second = await startMockOpenAiServer();
  });
  afterAll(() => second?.close());
  beforeEach(() => second.reset());

  const secondHost = () => new URL(second.baseUrl).host;
  /** Every piece of 4 characters of the key found in `text`. */
  const keyPieces = (text: string) => Array.from({ length: KEY.length - 3 }, (_, i) => KEY.slice(i, i + 4)).filter((piece) => text.includes(piece));
  /** The remembered key record in IndexedDB (the LLM worker's settings database), or null. */
  const storedKey = (page: Page) =>
    page.evaluate(async () => {
      const open = indexedDB.open('logsift-llm-settings');
      const db = await new Promise<IDBDatabase>((ok, fail) => {
        open.onsuccess = () => ok(open.result);
        open.onerror = () => fail(open.error);
      });
      const value = await new Promise<unknown>((ok) => {
        const req = db.transaction('values').objectStore('values').get('apiKey');
        req.onsuccess = () => ok(req.result ?? null);
      });
      db.close();
      return value as { key: string; origin: string } | null;
    });

  it('redacts personal data with the rules the panel shows and the user’s own; the confirmation lists exactly what is sent', async () => {
    const { s } = await session();
    const { page } = s;
    await configureRemote(page);
    const panel = page.getByTestId('llm-panel');
    const rules = panel.getByTestId('llm-redaction');
    await rules.locator('summary').click();
    await expect.poll(() => rules.getByTestId('redaction-rule').count()).toBeGreaterThan(8);
    const emailRule = rules.getByTestId('redaction-rule').filter({ hasText: 'e-mail addresses' });
    expect(await emailRule.getByTestId('redaction-sent').innerText()).toBe('Password reset mailed to <email>');
    const shown = await rules.innerText();
    for (const what of ['IPv6', 'MAC', 'query strings', 'user@host', 'token, password', 'user, username, uid', 'host, hostname']) expect(shown).toContain(what);

    // A rule of the user's own: refused with the reason, then added.
    await rules.getByLabel('Pattern (regular expression)').fill('(?<=CUST-)x');
    await rules.getByRole('button', { name: 'Add rule' }).click();
    await expect.poll(() => rules.getByTestId('redaction-error').innerText()).toMatch(/RE2 syntax/);
    await rules.getByLabel('Pattern (regular expression)').fill('CUST-<\\*>');
    await rules.getByLabel('Replace with').fill('<customer>');
    await rules.getByRole('button', { name: 'Add rule' }).click();
    await expect.poll(() => rules.getByTestId('custom-redaction').allInnerTexts()).toEqual([expect.stringContaining('CUST-<\\*> → <customer>')]);
    await rules.getByLabel('Try a log line').fill('Invoice for CUST-4411 mailed to jane.doe@example.com');
    await expect.poll(() => rules.getByTestId('redaction-try-sent').innerText()).toBe('Invoice for <customer> mailed to <email>');

    const lines = [
      'Invoice for CUST-4411 mailed to jane.doe@example.com',
      'Invoice for CUST-9 mailed to bob@example.org',
      'Neighbour fe80::1ff:fe23:4567:890a unreachable from 00:1a:2b:3c:4d:5e',
      'Sync for root@build-07 failed, password=Winter2024 session: xyzzy',
      'Callback https://shop.example.com/cb?order=12&email=ann@example.net failed',
    ];
    const path = resolve(env.tmp.dir, 'personal.csv');
    writeFileSync(path, ['source,log_message', ...lines.map((line) => `LegacyCRM,"${line}"`)].join('\n'));
    await page.getByTestId('log-file-input').setInputFiles(path);
    const confirm = page.getByTestId('llm-confirm');
    await confirm.waitFor({ timeout: 60_000 });
    const listed = await confirm.getByTestId('llm-confirm-messages').locator('li').allInnerTexts();
    expect(listed.sort()).toEqual(
      [
        'Invoice for <customer> mailed to <email>',
        'Neighbour <ip> unreachable from <mac>',
        'Sync for <user>@<host> failed, password=<secret> session: <secret>',
        'Callback https:/<*>?<query> failed',
      ].sort(),
    );
    expect(await confirm.getByTestId('llm-confirm-count').innerText()).toBe('4');
    await confirm.getByText('Instructions sent with each message').click();
    expect(await confirm.getByTestId('llm-confirm-instructions').innerText()).toMatch(/placeholders such as <email>/);
    await confirm.getByTestId('llm-send').click();
    await page.getByTestId('summary').waitFor({ timeout: 120_000 });
    expect(mock.chatLogs().sort()).toEqual(listed.sort());
    const bodies = mock.chatRequests().map((r) => r.body).join('\n');
    expect(bodies).not.toMatch(/CUST|jane|bob|ann@|example\.(com|org|net)|fe80|1ff|1a:2b|root|build-|Winter|xyzzy|order=/);
  });

  it('refuses a redirect to another server: the page says so, the other server gets nothing, the indicator names only the first', async () => {
    const { s } = await session();
    const { page } = s;
    // The server works at first: models load and a model is picked.
    await configureRemoteLlm(page, { baseUrl: second.baseUrl, key: KEY, model: MODEL });
    // Then it answers everything with a 307 to the mock server.
    second.behaviour.redirectTo = mock.baseUrl;
    const panel = page.getByTestId('llm-panel');
    await panel.getByRole('button', { name: 'Load models' }).click();
    await expect.poll(() => panel.getByTestId('llm-models-error').innerText()).toMatch(
      new RegExp(`${secondHost().replace(/\./g, '\\.')}/v1/models answered with a redirect; logsift does not follow redirects`),
    );

    await page.getByTestId('log-file-input').setInputFiles(file.path);
    const confirm = page.getByTestId('llm-confirm');
    await confirm.waitFor({ timeout: 60_000 });
    expect(await confirm.getByTestId('llm-confirm-host').innerText()).toBe(secondHost());
    await confirm.getByTestId('llm-send').click();
    const alert = page.getByRole('alert').filter({ hasText: 'This file could not be classified' });
    await alert.waitFor({ timeout: 120_000 });
    expect(await alert.innerText()).toMatch(/answered with a redirect; logsift does not follow redirects/);

    expect(mock.requests).toEqual([]);
    expect(second.chatRequests().every((r) => r.status === 307)).toBe(true);
    const indicator = page.getByTestId('network-indicator');
    await indicator.locator('summary').click();
    expect(await indicator.getByTestId('network-host').locator('th').allInnerTexts()).toEqual([secondHost()]);
  });

  it('a host the Content-Security-Policy blocks is named at once with how to allow it; unsaved edits are not called in use', async () => {
    const { s } = await session();
    const { page } = s;
    const panel = page.getByTestId('llm-panel');
    await panel.getByRole('radio', { name: /Remote API/ }).check();
    await panel.getByTestId('llm-remote').waitFor();
    // Typed, not saved: the panel does not present it as what the next run uses.
    const blocked = 'https://llm.blocked-by-csp.example';
    await panel.getByLabel('Base URL').fill(`${blocked}/v1`);
    await expect.poll(() => panel.getByTestId('llm-state').innerText()).toMatch(/^Not saved yet: the remote settings above are used once you press Save remote settings\./);
    // Load models saves the URL, then says – without a network wait – that the policy blocks it.
    const started = Date.now();
    await panel.getByRole('button', { name: 'Load models' }).click();
    await expect
      .poll(() => panel.getByTestId('llm-models-error').innerText(), { timeout: 3000 })
      .toBe(
        `This deployment’s Content-Security-Policy does not allow connections to ${blocked}, so the browser blocks every call to it (nothing was sent). ` +
          `To allow it, build and serve logsift with LOGSIFT_CONNECT_HOSTS="${blocked}" (see docs/security.md), or use a host the policy allows.`,
      );
    expect(Date.now() - started).toBeLessThan(3000);
    await expect.poll(() => panel.getByTestId('llm-state').innerText()).toMatch(/^Not in use yet: This deployment’s Content-Security-Policy does not allow connections to https:\/\/llm\.blocked-by-csp\.example.*LOGSIFT_CONNECT_HOSTS=/);
    expect(s.requests.some((url) => url.startsWith(blocked))).toBe(false);
    // A host the policy allows (the mock server on 127.0.0.1) works as before.
    await configureRemote(page);
  });

  it('a key belongs to the server it was entered for; Storage lists the remembered key without showing it, and deletes it', async () => {
    const { s } = await session();
    const { page } = s;
    page.on('dialog', (d) => void d.accept());
    const panel = page.getByTestId('llm-panel');
    await panel.getByRole('radio', { name: /Remote API/ }).check();
    await panel.getByLabel('Base URL').fill(mock.baseUrl);
    await panel.getByLabel('API key').fill(KEY);
    await panel.getByLabel(/Remember on this device/).check();
    await panel.getByRole('button', { name: 'Use key' }).click();
    await expect.poll(() => panel.getByTestId('llm-notice').innerText()).toBe(`API key for ${new URL(mock.baseUrl).origin} kept on this device.`);
    await panel.getByRole('button', { name: 'Save remote settings' }).click();
    expect(await storedKey(page)).toEqual({ key: KEY, origin: new URL(mock.baseUrl).origin });

    const storage = page.getByTestId('storage-panel');
    const keyItem = storage.locator('[data-testid="stored-item"][data-kind="llm-key"]');
    await expect.poll(() => keyItem.innerText()).toMatch(new RegExp(`Remembered API key\\s*for ${new URL(mock.baseUrl).origin.replace(/\./g, '\\.')} \\(not shown\\)`));
    expect(keyPieces(await page.locator('body').innerText())).toEqual([]);

    // Another server: the form warns, saving forgets the key, and the new server never gets it.
    await panel.getByLabel('Base URL').fill(second.baseUrl);
    await expect.poll(() => panel.getByTestId('llm-key-at-risk').innerText()).toMatch(/saving this URL forgets it/);
    await panel.getByRole('button', { name: 'Save remote settings' }).click();
    await expect.poll(() => panel.getByTestId('llm-notice').innerText()).toMatch(/The API key entered for http:\/\/127\.0\.0\.1:\d+ was forgotten/);
    expect(await storedKey(page)).toBeNull();
    await expect.poll(() => keyItem.count()).toBe(0);
    await panel.getByRole('button', { name: 'Load models' }).click();
    await expect.poll(() => panel.getByLabel('Model', { exact: true }).locator('option').allInnerTexts()).toContain(MODEL);
    expect(second.requests.map((r) => r.headers.authorization)).toEqual([undefined]);

    // Remembered for this server, then deleted from Storage.
    await panel.getByLabel('API key').fill(KEY);
    await panel.getByRole('button', { name: 'Use key' }).click();
    await expect.poll(() => keyItem.innerText()).toContain(new URL(second.baseUrl).origin);
    await keyItem.getByRole('button', { name: /Forget the key/ }).click();
    await expect.poll(() => keyItem.count()).toBe(0);
    expect(await storedKey(page)).toBeNull();
    await expect.poll(() => panel.getByLabel('API key').getAttribute('placeholder')).toBe('Not needed for local servers');
  });

  it('never shows the key in an error, even with tags inside it or where the message is cut', async () => {
    const { s } = await session();
    const { page } = s;
    await configureRemote(page);
    const panel = page.getByTestId('llm-panel');
    const withTags = [...KEY].map((c, i) => (i % 4 === 3 ? `<b>${c}</b>` : c)).join('');
    for (const at of [0, 190, 197, 290]) {
      const body = `<html><body><h1>401</h1><p>${'x'.repeat(at)} Invalid API key: ${withTags} (${encodeURIComponent(KEY)}) ${'y'.repeat(400)}</p></body></html>`;
      mock.behaviour.modelFailures.push({ status: 401, body });
      await panel.getByRole('button', { name: 'Load models' }).click();
      await expect.poll(() => panel.getByTestId('llm-models-error').innerText()).toMatch(/answered 401/);
      expect(keyPieces(await panel.getByTestId('llm-models-error').innerText()), `at ${at}`).toEqual([]);
    }
  });
});
