/**
 * The classify worker's service: the `ClassifyApi` over the core, with its I/O (storage, the
 * built-in bundle) passed in so that Node tests can run it. workers/classify.worker.ts exposes
 * it through comlink.
 *
 * The state its parts share has two owners: the bundle in use and its storage (BundleHost,
 * workers/bundle-host.ts) and the one job at a time (JobRunner, workers/job-runner.ts) – a run, an
 * output build, a training, a discovery; `cancel()` aborts it through the job's AbortSignal (the
 * core yields between chunks, so the message gets through). The parts: the training workspace
 * (training-service.ts), embedding models (models-service.ts), pattern discovery
 * (patterns-service.ts) and the Storage panel's sizes (storage-usage.ts).
 */
import { parseBundle, serializeBundle, type ModelBundle } from '../src/core/bundle.ts';
import { Classifier } from '../src/core/classifier.ts';
import { CancelledError } from '../src/core/errors.ts';
import { ruleEngine, ruleProblem, validateRules } from '../src/core/rules/rules.ts';
import { runClassification } from '../src/core/run.ts';
import type { ResultBatch, RunSummary } from '../src/core/run-report.ts';
import { findColumn, MESSAGE_COLUMNS } from '../src/core/csv/columns.ts';
import { formatFromName, openChunkedInput } from '../src/core/scale/input.ts';
import { createEmbedder, type EmbedderContext } from '../src/core/features/registry.ts';
import type { Rule, SourceRoutes } from '../src/core/types.ts';
import { openPatternsStore, type PatternsStore } from '../src/storage/patterns-store.ts';
import { BundleHost, type StorageAccess } from './bundle-host.ts';
import type { BundleInfo, ClassifyApi, ProgressCallback, ResultRow, RowFilter, SaveRulesResult, Settings } from './classify-api.ts';
import { JobRunner } from './job-runner.ts';
import { LlmRun, type LlmRunHooks } from './llm-run.ts';
import { createModelsHost, type ModelsDeps } from './models-service.ts';
import { removeOldOutputs } from './output-sink.ts';
import { createPatternsApi, type RunRows } from './patterns-service.ts';
import { ScaleResults } from './scale-results.ts';
import { selectedRowsBlob } from '../src/core/scale/select-rows.ts';
import { runScale, StandbyPool, type PoolDeps } from './scale-run.ts';
import type { PoolPort } from '../src/core/scale/pool.ts';
import { createStorageUsageApi } from './storage-usage.ts';
import { createTrainingApi } from './training-service.ts';

export interface ServiceDeps {
  /** Where the current bundle is kept; `persistent` false when it lasts only as long as the worker. */
  storage: () => Promise<StorageAccess>;
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
  /** Lines whose text pattern discovery keeps in memory (default 200,000; a uniform sample of a bigger file). */
  patternLinesKept?: number;
  /** Workers that mask and key a big discovery's lines (mine-pool.ts); none: it is mined here. */
  mineWorkers?: () => PoolPort[];
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
  const jobs = new JobRunner(deps.progressIntervalMs ?? 100);
  let patternsStoreReady: Promise<{ store: PatternsStore; persistent: boolean }> | null = null;
  const patternsStore = () => (patternsStoreReady ??= (deps.patternsStore ?? (() => openPatternsStore()))());
  let lastRun: LastRun | null = null;
  /** The running classification's LLM step, which Cancel stops first. */
  let llmStep: LlmRun | null = null;
  const standbyPool = new StandbyPool(deps.pool ?? {});
  // Results of the last run: columns, with the text read back from the file.
  const results = new ScaleResults();
  const clearResults = () => results.clear();
  // The embedder context is asked for when a version is put in use: the models part, built with the bundles, provides it.
  const bundles = new BundleHost({ storage: deps.storage, loadDefaultBundle: deps.loadDefaultBundle, embedderContext: () => embedderContext });
  // Embedding models: installed BERT models, their backend, import, retraining – workers/models-service.ts.
  const models = createModelsHost(deps.models ?? {}, { bundles, jobs });
  const embedderContext = deps.embedderContext ?? models.embedderContext;

