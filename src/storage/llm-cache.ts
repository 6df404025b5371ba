/**
 * The LLM tier's answer cache in IndexedDB: its own database (`logsift-llm-cache`), so it is
 * versioned and cleared apart from the bundle storage. Keys are the tier's cache keys (model,
 * prompt id, masked message), values its answers. Works in workers; tests use fake-indexeddb.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { LlmAnswer, LlmCache } from '../core/llm/llm-tier.ts';

export const LLM_CACHE_DB = 'logsift-llm-cache';
const VERSION = 1;

interface StoredAnswer extends LlmAnswer {
  savedAt: string;
}

interface LlmCacheSchema extends DBSchema {
  answers: { key: string; value: StoredAnswer };
}

export class IdbLlmCache implements LlmCache {
  private constructor(private readonly db: IDBPDatabase<LlmCacheSchema>) {}

  static async open(name: string = LLM_CACHE_DB): Promise<IdbLlmCache> {
    const db = await openDB<LlmCacheSchema>(name, VERSION, {
      upgrade(db, oldVersion) {
        if (oldVersion < 1) db.createObjectStore('answers');
      },
    });
    return new IdbLlmCache(db);
  }

  async get(key: string): Promise<LlmAnswer | undefined> {
    const stored = await this.db.get('answers', key);
    return stored ? { label: stored.label, reason: stored.reason } : undefined;
  }

  async set(key: string, value: LlmAnswer): Promise<void> {
    await this.db.put('answers', { label: value.label, reason: value.reason, savedAt: new Date().toISOString() }, key);
  }

  /** Answers kept. */
  count(): Promise<number> {
    return this.db.count('answers');
  }

  /** Forgets every answer (the page's "clear LLM answers"). */
  clear(): Promise<void> {
    return this.db.clear('answers');
  }

  close(): void {
    this.db.close();
  }
}
