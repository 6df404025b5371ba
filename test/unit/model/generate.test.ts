import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';
import {
  generateLogs,
  generateTemplatedLogs,
  LABELS,
  RARE_GUARANTEE_MIN_ROWS,
  SOURCES,
  type GeneratedLog,
  type TemplatedLog,
} from '../../../src/core/generate/generator.ts';
import { RARE_LABELS, RARE_SOURCE, TEMPLATES } from '../../../src/core/generate/templates.ts';
import { createRng, WeightedTable } from '../../../src/core/generate/random.ts';
import { maskMessage } from '../../../src/core/message-key.ts';
import { csvField, csvLine } from '../../../src/core/csv/format.ts';
import { maskForCheck } from '../../helpers/mask-for-check.ts';

const SCRIPT = fileURLToPath(new URL('../../../scripts/generate-logs.ts', import.meta.url));

const collect = (rows: number, seed: number | string): GeneratedLog[] => [...generateLogs({ rows, seed })];

/** One large sample shared by the statistical tests, generated on first use. */
let largeSample: TemplatedLog[] | undefined;
const sample = (): TemplatedLog[] => (largeSample ??= [...generateTemplatedLogs({ rows: 200_000, seed: 'stats' })]);

const countBy = <T>(items: readonly T[], key: (item: T) => string): Map<string, number> => {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
};

describe('random', () => {
  it('repeats its sequence for a seed and changes it with the seed', () => {
    const draw = (seed: number | string) => Array.from({ length: 20 }, createRng(seed).next);
    expect(draw(1)).toEqual(draw(1));
    expect(draw(1)).not.toEqual(draw(2));
    expect(draw('42')).toEqual(draw(42));
  });

  it('keeps int() within its inclusive bounds and reaches both ends', () => {
    const rng = createRng('bounds');
    const seen = new Set(Array.from({ length: 2000 }, () => rng.int(3, 7)));
    expect([...seen].sort()).toEqual([3, 4, 5, 6, 7]);
  });

  it('picks from a weighted table in proportion to the weights and never a zero weight', () => {
    const table = new WeightedTable([
      ['a', 3],
      ['b', 1],
      ['never', 0],
    ]);
    const rng = createRng('weights');
    const counts = countBy(Array.from({ length: 40_000 }, () => table.pick(rng)), (item) => item);
    expect(counts.get('never')).toBeUndefined();
    expect((counts.get('a') ?? 0) / 40_000).toBeCloseTo(0.75, 1);
  });
});

describe('generateLogs', () => {
  it('gives the same rows for the same seed', () => {
    expect(collect(3000, 42)).toEqual(collect(3000, 42));
    expect(collect(500, 'words work too')).toEqual(collect(500, 'words work too'));
  });

  it('gives different rows for different seeds', () => {
    const a = collect(200, 1).map((log) => log.log_message);
    const b = collect(200, 2).map((log) => log.log_message);
    expect(a).not.toEqual(b);
  });

  it('yields exactly the number of rows asked for', () => {
    for (const rows of [0, 1, 7, 499, 500, 2001]) expect(collect(rows, rows)).toHaveLength(rows);
  });

  it('rejects a row count that is not a non-negative integer', () => {
    expect(() => collect(-1, 1)).toThrow(RangeError);
    expect(() => collect(2.5, 1)).toThrow(RangeError);
  });

  it('writes strictly increasing UTC timestamps as YYYY-MM-DD HH:MM:SS, from the start date on', () => {
    const start = new Date(Date.UTC(2024, 11, 31, 23, 0, 0));
    const logs = [...generateLogs({ rows: 5000, seed: 3, start })];
    let previous = start.getTime() - 1;
    for (const { timestamp } of logs) {
      expect(timestamp).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
      const ms = Date.parse(`${timestamp.replace(' ', 'T')}Z`);
      // Round-tripping through Date proves the fields are valid (no 24:00 or day 32) across midnights.
      expect(new Date(ms).toISOString().slice(0, 19).replace('T', ' ')).toBe(timestamp);
      expect(ms).toBeGreaterThan(previous);
      previous = ms;
    }
    expect(logs.at(-1)?.timestamp.slice(0, 4)).toBe('2025');
  });

  it('emits every label and every source in 20,000 rows, and nothing else', () => {
    const logs = collect(20_000, 20_000);
    expect(new Set(logs.map((log) => log.target_label))).toEqual(new Set(LABELS));
    expect(new Set(logs.map((log) => log.source))).toEqual(new Set(SOURCES));
  });

  it('keeps the rare classes rare, and only in the legacy source', () => {
    const logs = collect(20_000, 'rare');
    const legacy = logs.filter((log) => log.source === RARE_SOURCE);
    const rare = logs.filter((log) => (RARE_LABELS as readonly string[]).includes(log.target_label));
    expect(rare).toEqual(legacy);
    expect(legacy.length / logs.length).toBeLessThan(0.003);
    const shareInLargeSample = sample().filter(({ log }) => log.source === RARE_SOURCE).length / sample().length;
    expect(shareInLargeSample).toBeGreaterThan(0.0005);
    expect(shareInLargeSample).toBeLessThan(0.002);
  });

  it('guarantees at least one row of each rare class from 500 rows on', () => {
    for (const [rows, seed] of [
      [RARE_GUARANTEE_MIN_ROWS, 1],
      [RARE_GUARANTEE_MIN_ROWS, 2],
      [800, 'x'],
      [2000, 42],
      [2000, 7],
    ] as const) {
      const labels = collect(rows, seed).map((log) => log.target_label);
      for (const rareLabel of RARE_LABELS) expect(labels, `${rows} rows, seed ${seed}`).toContain(rareLabel);
    }
  });

  it('lets the rare-class guarantee be turned off', () => {
    const planted = [...generateLogs({ rows: 600, seed: 5 })];
    const natural = [...generateLogs({ rows: 600, seed: 5, guaranteeRareClasses: false })];
    expect(planted).not.toEqual(natural);
  });

  it('makes fixed-wording messages 30–45% of the rows', () => {
    const fixedShare = sample().filter(({ template }) => template.fixed).length / sample().length;
    expect(fixedShare).toBeGreaterThan(0.3);
    expect(fixedShare).toBeLessThan(0.45);
  });

  it('uses every template, and at least 8 phrasings for every frequent class', () => {
    const used = new Set(sample().map(({ template }) => template));
    expect(TEMPLATES.filter((template) => !used.has(template)).map((template) => template.text)).toEqual([]);
    for (const label of LABELS) {
      const phrasings = TEMPLATES.filter((template) => template.label === label).length;
      expect(phrasings, label).toBeGreaterThanOrEqual((RARE_LABELS as readonly string[]).includes(label) ? 5 : 8);
    }
  });
});

