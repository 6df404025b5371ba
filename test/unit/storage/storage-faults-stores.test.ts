/**
 * Storage faults of the smaller IndexedDB stores on fake-indexeddb: the LLM settings
 * (src/storage/llm-settings.ts), the LLM answer cache (src/storage/llm-cache.ts) and the
 * discovered patterns (src/storage/patterns-store.ts). Each goes through storage-faults.ts: a full
 * disk, an upgrade blocked by an older tab, a database from a newer logsift and a corrupt record
 * end in a clear message, and the app goes on (in memory where it must).
 */
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { openDB } from 'idb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_MINER_SETTINGS } from '../../../src/core/patterns/index.ts';
import { LLM_CACHE_DB, IdbLlmCache } from '../../../src/storage/llm-cache.ts';
import { MemoryLlmSettingsStore, openLlmSettings } from '../../../src/storage/llm-settings.ts';
import { MemoryPatternsStore, openPatternsStore } from '../../../src/storage/patterns-store.ts';
import { StorageError } from '../../../src/storage/storage-faults.ts';
import type { LlmSettings } from '../../../workers/llm-api.ts';
import { createClassifyService } from '../../../workers/classify-service.ts';
import { createLlmService, DEFAULT_LLM_SETTINGS, type AnswerCache } from '../../../workers/llm-service.ts';

const DEFAULT_JSON = readFileSync(resolve(import.meta.dirname, '../../../public/default-bundle.json'), 'utf8');
let n = 0;
const freshName = (what: string) => `${what}-faults-${++n}-${Date.now()}`;
const quota = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');
const failPuts = () =>
  vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(() => {
    throw quota();
  });

afterEach(() => {
  vi.restoreAllMocks();
});

/** "Another tab" holds version 1 open and ignores versionchange; this tab's open asks for one version more (a schema bump). */
async function blockedByOlderTab(name: string) {
  const old = await openDB(name, 1, {
    upgrade(db) {
      db.createObjectStore(name.startsWith('patterns') ? 'patterns' : name.startsWith('cache') ? 'answers' : 'values');
    },
  });
  const open = indexedDB.open.bind(indexedDB);
  vi.spyOn(indexedDB, 'open').mockImplementation((n: string, version?: number) => open(n, n === name && version ? version + 1 : version));
  return old;
}

/** A database made by a newer logsift (a higher version). */
async function fromNewerLogsift(name: string) {
  (await openDB(name, 9)).close();
}

/** Writes `value` under `key` straight into a store, as a broken or hand-edited record would be. */
async function putRaw(name: string, store: string, key: string, value: unknown) {
  const db = await openDB(name);
  await db.put(store, value, key);
  db.close();
}

const llmService = (settingsDb: string, cacheDb: string, blockedMs = 150) =>
  createLlmService({
    settings: () => openLlmSettings<LlmSettings>(settingsDb, { blockedMs }),
    answers: () => IdbLlmCache.open(cacheDb, { blockedMs }) as Promise<IdbLlmCache & AnswerCache>,
    detectWebGpu: async () => ({ available: false, reason: 'none', features: [], adapter: null }),
    webLlm: { load: async () => Promise.reject(new Error('no')), isStored: async () => false, remove: async () => {} },
  });

const remoteSettings = (): LlmSettings => ({ ...structuredClone(DEFAULT_LLM_SETTINGS), mode: 'remote', remote: { ...DEFAULT_LLM_SETTINGS.remote, baseUrl: 'http://127.0.0.1:9/v1', model: 'm' } });

