/**
 * Browser storage of pattern discovery: its own small IndexedDB database (`logsift-patterns`,
 * separate from `logsift` in db.ts so that the two schemas evolve on their own).
 *
 * Schema history (each step is a migration in `upgrade` below, tested in
 * test/unit/patterns-store.test.ts):
 * - v1: store `patterns`: the mined patterns under the key `current` (the miner's exported state,
 *   the core's `MinerState`, plus where the lines came from), and the masking and grouping
 *   settings under the key `settings` (kept on their own: they are edited before any discovery).
 *
 * Used from the classify worker. Unit tests run it on fake-indexeddb.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { MinerSettings, MinerState } from '../core/patterns.ts';

export const PATTERNS_DB_NAME = 'logsift-patterns';
/** Bump when the schema changes and add a step to `upgrade` below. */
export const PATTERNS_DB_VERSION = 1;

const CURRENT = 'current';
const SETTINGS = 'settings';

/** Where the mined lines came from. */
export interface PatternSourceRecord {
  /** `run`: the last run's lines that no rule labelled; `file`: every line of a picked file; `import`: a patterns file. */
  kind: 'run' | 'file' | 'import';
  /** The file's name. */
  name: string;
  /** Lines of the file (or run). */
  lines: number;
  /** Lines mined (the run's lines without a rule's label; every non-blank line of a file). */
  mined: number;
  /** ISO time of the discovery. */
  minedAt: string;
}

export interface StoredPatterns {
  state: MinerState;
  source: PatternSourceRecord;
  savedAt: string;
}

interface PatternsSchema extends DBSchema {
  patterns: { key: string; value: StoredPatterns | { settings: MinerSettings; savedAt: string } };
}

/** What the worker needs; tests and a no-IndexedDB fallback implement it too. */
export interface PatternsStore {
  load(): Promise<StoredPatterns | null>;
  save(patterns: StoredPatterns): Promise<void>;
  /** Forgets the mined patterns (the settings stay). */
  clear(): Promise<void>;
  loadSettings(): Promise<MinerSettings | null>;
  saveSettings(settings: MinerSettings): Promise<void>;
  close(): void;
}

const isObject = (value: unknown): value is Record<string, unknown> => !!value && typeof value === 'object' && !Array.isArray(value);

/** A stored record as it must look; anything else reads as "nothing stored" (a later load says why). */
function asStoredPatterns(value: unknown): StoredPatterns | null {
  if (!isObject(value) || !isObject(value.state) || !isObject(value.source)) return null;
  return value as unknown as StoredPatterns;
}

function asSettings(value: unknown): MinerSettings | null {
  if (!isObject(value) || !isObject(value.settings)) return null;
  const settings = value.settings;
  if (!isObject(settings.masking) || !Array.isArray(settings.masking.rules) || typeof settings.similarity !== 'number') return null;
  return settings as unknown as MinerSettings;
}

/** Opens (and creates or upgrades) the database. */
export function openPatternsDb(name: string = PATTERNS_DB_NAME): Promise<IDBPDatabase<PatternsSchema>> {
  return openDB<PatternsSchema>(name, PATTERNS_DB_VERSION, {
    upgrade(db, oldVersion) {
      // Version 1: one store, the patterns under "current" and the settings under "settings".
      if (oldVersion < 1) db.createObjectStore('patterns');
    },
  });
}

export class IdbPatternsStore implements PatternsStore {
  private constructor(private readonly db: IDBPDatabase<PatternsSchema>) {}

  static async open(name: string = PATTERNS_DB_NAME): Promise<IdbPatternsStore> {
    return new IdbPatternsStore(await openPatternsDb(name));
  }

  async load(): Promise<StoredPatterns | null> {
    return asStoredPatterns(await this.db.get('patterns', CURRENT));
  }

  async save(patterns: StoredPatterns): Promise<void> {
    await this.db.put('patterns', patterns, CURRENT);
  }

  async clear(): Promise<void> {
    await this.db.delete('patterns', CURRENT);
  }

  async loadSettings(): Promise<MinerSettings | null> {
    return asSettings(await this.db.get('patterns', SETTINGS));
  }

  async saveSettings(settings: MinerSettings): Promise<void> {
    await this.db.put('patterns', { settings, savedAt: new Date().toISOString() }, SETTINGS);
  }

  close(): void {
    this.db.close();
  }
}

/** Storage in memory: used when IndexedDB is not available (then nothing persists). */
export class MemoryPatternsStore implements PatternsStore {
  private patterns: StoredPatterns | null = null;
  private settings: MinerSettings | null = null;

  async load(): Promise<StoredPatterns | null> {
    return this.patterns ? structuredClone(this.patterns) : null;
  }

  async save(patterns: StoredPatterns): Promise<void> {
    this.patterns = structuredClone(patterns);
  }

  async clear(): Promise<void> {
    this.patterns = null;
  }

  async loadSettings(): Promise<MinerSettings | null> {
    return this.settings ? structuredClone(this.settings) : null;
  }

  async saveSettings(settings: MinerSettings): Promise<void> {
    this.settings = structuredClone(settings);
  }

  close(): void {}
}

/** IndexedDB storage when the environment has it, memory storage otherwise. */
export async function openPatternsStore(name: string = PATTERNS_DB_NAME): Promise<{ store: PatternsStore; persistent: boolean }> {
  if (typeof indexedDB === 'undefined') return { store: new MemoryPatternsStore(), persistent: false };
  try {
    return { store: await IdbPatternsStore.open(name), persistent: true };
  } catch {
    return { store: new MemoryPatternsStore(), persistent: false };
  }
}
