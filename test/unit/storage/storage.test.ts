/** The logsift IndexedDB database on fake-indexeddb: versions, the active pointer, the training set, and the v1 → v2 migration. */
import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import { describe, expect, it } from 'vitest';
import {
  DB_NAME,
  DB_VERSION,
  IdbBundleStorage,
  MemoryBundleStorage,
  openBundleStorage,
  openLogsiftDb,
  type BundleStorage,
} from '../../../src/storage/db.ts';
import type { TrainingRow } from '../../../src/core/training-set/training-set.ts';

let n = 0;
const freshName = () => `logsift-test-${++n}-${Date.now()}`;

const bundleJson = (name: string, extra: object = {}) =>
  JSON.stringify({
    format: 'logsift-bundle',
    version: 1,
    name,
    createdAt: '2024-05-01T10:00:00.000Z',
    labels: ['A', 'B'],
    classCounts: { A: 30, B: 12 },
    embedder: { id: 'ngram', version: 1, dim: 16, wordNgrams: [1], charNgrams: [3] },
    metrics: { accuracy: 0.9, macroF1: 0.85 },
    ...extra,
  });

const rows: TrainingRow[] = [
  { message: 'User User1 logged in.', label: 'User Action', source: 'ModernHR', origin: 'import' },
  { message: 'Disk full', label: 'Resource Usage', source: '', origin: 'correction' },
];

/** The contract both storages keep. */
function contract(make: () => Promise<BundleStorage>) {
  it('starts empty: no versions, no active version, no training set', async () => {
    const s = await make();
    expect(await s.listVersions()).toEqual([]);
    expect(await s.activeVersion()).toBeNull();
    expect(await s.loadTrainingSet()).toEqual([]);
    s.close();
  });

  it('adds versions with their list entries, newest first, and loads them', async () => {
    const s = await make();
    const a = await s.addVersion(bundleJson('first'), 'trained');
    const b = await s.addVersion(bundleJson('second', { metrics: null }), 'imported');
    expect(a).toMatchObject({ name: 'first', origin: 'trained', rows: 42, labels: 2, embedder: 'ngram', accuracy: 0.9, macroF1: 0.85, createdAt: '2024-05-01T10:00:00.000Z' });
    expect(a.bytes).toBe(bundleJson('first').length);
    expect(b).toMatchObject({ name: 'second', accuracy: null, macroF1: null });
    expect(b.seq).toBeGreaterThan(a.seq);
    expect((await s.listVersions()).map((v) => v.name)).toEqual(['second', 'first']);
    expect((await s.loadVersion(a.id))?.json).toBe(bundleJson('first'));
    expect(await s.loadVersion('missing')).toBeNull();
    s.close();
  });

  it('updates a version in place, keeps its order and origin', async () => {
    const s = await make();
    const a = await s.addVersion(bundleJson('first'), 'trained');
    await s.addVersion(bundleJson('second'), 'trained');
    const updated = await s.updateVersion(a.id, bundleJson('first, edited'));
    expect(updated).toMatchObject({ id: a.id, seq: a.seq, origin: 'trained', name: 'first, edited' });
    expect((await s.listVersions()).map((v) => v.name)).toEqual(['second', 'first, edited']);
    await expect(s.updateVersion('missing', '{}')).rejects.toThrow(/no longer exists/);
    s.close();
  });

  it('keeps the active pointer and deletes versions', async () => {
    const s = await make();
    const a = await s.addVersion(bundleJson('first'), 'trained');
    await s.setActiveVersion(a.id);
    expect(await s.activeVersion()).toBe(a.id);
    await s.setActiveVersion(null);
    expect(await s.activeVersion()).toBeNull();
    await s.deleteVersion(a.id);
    expect(await s.listVersions()).toEqual([]);
    s.close();
  });

  it('saves and loads the training set', async () => {
    const s = await make();
    await s.saveTrainingSet(rows);
    expect(await s.loadTrainingSet()).toEqual(rows);
    await s.saveTrainingSet([]);
    expect(await s.loadTrainingSet()).toEqual([]);
    s.close();
  });
}

