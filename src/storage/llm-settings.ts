/**
 * The LLM tier's settings in IndexedDB (`logsift-llm-settings`): the chosen mode, models and
 * endpoint, and – only when the user ticked "remember on this device" – the API key, in a
 * record of its own so that forgetting it deletes it. Plain values; the worker validates them.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';

export const LLM_SETTINGS_DB = 'logsift-llm-settings';
const VERSION = 1;

export interface LlmSettingsStore<S> {
  loadSettings(): Promise<S | undefined>;
  saveSettings(settings: S): Promise<void>;
  loadKey(): Promise<string | undefined>;
  /** null deletes the stored key. */
  saveKey(key: string | null): Promise<void>;
}

interface Schema extends DBSchema {
  values: { key: string; value: unknown };
}

export async function openLlmSettingsStore<S>(name: string = LLM_SETTINGS_DB): Promise<LlmSettingsStore<S>> {
  const db: IDBPDatabase<Schema> = await openDB<Schema>(name, VERSION, {
    upgrade(database, oldVersion) {
      if (oldVersion < 1) database.createObjectStore('values');
    },
  });
  return {
    loadSettings: async () => (await db.get('values', 'settings')) as S | undefined,
    saveSettings: async (settings) => {
      await db.put('values', settings, 'settings');
    },
    loadKey: async () => {
      const key = await db.get('values', 'apiKey');
      return typeof key === 'string' ? key : undefined;
    },
    saveKey: async (key) => {
      if (key === null) await db.delete('values', 'apiKey');
      else await db.put('values', key, 'apiKey');
    },
  };
}

/** For tests and browsers without IndexedDB: lasts as long as the worker. */
export class MemoryLlmSettingsStore<S> implements LlmSettingsStore<S> {
  settings: S | undefined;
  key: string | undefined;
  async loadSettings() {
    return this.settings;
  }
  async saveSettings(settings: S) {
    this.settings = structuredClone(settings);
  }
  async loadKey() {
    return this.key;
  }
  async saveKey(key: string | null) {
    this.key = key ?? undefined;
  }
}
