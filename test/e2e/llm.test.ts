/**
 * The LLM tier in the page. Headless Chromium has no WebGPU adapter, so the local model says so;
 * the remote path runs against the mock OpenAI-compatible server on 127.0.0.1 (with a required
 * key): confirmation listing every message as sent with the host, tier `llm`, a 429 retried, the
 * key nowhere it must not be, a cached re-run, the review list feeding the training set, and
 * cancel during the calls. What leaves the machine (redaction, redirects, keys) is in
 * llm-privacy.test.ts.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseBundle } from '../../src/core/bundle.ts';
import { Classifier } from '../../src/core/classifier.ts';
import { LlmKeyCollector } from '../../src/core/llm/llm-tier.ts';
import { compileRedactor } from '../../src/core/llm/redact.ts';
import { maskMessage } from '../../src/core/message-key.ts';
import { runClassification } from '../../src/core/run.ts';
import { startMockOpenAiServer, useMockOpenAiServer } from '../helpers/mock-openai-server.ts';
import { configureRemoteLlm, download, openConsoleSession, parseCsv, readDownload, useBrowser, writeGeneratedCsv, type GeneratedFile } from '../helpers/browser.ts';

const KEY = 'gsk_e2e_SECRET_9f8e7d6c5b4a';
const MODEL = 'deepseek-r1-distill-llama-70b';
const env = useBrowser();
const mock = useMockOpenAiServer(KEY);
let file: GeneratedFile;
let other: GeneratedFile;
let expectedMessages: string[];

/** What the page's dry run should find: the distinct keys tier 3 gets with the built-in bundle. */
async function llmKeys(path: string): Promise<Set<string>> {
  const bundle = parseBundle(readFileSync(resolve(import.meta.dirname, '../../public/default-bundle.json'), 'utf8'));
  const collector = new LlmKeyCollector();
  await runClassification({ input: new Blob([readFileSync(path)]), kind: 'csv', classifier: new Classifier(bundle, undefined, { llm: collector }), explain: false });
  return collector.keys;
}

/** The distinct messages a remote LLM gets for a file: its keys, redacted with the built-in rules. */
async function llmMessages(path: string): Promise<string[]> {
  const redact = compileRedactor();
  return [...new Set([...(await llmKeys(path))].map(redact))].sort();
}

beforeAll(async () => {
  file = writeGeneratedCsv(env.tmp.dir, 'llm.csv', 3000, 'e2e-llm');
  other = writeGeneratedCsv(env.tmp.dir, 'llm-cancel.csv', 3000, 'e2e-llm-cancel');
  expectedMessages = await llmMessages(file.path);
  expect(file.truth.length).toBe(3000);
});

const session = () => openConsoleSession(env);

/** Remote API at the mock server, with the key (not remembered) and a model from its list. */
const configureRemote = (page: Page) => configureRemoteLlm(page, { baseUrl: mock.baseUrl, key: KEY, model: MODEL });

const host = () => new URL(mock.baseUrl).host;

/** Drops `path` on the page and answers the confirmation (Send or Don't send), up to the summary. */
async function classifyAnswering(page: Page, path: string, button: 'llm-send' | 'llm-dont-send'): Promise<void> {
  await page.getByTestId('log-file-input').setInputFiles(path);
  await page.getByTestId('llm-confirm').waitFor({ timeout: 60_000 });
  await page.getByTestId(button).click();
  await page.getByTestId('summary').waitFor({ timeout: 120_000 });
}

