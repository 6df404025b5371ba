/**
 * The files the CLI writes: a file the user gave is never overwritten or truncated by accident.
 * --out that is the input (by any name), a folder or in a missing folder is refused before any
 * work; a run that fails or is interrupted leaves an existing --out as it was and no temporary
 * file; a run that succeeds replaces it, keeping its permissions. Messages are one line (and at
 * most a hint), with file content's control characters escaped.
 */
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, linkSync, mkdtempSync, openSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeEach, describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../../../bin/logsift.js', import.meta.url));
const LOGS = 'source,log_message\nA,User User1 logged in.\nB,Backup completed successfully.\n';

let dir: string;
const at = (name: string) => join(dir, name);

function logsift(args: string[], input = '') {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd: dir, encoding: 'utf8', input });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The folder holds exactly these names: no temporary file left behind. */
const filesIn = () => readdirSync(dir).sort();

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'logsift-files-'));
  writeFileSync(at('logs.csv'), LOGS);
});

describe('--out is checked before any work', () => {
  it('refuses the input itself, by its own name, a hard link, a symbolic link or standard input', () => {
    linkSync(at('logs.csv'), at('hard.csv'));
    symlinkSync(at('logs.csv'), at('soft.csv'));
    for (const [input, out] of [
      ['logs.csv', 'logs.csv'],
      ['logs.csv', 'hard.csv'],
      ['soft.csv', 'logs.csv'],
      ['logs.csv', './soft.csv'],
    ]) {
      const run = logsift(['classify', input, '--out', out]);
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(new RegExp(`^logsift: --out ${out.replace('.', '\\.')}: it is the file this command reads.*\\n$`));
    }
    const fromStdin = spawnSync(process.execPath, [BIN, 'classify', '-', '--out', 'logs.csv'], { cwd: dir, encoding: 'utf8', stdio: [openSync(at('logs.csv'), 'r'), 'pipe', 'pipe'] });
    expect(fromStdin.status).toBe(1);
    expect(fromStdin.stderr).toMatch(/standard input/);
    expect(readFileSync(at('logs.csv'), 'utf8')).toBe(LOGS);
    expect(filesIn()).toEqual(['hard.csv', 'logs.csv', 'soft.csv']);
  });

  it('refuses standard output appended to the input, which would never end', () => {
    const out = openSync(at('logs.csv'), 'a');
    const run = spawnSync(process.execPath, [BIN, 'classify', 'logs.csv'], { cwd: dir, encoding: 'utf8', stdio: ['ignore', out, 'pipe'] });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^logsift: Standard output is the file this command reads/);
    expect(readFileSync(at('logs.csv'), 'utf8')).toBe(LOGS);
  });

  it('says in one line that a folder is missing or that the path is a folder', () => {
    expect(logsift(['classify', 'logs.csv', '--out', 'nowhere/out.csv']).stderr).toBe('logsift: --out nowhere/out.csv: the folder nowhere does not exist.\n');
    expect(logsift(['classify', 'logs.csv', '--out', dir]).stderr).toBe(`logsift: --out ${dir}: it is a folder; give the name of a file to write.\n`);
    expect(logsift(['train', 'logs.csv', '--out', 'nowhere/b.json']).code).toBe(1);
    expect(logsift(['patterns', 'logs.csv', '--state', 'nowhere/p.json']).code).toBe(1);
    expect(filesIn()).toEqual(['logs.csv']);
  });

  it('refuses a bundle, patterns state or LLM answer cache written over a file the command reads', () => {
    expect(logsift(['train', 'logs.csv', '--out', 'logs.csv']).stderr).toMatch(/^logsift: --out logs\.csv: it is the file this command reads/);
    expect(logsift(['patterns', 'logs.csv', '--state', 'logs.csv']).stderr).toMatch(/^logsift: --state logs\.csv: it is the file/);
    const llm = ['--llm', 'openai', '--llm-base-url', 'http://127.0.0.1:9/v1', '--llm-model', 'm'];
    expect(logsift(['classify', 'logs.csv', ...llm, '--llm-cache', 'logs.csv']).stderr).toMatch(/^logsift: --llm-cache logs\.csv: it is the file/);
    expect(logsift(['classify', 'logs.csv', '--out', 'o.csv', ...llm, '--llm-cache', 'o.csv']).stderr).toMatch(/--llm-cache o\.csv: it is also where o\.csv goes/);
    expect(readFileSync(at('logs.csv'), 'utf8')).toBe(LOGS);
    expect(filesIn()).toEqual(['logs.csv']);
  });
});

