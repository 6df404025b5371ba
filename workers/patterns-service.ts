/**
 * Pattern discovery in the classify worker (the `PatternsApi` of workers/patterns-api.ts). Plugged
 * into createClassifyService, whose run results, bundle and job handling it shares: one job at a
 * time, `cancel()` aborts a discovery too.
 *
 * It keeps one "session": the miner (core/patterns), where its lines came from, and – after a
 * discovery – the file's lines in memory, so that value distributions and rule previews count real
 * lines. Every change is stored (src/storage/patterns-store.ts); after a reload the stored patterns
 * come back without their lines, and previews use the stored example lines instead.
 */
import { findColumn, MESSAGE_COLUMNS, requireColumn, SOURCE_COLUMNS } from '../src/core/csv/columns.ts';
import { openTable } from '../src/core/csv/table.ts';
import { previewRuleOnTable } from '../src/core/patterns/rule-on-file.ts';
import { RowTimes } from '../src/core/time/row-times.ts';
import { formatFromName } from '../src/core/scale/input.ts';
import { CancelledError } from '../src/core/errors.ts';
import type { Embedder } from '../src/core/features/embedder.ts';
import {
  assign,
  DEFAULT_MINER_SETTINGS,
  minePatterns,
  PatternMiner,
  previewMasking,
  semanticGroups,
  validateMasking,
  valueDistributions,
  type MaskingConfig,
  type MinerSettings,
  type MinerState,
  type Pattern,
  type PatternEdit,
} from '../src/core/patterns/index.ts';
import { previewRule, synthesizeRuleFor } from '../src/core/rule-synthesis.ts';
import { compileRules, ruleProblem } from '../src/core/rules.ts';
import type { Rule } from '../src/core/types.ts';
import type { PatternSourceRecord, PatternsStore } from '../src/storage/patterns-store.ts';
import type { AddRowsOutcome, NewTrainingRow } from './classify-api.ts';
import type {
  DiscoverProgress,
  DiscoverProgressCallback,
  MaskingCheck,
  PatternDetail,
  PatternsApi,
  PatternsInfo,
  PatternTrainingOutcome,
  PatternView,
  RuleDraft,
  SimilarGroups,
  SplitPosition,
} from './patterns-api.ts';
import { throttle } from './throttle.ts';
import { minedPatternTimes, type PatternTime } from '../src/core/time/timeline.ts';

/** A pattern's times for the list; none when none of its lines has a time. */
function seenOf(t: PatternTime): Pick<PatternView, 'firstSeen' | 'lastSeen' | 'counts' | 'spike'> {
  return Number.isNaN(t.firstSeen) ? {} : { firstSeen: t.firstSeen, lastSeen: t.lastSeen, counts: t.counts, spike: t.spike };
}

/** The last run's rows, as the results store keeps them. */
export interface RunRows {
  fileName: string;
  messages: readonly string[];
  sources: readonly string[];
  /** Per row, whether a rule labelled it (tier `regex`). */
  ruleMatched: ArrayLike<boolean | number>;
  /** Per row, its time (epoch ms, NaN: none), when the run read times. */
  times?: ArrayLike<number> | null;
}

export interface PatternsContext {
  /** The last completed run, or null. */
  runRows(): RunRows | null;
  /** The rules of the bundle in use, in order. */
  currentRules(): Promise<Rule[]>;
  /** The embedder for semantic grouping (the bundle's when it can run here, else n-grams). */
  embedder(): Promise<{ embedder: Embedder; name: string }>;
  /** `problem`: what went wrong with the store, in words (src/storage/patterns-store.ts). */
  store(): Promise<{ store: PatternsStore; persistent: boolean; problem?: () => string | null }>;
  startJob(): AbortController;
  endJob(c: AbortController): void;
  release(cb: unknown): void;
  /** The training set's add (the training workspace); absent: training rows cannot be added here. */
  addTrainingRows?(rows: NewTrainingRow[]): Promise<AddRowsOutcome>;
  progressIntervalMs: number;
}

