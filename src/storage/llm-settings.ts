/**
 * The LLM tier's settings in IndexedDB (`logsift-llm-settings`): the chosen mode, models and
 * endpoint, and – only when the user ticked "remember on this device" – the API key with the
 * origin it was entered for, in a record of its own so that forgetting it deletes it. Plain values; the worker validates them.
 *
 * Faults (storage-faults.ts): the database is opened through `openGuarded` (an upgrade blocked by
 * another tab gives up after a while, one from a newer logsift is not opened), every call goes
 * through `withStorageErrors` (a full disk reads as such), and `openLlmSettings` falls back to
 * memory with the reason in `problem`. A record that is not what it should be reads as nothing
 * stored (the defaults), and `problem` says so.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { openGuarded, storageError, withStorageErrors } from './storage-faults.ts';

export const LLM_SETTINGS_DB = 'logsift-llm-settings';
const VERSION = 1;
const WHAT = 'LLM settings';

/** A remembered API key and the origin it was entered for. */
export interface StoredApiKey {
  key: string;
  /** null: stored as a bare string, without its origin (it belongs to the stored base URL's). */
  origin: string | null;
}

export interface LlmSettingsStore<S> {
  loadSettings(): Promise<S | undefined>;
  saveSettings(settings: S): Promise<void>;
  loadKey(): Promise<StoredApiKey | undefined>;
  /** null deletes the stored key. */
  saveKey(key: StoredApiKey | null): Promise<void>;
}

interface Schema extends DBSchema {
  values: { key: string; value: unknown };
}

export interface LlmSettingsOpenOptions {
  /** How long an upgrade blocked by another tab may wait (storage-faults.ts BLOCKED_TIMEOUT_MS). */
  blockedMs?: number;
  /** Told when the connection is lost later (another tab upgraded, the browser closed it). */
  onLost?: (message: string) => void;
  /** Told when a stored record (`settings`, `apiKey`) could not be read (it then reads as nothing stored), and with null once it is written again. */
  onCorrupt?: (record: 'settings' | 'apiKey', message: string | null) => void;
}

const isObject = (value: unknown): value is Record<string, unknown> => !!value && typeof value === 'object' && !Array.isArray(value);

export async function openLlmSettingsStore<S>(name: string = LLM_SETTINGS_DB, options: LlmSettingsOpenOptions = {}): Promise<LlmSettingsStore<S>> {
  const db: IDBPDatabase<Schema> = await openGuarded(
    WHAT,
    (hooks) =>
      openDB<Schema>(name, VERSION, {
        upgrade(database, oldVersion) {
          if (oldVersion < 1) database.createObjectStore('values');
        },
        blocked: () => hooks.blocked(),
        blocking: () => hooks.blocking(),
        terminated: () => hooks.terminated(),
      }),
    { ...options, fallback: 'the LLM settings start from the defaults and last only until the tab is closed' },
  );
  const store: LlmSettingsStore<S> = {
    loadSettings: async () => {
      const value = await db.get('values', 'settings');
      if (value === undefined || isObject(value)) return value as S | undefined;
      options.onCorrupt?.('settings', 'The stored LLM settings could not be read, so the defaults are in use. Saving the settings again replaces them.');
      return undefined;
    },
    saveSettings: async (settings) => {
      await db.put('values', settings, 'settings');
      options.onCorrupt?.('settings', null);
    },
    loadKey: async () => {
      const value = await db.get('values', 'apiKey');
      if (value === undefined) return undefined;
      if (typeof value === 'string') return { key: value, origin: null };
      if (isObject(value) && typeof value.key === 'string' && typeof value.origin === 'string') return { key: value.key, origin: value.origin };
      options.onCorrupt?.('apiKey', 'The remembered API key could not be read: enter it again.');
      return undefined;
    },
    saveKey: async (key) => {
      if (key === null) await db.delete('values', 'apiKey');
      else await db.put('values', key, 'apiKey');
      options.onCorrupt?.('apiKey', null);
    },
  };
  return withStorageErrors(store, WHAT);
}

/** For tests and browsers without IndexedDB: lasts as long as the worker. */
export class MemoryLlmSettingsStore<S> implements LlmSettingsStore<S> {
  settings: S | undefined;
  key: StoredApiKey | undefined;
  async loadSettings() {
    return this.settings;
  }
  async saveSettings(settings: S) {
    this.settings = structuredClone(settings);
  }
  async loadKey() {
    return this.key;
  }
  async saveKey(key: StoredApiKey | null) {
    this.key = key ? { ...key } : undefined;
  }
}

export interface OpenedLlmSettings<S> {
  store: LlmSettingsStore<S>;
  persistent: boolean;
  /** What went wrong, for the page to say: not opened (memory is used), lost later, a corrupt record. */
  problem: () => string | null;
}

/**
 * IndexedDB settings when the environment has them, memory otherwise – and when the database
 * cannot be opened (blocked by an older tab, written by a newer logsift, broken), with the reason
 * in `problem`.
 */
export async function openLlmSettings<S>(name: string = LLM_SETTINGS_DB, options: { blockedMs?: number } = {}): Promise<OpenedLlmSettings<S>> {
  if (typeof indexedDB === 'undefined') return { store: new MemoryLlmSettingsStore<S>(), persistent: false, problem: () => null };
  let lost: string | null = null;
  const corrupt = new Map<string, string>();
  try {
    const store = await openLlmSettingsStore<S>(name, {
      ...options,
      onLost: (message) => (lost = message),
      onCorrupt: (record, message) => (message === null ? corrupt.delete(record) : corrupt.set(record, message)),
    });
    return { store, persistent: true, problem: () => lost ?? (corrupt.size ? [...corrupt.values()].join(' ') : null) };
  } catch (err) {
    const problem = storageError(err, `opening the ${WHAT}`).message;
    return { store: new MemoryLlmSettingsStore<S>(), persistent: false, problem: () => problem };
  }
}
