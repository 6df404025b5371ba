/**
 * The classify worker's service: the `ClassifyApi` over the core, with its I/O (storage, the
 * built-in bundle) passed in so that Node tests can run it. workers/classify.worker.ts exposes
 * it through comlink.
 *
 * One job at a time (a run, an output build or a training); `cancel()` aborts it through the
 * job's AbortSignal – the core yields between chunks, so the message gets through.
 */
import * as Comlink from 'comlink';
import { parseBundle, serializeBundle, type ModelBundle } from '../src/core/bundle.ts';
import { Classifier } from '../src/core/classifier.ts';
import { CancelledError } from '../src/core/errors.ts';
import { ruleEngine, ruleProblem, validateRules } from '../src/core/rules.ts';
import { runClassification } from '../src/core/run.ts';
import type { ResultBatch, RunSummary } from '../src/core/run-report.ts';
import { findColumn, MESSAGE_COLUMNS } from '../src/core/csv/columns.ts';
import { formatFromName, openChunkedInput } from '../src/core/scale/input.ts';
import { createEmbedder, type EmbedderContext } from '../src/core/features/registry.ts';
import type { Rule, SourceRoutes } from '../src/core/types.ts';
import type { BundleStorage } from '../src/storage/db.ts';
import type { BundleInfo, ClassifyApi, ProgressCallback, ResultRow, RowFilter, SaveRulesResult, Settings } from './classify-api.ts';
import { LlmRun, type LlmRunHooks } from './llm-run.ts';
import { ScaleResults } from './scale-results.ts';
import { selectedRowsBlob } from '../src/core/scale/select-rows.ts';
import { runScale, StandbyPool, type PoolDeps } from './scale-run.ts';
import { removeOldOutputs } from './output-sink.ts';
import { throttle } from './throttle.ts';
import { createWorkspaceApi } from './workspace-service.ts';
import { createModelsHost, type ModelsDeps } from './models-service.ts';
import { createStorageUsageApi } from './storage-usage.ts';
import { createPatternsApi } from './patterns-service.ts';
import { createNgramEmbedder } from '../src/core/features/ngram.ts';
import { openPatternsStore, type PatternsStore } from '../src/storage/patterns-store.ts';
import type { BundleInUse } from './bundle-in-use.ts';

export interface ServiceDeps {
  /** Where the current bundle is kept; `persistent` false when it lasts only as long as the worker. */
  storage: () => Promise<{ storage: BundleStorage; persistent: boolean; problem?: () => string | null }>;
  /** The built-in default bundle's JSON. */
  loadDefaultBundle: () => Promise<string>;
  /** Minimum time between two progress reports. */
  progressIntervalMs?: number;
  /** Embedders beyond n-grams (a BERT model) that this worker can run, for training and imports. */
  embedderContext?: EmbedderContext;
  /** BERT models: model file storage, the served list, navigator.gpu, how a runtime is built. */
  models?: ModelsDeps;
  /** The pool of workers that classify a big file's chunks (none: classify in this worker). */
  pool?: PoolDeps;
  /** The bundled example file, which a trained candidate is tried on when no file was classified yet. */
  loadExample?: () => Promise<Blob>;
  /** Where pattern discovery keeps its patterns (default: its own IndexedDB database, logsift-patterns). */
  patternsStore?: () => Promise<{ store: PatternsStore; persistent: boolean }>;
}

interface LastRun {
  input: Blob;
  fileName: string;
  column?: string;
  classifier: Classifier;
  /** Built outputs by `outputKey(explain, safe)`. */
  outputs: Map<string, Blob>;
  /** Their files in OPFS: a new run supersedes them. */
  outputNames: string[];
}

/** Which built output: with or without tier/confidence, safe (formulas neutralised) or raw. */
const outputKey = (explain: boolean, safe: boolean) => `${explain ? 'explain' : 'plain'}-${safe ? 'safe' : 'raw'}`;

