/**
 * The classify worker's service as the unit tests build it: the built-in default bundle, progress
 * reported at once, and its storage in IndexedDB databases named after `name` (fake-indexeddb:
 * the test imports 'fake-indexeddb/auto'), so that a second service on the same name is the page
 * reloaded. `bundles` puts the bundle storage in memory instead.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { IdbBundleStorage, type BundleStorage } from '../../src/storage/db.ts';
import { IdbPatternsStore } from '../../src/storage/patterns-store.ts';
import { createClassifyService, type ServiceDeps } from '../../workers/classify-service.ts';

export const DEFAULT_BUNDLE_JSON = readFileSync(resolve(import.meta.dirname, '../../public/default-bundle.json'), 'utf8');

export interface TestServiceOptions extends Partial<ServiceDeps> {
  /** A bundle storage to use instead of IndexedDB. */
  bundles?: BundleStorage;
  /** Whether the bundle storage says it lasts (default true). */
  persistent?: boolean;
}

let count = 0;

export function testService(name = `svc-${++count}-${Date.now()}`, options: TestServiceOptions = {}) {
  const { bundles, persistent = true, ...deps } = options;
  const api = createClassifyService({
    storage: async () => ({ storage: bundles ?? (await IdbBundleStorage.open(`${name}-bundles`)), persistent }),
    loadDefaultBundle: async () => DEFAULT_BUNDLE_JSON,
    progressIntervalMs: 0,
    patternsStore: async () => ({ store: await IdbPatternsStore.open(`${name}-patterns`), persistent: true }),
    ...deps,
  });
  return { name, api };
}
