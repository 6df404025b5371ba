import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { minePatterns, PatternMiner } from '../../../src/core/patterns/index.ts';

const BIN = fileURLToPath(new URL('../../../bin/logsift.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'logsift-patterns-'));

function logsift(args: string[]) {
  const result = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', maxBuffer: 1 << 28 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const parse = (text: string) => Papa.parse<string[]>(text, { skipEmptyLines: true }).data;

describe('logsift patterns', () => {
  it('writes line,log_message,pattern_id,pattern for a .log file, one row per line', () => {
    const log = join(dir, 'app.log');
    writeFileSync(log, 'Backup started at 02:00\nConnection from 10.0.0.1 closed\nBackup started at 03:00\n');
    const { code, stdout, stderr } = logsift(['patterns', log]);
    expect(code).toBe(0);
    const rows = parse(stdout);
    expect(rows[0]).toEqual(['line', 'log_message', 'pattern_id', 'pattern']);
    expect(rows.slice(1).map((r) => [r[0], r[3]])).toEqual([
      ['1', 'Backup started at <*>'],
      ['2', 'Connection from <*> closed'],
      ['3', 'Backup started at <*>'],
    ]);
    expect(rows[1][2]).toBe(rows[3][2]);
    expect(rows[1][2]).not.toBe(rows[2][2]);
    expect(stderr).toMatch(/3 lines, 2 patterns/);
  });

  it('says in its summary how each of two patterns that show the same template writes it', () => {
    const log = join(dir, 'auth.log');
    const users = ['root', 'root', 'root', 'guest', 'guest'];
    writeFileSync(log, users.map((user, i) => `authentication failure; rhost=10.0.0.${i} user=${user}\n`).join('') + 'Backup started at 02:00\n');
    const { code, stderr } = logsift(['patterns', log]);
    expect(code).toBe(0);
    const summary = stderr.split('\n').filter((line) => /%/.test(line)).map((line) => line.replace(/^\s*\d+\s+[\d.]+%\s+/, ''));
    expect(summary).toEqual([
      'authentication failure; rhost=<*> user=<*>   (as written: authentication failure; rhost=<*> user=root)',
      'authentication failure; rhost=<*> user=<*>   (as written: authentication failure; rhost=<*> user=guest)',
      'Backup started at <*>',
    ]);
  });

  it('reads a named CSV column, writes --out and --state', () => {
    const csv = join(dir, 'structured.csv');
    writeFileSync(csv, 'LineId,Content\n1,"Failed password for ann from 1.2.3.4 port 22 ssh2"\n2,"Failed password for ann from 5.6.7.8 port 2222 ssh2"\n3,\n');
    const out = join(dir, 'out.csv');
    const state = join(dir, 'state.json');
    const { code } = logsift(['patterns', csv, '--column', 'Content', '--out', out, '--state', state]);
    expect(code).toBe(0);
    const rows = parse(readFileSync(out, 'utf8'));
    expect(rows).toHaveLength(4);
    expect(rows[1][3]).toBe('Failed password for ann from <*> port <*> ssh2');
    expect(rows[3]).toEqual(['3', '', '', '']);
    const miner = PatternMiner.fromState(JSON.parse(readFileSync(state, 'utf8')));
    expect(miner.match('Failed password for ann from 9.9.9.9 port 1 ssh2')?.id).toBe(rows[1][2]);
  });

  it('names the missing column', () => {
    const csv = join(dir, 'nocol.csv');
    writeFileSync(csv, 'a,b\n1,2\n');
    const { code, stderr } = logsift(['patterns', csv, '--column', 'Content']);
    expect(code).toBe(1);
    expect(stderr).toMatch(/Content/);
  });
});

describe('logsift patterns on a file larger than one chunk', () => {
  // Several messages with ids, numbers and addresses, so the file is read in several chunks (1 MiB each).
  const lines: string[] = [];
  for (let i = 0; i < 40_000; i++) {
    const n = i % 4;
    if (n === 0) lines.push(`Accepted password for user${i % 7} from 10.0.${i % 250}.${(i * 7) % 250} port ${1024 + i} ssh2`);
    else if (n === 1) lines.push(`Job ${i} finished in ${i % 900} ms with status ${['OK', 'FAILED'][i % 2]}`);
    else if (n === 2) lines.push(`Cache miss for key order:${(i * 2654435761 >>> 0).toString(16).padStart(8, '0')}${i.toString(16).padStart(8, '0')} region=eu-west-1`);
    else lines.push(`Disk /dev/sda${i % 3} at ${i % 100}% on node-${i % 40}`);
  }
  const log = join(dir, 'big.log');
  writeFileSync(log, lines.join('\n') + '\n');

  it('streams the file and gives every line the pattern mining all lines in memory gives', async () => {
    const { code, stdout } = logsift(['patterns', log]);
    expect(code).toBe(0);
    const rows = parse(stdout).slice(1);
    expect(rows).toHaveLength(lines.length);
    const expected = await minePatterns(lines);
    rows.forEach((row, i) => {
      const pattern = expected.patterns[expected.assignments[i]];
      expect([row[0], row[1], row[2], row[3]]).toEqual([String(i + 1), lines[i], pattern?.id ?? '', pattern?.template ?? '']);
    });
  });

  it('mines on worker threads (--workers, the default for a big file) to exactly the same rows, and refuses a bad count', () => {
    const inline = logsift(['patterns', log, '--workers', '0']);
    const threads = logsift(['patterns', log, '--workers', '2']);
    expect(inline.code).toBe(0);
    expect(threads.code).toBe(0);
    expect(threads.stdout).toBe(inline.stdout);
    expect(threads.stdout.split('\n').length).toBe(lines.length + 2);
    const bad = logsift(['patterns', log, '--workers', 'two']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--workers/);
  });

  it('reads standard input the same way as the file', () => {
    const csv = join(dir, 'big.csv');
    writeFileSync(csv, 'log_message\n' + lines.map((line) => `"${line}"`).join('\n') + '\n');
    const fromFile = logsift(['patterns', csv]);
    expect(fromFile.code).toBe(0);
    const result = spawnSync(process.execPath, [BIN, 'patterns', '-'], { input: readFileSync(csv), encoding: 'utf8', maxBuffer: 1 << 28 });
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(fromFile.stdout);
  });
});

describe('logsift patterns on a file with a bad row', () => {
  it('names the row and its problem, and still gives every row its pattern', () => {
    const csv = join(dir, 'bad-row.csv');
    writeFileSync(csv, 'Content,Level\n"Backup started at 02:00",INFO\n"Backup started at 03:00",INFO,extra\n"Backup started at 04:00",INFO\n');
    const { code, stdout, stderr } = logsift(['patterns', csv]);
    expect(code).toBe(0);
    expect(stderr).toMatch(/row 2: has 3 fields, the header has 2/);
    const rows = parse(stdout).slice(1);
    expect(rows.map((r) => r[0])).toEqual(['1', '2', '3']);
    expect(new Set(rows.map((r) => r[3]))).toEqual(new Set(['Backup started at <*>']));
  });
});

describe('logsift patterns on threads, on a CSV of several chunks with times and bad rows', () => {
  // About 9 MB: the mining threads are sent the file's chunks as bytes (4 MiB each) and parse them.
  const rows: string[] = ['time,level,message'];
  const start = Date.parse('2026-03-01T00:00:00Z');
  for (let i = 0; i < 100_000; i++) {
    const time = new Date(start + i * 1000).toISOString();
    const message = i % 3 ? `Request ${i} served in ${i % 700} ms for tenant-${i % 9}` : `"Cache, refresh of ""region-${i % 5}"" took ${i % 90} s"`;
    if (i === 4 || i === 81_234) rows.push(`${time},WARN,${message},extra`);
    else if (i === 60_001) rows.push(`${time},ERROR`);
    else if (i === 70_000) rows.push(`${time},INFO,"A message over
two lines ${i}"`);
    else rows.push(`${time},INFO,${message}`);
  }
  const csv = join(dir, 'timed.csv');
  writeFileSync(csv, rows.join('\n') + '\n');

  it('gives the same rows, times, patterns and row warnings as mining in one thread', () => {
    for (const extra of [['--json'], []]) {
      const inline = logsift(['patterns', csv, '--workers', '0', ...extra]);
      const threads = logsift(['patterns', csv, '--workers', '2', ...extra]);
      expect(threads.code).toBe(0);
      expect(threads.stdout).toBe(inline.stdout);
      const warnings = (text: string) => text.split('\n').filter((line) => line.startsWith('row '));
      expect(warnings(threads.stderr)).toEqual(warnings(inline.stderr));
      expect(warnings(threads.stderr)).toEqual([
        'row 5: has 4 fields, the header has 3; the fields from 3 on are kept together, as written, in its last column (message)',
        'row 60002: has 2 fields, the header has 3; the missing ones are left empty',
        'row 81235: has 4 fields, the header has 3; the fields from 3 on are kept together, as written, in its last column (message)',
      ]);
    }
    const report = JSON.parse(logsift(['patterns', csv, '--workers', '2', '--json']).stdout);
    expect(report.lines).toBe(100_000);
    expect(report.time.first).toBe('2026-03-01T00:00:00.000Z');
  });
});
