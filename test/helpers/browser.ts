/**
 * Shared e2e helpers: Debian's chromium through playwright-core, a fresh context per test that
 * records every request (only 127.0.0.1, data: and blob: are allowed), generated input files.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { chromium, type Browser, type BrowserContext, type Download, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect, inject } from 'vitest';
import { generateLogs } from '../../src/core/generate/generator.ts';
import { csvLine } from '../../src/core/csv/format.ts';

export const CHROMIUM = process.env.LOGSIFT_CHROMIUM ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function baseUrl(): string {
  return inject('baseUrl');
}

export function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
}

/** A page in a fresh context; `offHost()` lists every request that left 127.0.0.1. */
export interface Session {
  context: BrowserContext;
  page: Page;
  requests: string[];
  pageErrors: string[];
  offHost(): string[];
  close(): Promise<void>;
}

export async function openSession(browser: Browser, viewport = { width: 1280, height: 900 }): Promise<Session> {
  const context = await browser.newContext({ acceptDownloads: true, viewport });
  const requests: string[] = [];
  const pageErrors: string[] = [];
  context.on('request', (req) => requests.push(req.url()));
  const page = await context.newPage();
  page.on('pageerror', (err) => pageErrors.push(err.message));
  await page.goto(baseUrl());
  await page.getByTestId('bundle-name').waitFor();
  return {
    context,
    page,
    requests,
    pageErrors,
    offHost: () =>
      requests.filter((url) => {
        if (url.startsWith('data:') || url.startsWith('blob:')) return false;
        try {
          return new URL(url).hostname !== '127.0.0.1';
        } catch {
          return true;
        }
      }),
    close: () => context.close(),
  };
}

/** Ends a session, failing when the page asked for anything off 127.0.0.1 or threw. */
export async function closeSession(s: Session | undefined): Promise<void> {
  if (!s) return;
  const off = s.offHost();
  const errors = [...s.pageErrors];
  await s.close();
  expect(off, 'requests that left 127.0.0.1').toEqual([]);
  expect(errors, 'uncaught errors in the page').toEqual([]);
}

export interface TempDir {
  dir: string;
  remove(): void;
}

