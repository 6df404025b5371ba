/**
 * Pattern discovery in the classify worker's service, in Node on fake-indexeddb: mining the lines
 * no rule labelled, details, split/merge/undo, masking and sensitivity, rule drafts with their
 * preview and the rule saved through saveRules, training rows, export/import, persistence,
 * semantic groups, a picked file, cancel.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { csvLine } from '../../../src/core/csv/format.ts';
import { generateLogs } from '../../../src/core/generate/generator.ts';
import { DEFAULT_MASKING } from '../../../src/core/patterns/index.ts';
import { IdbPatternsStore, MemoryPatternsStore } from '../../../src/storage/patterns-store.ts';
import { testService } from '../../helpers/classify-service.ts';
import type { DiscoverProgress, PatternsInfo } from '../../../workers/patterns-api.ts';
import { readPatternsFile } from '../../../src/core/patterns/patterns-file.ts';
import { startThreads } from '../../../src/cli/pool.ts';


function csvBlob(rows: number, seed: string): { blob: Blob; messages: string[] } {
  const parts = [csvLine(['source', 'log_message'])];
  const messages: string[] = [];
  for (const log of generateLogs({ rows, seed })) {
    parts.push(csvLine([log.source, log.log_message]));
    messages.push(log.log_message);
  }
  return { blob: new Blob(parts), messages };
}

const LOGIN = /^User User\d+ logged in\.$/;
const BACKUP_STARTED = /^Backup started at \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.$/;

/** Disables the default rules for logins and backups started/ended, so their lines reach the miner. */
async function disableSomeRules(api: ReturnType<typeof testService>['api']) {
  const info = await api.loadBundle();
  const rules = info.rules.map((r) => ({ ...r, enabled: !/logged|started\|ended/.test(r.pattern) }));
  const saved = await api.saveRules(rules);
  expect(saved.ok).toBe(true);
  return rules;
}

const find = (info: PatternsInfo, template: string) => info.patterns.find((p) => p.template === template);

