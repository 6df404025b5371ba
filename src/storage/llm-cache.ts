/**
 * The LLM tier's answer cache in IndexedDB: its own database (`logsift-llm-cache`), so it is
 * versioned and cleared apart from the bundle storage. Keys are the tier's cache keys (model,
 * prompt id, masked message), values its answers. Beside them, the review's decisions by masked
 * message: the user's work, so clearing the answers keeps them. Works in workers; tests use
 * fake-indexeddb.
 *
 * Faults (storage-faults.ts): opened through `openGuarded`, every call through
 * `withStorageErrors`. A cache is not worth failing a run for: an answer that does not fit
 * (storage full) is used but not kept, and a stored answer that cannot be read is a miss (the LLM
 * is asked again and the record replaced); `problem()` says what happened.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { LlmAnswer, LlmCache } from '../core/llm/llm-tier.ts';
import type { ReviewDecision } from '../core/llm/review.ts';
import { isQuotaError, openGuarded, storageError, withStorageErrors } from './storage-faults.ts';

export const LLM_CACHE_DB = 'logsift-llm-cache';
const VERSION = 2;
const WHAT = 'cached LLM answers';

interface StoredAnswer extends LlmAnswer {
  savedAt: string;
}

interface StoredDecision extends ReviewDecision {
  decidedAt: string;
}

interface LlmCacheSchema extends DBSchema {
  answers: { key: string; value: StoredAnswer };
  decisions: { key: string; value: StoredDecision };
}

const STATUSES: readonly string[] = ['accepted', 'corrected', 'rejected'];

export class IdbLlmCache implements LlmCache {
  private lastProblem: string | null = null;

  private constructor(private readonly db: IDBPDatabase<LlmCacheSchema>) {}

  /** Opens the cache; rejects with a StorageError (storage-faults.ts) that says why it could not be. */
  static async open(name: string = LLM_CACHE_DB, options: { blockedMs?: number } = {}): Promise<IdbLlmCache> {
    let cache: IdbLlmCache | null = null;
    const db = await openGuarded(
      WHAT,
      (hooks) =>
        openDB<LlmCacheSchema>(name, VERSION, {
          upgrade(db, oldVersion) {
            if (oldVersion < 1) db.createObjectStore('answers');
            if (oldVersion < 2) db.createObjectStore('decisions');
          },
          blocked: () => hooks.blocked(),
          blocking: () => hooks.blocking(),
          terminated: () => hooks.terminated(),
        }),
      {
        blockedMs: options.blockedMs,
        fallback: 'LLM answers are cached only until the tab is closed',
        onLost: (message) => {
          if (cache) cache.lastProblem = message;
        },
      },
    );
    cache = withStorageErrors(new IdbLlmCache(db), WHAT);
    return cache;
  }

  /** What went wrong with the cache lately (an answer not kept, a record not read), or null. */
  problem(): string | null {
    return this.lastProblem;
  }

  async get(key: string): Promise<LlmAnswer | undefined> {
    const stored: unknown = await this.db.get('answers', key);
    if (stored === undefined) return undefined;
    const s = stored as Partial<StoredAnswer> | null;
    if (!s || typeof s !== 'object' || typeof s.label !== 'string' || (s.reason !== undefined && typeof s.reason !== 'string')) {
      this.lastProblem = 'A cached LLM answer could not be read, so the LLM was asked again and the record replaced.';
      return undefined;
    }
    return { label: s.label, reason: s.reason ?? '' };
  }

  async set(key: string, value: LlmAnswer): Promise<void> {
    try {
      await this.db.put('answers', { label: value.label, reason: value.reason, savedAt: new Date().toISOString() }, key);
    } catch (err) {
      // A full disk: the answer is used in this run, just not kept for the next.
      if (!isQuotaError(err)) throw err;
      this.lastProblem = `${storageError(err, 'keeping an LLM answer').message} The answers of this run are used but not cached.`;
    }
  }

  /** The reviewer's decision about a masked message; one that cannot be read counts as none. */
  async decision(maskedKey: string): Promise<ReviewDecision | undefined> {
    const stored: unknown = await this.db.get('decisions', maskedKey);
    if (stored === undefined) return undefined;
    const d = stored as Partial<StoredDecision> | null;
    if (!d || typeof d !== 'object' || !STATUSES.includes(d.status as string) || typeof d.label !== 'string' || typeof d.llmLabel !== 'string') {
      this.lastProblem = 'A stored review decision could not be read, so its line went back to the LLM.';
      return undefined;
    }
    return { status: d.status as ReviewDecision['status'], label: d.label, llmLabel: d.llmLabel, reason: typeof d.reason === 'string' ? d.reason : '' };
  }

  /** Keeps a review decision (a full disk fails it with the reason: the user's work is not dropped silently). */
  async setDecision(maskedKey: string, decision: ReviewDecision): Promise<void> {
    const { status, label, llmLabel, reason } = decision;
    await this.db.put('decisions', { status, label, llmLabel, reason, decidedAt: new Date().toISOString() }, maskedKey);
  }

  /** Review decisions kept. */
  countDecisions(): Promise<number> {
    return this.db.count('decisions');
  }

  /** Answers kept. */
  count(): Promise<number> {
    return this.db.count('answers');
  }

  /** Forgets every answer (the page's "clear LLM answers"). */
  async clear(): Promise<void> {
    await this.db.clear('answers');
    this.lastProblem = null;
  }

  close(): void {
    this.db.close();
  }
}
