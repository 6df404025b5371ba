/**
 * Storage faults on fake-indexeddb (src/storage/storage-faults.ts, src/storage/db.ts, the classify
 * service): a full disk, an upgrade blocked by an older tab, a database from a newer logsift, a
 * corrupt or missing record. Each time the app still starts (on the built-in default when it must)
 * and says what happened; nothing stored is lost.
 */
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { openDB } from 'idb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DB_VERSION, IdbBundleStorage, openBundleStorage, openLogsiftDb, versionMeta } from '../../../src/storage/db.ts';
import { StorageError, isQuotaError, storageError, withStorageErrors } from '../../../src/storage/storage-faults.ts';
import { createClassifyService } from '../../../workers/classify-service.ts';

const DEFAULT_JSON = readFileSync(resolve(import.meta.dirname, '../../../public/default-bundle.json'), 'utf8');
let n = 0;
const freshName = () => `faults-${++n}-${Date.now()}`;

function serviceOn(name: string, blockedMs = 200) {
  return createClassifyService({
    storage: () => openBundleStorage(name, { blockedMs }),
    loadDefaultBundle: async () => DEFAULT_JSON,
    progressIntervalMs: 0,
  });
}

const quota = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');

afterEach(() => {
  vi.restoreAllMocks();
});

describe('storage errors in words', () => {
  it('maps a quota error, a closed connection and others', () => {
    expect(isQuotaError(quota())).toBe(true);
    const full = storageError(quota(), 'saving the bundle version');
    expect(full).toBeInstanceOf(StorageError);
    expect(full.message).toMatch(/storage for this site is full, so saving the bundle version failed and nothing was changed/);
    expect(storageError(new DOMException('The database connection is closing.', 'InvalidStateError'), 'x').message).toMatch(/lost its connection.*Reload/);
    const plain = new Error('plain');
    expect(storageError(plain, 'x')).toBe(plain);
  });

  it('wraps a store so that sync throws and rejections both read well', async () => {
    const store = withStorageErrors(
      {
        saveThing: async () => {
          throw quota();
        },
        putNow: () => {
          throw quota();
        },
        ok: async () => 1,
      },
      'things',
    );
    await expect(store.saveThing()).rejects.toThrow(/full, so saving to things failed/);
    expect(() => store.putNow()).toThrow(StorageError);
    expect(await store.ok()).toBe(1);
  });
});

describe('a full disk (QuotaExceededError on put)', () => {
  it('refuses the save with a clear message and keeps what was stored', async () => {
    const name = freshName();
    const api = serviceOn(name);
    const before = await api.loadBundle();
    const rules = [...before.rules, { pattern: 'disk full test', flags: 'i', label: 'Error', enabled: true }];
    // The first edit of the default makes a version; the next one updates it. Both are refused.
    const put = vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(() => {
      throw quota();
    });
    await expect(api.saveRules(rules)).rejects.toThrow(/storage for this site is full.*nothing was changed.*Free some space/);
    put.mockRestore();
    const after = await api.loadBundle();
    expect(after.builtIn).toBe(true);
    expect(after.rules).toEqual(before.rules);
    expect(await api.listVersions()).toEqual([]);
    // Once there is room again, the same save works.
    const saved = await api.saveRules(rules);
    expect(saved.ok).toBe(true);
    // A fresh worker (a reload) reads it back.
    const reloaded = await serviceOn(name).loadBundle();
    expect(reloaded.rules.at(-1)?.pattern).toBe('disk full test');
  });

  it('a training-set save that does not fit is refused, the stored rows stay', async () => {
    const api = serviceOn(freshName());
    await api.addTrainingRows([{ message: 'first line', label: 'Error', origin: 'correction' }]);
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(() => {
      throw quota();
    });
    await expect(api.addTrainingRows([{ message: 'second line', label: 'Error', origin: 'correction' }])).rejects.toThrow(/full/);
    vi.restoreAllMocks();
    expect((await api.trainingSet()).rows).toBe(1);
  });
});