export function createClassifyService(deps: ServiceDeps): ClassifyApi {
  const PROGRESS_INTERVAL_MS = deps.progressIntervalMs ?? 100;
  let storageReady: Promise<{ storage: BundleStorage; persistent: boolean; problem?: () => string | null }> | null = null;
  /** A stored bundle that could not be used, for the page to say (src/storage/storage-faults.ts has the rest). */
  let bundleProblem: string | null = null;
  let patternsStoreReady: Promise<{ store: PatternsStore; persistent: boolean }> | null = null;
  let current: BundleInUse | null = null;
  let lastRun: LastRun | null = null;
  let job: AbortController | null = null;
  /** The running classification's LLM step, which Cancel stops first. */
  let llmStep: LlmRun | null = null;
  const standbyPool = new StandbyPool(deps.pool ?? {});
  // Results of the last run: columns, with the text read back from the file.
  const results = new ScaleResults();
  const clearResults = () => results.clear();
  /** Pattern discovery's copy of the run's lines, made for the duration of one discovery. */
  let runSnapshot: { fileName: string; messages: string[]; sources: string[]; ruleMatched: Uint8Array; times: Float64Array | null } | null = null;
  // Embedding models: installed BERT models, their backend, import, retraining – workers/models-service.ts.
  const models = createModelsHost(deps.models ?? {}, {
    storage,
    currentBundle,
    addAndUse,
    useVersion,
    resetBundle: () => api.resetBundle(),
    loadDefaultBundle: deps.loadDefaultBundle,
    startJob,
    endJob,
    release,
    progressIntervalMs: PROGRESS_INTERVAL_MS,
  });
  const embedderContext = deps.embedderContext ?? models.embedderContext;

  function storage() {
    storageReady ??= deps.storage();
    return storageReady;
  }

  async function fetchDefaultBundle(): Promise<ModelBundle> {
    return parseBundle(await deps.loadDefaultBundle());
  }

  async function currentBundle(): Promise<BundleInUse> {
    if (current) return current;
    const { storage: store } = await storage();
    const id = await store.activeVersion();
    const stored = id === null ? null : await store.loadVersion(id);
    if (stored) {
      try {
        if (typeof stored.json !== 'string') throw new Error('the record has no bundle');
        current = { bundle: parseBundle(stored.json), builtIn: false, versionId: stored.id };
        return current;
      } catch (err) {
        // A stored bundle this version cannot read: fall back to the default, keep the stored one.
        console.warn('logsift: stored bundle ignored:', err);
        const reason = err instanceof Error ? err.message : String(err);
        bundleProblem = `The stored bundle version “${typeof stored.name === 'string' ? stored.name : id}” could not be read (${reason}), so the built-in default is in use. The stored version was kept: delete it under Bundle versions, or import a good bundle.`;
      }
    } else if (id !== null) {
      bundleProblem = 'The bundle version that was in use is missing from storage, so the built-in default is in use.';
    }
    current = { bundle: await fetchDefaultBundle(), builtIn: true, versionId: null };
    return current;
  }

  async function newClassifier(): Promise<Classifier> {
    // A fresh classifier (and cache) per run, so that the summary's distinct keys are the run's own.
    return classifierFor((await currentBundle()).bundle);
  }

  async function classifierFor(bundle: ModelBundle): Promise<Classifier> {
    // The bundle's embedder: a BERT bundle loads its model first (models-service records the throughput).
    const embedder = deps.models || !deps.embedderContext ? await models.embedderFor(bundle.embedder) : createEmbedder(bundle.embedder, embedderContext);
    return new Classifier(bundle, embedder);
  }

  async function effectFile(): Promise<{ input: Blob; fileName: string; example: boolean } | null> {
    if (lastRun) return { input: lastRun.input, fileName: lastRun.fileName, example: false };
    const example = await deps.loadExample?.().catch(() => null);
    return example ? { input: example, fileName: 'example-logs.csv', example: true } : null;
  }

  async function describe(c: BundleInUse): Promise<BundleInfo> {
    const { persistent, problem } = await storage();
    const notices = [problem?.() ?? null, c.builtIn ? bundleProblem : null].filter((n): n is string => !!n);
    const b = c.bundle;
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
      builtIn: c.builtIn,
      persistent,
      versionId: c.versionId,
      metrics: b.metrics,
      ...(notices.length ? { storageNotice: notices.join(' ') } : {}),
    };
  }

  function embedderName(spec: unknown): string {
    if (typeof spec === 'string') return spec;
    if (spec && typeof spec === 'object') {
      const s = spec as { id?: unknown; kind?: unknown; dim?: unknown; dimension?: unknown };
      const id = typeof s.id === 'string' ? s.id : typeof s.kind === 'string' ? s.kind : 'unknown';
      const dim = typeof s.dim === 'number' ? s.dim : typeof s.dimension === 'number' ? s.dimension : null;
      return dim ? `${id} (${dim} dimensions)` : id;
    }
    return 'unknown';
  }

  /**
   * Stores an edit of the bundle in use (rules, routes, settings): its version is updated in
   * place; an edit of the built-in default is stored as a new version ("edited") and used.
   */
  async function makeCurrent(bundle: ModelBundle): Promise<BundleInfo> {
    const { storage: store } = await storage();
    const c = await currentBundle();
    const json = serializeBundle(bundle);
    let versionId = c.versionId;
    if (versionId !== null && (await store.loadVersion(versionId))) await store.updateVersion(versionId, json);
    else {
      versionId = (await store.addVersion(json, 'edited')).id;
      await store.setActiveVersion(versionId);
    }
    current = { bundle, builtIn: false, versionId };
    return describe(current);
  }

  /** Stores `bundle` as a new version and uses it. */
  async function addAndUse(bundle: ModelBundle, origin: 'trained' | 'imported'): Promise<BundleInfo> {
    const { storage: store } = await storage();
    const meta = await store.addVersion(serializeBundle(bundle), origin);
    await store.setActiveVersion(meta.id);
    current = { bundle, builtIn: false, versionId: meta.id };
    return describe(current);
  }

  /** Uses a stored version. */
  async function useVersion(id: string): Promise<BundleInfo> {
    const { storage: store } = await storage();
    const stored = await store.loadVersion(id);
    if (!stored) throw new Error('That bundle version no longer exists.');
    const bundle = parseBundle(stored.json);
    createEmbedder(bundle.embedder, embedderContext);
    await store.setActiveVersion(id);
    current = { bundle, builtIn: false, versionId: id };
    return describe(current);
  }

  function startJob(): AbortController {
    if (job) throw new Error('Another job is still running: cancel it or wait for it to finish.');
    job = new AbortController();
    return job;
  }

  function endJob(c: AbortController): void {
    if (job === c) job = null;
  }

  function release(cb: unknown): void {
    const r = (cb as { [Comlink.releaseProxy]?: () => void } | undefined)?.[Comlink.releaseProxy];
    if (typeof r === 'function') r.call(cb);
  }

  const patternsApi = createPatternsApi({
    runRows: () => runSnapshot,
    currentRules: async () => (await currentBundle()).bundle.rules.map((r) => ({ ...r })),
    embedder: async () => {
      const spec = (await currentBundle()).bundle.embedder;
      try {
        return { embedder: createEmbedder(spec, embedderContext), name: spec.id };
      } catch {
        return { embedder: createNgramEmbedder(), name: 'ngram' };
      }
    },
    store: () => (patternsStoreReady ??= (deps.patternsStore ?? (() => openPatternsStore()))()),
    startJob,
    endJob,
    release,
    addTrainingRows: (rows) => api.addTrainingRows(rows),
    progressIntervalMs: PROGRESS_INTERVAL_MS,
  });

  const api: ClassifyApi = {
    async loadBundle() {
      const current = await currentBundle();
      // The pool's workers start now, while the page is idle, rather than when a file is dropped.
      if (current.bundle.embedder.id === 'ngram') standbyPool.prepare(current.bundle);
      return describe(current);
    },

    async classify(input: Blob, fileName: string, explain: boolean, onProgress: ProgressCallback, llm?: LlmRunHooks, options: { column?: string } = {}): Promise<RunSummary> {
      const { column } = options;
      const controller = startJob();
      const report = throttle(onProgress, PROGRESS_INTERVAL_MS);
      let llmRun: LlmRun | null = null;
      try {
        const cls = await newClassifier();
        const kind = formatFromName(fileName);
        clearResults();
        lastRun = null;
        // The last run's output files (and those of closed tabs) are superseded by this run.
        await removeOldOutputs();
        // The LLM tier (workers/llm-run.ts): for a remote LLM, a dry run and the user's confirmation first.
        if (llm) {
          const prepared = await LlmRun.prepare(llm, cls.bundle, cls, controller.signal, () =>
            runClassification({ input, kind, column, classifier: cls, explain: false, signal: controller.signal, onProgress: report }),
          );
          if (prepared && !(prepared instanceof LlmRun)) return prepared;
          llmRun = llmStep = prepared;
        }
        const collect = llmRun ? (batch: ResultBatch) => llmRun?.collect(batch) : undefined;
        // The chunked pipeline: output to OPFS, columns for the table, a pool of workers.
        const scale = await runScale(
          // safeCsv: the page exports safe by default (cells a spreadsheet would run as formulas are neutralised).
          { input, fileName, column, explain, safeCsv: true, classifier: cls, signal: controller.signal, onProgress: report, results, onResults: collect },
          standbyPool,
        );
        const { chunks: _chunks, ...rest } = scale.summary;
        const summary: RunSummary = { ...rest, workers: scale.workers, ...(llmRun?.stopped ? { llmCancelled: true } : {}) };
        const output = scale.output;
        report.flush();
        llmStep = null;
        await llmRun?.finish(summary.cancelled);
        llmRun = null;
        if (summary.cancelled || !output) {
          clearResults();
        } else {
          lastRun = { input, fileName, column, classifier: cls, outputs: new Map([[outputKey(explain, true), output]]), outputNames: scale.outputName ? [scale.outputName] : [] };
        }
        return summary;
      } catch (err) {
        clearResults();
        await llmRun?.finish(true).catch(() => {});
        throw err;
      } finally {
        llmStep = null;
        endJob(controller);
        release(onProgress);
        release(llm);
      }
    },

    async columnsOf(input: Blob, fileName: string) {
      const kind = formatFromName(fileName);
      if (kind === 'text') return { header: [], message: -1 };
      const opened = await openChunkedInput(input, kind, 64 * 1024);
      await opened.chunks.return(undefined);
      return { header: opened.format.header, message: findColumn(opened.format.header, MESSAGE_COLUMNS) };
    },

    cancel() {
      // During the LLM step, Cancel stops the LLM only: rules and the model finish the file, and
      // what they labelled is kept. Cancel again stops the run.
      if (llmStep?.stopLlm()) return 'llm';
      if (!job) return null;
      job.abort();
      return 'job';
    },

    async query(filter: RowFilter): Promise<number> {
      return results.query(filter);
    },

    async rows(start: number, count: number): Promise<ResultRow[]> {
      return results.rows(start, count);
    },

    async buildOutput(explain: boolean, onProgress?: ProgressCallback, options?: { raw?: boolean; filter?: RowFilter }): Promise<Blob> {
      if (options?.filter) {
        // The rows the results table shows: the whole output, then those rows of it.
        const output = await api.buildOutput(explain, onProgress, { raw: options.raw });
        const mask = await results.matchMask(options.filter);
        return selectedRowsBlob(output, (row) => mask[row] === 1);
      }
      const run = lastRun;
      if (!run) throw new Error('Nothing to download yet: classify a file first.');
      const safe = !options?.raw;
      const ready = run.outputs.get(outputKey(explain, safe));
      if (ready) {
        release(onProgress);
        return ready;
      }
      const controller = startJob();
      const report = onProgress ? throttle(onProgress, PROGRESS_INTERVAL_MS) : undefined;
      try {
        const scale = await runScale(
          { input: run.input, fileName: run.fileName, column: run.column, explain, safeCsv: safe, classifier: run.classifier, signal: controller.signal, onProgress: report, results: null },
          standbyPool,
        );
        const blob = scale.output;
        report?.flush();
        if (!blob) throw new CancelledError();
        run.outputs.set(outputKey(explain, safe), blob);
        if (scale.outputName) run.outputNames.push(scale.outputName);
        return blob;
      } finally {
        endJob(controller);
        release(onProgress);
      }
    },

    async clearOutputs(): Promise<number> {
      if (job) throw new Error('A job is running: wait for it or cancel it before deleting the classified files.');
      // A later download builds its file again from the run.
      if (lastRun) {
        lastRun.outputs.clear();
        lastRun.outputNames = [];
      }
      return removeOldOutputs();
    },

    async exportBundle(): Promise<string> {
      return serializeBundle((await currentBundle()).bundle);
    },

    async importBundle(json: string): Promise<BundleInfo> {
      const bundle = parseBundle(json);
      // Refuse a bundle whose embedder (a BERT model) is not installed here, with the reason.
      createEmbedder(bundle.embedder, embedderContext);
      return addAndUse(bundle, 'imported');
    },

    async resetBundle(): Promise<BundleInfo> {
      const { storage: store } = await storage();
      await store.setActiveVersion(null);
      bundleProblem = null;
      current = { bundle: await fetchDefaultBundle(), builtIn: true, versionId: null };
      return describe(current);
    },

    async saveRules(rules: Rule[]): Promise<SaveRulesResult> {
      const clean = rules.map((r) => ({ pattern: r.pattern, flags: r.flags, label: r.label.trim(), enabled: r.enabled }));
      const errors = validateRules(clean);
      if (errors.length > 0) return { ok: false, errors };
      const { bundle } = await currentBundle();
      return { ok: true, info: await makeCurrent({ ...bundle, rules: clean }) };
    },

    async ruleEngines(rules: Rule[]) {
      return rules.map((r) => (ruleProblem(r) ? null : ruleEngine(r)));
    },

    async saveSourceRoutes(routes: SourceRoutes): Promise<BundleInfo> {
      const clean: SourceRoutes = {};
      for (const [source, target] of Object.entries(routes)) {
        const name = source.trim();
        if (name && target === 'llm') clean[name] = 'llm';
      }
      const { bundle } = await currentBundle();
      return makeCurrent({ ...bundle, sourceRoutes: clean });
    },

    async saveSettings(settings: Settings): Promise<BundleInfo> {
      const minSamples = Math.floor(settings.minSamples);
      const confidence = settings.confidence;
      if (!Number.isFinite(minSamples) || minSamples < 0) throw new Error('Minimum samples must be a whole number, 0 or more.');
      if (!Number.isFinite(confidence) || confidence < 0 || confidence > 1) throw new Error('Confidence threshold must be between 0 and 1.');
      const { bundle } = await currentBundle();
      return makeCurrent({ ...bundle, thresholds: { ...bundle.thresholds, minSamples, confidence } });
    },

    ...models.api,

    // The Storage panel's sizes (workers/storage-usage.ts).
    ...createStorageUsageApi({ storage, patternsStore: () => (patternsStoreReady ??= (deps.patternsStore ?? (() => openPatternsStore()))()) }),

    ...createWorkspaceApi({
      storage,
      currentBundle,
      describe,
      addAndUse,
      useVersion,
      startJob,
      endJob,
      release,
      progressIntervalMs: PROGRESS_INTERVAL_MS,
      embedderContext,
      effectFile,
      classifierFor,
    }),

    ...patternsApi,
    // The run's lines are read back from the file for one discovery, then dropped.
    async discoverFromRun(...args: Parameters<typeof patternsApi.discoverFromRun>) {
      runSnapshot = lastRun ? { fileName: lastRun.fileName, ...(await results.snapshot()) } : null;
      try {
        return await patternsApi.discoverFromRun(...args);
      } finally {
        runSnapshot = null;
      }
    },
  };

  return api;
}
