/**
 * The typed comlink API of workers/classify.worker.ts: what the page may ask the worker.
 * Only plain data (and Blobs) cross the boundary; callbacks are passed as `Comlink.proxy(fn)`.
 */
import type { Rule, SourceRoutes, Tier } from '../src/core/types.ts';
import type { RuleEngine } from '../src/core/rules/rules.ts';
import type { EvalMetrics } from '../src/core/training/metrics.ts';
import type { RowWarning, RunProgress, RunSummary } from '../src/core/run-report.ts';
import type { CandidateEffect } from '../src/core/training/candidate-effect.ts';
import type { ClassCount, RowOrigin, RowQuery } from '../src/core/training-set/training-set.ts';
import type { WorkspaceMetrics, WorkspacePhase } from '../src/core/training/held-out-training.ts';
import type { VersionMeta } from '../src/storage/db.ts';
import type { LlmRunHooks } from './llm-run.ts';
import type { BundleInfo, Settings } from './bundle-api.ts';
import type { PatternsApi } from './patterns-api.ts';
import type { ModelsApi } from './models-api.ts';
import type { StoredDataUsage } from './storage-usage.ts';

export type { BundleInfo, RuleEngine, Settings, StoredDataUsage };
export type { ClassCount, EvalMetrics, RowOrigin, RowQuery, RowWarning, RunProgress, RunSummary, VersionMeta, WorkspaceMetrics, WorkspacePhase };

/** The table's filter; every given criterion must match. `search`: case-insensitive substring of message or source. */
export interface RowFilter {
  label?: string | null;
  tier?: Tier | null;
  search?: string;
  /** Rows with a time in [from, to), epoch ms (the summary's histogram brushed); rows without a time are left out. */
  from?: number | null;
  to?: number | null;
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

/** The training workspace's labelled lines: size and classes (with the minSamples rule of the bundle in use). */
export interface TrainingSetInfo {
  rows: number;
  classes: ClassCount[];
  minSamples: number;
  byOrigin: Partial<Record<RowOrigin, number>>;
}

/** One row of the training set table. */
export interface TrainingRowView {
  /** 0-based index in the training set. */
  index: number;
  message: string;
  label: string;
  source: string;
  origin: RowOrigin;
}

/** A line to add to the training set (a corrected result, a review item, a pattern's example). */
export interface NewTrainingRow {
  message: string;
  label: string;
  source?: string;
  origin: RowOrigin;
}

export interface AddRowsOutcome {
  info: TrainingSetInfo;
  added: number;
  duplicates: number;
  relabelled: number;
  /** Rows refused (no message, no label, the label "Unclassified"). */
  invalid: number;
  /** Rows of an imported CSV that were skipped, by row. */
  warnings: RowWarning[];
}

export interface TrainSettings {
  /** Seed of the held-out split: the same seed and rows give the same model. */
  seed: number;
  /** Share of each class held out for measuring, e.g. 0.2. */
  testFraction: number;
}

/** A trained bundle, measured on held-out rows, not saved yet. */
export interface CandidateInfo {
  name: string;
  createdAt: string;
  embedder: string;
  rows: number;
  labels: { label: string; count: number; modelled: boolean }[];
  metrics: WorkspaceMetrics;
  /** What it would change on the last file classified (else the bundled example); null when there was none. */
  effect: CandidateEffect | null;
}

export interface TrainProgress {
  fraction: number;
  /** `effect`: trying the new model on the file at hand, after training. */
  phase: WorkspacePhase | 'effect';
}

/** A stored bundle version in the versions list. */
export interface VersionInfo extends VersionMeta {
  active: boolean;
}

export type ProgressCallback = (p: RunProgress) => void;
export type TrainProgressCallback = (p: TrainProgress) => void;

/** Pattern discovery's methods are in workers/patterns-api.ts. */
export interface ClassifyApi extends PatternsApi, ModelsApi {
  /** The bundle in use: the stored one, or the built-in default. */
  loadBundle(): Promise<BundleInfo>;

  /**
   * Classifies a file (a CSV, or a .log/.txt with one message per line, by its name).
   * Keeps the results for `query`/`rows` and the output for `buildOutput`.
   * Throws an Error with a user-readable message for an unreadable file, and "Another job is
   * still running…" while a job runs (every long job below is refused so).
   * Resolves with `cancelled: true` after `cancel()`.
   * `llm`: the LLM tier's hooks (a comlink proxy, workers/llm-run.ts); without it tier 3 is not run.
   * `options.column`: the column that holds the messages (else found by name); a name the file
   * does not have is refused with the file's columns.
   */
  classify(input: Blob, fileName: string, explain: boolean, onProgress: ProgressCallback, llm?: LlmRunHooks, options?: { column?: string }): Promise<RunSummary>;
  /**
   * A file's columns, for the page's column chooser: the header and the index of the column found
   * by name (-1: none). A .log/.txt file has none. Throws for a file that cannot be read.
   */
  columnsOf(input: Blob, fileName: string): Promise<{ header: string[]; message: number }>;
  /**
   * Aborts the running job (classification, output or training) – except while a classification
   * asks the LLM: then only the LLM step stops ('llm'), and the run finishes with rules and the
   * model, its summary saying `llmCancelled`. Null: nothing was running.
   */
  cancel(): 'llm' | 'job' | null;

