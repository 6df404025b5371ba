/** The worker-side containers of a run: columnar results with filtered views, the output collector, the progress throttle. */
import { describe, expect, it } from 'vitest';
import { OutputCollector } from '../../workers/output-collector.ts';
import { ResultStore } from '../../workers/results-store.ts';
import { throttle } from '../../workers/throttle.ts';
import type { Classification, LogRecord, Tier } from '../../src/core/types.ts';

function batch(rows: [message: string, source: string, label: string, tier: Tier, confidence: number][]) {
  const records: LogRecord[] = rows.map(([message, source]) => ({ message, source }));
  const results: Classification[] = rows.map(([, , label, tier, confidence]) => ({ label, tier, confidence }));
  return { records, results };
}

describe('ResultStore', () => {
  const filled = () => {
    const store = new ResultStore();
    const a = batch([
      ['User User1 logged in.', 'ModernHR', 'User Action', 'regex', 1],
      ['Disk FULL on /var', 'BillingSystem', 'Resource Usage', 'ngram', 0.91],
    ]);
    const b = batch([
      ['Connection timeout to db', 'ModernCRM', 'Error', 'ngram', 0.72],
      ['weird line', 'LegacyCRM', 'Unclassified', 'llm-pending', 0],
      ['', 'ModernHR', 'Unclassified', 'none', 0],
    ]);
    store.append(0, a.records, a.results);
    store.append(2, b.records, b.results);
    return store;
  };

  it('keeps rows in order with 1-based row numbers', () => {
    const store = filled();
    expect(store.size).toBe(5);
    expect(store.query({})).toBe(5);
    const rows = store.rows(0, 10);
    expect(rows.map((r) => r.row)).toEqual([1, 2, 3, 4, 5]);
    expect(rows[2]).toEqual({ index: 2, row: 3, source: 'ModernCRM', message: 'Connection timeout to db', label: 'Error', tier: 'ngram', confidence: expect.closeTo(0.72, 5) });
    expect(store.rows(3, 1).map((r) => r.message)).toEqual(['weird line']);
    expect(store.rows(4, 10)).toHaveLength(1);
    expect(store.rows(9, 10)).toEqual([]);
  });

  it('filters by label and by tier', () => {
    const store = filled();
    expect(store.query({ label: 'Unclassified' })).toBe(2);
    expect(store.rows(0, 10).map((r) => r.row)).toEqual([4, 5]);
    expect(store.query({ tier: 'ngram' })).toBe(2);
    expect(store.rows(0, 10).map((r) => r.label)).toEqual(['Resource Usage', 'Error']);
    expect(store.query({ label: 'Unclassified', tier: 'none' })).toBe(1);
    expect(store.query({ label: 'No Such Label' })).toBe(0);
    expect(store.rows(0, 10)).toEqual([]);
    expect(store.query({ label: null, tier: null, search: '' })).toBe(5);
  });

  it('searches messages and sources, case-insensitively', () => {
    const store = filled();
    expect(store.query({ search: 'disk full' })).toBe(1);
    expect(store.rows(0, 1)[0].row).toBe(2);
    expect(store.query({ search: '  TIMEOUT ' })).toBe(1);
    expect(store.query({ search: 'legacycrm' })).toBe(1);
    expect(store.query({ search: 'modernhr', label: 'User Action' })).toBe(1);
    expect(store.query({ search: 'nothing like this' })).toBe(0);
  });

  it('lists the labels in use and forgets everything on clear', () => {
    const store = filled();
    expect(store.labelsInUse()).toEqual(['Error', 'Resource Usage', 'Unclassified', 'User Action']);
    store.clear();
    expect(store.size).toBe(0);
    expect(store.query({})).toBe(0);
    expect(store.labelsInUse()).toEqual([]);
  });

  it('grows past its first capacity and stays fast on many rows', () => {
    const store = new ResultStore();
    const n = 200_000;
    const per = 10_000;
    for (let start = 0; start < n; start += per) {
      const records: LogRecord[] = [];
      const results: Classification[] = [];
      for (let i = start; i < start + per; i++) {
        records.push({ message: `message number ${i}`, source: i % 2 ? 'odd' : 'even' });
        results.push({ label: i % 3 === 0 ? 'Three' : 'Other', tier: 'ngram', confidence: 0.5 });
      }
      store.append(start, records, results);
    }
    expect(store.size).toBe(n);
    const t0 = performance.now();
    expect(store.query({ label: 'Three', search: 'ODD' })).toBe(Math.floor(n / 6));
    expect(performance.now() - t0).toBeLessThan(2000);
    const last = store.rows(store.viewSize - 1, 5);
    expect(last).toHaveLength(1);
    expect(last[0].row % 6).toBe(4);
    expect(store.rows(0, 3).map((r) => r.index)).toEqual([3, 9, 15]);
  });
});

describe('OutputCollector', () => {
  it('joins chunks in order into one CSV Blob, folding text into parts', async () => {
    const out = new OutputCollector(10);
    const chunks = ['a,b\n', '1,2\n', 'ünïcödé,"x,y"\n', '3,4\n'];
    for (const c of chunks) out.push(c);
    const blob = out.finish();
    expect(blob.type).toBe('text/csv;charset=utf-8');
    expect(await blob.text()).toBe(chunks.join(''));
  });

  it('gives an empty Blob for no chunks', async () => {
    expect(await new OutputCollector().finish().text()).toBe('');
  });
});

describe('throttle', () => {
  it('passes at most one call per interval and flushes the last one held back', () => {
    let now = 0;
    const seen: number[] = [];
    const t = throttle((v: number) => seen.push(v), 100, () => now);
    t(1);
    now = 50;
    t(2);
    t(3);
    expect(seen).toEqual([1]);
    now = 120;
    t(4);
    expect(seen).toEqual([1, 4]);
    now = 130;
    t(5);
    t.flush();
    expect(seen).toEqual([1, 4, 5]);
    t.flush();
    expect(seen).toEqual([1, 4, 5]);
  });
});
