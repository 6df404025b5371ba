import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { createRng } from '../../../src/core/generate/random.ts';
import { compileFamilyTemplate, generateSystemLogs, systemFamilies } from '../../../src/core/generate/system/corpus.ts';
import type { LogFamily } from '../../../src/core/generate/system/family.ts';
import { LABELS } from '../../../src/core/generate/templates.ts';
import { BUILT_IN_CORPUS, generateTrainingCorpus } from '../../../src/core/generate/training-corpus.ts';
import { maskMessage } from '../../../src/core/message-key.ts';

const SCRIPT = fileURLToPath(new URL('../../../scripts/generate-logs.ts', import.meta.url));
const lines = (rows: number, seed: string | number, extra: Partial<Parameters<typeof generateSystemLogs>[0]> = {}) => [
  ...generateSystemLogs({ rows, seed, ...extra }),
];
const family = (templates: LogFamily['templates'], slots?: LogFamily['slots']): LogFamily => ({ id: 'test', group: 'test', templates, slots });
const renderOnce = (fam: LogFamily, seed = 1) => {
  const compiled = compileFamilyTemplate(fam, fam.templates[0]);
  const rng = createRng(seed);
  return compiled.pieces.map((piece) => (typeof piece === 'string' ? piece : piece(rng, 1_700_000_000))).join('');
};

describe('system-log families', () => {
  it('are many, each with an id of its own, an area and many templates', () => {
    const families = systemFamilies();
    expect(families.length).toBeGreaterThanOrEqual(150);
    expect(new Set(families.map((f) => f.id)).size).toBe(families.length);
    expect(new Set(families.map((f) => f.group)).size).toBeGreaterThanOrEqual(10);
    for (const f of families) expect(f.templates.length, f.id).toBeGreaterThanOrEqual(12);
  });

  it('never use Workflow Error (a business-process label) and use only the nine labels', () => {
    for (const f of systemFamilies()) {
      for (const t of f.templates) {
        expect(LABELS, `${f.id}: ${t.text}`).toContain(t.label);
        expect(t.label, `${f.id}: ${t.text}`).not.toBe('Workflow Error');
      }
    }
  });

  it('keep templates of different labels apart after masking, within each family', () => {
    const rng = createRng('clash');
    for (const f of systemFamilies()) {
      const labelsByKey = new Map<string, Set<string>>();
      for (const template of f.templates) {
        const compiled = compileFamilyTemplate(f, template);
        for (let i = 0; i < 4; i++) {
          const text = compiled.pieces.map((piece) => (typeof piece === 'string' ? piece : piece(rng, 1_700_000_000 + i))).join('');
          const key = maskMessage(text);
          const labels = labelsByKey.get(key) ?? new Set<string>();
          labels.add(template.label);
          labelsByKey.set(key, labels);
        }
      }
      const clashes = [...labelsByKey].filter(([, labels]) => labels.size > 1).map(([key]) => key);
      expect(clashes, f.id).toEqual([]);
    }
  });
});

describe('family templates', () => {
  it('fill slots, pick inline choices and keep doubled braces as literal ones', () => {
    const text = renderOnce(family([{ label: 'Error', text: '{{"code":{n}}} {up|down} on {iface}' }], { n: ['7'] }));
    expect(text).toMatch(/^\{"code":7\} (up|down) on \S+$/);
  });

  it('refuse an unknown slot and an unmatched brace when compiled', () => {
    expect(() => compileFamilyTemplate(family([]), { label: 'Error', text: 'value {nope}' })).toThrow(/unknown slot \{nope\}/);
    expect(() => compileFamilyTemplate(family([]), { label: 'Error', text: 'value {port' })).toThrow(/unmatched \{/);
    expect(() => compileFamilyTemplate(family([]), { label: 'Error', text: 'value }' })).toThrow(/unmatched \}/);
  });
});

describe('generateSystemLogs', () => {
  it('gives the same lines for the same seed and other lines for another', () => {
    expect(lines(2000, 7)).toEqual(lines(2000, 7));
    expect(lines(200, 7).map((l) => l.log_message)).not.toEqual(lines(200, 8).map((l) => l.log_message));
  });

  it('is mostly routine chatter, with every label but Workflow Error present', () => {
    const sample = lines(30_000, 'mix');
    const share = (label: string) => sample.filter((l) => l.target_label === label).length / sample.length;
    expect(share('System Notification')).toBeGreaterThan(0.4);
    for (const label of LABELS.filter((l) => l !== 'Workflow Error')) expect(share(label), label).toBeGreaterThan(0.01);
    expect(share('Workflow Error')).toBe(0);
  });

  it('writes some lines as raw-file lines with a header and wraps some in JSON or logfmt', () => {
    const sample = lines(20_000, 'shapes');
    const withSyslogHeader = sample.filter((l) => /^[A-Z][a-z]{2} [ \d]\d \d{2}:\d{2}:\d{2} \S+ \S+?(\[\d+\])?: /.test(l.log_message)).length;
    const json = sample.filter((l) => l.log_message.startsWith('{"')).filter((l) => {
      try {
        return typeof JSON.parse(l.log_message) === 'object';
      } catch {
        return false;
      }
    }).length;
    expect(withSyslogHeader / sample.length).toBeGreaterThan(0.05);
    expect(json / sample.length).toBeGreaterThan(0.01);
  });

  it('leaves out the areas it is told to, and only them', () => {
    const sample = lines(5000, 'without', { excludeGroups: ['linux', 'web'] });
    expect(sample.some((l) => l.group === 'linux' || l.group === 'web')).toBe(false);
    expect(new Set(sample.map((l) => l.group)).size).toBeGreaterThanOrEqual(8);
    expect(() => lines(10, 1, { families: ['no-such-family'] })).toThrow(/no log family/);
  });
});

describe('the built-in training corpus', () => {
  it('holds the business example sources and the system families', () => {
    const rows = [...generateTrainingCorpus({ ...BUILT_IN_CORPUS, businessRows: 500, systemRows: 500 })];
    expect(rows).toHaveLength(1000);
    expect(rows.filter((r) => r.group === 'business')).toHaveLength(500);
    expect(new Set(rows.filter((r) => r.group !== 'business').map((r) => r.group)).size).toBeGreaterThanOrEqual(8);
  });
});

describe('generate-logs --kind system', () => {
  it('writes the system families’ lines as CSV that reads back as generated', () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', SCRIPT, '--rows', '200', '--seed', '3', '--kind', 'system'], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(result.status).toBe(0);
    const parsed = Papa.parse<Record<string, string>>(result.stdout, { header: true, skipEmptyLines: true });
    expect(parsed.meta.fields).toEqual(['family', 'source', 'log_message', 'target_label']);
    expect(parsed.data.map((row) => row.log_message)).toEqual(lines(200, '3').map((l) => l.log_message));
  }, 30_000);
});
