/**
 * Where imported BERT model files are kept so that they survive reloads: the browser's Cache
 * Storage (cache `logsift-models-v1`), one entry per file under a made-up path of this site
 * (`/__logsift-models/<id>/<path>`; nothing is ever fetched from it), plus an index entry that
 * lists the models. Cache Storage keeps large Blobs on disk and works in workers.
 *
 * A few small settings of the models feature (which model was already used to retrain the
 * default bundle) live in the same cache. MemoryModelFileStore is the stand-in for Node tests
 * and for browsers that give no Cache Storage (then imports last until the tab closes).
 */
import type { BertDtype } from '../core/features/bert.ts';

export const MODEL_CACHE_NAME = 'logsift-models-v1';
const PREFIX = '/__logsift-models/';

export interface StoredModelMeta {
  id: string;
  dim: number;
  dtypes: BertDtype[];
  /** Total bytes of its files. */
  bytes: number;
  files: { path: string; bytes: number }[];
  importedAt: string;
  /** Its files matched logsift-model.json's sizes and SHA-256. */
  verified: boolean;
}

export interface ModelToStore {
  id: string;
  dim: number;
  dtypes: BertDtype[];
  files: Map<string, Blob>;
  verified: boolean;
}

export interface ModelFileStore {
  /** False when nothing survives a reload (no Cache Storage). */
  readonly persistent: boolean;
  list(): Promise<StoredModelMeta[]>;
  /** A stored model's files (path in its folder → bytes); empty when it is not stored. */
  files(id: string): Promise<Map<string, Blob>>;
  /** Stores (or replaces) a model. */
  save(model: ModelToStore, onProgress?: (done: number, total: number) => void): Promise<StoredModelMeta>;
  remove(id: string): Promise<void>;
  getSetting(name: string): Promise<string | null>;
  setSetting(name: string, value: string | null): Promise<void>;
}

function metaOf(model: ModelToStore): StoredModelMeta {
  const files = [...model.files].map(([path, blob]) => ({ path, bytes: blob.size }));
  return {
    id: model.id,
    dim: model.dim,
    dtypes: [...model.dtypes],
    bytes: files.reduce((sum, f) => sum + f.bytes, 0),
    files,
    importedAt: new Date().toISOString(),
    verified: model.verified,
  };
}

export class MemoryModelFileStore implements ModelFileStore {
  readonly persistent = false;
  private readonly models = new Map<string, { meta: StoredModelMeta; files: Map<string, Blob> }>();
  private readonly settings = new Map<string, string>();

  async list(): Promise<StoredModelMeta[]> {
    return [...this.models.values()].map((m) => m.meta);
  }

  async files(id: string): Promise<Map<string, Blob>> {
    return new Map(this.models.get(id)?.files ?? []);
  }

  async save(model: ModelToStore, onProgress?: (done: number, total: number) => void): Promise<StoredModelMeta> {
    const meta = metaOf(model);
    this.models.set(model.id, { meta, files: new Map(model.files) });
    onProgress?.(meta.bytes, meta.bytes);
    return meta;
  }

  async remove(id: string): Promise<void> {
    this.models.delete(id);
  }

  async getSetting(name: string): Promise<string | null> {
    return this.settings.get(name) ?? null;
  }

  async setSetting(name: string, value: string | null): Promise<void> {
    if (value === null) this.settings.delete(name);
    else this.settings.set(name, value);
  }
}

export class CacheModelFileStore implements ModelFileStore {
  readonly persistent = true;

  private constructor(
    private readonly cache: Cache,
    private readonly origin: string,
  ) {}

  static async open(origin: string = self.location.origin): Promise<CacheModelFileStore> {
    return new CacheModelFileStore(await caches.open(MODEL_CACHE_NAME), origin);
  }

  private url(...parts: string[]): string {
    return `${this.origin}${PREFIX}${parts.map((p) => p.split('/').map(encodeURIComponent).join('/')).join('/')}`;
  }

  private async readJson<T>(url: string, fallback: T): Promise<T> {
    const res = await this.cache.match(url);
    if (!res) return fallback;
    try {
      return (await res.json()) as T;
    } catch {
      return fallback;
    }
  }

  private async writeJson(url: string, value: unknown): Promise<void> {
    await this.cache.put(url, new Response(JSON.stringify(value), { headers: { 'content-type': 'application/json' } }));
  }

  async list(): Promise<StoredModelMeta[]> {
    const index = await this.readJson<StoredModelMeta[]>(this.url('index.json'), []);
    return Array.isArray(index) ? index : [];
  }

  async files(id: string): Promise<Map<string, Blob>> {
    const meta = (await this.list()).find((m) => m.id === id);
    const out = new Map<string, Blob>();
    if (!meta) return out;
    for (const { path } of meta.files) {
      const res = await this.cache.match(this.url('files', id, path));
      if (res) out.set(path, await res.blob());
    }
    return out;
  }

  async save(model: ModelToStore, onProgress?: (done: number, total: number) => void): Promise<StoredModelMeta> {
    const meta = metaOf(model);
    let done = 0;
    for (const [path, blob] of model.files) {
      await this.cache.put(this.url('files', model.id, path), new Response(blob, { headers: { 'content-length': String(blob.size) } }));
      done += blob.size;
      onProgress?.(done, meta.bytes);
    }
    // The index is written last: a save cut off half way leaves no half model in the list.
    const index = (await this.list()).filter((m) => m.id !== model.id);
    // Files of an earlier import of the same id that this one does not have.
    const old = (await this.list()).find((m) => m.id === model.id);
    for (const f of old?.files ?? []) if (!model.files.has(f.path)) await this.cache.delete(this.url('files', model.id, f.path));
    await this.writeJson(this.url('index.json'), [...index, meta]);
    return meta;
  }

  async remove(id: string): Promise<void> {
    const all = await this.list();
    const meta = all.find((m) => m.id === id);
    await this.writeJson(
      this.url('index.json'),
      all.filter((m) => m.id !== id),
    );
    for (const f of meta?.files ?? []) await this.cache.delete(this.url('files', id, f.path));
  }

  async getSetting(name: string): Promise<string | null> {
    const settings = await this.readJson<Record<string, string>>(this.url('settings.json'), {});
    return settings[name] ?? null;
  }

  async setSetting(name: string, value: string | null): Promise<void> {
    const settings = await this.readJson<Record<string, string>>(this.url('settings.json'), {});
    if (value === null) delete settings[name];
    else settings[name] = value;
    await this.writeJson(this.url('settings.json'), settings);
  }
}

/** Cache Storage where the browser gives it, else memory. */
export async function openModelFileStore(): Promise<ModelFileStore> {
  try {
    if (typeof caches !== 'undefined') return await CacheModelFileStore.open();
  } catch (error) {
    console.warn('logsift: no Cache Storage for model files, keeping them in memory:', error);
  }
  return new MemoryModelFileStore();
}
