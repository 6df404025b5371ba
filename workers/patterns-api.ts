/**
 * Pattern discovery's part of the classify worker's comlink API (ClassifyApi extends it): mine
 * the lines that no rule labelled (or a picked file) into patterns, edit them (masking,
 * sensitivity, split, merge), find paraphrases, and turn a pattern into a rule or training rows.
 * Plain data only; the work is in workers/patterns-service.ts.
 */
import type { MaskingConfig, MaskingRule, MaskPreview, MinerSettings, SlotValues, ValueCount } from '../src/core/patterns/index.ts';
import type { RuleFilePreview } from '../src/core/patterns/rule-on-file.ts';
import type { LinesBasis, SimilarGroups, SplitPosition } from '../src/core/patterns/session.ts';
import type { LiteralValue } from '../src/core/rules/rule-synthesis.ts';
import type { Rule } from '../src/core/types.ts';
import type { PatternSourceRecord } from '../src/storage/patterns-store.ts';

export type { LinesBasis, LiteralValue, MaskingConfig, MaskingRule, MaskPreview, MinerSettings, RuleFilePreview, SimilarGroups, SlotValues, SplitPosition, ValueCount };

export interface PatternSource extends PatternSourceRecord {
  /**
   * The mined lines are in the worker's memory (after a discovery). After a reload or an import
   * only the patterns are: rule previews and value distributions then use the stored example lines.
   */
  hasLines: boolean;
  /**
   * Lines whose text is in memory when the file had more than discovery keeps (a uniform sample):
   * counts are of every line, value distributions and previews of these. Absent: every line is kept.
   */
  sampledLines?: number;
}

/** One pattern of the list. */
export interface PatternView {
  /** Stable while its lines' tokens (variants) stay the same; two patterns may show one template. */
  id: string;
  /** Tokens with `<*>` for a variable, e.g. `Backup started at <*>.` */
  template: string;
  /** Every template of a merged pattern (one entry when nothing was merged). */
  variants: string[];
  count: number;
  /** count / lines mined. */
  share: number;
  /** A few raw lines (distinct). */
  examples: string[];
  /** Distinct masked lines. */
  keys: number;
  /** Index into PatternsInfo.similar.groups, or -1. */
  group: number;
  /** When its lines have times: first and last seen (epoch ms), lines per bucket of the file's span, and its spike (time/timeline.ts). */
  firstSeen?: number;
  lastSeen?: number;
  counts?: number[];
  spike?: number;
  /** The first enabled rule that matches all of the pattern's example lines (0-based position), or null. */
  rule: { index: number; label: string } | null;
}

export interface PatternsInfo {
  /** Null: nothing mined yet. */
  source: PatternSource | null;
  /** Masking and sensitivity; they apply to the next discovery when `settingsPending`. */
  settings: MinerSettings;
  /** The settings were changed while no mined lines were in memory: they apply from the next discovery. */
  settingsPending: boolean;
  /** Most frequent first. */
  patterns: PatternView[];
  /** Non-blank lines mined. */
  lines: number;
  /** Splits and merges made (replayed after every change). */
  edits: number;
  similar: SimilarGroups | null;
  /** False when the browser gives no IndexedDB: patterns then last until the tab closes. */
  persistent: boolean;
  /** What went wrong with the patterns' storage (not opened, lost, a record not read), in words. */
  storageNotice?: string;
}

export interface PatternDetail extends PatternView {
  /** Value distribution behind each `<*>` of the template, left to right. */
  values: SlotValues[];
  /** What the values were read from: every line of the pattern, a uniform sample of a big file's lines, or its stored example lines only. */
  basis: LinesBasis;
  /** Positions where the pattern's lines differ; empty: it cannot be split. */
  splits: SplitPosition[];
  /**
   * The template as its lines write it (runs collapsed) where the shown one hides a word of it
   * (`user=root` shown as `user=<*>`), else null: it tells apart patterns that show the same template.
   */
  written: string | null;
}

export interface MaskingCheck {
  /** Rules that cannot be used, by index, with the reason. */
  problems: { index: number; reason: string }[];
  /** The sample lines and how they are masked (empty when a rule has a problem). */
  previews: MaskPreview[];
}

export interface OtherPatternCaught {
  id: string;
  template: string;
  lines: number;
}

export interface RuleConflictView {
  /** 0-based position of the existing rule. */
  index: number;
  rule: Rule;
  /** Lines both rules match. */
  lines: number;
  /** The existing rule comes first and labels these lines, so the new rule never sees them. */
  shadows: boolean;
  sameLabel: boolean;
}