  /** Sets the table's view; returns its number of rows. */
  query(filter: RowFilter): Promise<number>;
  /** A page of the current view. */
  rows(start: number, count: number): Promise<ResultRow[]>;

  /**
   * The last run's output CSV; `explain` adds tier and confidence (re-runs the job when the run had
   * the other setting). Safe by default: cells a spreadsheet would run as formulas get a leading
   * apostrophe (src/core/csv/format.ts); `raw` writes every cell as it was read. `filter`: only the
   * rows that match it (the results table's filters and brushed time range), with the header.
   * Throws "Nothing to download yet…" before a run, and CancelledError after `cancel()`.
   */
  buildOutput(explain: boolean, onProgress?: ProgressCallback, options?: { raw?: boolean; filter?: RowFilter }): Promise<Blob>;

  exportBundle(): Promise<string>;
  /**
   * Stores a bundle file as a new version and makes it current. Throws with the core's message
   * for a bad bundle file, an unknown format or an embedder that is not available here.
   */
  importBundle(json: string): Promise<BundleInfo>;
  /** Back to the built-in default bundle; the stored versions are kept. */
  resetBundle(): Promise<BundleInfo>;
  /** Refuses rules with an invalid pattern, with the reason per rule. */
  saveRules(rules: Rule[]): Promise<SaveRulesResult>;
  /**
   * Which engine each rule would run on (src/core/rules/rules.ts): `native` when it is proven linear on
   * the browser's RegExp, `re2` otherwise; null for a rule that cannot be saved.
   */
  ruleEngines(rules: Rule[]): Promise<(RuleEngine | null)[]>;
  /** Routes, rules and settings are stored with the bundle in use (its version is updated) and apply from the next run. */
  saveSourceRoutes(routes: SourceRoutes): Promise<BundleInfo>;
  /** Throws for a minimum that is not a whole number ≥ 0 or a confidence outside 0–1. */
  saveSettings(settings: Settings): Promise<BundleInfo>;

  // The training workspace: the training set.
  trainingSet(): Promise<TrainingSetInfo>;
  /** A page of the rows that match `query`, and how many match. */
  trainingRows(query: RowQuery, start: number, count: number): Promise<{ total: number; rows: TrainingRowView[] }>;
  /**
   * Adds a labelled CSV (`log_message`, `target_label`, optional `source`) to the training set.
   * Throws with the core's message for a file without those columns; CancelledError after `cancel()`.
   */
  importTrainingCsv(input: Blob, fileName: string): Promise<AddRowsOutcome>;
  addTrainingRows(rows: NewTrainingRow[]): Promise<AddRowsOutcome>;
  /** Renaming onto an existing label merges the two. The label edits throw with the reason (an unknown or empty label). */
  renameLabel(from: string, to: string): Promise<TrainingSetInfo>;
  mergeLabels(from: string[], into: string): Promise<TrainingSetInfo>;
  deleteLabel(label: string): Promise<TrainingSetInfo>;
  clearTrainingSet(): Promise<TrainingSetInfo>;
  /** The training set as CSV (source, log_message, target_label, origin). */
  exportTrainingSet(): Promise<Blob>;

  // The training workspace: training and versions.
  /**
   * Trains on the training set with a stratified held-out split (seeded; cancel with `cancel()`,
   * which rejects with a CancelledError). The result is kept as the candidate until it is saved
   * or replaced; the bundle in use does not change. Throws for a held-out share outside 5–50 %
   * and an empty training set.
   */
  trainCandidate(settings: TrainSettings, onProgress: TrainProgressCallback): Promise<CandidateInfo>;
  /** The unsaved candidate, if any. */
  candidate(): Promise<CandidateInfo | null>;
  discardCandidate(): Promise<void>;
  /**
   * Stores the candidate as a new version under `name` and makes it current, with the settings,
   * rules and routes of the bundle in use as they are now. Throws when there is no candidate.
   */
  saveCandidate(name: string): Promise<BundleInfo>;
  /** Every stored version, newest first. */
  listVersions(): Promise<VersionInfo[]>;
  /** Makes a stored version current (switch, roll back). Throws when it is gone or its embedder is not available here. */
  useVersion(id: string): Promise<BundleInfo>;
  /** Deletes a stored version; the one in use cannot be deleted (it throws, saying so). */
  deleteVersion(id: string): Promise<VersionInfo[]>;
  /** Throws a BundleError when the version is gone. */
  exportVersion(id: string): Promise<string>;

  /** What this worker keeps in the browser, with sizes (the Storage panel; workers/storage-usage.ts). */
  storedData(): Promise<StoredDataUsage>;
  /**
   * Deletes the classified files kept in the origin-private file system: this tab's (a later
   * download builds its file again) and those of closed tabs; another open tab's stay. Returns
   * the bytes freed. Throws while a job runs.
   */
  clearOutputs(): Promise<number>;
}