describe('an existing --out', () => {
  it('stays as it was when the run fails, with no temporary file left', () => {
    writeFileSync(at('out.csv'), 'the previous result\n');
    writeFileSync(at('nocolumn.csv'), 'when,what\n1,2\n');
    for (const input of ['nocolumn.csv', 'missing.csv']) expect(logsift(['classify', input, '--out', 'out.csv']).code).toBe(1);
    writeFileSync(at('binary.csv'), Buffer.concat([Buffer.from(LOGS), Buffer.from([0, 1, 2]), Buffer.from('\n')]));
    const binary = logsift(['classify', 'binary.csv', '--out', 'out.csv']);
    expect(binary.stderr).toMatch(new RegExp(`^logsift: This file is binary, not text: it holds a NUL byte \\(at byte ${LOGS.length}\\)`));
    expect(readFileSync(at('out.csv'), 'utf8')).toBe('the previous result\n');
    expect(filesIn()).toEqual(['binary.csv', 'logs.csv', 'nocolumn.csv', 'out.csv']);
  });

  it('is replaced by a run that succeeds, keeping its permissions', () => {
    writeFileSync(at('out.csv'), 'old\n');
    chmodSync(at('out.csv'), 0o600);
    expect(logsift(['classify', 'logs.csv', '--out', 'out.csv']).code).toBe(0);
    expect(readFileSync(at('out.csv'), 'utf8')).toMatch(/^source,log_message,target_label\nA,User User1 logged in\.,User Action\n/);
    expect(statSync(at('out.csv')).mode & 0o777).toBe(0o600);
    expect(filesIn()).toEqual(['logs.csv', 'out.csv']);
  });

  it('is written through a symbolic link, which stays a link', () => {
    writeFileSync(at('real.csv'), 'old\n');
    symlinkSync('real.csv', at('link.csv'));
    expect(logsift(['classify', 'logs.csv', '--out', 'link.csv']).code).toBe(0);
    expect(readFileSync(at('real.csv'), 'utf8')).toMatch(/^source,log_message,target_label\n/);
    expect(statSync(at('link.csv')).isFile()).toBe(true);
    expect(filesIn()).toEqual(['link.csv', 'logs.csv', 'real.csv']);
  });

  it('stays as it was when the run is interrupted', async () => {
    writeFileSync(at('out.csv'), 'the previous result\n');
    const child = spawn(process.execPath, [BIN, 'classify', '-', '--out', 'out.csv'], { cwd: dir, stdio: ['pipe', 'ignore', 'pipe'] });
    // Rows keep coming: the output is being written to its temporary file when the signal comes.
    child.stdin.write(LOGS);
    const temp = () => readdirSync(dir).some((name) => name.endsWith('.tmp'));
    for (let i = 0; i < 600 && !temp(); i++) await new Promise((r) => setTimeout(r, 50));
    expect(temp()).toBe(true);
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(readFileSync(at('out.csv'), 'utf8')).toBe('the previous result\n');
    expect(filesIn()).toEqual(['logs.csv', 'out.csv']);
  }, 60_000);

  it('is not needed for a device: --out /dev/null writes to it as it is', () => {
    expect(logsift(['classify', 'logs.csv', '--out', '/dev/null']).code).toBe(0);
    expect(existsSync('/dev/null')).toBe(true);
    expect(statSync('/dev/null').isCharacterDevice()).toBe(true);
  });
});

describe('messages', () => {
  it('escape the control characters of file content, and stay on one line', () => {
    writeFileSync(at('esc.csv'), 'time,\x1b]0;pwned\x07title,\x1b[2Jclear\nrow\n');
    const run = logsift(['classify', 'esc.csv']);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('logsift: No log message column found (looked for log_message, message, msg, log, content, text, line). Columns in the file: time, \\x1b]0;pwned\\x07title, \\x1b[2Jclear. Choose the column that holds the messages (the page asks; the command line takes --column NAME).\n');
    // Warnings too: a column name in a warning, a key of an NDJSON line.
    writeFileSync(at('keys.jsonl'), '{"msg":"a"}\n'.repeat(20) + '{"msg":"b","\\u001b[31mred":1}\n');
    const warned = logsift(['classify', 'keys.jsonl']);
    expect(warned.code).toBe(0);
    expect(warned.stderr).toContain('(\\x1b[31mred)');
    expect(warned.stderr).not.toContain('\x1b');
  });

  it('are one line and a hint for a usage error, one line for a bad rules file; never a stack trace', () => {
    const usage = logsift(['classify', 'logs.csv', '--workers', 'many']);
    expect(usage.code).toBe(2);
    expect(usage.stderr.trim().split('\n')).toEqual(['logsift: --workers must be a whole number from 0 to 64, got "many"', 'Run "logsift --help" for the commands and their options.']);
    writeFileSync(at('rules.json'), '[{"pattern": "(", "label": "x"}]');
    const rules = logsift(['train', 'logs.csv', '--out', 'b.json', '--rules', 'rules.json']);
    expect(rules.code).toBe(1);
    expect(rules.stderr).toMatch(/^logsift: --rules rules\.json: rule 1: invalid pattern: [^\n]*\n$/);
    for (const run of [usage, rules, logsift(['classify', 'missing.csv']), logsift(['classify', dir]), logsift(['bogus'])]) {
      expect(run.stderr).not.toMatch(/\n\s+at /);
      expect(run.stderr.trim().split('\n').length).toBeLessThanOrEqual(2);
    }
  });

  it('say nothing when the reader of standard output stops early', () => {
    writeFileSync(at('many.csv'), 'log_message\n' + 'User User1 logged in.\n'.repeat(200_000));
    const run = spawnSync('sh', ['-c', `"${process.execPath}" "${BIN}" classify many.csv | head -c 100 > /dev/null`], { cwd: dir, encoding: 'utf8' });
    expect(run.stderr).toBe('');
  }, 60_000);
});