describe('an upgrade blocked by another tab', () => {
  it('starts on the built-in default without storage and says why', async () => {
    const name = freshName();
    // "Another tab": logsift v1 holds the database open and ignores versionchange.
    const old = await openDB(name, 1, {
      upgrade(db) {
        db.createObjectStore('bundles');
      },
    });
    const started = Date.now();
    const api = serviceOn(name, 150);
    const info = await api.loadBundle();
    expect(Date.now() - started).toBeLessThan(5000);
    expect(info.builtIn).toBe(true);
    expect(info.persistent).toBe(false);
    expect(info.storageNotice).toMatch(/another tab still has an older version of logsift open.*Close the other logsift tabs and reload/);
    // Works without storage meanwhile.
    const saved = await api.saveRules([{ pattern: 'x+y', flags: '', label: 'Error', enabled: true }]);
    expect(saved.ok).toBe(true);
    old.close();
  });

  it('an older connection in this tab steps aside for a newer one', async () => {
    const name = freshName();
    const opened = await openBundleStorage(name);
    expect(opened.persistent).toBe(true);
    // A newer schema opens in "another tab": the old connection closes itself and reports it.
    const newer = await openDB(name, DB_VERSION + 1);
    expect(newer.version).toBe(DB_VERSION + 1);
    expect(opened.problem?.()).toMatch(/newer logsift opened in another tab.*reload this tab/);
    await expect(opened.storage.listVersions()).rejects.toThrow(/lost its connection|Reload/);
    newer.close();
  });
});

describe('a database the app cannot open', () => {
  it('one from a newer logsift: starts on the default and says so', async () => {
    const name = freshName();
    const newer = await openDB(name, DB_VERSION + 5);
    newer.close();
    const info = await serviceOn(name).loadBundle();
    expect(info.builtIn).toBe(true);
    expect(info.persistent).toBe(false);
    expect(info.storageNotice).toMatch(/written by a newer version of logsift/);
  });
});

describe('a corrupt record', () => {
  beforeEach(() => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
  });
  it('a stored bundle that cannot be read: the default is used, the version is kept, the page is told', async () => {
    const name = freshName();
    const db = await openLogsiftDb(name);
    const broken = versionMeta('{"format":"logsift-bundle", this is not json', 'trained', 1, 'v-broken');
    await db.put('versions', broken);
    await db.put('meta', 'v-broken', 'activeVersion');
    db.close();
    const api = serviceOn(name);
    const info = await api.loadBundle();
    expect(info.builtIn).toBe(true);
    expect(info.storageNotice).toMatch(/could not be read.*built-in default is in use.*kept/);
    expect((await api.listVersions()).map((v) => v.id)).toEqual(['v-broken']);
    // It classifies on the default.
    const summary = await api.classify(new Blob(['log_message\nUser User1 logged in.\n']), 'x.csv', false, () => {});
    expect(summary.rows).toBe(1);
    // Going back to the default explicitly clears the notice.
    expect((await api.resetBundle()).storageNotice).toBeUndefined();
  });

  it('a record without its bundle, and an active pointer to nothing', async () => {
    const name = freshName();
    const db = await openLogsiftDb(name);
    await db.put('versions', { id: 'v-empty', seq: 1 } as never);
    await db.put('meta', 'v-empty', 'activeVersion');
    db.close();
    expect((await serviceOn(name).loadBundle()).storageNotice).toMatch(/could not be read \(the record has no bundle\)/);

    const name2 = freshName();
    const db2 = await openLogsiftDb(name2);
    await db2.put('meta', 'v-gone', 'activeVersion');
    db2.close();
    const info = await serviceOn(name2).loadBundle();
    expect(info.builtIn).toBe(true);
    expect(info.storageNotice).toMatch(/missing from storage/);
  });

  it('a corrupt training-set record starts empty instead of failing', async () => {
    const name = freshName();
    const db = await openLogsiftDb(name);
    await db.put('trainingSet', { rows: 'garbage', updatedAt: 1 } as never, 'current');
    db.close();
    const api = serviceOn(name);
    expect((await api.trainingSet()).rows).toBe(0);
    expect((await api.loadBundle()).builtIn).toBe(true);
  });
});

void IdbBundleStorage;
