/**
 * The training workspace through the classify worker's service, in Node on fake-indexeddb: the
 * training set persists and is edited, training gives an unsaved candidate (cancellable), saving
 * makes a version, versions are switched, rolled back, deleted, exported and imported.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { csvLine } from '../../../src/core/csv/format.ts';
import { generateLogs } from '../../../src/core/generate/generator.ts';
import type { TrainProgress } from '../../../workers/classify-api.ts';
import { testService } from '../../helpers/classify-service.ts';

const SLOW = 60_000;

function labelledCsv(rows: number, seed: string): Blob {
  const parts = [csvLine(['source', 'log_message', 'target_label'])];
  for (const log of generateLogs({ rows, seed })) parts.push(csvLine([log.source, log.log_message, log.target_label]));
  return new Blob(parts);
}

describe('training set in the service', () => {
  it('imports a labelled CSV, persists, pages, edits labels, and exports', async () => {
    const { api, name } = testService();
    const outcome = await api.importTrainingCsv(labelledCsv(400, 'ws-import'), 'labels.csv');
    expect(outcome.added + outcome.duplicates).toBe(400);
    expect(outcome.info.rows).toBe(outcome.added);
    expect(outcome.info.minSamples).toBe(10);
    for (const c of outcome.info.classes) expect(c.modelled).toBe(c.count >= 10);
    const rare = outcome.info.classes.at(-1);
    // Importing the same file again adds nothing.
    expect((await api.importTrainingCsv(labelledCsv(400, 'ws-import'), 'labels.csv')).added).toBe(0);
    await expect(api.importTrainingCsv(new Blob(['log_message\nx\n']), 'x.csv')).rejects.toThrow(/No label column found/);

    // A reloaded page (a new service on the same database) sees the set.
    const { api: reloaded } = testService(name);
    expect((await reloaded.trainingSet()).rows).toBe(outcome.info.rows);
    const label = outcome.info.classes[0].label;
    const page = await reloaded.trainingRows({ label }, 0, 5);
    expect(page.total).toBe(outcome.info.classes[0].count);
    expect(page.rows).toHaveLength(5);
    expect(page.rows.every((r) => r.label === label && r.origin === 'import')).toBe(true);

    // Corrections: a new line, and a relabel of a known one.
    const added = await reloaded.addTrainingRows([
      { message: 'zz brand new line', label: 'My Label', source: 'S', origin: 'correction' },
      { message: page.rows[0].message, source: page.rows[0].source, label: 'My Label', origin: 'correction' },
      { message: 'x', label: 'Unclassified', origin: 'correction' },
    ]);
    expect(added).toMatchObject({ added: 1, relabelled: 1, invalid: 1 });
    expect(added.info.classes.find((c) => c.label === 'My Label')).toEqual({ label: 'My Label', count: 2, modelled: false });

    const renamed = await reloaded.renameLabel('My Label', 'Mine');
    expect(renamed.classes.some((c) => c.label === 'My Label')).toBe(false);
    const merged = await reloaded.mergeLabels(['Mine', rare!.label], 'Merged');
    expect(merged.classes.find((c) => c.label === 'Merged')?.count).toBe(2 + rare!.count);
    await expect(reloaded.renameLabel('Merged', '')).rejects.toThrow(/cannot be empty/);
    const deleted = await reloaded.deleteLabel('Merged');
    expect(deleted.rows).toBe(merged.rows - 2 - rare!.count);

    const csv = await (await reloaded.exportTrainingSet()).text();
    expect(csv.split('\n')[0]).toBe('source,log_message,target_label,origin');
    expect(csv.trim().split('\n')).toHaveLength(deleted.rows + 1);
    expect((await testService(name).api.trainingSet()).rows).toBe(deleted.rows);
    expect((await reloaded.clearTrainingSet()).rows).toBe(0);
  });
});

describe('training and versions in the service', () => {
  it('trains a candidate, saves it as a version, switches, rolls back, deletes, exports and imports', async () => {
    const { api, name } = testService();
    await expect(api.trainCandidate({ seed: 1, testFraction: 0.2 }, () => {})).rejects.toThrow(/training set is empty/);
    await api.importTrainingCsv(labelledCsv(1200, 'ws-train'), 'team.csv');
    await api.saveSettings({ minSamples: 5, confidence: 0.6 });
    const builtInEdited = await api.loadBundle();
    expect(builtInEdited.versionId).not.toBeNull();

    const seen: TrainProgress[] = [];
    const candidate = await api.trainCandidate({ seed: 4, testFraction: 0.25 }, (p) => seen.push(p));
    expect(seen.at(-1)).toEqual({ fraction: 1, phase: 'final' });
    expect(candidate.metrics).toMatchObject({ seed: 4, testFraction: 0.25, confidence: 0.6, minSamples: 5 });
    expect(candidate.metrics.curve.points).toHaveLength(101);
    expect(candidate.rows).toBe((await api.trainingSet()).rows);
    expect(await api.candidate()).toEqual(candidate);
    // Not in use until saved.
    expect((await api.loadBundle()).versionId).toBe(builtInEdited.versionId);

    const saved = await api.saveCandidate('  team model  ');
    expect(saved).toMatchObject({ name: 'team model', builtIn: false, minSamples: 5, confidence: 0.6 });
    expect(saved.metrics).toMatchObject({ accuracy: candidate.metrics.accuracy });
    expect(await api.candidate()).toBeNull();
    await expect(api.saveCandidate('again')).rejects.toThrow(/train first/);

    // A reloaded page uses the saved version; the list has both, newest first.
    const { api: reloaded } = testService(name);
    expect((await reloaded.loadBundle()).name).toBe('team model');
    const versions = await reloaded.listVersions();
    expect(versions.map((v) => [v.name, v.origin, v.active])).toEqual([
      ['team model', 'trained', true],
      [builtInEdited.name, 'edited', false],
    ]);
    expect(versions[0]).toMatchObject({ rows: candidate.rows, accuracy: candidate.metrics.accuracy });

    // Settings edit the version in use, in place.
    await reloaded.saveSettings({ minSamples: 5, confidence: 0.7 });
    expect((await reloaded.listVersions()).map((v) => v.name)).toEqual(['team model', builtInEdited.name]);

    // Roll back, delete (not the one in use), export, import.
    const back = await reloaded.useVersion(versions[1].id);
    expect(back.name).toBe(builtInEdited.name);
    await expect(reloaded.deleteVersion(versions[1].id)).rejects.toThrow(/in use/);
    const exported = JSON.parse(await reloaded.exportVersion(versions[0].id));
    expect(exported).toMatchObject({ name: 'team model', thresholds: { confidence: 0.7 } });
    expect((await reloaded.deleteVersion(versions[0].id)).map((v) => v.name)).toEqual([builtInEdited.name]);
    const imported = await reloaded.importBundle(JSON.stringify(exported));
    expect(imported.name).toBe('team model');
    expect((await reloaded.listVersions())[0]).toMatchObject({ origin: 'imported', active: true });
    await expect(reloaded.importBundle(JSON.stringify({ ...exported, embedder: { id: 'word2vec' } }))).rejects.toThrow(/"word2vec" embedder/);
    await expect(reloaded.importBundle(JSON.stringify({ ...exported, format: 'other' }))).rejects.toThrow(/format is "other"/);
    await expect(
      reloaded.importBundle(JSON.stringify({ ...exported, embedder: { id: 'bert', version: 1, model: 'x/y', dim: exported.embedder.dim, dtype: 'fp32', pooling: 'mean', normalize: true } })),
    ).rejects.toThrow(/not installed here/);

    // Reset keeps the versions.
    expect((await reloaded.resetBundle()).builtIn).toBe(true);
    expect(await reloaded.listVersions()).toHaveLength(2);
  }, SLOW);

  it('cancels a training and keeps no candidate', async () => {
    const { api } = testService();
    await api.importTrainingCsv(labelledCsv(1500, 'ws-cancel'), 'c.csv');
    let asked = false;
    const training = api.trainCandidate({ seed: 1, testFraction: 0.2 }, () => {
      if (!asked) {
        asked = true;
        api.cancel();
      }
    });
    await expect(training).rejects.toMatchObject({ name: 'CancelledError' });
    expect(await api.candidate()).toBeNull();
    expect((await api.loadBundle()).builtIn).toBe(true);
  }, SLOW);
});