export function tempDir(): TempDir {
  const dir = mkdtempSync(join(tmpdir(), 'logsift-e2e-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** One browser and temp dir per test file, a session per test (checked and closed after it). */
export interface BrowserEnv {
  browser: Browser;
  tmp: TempDir;
  session: Session | undefined;
}

export function useBrowser(): BrowserEnv {
  const env = {} as BrowserEnv;
  beforeAll(async () => {
    env.browser = await launch();
    env.tmp = tempDir();
  });
  afterAll(async () => {
    await env.browser?.close();
    env.tmp?.remove();
  });
  afterEach(async () => {
    await closeSession(env.session);
    env.session = undefined;
  });
  return env;
}

export interface GeneratedFile {
  path: string;
  rows: number;
  /** The generator's label of each row, in order. */
  truth: string[];
  messages: string[];
  columns: string[];
}

/** Writes `rows` generated log rows as CSV (timestamp, source, log_message, request_id) without their labels. */
export function writeGeneratedCsv(dir: string, name: string, rows: number, seed: number | string): GeneratedFile {
  const path = join(dir, name);
  const columns = ['timestamp', 'source', 'log_message', 'request_id'];
  const truth: string[] = [];
  const messages: string[] = [];
  const parts: string[] = [csvLine(columns)];
  let i = 0;
  for (const log of generateLogs({ rows, seed })) {
    truth.push(log.target_label);
    messages.push(log.log_message);
    parts.push(csvLine([log.timestamp, log.source, log.log_message, `req-${++i}`]));
  }
  writeFileSync(path, parts.join(''));
  return { path, rows, truth, messages, columns };
}

/** Writes a labelled CSV (log_message, source, target_label) for training. */
export function writeLabelledCsv(dir: string, name: string, rows: number, seed: number | string): string {
  const path = join(dir, name);
  const parts: string[] = [csvLine(['source', 'log_message', 'target_label'])];
  for (const log of generateLogs({ rows, seed })) parts.push(csvLine([log.source, log.log_message, log.target_label]));
  writeFileSync(path, parts.join(''));
  return path;
}

export interface ParsedCsv {
  fields: string[];
  rows: Record<string, string>[];
}

export function parseCsv(text: string): ParsedCsv {
  const parsed = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true });
  expect(parsed.errors, 'CSV parse errors').toEqual([]);
  return { fields: parsed.meta.fields ?? [], rows: parsed.data };
}

export async function readDownload(download: Download): Promise<string> {
  const path = await download.path();
  return readFileSync(path, 'utf8');
}

/** Picks a file with the main file button and waits for the summary. */
export async function classifyFile(page: Page, path: string, timeout = 120_000): Promise<void> {
  await page.getByTestId('log-file-input').setInputFiles(path);
  await page.getByTestId('summary').waitFor({ timeout });
}

/** Clicks Download and returns the file's name and text. */
export async function download(page: Page): Promise<{ name: string; text: string }> {
  const [dl] = await Promise.all([page.waitForEvent('download', { timeout: 120_000 }), page.getByTestId('download').click()]);
  return { name: dl.suggestedFilename(), text: await readDownload(dl) };
}

/** The labels of the current bundle, as the Model panel lists them. */
export async function bundleLabels(page: Page): Promise<string[]> {
  return page.locator('[data-testid="model-panel"] table tbody th').allInnerTexts();
}

/** In the LLM panel: the remote API at `baseUrl`, with `key` (held for the tab, not remembered) and `model` from its list, saved. */
export async function configureRemoteLlm(page: Page, remote: { baseUrl: string; key: string; model: string }): Promise<void> {
  const panel = page.getByTestId('llm-panel');
  await panel.getByRole('radio', { name: /Remote API/ }).check();
  await panel.getByTestId('llm-remote').waitFor();
  await panel.getByLabel('Base URL').fill(remote.baseUrl);
  await panel.getByLabel('API key').fill(remote.key);
  await panel.getByRole('button', { name: 'Use key' }).click();
  await expect.poll(() => panel.getByTestId('llm-notice').innerText()).toMatch(/held until this tab closes/);
  expect(await panel.getByLabel('API key').inputValue()).toBe('');
  await panel.getByRole('button', { name: 'Load models' }).click();
  await expect.poll(() => panel.getByLabel('Model', { exact: true }).locator('option').allInnerTexts()).toContain(remote.model);
  await panel.getByLabel('Model', { exact: true }).selectOption(remote.model);
  await panel.getByRole('button', { name: 'Save remote settings' }).click();
  await expect.poll(() => panel.getByTestId('llm-state').innerText()).toMatch(new RegExp(`In use for the next run: ${remote.model} at 127\\.0\\.0\\.1:\\d+`));
}

/** In the Rules editor: adds a rule (pattern, label) at the end and saves the rules. */
export async function addRule(page: Page, pattern: string, label: string): Promise<void> {
  const editor = page.getByTestId('rules-editor');
  await editor.getByRole('button', { name: 'Add rule' }).click();
  const rule = editor.getByTestId('rule').last();
  await rule.getByTestId('rule-pattern').fill(pattern);
  await rule.getByTestId('rule-label').fill(label);
  await editor.getByTestId('save-rules').click();
  await expect.poll(() => editor.getByTestId('rules-status').innerText()).toMatch(/Rules saved/);
}

/** The test's session, in a wide window, that also records the page's console (once the LLM panel is up). */
export async function openConsoleSession(env: BrowserEnv): Promise<{ s: Session; consoleLines: string[] }> {
  const s = await openSession(env.browser, { width: 1400, height: 1000 });
  env.session = s;
  const consoleLines: string[] = [];
  s.page.on('console', (m) => consoleLines.push(m.text()));
  await s.page.getByTestId('llm-panel').waitFor();
  return { s, consoleLines };
}
