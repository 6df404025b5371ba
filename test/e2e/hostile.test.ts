/**
 * The hostile corpus (test/hostile/cases.ts) through the page: each file is picked as a user
 * would; the page reads the same number of rows as the CLI and its download is, byte for byte,
 * what `logsift classify FILE --safe-csv` writes (the page exports safe by default). A file the
 * CLI refuses, the page refuses with the same message. The page stays usable from one file to
 * the next, and nothing on it runs or leaves 127.0.0.1.
 */
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { INPUT_CASES } from '../hostile/cases.ts';
import { openSession, useBrowser } from './helpers.ts';

const env = useBrowser();
const BIN = fileURLToPath(new URL('../../bin/logsift.js', import.meta.url));

/** The CLI's safe output of a file (or its one-line error), as the page should give it. */
function cliOutput(path: string): Promise<{ code: number | null; stdout: Buffer; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'classify', path, '--safe-csv'], { stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let stderr = '';
    child.stdout.on('data', (data: Buffer) => out.push(data));
    child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout: Buffer.concat(out), stderr }));
  });
}

/** The CLI's message as the page shows it: without the prefix, with the characters the CLI escapes as they are. */
function unescaped(stderr: string): string {
  const line = stderr.split('\n')[0].replace(/^logsift: /, '');
  return line.replace(/\\x([0-9a-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

describe('hostile inputs in the page', () => {
  it('reads every file as the CLI does: the same rows, the same download, the same refusals', async () => {
    const cases = INPUT_CASES.filter((c) => !c.cliOnly);
    const paths = cases.map((c) => {
      const path = join(env.tmp.dir, c.name);
      writeFileSync(path, c.bytes());
      return path;
    });
    // The CLI's answers, two at a time while the browser starts.
    const expected: Awaited<ReturnType<typeof cliOutput>>[] = [];
    for (let i = 0; i < paths.length; i += 2) expected.push(...(await Promise.all(paths.slice(i, i + 2).map(cliOutput))));

    env.session = await openSession(env.browser, { width: 1400, height: 1000 });
    const { page } = env.session;
    const alert = page.getByRole('alert').filter({ hasText: 'This file could not be classified' });
    for (let i = 0; i < cases.length; i++) {
      const c = cases[i];
      const cli = expected[i];
      await page.getByTestId('log-file-input').setInputFiles(paths[i]);
      const done = page.getByTestId('summary').locator('dd.file', { hasText: c.name });
      await done.or(alert).first().waitFor({ timeout: 60_000 });
      if ('refused' in c.expect) {
        expect(cli.code, c.name).toBe(1);
        expect(await alert.innerText(), c.name).toContain(unescaped(cli.stderr));
        await alert.getByRole('button', { name: 'Dismiss the error' }).click();
        await alert.waitFor({ state: 'detached' });
        continue;
      }
      expect(cli.code, `${c.name}: ${cli.stderr}`).toBe(0);
      expect(await page.getByTestId('summary-rows').innerText(), c.name).toBe(c.expect.rows.toLocaleString('en-US'));
      const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.getByTestId('download').click()]);
      const bytes = readFileSync(await download.path());
      expect(bytes.equals(cli.stdout), `${c.name}: the page's download differs from the CLI's --safe-csv output`).toBe(true);
    }
    // Nothing in any of the files ran.
    expect(await page.evaluate(() => document.querySelectorAll('main script, main img, main iframe, [onerror], [onmouseover]').length)).toBe(0);
  }, 600_000);
});
