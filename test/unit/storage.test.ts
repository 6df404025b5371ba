import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { DB_NAME, DB_VERSION, IdbBundleStorage, MemoryBundleStorage, openBundleStorage, openLogsiftDb } from '../../src/storage/db.ts';

let n = 0;
const freshName = () => `logsift-test-${++n}-${Date.now()}`;

describe('IdbBundleStorage', () => {
  it('has no current bundle in a new database', async () => {
    const s = await IdbBundleStorage.open(freshName());
    expect(await s.loadCurrent()).toBeNull();
    s.close();
  });

  it('saves, loads, replaces and clears the current bundle', async () => {
    const name = freshName();
    const s = await IdbBundleStorage.open(name);
    const saved = await s.saveCurrent('{"name":"a"}');
    expect(saved.json).toBe('{"name":"a"}');
    expect(Number.isNaN(Date.parse(saved.savedAt))).toBe(false);
    expect((await s.loadCurrent())?.json).toBe('{"name":"a"}');
    await s.saveCurrent('{"name":"b"}');
    expect((await s.loadCurrent())?.json).toBe('{"name":"b"}');
    await s.clearCurrent();
    expect(await s.loadCurrent()).toBeNull();
    s.close();
  });

  it('persists across connections', async () => {
    const name = freshName();
    const a = await IdbBundleStorage.open(name);
    await a.saveCurrent('{"kept":true}');
    a.close();
    const b = await IdbBundleStorage.open(name);
    expect((await b.loadCurrent())?.json).toBe('{"kept":true}');
    b.close();
  });

  it('creates the versioned schema', async () => {
    const name = freshName();
    const db = await openLogsiftDb(name);
    expect(db.version).toBe(DB_VERSION);
    expect([...db.objectStoreNames]).toEqual(['bundles']);
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

describe('MemoryBundleStorage', () => {
  it('behaves like the IndexedDB one, without persistence', async () => {
    const s = new MemoryBundleStorage();
    expect(await s.loadCurrent()).toBeNull();
    await s.saveCurrent('x');
    expect((await s.loadCurrent())?.json).toBe('x');
    await s.clearCurrent();
    expect(await s.loadCurrent()).toBeNull();
  });
});
