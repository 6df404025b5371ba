/**
 * The training workspace in the page: import a labelled CSV, edit a label, train (in the worker:
 * the page keeps answering), see metrics, pick the threshold from the curve, save a version,
 * reload, classify with it, roll back; correct a result into the training set.
 */
import { appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { csvLine } from '../../src/core/csv/format.ts';
import { generateLogs } from '../../src/core/generate/generator.ts';
import { DEFAULT_HOLD_OUT } from '../../src/core/training/hold-out.ts';
import { download, openSession, parseCsv, useBrowser, writeGeneratedCsv, writeLabelledCsv } from '../helpers/browser.ts';

const env = useBrowser();

async function openTraining(page: Page): Promise<void> {
  await page.getByRole('tab', { name: 'Training' }).click();
  await page.getByTestId('training-set').waitFor();
}

async function importCsv(page: Page, path: string): Promise<string> {
  await page.getByTestId('training-csv-input').setInputFiles(path);
  const notice = page.getByTestId('training-set-notice');
  await notice.waitFor({ timeout: 60_000 });
  return notice.innerText();
}

async function classifyExplained(page: Page, path: string): Promise<Record<string, string>[]> {
  await page.getByRole('tab', { name: 'Classify' }).click();
  await page.getByTestId('log-file-input').setInputFiles(path);
  await page.getByTestId('summary').waitFor({ timeout: 120_000 });
  await page.getByTestId('explain').check();
  return parseCsv((await download(page)).text).rows;
}

describe('training workspace', () => {
  it('imports a labelled CSV, trains, shows metrics, saves a version that survives a reload, classifies with it, rolls back', async () => {
    env.session = await openSession(env.browser);
    const { page } = env.session;
    page.on('dialog', (d) => void d.accept());
    const builtInName = (await page.getByTestId('bundle-name').innerText()).replace(/\s*built-in$/, '');
    await openTraining(page);

    // A file without labels is refused with the core's reason.
    const unlabelled = join(env.tmp.dir, 'unlabelled.csv');
    writeFileSync(unlabelled, 'log_message\nhello\n');
    await page.getByTestId('training-csv-input').setInputFiles(unlabelled);
    const alert = page.getByTestId('training-set').getByRole('alert');
    await alert.waitFor();
    expect(await alert.innerText()).toContain('No label column found');
    await alert.getByRole('button', { name: 'Dismiss the error' }).click();

    expect(await importCsv(page, writeLabelledCsv(env.tmp.dir, 'team-labels.csv', 3000, 'e2e-train'))).toMatch(/^Added [\d,]+ rows from team-labels\.csv/);
    const classes = page.getByTestId('class-row');
    expect(await classes.count()).toBeGreaterThan(3);
    expect(await page.getByTestId('class-table').getByText('model tier').count()).toBeGreaterThan(0);

    // Rename a label: the trained model answers with the new name.
    await page.getByRole('button', { name: 'Edit the label User Action' }).click();
    await page.getByLabel('New name for “User Action”').fill('Sign-in activity');
    await page.getByRole('button', { name: 'Rename' }).click();
    await page.locator('[data-testid="class-row"][data-label="Sign-in activity"]').waitFor();
    expect(await page.locator('[data-testid="class-row"][data-label="User Action"]').count()).toBe(0);

    // Train: progress, then the metrics next to the bundle in use.
    await page.getByTestId('train-button').click();
    await page.getByTestId('metric-accuracy').waitFor({ timeout: 120_000 });
    const accuracy = parseFloat(await page.getByTestId('metric-accuracy').innerText());
    expect(accuracy).toBeGreaterThan(80);
    expect(await page.getByTestId('metrics-summary').innerText()).toContain(`In use: ${builtInName}`);
    expect(await page.getByTestId('per-class').getByRole('rowheader', { name: 'Sign-in activity' }).count()).toBe(1);
    const heatmap = page.getByTestId('confusion-heatmap');
    expect(await heatmap.getByRole('rowheader').count()).toBeGreaterThan(3);
    expect(await page.getByTestId('threshold-curve').locator('svg path.line').count()).toBe(2);

    // Pick the threshold from the curve: it goes to the one settings place.
    await page.getByLabel('Threshold value').fill('0.7');
    expect(await page.getByTestId('threshold-readout').innerText()).toMatch(/^At 0\.70: accuracy [\d.]+%, [\d.]+% sent onwards/);
    await page.getByTestId('use-threshold').click();
    await expect.poll(() => page.getByLabel('Confidence threshold').inputValue()).toBe('0.7');

    // Save as a new version: it is in use, and still after a reload.
    await page.getByLabel('Version name').fill('e2e team model');
    await page.getByRole('button', { name: 'Save as new version' }).click();
    await expect.poll(() => page.getByTestId('bundle-name').innerText()).toBe('e2e team model');
    await page.reload();
    await page.getByTestId('bundle-name').waitFor();
    expect(await page.getByTestId('bundle-name').innerText()).toBe('e2e team model');
    expect(await page.getByLabel('Confidence threshold').inputValue()).toBe('0.7');
    const active = page.locator('[data-testid="version"][data-version-name="e2e team model"]');
    expect(await active.innerText()).toMatch(/in use[\s\S]*trained[\s\S]*accuracy/);
    // The training set persisted too.
    await openTraining(page);
    await page.locator('[data-testid="class-row"][data-label="Sign-in activity"]').waitFor();
    // The saved version's metrics are shown as those of the bundle in use.
    expect(await page.getByTestId('metric-accuracy-in-use').innerText()).toMatch(/%$/);

    // Classify with the saved version.
    const logs = writeGeneratedCsv(env.tmp.dir, 'logs.csv', 400, 'e2e-train-classify');
    const out = await classifyExplained(page, logs.path);
    expect(out).toHaveLength(400);
    expect(out.some((r) => r.target_label === 'Sign-in activity' && r.tier === 'ngram')).toBe(true);

    // Roll back to the version before (the built-in with the edited threshold).
    await page.getByTestId('roll-back').click();
    await expect.poll(() => page.getByTestId('bundle-name').innerText()).not.toBe('e2e team model');
    expect(await page.getByTestId('versions-notice').innerText()).toMatch(/^Rolled back to/);
    const back = await classifyExplained(page, logs.path);
    expect(back.some((r) => r.target_label === 'Sign-in activity')).toBe(false);
    await page.reload();
    await page.getByTestId('bundle-name').waitFor();
    expect(await page.getByTestId('bundle-name').innerText()).not.toBe('e2e team model');
  });

  it('never silently replaces the model in use: a new model is tried on the file at hand first, and a worse one says so', async () => {
    env.session = await openSession(env.browser);
    const { page } = env.session;
    const builtIn = await page.getByTestId('bundle-name').innerText();
    // A few rows of each label: too few for the model tier to predict any of them.
    const path = join(env.tmp.dir, 'few-labels.csv');
    const perLabel = new Map<string, number>();
    const lines = ['source,log_message,target_label'];
    for (const log of generateLogs({ rows: 2000, seed: 'e2e-few' })) {
      const n = (perLabel.get(log.target_label) ?? 0) + 1;
      perLabel.set(log.target_label, n);
      if (n <= 5) lines.push(csvLine([log.source, log.log_message, log.target_label]).trimEnd());
    }
    writeFileSync(path, lines.join('\n'));
    await openTraining(page);
    await importCsv(page, path);

    // No file classified yet: it is tried on the example file.
    await page.getByTestId('train-button').click();
    const effect = page.getByTestId('candidate-effect');
    await effect.waitFor({ timeout: 120_000 });
    expect(await effect.locator('h3').innerText()).toBe('What the new model would change on example-logs.csv (the example file: no file was classified yet)');
    const unclassified = await effect.getByTestId('effect-unclassified').innerText();
    const [before, after] = [...unclassified.matchAll(/([\d.]+)%/g)].map((m) => Number(m[1]));
    expect(before).toBeLessThan(5);
    expect(after).toBeGreaterThan(before + 20);
    expect(await effect.getAttribute('data-worse')).toBe('true');
    expect(await effect.getByTestId('effect-warning').innerText()).toMatch(/^The new model leaves [\d,]+ more lines of this file Unclassified\. Saving it replaces the model in use/);
    const changes = effect.getByTestId('effect-change');
    expect(await changes.count()).toBeGreaterThan(0);
    expect(await changes.first().locator('td').nth(1).innerText()).toBe('Unclassified');
    expect(await page.getByTestId('train-notice').innerText()).toMatch(/It is not in use yet/);
    // Nothing was replaced: the model in use is the one before, and Save says what it would do.
    expect(await page.getByTestId('bundle-name').innerText()).toBe(builtIn);
    expect(await page.getByRole('button', { name: 'Save as new version anyway' }).count()).toBe(1);
    await page.getByTestId('save-candidate').getByRole('button', { name: 'Discard' }).click();
    await expect.poll(() => effect.count()).toBe(0);

    // With a file classified, that file is the one it is tried on.
    const logs = writeGeneratedCsv(env.tmp.dir, 'current.csv', 500, 'e2e-effect');
    await page.getByRole('tab', { name: 'Classify' }).click();
    await page.getByTestId('log-file-input').setInputFiles(logs.path);
    await page.getByTestId('summary').waitFor({ timeout: 60_000 });
    await openTraining(page);
    await page.getByTestId('train-button').click();
    await effect.waitFor({ timeout: 120_000 });
    expect(await effect.locator('h3').innerText()).toBe('What the new model would change on current.csv');
    expect(await effect.getByTestId('effect-unclassified').innerText()).toMatch(/\(500 rows;/);
    expect(await page.getByTestId('bundle-name').innerText()).toBe(builtIn);
  });

  it('says which labels macro-F1 covers and which it leaves out, and why; shows every predicted label in full; holds out what logsift eval does', async () => {
    env.session = await openSession(env.browser, { width: 1000, height: 900 });
    const { page } = env.session;
    await openTraining(page);
    // The page's held-out defaults are the core's, which `logsift eval` uses too.
    expect(await page.getByLabel('Held out for measuring (%)').inputValue()).toBe(String(DEFAULT_HOLD_OUT.testFraction * 100));
    expect(await page.getByLabel('Seed').inputValue()).toBe(String(DEFAULT_HOLD_OUT.seed));

    // Generated rows, and a label with three rows: too few for the model tier.
    const path = writeLabelledCsv(env.tmp.dir, 'rare-label.csv', 1500, 'e2e-coverage');
    const rare = 'Certificate renewal reminder (rare, long label)';
    appendFileSync(path, ['alpha', 'beta', 'gamma'].map((host) => csvLine(['WebServer', `TLS certificate for ${host}.example.org expires in 7 days`, rare])).join(''));
    await importCsv(page, path);
    await page.getByTestId('train-button').click();
    await page.getByTestId('metric-accuracy').waitFor({ timeout: 120_000 });

    const coverage = page.getByTestId('macro-coverage');
    const [, covered, scored] = /^Macro-F1 covers (\d+) of (\d+) labels \(new model\): the ones the model tier answers – /.exec(await coverage.innerText()) ?? [];
    const leftOut = await coverage.getByTestId('macro-left-out').allInnerTexts();
    expect(Number(covered)).toBe(Number(scored) - leftOut.length);
    // Three rows: one held out, two to train on.
    expect(leftOut).toContain(`${rare}: too few samples: 2 training rows, 10 needed`);
    // Each label left out is marked in the per-label table, where its F1 is 0.
    const perClass = page.getByTestId('per-class');
    const marked = (await perClass.locator('tbody th').allInnerTexts()).filter((t) => t.endsWith(' (not in macro-F1)'));
    expect(marked.map((t) => t.replace(/ \(not in macro-F1\)$/, '')).sort()).toEqual(leftOut.map((entry) => entry.slice(0, entry.indexOf(': '))).sort());

    // Column headers of the confusion matrix: every predicted label readable in full, nothing clipped.
    const headers = page.getByTestId('confusion-heatmap').locator('thead th.col');
    const shown = await headers.evaluateAll((cells) =>
      cells.map((cell) => {
        const text = cell.querySelector('span')!;
        const box = text.getBoundingClientRect();
        const frame = cell.getBoundingClientRect();
        return {
          label: cell.getAttribute('title'),
          text: text.textContent,
          clipped: text.scrollWidth > text.clientWidth || text.scrollHeight > text.clientHeight,
          inside: box.left >= frame.left - 0.5 && box.right <= frame.right + 0.5 && box.top >= frame.top - 0.5 && box.bottom <= frame.bottom + 0.5,
        };
      }),
    );
    expect(shown.map((h) => h.label)).toContain(rare);
    for (const header of shown) expect(header).toEqual({ label: header.text, text: header.label, clipped: false, inside: true });
  });

  it('keeps the page responsive while training runs in the worker, and cancels', async () => {
    env.session = await openSession(env.browser);
    const { page } = env.session;
    await openTraining(page);
    await importCsv(page, writeLabelledCsv(env.tmp.dir, 'big-labels.csv', 40_000, 'e2e-responsive'));
    await page.getByTestId('train-button').click();
    const progress = page.getByTestId('train-panel').getByRole('progressbar');
    await progress.waitFor();

    // Type while the worker trains: every key shows up at once.
    const field = page.getByLabel('Search the training set');
    const started = Date.now();
    await field.pressSequentially('still typing', { delay: 20 });
    expect(await field.inputValue()).toBe('still typing');
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(await progress.isVisible(), 'training was still running while typing').toBe(true);

    await page.getByTestId('train-panel').getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => page.getByTestId('train-notice').innerText()).toMatch(/Training cancelled/);
    expect(await page.getByTestId('metric-accuracy').count()).toBe(0);
  });

  it('adds a corrected result to the training set', async () => {
    env.session = await openSession(env.browser);
    const { page } = env.session;
    const logs = writeGeneratedCsv(env.tmp.dir, 'fix.csv', 50, 'e2e-fix');
    await page.getByTestId('log-file-input').setInputFiles(logs.path);
    await page.getByTestId('summary').waitFor();
    await page.getByRole('button', { name: 'Correct the label of row 1', exact: true }).click();
    await page.getByLabel('Right label').fill('Needs Attention');
    await page.getByRole('button', { name: 'Add to training set' }).click();
    expect(await page.getByTestId('correct-notice').innerText()).toMatch(/^Row 1 as “Needs Attention”: Added to the training set \(1 row\)/);

    await openTraining(page);
    const row = page.locator('[data-testid="class-row"][data-label="Needs Attention"]');
    await row.waitFor();
    expect(await row.innerText()).toMatch(/1[\s\S]*LLM tier/);
    expect(await page.getByTestId('training-rows').innerText()).toContain(logs.messages[0]);
    expect(await page.getByTestId('training-rows').innerText()).toContain('correction');
  });
});