describe('LLM tier', () => {
  it('says clearly that WebGPU is missing and what to do instead; sizes are shown before download', async () => {
    const { s } = await session();
    const panel = s.page.getByTestId('llm-panel');
    // Local is the default choice.
    expect(await panel.getByRole('radio', { name: /Local model/ }).isChecked()).toBe(true);
    const missing = panel.getByTestId('webgpu-missing');
    await missing.waitFor();
    const text = await missing.innerText();
    expect(text).toMatch(/No WebGPU here/);
    expect(text).toMatch(/no GPU adapter|does not offer WebGPU/);
    expect(text).toMatch(/Chrome or Edge/);
    expect(text).toMatch(/Remote API/);
    expect(await panel.getByTestId('llm-load').isDisabled()).toBe(true);
    const models = await panel.getByTestId('local-model').allInnerTexts();
    expect(models.join('\n')).toMatch(/DeepSeek R1 Distill Qwen 7B[\s\S]*4\.3 GB download · 5\.1 GB of GPU memory/);
    expect(models.join('\n')).toMatch(/DeepSeek R1 Distill Llama 8B/);
    expect(models.join('\n')).toMatch(/Qwen2\.5 1\.5B Instruct[\s\S]*900 MB download/);
    expect(await panel.getByTestId('llm-state').innerText()).toMatch(/local model is not loaded/);
  });

  it('classifies routed lines through the remote API: confirmation, retry, key kept private, cache, review → training', async () => {
    const { s, consoleLines } = await session();
    const { page } = s;
    await configureRemote(page);

    mock.behaviour.failures.push({ status: 429, retryAfter: '0' });
    await page.getByTestId('log-file-input').setInputFiles(file.path);
    const confirm = page.getByTestId('llm-confirm');
    await confirm.waitFor({ timeout: 60_000 });
    const expectedKeys = expectedMessages.length;
    expect(await confirm.getByTestId('llm-confirm-count').innerText()).toBe(String(expectedKeys));
    expect(await confirm.getByTestId('llm-confirm-host').innerText()).toBe(host());
    expect(await confirm.getByTestId('llm-confirm-endpoint').innerText()).toBe(`${mock.baseUrl}/chat/completions`);
    // Every message, exactly as it would be sent, in a list the user can scroll.
    const listed = (await confirm.getByTestId('llm-confirm-messages').locator('li').allInnerTexts()).sort();
    expect(listed).toEqual(expectedMessages);
    expect(await confirm.getByTestId('llm-confirm-messages').evaluate((el) => getComputedStyle(el).overflowY)).toBe('auto');
    expect(mock.chatRequests()).toHaveLength(0); // nothing before the confirmation
    const requestsBefore = mock.requests.length;
    await confirm.getByTestId('llm-send').click();
    await page.getByTestId('summary').waitFor({ timeout: 120_000 });

    // Every distinct message once, plus the one 429 retried: the messages listed, and no other.
    expect(mock.chatRequests()).toHaveLength(expectedKeys + 1);
    expect(mock.chatRequests()[0].status).toBe(429);
    expect([...new Set(mock.chatLogs())].sort()).toEqual(listed);
    expect(await page.getByTestId('llm-stats').innerText()).toMatch(new RegExp(`${expectedKeys} messages? sent, 0 from the cache, 1 retry`));
    // The network indicator names the same host, and every request the server got.
    const indicator = page.getByTestId('network-indicator');
    await indicator.locator('summary').click();
    const hostRows = indicator.getByTestId('network-host');
    expect(await hostRows.count()).toBe(1);
    expect(await hostRows.locator('th').innerText()).toBe(host());
    expect(mock.requests.length).toBe(requestsBefore + expectedKeys + 1);
    expect(await hostRows.locator('td').first().innerText()).toMatch(new RegExp(`^${mock.requests.length}\\b`));
    await indicator.locator('summary').click();

    // Rows: LegacyCRM lines are labelled by the LLM.
    await page.getByTestId('explain').check();
    const out = await download(page);
    const { rows } = parseCsv(out.text);
    expect(rows).toHaveLength(3000);
    const legacy = rows.filter((r) => r.source === 'LegacyCRM');
    expect(legacy.length).toBeGreaterThan(0);
    expect(legacy.every((r) => r.tier === 'llm')).toBe(true);
    expect(rows.some((r) => r.tier === 'llm-pending')).toBe(false);

    // Exported bundle.
    const [bundleDl] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export bundle' }).click()]);
    const bundleText = await readDownload(bundleDl);

    // Re-run: all answers cached, no confirmation, no call.
    await page.getByTestId('log-file-input').setInputFiles(file.path);
    await expect.poll(() => page.getByTestId('llm-stats').count(), { timeout: 120_000 }).toBe(1);
    const distinctKeys = (await llmKeys(file.path)).size;
    await expect.poll(() => page.getByTestId('llm-stats').innerText()).toMatch(new RegExp(`0 messages sent, ${distinctKeys} from the cache`));
    expect(await page.getByTestId('llm-confirm').count()).toBe(0);
    expect(mock.chatRequests()).toHaveLength(expectedKeys + 1);

    // The review list shows the model's reasons; accepting and correcting add to the training set.
    const review = page.getByTestId('llm-review');
    await review.waitFor();
    const reasons = await review.getByTestId('review-reason').allInnerTexts();
    expect(reasons.length).toBeGreaterThan(0);
    expect(reasons.every((r) => /^The line reads like a typical .+ message\.$/.test(r))).toBe(true);
    const items = review.getByTestId('review-item');
    const acceptable = items.filter({ hasNot: page.locator('[data-testid="review-label"]', { hasText: /^Unclassified$/ }) });
    await acceptable.first().getByRole('button', { name: 'Accept' }).click();
    await expect.poll(() => review.getByTestId('review-notice').innerText()).toMatch(/^Added to the training set \(\d+ rows?\)\./);
    const firstNotice = await review.getByTestId('review-notice').innerText();
    const rowsAfterAccept = Number(/\((\d+) rows?\)/.exec(firstNotice)![1]);
    expect(rowsAfterAccept).toBeGreaterThan(0);
    const pending = review.getByTestId('review-item').filter({ has: page.getByRole('button', { name: 'Accept' }) });
    expect(await pending.count()).toBeGreaterThan(0);
    const item = pending.first();
    await item.getByPlaceholder('Correct label').fill('Legacy Workflow');
    await item.getByRole('button', { name: 'Correct' }).click();
    await expect.poll(() => review.getByTestId('review-notice').innerText()).not.toBe(firstNotice);
    const notice = await review.getByTestId('review-notice').innerText();
    expect(Number(/\((\d+) rows?\)/.exec(notice)![1])).toBeGreaterThan(rowsAfterAccept);
    expect(notice).toMatch(/“Legacy Workflow” has \d+ examples?; \d+ more and retraining moves it into the model tier/);
    expect(await review.getByTestId('review-status').allInnerTexts()).toContain('corrected: Legacy Workflow');
    await page.getByRole('tab', { name: 'Training' }).click();
    await expect.poll(() => page.getByTestId('training-set-size').innerText()).toMatch(/\d/);

    // The key: only in the Authorization header of requests to the configured host.
    expect(out.text).not.toContain(KEY);
    expect(bundleText).not.toContain(KEY);
    expect(consoleLines.join('\n')).not.toContain(KEY);
    expect(s.requests.filter((url) => url.includes(KEY))).toEqual([]);
    expect(mock.requests.every((r) => !r.url.includes(KEY) && !r.body.includes(KEY))).toBe(true);
    expect(mock.requests.every((r) => r.headers.authorization === `Bearer ${KEY}`)).toBe(true);
    expect(s.requests.some((url) => url.startsWith(mock.baseUrl))).toBe(true);
    expect(await page.content()).not.toContain(KEY);
  });

  it('review decisions stick: a corrected and a rejected line keep their decision on a re-run, and the correction is in the training set', async () => {
    const { s } = await session();
    const { page } = s;
    await configureRemote(page);
    await classifyAnswering(page, file.path, 'llm-send');
    const review = page.getByTestId('llm-review');
    await review.waitFor();
    const labelled = review.getByTestId('review-item').filter({ hasNot: page.locator('[data-testid="review-label"]', { hasText: /^Unclassified$/ }) });
    expect(await labelled.count()).toBeGreaterThan(1);
    const messageOf = async (i: number) => labelled.nth(i).locator('td.msg code').innerText();
    const correctedMessage = await messageOf(0);
    const rejectedMessage = await messageOf(1);
    const itemOf = (message: string) => review.getByTestId('review-item').filter({ has: page.locator('td.msg code', { hasText: message }) });
    await itemOf(correctedMessage).getByPlaceholder('Correct label').fill('Legacy Workflow');
    await itemOf(correctedMessage).getByRole('button', { name: 'Correct' }).click();
    await expect.poll(() => itemOf(correctedMessage).getByTestId('review-status').innerText()).toBe('corrected: Legacy Workflow');
    await itemOf(rejectedMessage).getByRole('button', { name: 'Reject' }).click();
    await expect.poll(() => itemOf(rejectedMessage).getByTestId('review-status').innerText()).toBe('rejected');
    expect(await review.getByTestId('review-notice').innerText()).toMatch(/Rejected: its lines stay Unclassified in later runs/);

    // Re-run: no confirmation (every other answer is cached), and both decisions hold.
    const sent = mock.chatRequests().length;
    await page.getByTestId('log-file-input').setInputFiles(file.path);
    await expect.poll(() => page.getByTestId('llm-stats').innerText(), { timeout: 120_000 }).toMatch(/, 2 from your review/);
    expect(mock.chatRequests()).toHaveLength(sent);
    await expect.poll(() => itemOf(correctedMessage).getByTestId('review-status').innerText()).toBe('corrected: Legacy Workflow');
    expect(await itemOf(rejectedMessage).getByTestId('review-status').innerText()).toBe('rejected');
    await page.getByTestId('explain').check();
    const { rows } = parseCsv((await download(page)).text);
    const ofMessage = (message: string) => rows.filter((r) => maskMessage(r.log_message) === maskMessage(message));
    expect(ofMessage(correctedMessage).length).toBeGreaterThan(0);
    expect(ofMessage(correctedMessage).every((r) => r.target_label === 'Legacy Workflow' && r.tier === 'llm')).toBe(true);
    expect(ofMessage(rejectedMessage).length).toBeGreaterThan(0);
    expect(ofMessage(rejectedMessage).every((r) => r.target_label === 'Unclassified')).toBe(true);

    await page.getByRole('tab', { name: 'Training' }).click();
    await expect.poll(() => page.locator('[data-testid="class-row"][data-label="Legacy Workflow"]').count()).toBe(1);
  });

  it('declining the confirmation sends nothing', async () => {
    const { s } = await session();
    const { page } = s;
    await configureRemote(page);
    await classifyAnswering(page, file.path, 'llm-dont-send');
    expect(await page.getByTestId('llm-run-notice').innerText()).toMatch(/Nothing was sent/);
    expect(mock.chatRequests()).toHaveLength(0);
  });

  it('Cancel during the LLM calls keeps what rules and the model labelled, marks the LLM lines, and offers the download', async () => {
    const { s } = await session();
    const { page } = s;
    await configureRemote(page);
    mock.behaviour.delayMs = 4000;
    await page.getByTestId('log-file-input').setInputFiles(other.path);
    await page.getByTestId('llm-confirm').waitFor({ timeout: 60_000 });
    await page.getByTestId('llm-send').click();
    await page.getByTestId('llm-progress').waitFor({ timeout: 30_000 });
    await expect.poll(() => mock.requests.filter((r) => r.method === 'POST').length, { timeout: 10_000 }).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Cancel run' }).click();
    // The run finishes without the LLM: every row is there.
    await page.getByTestId('summary').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('summary-rows').innerText()).toBe('3,000');
    const notice = page.getByTestId('run-notice');
    expect(await notice.innerText()).toMatch(/^The LLM step was cancelled: [\d,]+ lines it would have labelled stay Unclassified \(tier llm-pending\)\. Rules and the model labelled the rest of the 3,000 rows/);
    expect(await notice.getAttribute('data-kind')).toBe('warning');
    expect(await page.getByTestId('summary-llm-pending').innerText()).toMatch(/left for the LLM tier, which did not label them: the LLM step was cancelled/);
    const sent = mock.requests.filter((r) => r.method === 'POST').length;
    expect(sent).toBeLessThan((await llmMessages(other.path)).length);

    await page.getByTestId('explain').check();
    const { rows } = parseCsv((await download(page)).text);
    expect(rows).toHaveLength(3000);
    const legacy = rows.filter((r) => r.source === 'LegacyCRM');
    expect(legacy.length).toBeGreaterThan(0);
    expect(legacy.every((r) => r.tier === 'llm-pending' && r.target_label === 'Unclassified')).toBe(true);
    expect(rows.filter((r) => r.tier === 'regex' || r.tier === 'ngram').length).toBeGreaterThan(2000);
    // No call after the cancel.
    expect(mock.requests.filter((r) => r.method === 'POST').length).toBe(sent);
  });

  it('stops calling a server that is down after a few failures, and says so as a failure', async () => {
    const down = await startMockOpenAiServer();
    const { s } = await session();
    const { page } = s;
    await configureRemoteLlm(page, { baseUrl: down.baseUrl, key: KEY, model: MODEL });
    const panel = page.getByTestId('llm-panel');
    await panel.getByText('Limits').click();
    await panel.getByLabel(/^Retries/).fill('1');
    await panel.getByLabel('Calls at once').fill('1');
    await panel.getByRole('button', { name: 'Save remote settings' }).click();
    await expect.poll(() => panel.getByTestId('llm-notice').innerText()).toMatch(/saved/);
    const downHost = new URL(down.baseUrl).host;
    await down.close();

    await classifyAnswering(page, file.path, 'llm-send');
    const notice = page.getByTestId('llm-run-notice');
    expect(await notice.innerText()).toMatch(
      new RegExp(`^Stopped calling ${downHost.replace(/\./g, '\\.')} after 3 failed calls in a row \\(.*could not be reached.*\\); the other messages were not sent\\. [\\d,]+ messages not sent; their lines stay Unclassified`),
    );
    expect(await notice.getAttribute('data-kind')).toBe('failure');
    expect(await notice.getAttribute('role')).toBe('alert');
    // Styled as a failure: the danger colour, not the green of a success.
    const colour = await notice.evaluate((el) => getComputedStyle(el).color);
    expect(colour).toBe('rgb(122, 26, 18)');
    expect(await page.getByTestId('llm-stats').innerText()).toMatch(/: 3 messages sent, 0 from the cache, 3 retries, 3 failed, [\d,]+ not sent\./);
    expect(await page.getByTestId('summary-rows').innerText()).toBe('3,000');
    expect(await page.getByTestId('summary-llm-pending').innerText()).toMatch(/left for the LLM tier, which did not label them \(tier llm-pending\)/);
  });
});
