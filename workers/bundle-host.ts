/**
 * The classify worker's bundle in use and where it is kept: loaded once from storage (a stored
 * version that cannot be read falls back to the built-in default, and the page is told why), shown
 * to the page as BundleInfo, and replaced by a stored version, a new one (trained or imported), an
 * edit in place, or the built-in default. Every service of the worker reads the bundle from here.
 */
import { parseBundle, serializeBundle, type ModelBundle } from '../src/core/bundle.ts';
import type { EmbedderSpec } from '../src/core/features/embedder.ts';
import { createEmbedder, type EmbedderContext } from '../src/core/features/registry.ts';
import type { BundleStorage } from '../src/storage/db.ts';
import type { BundleInUse } from './bundle-in-use.ts';
import type { BundleInfo } from './classify-api.ts';

/** The bundle storage as the worker opened it. */
export interface StorageAccess {
  storage: BundleStorage;
  /** False when it lasts only as long as the worker. */
  persistent: boolean;
  /** What went wrong with the storage, in words (src/storage/storage-faults.ts), or null. */
  problem?: () => string | null;
}

export interface BundleHostDeps {
  /** Opens the bundle storage (once, on first use). */
  storage: () => Promise<StorageAccess>;
  /** The built-in default bundle's JSON. */
  loadDefaultBundle: () => Promise<string>;
  /** The embedders this worker can run (BERT models), asked when a stored version is put in use. */
  embedderContext: () => EmbedderContext | undefined;
}

/** How the page names an embedder: "ngram (4096 dimensions)". */
export function embedderName(spec: unknown): string {
  if (typeof spec === 'string') return spec;
  if (spec && typeof spec === 'object') {
    const s = spec as { id?: unknown; kind?: unknown; dim?: unknown; dimension?: unknown };
    const id = typeof s.id === 'string' ? s.id : typeof s.kind === 'string' ? s.kind : 'unknown';
    const dim = typeof s.dim === 'number' ? s.dim : typeof s.dimension === 'number' ? s.dimension : null;
    return dim ? `${id} (${dim} dimensions)` : id;
  }
  return 'unknown';
}

export class BundleHost {
  private storageReady: Promise<StorageAccess> | null = null;
  private inUse: BundleInUse | null = null;
  /** A stored bundle that could not be used, for the page to say (src/storage/storage-faults.ts has the rest). */
  private loadProblem: string | null = null;

  constructor(private readonly deps: BundleHostDeps) {}

  /** The bundle storage, opened on first use. */
  storage(): Promise<StorageAccess> {
    this.storageReady ??= this.deps.storage();
    return this.storageReady;
  }

  /** The built-in default bundle, read afresh. */
  async defaultBundle(): Promise<ModelBundle> {
    return parseBundle(await this.deps.loadDefaultBundle());
  }

  /** The bundle in use: the active stored version, else the built-in default. */
  async current(): Promise<BundleInUse> {
    if (this.inUse) return this.inUse;
    const { storage: store } = await this.storage();
    const id = await store.activeVersion();
    const stored = id === null ? null : await store.loadVersion(id);
    if (stored) {
      try {
        if (typeof stored.json !== 'string') throw new Error('the record has no bundle');
        this.inUse = { bundle: parseBundle(stored.json), builtIn: false, versionId: stored.id };
        return this.inUse;
      } catch (err) {
        // A stored bundle this version cannot read: fall back to the default, keep the stored one.
        console.warn('logsift: stored bundle ignored:', err);
        const reason = err instanceof Error ? err.message : String(err);
        this.loadProblem = `The stored bundle version “${typeof stored.name === 'string' ? stored.name : id}” could not be read (${reason}), so the built-in default is in use. The stored version was kept: delete it under Bundle versions, or import a good bundle.`;
      }
    } else if (id !== null) {
      this.loadProblem = 'The bundle version that was in use is missing from storage, so the built-in default is in use.';
    }
    this.inUse = { bundle: await this.defaultBundle(), builtIn: true, versionId: null };
    return this.inUse;
  }

  /** The bundle in use (default) or another, as the page shows it. */
  async describe(c?: BundleInUse): Promise<BundleInfo> {
    const shown = c ?? (await this.current());
    const { persistent, problem } = await this.storage();
    const notices = [problem?.() ?? null, shown.builtIn ? this.loadProblem : null].filter((n): n is string => !!n);
    const b = shown.bundle;
    const minSamples = b.thresholds.minSamples;
    return {
      name: b.name,
      createdAt: b.createdAt,
      embedder: embedderName(b.embedder),
      labels: b.labels.map((label) => {
        const count = b.classCounts[label] ?? 0;
        return { label, count, modelled: count >= minSamples };
      }),
      rules: b.rules.map((r) => ({ ...r })),
      sourceRoutes: { ...b.sourceRoutes },
      minSamples,
      confidence: b.thresholds.confidence,
      builtIn: shown.builtIn,
      persistent,
      versionId: shown.versionId,
      metrics: b.metrics,
      ...(notices.length ? { storageNotice: notices.join(' ') } : {}),
    };
  }

  /** Throws (MissingEmbedderError, with the reason) when this worker cannot run the embedder. */
  requireEmbedder(spec: EmbedderSpec): void {
    createEmbedder(spec, this.deps.embedderContext());
  }

  /**
   * Stores an edit of the bundle in use (rules, routes, settings): its version is updated in
   * place; an edit of the built-in default is stored as a new version ("edited") and used.
   */
  async makeCurrent(bundle: ModelBundle): Promise<BundleInfo> {
    const { storage: store } = await this.storage();
    const c = await this.current();
    const json = serializeBundle(bundle);
    let versionId = c.versionId;
    if (versionId !== null && (await store.loadVersion(versionId))) await store.updateVersion(versionId, json);
    else {
      versionId = (await store.addVersion(json, 'edited')).id;
      await store.setActiveVersion(versionId);
    }
    return this.use({ bundle, builtIn: false, versionId });
  }

  /** Stores `bundle` as a new version and uses it. */
  async addAndUse(bundle: ModelBundle, origin: 'trained' | 'imported'): Promise<BundleInfo> {
    const { storage: store } = await this.storage();
    const meta = await store.addVersion(serializeBundle(bundle), origin);
    await store.setActiveVersion(meta.id);
    return this.use({ bundle, builtIn: false, versionId: meta.id });
  }

  /** Uses a stored version; throws when it is gone or its embedder cannot run here. */
  async useVersion(id: string): Promise<BundleInfo> {
    const { storage: store } = await this.storage();
    const stored = await store.loadVersion(id);
    if (!stored) throw new Error('That bundle version no longer exists.');
    const bundle = parseBundle(stored.json);
    this.requireEmbedder(bundle.embedder);
    await store.setActiveVersion(id);
    return this.use({ bundle, builtIn: false, versionId: id });
  }

  /** Goes back to the built-in default (stored versions are kept). */
  async reset(): Promise<BundleInfo> {
    const { storage: store } = await this.storage();
    await store.setActiveVersion(null);
    this.loadProblem = null;
    return this.use({ bundle: await this.defaultBundle(), builtIn: true, versionId: null });
  }

  private use(next: BundleInUse): Promise<BundleInfo> {
    this.inUse = next;
    return this.describe(next);
  }
}
