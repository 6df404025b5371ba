/**
 * The classify worker's service in Node, on fake-indexeddb and the shipped default bundle:
 * persistence of edits, refusal of bad rules and bundles, runs with results and outputs,
 * cancel. The training workspace's part is in training/training-service.test.ts.
 */
import 'fake-indexeddb/auto';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { generateLogs } from '../../../src/core/generate/generator.ts';
import { csvLine } from '../../../src/core/csv/format.ts';
import { MemoryBundleStorage } from '../../../src/storage/db.ts';
import { DEFAULT_BUNDLE_JSON as DEFAULT_JSON, testService } from '../../helpers/classify-service.ts';
import type { RunProgress } from '../../../workers/classify-api.ts';


function csvBlob(rows: number, seed: string): { blob: Blob; messages: string[] } {
  const parts = [csvLine(['source', 'log_message'])];
  const messages: string[] = [];
  for (const log of generateLogs({ rows, seed })) {
    parts.push(csvLine([log.source, log.log_message]));
    messages.push(log.log_message);
  }
  return { blob: new Blob(parts), messages };
}

const parse = async (blob: Blob) => Papa.parse<Record<string, string>>(await blob.text(), { header: true, skipEmptyLines: true });

describe('classify service', () => {
  it('starts on the built-in default bundle', async () => {
    const { api } = testService();
    const info = await api.loadBundle();
    expect(info.builtIn).toBe(true);
    expect(info.persistent).toBe(true);
    expect(info.labels.length).toBeGreaterThan(1);
    expect(info.embedder).toMatch(/^ngram/);
    expect(JSON.parse(await api.exportBundle()).format).toBe('logsift-bundle');
  });

  it('classifies, serves filtered pages, and builds both outputs', async () => {
    const { api } = testService();
    const { blob, messages } = csvBlob(1500, 'svc');
    const seen: RunProgress[] = [];
    const summary = await api.classify(blob, 'x.csv', false, (p) => seen.push(p));
    expect(summary.cancelled).toBe(false);
    expect(summary.rows).toBe(1500);
    expect(seen.at(-1)?.rowsDone).toBe(1500);
    expect(await api.query({})).toBe(1500);
    const page = await api.rows(0, 3);
    expect(page.map((r) => r.message)).toEqual(messages.slice(0, 3));
    const label = page[0].label;
    const n = await api.query({ label });
    expect(n).toBe(summary.byLabel[label]);
    for (const row of await api.rows(0, 50)) expect(row.label).toBe(label);

    const plain = await parse(await api.buildOutput(false));
    expect(plain.meta.fields).toEqual(['source', 'log_message', 'target_label']);
    expect(plain.data.map((r) => r.log_message)).toEqual(messages);
    const explained = await parse(await api.buildOutput(true));
    expect(explained.meta.fields).toEqual(['source', 'log_message', 'target_label', 'tier', 'confidence']);
    expect(explained.data.map((r) => r.target_label)).toEqual(plain.data.map((r) => r.target_label));

    // The distinct keys are the run's own, not accumulated over runs.
    const again = await api.classify(blob, 'x.csv', false, () => {});
    expect(again.distinctKeys).toBe(summary.distinctKeys);
  });

  it('refuses an unreadable file with the core message and keeps nothing', async () => {
    const { api } = testService();
    await expect(api.classify(new Blob(['a,b,c\n1,2,3\n']), 'bad.csv', false, () => {})).rejects.toThrow(
      /Columns in the file: a, b, c/,
    );
    expect(await api.query({})).toBe(0);
    await expect(api.buildOutput(false)).rejects.toThrow(/classify a file first/);
  });

  it('cancels a run', async () => {
    const { api } = testService();
    const { blob } = csvBlob(60_000, 'svc-cancel');
    let cancelled = false;
    const summary = await api.classify(blob, 'big.csv', false, () => {
      if (!cancelled) {
        cancelled = true;
        api.cancel();
      }
    });
    expect(summary.cancelled).toBe(true);
    expect(summary.rows).toBeLessThan(60_000);
    expect(await api.query({})).toBe(0);
    // Usable after.
    const again = await api.classify(csvBlob(10, 'after').blob, 'small.csv', false, () => {});
    expect(again.rows).toBe(10);
  });

  it('refuses invalid rules with the reason per rule and persists valid ones', async () => {
    const { api, name } = testService();
    const info = await api.loadBundle();
    const bad = await api.saveRules([...info.rules, { pattern: '([x', flags: 'i', label: 'Error', enabled: true }]);
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.errors).toHaveLength(1);
      expect(bad.errors[0].index).toBe(info.rules.length);
      expect(bad.errors[0].reason).toMatch(/invalid pattern/);
    }
    const good = await api.saveRules([{ pattern: '^zz-marker', flags: '', label: 'Security Alert', enabled: true }, ...info.rules]);
    expect(good.ok).toBe(true);
    // A new service on the same database (a reloaded page) sees it, and the next run applies it.
    const { api: reloaded } = testService(name);
    const after = await reloaded.loadBundle();
    expect(after.builtIn).toBe(false);
    expect(after.rules[0]).toEqual({ pattern: '^zz-marker', flags: '', label: 'Security Alert', enabled: true });
    await reloaded.classify(new Blob(['log_message\nzz-marker here\n']), 'm.csv', true, () => {});
    expect((await reloaded.rows(0, 1))[0]).toMatchObject({ label: 'Security Alert', tier: 'regex' });
  });

  it('saves source routes and settings, validates settings', async () => {
    const { api, name } = testService();
    await api.saveSourceRoutes({ ' Foo ': 'llm', '': 'llm' });
    await api.saveSettings({ minSamples: 25, confidence: 0.8 });
    await expect(api.saveSettings({ minSamples: 10, confidence: 1.5 })).rejects.toThrow(/between 0 and 1/);
    const info = await testService(name).api.loadBundle();
    expect(info.sourceRoutes).toEqual({ Foo: 'llm' });
    expect(info.minSamples).toBe(25);
    expect(info.confidence).toBe(0.8);
  });

  it('imports (refusing a bad bundle with the reason) and resets', async () => {
    const { api, name } = testService();
    await expect(api.importBundle('{"format":"nope"}')).rejects.toThrow(/not a usable logsift model bundle/);
    await expect(api.importBundle('not json')).rejects.toThrow(/not JSON/);
    const imported = await api.importBundle(JSON.stringify({ ...JSON.parse(DEFAULT_JSON), name: 'Mine' }));
    expect(imported).toMatchObject({ name: 'Mine', builtIn: false });
    expect((await testService(name).api.loadBundle()).name).toBe('Mine');
    const reset = await api.resetBundle();
    expect(reset.builtIn).toBe(true);
    expect((await testService(name).api.loadBundle()).builtIn).toBe(true);
  });

  it('runs one job at a time', async () => {
    const { api } = testService();
    const first = api.classify(csvBlob(20_000, 'one').blob, 'a.csv', false, () => {});
    await expect(api.classify(csvBlob(10, 'two').blob, 'b.csv', false, () => {})).rejects.toThrow(/Another job/);
    expect((await first).rows).toBe(20_000);
  });

  it('works without IndexedDB (memory storage)', async () => {
    const { api } = testService(undefined, { bundles: new MemoryBundleStorage(), persistent: false });
    expect((await api.loadBundle()).persistent).toBe(false);
    await api.saveSettings({ minSamples: 3, confidence: 0.4 });
    expect((await api.loadBundle()).minSamples).toBe(3);
  });
});
