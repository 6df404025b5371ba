/**
 * The words every worker contract shares about bundles: what the page is shown of the bundle in
 * use, and the settings it can change. Kept apart so that the contracts can name them without
 * importing each other.
 */
import type { Rule, SourceRoutes } from '../src/core/types.ts';
import type { EvalMetrics } from '../src/core/training/metrics.ts';
import type { WorkspaceMetrics } from '../src/core/training/held-out-training.ts';

/** What the page shows about the bundle in use. */
export interface BundleInfo {
  name: string;
  createdAt: string;
  /** The embedder's id, e.g. "ngram". */
  embedder: string;
  /** Each label with its number of training samples; `modelled`: enough samples for the model tier. */
  labels: { label: string; count: number; modelled: boolean }[];
  rules: Rule[];
  sourceRoutes: SourceRoutes;
  minSamples: number;
  confidence: number;
  /** True when no bundle is stored and the built-in default is in use. */
  builtIn: boolean;
  /** False when the browser gives no IndexedDB: edits then last until the tab closes. */
  persistent: boolean;
  /** The stored version in use; null for the built-in default. */
  versionId: string | null;
  /** Held-out metrics stored in the bundle (with the threshold curve when the training workspace made it). */
  metrics: EvalMetrics | WorkspaceMetrics | null;
  /** What went wrong with the browser's storage (not opened, blocked by another tab, a corrupt record), in words. */
  storageNotice?: string;
}

/** The thresholds a user can change for the bundle in use. */
export interface Settings {
  minSamples: number;
  confidence: number;
}
