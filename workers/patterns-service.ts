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
import { openTable } from '../src/core/csv/table.ts';
import { readFileLines } from '../src/core/patterns/read-lines.ts';
import { DiscoveryLines } from '../src/core/patterns/discovery-lines.ts';
import { writtenTemplate } from '../src/core/patterns/template.ts';
import { MinePool } from '../src/core/patterns/mine-pool.ts';
import { readRunRows, type RunRows } from './run-rows.ts';
import type { PoolPort } from '../src/core/scale/pool.ts';
import { previewRuleOnTable } from '../src/core/patterns/rule-on-file.ts';
import { formatFromName } from '../src/core/scale/input.ts';
import { CancelledError } from '../src/core/errors.ts';
import type { Embedder } from '../src/core/features/embedder.ts';
import {
  DEFAULT_MINER_SETTINGS,
  minePatterns,
  PatternMiner,
  checkMasking,
  readPatternsFile,
  semanticGroups,
  validateMasking,
  valueDistributions,
  type MinerSettings,
  type Pattern,
} from '../src/core/patterns/index.ts';
import {
  changedSettings,
  cloneSettings,
  distinctExamples,
  isSampled,
  linesOf,
  minedPatterns,
  newSession,
  patternIndex,
  patternsEdited,
  pickTrainingLines,
  pruneSimilar,
  rebuildSession,
  splitPositions,
  type PatternSession,
} from '../src/core/patterns/session.ts';
import { coveringRules, draftPatternRule } from '../src/core/patterns/rule-draft.ts';
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
} from './patterns-api.ts';
import type { BundleHost } from './bundle-host.ts';
import type { JobRunner } from './job-runner.ts';
import { createEmbedder, type EmbedderContext } from '../src/core/features/registry.ts';
import { createNgramEmbedder } from '../src/core/features/ngram.ts';
import { minedPatternTimes, type PatternTime } from '../src/core/time/timeline.ts';

/** A pattern's times for the list; none when none of its lines has a time. */
function seenOf(t: PatternTime): Pick<PatternView, 'firstSeen' | 'lastSeen' | 'counts' | 'spike'> {
  return Number.isNaN(t.firstSeen) ? {} : { firstSeen: t.firstSeen, lastSeen: t.lastSeen, counts: t.counts, spike: t.spike };
}

export type { RunRows } from './run-rows.ts';

export interface PatternsContext {
  /** The bundle in use: its rules mark covered patterns; its embedder groups paraphrases. */
  bundles: BundleHost;
  jobs: JobRunner;
  /** The last completed run, or null. */
  runRows(): RunRows | null;
  /** The embedders this worker can run beyond n-grams (a BERT model). */
  embedderContext?: EmbedderContext;
  /** `problem`: what went wrong with the store, in words (src/storage/patterns-store.ts). */
  store(): Promise<{ store: PatternsStore; persistent: boolean; problem?: () => string | null }>;
  /** The training set's add (the training workspace); absent: training rows cannot be added here. */
  addTrainingRows?(rows: NewTrainingRow[]): Promise<AddRowsOutcome>;
  /** Lines whose text a discovery keeps in memory (default DEFAULT_LINES_KEPT; a uniform sample beyond). */
  linesKept?: number;
  /** Workers that mask and key a big discovery's lines (mine-pool.ts); absent: it is mined here. */
  mineWorkers?: () => PoolPort[];
}

/** A run of this many rows, or a file of this many bytes, is mined on the mining workers: below, starting them is not won back. */
const POOL_FROM_ROWS = 50_000;
const POOL_FROM_BYTES = 4 * 2 ** 20;

type Session = PatternSession<PatternSourceRecord>;

const DEFAULT_EPS = 0.35;
const DEFAULT_TRAINING_LIMIT = 1000;
const MAX_TRAINING_LIMIT = 20_000;
/** Distinct examples shown per pattern in the list and in the detail. */
const LIST_EXAMPLES = 3;
const DETAIL_EXAMPLES = 10;

function userError(err: unknown): Error {
  if (err instanceof CancelledError) return err;
  return new Error(err instanceof Error ? err.message : String(err));
}

