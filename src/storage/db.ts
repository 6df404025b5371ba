/**
 * Browser storage of logsift: one IndexedDB database (`logsift`) with a versioned schema.
 *
 * Schema history (each step is a migration in `upgrade` below, tested in test/unit/storage/storage.test.ts):
 * - v1: store `bundles`, the current bundle's JSON under the key `current`.
 * - v2: bundle versions. Store `versions` (key path `id`): every saved bundle with its name,
 *   dates, data size and headline metrics next to its JSON; store `meta`: the `activeVersion`
 *   pointer (no pointer: the built-in default bundle is in use); store `trainingSet`: the
 *   training workspace's rows under the key `current`. The v1 bundle becomes the first version
 *   (origin "migrated") and the active one; the `bundles` store goes.
 *
 * Bundles are stored as their serialized JSON text (the core's `serializeBundle` output) so that
 * loading one goes through `parseBundle` and its checks again. The user's rules, source routes
 * and settings live inside the bundle, so editing them updates the active version in place.
 *
 * Used from the classify worker (IndexedDB works in workers). Unit tests run it on
 * fake-indexeddb.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { sanitizeRows, type TrainingRow } from '../core/training-set/training-set.ts';
import { openGuarded, storageError, withStorageErrors, type GuardedOpenHooks } from './storage-faults.ts';

export const DB_NAME = 'logsift';
/** Bump when the schema changes and add a step to `upgrade` below. */
export const DB_VERSION = 2;

const CURRENT = 'current';
const ACTIVE = 'activeVersion';

/** v1: the current bundle as it was kept. */
export interface StoredBundle {
  /** The bundle's serialized JSON. */
  json: string;
  /** ISO time of the save. */
  savedAt: string;
}

/** How a version came to be. */
export type VersionOrigin = 'trained' | 'imported' | 'edited' | 'migrated';

/** What a list of versions shows: everything but the bundle itself. */
export interface VersionMeta {
  id: string;
  /** Order of saving: a later version has a higher number. */
  seq: number;
  name: string;
  /** The bundle's own creation time (when it was trained). */
  createdAt: string;
  /** When the version was saved here. */
  addedAt: string;
  /** When it was last changed (settings, rules, routes). */
  savedAt: string;
  origin: VersionOrigin;
  /** Training rows: the sum of the bundle's class counts. */
  rows: number;
  labels: number;
  /** Size of the bundle file in bytes. */
  bytes: number;
  /** The embedder's id ("ngram", "bert"). */
  embedder: string;
  /** Held-out metrics stored in the bundle, when it has them. */
  accuracy: number | null;
  macroF1: number | null;
}

export interface StoredVersion extends VersionMeta {
  json: string;
}

interface StoredTrainingSet {
  rows: TrainingRow[];
  updatedAt: string;
}

interface LogsiftSchemaV1 extends DBSchema {
  bundles: { key: string; value: StoredBundle };
}

interface LogsiftSchema extends DBSchema {
  versions: { key: string; value: StoredVersion };
  meta: { key: string; value: string | null };
  trainingSet: { key: string; value: StoredTrainingSet };
}

/** What the worker needs from storage; tests and a no-IndexedDB fallback implement it too. */
export interface BundleStorage {
  /** Every version, newest first. */
  listVersions(): Promise<VersionMeta[]>;
  loadVersion(id: string): Promise<StoredVersion | null>;
  /** Stores a bundle's JSON as a new version. */
  addVersion(json: string, origin: VersionOrigin): Promise<VersionMeta>;
  /** Replaces a version's bundle (an edit of its settings, rules or routes); keeps its id, order and origin. */
  updateVersion(id: string, json: string): Promise<VersionMeta>;
  deleteVersion(id: string): Promise<void>;
  /** The version in use, or null for the built-in default. */
  activeVersion(): Promise<string | null>;
  setActiveVersion(id: string | null): Promise<void>;
  loadTrainingSet(): Promise<TrainingRow[]>;
  saveTrainingSet(rows: readonly TrainingRow[]): Promise<void>;
  close(): void;
}

function newId(): string {
  const random =
    typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function' ? crypto.randomUUID().slice(0, 8) : Math.random().toString(36).slice(2, 10);
  return `v${Date.now().toString(36)}-${random}`;
}

const num = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);

