/**
 * Status texts that stay true: no run-time "not loaded" notice for a local LLM that cannot run
 * here (no WebGPU), no LLM totals after the LLM was switched off, no save message after a switch
 * of version, a tagline that does not say "nothing leaves" once something has, and a network popover
 * that closes on Escape and on a click elsewhere.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockOpenAiServer, type MockOpenAiServer } from '../helpers/mock-openai-server.ts';
import { classifyFile, configureRemoteLlm, openSession, useBrowser, writeGeneratedCsv, writeLabelledCsv } from '../helpers/browser.ts';

const env = useBrowser();
let mock: MockOpenAiServer;
beforeAll(async () => {
  mock = await startMockOpenAiServer();
});
afterAll(() => mock?.close());

describe('status texts', () => {
  it('say only what is true: LLM notices and totals, the tagline, the network popover, the training notice', async () => {
    env.session = await openSession(env.browser, { width: 1400, height: 1000 });
    const { page } = env.session;
    page.on('dialog', (d) => void d.accept());
    const file = writeGeneratedCsv(env.tmp.dir, 'status.csv', 600, 'e2e-status');

    // Local model is the default, and there is no WebGPU here: the panel says so; a run adds no notice.
    await page.getByTestId('webgpu-missing').waitFor();
    await classifyFile(page, file.path);
    expect(await page.getByTestId('llm-run-notice').count()).toBe(0);
    expect(await page.getByTestId('summary-llm-pending').innerText()).toMatch(/left for the LLM tier/);
    expect(await page.getByTestId('tagline').innerText()).toMatch(/Nothing leaves this tab\.$/);

    // The network popover closes on Escape and on a click elsewhere.
    const indicator = page.getByTestId('network-indicator');
    const open = () => indicator.evaluate((el) => (el as HTMLDetailsElement).open);
    await indicator.locator('summary').click();
    expect(await open()).toBe(true);
    await page.keyboard.press('Escape');
    expect(await open()).toBe(false);
    expect(await indicator.locator('summary').evaluate((el) => el === document.activeElement)).toBe(true);
    await indicator.locator('summary').click();
    expect(await open()).toBe(true);
    await page.getByRole('heading', { name: 'Summary' }).click();
    expect(await open()).toBe(false);

    // A remote LLM sends: its totals show, and the tagline no longer says that nothing leaves.
    await configureRemoteLlm(page, { baseUrl: mock.baseUrl, key: 'gsk_status_key_123', model: 'deepseek-r1-distill-llama-70b' });
    await page.getByTestId('log-file-input').setInputFiles(file.path);
    await page.getByTestId('llm-confirm').waitFor({ timeout: 60_000 });
    await page.getByTestId('llm-send').click();
    await expect.poll(() => page.getByTestId('llm-stats').count(), { timeout: 60_000 }).toBe(1);
    expect(await page.getByTestId('tagline').innerText()).toMatch(/only the requests under the network pill left this tab\.$/);
    // Switched off: the next run shows no LLM totals.
    await page.getByTestId('llm-panel').getByRole('radio', { name: /^Off/ }).check();
    await expect.poll(() => page.getByTestId('llm-notice').innerText()).toBe('The LLM tier is off.');
    await page.getByTestId('log-file-input').setInputFiles(file.path);
    await expect.poll(() => page.getByTestId('llm-stats').count(), { timeout: 60_000 }).toBe(0);
    await page.getByTestId('summary').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('llm-stats').count()).toBe(0);
    expect(await page.getByTestId('llm-run-notice').count()).toBe(0);

    // Saved, then another version put in use: the save message goes with the switch.
    await page.getByRole('tab', { name: 'Training' }).click();
    await page.getByTestId('training-csv-input').setInputFiles(writeLabelledCsv(env.tmp.dir, 'status-labels.csv', 2000, 'e2e-status-train'));
    await page.getByTestId('training-set-notice').waitFor({ timeout: 60_000 });
    await page.getByTestId('train-button').click();
    await page.getByTestId('save-candidate').waitFor({ timeout: 120_000 });
    await page.getByTestId('save-candidate').getByRole('button', { name: /^Save as new version/ }).click();
    await expect.poll(() => page.getByTestId('train-notice').innerText()).toMatch(/^Saved “.+” as a new version/);
    await page.getByTestId('version-built-in').getByRole('button', { name: 'Use built-in' }).click();
    await expect.poll(() => page.getByTestId('versions-notice').innerText()).toMatch(/^Now using the built-in default bundle/);
    expect(await page.getByTestId('train-notice').count()).toBe(0);
  });
});
