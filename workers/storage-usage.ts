/**
 * What the classify worker keeps in the browser, with sizes, for the Storage panel
 * (src/app/components/offline/StoragePanel.svelte): bundle versions, the training set, mined
 * patterns, the classified files in the origin-private file system. Sizes are the stored JSON's length in bytes (UTF-8), close to what IndexedDB keeps.
 * Deleting goes through the existing calls (deleteVersion, clearTrainingSet, clearPatterns,
 * deleteModel), so the worker's state follows.
 */
import type { BundleStorage } from '../src/storage/db.ts';
import type { PatternsStore } from '../src/storage/patterns-store.ts';
import { outputUsage } from './output-sink.ts';

export interface StoredDataUsage {
  versions: { count: number; bytes: number; activeId: string | null };
  trainingSet: { rows: number; bytes: number };
  /** Mined lines: distinct masked lines kept (`keys`) and their size. */
  patterns: { keys: number; bytes: number };
  /** Classified files (downloads) in OPFS, of every tab; `mine`: this tab's. */
  outputs: { files: number; bytes: number; mine: number };
  /** False when nothing survives a reload (no IndexedDB, or it could not be opened). */
  persistent: boolean;
}

const utf8 = (value: unknown) => {
  try {
    return new TextEncoder().encode(JSON.stringify(value) ?? '').length;
  } catch {
    return 0;
  }
};

export interface StorageUsageDeps {
  storage: () => Promise<{ storage: BundleStorage; persistent: boolean }>;
  patternsStore: () => Promise<{ store: PatternsStore; persistent: boolean }>;
}

export function createStorageUsageApi(deps: StorageUsageDeps) {
  return {
    async storedData(): Promise<StoredDataUsage> {
      const { storage, persistent } = await deps.storage();
      const versions = await storage.listVersions();
      const rows = await storage.loadTrainingSet();
      let patterns = { keys: 0, bytes: 0 };
      try {
        const stored = await (await deps.patternsStore()).store.load();
        if (stored) patterns = { keys: Array.isArray(stored.state?.keys) ? stored.state.keys.length : 0, bytes: utf8(stored) };
      } catch {
        // patterns unreadable: shown as none
      }
      return {
        versions: { count: versions.length, bytes: versions.reduce((n, v) => n + (v.bytes || 0), 0), activeId: await storage.activeVersion() },
        trainingSet: { rows: rows.length, bytes: utf8(rows) },
        patterns,
        outputs: await outputUsage(),
        persistent,
      };
    },
  };
}