/** The list entry of a bundle's JSON (read leniently: the bundle itself is checked when it is loaded). */
export function versionMeta(json: string, origin: VersionOrigin, seq: number, id = newId(), addedAt = new Date().toISOString()): StoredVersion {
  let data: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(json);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) data = parsed as Record<string, unknown>;
  } catch {
    // Kept as it is; loading it will say what is wrong.
  }
  const counts = data.classCounts && typeof data.classCounts === 'object' ? Object.values(data.classCounts as Record<string, unknown>) : [];
  const metrics = (data.metrics && typeof data.metrics === 'object' ? data.metrics : {}) as Record<string, unknown>;
  const embedder = data.embedder && typeof data.embedder === 'object' ? (data.embedder as Record<string, unknown>).id : undefined;
  return {
    id,
    seq,
    name: typeof data.name === 'string' && data.name.trim() ? data.name : 'Unnamed bundle',
    createdAt: typeof data.createdAt === 'string' ? data.createdAt : addedAt,
    addedAt,
    savedAt: new Date().toISOString(),
    origin,
    rows: counts.reduce<number>((sum, n) => sum + (num(n) ?? 0), 0),
    labels: Array.isArray(data.labels) ? data.labels.length : 0,
    bytes: new TextEncoder().encode(json).length,
    embedder: typeof embedder === 'string' ? embedder : 'unknown',
    accuracy: num(metrics.accuracy),
    macroF1: num(metrics.macroF1),
    json,
  };
}

const metaOf = ({ json: _json, ...meta }: StoredVersion): VersionMeta => meta;

/** Opens (and creates or upgrades) the database; `hooks` (storage-faults.ts) learn of other tabs in the way. */
export function openLogsiftDb(name: string = DB_NAME, hooks?: GuardedOpenHooks): Promise<IDBPDatabase<LogsiftSchema>> {
  return openDB<LogsiftSchema>(name, DB_VERSION, {
    blocked: () => hooks?.blocked(),
    blocking: () => hooks?.blocking(),
    terminated: () => hooks?.terminated(),
    async upgrade(db, oldVersion, _newVersion, transaction) {
      const v1 = db as unknown as IDBPDatabase<LogsiftSchemaV1>;
      // Version 1: one store, the current bundle under the key "current".
      if (oldVersion < 1) v1.createObjectStore('bundles');
      // Version 2: versions, the active-version pointer, the training set; the v1 bundle becomes version 1.
      if (oldVersion < 2) {
        const versions = db.createObjectStore('versions', { keyPath: 'id' });
        const meta = db.createObjectStore('meta');
        db.createObjectStore('trainingSet');
        const v1Tx = transaction as unknown as { objectStore(name: 'bundles'): { get(key: string): Promise<StoredBundle | undefined> } };
        const old = oldVersion >= 1 ? await v1Tx.objectStore('bundles').get(CURRENT) : undefined;
        if (old && typeof old.json === 'string') {
          const version = versionMeta(old.json, 'migrated', 1, newId(), old.savedAt || new Date().toISOString());
          await versions.put(version);
          await meta.put(version.id, ACTIVE);
        }
        v1.deleteObjectStore('bundles');
      }
    },
  });
}

/** IndexedDB-backed storage. */
export class IdbBundleStorage implements BundleStorage {
  constructor(private readonly db: IDBPDatabase<LogsiftSchema>) {}

  static async open(name: string = DB_NAME): Promise<IdbBundleStorage> {
    return new IdbBundleStorage(await openLogsiftDb(name));
  }

  async listVersions(): Promise<VersionMeta[]> {
    const all = await this.db.getAll('versions');
    return all.map(metaOf).sort((a, b) => b.seq - a.seq);
  }

  async loadVersion(id: string): Promise<StoredVersion | null> {
    return (await this.db.get('versions', id)) ?? null;
  }

  async addVersion(json: string, origin: VersionOrigin): Promise<VersionMeta> {
    const tx = this.db.transaction('versions', 'readwrite');
    const cursor = await tx.store.openCursor(null, 'prev');
    let seq = 0;
    // Keys are not in seq order: read every seq (a handful of versions).
    for (let c = cursor; c; c = await c.continue()) seq = Math.max(seq, c.value.seq);
    const version = versionMeta(json, origin, seq + 1);
    await tx.store.put(version);
    await tx.done;
    return metaOf(version);
  }