describe('LLM settings (src/storage/llm-settings.ts)', () => {
  it('a save that does not fit: a clear message, the stored settings and those in use stay', async () => {
    const name = freshName('settings');
    const api = llmService(name, freshName('cache'));
    const saved = await api.saveSettings(remoteSettings());
    failPuts();
    await expect(api.saveSettings({ ...saved.settings, mode: 'off' })).rejects.toThrow(/storage for this site is full, so saving to LLM settings failed and nothing was changed/);
    expect((await api.status()).settings.mode).toBe('remote');
    vi.restoreAllMocks();
    // A fresh worker reads what was stored.
    expect((await llmService(name, freshName('cache')).status()).settings.mode).toBe('remote');
  });

  it('an upgrade blocked by another tab: settings in memory, and the panel says why', async () => {
    const name = freshName('settings');
    const old = await blockedByOlderTab(name);
    const opened = await openLlmSettings<LlmSettings>(name, { blockedMs: 100 });
    expect(opened.persistent).toBe(false);
    expect(opened.store).toBeInstanceOf(MemoryLlmSettingsStore);
    expect(opened.problem()).toMatch(/LLM settings could not be upgraded: another tab still has an older version of logsift open.*Until then the LLM settings start from the defaults/);
    old.close();
  });

  it('a database from a newer logsift: the defaults, in memory, and the status says so', async () => {
    const name = freshName('settings');
    await fromNewerLogsift(name);
    const status = await llmService(name, freshName('cache')).status();
    expect(status.persistent).toBe(false);
    expect(status.settings).toEqual(DEFAULT_LLM_SETTINGS);
    expect(status.storageNotice).toMatch(/LLM settings was written by a newer version of logsift/);
  });

  it('a corrupt settings record and key: the defaults are used, the status says so until saved again', async () => {
    const name = freshName('settings');
    await (await openLlmSettings<LlmSettings>(name)).store.loadSettings(); // creates the database
    await putRaw(name, 'values', 'settings', 'not settings at all');
    await putRaw(name, 'values', 'apiKey', { not: 'a key' });
    const api = llmService(name, freshName('cache'));
    const status = await api.status();
    expect(status.persistent).toBe(true);
    expect(status.settings).toEqual(DEFAULT_LLM_SETTINGS);
    expect(status.keySet).toBe(false);
    expect(status.storageNotice).toMatch(/stored LLM settings could not be read, so the defaults are in use.*remembered API key could not be read/);
    await api.saveSettings(remoteSettings());
    await api.forgetApiKey();
    expect((await api.status()).storageNotice).toBeUndefined();
  });

  it('a remembered key is stored with its origin; a bare string reads as one without', async () => {
    const name = freshName('settings');
    const api = llmService(name, freshName('cache'));
    await api.saveSettings(remoteSettings());
    await api.setApiKey('gsk_stored_key_1', true);
    const { store } = await openLlmSettings<LlmSettings>(name);
    expect(await store.loadKey()).toEqual({ key: 'gsk_stored_key_1', origin: new URL(remoteSettings().remote.baseUrl).origin });
    await putRaw(name, 'values', 'apiKey', 'gsk_bare_string');
    expect(await store.loadKey()).toEqual({ key: 'gsk_bare_string', origin: null });
  });

  it('settings of the right shape but wrong values: the defaults, with the reason', async () => {
    const name = freshName('settings');
    await llmService(name, freshName('cache')).saveSettings(remoteSettings());
    await putRaw(name, 'values', 'settings', { ...remoteSettings(), remote: { ...remoteSettings().remote, baseUrl: 'ftp://nowhere' } });
    const status = await llmService(name, freshName('cache')).status();
    expect(status.settings).toEqual(DEFAULT_LLM_SETTINGS);
    expect(status.storageNotice).toMatch(/stored LLM settings could not be used \(.+\), so the defaults are in use/);
  });
});

describe('LLM answer cache (src/storage/llm-cache.ts)', () => {
  it('an answer that does not fit is used but not kept; the status says why', async () => {
    const cache = await IdbLlmCache.open(freshName('cache'));
    await cache.set('a', { label: 'Error', reason: 'r' });
    failPuts();
    await expect(cache.set('b', { label: 'Error', reason: 'r' })).resolves.toBeUndefined();
    vi.restoreAllMocks();
    expect(await cache.get('b')).toBeUndefined();
    expect(await cache.count()).toBe(1);
    expect(cache.problem()).toMatch(/storage for this site is full, so keeping an LLM answer failed.*used but not cached/);
    await cache.clear();
    expect(cache.problem()).toBeNull();
  });

  it('a corrupt answer is a miss (asked again), and said', async () => {
    const name = freshName('cache');
    const cache = await IdbLlmCache.open(name);
    await putRaw(name, 'answers', 'k', 'garbage');
    await putRaw(name, 'answers', 'k2', { label: 42 });
    expect(await cache.get('k')).toBeUndefined();
    expect(await cache.get('k2')).toBeUndefined();
    expect(cache.problem()).toMatch(/cached LLM answer could not be read, so the LLM was asked again/);
    await cache.set('k', { label: 'Error', reason: 'ok' });
    expect(await cache.get('k')).toEqual({ label: 'Error', reason: 'ok' });
  });

  it('review decisions: added to a cache of the first version, kept when the answers are cleared, refused with the reason when the disk is full', async () => {
    const name = freshName('cache');
    const v1 = await openDB(name, 1, { upgrade: (db) => void db.createObjectStore('answers') });
    await v1.put('answers', { label: 'Error', reason: 'r', savedAt: 'then' }, 'old');
    v1.close();
    const cache = await IdbLlmCache.open(name);
    expect(await cache.get('old')).toEqual({ label: 'Error', reason: 'r' });
    const decision = { status: 'corrected', label: 'Legacy Workflow', llmLabel: 'Error', reason: 'r' } as const;
    await cache.setDecision('Job <*> halted', decision);
    await cache.clear();
    expect(await cache.count()).toBe(0);
    expect(await cache.decision('Job <*> halted')).toEqual(decision);
    expect(await cache.countDecisions()).toBe(1);
    await putRaw(name, 'decisions', 'bad', { status: 'maybe', label: 'X' });
    expect(await cache.decision('bad')).toBeUndefined();
    expect(cache.problem()).toMatch(/review decision could not be read, so its line went back to the LLM/);
    failPuts();
    await expect(cache.setDecision('k', decision)).rejects.toThrow(/storage for this site is full/);
    vi.restoreAllMocks();
    cache.close();
  });

  it('blocked or from a newer logsift: open rejects with a StorageError that says why', async () => {
    const blocked = freshName('cache');
    const old = await blockedByOlderTab(blocked);
    await expect(IdbLlmCache.open(blocked, { blockedMs: 100 })).rejects.toThrow(/cached LLM answers could not be upgraded.*Until then LLM answers are cached only until the tab is closed/);
    old.close();
    vi.restoreAllMocks();
    const newer = freshName('cache');
    await fromNewerLogsift(newer);
    const err = await IdbLlmCache.open(newer).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StorageError);
    expect((err as Error).message).toMatch(/written by a newer version of logsift/);
    expect(LLM_CACHE_DB).toBe('logsift-llm-cache');
  });
});