export function createPatternsApi(ctx: PatternsContext): PatternsApi {
  let loaded: Promise<void> | null = null;
  let session: Session | null = null;
  let settings: MinerSettings = cloneSettings(DEFAULT_MINER_SETTINGS);
  let settingsPending = false;
  /** Stored patterns this version could not read (shown with the patterns). */
  let loadProblem: string | null = null;

  function ensureLoaded(): Promise<void> {
    loaded ??= (async () => {
      const { store: s } = await ctx.store();
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

  async function info(): Promise<PatternsInfo> {
    const { persistent, problem } = await ctx.store();
    const notice = [problem?.(), loadProblem].filter(Boolean).join(' ');
    const storageNotice = notice ? { storageNotice: notice } : {};
    const s = session;
    if (!s) return { source: null, settings: cloneSettings(settings), settingsPending: false, patterns: [], lines: 0, edits: 0, similar: null, persistent, ...storageNotice };
    const groupOf = new Map<string, number>();
    s.similar?.groups.forEach((g, i) => g.forEach((id) => groupOf.set(id, i)));
    const patterns = s.miner.patterns();
    let rules: Rule[] = [];
    try {
      rules = await currentRules();
    } catch {
      // No bundle yet: nothing is covered.
    }
    const covered = coveringRules(patterns, rules);
    const perMined = s.lines?.times ? minedPatterns(s) : null;
    const times = perMined && s.lines?.times ? minedPatternTimes(perMined, s.lines.mined, s.lines.times, patterns.length) : null;
    return {
      source: { ...s.source, hasLines: s.lines !== null, ...(s.lines && isSampled(s.lines) ? { sampledLines: s.lines.messages.length } : {}) },
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
    const { store: st } = await ctx.store();
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

  /** Runs a long job (one at a time, cancellable); errors reach the page as plain messages. */
  function job<T>(onProgress: DiscoverProgressCallback | undefined, work: (signal: AbortSignal, report: (p: DiscoverProgress) => void) => Promise<T>): Promise<T> {
    return ctx.jobs.run(onProgress, ({ signal, report }) => work(signal, report), { mapError: userError });
  }

  /** The rules of the bundle in use, in order. */
  async function currentRules(): Promise<Rule[]> {
    return (await ctx.bundles.current()).bundle.rules.map((r) => ({ ...r }));
  }

  /** The embedder for semantic grouping: the bundle's when it can run here, else n-grams. */
  async function groupingEmbedder(): Promise<{ embedder: Embedder; name: string }> {
    const spec = (await ctx.bundles.current()).bundle.embedder;
    try {
      return { embedder: createEmbedder(spec, ctx.embedderContext), name: spec.id };
    } catch {
      return { embedder: createNgramEmbedder(), name: 'ngram' };
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

  /**
   * One discovery: `read` gives the lines to `found` (flushing it as it goes) and says where they
   * came from; then the new session replaces the old one and is stored. A big one is mined on the
   * mining workers, which are stopped however it ends.
   */
  async function discovery(
    big: boolean,
    signal: AbortSignal,
    read: (found: DiscoveryLines) => Promise<{ times: ArrayLike<number> | null; source: Omit<PatternSourceRecord, 'mined' | 'minedAt'> }>,
    /** The line count, when it is known before reading (a run): mining workers are then sent bytes. */
    total?: number,
    /** The lines' average length, when it is known before reading: fewer long lines are kept. */
    charsPerLine?: number,
  ) {
    const pool = big && ctx.mineWorkers ? new MinePool(ctx.mineWorkers(), settings) : null;
    const found = new DiscoveryLines(settings, ctx.linesKept, pool, pool ? total : undefined, charsPerLine);
    try {
      const { times, source } = await read(found);
      if (signal.aborted) throw new CancelledError();
      const { miner, lines } = await found.finish(times);
      session = newSession(miner, { ...source, mined: miner.lineCount, minedAt: new Date().toISOString() }, lines);
    } finally {
      found.abort();
    }
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
        let toMine = 0;
        for (let i = 0; i < run.rows; i++) if (!run.ruleMatched[i]) toMine++;
        report({ phase: 'mining', done: 0, total: toMine, fraction: 0 });
        // The rows are read back from the run's file and mined as they come: no copy of the file.
        const mine = (found: DiscoveryLines) =>
          readRunRows(run, found, signal, (mined) => report({ phase: 'mining', done: mined, total: toMine, fraction: toMine ? mined / toMine : 1 }));
        return discovery(toMine >= POOL_FROM_ROWS, signal, mine, run.rows, run.bytes && run.rows ? run.bytes / run.rows : undefined);
      });
    },

    async discoverFromFile(input, fileName, onProgress) {
      await ensureLoaded();
      return job(onProgress, async (signal, report) => {
        return discovery(input.size >= POOL_FROM_BYTES, signal, async (found) => {
          const { lines, times } = await readFileLines(input, fileName, signal, async (batch) => {
            for (let r = 0; r < batch.messages.length; r++) found.add(batch.messages[r], batch.sources[r]);
            await found.flush();
            report({ phase: 'reading', done: batch.linesRead, total: null, fraction: batch.fraction });
          });
          return { times, source: { kind: 'file', name: fileName, lines } };
        });
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
        splits: splitPositions(s, index, pattern.variants),
        written: writtenTemplate(pattern.variants, pattern.template),
      } satisfies PatternDetail;
    },

    async checkMasking(masking, sample) {
      return checkMasking(masking, sample) satisfies MaskingCheck;
    },

    async updatePatternSettings(change, onProgress) {
      await ensureLoaded();
      const next = changedSettings(settings, change);
      const { store: st } = await ctx.store();
      const s = session;
      if (!s) {
        settings = next;
        await st.saveSettings(settings);
        return info();
      }
      const maskingChanged = JSON.stringify(next.masking) !== JSON.stringify(s.miner.settings.masking);
      if (!maskingChanged) {
        session = rebuildSession(s, { settings: { ...s.miner.settings, similarity: next.similarity } });
        pruneSimilar(session);
        settings = next;
        settingsPending = false;
        await st.saveSettings(settings);
        await persist();
        return info();
      }
      if (!s.lines || isSampled(s.lines)) {
        // Not every line in memory to mine again: the new masking applies from the next discovery.
        settings = next;
        settingsPending = true;
        await st.saveSettings(settings);
        return info();
      }
      const data = s.lines;
      return job(onProgress, async (signal, report) => {
        const { miner, keys } = await mine(Array.from(data.mined, (i) => data.messages[i]), next, signal, report);
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
      patternsEdited(s);
      await persist();
      return info();
    },

    async mergePatterns(ids) {
      const s = await requireSession();
      const unique = [...new Set(ids)];
      if (unique.length < 2) throw new Error('Select two or more patterns to merge.');
      for (const id of unique) patternIndex(s, id);
      s.miner.merge(unique);
      patternsEdited(s);
      await persist();
      return info();
    },

    async undoPatternEdit() {
      const s = await requireSession();
      const edits = s.miner.editList;
      if (edits.length === 0) throw new Error('There is no split or merge to undo.');
      session = rebuildSession(s, { edits: edits.slice(0, -1).map((e) => ({ ...e })) });
      pruneSimilar(session);
      await persist();
      return info();
    },

    async findSimilarPatterns(eps = DEFAULT_EPS) {
      const s = await requireSession();
      if (typeof eps !== 'number' || !Number.isFinite(eps) || eps <= 0 || eps >= 1) throw new Error('The distance must be a number between 0 and 1.');
      const patterns = s.miner.patterns();
      const { embedder, name } = await groupingEmbedder();
      await job(undefined, async (signal) => {
        const result = await semanticGroups(
          patterns.map((p) => p.template),
          embedder,
          { eps, signal },
        );
        s.similar = { groups: result.groups.map((g) => g.map((i) => patterns[i].id)), eps, embedder: name };
      });
      return info();
    },

    async draftRule(ids, label, pattern) {
      const s = await requireSession();
      return draftPatternRule(s, ids, label, pattern, await currentRules()) satisfies RuleDraft;
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
      const found = linesOf(s, indices);
      const { lines, sources } = found;
      const { picked, available } = pickTrainingLines(found, max);
      const outcome = await ctx.addTrainingRows(picked.map((i) => ({ message: lines[i], source: sources[i], label, origin: 'pattern' as const })));
      return {
        offered: picked.length,
        available,
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
      const { store: st } = await ctx.store();
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