describe('IdbBundleStorage', () => {
  contract(() => IdbBundleStorage.open(freshName()));

  it('persists across connections', async () => {
    const name = freshName();
    const a = await IdbBundleStorage.open(name);
    const v = await a.addVersion(bundleJson('kept'), 'trained');
    await a.setActiveVersion(v.id);
    await a.saveTrainingSet(rows);
    a.close();
    const b = await IdbBundleStorage.open(name);
    expect(await b.activeVersion()).toBe(v.id);
    expect((await b.loadVersion(v.id))?.name).toBe('kept');
    expect(await b.loadTrainingSet()).toEqual(rows);
    b.close();
  });

  it('drops malformed training rows when loading', async () => {
    const name = freshName();
    const s = await IdbBundleStorage.open(name);
    s.close();
    const raw = await openDB(name);
    await raw.put('trainingSet', { rows: [rows[0], { message: 'no label' }, null, { ...rows[1], origin: 'weird' }], updatedAt: '' }, 'current');
    raw.close();
    const again = await IdbBundleStorage.open(name);
    expect(await again.loadTrainingSet()).toEqual([rows[0], { ...rows[1], origin: 'import' }]);
    again.close();
  });

  it('creates the versioned schema', async () => {
    const db = await openLogsiftDb(freshName());
    expect(db.version).toBe(DB_VERSION);
    expect(DB_VERSION).toBe(2);
    expect([...db.objectStoreNames].sort()).toEqual(['meta', 'trainingSet', 'versions']);
    db.close();
  });

  it('uses the name logsift by default', async () => {
    expect(DB_NAME).toBe('logsift');
    const { storage, persistent } = await openBundleStorage(freshName());
    expect(persistent).toBe(true);
    expect(storage).toBeInstanceOf(IdbBundleStorage);
    storage.close();
  });
});

describe('migration from schema v1', () => {
  /** A database as logsift v1 left it: store "bundles", the current bundle under "current". */
  async function v1Database(current: { json: string; savedAt: string } | null): Promise<string> {
    const name = freshName();
    const db = await openDB(name, 1, {
      upgrade(db) {
        db.createObjectStore('bundles');
      },
    });
    if (current) await db.put('bundles', current, 'current');
    db.close();
    return name;
  }

  it('turns the v1 current bundle into the first, active version', async () => {
    const json = bundleJson('my v1 bundle');
    const name = await v1Database({ json, savedAt: '2024-06-01T08:00:00.000Z' });
    const s = await IdbBundleStorage.open(name);
    const versions = await s.listVersions();
    expect(versions).toHaveLength(1);
    expect(versions[0]).toMatchObject({ name: 'my v1 bundle', origin: 'migrated', seq: 1, addedAt: '2024-06-01T08:00:00.000Z', rows: 42 });
    expect(await s.activeVersion()).toBe(versions[0].id);
    expect((await s.loadVersion(versions[0].id))?.json).toBe(json);
    expect(await s.loadTrainingSet()).toEqual([]);
    // New versions come after it.
    expect((await s.addVersion(bundleJson('next'), 'trained')).seq).toBe(2);
    s.close();

    const db = await openLogsiftDb(name);
    expect(db.version).toBe(2);
    expect([...db.objectStoreNames].sort()).toEqual(['meta', 'trainingSet', 'versions']);
    db.close();
  });

  it('upgrades an empty v1 database to no versions (the built-in default)', async () => {
    const s = await IdbBundleStorage.open(await v1Database(null));
    expect(await s.listVersions()).toEqual([]);
    expect(await s.activeVersion()).toBeNull();
    s.close();
  });

  it('keeps a v1 bundle that is not valid JSON (loading it will say why)', async () => {
    const s = await IdbBundleStorage.open(await v1Database({ json: 'not json', savedAt: '2024-06-01T08:00:00.000Z' }));
    const [version] = await s.listVersions();
    expect(version).toMatchObject({ name: 'Unnamed bundle', origin: 'migrated' });
    expect((await s.loadVersion(version.id))?.json).toBe('not json');
    s.close();
  });
});

describe('MemoryBundleStorage', () => {
  contract(async () => new MemoryBundleStorage());
});
