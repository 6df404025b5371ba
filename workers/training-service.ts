/**
 * The training workspace's part of the classify worker's API: the training set (kept in memory
 * and stored on every change), training with a held-out split into an unsaved candidate, and the
 * stored bundle versions. Plugged into createClassifyService: the bundle and its storage come from
 * its BundleHost, and a training or an import is one job of its JobRunner (`cancel()` aborts it).
 */
import { candidateEffect, type CandidateEffect } from '../src/core/training/candidate-effect.ts';
import type { Classifier } from '../src/core/classifier.ts';
import { BundleError, CancelledError } from '../src/core/errors.ts';
import type { EmbedderContext } from '../src/core/features/registry.ts';
import type { ModelBundle } from '../src/core/bundle.ts';
import { formatFromName } from '../src/core/scale/input.ts';
import { readLabelledRows } from '../src/core/training/train.ts';
import {
  addRows,
  classCounts,
  deleteLabel,
  filterRows,
  mergeLabels,
  renameLabel,
  trainingSetCsv,
  type AddResult,
  type RowQuery,
  type TrainingRow,
} from '../src/core/training-set/training-set.ts';
import { trainWithHeldOut, type WorkspaceMetrics } from '../src/core/training/held-out-training.ts';
import type {
  AddRowsOutcome,
  BundleInfo,
  CandidateInfo,
  ClassifyApi,
  NewTrainingRow,
  RowWarning,
  TrainingSetInfo,
  TrainProgress,
  TrainProgressCallback,
  TrainSettings,
} from './classify-api.ts';
import { embedderName, type BundleHost } from './bundle-host.ts';
import type { JobRunner } from './job-runner.ts';

export interface TrainingContext {
  bundles: BundleHost;
  jobs: JobRunner;
  embedderContext?: EmbedderContext;
  /** The file a candidate is tried on: the last one classified, else the bundled example; null: none. */
  effectFile(): Promise<{ input: Blob; fileName: string; example: boolean } | null>;
  /** A classifier (no LLM tier) for a bundle with the embedder in use. */
  classifierFor(bundle: ModelBundle): Promise<Classifier>;
}

type TrainingApi = Pick<
  ClassifyApi,
  | 'trainingSet'
  | 'trainingRows'
  | 'importTrainingCsv'
  | 'addTrainingRows'
  | 'renameLabel'
  | 'mergeLabels'
  | 'deleteLabel'
  | 'clearTrainingSet'
  | 'exportTrainingSet'
  | 'trainCandidate'
  | 'candidate'
  | 'discardCandidate'
  | 'saveCandidate'
  | 'listVersions'
  | 'useVersion'
  | 'deleteVersion'
  | 'exportVersion'
>;

/** Rows sent to the page per `trainingRows` call, at most. */
const MAX_PAGE = 500;