  async updateVersion(id: string, json: string): Promise<VersionMeta> {
    const tx = this.db.transaction('versions', 'readwrite');
    const old = await tx.store.get(id);
    if (!old) throw new Error('That bundle version no longer exists.');
    const version = versionMeta(json, old.origin, old.seq, old.id, old.addedAt);
    await tx.store.put(version);
    await tx.done;
    return metaOf(version);
  }

  async deleteVersion(id: string): Promise<void> {
    await this.db.delete('versions', id);
  }

  async activeVersion(): Promise<string | null> {
    return (await this.db.get('meta', ACTIVE)) ?? null;
  }

  async setActiveVersion(id: string | null): Promise<void> {
    if (id === null) await this.db.delete('meta', ACTIVE);
    else await this.db.put('meta', id, ACTIVE);
  }

  async loadTrainingSet(): Promise<TrainingRow[]> {
    return sanitizeRows((await this.db.get('trainingSet', CURRENT))?.rows);
  }

  async saveTrainingSet(rows: readonly TrainingRow[]): Promise<void> {
    await this.db.put('trainingSet', { rows: rows.slice(), updatedAt: new Date().toISOString() }, CURRENT);
  }

  close(): void {
    this.db.close();
  }
}

/** Storage in memory: used when IndexedDB is not available (then nothing persists). */
export class MemoryBundleStorage implements BundleStorage {
  private versions = new Map<string, StoredVersion>();
  private active: string | null = null;
  private training: TrainingRow[] = [];

  async listVersions(): Promise<VersionMeta[]> {
    return [...this.versions.values()].map(metaOf).sort((a, b) => b.seq - a.seq);
  }

  async loadVersion(id: string): Promise<StoredVersion | null> {
    return this.versions.get(id) ?? null;
  }

  async addVersion(json: string, origin: VersionOrigin): Promise<VersionMeta> {
    const seq = Math.max(0, ...[...this.versions.values()].map((v) => v.seq)) + 1;
    const version = versionMeta(json, origin, seq);
    this.versions.set(version.id, version);
    return metaOf(version);
  }

  async updateVersion(id: string, json: string): Promise<VersionMeta> {
    const old = this.versions.get(id);
    if (!old) throw new Error('That bundle version no longer exists.');
    const version = versionMeta(json, old.origin, old.seq, old.id, old.addedAt);
    this.versions.set(id, version);
    return metaOf(version);
  }

  async deleteVersion(id: string): Promise<void> {
    this.versions.delete(id);
  }

  async activeVersion(): Promise<string | null> {
    return this.active;
  }

  async setActiveVersion(id: string | null): Promise<void> {
    this.active = id;
  }

  async loadTrainingSet(): Promise<TrainingRow[]> {
    return this.training.slice();
  }

  async saveTrainingSet(rows: readonly TrainingRow[]): Promise<void> {
    this.training = rows.slice();
  }

  close(): void {}
}

export interface OpenedBundleStorage {
  storage: BundleStorage;
  persistent: boolean;
  /**
   * What went wrong, for the page to say (storage-faults.ts): the database could not be opened
   * or upgraded (memory storage is used instead), or – later – this tab lost its connection.
   */
  problem?: () => string | null;
}

/**
 * IndexedDB storage when the environment has it, memory storage otherwise – and when the
 * database cannot be opened (blocked by an older tab, written by a newer logsift, broken), with
 * the reason in `problem`. Errors of the IndexedDB storage say what happened (storage full, …).
 */
export async function openBundleStorage(name: string = DB_NAME, options: { blockedMs?: number } = {}): Promise<OpenedBundleStorage> {
  if (typeof indexedDB === 'undefined') return { storage: new MemoryBundleStorage(), persistent: false };
  let problem: string | null = null;
  try {
    const db = await openGuarded('saved bundles and training data', (hooks) => openLogsiftDb(name, hooks), {
      blockedMs: options.blockedMs,
      onLost: (message) => (problem = message),
    });
    return { storage: withStorageErrors(new IdbBundleStorage(db), 'saved bundles and training data'), persistent: true, problem: () => problem };
  } catch (err) {
    problem = storageError(err, 'opening saved bundles and training data').message;
    return { storage: new MemoryBundleStorage(), persistent: false, problem: () => problem };
  }
}