describe('pattern discovery service', () => {
  it('mines the lines that no rule labelled, with counts, shares and examples', async () => {
    const { api } = testService();
    await disableSomeRules(api);
    const { blob, messages } = csvBlob(2000, 'pat-a');
    await expect(api.discoverFromRun(() => {})).rejects.toThrow(/classify a file first/);
    const summary = await api.classify(blob, 'svc.csv', false, () => {});
    const progress: DiscoverProgress[] = [];
    const info = await api.discoverFromRun((p) => progress.push(p));
    expect(info.source).toMatchObject({ kind: 'run', name: 'svc.csv', lines: 2000, hasLines: true });
    expect(info.lines).toBe(2000 - (summary.byTier.regex ?? 0));
    expect(progress.at(-1)).toMatchObject({ phase: 'mining', fraction: 1 });

    const login = find(info, 'User <*> logged in.')!;
    expect(login).toBeDefined();
    expect(login.count).toBe(messages.filter((m) => LOGIN.test(m)).length);
    expect(login.share).toBeCloseTo(login.count / info.lines, 10);
    expect(login.examples.length).toBeGreaterThan(0);
    for (const e of login.examples) expect(e).toMatch(LOGIN);
    expect(new Set(login.examples).size).toBe(login.examples.length);
    // Lines a rule labelled are not mined.
    expect(find(info, 'Backup completed successfully.')).toBeUndefined();
    // Most frequent first.
    const counts = info.patterns.map((p) => p.count);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
  });

  it('shows value distributions and split positions, splits, merges and undoes', async () => {
    const { api } = testService();
    await disableSomeRules(api);
    await api.classify(csvBlob(2000, 'pat-b').blob, 'svc.csv', false, () => {});
    await api.updatePatternSettings({ similarity: 0 });
    let info = await api.discoverFromRun(() => {});
    const merged = find(info, 'User <*> logged <*>.')!;
    expect(merged).toBeDefined();

    const detail = await api.patternDetail(merged.id);
    expect(detail.basis).toBe('lines');
    expect(detail.values).toHaveLength(2);
    expect(detail.values[0].total).toBe(merged.count);
    expect(detail.values[0].top[0].value).toMatch(/^User\d+$/);
    expect(detail.values[1].top.map((v) => v.value).sort()).toEqual(['in', 'out']);
    const split = detail.splits.find((s) => s.top.some((v) => v.value === 'in.'))!;
    expect(split.position).toBe(3);
    expect(split.distinct).toBe(2);

    info = await api.splitPattern(merged.id, 3);
    const inP = find(info, 'User <*> logged in.')!;
    const outP = find(info, 'User <*> logged out.')!;
    expect(inP.count + outP.count).toBe(merged.count);
    expect(info.edits).toBe(1);
    await expect(api.splitPattern(inP.id, 3)).rejects.toThrow(/do not differ/);

    info = await api.mergePatterns([inP.id, outP.id]);
    expect(find(info, 'User <*> logged <*>.')!.count).toBe(merged.count);
    expect(info.edits).toBe(2);
    await expect(api.mergePatterns([inP.id])).rejects.toThrow(/two or more/);

    info = await api.undoPatternEdit();
    expect(info.edits).toBe(1);
    expect(find(info, 'User <*> logged in.')).toBeDefined();
  });

  it('checks masking rules, previews them, and re-mines with new masking and sensitivity', async () => {
    const { api } = testService();
    await disableSomeRules(api);
    await api.classify(csvBlob(1500, 'pat-c').blob, 'svc.csv', false, () => {});
    await api.discoverFromRun(() => {});

    const broken = { rules: [...DEFAULT_MASKING.rules, { id: 'bad', description: '', pattern: '([a-', enabled: true }] };
    const check = await api.checkMasking(broken, ['x']);
    expect(check.problems).toEqual([{ index: broken.rules.length - 1, reason: expect.stringMatching(/invalid pattern/) }]);
    await expect(api.updatePatternSettings({ masking: broken })).rejects.toThrow(new RegExp(`rule ${broken.rules.length} \\(bad\\): invalid pattern`));
    await expect(api.updatePatternSettings({ similarity: 2 })).rejects.toThrow(/from 0 to 1/);

    const noDates = { rules: DEFAULT_MASKING.rules.map((r) => ({ ...r, enabled: r.id !== 'datetime' && r.id !== 'number' })) };
    const preview = await api.checkMasking(noDates, ['Backup started at 2025-03-01 00:00:31.']);
    expect(preview.problems).toEqual([]);
    expect(preview.previews[0].masked).toBe('Backup started at 2025-03-01 00:00:31.');
    const before = await api.patterns();
    const after = await api.updatePatternSettings({ masking: noDates }, () => {});
    expect(after.settings.masking.rules.find((r) => r.id === 'datetime')!.enabled).toBe(false);
    expect(after.patterns.length).toBeGreaterThan(before.patterns.length);
    expect(after.lines).toBe(before.lines);
  });

  it('drafts a safe rule with its preview, saves it through saveRules, and the next run labels the lines by rule', async () => {
    const { api } = testService();
    const rules = await disableSomeRules(api);
    const { blob, messages } = csvBlob(2000, 'pat-d');
    await api.classify(blob, 'svc.csv', false, () => {});
    const info = await api.discoverFromRun(() => {});
    const backup = find(info, 'Backup started at <*>.')!;
    const expected = messages.filter((m) => BACKUP_STARTED.test(m)).length;
    expect(backup.count).toBe(expected);

    const noLabel = await api.draftRule([backup.id], '  ');
    expect(noLabel.problem).toMatch(/label/);
    expect(noLabel.matches).toBe(expected);

    const draft = await api.draftRule([backup.id], 'System Notification');
    expect(draft.problem).toBeNull();
    expect(draft.rule.pattern.startsWith('^')).toBe(true);
    expect(draft.rule.pattern.endsWith('$')).toBe(true);
    expect(draft).toMatchObject({ matches: expected, targetMatches: expected, targetLines: expected, otherPatterns: [], conflicts: [], basis: 'lines', linesChecked: 2000 });

    // A user-edited, wider rule: catches another pattern and conflicts with an enabled rule that comes first.
    const wide = await api.draftRule([backup.id], 'System Notification', '^Backup .*$');
    expect(wide.otherPatterns.map((p) => p.template)).toContain('Backup ended at <*>.');
    const completed = rules.findIndex((r) => r.pattern.startsWith('^Backup completed'));
    expect(wide.conflicts).toEqual([expect.objectContaining({ index: completed, shadows: true, sameLabel: true })]);
    const invalid = await api.draftRule([backup.id], 'System Notification', '([');
    expect(invalid.problem).toMatch(/invalid pattern/);

    // Several patterns: one rule for both.
    const ended = find(info, 'Backup ended at <*>.')!;
    const both = await api.draftRule([backup.id, ended.id], 'System Notification');
    expect(both.targetMatches).toBe(backup.count + ended.count);
    expect(both.matches).toBe(backup.count + ended.count);

    // No literal value ties the synthesised rule to this file; a hand-edited one is named.
    expect(draft.literals).toEqual([]);
    const tied = await api.draftRule([backup.id], 'System Notification', '^Backup started at 2025-\\S+\\.$');
    expect(tied.literals).toEqual([{ kind: 'number', text: '2025' }]);

    expect(backup.rule).toBeNull();
    const saved = await api.saveRules([...rules, draft.rule]);
    expect(saved.ok).toBe(true);
    // The list marks the pattern the new rule covers at once, without a new discovery.
    const marked = await api.patterns();
    expect(find(marked, 'Backup started at <*>.')!.rule).toEqual({ index: rules.length, label: 'System Notification' });
    expect(find(marked, 'Backup ended at <*>.')!.rule).toBeNull();
    const again = await api.classify(blob, 'svc.csv', false, () => {});
    expect(again.rows).toBe(2000);
    await api.query({ search: 'Backup started at' });
    const rows = await api.rows(0, 5000);
    expect(rows).toHaveLength(expected);
    for (const row of rows) expect(row).toMatchObject({ tier: 'regex', label: 'System Notification' });
    const rediscovered = await api.discoverFromRun(() => {});
    expect(find(rediscovered, 'Backup started at <*>.')).toBeUndefined();
  });

  it('adds a pattern’s distinct lines to the training set', async () => {
    const { api } = testService();
    await disableSomeRules(api);
    await api.classify(csvBlob(1500, 'pat-e').blob, 'svc.csv', false, () => {});
    const info = await api.discoverFromRun(() => {});
    const login = find(info, 'User <*> logged in.')!;
    const before = (await api.trainingSet()).rows;
    const outcome = await api.addPatternTrainingRows([login.id], 'User Action', 50);
    expect(outcome.offered).toBe(50);
    expect(outcome.available).toBeGreaterThan(50);
    expect(outcome.added).toBe(50);
    expect(outcome.trainingRows).toBe(before + 50);
    const set = await api.trainingSet();
    expect(set.byOrigin.pattern).toBe(50);
    await expect(api.addPatternTrainingRows(['nope'], 'User Action')).rejects.toThrow(/no longer exists/);
  });

  it('persists patterns and settings, and exports and imports them', async () => {
    const { api, name } = testService();
    await disableSomeRules(api);
    await api.classify(csvBlob(1500, 'pat-f').blob, 'svc.csv', false, () => {});
    await api.updatePatternSettings({ similarity: 0.75 });
    let info = await api.discoverFromRun(() => {});
    const a = info.patterns[0];
    const b = info.patterns[1];
    info = await api.mergePatterns([a.id, b.id]);
    const templates = info.patterns.map((p) => p.template);

    const reloaded = testService(name).api;
    const back = await reloaded.patterns();
    expect(back.patterns.map((p) => p.template)).toEqual(templates);
    expect(back.edits).toBe(1);
    expect(back.settings.similarity).toBe(0.75);
    expect(back.source).toMatchObject({ kind: 'run', name: 'svc.csv', hasLines: false });
    // Without the lines, details and previews use the stored examples.
    const detail = await reloaded.patternDetail(back.patterns[0].id);
    expect(detail.basis).toBe('examples');
    const draft = await reloaded.draftRule([back.patterns[1].id], 'Error');
    expect(draft.basis).toBe('examples');
    expect(draft.targetMatches).toBe(draft.targetLines);
    // New masking applies at the next discovery.
    const pending = await reloaded.updatePatternSettings({ masking: { rules: DEFAULT_MASKING.rules.filter((r) => r.id !== 'number') } });
    expect(pending.settingsPending).toBe(true);
    expect(pending.patterns.map((p) => p.template)).toEqual(templates);

    const json = await reloaded.exportPatterns();
    const state = JSON.parse(json);
    expect(state).toMatchObject({ format: 'logsift-patterns', version: 1 });
    expect(state.edits).toHaveLength(1);
    const cleared = await reloaded.clearPatterns();
    expect(cleared.patterns).toEqual([]);
    await expect(testService(name).api.patterns()).resolves.toMatchObject({ patterns: [] });
    const imported = await reloaded.importPatterns(json, 'mine.json');
    expect(imported.patterns.map((p) => p.template)).toEqual(templates);
    expect(imported.source).toMatchObject({ kind: 'import', name: 'mine.json', hasLines: false });

    await expect(reloaded.importPatterns('{', 'x.json')).rejects.toThrow(/not JSON/);
    await expect(reloaded.importPatterns('{"format":"other"}', 'x.json')).rejects.toThrow(/not a logsift patterns file/);
    await expect(reloaded.importPatterns(JSON.stringify({ ...state, version: 2 }), 'x.json')).rejects.toThrow(/version 2 is not supported/);
    await expect(reloaded.importPatterns(JSON.stringify({ ...state, keys: [{ tokens: 'x' }] }), 'x.json')).rejects.toThrow(/key 1 is malformed/);
    // A refused file leaves the patterns as they were.
    expect((await reloaded.patterns()).patterns.map((p) => p.template)).toEqual(templates);
  });

  it('proposes groups of paraphrased patterns', async () => {
    const { api } = testService();
    await api.classify(csvBlob(3000, 'pat-g').blob, 'svc.csv', false, () => {});
    await api.discoverFromRun(() => {});
    const info = await api.findSimilarPatterns(0.35);
    expect(info.similar!.embedder).toBe('ngram');
    expect(info.similar!.groups.length).toBeGreaterThan(0);
    const ids = new Set(info.patterns.map((p) => p.id));
    for (const group of info.similar!.groups) {
      expect(group.length).toBeGreaterThanOrEqual(2);
      for (const id of group) expect(ids.has(id)).toBe(true);
    }
    const member = info.patterns.find((p) => p.id === info.similar!.groups[0][0])!;
    expect(member.group).toBe(0);
    await expect(api.findSimilarPatterns(1.5)).rejects.toThrow(/between 0 and 1/);
  });

  it('finds the times of a picked file’s lines: each pattern says when it was first and last seen', async () => {
    const { api } = testService();
    const at = (day: number, hour: number) => `2024-05-0${day}T${String(hour).padStart(2, '0')}:00:00Z`;
    const rows = [
      ...[1, 2, 3].map((day) => [at(day, 8), `Backup started on node-${day}`]),
      ...[9, 10, 11].map((hour) => [at(4, hour), `Payment gateway timeout for order ${hour * 7}`]),
    ];
    const csv = csvLine(['timestamp', 'log_message']) + rows.map((r) => csvLine(r)).join('');
    const info = await api.discoverFromFile(new Blob([csv]), 'timed.csv', () => {});
    const seen = Object.fromEntries(info.patterns.map((p) => [p.template, [p.firstSeen, p.lastSeen]]));
    expect(seen).toEqual({
      'Backup started on node-<*>': [Date.parse(at(1, 8)), Date.parse(at(3, 8))],
      'Payment gateway timeout for order <*>': [Date.parse(at(4, 9)), Date.parse(at(4, 11))],
    });
    // A time at the start of the message, in a .log file, counts too.
    const log = rows.map(([time, message]) => `${time} ${message}`).join('\n');
    const fromLog = await api.discoverFromFile(new Blob([log]), 'timed.log', () => {});
    expect(fromLog.patterns.every((p) => typeof p.firstSeen === 'number' && typeof p.lastSeen === 'number')).toBe(true);
    // A file without times shows none.
    const plain = await api.discoverFromFile(new Blob([rows.map(([, m]) => m).join('\n')]), 'plain.log', () => {});
    expect(plain.patterns.every((p) => p.firstSeen === undefined)).toBe(true);
  });

  it('keeps a uniform sample of a big file’s lines: every line counted, values and previews from the sample', async () => {
    const { blob, messages } = csvBlob(3000, 'pat-sample');
    const all = testService();
    const sampled = testService(undefined, { patternLinesKept: 400 });
    for (const { api } of [all, sampled]) {
      await disableSomeRules(api);
      await api.classify(blob, 'svc.csv', false, () => {});
    }
    const full = await all.api.discoverFromRun(() => {});
    const info = await sampled.api.discoverFromRun(() => {});
    expect(full.source?.sampledLines).toBeUndefined();
    expect(info.source).toMatchObject({ lines: 3000, hasLines: true, sampledLines: 400 });
    // The miner saw every line: the same patterns with the same counts.
    expect(info.lines).toBe(full.lines);
    expect(info.patterns.map((p) => [p.template, p.count])).toEqual(full.patterns.map((p) => [p.template, p.count]));

    const login = find(info, 'User <*> logged in.')!;
    const detail = await sampled.api.patternDetail(login.id);
    expect(detail.basis).toBe('sample');
    // About 400/3000 of the pattern's lines, each one of the file's.
    const share = detail.values[0].total / login.count;
    expect(share).toBeGreaterThan(0.05);
    expect(share).toBeLessThan(0.3);
    for (const e of detail.examples) expect(messages).toContain(e);

    const draft = await sampled.api.draftRule([login.id], 'User Action');
    expect(draft).toMatchObject({ basis: 'sample', linesChecked: 400, targetMatches: detail.values[0].total });

    // Not every line in memory to mine again: a masking change waits for the next discovery.
    const noNumbers = { rules: DEFAULT_MASKING.rules.map((r) => ({ ...r, enabled: r.id !== 'number' })) };
    const pending = await sampled.api.updatePatternSettings({ masking: noNumbers });
    expect(pending.settingsPending).toBe(true);
    expect(pending.patterns.map((p) => p.template)).toEqual(info.patterns.map((p) => p.template));

    // A picked file is sampled the same way.
    const fromFile = await sampled.api.discoverFromFile(blob, 'big.csv', () => {});
    expect(fromFile.source).toMatchObject({ kind: 'file', lines: 3000, sampledLines: 400 });
    expect(fromFile.lines).toBe(3000);
  });

  it('mines a big file on mining workers to the same patterns, counts and kept lines as in its own thread', async () => {
    const lines: string[] = [];
    for (let i = 0; i < 110_000; i++) lines.push(i % 3 ? `Request ${i} served to 10.1.${i % 250}.${i % 200} in ${i % 90} ms` : `Disk check on sd${i % 7} finished with ${['ok', 'errors'][i % 2]}`);
    const blob = new Blob([lines.join('\n')]);
    expect(blob.size).toBeGreaterThan(4 * 2 ** 20);
    let started = 0;
    const threaded = testService(undefined, { mineWorkers: () => ((started += 2), startThreads(2, 'mine-thread')) });
    const inline = testService();
    const a = await threaded.api.discoverFromFile(blob, 'big.log', () => {});
    const b = await inline.api.discoverFromFile(blob, 'big.log', () => {});
    expect(started).toBe(2);
    expect(a.patterns.map((p) => [p.template, p.count, p.examples])).toEqual(b.patterns.map((p) => [p.template, p.count, p.examples]));
    const disk = find(a, 'Disk check on <*> finished with errors')!;
    expect((await threaded.api.patternDetail(disk.id)).values).toEqual((await inline.api.patternDetail(disk.id)).values);
  }, 60_000);

  it('mines a big run on mining workers, which parse its rows themselves, to the same patterns, counts and sampled lines', async () => {
    // A CSV with a source column and quoted messages, more than one piece (4 MiB) for the workers;
    // every tenth row is labelled by a rule, so not mined.
    const parts = [csvLine(['source', 'log_message'])];
    for (let i = 0; i < 90_000; i++) {
      const message =
        i % 10 === 0 ? `User User${i} logged in.` : i % 3 ? `Request ${i} served to 10.1.${i % 250}.${i % 200} in ${i % 90} ms` : `Disk check, on "sd${i % 7}", finished with ${['ok', 'errors'][i % 2]}`;
      parts.push(csvLine([`node-${i % 4}`, message]));
    }
    const blob = new Blob(parts);
    expect(blob.size).toBeGreaterThan(4 * 2 ** 20);
    let started = 0;
    const options = { patternLinesKept: 5_000 };
    const threaded = testService(undefined, { ...options, mineWorkers: () => ((started += 2), startThreads(2, 'mine-thread')) });
    const inline = testService(undefined, options);
    for (const { api } of [threaded, inline]) await api.classify(blob, 'run.csv', false, () => {});
    const progress: DiscoverProgress[] = [];
    const a = await threaded.api.discoverFromRun((p) => progress.push(p));
    const b = await inline.api.discoverFromRun(() => {});
    expect(started).toBe(2);
    expect(a.lines).toBe(81_000);
    // Progress counts the rows mined so far, up to all of them.
    const done = progress.filter((p) => p.phase === 'mining').map((p) => p.done);
    expect(done.length).toBeGreaterThan(2);
    expect(done.every((d, i) => i === 0 || d >= done[i - 1])).toBe(true);
    expect(done.at(-1)).toBe(81_000);
    expect(a.source).toMatchObject({ kind: 'run', lines: 90_000, sampledLines: 5_000 });
    expect(a.patterns.some((p) => p.template.includes('logged in'))).toBe(false);
    expect(a.patterns.map((p) => [p.template, p.count, p.examples])).toEqual(b.patterns.map((p) => [p.template, p.count, p.examples]));
    const disk = find(a, 'Disk check, on "<*>", finished with errors')!;
    const detail = await threaded.api.patternDetail(disk.id);
    expect(detail.basis).toBe('sample');
    expect(detail).toEqual(await inline.api.patternDetail(disk.id));
    expect(detail.examples.every((e) => e.startsWith('Disk check, on "sd'))).toBe(true);
  }, 60_000);

  it('mines a picked file, and a cancelled discovery keeps the previous patterns', async () => {
    const { api } = testService();
    const text = ['Backup started at 02:00:01', 'Backup started at 03:15:44', '', 'Connection from 10.0.0.1 closed', 'Connection from 10.0.0.2 closed'].join('\n');
    const info = await api.discoverFromFile(new Blob([text]), 'app.log', () => {});
    expect(info.source).toMatchObject({ kind: 'file', name: 'app.log', hasLines: true });
    expect(info.patterns.map((p) => [p.template, p.count])).toEqual([
      ['Backup started at <*>', 2],
      ['Connection from <*> closed', 2],
    ]);
    await expect(api.discoverFromFile(new Blob(['a,b\n1,2\n']), 'x.csv', () => {})).rejects.toThrow(/No log message column/);

    const { blob } = csvBlob(60_000, 'pat-cancel');
    let asked = false;
    const job = api.discoverFromFile(blob, 'big.csv', () => {
      if (!asked) {
        asked = true;
        api.cancel();
      }
    });
    await expect(job).rejects.toMatchObject({ name: 'CancelledError' });
    expect((await api.patterns()).patterns.map((p) => p.template)).toEqual(['Backup started at <*>', 'Connection from <*> closed']);
  });

  it('tells apart two patterns that show the same template, and merges them', async () => {
    const { api } = testService();
    const failure = (user: string, i: number) => `authentication failure; rhost=10.0.0.${i} user=${user}`;
    const text = [...[1, 2, 3].map((i) => failure('root', i)), ...[4, 5].map((i) => failure('guest', i)), 'Backup started at 02:00:01'].join('\n');
    let info = await api.discoverFromFile(new Blob([text]), 'auth.log', () => {});
    const twins = info.patterns.filter((p) => p.template === 'authentication failure; rhost=<*> user=<*>');
    expect(twins.map((p) => p.count)).toEqual([3, 2]);
    const written = await Promise.all(twins.map(async (p) => (await api.patternDetail(p.id)).written));
    expect(written).toEqual(['authentication failure; rhost=<*> user=root', 'authentication failure; rhost=<*> user=guest']);
    const backup = info.patterns.find((p) => p.template.startsWith('Backup'))!;
    expect((await api.patternDetail(backup.id)).written).toBeNull();

    info = await api.mergePatterns(twins.map((p) => p.id));
    expect(info.patterns.map((p) => [p.template, p.count])).toEqual([
      ['authentication failure; rhost=<*> user=<*>', 5],
      ['Backup started at <*>', 1],
    ]);
    expect((await api.patternDetail(info.patterns[0].id)).written).toBeNull();
  });
});