describe('labels are carried by words, not by numbers or ids', () => {
  it('maskForCheck hides numbers, hex ids, UUIDs, IPv4 addresses and paths', () => {
    expect(maskForCheck('User User123 logged in.')).toBe('User User<*> logged in.');
    expect(maskForCheck('req 0b2c6f8e-ef4e-4e53-a383-7737715379dd from 10.0.0.12')).toBe('req <*> from <*>');
    expect(maskForCheck('key deadbeefcafe and 0x1F at /var/log/app.log')).toBe('key <*> and <*> at <*>');
    expect(maskForCheck('GET /api/v2/customers/77 HTTP/1.1')).toBe('GET <*> <*>');
    expect(maskForCheck('D:\\Backups\\CRM\\x.csv is 92% full')).toBe('<*> is <*>% full');
  });

  const expectOneLabelPerKey = (mask: (message: string) => string) => {
    const labelOfKey = new Map<string, string>();
    const conflicts: string[] = [];
    for (const { log } of sample()) {
      const key = mask(log.log_message);
      const known = labelOfKey.get(key);
      if (known === undefined) labelOfKey.set(key, log.target_label);
      else if (known !== log.target_label) conflicts.push(`${key}: ${known} vs ${log.target_label}`);
    }
    expect(conflicts.slice(0, 10)).toEqual([]);
    return labelOfKey.size;
  };

  it('never gives two labels the same masked message (test mask)', () => {
    expect(expectOneLabelPerKey(maskForCheck)).toBeGreaterThan(100);
  });

  it('never gives two labels the same masked message (the pipeline mask)', () => {
    expectOneLabelPerKey(maskMessage);
  });
});

describe('CSV output', () => {
  it('quotes only fields that need it, and round-trips tricky values through papaparse', () => {
    expect(csvField('plain text')).toBe('plain text');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    const tricky = ['a,b', 'say "hi"', 'line\nbreak', 'carriage\r\nreturn', '"', '', ' spaced '];
    const parsed = Papa.parse<string[]>(csvLine(tricky), { skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    expect(parsed.data).toEqual([tricky]);
  });

  it('round-trips generated rows through papaparse', () => {
    const logs = collect(5000, 'csv');
    const text = csvLine(['timestamp', 'source', 'log_message', 'target_label']) +
      logs.map((log) => csvLine([log.timestamp, log.source, log.log_message, log.target_label])).join('');
    const parsed = Papa.parse<GeneratedLog>(text, { header: true, skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    expect(parsed.data).toEqual(logs);
    // The sample must actually exercise quoting, or this test proves little.
    expect(logs.some((log) => log.log_message.includes('"'))).toBe(true);
    expect(logs.some((log) => log.log_message.includes(','))).toBe(true);
  });
});

describe('generate-logs CLI', () => {
  const run = (...args: string[]) =>
    spawnSync(process.execPath, ['--import', 'tsx', SCRIPT, ...args], { encoding: 'utf8', timeout: 60_000 });

  it('writes the same rows as the generator, with or without labels', () => {
    const labelled = run('--rows', '300', '--seed', '9');
    expect(labelled.status).toBe(0);
    const parsed = Papa.parse<GeneratedLog>(labelled.stdout, { header: true, skipEmptyLines: true });
    expect(parsed.meta.fields).toEqual(['timestamp', 'source', 'log_message', 'target_label']);
    expect(parsed.data).toEqual(collect(300, '9'));

    const unlabelled = run('--rows', '5', '--seed', '9', '--no-labels');
    expect(unlabelled.status).toBe(0);
    expect(unlabelled.stdout.split('\n')[0]).toBe('timestamp,source,log_message');
    expect(unlabelled.stdout.trimEnd().split('\n')).toHaveLength(6);
  }, 30_000);

  it('prints usage for --help and exits 2 with a clear message on bad arguments', () => {
    const help = run('--help');
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('--rows N');
    for (const [args, message] of [
      [[], '--rows is required'],
      [['--rows', 'ten'], '--rows must be a non-negative integer'],
      [['--rows', '5', '--colour'], "Unknown option '--colour'"],
    ] as const) {
      const result = run(...args);
      expect(result.status).toBe(2);
      expect(result.stderr).toContain(message);
      expect(result.stdout).toBe('');
    }
  }, 30_000);
});