function defaultName(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `trained ${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export function createTrainingApi(ctx: TrainingContext): TrainingApi {
  let rows: TrainingRow[] | null = null;
  let candidate: { bundle: ModelBundle; metrics: WorkspaceMetrics; effect: CandidateEffect | null } | null = null;
  /** The last filtered view of the training set, reused while the set and the query are unchanged. */
  let view: { key: string; setVersion: number; indices: number[] } | null = null;
  let setVersion = 0;

  async function loadRows(): Promise<TrainingRow[]> {
    if (rows) return rows;
    const { storage } = await ctx.bundles.storage();
    rows = await storage.loadTrainingSet();
    return rows;
  }

  async function storeRows(next: TrainingRow[]): Promise<void> {
    const { storage } = await ctx.bundles.storage();
    await storage.saveTrainingSet(next);
    rows = next;
    setVersion++;
  }

  async function info(): Promise<TrainingSetInfo> {
    const all = await loadRows();
    const { bundle } = await ctx.bundles.current();
    const minSamples = bundle.thresholds.minSamples;
    const byOrigin: TrainingSetInfo['byOrigin'] = {};
    for (const row of all) byOrigin[row.origin] = (byOrigin[row.origin] ?? 0) + 1;
    return { rows: all.length, classes: classCounts(all, minSamples), minSamples, byOrigin };
  }

  async function add(incoming: NewTrainingRow[], warnings: RowWarning[] = []): Promise<AddRowsOutcome> {
    const result: AddResult = addRows(await loadRows(), incoming);
    if (result.added + result.relabelled > 0) await storeRows(result.rows);
    return {
      info: await info(),
      added: result.added,
      duplicates: result.duplicates,
      relabelled: result.relabelled,
      invalid: result.invalid,
      warnings: warnings.slice(0, 1000),
    };
  }

  async function edit(change: (all: TrainingRow[]) => TrainingRow[]): Promise<TrainingSetInfo> {
    let next: TrainingRow[];
    try {
      next = change(await loadRows());
    } catch (err) {
      // The core's RangeError messages are written for the user.
      throw new Error(err instanceof Error ? err.message : String(err));
    }
    await storeRows(next);
    return info();
  }

  /** The candidate as Save stores it: with the rules, routes and thresholds of the bundle in use as they are now. */
  function asSaved(trained: ModelBundle, inUse: ModelBundle, name = trained.name): ModelBundle {
    return { ...trained, name, thresholds: { ...inUse.thresholds }, rules: inUse.rules, sourceRoutes: inUse.sourceRoutes };
  }

  function candidateInfo(c: NonNullable<typeof candidate>): CandidateInfo {
    const b = c.bundle;
    return {
      name: b.name,
      createdAt: b.createdAt,
      embedder: embedderName(b.embedder),
      rows: Object.values(b.classCounts).reduce((a, n) => a + n, 0),
      labels: b.labels.map((label) => ({
        label,
        count: b.classCounts[label] ?? 0,
        modelled: (b.classCounts[label] ?? 0) >= b.thresholds.minSamples,
      })),
      metrics: c.metrics,
      effect: c.effect,
    };
  }

  async function versions() {
    const { storage } = await ctx.bundles.storage();
    const active = (await ctx.bundles.current()).versionId;
    return (await storage.listVersions()).map((v) => ({ ...v, active: v.id === active }));
  }

  return {
    trainingSet: info,

    async trainingRows(query: RowQuery, start: number, count: number) {
      const all = await loadRows();
      const key = JSON.stringify([query.label ?? null, (query.search ?? '').trim().toLowerCase()]);
      if (!view || view.key !== key || view.setVersion !== setVersion) view = { key, setVersion, indices: filterRows(all, query) };
      const from = Math.max(0, Math.floor(start));
      const to = Math.min(view.indices.length, from + Math.min(MAX_PAGE, Math.max(0, Math.floor(count))));
      return {
        total: view.indices.length,
        rows: view.indices.slice(from, to).map((index) => ({ index, ...all[index] })),
      };
    },

    importTrainingCsv(input: Blob, fileName: string): Promise<AddRowsOutcome> {
      return ctx.jobs.run(undefined, async ({ signal }) => {
        const read = await readLabelledRows(input, formatFromName(fileName), signal);
        return add(
          read.rows.map((row) => ({ ...row, origin: 'import' as const })),
          read.warnings,
        );
      });
    },

    addTrainingRows: (incoming: NewTrainingRow[]) => add(incoming),

    renameLabel: (from: string, to: string) => edit((all) => renameLabel(all, from, to)),
    mergeLabels: (from: string[], into: string) => edit((all) => mergeLabels(all, from, into)),
    deleteLabel: (label: string) => edit((all) => deleteLabel(all, label)),
    clearTrainingSet: () => edit(() => []),

    async exportTrainingSet(): Promise<Blob> {
      return new Blob([trainingSetCsv(await loadRows())], { type: 'text/csv' });
    },

    trainCandidate(settings: TrainSettings, onProgress: TrainProgressCallback): Promise<CandidateInfo> {
      return ctx.jobs.run<CandidateInfo, TrainProgress>(onProgress, async ({ signal, report }) => {
        const seed = Number.isFinite(settings.seed) ? Math.floor(settings.seed) : 1;
        const testFraction = settings.testFraction;
        if (!(testFraction >= 0.05 && testFraction <= 0.5)) throw new Error('The held-out share must be between 5 % and 50 %.');
        const all = await loadRows();
        if (all.length === 0) throw new Error('The training set is empty: import a labelled CSV or add corrected results first.');
        const { bundle } = await ctx.bundles.current();
        const result = await trainWithHeldOut(all, {
          name: defaultName(),
          rules: bundle.rules,
          sourceRoutes: bundle.sourceRoutes,
          minSamples: bundle.thresholds.minSamples,
          confidence: bundle.thresholds.confidence,
          embedder: bundle.embedder,
          embedderContext: ctx.embedderContext,
          testFraction,
          seed,
          signal,
          onProgress: (fraction, phase) => report({ fraction, phase }),
        });
        if (signal.aborted) throw new CancelledError();
        report({ fraction: 1, phase: 'final' });
        // Before it can replace the model in use: what it would change on the file at hand.
        const file = await ctx.effectFile();
        let effect: CandidateEffect | null = null;
        if (file) {
          effect = await candidateEffect({
            input: file.input,
            kind: formatFromName(file.fileName),
            fileName: file.fileName,
            example: file.example,
            current: await ctx.classifierFor(bundle),
            candidate: await ctx.classifierFor(asSaved(result.bundle, bundle)),
            signal,
            onProgress: (fraction) => report({ fraction, phase: 'effect' }),
          });
        }
        report.flush();
        candidate = { ...result, effect };
        return candidateInfo(candidate);
      });
    },

    async candidate() {
      return candidate ? candidateInfo(candidate) : null;
    },

    async discardCandidate() {
      candidate = null;
    },

    async saveCandidate(name: string): Promise<BundleInfo> {
      if (!candidate) throw new Error('There is no trained model to save: train first.');
      const clean = name.trim() || candidate.bundle.name;
      // The settings place is one: the bundle in use's thresholds, rules and routes as they are now
      // (the threshold may have been picked from the curve after training) go with the new version.
      const { bundle: inUse } = await ctx.bundles.current();
      const info = await ctx.bundles.addAndUse(asSaved(candidate.bundle, inUse, clean), 'trained');
      candidate = null;
      return info;
    },

    listVersions: versions,

    useVersion: (id: string) => ctx.bundles.useVersion(id),

    async deleteVersion(id: string) {
      const { storage } = await ctx.bundles.storage();
      if ((await ctx.bundles.current()).versionId === id) {
        throw new Error('This version is in use: switch to another version (or the built-in default) before deleting it.');
      }
      await storage.deleteVersion(id);
      return versions();
    },

    async exportVersion(id: string): Promise<string> {
      const { storage } = await ctx.bundles.storage();
      const stored = await storage.loadVersion(id);
      if (!stored) throw new BundleError('That bundle version no longer exists.');
      return stored.json;
    },
  };
}
