/**
 * Browser storage of logsift: one IndexedDB database (`logsift`) with a versioned schema.
 *
 * The current model bundle is stored as its serialized JSON text (the core's
 * `serializeBundle` output) so that loading it goes through `parseBundle` and its checks again.
 * The user's rules, source routes and settings live inside that bundle.
 *
 * Used from the classify worker (IndexedDB works in workers). Unit tests run it on
 * fake-indexeddb.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';

export const DB_NAME = 'logsift';
/** Bump when the schema changes and add a step to `upgrade` below. */
export const DB_VERSION = 1;

const CURRENT = 'current';

/** A bundle as it is kept in the database. */
export interface StoredBundle {
  /** The bundle's serialized JSON. */
  json: string;
  /** ISO time of the save. */
  savedAt: string;
}

interface LogsiftSchema extends DBSchema {
  bundles: { key: string; value: StoredBundle };
}

/** What the worker needs from storage; tests and a no-IndexedDB fallback implement it too. */
export interface BundleStorage {
  /** The current bundle's JSON, or null when the user never saved one (use the built-in default). */
  loadCurrent(): Promise<StoredBundle | null>;
  saveCurrent(json: string): Promise<StoredBundle>;
  /** Forget the current bundle (back to the built-in default). */
  clearCurrent(): Promise<void>;
  close(): void;
}

/** Opens (and creates or upgrades) the database. */
export function openLogsiftDb(name: string = DB_NAME): Promise<IDBPDatabase<LogsiftSchema>> {
  return openDB<LogsiftSchema>(name, DB_VERSION, {
    upgrade(db, oldVersion) {
      // Version 1: one store, the current bundle under the key "current".
      if (oldVersion < 1) db.createObjectStore('bundles');
    },
  });
}

/** IndexedDB-backed storage. */
export class IdbBundleStorage implements BundleStorage {
  private constructor(private readonly db: IDBPDatabase<LogsiftSchema>) {}

  static async open(name: string = DB_NAME): Promise<IdbBundleStorage> {
    return new IdbBundleStorage(await openLogsiftDb(name));
  }

  async loadCurrent(): Promise<StoredBundle | null> {
    return (await this.db.get('bundles', CURRENT)) ?? null;
  }

  async saveCurrent(json: string): Promise<StoredBundle> {
    const stored: StoredBundle = { json, savedAt: new Date().toISOString() };
    await this.db.put('bundles', stored, CURRENT);
    return stored;
  }

  async clearCurrent(): Promise<void> {
    await this.db.delete('bundles', CURRENT);
  }

  close(): void {
    this.db.close();
  }
}

/** Storage in memory: used when IndexedDB is not available (then nothing persists). */
export class MemoryBundleStorage implements BundleStorage {
  private current: StoredBundle | null = null;

  async loadCurrent(): Promise<StoredBundle | null> {
    return this.current;
  }

  async saveCurrent(json: string): Promise<StoredBundle> {
    this.current = { json, savedAt: new Date().toISOString() };
    return this.current;
  }

  async clearCurrent(): Promise<void> {
    this.current = null;
  }

  close(): void {}
}

/** IndexedDB storage when the environment has it, memory storage otherwise. */
export async function openBundleStorage(name: string = DB_NAME): Promise<{ storage: BundleStorage; persistent: boolean }> {
  if (typeof indexedDB === 'undefined') return { storage: new MemoryBundleStorage(), persistent: false };
  try {
    return { storage: await IdbBundleStorage.open(name), persistent: true };
  } catch {
    return { storage: new MemoryBundleStorage(), persistent: false };
  }
}