describe('patterns store', () => {
  it('keeps patterns and settings in their own database, and clears patterns only', async () => {
    const name = `store-${Date.now()}`;
    const store = await IdbPatternsStore.open(name);
    expect(await store.load()).toBeNull();
    expect(await store.loadSettings()).toBeNull();
    const state = readPatternsFile(JSON.stringify({ format: 'logsift-patterns', version: 1, settings: {}, edits: [], keys: [{ tokens: ['a', '<*>'], count: 2, examples: ['a 1', 'a 2'] }] }));
    const source = { kind: 'file' as const, name: 'x.log', lines: 2, mined: 2, minedAt: '2025-01-01T00:00:00.000Z' };
    await store.save({ state, source, savedAt: 'now' });
    await store.saveSettings(state.settings);
    store.close();
    const again = await IdbPatternsStore.open(name);
    expect((await again.load())!.state).toEqual(state);
    expect((await again.loadSettings())!.similarity).toBe(state.settings.similarity);
    await again.clear();
    expect(await again.load()).toBeNull();
    expect(await again.loadSettings()).not.toBeNull();
    again.close();
  });

  it('has a memory fallback that copies what it keeps', async () => {
    const store = new MemoryPatternsStore();
    const settings = { masking: { rules: [] }, similarity: 0.5, maxExamples: 3 };
    await store.saveSettings(settings);
    settings.similarity = 1;
    expect((await store.loadSettings())!.similarity).toBe(0.5);
  });
});