/** The lines of the mined file. */
interface Data {
  /** Every line of the file (of the run: every row, rule-labelled ones too). */
  messages: readonly string[];
  sources: readonly string[];
  /** Indices into `messages` of the mined lines. */
  mined: Int32Array;
  /** Per mined line, its key in the miner (-1 blank). */
  keys: Int32Array;
  /** Per file line, its time (epoch ms, NaN: none), when the lines have times. */
  times?: ArrayLike<number> | null;
}

interface Session {
  miner: PatternMiner;
  source: PatternSourceRecord;
  data: Data | null;
  /** The miner's keys (tokens, count, examples): they change only with a new miner. */
  keyList: MinerState['keys'];
  /** Per mined line, its pattern index; per file line too. Recomputed after every change. */
  minedPattern: Int32Array | null;
  linePattern: Int32Array | null;
  similar: SimilarGroups | null;
}

const DEFAULT_EPS = 0.35;
const DEFAULT_TRAINING_LIMIT = 1000;
const MAX_TRAINING_LIMIT = 20_000;
/** Distinct examples shown per pattern in the list and in the detail. */
const LIST_EXAMPLES = 3;
const DETAIL_EXAMPLES = 10;

const cloneSettings = (s: MinerSettings): MinerSettings => ({
  masking: { rules: s.masking.rules.map((r) => ({ ...r })) },
  similarity: s.similarity,
  maxExamples: s.maxExamples,
});

function userError(err: unknown): Error {
  if (err instanceof CancelledError) return err;
  return new Error(err instanceof Error ? err.message : String(err));
}

function isObject(value: unknown): value is Record<string, unknown> {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}

/** Checks a patterns file's shape beyond format and version, with reasons a user can act on. */
export function readPatternsFile(json: string): MinerState {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw new Error('This is not a patterns file: it is not JSON.');
  }
  if (!isObject(value) || value.format !== 'logsift-patterns') throw new Error('This is not a logsift patterns file (its "format" is not "logsift-patterns").');
  if (value.version !== 1) throw new Error(`Patterns file version ${String(value.version)} is not supported (this page reads version 1).`);
  const settingsIn = isObject(value.settings) ? value.settings : {};
  const masking = isObject(settingsIn.masking) && Array.isArray(settingsIn.masking.rules) ? (settingsIn.masking as unknown as MaskingConfig) : DEFAULT_MINER_SETTINGS.masking;
  for (const rule of masking.rules) {
    if (!isObject(rule) || typeof rule.pattern !== 'string' || typeof rule.id !== 'string') throw new Error('The patterns file has a malformed masking rule.');
  }
  const problems = validateMasking(masking);
  if (problems.length) throw new Error(`The patterns file's masking rule ${problems[0].index + 1} cannot be used: ${problems[0].reason}.`);
  const similarity = typeof settingsIn.similarity === 'number' && settingsIn.similarity >= 0 && settingsIn.similarity <= 1 ? settingsIn.similarity : DEFAULT_MINER_SETTINGS.similarity;
  const maxExamples =
    typeof settingsIn.maxExamples === 'number' && Number.isInteger(settingsIn.maxExamples) && settingsIn.maxExamples > 0 ? settingsIn.maxExamples : DEFAULT_MINER_SETTINGS.maxExamples;
  if (!Array.isArray(value.keys)) throw new Error('The patterns file has no "keys" list.');
  const keys: MinerState['keys'] = value.keys.map((key, i) => {
    if (
      !isObject(key) ||
      !Array.isArray(key.tokens) ||
      key.tokens.length === 0 ||
      !key.tokens.every((t) => typeof t === 'string' && t !== '' && !/\s/.test(t)) ||
      typeof key.count !== 'number' ||
      !Number.isInteger(key.count) ||
      key.count < 1 ||
      !Array.isArray(key.examples) ||
      !key.examples.every((e) => typeof e === 'string')
    ) {
      throw new Error(`The patterns file's key ${i + 1} is malformed (it needs tokens, a count and example lines).`);
    }
    return { tokens: key.tokens as string[], count: key.count, examples: key.examples as string[] };
  });
  const editsIn = Array.isArray(value.edits) ? value.edits : [];
  const edits: PatternEdit[] = editsIn.map((edit, i) => {
    if (isObject(edit) && edit.type === 'merge' && Array.isArray(edit.templates) && edit.templates.every((t) => typeof t === 'string')) {
      return { type: 'merge', templates: edit.templates as string[] };
    }
    if (isObject(edit) && edit.type === 'split' && typeof edit.template === 'string' && Number.isInteger(edit.position) && (edit.position as number) >= 0) {
      return { type: 'split', template: edit.template, position: edit.position as number };
    }
    throw new Error(`The patterns file's edit ${i + 1} is malformed.`);
  });
  return { format: 'logsift-patterns', version: 1, settings: { masking, similarity, maxExamples }, edits, keys };
}

