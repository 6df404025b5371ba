/**
 * The hostile corpus (test/helpers/hostile-cases.ts) through the page: each file is picked as a user
 * would; the page reads the same number of rows as the CLI and its download is, byte for byte,
 * what `logsift classify FILE --safe-csv` writes (the page exports safe by default). A file the
 * CLI refuses, the page refuses with the same message. The page stays usable from one file to
 * the next, and nothing on it runs or leaves 127.0.0.1.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { INPUT_CASES } from '../helpers/hostile-cases.ts';
import { openSession, useBrowser } from '../helpers/browser.ts';

const env = useBrowser();

/**
 * What `logsift classify FILE --safe-csv --out OUT` writes (or its one-line error), as the page
 * should give it. The CLI's own main() runs in this process: the same code as the command, without
 * starting Node and the TypeScript loader once per file.
 */
async function cliOutput(path: string): Promise<{ code: number | null; stdout: Buffer; stderr: string }> {
  const out = `${path}.cli.csv`;
  let stderr = '';
  const write = process.stderr.write;
  process.stderr.write = ((chunk: string | Uint8Array) => {
    stderr += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    return true;
  }) as typeof process.stderr.write;
  let code: number;
  try {
    code = await main(['classify', path, '--safe-csv', '--out', out]);
  } finally {
    process.stderr.write = write;
  }
  return { code, stdout: code === 0 ? readFileSync(out) : Buffer.alloc(0), stderr };
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
    // The CLI's answers, one file after the other (main() owns the process's stderr meanwhile).
    // main() listens for write errors on standard output once per call.
    process.stdout.setMaxListeners(paths.length + 10);
    const expected: Awaited<ReturnType<typeof cliOutput>>[] = [];
    for (const path of paths) expected.push(await cliOutput(path));

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