/** A rule made from patterns, and what saving it would do on the mined file. */
export interface RuleDraft {
  rule: Rule;
  /** Why it cannot be saved (invalid pattern, no label), or null. */
  problem: string | null;
  /** Lines of the file it matches. */
  matches: number;
  /** Lines of the chosen patterns it matches, of their lines. */
  targetMatches: number;
  targetLines: number;
  /** Other patterns whose lines it would catch, most lines first. */
  otherPatterns: OtherPatternCaught[];
  /** Enabled rules of the bundle in use that match some of the same lines. */
  conflicts: RuleConflictView[];
  /** Literal values the rule is tied to (a month, an HTTP method, a number): lines with other values are missed. */
  literals: LiteralValue[];
  /** What the counts are over: the file's lines, a uniform sample of a big file's lines, or the stored example lines only. */
  basis: LinesBasis;
  /** Lines the counts are over. */
  linesChecked: number;
}

/** The outcome of adding patterns' lines as training rows. */
export interface PatternTrainingOutcome {
  /** Distinct lines offered (at most `limit`). */
  offered: number;
  /** Distinct lines the patterns have. */
  available: number;
  added: number;
  duplicates: number;
  relabelled: number;
  invalid: number;
  /** Rows in the training set after. */
  trainingRows: number;
}

export interface DiscoverProgress {
  phase: 'reading' | 'mining';
  /** Lines read or mined so far. */
  done: number;
  /** Lines to mine; null while a file is read. */
  total: number | null;
  /** 0..1 when known. */
  fraction: number | null;
}

export type DiscoverProgressCallback = (p: DiscoverProgress) => void;

export interface PatternsApi {
  /** The current patterns (the stored ones after a reload). */
  patterns(): Promise<PatternsInfo>;
  /**
   * Mines the last run's lines that no rule labelled (tier other than `regex`). One job at a time:
   * `cancel()` rejects it with a CancelledError and keeps the previous patterns.
   */
  discoverFromRun(onProgress: DiscoverProgressCallback): Promise<PatternsInfo>;
  /**
   * Mines every line of a file (CSV with a message column, or .log/.txt); no rules are applied.
   * Both discoveries throw with the problem in words ("There is no run to mine…", "The file has no
   * log lines.", a missing message column) and "Another job is still running…" while a job runs.
   */
  discoverFromFile(input: Blob, fileName: string, onProgress: DiscoverProgressCallback): Promise<PatternsInfo>;
  /**
   * Examples, value distributions and split positions of one pattern. This and the edits below
   * throw "No patterns yet…" before a discovery and "That pattern no longer exists…" for an id the
   * patterns no longer have.
   */
  patternDetail(id: string): Promise<PatternDetail>;
  /** Checks masking rules and masks sample lines with them (the live preview). */
  checkMasking(masking: MaskingConfig, sample: string[]): Promise<MaskingCheck>;
  /**
   * Changes masking and sensitivity; re-mines the lines in memory (splits and merges are replayed).
   * Throws with the reasons when a masking rule is invalid.
   */
  updatePatternSettings(settings: { masking?: MaskingConfig; similarity?: number }, onProgress?: DiscoverProgressCallback): Promise<PatternsInfo>;
  /** Splits a pattern by the values at a token position (see PatternDetail.splits). */
  splitPattern(id: string, position: number): Promise<PatternsInfo>;
  /** Throws for fewer than two patterns. */
  mergePatterns(ids: string[]): Promise<PatternsInfo>;
  /** Takes back the last split or merge; throws when there is none. */
  undoPatternEdit(): Promise<PatternsInfo>;
  /** Groups patterns that say the same in other words (embeddings + DBSCAN); `eps` 0..1, default 0.35 (another value throws). One job: `cancel()` stops it. */
  findSimilarPatterns(eps?: number): Promise<PatternsInfo>;
  /**
   * A rule for one or more patterns (an anchored, linear regular expression synthesised from their
   * templates, or `pattern` when the user edited it) with a preview over the mined file.
   */
  draftRule(ids: string[], label: string, pattern?: string): Promise<RuleDraft>;
  /** A rule tried on another file (CSV, .log, NDJSON by its name): lines matched of its lines, the first few, and the literal values it is tied to. */
  previewRuleOnFile(rule: Rule, input: Blob, fileName: string): Promise<RuleFilePreview>;
  /**
   * Adds the distinct lines of patterns (at most `limit`, default 1,000, spread over their shapes)
   * to the training set with `label` (origin "pattern"). Throws when no pattern is chosen.
   */
  addPatternTrainingRows(ids: string[], label: string, limit?: number): Promise<PatternTrainingOutcome>;
  /** The patterns file (the core's MinerState as JSON). */
  exportPatterns(): Promise<string>;
  /** Replaces the patterns with a patterns file's; throws with the reason for a bad file. */
  importPatterns(json: string, fileName: string): Promise<PatternsInfo>;
  /** Forgets the patterns (the masking settings stay). */
  clearPatterns(): Promise<PatternsInfo>;
}