export function createPatternsApi(ctx: PatternsContext): PatternsApi {
  let loaded: Promise<void> | null = null;
  let session: Session | null = null;
  let settings: MinerSettings = cloneSettings(DEFAULT_MINER_SETTINGS);
  let settingsPending = false;
  /** Stored patterns this version could not read (shown with the patterns). */
  let loadProblem: string | null = null;

  async function store() {
    return ctx.store();
  }

  function ensureLoaded(): Promise<void> {
    loaded ??= (async () => {
      const { store: s } = await store();
      const storedSettings = await s.loadSettings();
      const stored = await s.load();
      if (stored) {
        try {
          const miner = PatternMiner.fromState(readPatternsFile(JSON.stringify(stored.state)));
          session = newSession(miner, stored.source, null);
        } catch (err) {
          // Patterns this version cannot read: start without them (they stay stored until replaced).
          console.warn('logsift: stored patterns ignored:', err);
          loadProblem = `The stored discovered patterns could not be read (${err instanceof Error ? err.message : String(err)}), so none are shown. They stay stored until a new discovery replaces them.`;
        }
      }
      if (storedSettings && validateMasking(storedSettings.masking).length === 0) settings = cloneSettings({ ...DEFAULT_MINER_SETTINGS, ...storedSettings });
      else if (session) settings = cloneSettings(session.miner.settings);
      settingsPending = !!session && JSON.stringify(settings) !== JSON.stringify(session.miner.settings);
    })();
    return loaded;
  }

  function newSession(miner: PatternMiner, source: PatternSourceRecord, data: Data | null): Session {
    return { miner, source, data, keyList: miner.exportState().keys, minedPattern: null, linePattern: null, similar: null };
  }

  /** A new miner with the same keys (in the same order), other settings or edits. */
  function rebuild(s: Session, change: { settings?: MinerSettings; edits?: PatternEdit[] }): Session {
    const state = s.miner.exportState();
    const miner = PatternMiner.fromState({ ...state, settings: change.settings ?? state.settings, edits: change.edits ?? state.edits });
    return { ...s, miner, minedPattern: null, linePattern: null };
  }

  function minedPatterns(s: Session): Int32Array | null {
    if (!s.data) return null;
    s.minedPattern ??= assign(s.miner, s.data.keys);
    return s.minedPattern;
  }

  function linePatterns(s: Session): Int32Array | null {
    if (!s.data) return null;
    if (!s.linePattern) {
      const perMined = minedPatterns(s)!;
      const out = new Int32Array(s.data.messages.length).fill(-1);
      for (let j = 0; j < s.data.mined.length; j++) out[s.data.mined[j]] = perMined[j];
      s.linePattern = out;
    }
    return s.linePattern;
  }

  /** Pattern index of every key. */
  function keyPatterns(s: Session): Int32Array {
    const out = new Int32Array(s.keyList.length);
    for (let k = 0; k < out.length; k++) out[k] = s.miner.patternIndexOfKey(k);
    return out;
  }

  function distinctExamples(examples: readonly string[], max: number): string[] {
    return [...new Set(examples)].slice(0, max);
  }

  /**
   * Per pattern, the first enabled rule that matches all of its example lines: the list marks the
   * patterns a saved rule now labels without mining again.
   */
  async function coveringRules(patterns: readonly Pattern[]): Promise<({ index: number; label: string } | null)[]> {
    let rules: Rule[] = [];
    try {
      rules = await ctx.currentRules();
    } catch {
      // No bundle yet: nothing is covered.
    }
    const usable = rules
      .map((rule, index) => ({ rule, index }))
      .filter(({ rule }) => rule.enabled && ruleProblem(rule) === null)
      .map(({ rule, index }) => ({ index, label: rule.label, compiled: compileRules([rule]) }));
    if (usable.length === 0) return patterns.map(() => null);
    return patterns.map((p) => {
      const examples = p.examples.filter((e) => /\S/.test(e));
      if (examples.length === 0) return null;
      const hit = usable.find((r) => examples.every((e) => r.compiled.match(e) !== null));
      return hit ? { index: hit.index, label: hit.label } : null;
    });
  }

  function view(p: Pattern, group: number, max = LIST_EXAMPLES, rule: { index: number; label: string } | null = null): PatternView {
    return {
      rule,
      id: p.id,
      template: p.template,
      variants: [...p.variants],
      count: p.count,
      share: p.share,
      examples: distinctExamples(p.examples, max),
      keys: p.keys,
      group,
    };
  }

  /** Keeps semantic groups whose patterns still exist after an edit. */
  function pruneSimilar(s: Session): void {
    if (!s.similar) return;
    const ids = new Set(s.miner.patterns().map((p) => p.id));
    const groups = s.similar.groups.map((g) => g.filter((id) => ids.has(id))).filter((g) => g.length >= 2);
    s.similar = groups.length ? { ...s.similar, groups } : null;
  }

  async function info(): Promise<PatternsInfo> {
    const { persistent, problem } = await store();
    const notice = [problem?.(), loadProblem].filter(Boolean).join(' ');
    const storageNotice = notice ? { storageNotice: notice } : {};
    const s = session;
    if (!s) return { source: null, settings: cloneSettings(settings), settingsPending: false, patterns: [], lines: 0, edits: 0, similar: null, persistent, ...storageNotice };
    const groupOf = new Map<string, number>();
    s.similar?.groups.forEach((g, i) => g.forEach((id) => groupOf.set(id, i)));
    const patterns = s.miner.patterns();
    const covered = await coveringRules(patterns);
    const perMined = s.data?.times ? minedPatterns(s) : null;
    const times = perMined && s.data?.times ? minedPatternTimes(perMined, s.data.mined, s.data.times, patterns.length) : null;
    return {
      source: { ...s.source, hasLines: s.data !== null },
      settings: cloneSettings(settings),
      settingsPending,
      patterns: patterns.map((p, i) => ({ ...view(p, groupOf.get(p.id) ?? -1, LIST_EXAMPLES, covered[i]), ...(times ? seenOf(times[i]) : {}) })),
      lines: s.miner.lineCount,
      edits: s.miner.editList.length,
      similar: s.similar ? { ...s.similar, groups: s.similar.groups.map((g) => [...g]) } : null,
      persistent,
      ...storageNotice,
    };
  }

  async function persist(): Promise<void> {
    const { store: st } = await store();
    if (!session) await st.clear();
    else await st.save({ state: session.miner.exportState(), source: { ...session.source }, savedAt: new Date().toISOString() });
    // The unreadable record (if any) is replaced now.
    loadProblem = null;
  }

  async function requireSession(): Promise<Session> {
    await ensureLoaded();
    if (!session) throw new Error('No patterns yet: discover patterns first.');
    return session;
  }

  function patternIndex(s: Session, id: string): number {
    const index = s.miner.patterns().findIndex((p) => p.id === id);
    if (index < 0) throw new Error('That pattern no longer exists: the patterns changed. Pick it again from the list.');
    return index;
  }

  /** The lines of patterns (by index): the file's lines when in memory, else the stored examples. */
  function linesOf(s: Session, indices: ReadonlySet<number>): { lines: string[]; sources: string[]; keys: number[]; basis: 'lines' | 'examples' } {
    const lines: string[] = [];
    const sources: string[] = [];
    const keys: number[] = [];
    const perMined = minedPatterns(s);
    if (s.data && perMined) {
      for (let j = 0; j < s.data.mined.length; j++) {
        if (!indices.has(perMined[j])) continue;
        const i = s.data.mined[j];
        lines.push(s.data.messages[i]);
        sources.push(s.data.sources[i] ?? '');
        keys.push(s.data.keys[j]);
      }
      return { lines, sources, keys, basis: 'lines' };
    }
    const byKey = keyPatterns(s);
    s.keyList.forEach((key, k) => {
      if (!indices.has(byKey[k])) return;
      for (const example of key.examples) {
        lines.push(example);
        sources.push('');
        keys.push(k);
      }
    });
    return { lines, sources, keys, basis: 'examples' };
  }

  function splitPositions(s: Session, index: number, template: string): SplitPosition[] {
    const byKey = keyPatterns(s);
    const templateTokens = template.split(' ');
    const perPosition: Map<string, number>[] = [];
    /** Member keys with a token at each position (a merged pattern's keys may differ in length). */
    const present: number[] = [];
    let members = 0;
    s.keyList.forEach((key, k) => {
      if (byKey[k] !== index) return;
      members++;
      key.tokens.forEach((token, p) => {
        const map = (perPosition[p] ??= new Map());
        map.set(token, (map.get(token) ?? 0) + key.count);
        present[p] = (present[p] ?? 0) + 1;
      });
    });
    const out: SplitPosition[] = [];
    perPosition.forEach((map, p) => {
      // As the miner counts them: a key without a token at p is one more value.
      const distinct = map.size + (present[p] < members ? 1 : 0);
      if (distinct < 2) return;
      out.push({
        position: p,
        token: templateTokens[p] ?? '',
        distinct,
        top: [...map]
          .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
          .slice(0, 8)
          .map(([value, count]) => ({ value, count })),
      });
    });
    return out;
  }

  /** Runs a long job: one at a time, cancellable, progress throttled; releases the callback. */
  async function job<T>(onProgress: DiscoverProgressCallback | undefined, work: (signal: AbortSignal, report: (p: DiscoverProgress) => void) => Promise<T>): Promise<T> {
    const controller = ctx.startJob();
    const report = throttle<DiscoverProgress>((p) => onProgress?.(p), ctx.progressIntervalMs);
    try {
      const result = await work(controller.signal, report);
      report.flush();
      return result;
    } catch (err) {
      if (controller.signal.aborted) throw new CancelledError();
      throw userError(err);
    } finally {
      ctx.endJob(controller);
      ctx.release(onProgress);
    }
  }

  async function mine(
    lines: readonly string[],
    mineSettings: MinerSettings,
    signal: AbortSignal,
    report: (p: DiscoverProgress) => void,
  ): Promise<{ miner: PatternMiner; keys: Int32Array }> {
    const result = await minePatterns(lines, {
      settings: mineSettings,
      signal,
      chunkSize: 5_000,
      onProgress: ({ linesDone, linesTotal }) => report({ phase: 'mining', done: linesDone, total: linesTotal, fraction: linesTotal ? linesDone / linesTotal : 1 }),
    });
    return { miner: result.miner, keys: result.keys };
  }

  async function discover(data: Omit<Data, 'keys'>, source: Omit<PatternSourceRecord, 'mined' | 'minedAt'>, signal: AbortSignal, report: (p: DiscoverProgress) => void) {
    const lines = Array.from(data.mined, (i) => data.messages[i]);
    const { miner, keys } = await mine(lines, settings, signal, report);
    if (signal.aborted) throw new CancelledError();
    session = newSession(miner, { ...source, mined: miner.lineCount, minedAt: new Date().toISOString() }, { ...data, keys });
    settingsPending = false;
    await persist();
    return info();
  }

  const api: PatternsApi = {
    async patterns() {
      await ensureLoaded();
      return info();
    },

    async discoverFromRun(onProgress) {
      await ensureLoaded();
      return job(onProgress, async (signal, report) => {
        const run = ctx.runRows();
        if (!run) throw new Error('There is no run to mine: classify a file first, or pick a file to discover patterns in.');
        const mined: number[] = [];
        for (let i = 0; i < run.messages.length; i++) if (!run.ruleMatched[i]) mined.push(i);
        report({ phase: 'mining', done: 0, total: mined.length, fraction: 0 });
        return discover(
          { messages: run.messages, sources: run.sources, mined: Int32Array.from(mined), times: run.times },
          { kind: 'run', name: run.fileName, lines: run.messages.length },
          signal,
          report,
        );
      });
    },

    async discoverFromFile(input, fileName, onProgress) {
      await ensureLoaded();
      return job(onProgress, async (signal, report) => {
        const table = await openTable(input, formatFromName(fileName));
        const messageColumn = requireColumn(table.header, MESSAGE_COLUMNS, 'log message');
        const sourceColumn = findColumn(table.header, SOURCE_COLUMNS);
        const messages: string[] = [];
        const sources: string[] = [];
        const times = new RowTimes(table.header, messageColumn, input instanceof File ? input.lastModified : Date.now());
        for await (const batch of table.batches) {
          if (signal.aborted) throw new CancelledError();
          times.add(batch.rows);
          for (const row of batch.rows) {
            messages.push(row[messageColumn] ?? '');
            sources.push(sourceColumn >= 0 ? (row[sourceColumn] ?? '') : '');
          }
          report({ phase: 'reading', done: messages.length, total: null, fraction: table.bytesTotal ? Math.min(1, batch.bytesDone / table.bytesTotal) : null });
        }
        if (messages.length === 0) throw new Error('The file has no log lines.');
        const mined = new Int32Array(messages.length);
        for (let i = 0; i < mined.length; i++) mined[i] = i;
        return discover({ messages, sources, mined, times: times.result() }, { kind: 'file', name: fileName, lines: messages.length }, signal, report);
      });
    },

    async patternDetail(id) {
      const s = await requireSession();
      const index = patternIndex(s, id);
      const pattern = s.miner.patterns()[index];
      const { lines, basis } = linesOf(s, new Set([index]));
      const group = s.similar?.groups.findIndex((g) => g.includes(id)) ?? -1;
      const examples = distinctExamples(lines.length ? lines : pattern.examples, DETAIL_EXAMPLES);
      return {
        ...view(pattern, group),
        examples,
        values: valueDistributions(pattern.template, lines, { top: 8 }),
        basis,
        splits: splitPositions(s, index, pattern.template),
      } satisfies PatternDetail;
    },

    async checkMasking(masking, sample) {
      const problems = validateMasking(masking);
      const check: MaskingCheck = { problems, previews: [] };
      if (problems.length === 0) {
        try {
          check.previews = previewMasking(sample.slice(0, 50), masking);
        } catch (err) {
          check.problems = [{ index: -1, reason: userError(err).message }];
        }
      }
      return check;
    },

    async updatePatternSettings(change, onProgress) {
      await ensureLoaded();
      const next = cloneSettings(settings);
      if (change.similarity !== undefined) {
        if (typeof change.similarity !== 'number' || !Number.isFinite(change.similarity) || change.similarity < 0 || change.similarity > 1) {
          throw new Error('Grouping sensitivity must be a number from 0 to 1.');
        }
        next.similarity = change.similarity;
      }
      if (change.masking !== undefined) {
        const problems = validateMasking(change.masking);
        if (problems.length) {
          throw new Error(`Masking not changed: ${problems.map((p) => `rule ${p.index + 1} (${change.masking!.rules[p.index]?.id || 'unnamed'}): ${p.reason}`).join('; ')}.`);
        }
        next.masking = { rules: change.masking.rules.map((r) => ({ id: r.id.trim(), description: r.description ?? '', pattern: r.pattern, enabled: !!r.enabled })) };
      }
      const { store: st } = await store();
      const s = session;
      if (!s) {
        settings = next;
        await st.saveSettings(settings);
        return info();
      }
      const maskingChanged = JSON.stringify(next.masking) !== JSON.stringify(s.miner.settings.masking);
      if (!maskingChanged) {
        session = rebuild(s, { settings: { ...s.miner.settings, similarity: next.similarity } });
        pruneSimilar(session);
        settings = next;
        settingsPending = false;
        await st.saveSettings(settings);
        await persist();
        return info();
      }
      if (!s.data) {
        // No lines to mine again: the new masking applies from the next discovery.
        settings = next;
        settingsPending = true;
        await st.saveSettings(settings);
        return info();
      }
      const data = s.data;
      return job(onProgress, async (signal, report) => {
        const lines = Array.from(data.mined, (i) => data.messages[i]);
        const { miner, keys } = await mine(lines, next, signal, report);
        // Replay the user's splits and merges on the new patterns (keys keep their order).
        const replayed = PatternMiner.fromState({ ...miner.exportState(), edits: s.miner.editList.map((e) => ({ ...e })) });
        session = { ...newSession(replayed, { ...s.source, mined: replayed.lineCount }, { ...data, keys }), similar: s.similar };
        pruneSimilar(session);
        settings = next;
        settingsPending = false;
        await st.saveSettings(settings);
        await persist();
        return info();
      });
    },

    async splitPattern(id, position) {
      const s = await requireSession();
      try {
        s.miner.split(id, position);
      } catch (err) {
        throw userError(err);
      }
      s.minedPattern = null;
      s.linePattern = null;
      pruneSimilar(s);
      await persist();
      return info();
    },

    async mergePatterns(ids) {
      const s = await requireSession();
      const unique = [...new Set(ids)];
      if (unique.length < 2) throw new Error('Select two or more patterns to merge.');
      for (const id of unique) patternIndex(s, id);
      s.miner.merge(unique);
      s.minedPattern = null;
      s.linePattern = null;
      pruneSimilar(s);
      await persist();
      return info();
    },

    async undoPatternEdit() {
      const s = await requireSession();
      const edits = s.miner.editList;
      if (edits.length === 0) throw new Error('There is no split or merge to undo.');
      session = rebuild(s, { edits: edits.slice(0, -1).map((e) => ({ ...e })) });
      pruneSimilar(session);
      await persist();
      return info();
    },

    async findSimilarPatterns(eps = DEFAULT_EPS) {
      const s = await requireSession();
      if (typeof eps !== 'number' || !Number.isFinite(eps) || eps <= 0 || eps >= 1) throw new Error('The distance must be a number between 0 and 1.');
      const patterns = s.miner.patterns();
      const { embedder, name } = await ctx.embedder();
      const controller = ctx.startJob();
      try {
        const result = await semanticGroups(
          patterns.map((p) => p.template),
          embedder,
          { eps, signal: controller.signal },
        );
        s.similar = { groups: result.groups.map((g) => g.map((i) => patterns[i].id)), eps, embedder: name };
      } catch (err) {
        if (controller.signal.aborted) throw new CancelledError();
        throw userError(err);
      } finally {
        ctx.endJob(controller);
      }
      return info();
    },

    async draftRule(ids, label, pattern) {
      const s = await requireSession();
      const unique = [...new Set(ids)];
      if (unique.length === 0) throw new Error('Select a pattern to make a rule from.');
      const indices = new Set(unique.map((id) => patternIndex(s, id)));
      const chosen = [...indices].map((i) => s.miner.patterns()[i]);
      const { lines: own } = linesOf(s, indices);
      const rule: Rule =
        pattern !== undefined && pattern.trim() !== ''
          ? { pattern, flags: '', label: label.trim(), enabled: true }
          : synthesizeRuleFor([...new Set(chosen.flatMap((p) => p.variants))], label.trim(), own);
      const rules = await ctx.currentRules();
      const linePattern = linePatterns(s);
      let lines: readonly string[];
      let assignments: ArrayLike<number>;
      let basis: 'lines' | 'examples';
      if (s.data && linePattern) {
        lines = s.data.messages;
        assignments = linePattern;
        basis = 'lines';
      } else {
        const all = linesOf(s, new Set(s.miner.patterns().map((_, i) => i)));
        const byKey = keyPatterns(s);
        lines = all.lines;
        assignments = all.keys.map((k) => byKey[k]);
        basis = 'examples';
      }
      // Counted with a stand-in label until one is chosen, so the preview shows before the label.
      const preview = previewRule(rule.label ? rule : { ...rule, label: '?' }, { lines, assignments, targets: indices, rules });
      const problem = label.trim() === '' ? 'Choose a label for the rule.' : preview.problem;
      const patterns = s.miner.patterns();
      const otherPatterns = preview.otherPatterns.map((o) => ({ id: patterns[o.index].id, template: patterns[o.index].template, lines: o.lines }));
      const { targetMatches, targetLines } = preview;
      return {
        rule,
        problem,
        matches: preview.matches,
        targetMatches,
        targetLines,
        otherPatterns,
        conflicts: preview.conflicts,
        literals: preview.literals,
        basis,
        linesChecked: lines.length,
      } satisfies RuleDraft;
    },

    async previewRuleOnFile(rule, input, fileName) {
      return previewRuleOnTable({ pattern: rule.pattern, flags: rule.flags, label: rule.label || '?', enabled: true }, await openTable(input, formatFromName(fileName)));
    },

    async addPatternTrainingRows(ids, label, limit = DEFAULT_TRAINING_LIMIT) {
      const s = await requireSession();
      if (!ctx.addTrainingRows) throw new Error('The training set is not available in this version of logsift.');
      const max = Math.max(1, Math.min(MAX_TRAINING_LIMIT, Math.floor(limit)));
      const indices = new Set([...new Set(ids)].map((id) => patternIndex(s, id)));
      if (indices.size === 0) throw new Error('Select a pattern first.');
      const { lines, sources, keys } = linesOf(s, indices);
      // Distinct lines, grouped by shape (key), then taken in turns so that every shape is represented.
      const seen = new Set<string>();
      const byKey = new Map<number, number[]>();
      lines.forEach((line, i) => {
        const id = `${sources[i]}\u0000${line}`;
        if (seen.has(id) || !/\S/.test(line)) return;
        seen.add(id);
        const list = byKey.get(keys[i]);
        if (list) list.push(i);
        else byKey.set(keys[i], [i]);
      });
      const queues = [...byKey.values()];
      const picked: number[] = [];
      for (let round = 0; picked.length < max; round++) {
        let any = false;
        for (const q of queues) {
          if (round < q.length) {
            any = true;
            picked.push(q[round]);
            if (picked.length >= max) break;
          }
        }
        if (!any) break;
      }
      const outcome = await ctx.addTrainingRows(picked.map((i) => ({ message: lines[i], source: sources[i], label, origin: 'pattern' as const })));
      return {
        offered: picked.length,
        available: seen.size,
        added: outcome.added,
        duplicates: outcome.duplicates,
        relabelled: outcome.relabelled,
        invalid: outcome.invalid,
        trainingRows: outcome.info.rows,
      } satisfies PatternTrainingOutcome;
    },

    async exportPatterns() {
      const s = await requireSession();
      return JSON.stringify(s.miner.exportState(), null, 1);
    },

    async importPatterns(json, fileName) {
      await ensureLoaded();
      let miner: PatternMiner;
      try {
        miner = PatternMiner.fromState(readPatternsFile(json));
      } catch (err) {
        throw userError(err);
      }
      session = newSession(miner, { kind: 'import', name: fileName, lines: miner.lineCount, mined: miner.lineCount, minedAt: new Date().toISOString() }, null);
      settings = cloneSettings(miner.settings);
      settingsPending = false;
      const { store: st } = await store();
      await st.saveSettings(settings);
      await persist();
      return info();
    },

    async clearPatterns() {
      await ensureLoaded();
      session = null;
      settingsPending = false;
      await persist();
      return info();
    },
  };
  return api;
}
