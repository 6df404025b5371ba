import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';
import { beforeAll, describe, expect, it } from 'vitest';
import { csvLine } from '../../../src/core/csv/format.ts';
import { labelledRows } from '../../helpers/fixtures.ts';
import { stratifiedSplit } from '../../../src/core/training/evaluate.ts';
import { DEFAULT_HOLD_OUT } from '../../../src/core/training/hold-out.ts';
import { generateSystemLogs } from '../../../src/core/generate/system/corpus.ts';

const BIN = fileURLToPath(new URL('../../../bin/logsift.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'logsift-cli-'));
const labelled = join(dir, 'labelled.csv');
const unlabelled = join(dir, 'logs.csv');
const rows = labelledRows(4000, 17);

function logsift(args: string[], input?: string) {
  const result = spawnSync(process.execPath, [BIN, ...args], { input, encoding: 'utf8', maxBuffer: 1 << 28 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const parse = (text: string) => Papa.parse<string[]>(text, { skipEmptyLines: true }).data;

beforeAll(() => {
  writeFileSync(labelled, csvLine(['source', 'log_message', 'target_label']) + rows.map((r) => csvLine([r.source, r.message, r.label])).join(''));
  writeFileSync(unlabelled, csvLine(['id', 'source', 'log_message']) + rows.map((r, i) => csvLine([String(i), r.source, r.message])).join(''));
});

describe('logsift CLI', () => {
  it('classifies with the built-in bundle: every row, in order, labelled', () => {
    const { code, stdout, stderr } = logsift(['classify', unlabelled]);
    expect(code).toBe(0);
    const out = parse(stdout);
    expect(out[0]).toEqual(['id', 'source', 'log_message', 'target_label']);
    expect(out).toHaveLength(rows.length + 1);
    let correct = 0;
    out.slice(1).forEach((row, i) => {
      expect(row[0]).toBe(String(i));
      if (row[3] === rows[i].label) correct++;
    });
    const routed = rows.filter((r) => r.source === 'LegacyCRM').length;
    expect(correct / (rows.length - routed)).toBeGreaterThan(0.98);
    expect(stderr).toMatch(/4000 rows classified/);
  });

  it('says how many rows the model was not sure of, and what labels them', () => {
    const system = [...generateSystemLogs({ rows: 400, seed: 'cli-unsure' })].map((log) => log.log_message.replace(/[\r\n]+/g, ' '));
    const { code, stdout, stderr } = logsift(['classify', '-', '--explain'], csvLine(['log_message']) + system.map((m) => csvLine([m])).join(''));
    expect(code).toBe(0);
    const unsure = parse(stdout).slice(1).filter((row) => row[2] === 'none' && Number(row[3]) > 0).length;
    expect(unsure).toBeGreaterThan(0);
    expect(stderr).toContain(`${unsure} rows (${((100 * unsure) / system.length).toFixed(1)}%) are Unclassified because the model was not sure`);
    expect(stderr).toMatch(/below the confidence threshold \(0\.\d+\)/);
    expect(stderr).toMatch(/--llm/);
    expect(stderr).toMatch(/logsift patterns FILE/);
    // A run where every row was labelled says nothing of the kind.
    const sure = logsift(['classify', '-'], 'log_message\nBackup completed successfully.\n');
    expect(sure.stderr).not.toMatch(/not sure/);
  });

  it('explains tiers and confidence, reads standard input and writes --out', () => {
    const out = join(dir, 'explained.csv');
    const { code } = logsift(['classify', '-', '--explain', '--out', out], 'log_message\nBackup completed successfully.\n');
    expect(code).toBe(0);
    expect(parse(readFileSync(out, 'utf8'))).toEqual([
      ['log_message', 'target_label', 'tier', 'confidence'],
      ['Backup completed successfully.', 'System Notification', 'regex', '1.0000'],
    ]);
  });

  it('trains a bundle that classify then uses', () => {
    const bundlePath = join(dir, 'bundle.json');
    const trained = logsift(['train', labelled, '--out', bundlePath, '--rules', 'none', '--routes', 'none', '--threshold', '0.6']);
    expect(trained.code).toBe(0);
    const bundle = JSON.parse(readFileSync(bundlePath, 'utf8'));
    expect(bundle.rules).toEqual([]);
    expect(bundle.thresholds).toEqual({ minSamples: 10, confidence: 0.6 });
    const { stdout } = logsift(['classify', '-', '--model', bundlePath, '--explain'], 'source,log_message\nLegacyCRM,Backup completed successfully.\n');
    expect(parse(stdout)[1][3]).toBe('ngram');
  });

  it('evaluates on a held-out split and prints JSON', () => {
    const { code, stdout } = logsift(['eval', labelled, '--json', '--seed', '2']);
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    expect(Object.keys(result)).toEqual(expect.arrayContaining(['accuracy', 'macroF1', 'perClass', 'tiers', 'confusion']));
    expect(result.macroF1).toBeGreaterThanOrEqual(0.98);
    expect(result.perClass['HTTP Status']).toEqual(expect.objectContaining({ precision: expect.any(Number), support: expect.any(Number) }));
  });

  it('holds out the share and seed the page uses by default, and says which labels macro-F1 covers and which it leaves out, and why', () => {
    const { code, stdout } = logsift(['eval', labelled, '--json']);
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    const split = stratifiedSplit(
      rows.map((r) => r.label),
      DEFAULT_HOLD_OUT.testFraction,
      DEFAULT_HOLD_OUT.seed,
    );
    expect([result.trainRows, result.testRows]).toEqual([split.train.length, split.test.length]);
    // Left out: exactly the scored labels outside the macro figure, each with its training rows.
    const scored = Object.keys(result.perClass);
    const leftOut: { label: string; reason: string; trainingRows: number; routedRows: number; minSamples: number }[] = result.macroLeftOut;
    expect(leftOut.map((e) => e.label)).toEqual(scored.filter((label) => !result.macroClasses.includes(label)).sort());
    expect(leftOut.length).toBeGreaterThan(0);
    for (const entry of leftOut) expect(entry.trainingRows).toBeLessThan(entry.minSamples);

    const report = logsift(['eval', labelled]).stdout;
    expect(report).toContain(`(covers ${result.macroClasses.length} of ${scored.length} labels, those the model tier answers: ${result.macroClasses.join(', ')})`);
    for (const entry of leftOut) {
      const why =
        entry.reason === 'routed-to-llm'
          ? `not modelled: ${entry.routedRows} training rows come from sources routed to the LLM`
          : `too few samples: ${entry.trainingRows + entry.routedRows} training`;
      expect(report).toContain(`left out: ${entry.label} – ${why}`);
    }
  });

  it('prints a readable report without --json', () => {
    const { stdout } = logsift(['eval', labelled, '--test-fraction', '0.5']);
    expect(stdout).toMatch(/macro-F1/);
    expect(stdout).toMatch(/confusion/);
  });

  it('fails clearly on bad input and bad usage', () => {
    const noColumn = logsift(['classify', '-'], 'time,host\n1,a\n');
    expect(noColumn.code).toBe(1);
    expect(noColumn.stderr).toMatch(/Columns in the file: time, host/);
    const badModel = logsift(['classify', unlabelled, '--model', labelled]);
    expect(badModel.code).toBe(1);
    expect(badModel.stderr).toMatch(/not JSON/);
    expect(logsift(['frobnicate']).code).toBe(2);
    expect(logsift(['train', labelled]).stderr).toMatch(/needs --out/);
    expect(logsift(['eval', labelled, '--threshold', '7']).stderr).toMatch(/--threshold must be a number from 0 to 1/);
    expect(logsift(['classify', join(dir, 'missing.csv')]).code).toBe(1);
  });
});

describe('--column: the column that holds the messages, in every command', () => {
  const renamed = join(dir, 'renamed.csv');
  const renamedLabelled = join(dir, 'renamed-labelled.csv');
  beforeAll(() => {
    // "log" would be found by name: the messages are in "Event Text", another text column comes first.
    writeFileSync(renamed, csvLine(['source', 'note', 'Event Text']) + rows.map((r, i) => csvLine([r.source, `note ${i}`, r.message])).join(''));
    writeFileSync(renamedLabelled, csvLine(['Event Text', 'target_label']) + rows.map((r) => csvLine([r.message, r.label])).join(''));
  });

  it('classify refuses a file without a known message column, naming the columns and --column; with --column it labels as usual', () => {
    const refused = logsift(['classify', renamed]);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/No log message column found \(looked for log_message, .*\)\. Columns in the file: source, note, Event Text\. .*--column NAME/);
    const usual = parse(logsift(['classify', unlabelled]).stdout).slice(1).map((row) => row[3]);
    for (const workers of ['0', '2']) {
      const { code, stdout, stderr } = logsift(['classify', renamed, '--column', 'event text', '--workers', workers]);
      expect(code, stderr).toBe(0);
      const out = parse(stdout);
      expect(out[0]).toEqual(['source', 'note', 'Event Text', 'target_label']);
      expect(out.slice(1).map((row) => row[3])).toEqual(usual);
    }
    const wrong = logsift(['classify', renamed, '--column', 'Message Body']);
    expect(wrong.code).not.toBe(0);
    expect(wrong.stderr).toMatch(/No column “Message Body” in the file\. Columns in the file: source, note, Event Text\./);
  });

  it('train and eval take --column too', () => {
    const bundle = join(dir, 'renamed-bundle.json');
    expect(logsift(['train', renamedLabelled, '--out', bundle]).stderr).toMatch(/No log message column found/);
    const trained = logsift(['train', renamedLabelled, '--column', 'Event Text', '--out', bundle]);
    expect(trained.code, trained.stderr).toBe(0);
    expect(JSON.parse(readFileSync(bundle, 'utf8')).labels.length).toBeGreaterThan(3);
    const evaluated = logsift(['eval', renamedLabelled, '--column', 'Event Text', '--json']);
    expect(evaluated.code, evaluated.stderr).toBe(0);
    expect(JSON.parse(evaluated.stdout).accuracy).toBeGreaterThan(0.8);
    expect(logsift(['eval', renamedLabelled, '--column', 'nope']).stderr).toMatch(/No column “nope” in the file/);
  });
});
