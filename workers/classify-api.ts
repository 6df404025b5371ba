/**
 * The typed comlink API of workers/classify.worker.ts: what the page may ask the worker.
 * Only plain data (and Blobs) cross the boundary; callbacks are passed as `Comlink.proxy(fn)`.
 */
import type { Rule, SourceRoutes, Tier } from '../src/core/types.ts';
import type { RowWarning, RunProgress, RunSummary } from '../src/core/run.ts';

export type { RowWarning, RunProgress, RunSummary };

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
}

/** The table's filter; every given criterion must match. `search`: case-insensitive substring of message or source. */
export interface RowFilter {
  label?: string | null;
  tier?: Tier | null;
  search?: string;
}

/** One row of the results table. */
export interface ResultRow {
  /** 0-based index in the input. */
  index: number;
  /** 1-based data row number (as in the warnings). */
  row: number;
  source: string;
  message: string;
  label: string;
  tier: Tier;
  confidence: number;
}

export interface RuleError {
  index: number;
  reason: string;
}

export type SaveRulesResult = { ok: true; info: BundleInfo } | { ok: false; errors: RuleError[] };

export interface Settings {
  minSamples: number;
  confidence: number;
}

export interface TrainOutcome {
  info: BundleInfo;
  rows: number;
  warnings: RowWarning[];
}

export type ProgressCallback = (p: RunProgress) => void;
export type FractionCallback = (fraction: number) => void;

export interface ClassifyApi {
  /** The bundle in use: the stored one, or the built-in default. */
  loadBundle(): Promise<BundleInfo>;

  /**
   * Classifies a file (a CSV, or a .log/.txt with one message per line, by its name).
   * Keeps the results for `query`/`rows` and the output for `buildOutput`.
   * Throws an Error with a user-readable message for an unreadable file.
   * Resolves with `cancelled: true` after `cancel()`.
   */
  classify(input: Blob, fileName: string, explain: boolean, onProgress: ProgressCallback): Promise<RunSummary>;
  /** Aborts the running job (classification, output or training). */
  cancel(): void;

  /** Sets the table's view; returns its number of rows. */
  query(filter: RowFilter): Promise<number>;
  /** A page of the current view. */
  rows(start: number, count: number): Promise<ResultRow[]>;

  /** The last run's output CSV; `explain` adds tier and confidence (re-runs the job when the run had the other setting). */
  buildOutput(explain: boolean, onProgress?: ProgressCallback): Promise<Blob>;

  exportBundle(): Promise<string>;
  /** Throws with the core's message for a bad bundle file. */
  importBundle(json: string): Promise<BundleInfo>;
  resetBundle(): Promise<BundleInfo>;
  /** Refuses rules with an invalid pattern, with the reason per rule. */
  saveRules(rules: Rule[]): Promise<SaveRulesResult>;
  saveSourceRoutes(routes: SourceRoutes): Promise<BundleInfo>;
  saveSettings(settings: Settings): Promise<BundleInfo>;

  /** Trains a new bundle from a labelled CSV (`log_message`, `target_label`) and makes it current. */
  train(input: Blob, fileName: string, onProgress: FractionCallback): Promise<TrainOutcome>;
}