describe('discovered patterns (src/storage/patterns-store.ts)', () => {
  const serviceOn = (name: string, blockedMs = 150) =>
    createClassifyService({
      storage: async () => ({ storage: new (await import('../../../src/storage/db.ts')).MemoryBundleStorage(), persistent: false }),
      loadDefaultBundle: async () => DEFAULT_JSON,
      progressIntervalMs: 0,
      patternsStore: () => openPatternsStore(name, { blockedMs }),
    });

  it('a save that does not fit: a clear message, nothing changed', async () => {
    const name = freshName('patterns');
    const { store } = await openPatternsStore(name);
    await store.saveSettings(DEFAULT_MINER_SETTINGS);
    failPuts();
    await expect(store.saveSettings({ ...DEFAULT_MINER_SETTINGS, similarity: 0.9 })).rejects.toThrow(/storage for this site is full, so saving to discovered patterns failed and nothing was changed/);
    vi.restoreAllMocks();
    expect((await store.loadSettings())?.similarity).toBe(DEFAULT_MINER_SETTINGS.similarity);
    // Through the service: the change is refused with the same words.
    const api = serviceOn(name);
    failPuts();
    await expect(api.updatePatternSettings({ similarity: 0.8 })).rejects.toThrow(/storage for this site is full/);
  });

  it('an upgrade blocked by another tab: patterns in memory, and the panel says why', async () => {
    const name = freshName('patterns');
    const old = await blockedByOlderTab(name);
    const started = Date.now();
    const info = await serviceOn(name, 100).patterns();
    expect(Date.now() - started).toBeLessThan(3000);
    expect(info.persistent).toBe(false);
    expect(info.storageNotice).toMatch(/discovered patterns could not be upgraded: another tab still has an older version of logsift open.*Close the other logsift tabs/);
    old.close();
    vi.restoreAllMocks();
    const opened = await openPatternsStore(freshName('patterns'));
    expect(opened.store).not.toBeInstanceOf(MemoryPatternsStore);
  });

  it('a database from a newer logsift: patterns in memory, and said', async () => {
    const name = freshName('patterns');
    await fromNewerLogsift(name);
    const info = await serviceOn(name).patterns();
    expect(info.persistent).toBe(false);
    expect(info.storageNotice).toMatch(/discovered patterns was written by a newer version of logsift/);
  });

  it('corrupt records: nothing shown, the defaults in use, said until written again', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const name = freshName('patterns');
    (await openPatternsStore(name)).store.close();
    await putRaw(name, 'patterns', 'current', ['not', 'patterns']);
    await putRaw(name, 'patterns', 'settings', { settings: 'nope' });
    const api = serviceOn(name);
    const info = await api.patterns();
    expect(info.persistent).toBe(true);
    expect(info.patterns).toEqual([]);
    expect(info.settings.similarity).toBe(DEFAULT_MINER_SETTINGS.similarity);
    expect(info.storageNotice).toMatch(/stored discovered patterns could not be read, so none are shown/);
    expect(info.storageNotice).toMatch(/stored masking and grouping settings could not be read, so the defaults are in use/);
    // Writing them again clears the notice.
    const after = await api.updatePatternSettings({ similarity: 0.7 });
    expect(after.storageNotice).toMatch(/discovered patterns could not be read/);
    expect(after.storageNotice).not.toMatch(/masking and grouping/);
    const cleared = await api.clearPatterns();
    expect(cleared.storageNotice).toBeUndefined();
  });

  it('patterns of the right shape that this version cannot read: said, and kept until replaced', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const name = freshName('patterns');
    (await openPatternsStore(name)).store.close();
    const record = { state: { format: 'something else' }, source: { kind: 'file', name: 'x.log', lines: 1, mined: 1, minedAt: new Date().toISOString() }, savedAt: new Date().toISOString() };
    await putRaw(name, 'patterns', 'current', record);
    const info = await serviceOn(name).patterns();
    expect(info.patterns).toEqual([]);
    expect(info.storageNotice).toMatch(/stored discovered patterns could not be read \(.+\), so none are shown/);
  });
});
