import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { PatternMiner } from '../../src/core/patterns/index.ts';

const BIN = fileURLToPath(new URL('../../bin/logsift.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'logsift-patterns-'));

function logsift(args: string[]) {
  const result = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });
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

  it('reads a named CSV column, writes --out and --state', () => {
    const csv = join(dir, 'structured.csv');
    writeFileSync(csv, 'LineId,Content\n1,"Failed password for root from 1.2.3.4 port 22 ssh2"\n2,"Failed password for root from 5.6.7.8 port 2222 ssh2"\n3,\n');
    const out = join(dir, 'out.csv');
    const state = join(dir, 'state.json');
    const { code } = logsift(['patterns', csv, '--column', 'Content', '--out', out, '--state', state]);
    expect(code).toBe(0);
    const rows = parse(readFileSync(out, 'utf8'));
    expect(rows).toHaveLength(4);
    expect(rows[1][3]).toBe('Failed password for root from <*> port <*> ssh2');
    expect(rows[3]).toEqual(['3', '', '', '']);
    const miner = PatternMiner.fromState(JSON.parse(readFileSync(state, 'utf8')));
    expect(miner.match('Failed password for root from 9.9.9.9 port 1 ssh2')?.id).toBe(rows[1][2]);
  });

  it('names the missing column', () => {
    const csv = join(dir, 'nocol.csv');
    writeFileSync(csv, 'a,b\n1,2\n');
    const { code, stderr } = logsift(['patterns', csv, '--column', 'Content']);
    expect(code).toBe(1);
    expect(stderr).toMatch(/Content/);
  });
});
