/**
 * Browser storage of pattern discovery: its own small IndexedDB database (`logsift-patterns`,
 * separate from `logsift` in db.ts so that the two schemas evolve on their own).
 *
 * Schema history (each step is a migration in `upgrade` below, tested in
 * test/unit/patterns/patterns-service.test.ts):
 * - v1: store `patterns`: the mined patterns under the key `current` (the miner's exported state,
 *   the core's `MinerState`, plus where the lines came from), and the masking and grouping
 *   settings under the key `settings` (kept on their own: they are edited before any discovery).
 *
 * Faults (storage-faults.ts): `openPatternsStore` opens through `openGuarded` (an upgrade blocked
 * by another tab gives up after a while, a database from a newer logsift is not opened) and falls
 * back to memory with the reason in `problem`; every call goes through `withStorageErrors` (a full
 * disk reads as such). A record that is not what it should be reads as nothing stored, and
 * `problem` says so.
 *
 * Used from the classify worker. Unit tests run it on fake-indexeddb.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { MinerSettings, MinerState } from '../core/patterns/index.ts';
import { openGuarded, storageError, withStorageErrors, type GuardedOpenHooks } from './storage-faults.ts';

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

const WHAT = 'discovered patterns';

/** Opens (and creates or upgrades) the database; `hooks` (storage-faults.ts) learn of other tabs in the way. */
export function openPatternsDb(name: string = PATTERNS_DB_NAME, hooks?: GuardedOpenHooks): Promise<IDBPDatabase<PatternsSchema>> {
  return openDB<PatternsSchema>(name, PATTERNS_DB_VERSION, {
    blocked: () => hooks?.blocked(),
    blocking: () => hooks?.blocking(),
    terminated: () => hooks?.terminated(),
    upgrade(db, oldVersion) {
      // Version 1: one store, the patterns under "current" and the settings under "settings".
      if (oldVersion < 1) db.createObjectStore('patterns');
    },
  });
}

export class IdbPatternsStore implements PatternsStore {
  /** Records that could not be read, by key, until they are written again. */
  private readonly corrupt = new Map<string, string>();

  private constructor(private readonly db: IDBPDatabase<PatternsSchema>) {}

  static async open(name: string = PATTERNS_DB_NAME): Promise<IdbPatternsStore> {
    return new IdbPatternsStore(await openPatternsDb(name));
  }

  /** Opened through openGuarded, its calls through withStorageErrors (storage-faults.ts). */
  static async openGuarded(name: string = PATTERNS_DB_NAME, options: { blockedMs?: number; onLost?: (message: string) => void } = {}): Promise<IdbPatternsStore> {
    const db = await openGuarded(WHAT, (hooks) => openPatternsDb(name, hooks), {
      blockedMs: options.blockedMs,
      onLost: options.onLost,
      fallback: 'discovered patterns and their settings are kept only until the tab is closed',
    });
    return withStorageErrors(new IdbPatternsStore(db), WHAT);
  }

  /** Stored records that could not be read (they read as nothing stored until written again), in words; or null. */
  problem(): string | null {
    return this.corrupt.size ? [...this.corrupt.values()].join(' ') : null;
  }

  private check<T>(key: string, value: unknown, read: T | null, message: string): T | null {
    if (value !== undefined && read === null) this.corrupt.set(key, message);
    else this.corrupt.delete(key);
    return read;
  }

  async load(): Promise<StoredPatterns | null> {
    const value = await this.db.get('patterns', CURRENT);
    return this.check(CURRENT, value, asStoredPatterns(value), 'The stored discovered patterns could not be read, so none are shown. A new discovery replaces them.');
  }

  async save(patterns: StoredPatterns): Promise<void> {
    await this.db.put('patterns', patterns, CURRENT);
    this.corrupt.delete(CURRENT);
  }

  async clear(): Promise<void> {
    await this.db.delete('patterns', CURRENT);
    this.corrupt.delete(CURRENT);
  }

  async loadSettings(): Promise<MinerSettings | null> {
    const value = await this.db.get('patterns', SETTINGS);
    return this.check(SETTINGS, value, asSettings(value), 'The stored masking and grouping settings could not be read, so the defaults are in use. Saving the settings again replaces them.');
  }

  async saveSettings(settings: MinerSettings): Promise<void> {
    await this.db.put('patterns', { settings, savedAt: new Date().toISOString() }, SETTINGS);
    this.corrupt.delete(SETTINGS);
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

export interface OpenedPatternsStore {
  store: PatternsStore;
  persistent: boolean;
  /** What went wrong, for the page to say: not opened (memory is used), lost later, a corrupt record. */
  problem?: () => string | null;
}

/**
 * IndexedDB storage when the environment has it, memory storage otherwise – and when the
 * database cannot be opened (blocked by an older tab, written by a newer logsift, broken), with
 * the reason in `problem`.
 */
export async function openPatternsStore(name: string = PATTERNS_DB_NAME, options: { blockedMs?: number } = {}): Promise<OpenedPatternsStore> {
  if (typeof indexedDB === 'undefined') return { store: new MemoryPatternsStore(), persistent: false };
  let lost: string | null = null;
  try {
    const store = await IdbPatternsStore.openGuarded(name, { blockedMs: options.blockedMs, onLost: (message) => (lost = message) });
    return { store, persistent: true, problem: () => lost ?? store.problem() };
  } catch (err) {
    const problem = storageError(err, `opening the ${WHAT}`).message;
    return { store: new MemoryPatternsStore(), persistent: false, problem: () => problem };
  }
}