  async function newClassifier(): Promise<Classifier> {
    // A fresh classifier (and cache) per run, so that the summary's distinct keys are the run's own.
    return classifierFor((await bundles.current()).bundle);
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

  const trainingApi = createTrainingApi({ bundles, jobs, embedderContext, effectFile, classifierFor });

  const patternsApi = createPatternsApi({
    bundles,
    jobs,
    // The run's rows for one discovery: its columns, and its text read back from the file as it is mined.
    runRows: (): RunRows | null => (lastRun ? { fileName: lastRun.fileName, ...results.readBack() } : null),
    linesKept: deps.patternLinesKept,
    mineWorkers: deps.mineWorkers,
    embedderContext,
    store: patternsStore,
    addTrainingRows: (rows) => trainingApi.addTrainingRows(rows),
  });

  const api: ClassifyApi = {
    async loadBundle() {
      const current = await bundles.current();
      // The pool's workers start now, while the page is idle, rather than when a file is dropped.
      if (current.bundle.embedder.id === 'ngram') standbyPool.prepare(current.bundle);
      return bundles.describe(current);
    },

    async classify(input: Blob, fileName: string, explain: boolean, onProgress: ProgressCallback, llm?: LlmRunHooks, options: { column?: string } = {}): Promise<RunSummary> {
      const { column } = options;
      let llmRun: LlmRun | null = null;
      // Errors pass as they are: a cancelled run still answers its summary (`cancelled`).
      return jobs.run(
        onProgress,
        async ({ signal, report }) => {
          try {
            const cls = await newClassifier();
            const kind = formatFromName(fileName);
            clearResults();
            lastRun = null;
            // The last run's output files (and those of closed tabs) are superseded by this run.
            await removeOldOutputs();
            // The LLM tier (workers/llm-run.ts): for a remote LLM, a dry run and the user's confirmation first.
            if (llm) {
              const prepared = await LlmRun.prepare(llm, cls.bundle, cls, signal, () =>
                runClassification({ input, kind, column, classifier: cls, explain: false, signal, onProgress: report }),
              );
              if (prepared && !(prepared instanceof LlmRun)) return prepared;
              llmRun = llmStep = prepared;
            }
            const collect = llmRun ? (batch: ResultBatch) => llmRun?.collect(batch) : undefined;
            // The chunked pipeline: output to OPFS, columns for the table, a pool of workers.
            const scale = await runScale(
              // safeCsv: the page exports safe by default (cells a spreadsheet would run as formulas are neutralised).
              { input, fileName, column, explain, safeCsv: true, classifier: cls, signal, onProgress: report, results, onResults: collect },
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
          }
        },
        { release: [llm], cancelledOnAbort: false },
      );
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
      return jobs.abort() ? 'job' : null;
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
        jobs.release(onProgress);
        return ready;
      }
      return jobs.run(
        onProgress,
        async ({ signal, report }) => {
          const scale = await runScale(
            { input: run.input, fileName: run.fileName, column: run.column, explain, safeCsv: safe, classifier: run.classifier, signal, onProgress: onProgress && report, results: null },
            standbyPool,
          );
          const blob = scale.output;
          if (!blob) throw new CancelledError();
          run.outputs.set(outputKey(explain, safe), blob);
          if (scale.outputName) run.outputNames.push(scale.outputName);
          return blob;
        },
        { cancelledOnAbort: false },
      );
    },

    async clearOutputs(): Promise<number> {
      if (jobs.busy) throw new Error('A job is running: wait for it or cancel it before deleting the classified files.');
      // A later download builds its file again from the run.
      if (lastRun) {
        lastRun.outputs.clear();
        lastRun.outputNames = [];
      }
      return removeOldOutputs();
    },

    async exportBundle(): Promise<string> {
      return serializeBundle((await bundles.current()).bundle);
    },

    async importBundle(json: string): Promise<BundleInfo> {
      const bundle = parseBundle(json);
      // Refuse a bundle whose embedder (a BERT model) is not installed here, with the reason.
      bundles.requireEmbedder(bundle.embedder);
      return bundles.addAndUse(bundle, 'imported');
    },

    resetBundle: () => bundles.reset(),

    async saveRules(rules: Rule[]): Promise<SaveRulesResult> {
      const clean = rules.map((r) => ({ pattern: r.pattern, flags: r.flags, label: r.label.trim(), enabled: r.enabled }));
      const errors = validateRules(clean);
      if (errors.length > 0) return { ok: false, errors };
      const { bundle } = await bundles.current();
      return { ok: true, info: await bundles.makeCurrent({ ...bundle, rules: clean }) };
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
      const { bundle } = await bundles.current();
      return bundles.makeCurrent({ ...bundle, sourceRoutes: clean });
    },

    async saveSettings(settings: Settings): Promise<BundleInfo> {
      const minSamples = Math.floor(settings.minSamples);
      const confidence = settings.confidence;
      if (!Number.isFinite(minSamples) || minSamples < 0) throw new Error('Minimum samples must be a whole number, 0 or more.');
      if (!Number.isFinite(confidence) || confidence < 0 || confidence > 1) throw new Error('Confidence threshold must be between 0 and 1.');
      const { bundle } = await bundles.current();
      return bundles.makeCurrent({ ...bundle, thresholds: { ...bundle.thresholds, minSamples, confidence } });
    },

    ...models.api,

    // The Storage panel's sizes (workers/storage-usage.ts).
    ...createStorageUsageApi({ storage: () => bundles.storage(), patternsStore }),

    ...trainingApi,

    ...patternsApi,
  };

  return api;
}
