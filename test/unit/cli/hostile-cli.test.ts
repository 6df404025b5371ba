/**
 * The hostile corpus (test/helpers/hostile-cases.ts) through the CLI. Each input is classified three
 * ways – from the file, from standard input (a pipe), on a pool of worker threads – which must
 * give the same output, the same warnings and the same row count; the output, read back by a
 * standard reader (papaparse, whole file), has one row per row read, each with the header's
 * columns and the label in target_label. A refused file is refused the same three ways, in one
 * line, leaving no output file. Bad rules, bundles and paths end in one line and change nothing.
 * Nothing printed holds a raw control character or a stack trace.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { formatFromName } from '../../../src/core/scale/input.ts';
import { ARGUMENT_CASES, INPUT_CASES } from '../../helpers/hostile-cases.ts';

const BIN = fileURLToPath(new URL('../../../bin/logsift.js', import.meta.url));
const LABELS = new Set([...JSON.parse(readFileSync(new URL('../../../public/default-bundle.json', import.meta.url), 'utf8')).labels, 'Unclassified']);

function logsift(args: string[], cwd: string, stdin?: Buffer): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd, stdio: [stdin ? 'pipe' : 'ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr!.setEncoding('utf8').on('data', (text: string) => (stderr += text));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
    // A pipe, written in pieces as a producer would.
    if (stdin) child.stdin!.on('error', () => {}).end(stdin);
  });
}

/** Printed text holds no raw control character (ESC, NUL, a bare CR…) and no stack trace. */
function expectPrintable(stderr: string): void {
  expect(stderr).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
  expect(stderr).not.toMatch(/\n\s+at /);
}

const warningLines = (stderr: string) => stderr.split('\n').filter((line) => line.startsWith('warning: '));

describe('hostile inputs through the CLI: file, standard input and worker threads agree', () => {
  for (const c of INPUT_CASES) {
    it(c.name, async () => {
      const dir = mkdtempSync(join(tmpdir(), 'logsift-hostile-'));
      const bytes = c.bytes();
      writeFileSync(join(dir, c.name), bytes);
      const format = formatFromName(c.name);
      const runs = await Promise.all([
        logsift(['classify', c.name, '--out', 'file.csv'], dir),
        logsift(['classify', '-', '--input-format', format, '--out', 'stdin.csv'], dir, bytes),
        logsift(['classify', c.name, '--workers', '2', '--out', 'pool.csv'], dir),
      ]);
      for (const run of runs) expectPrintable(run.stderr);
      if ('refused' in c.expect) {
        for (const run of runs) {
          expect(run.code).toBe(1);
          expect(run.stderr).toMatch(/^logsift: [^\n]*\n$/);
          expect(run.stderr).toMatch(c.expect.refused);
        }
        expect(readdirSync(dir)).toEqual([c.name]);
        return;
      }
      for (const run of runs) expect(run.code, run.stderr).toBe(0);
      const [file, stdin, pool] = ['file.csv', 'stdin.csv', 'pool.csv'].map((name) => readFileSync(join(dir, name)));
      expect(stdin.equals(file)).toBe(true);
      expect(pool.equals(file)).toBe(true);
      expect(warningLines(runs[1].stderr)).toEqual(warningLines(runs[0].stderr));
      expect(warningLines(runs[2].stderr)).toEqual(warningLines(runs[0].stderr));
      for (const run of runs) expect(run.stderr).toMatch(new RegExp(`^${c.expect.rows} rows classified`, 'm'));
      if (c.expect.warning) expect(runs[0].stderr).toMatch(c.expect.warning);
      // Read back by a standard reader: the header, then one row per row read, label last.
      const back = Papa.parse<string[]>(file.toString('utf8')).data.filter((row) => !(row.length === 1 && row[0] === ''));
      expect(back).toHaveLength(c.expect.rows + 1);
      const width = back[0].length;
      expect(back[0][width - 1]).toBe('target_label');
      for (const row of back.slice(1)) {
        expect(row).toHaveLength(width);
        expect(LABELS.has(row[width - 1])).toBe(true);
      }
    }, 120_000);
  }
});

describe('bad rules, bundles and paths through the CLI: one line, nothing changed', () => {
  for (const c of ARGUMENT_CASES) {
    it(c.name, async () => {
      const dir = mkdtempSync(join(tmpdir(), 'logsift-hostile-args-'));
      for (const [name, content] of Object.entries(c.files)) {
        mkdirSync(dirname(join(dir, name)), { recursive: true });
        writeFileSync(join(dir, name), content);
      }
      const before = snapshot(dir);
      const run = await logsift(c.args, dir);
      expectPrintable(run.stderr);
      expect(run.code).toBe(c.expect.code);
      expect(run.stderr).toMatch(/^logsift: [^\n]*\n$/);
      expect(run.stderr).toMatch(c.expect.stderr);
      expect(snapshot(dir)).toEqual(before);
    }, 60_000);
  }
});

/** Every file below `dir` with its content. */
function snapshot(dir: string, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of readdirSync(join(dir, prefix), { withFileTypes: true })) {
    const name = join(prefix, entry.name);
    if (entry.isDirectory()) Object.assign(out, snapshot(dir, name));
    else out[name] = existsSync(join(dir, name)) ? readFileSync(join(dir, name)).toString('base64') : '';
  }
  return out;
}
