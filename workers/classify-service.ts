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
import { validateRules } from '../src/core/rules.ts';
import { inputKindFromName, runClassification, type RowWarning, type RunSummary } from '../src/core/run.ts';
import { readLabelledRows, trainBundle, type LabelledRow } from '../src/core/train.ts';
import type { Rule, SourceRoutes } from '../src/core/types.ts';
import type { BundleStorage } from '../src/storage/db.ts';
import type {
  BundleInfo,
  ClassifyApi,
  FractionCallback,
  ProgressCallback,
  ResultRow,
  RowFilter,
  SaveRulesResult,
  Settings,
  TrainOutcome,
} from './classify-api.ts';
import { OutputCollector } from './output-collector.ts';
import { ResultStore } from './results-store.ts';
import { throttle } from './throttle.ts';

export interface ServiceDeps {
  /** Where the current bundle is kept; `persistent` false when it lasts only as long as the worker. */
  storage: () => Promise<{ storage: BundleStorage; persistent: boolean }>;
  /** The built-in default bundle's JSON. */
  loadDefaultBundle: () => Promise<string>;
  /** Minimum time between two progress reports. */
  progressIntervalMs?: number;
}

interface Current {
  bundle: ModelBundle;
  builtIn: boolean;
}

interface LastRun {
  input: Blob;
  kind: 'csv' | 'text';
  classifier: Classifier;
  outputs: Map<boolean, Blob>;
}

export function createClassifyService(deps: ServiceDeps): ClassifyApi {
  const PROGRESS_INTERVAL_MS = deps.progressIntervalMs ?? 100;
  let storageReady: Promise<{ storage: BundleStorage; persistent: boolean }> | null = null;
  let current: Current | null = null;
  let lastRun: LastRun | null = null;
  let job: AbortController | null = null;
  const results = new ResultStore();

  function storage() {
    storageReady ??= deps.storage();
    return storageReady;
  }

  async function fetchDefaultBundle(): Promise<ModelBundle> {
    return parseBundle(await deps.loadDefaultBundle());
  }

  async function currentBundle(): Promise<Current> {
    if (current) return current;
    const { storage: store } = await storage();
    const stored = await store.loadCurrent();
    if (stored) {
      try {
        current = { bundle: parseBundle(stored.json), builtIn: false };
        return current;
      } catch (err) {
        // A stored bundle this version cannot read: fall back to the default, keep the stored one.
        console.warn('logsift: stored bundle ignored:', err);
      }
    }
    current = { bundle: await fetchDefaultBundle(), builtIn: true };
    return current;
  }

  async function newClassifier(): Promise<Classifier> {
    const { bundle } = await currentBundle();
    // A fresh classifier (and cache) per run, so that the summary's distinct keys are the run's own.
    return new Classifier(bundle);
  }

  async function describe(c: Current): Promise<BundleInfo> {
    const { persistent } = await storage();
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

  /** Makes `bundle` the current one and stores it. */
  async function makeCurrent(bundle: ModelBundle): Promise<BundleInfo> {
    const { storage: store } = await storage();
    await store.saveCurrent(serializeBundle(bundle));
    current = { bundle, builtIn: false };
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

  function baseName(fileName: string): string {
    const name = fileName.replace(/^.*[\\/]/, '');
    const dot = name.lastIndexOf('.');
    return dot > 0 ? name.slice(0, dot) : name || 'bundle';
  }

  const api: ClassifyApi = {
    async loadBundle() {
      return describe(await currentBundle());
    },

    async classify(input: Blob, fileName: string, explain: boolean, onProgress: ProgressCallback): Promise<RunSummary> {
      const controller = startJob();
      const report = throttle(onProgress, PROGRESS_INTERVAL_MS);
      try {
        const cls = await newClassifier();
        const kind = inputKindFromName(fileName);
        results.clear();
        lastRun = null;
        const out = new OutputCollector();
        const summary = await runClassification({
          input,
          kind,
          classifier: cls,
          explain,
          signal: controller.signal,
          onProgress: report,
          onOutput: (chunk) => out.push(chunk),
          onResults: (batch) => results.append(batch.startIndex, batch.records, batch.results),
        });
        report.flush();
        if (summary.cancelled) {
          results.clear();
        } else {
          lastRun = { input, kind, classifier: cls, outputs: new Map([[explain, out.finish()]]) };
        }
        return summary;
      } catch (err) {
        results.clear();
        throw err;
      } finally {
        endJob(controller);
        release(onProgress);
      }
    },

    cancel() {
      job?.abort();
    },

    async query(filter: RowFilter): Promise<number> {
      return results.query(filter);
    },

    async rows(start: number, count: number): Promise<ResultRow[]> {
      return results.rows(start, count);
    },

    async buildOutput(explain: boolean, onProgress?: ProgressCallback): Promise<Blob> {
      const run = lastRun;
      if (!run) throw new Error('Nothing to download yet: classify a file first.');
      const ready = run.outputs.get(explain);
      if (ready) {
        release(onProgress);
        return ready;
      }
      const controller = startJob();
      const report = onProgress ? throttle(onProgress, PROGRESS_INTERVAL_MS) : undefined;
      try {
        const out = new OutputCollector();
        const summary = await runClassification({
          input: run.input,
          kind: run.kind,
          classifier: run.classifier,
          explain,
          signal: controller.signal,
          onProgress: report,
          onOutput: (chunk) => out.push(chunk),
        });
        report?.flush();
        if (summary.cancelled) throw new CancelledError();
        const blob = out.finish();
        run.outputs.set(explain, blob);
        return blob;
      } finally {
        endJob(controller);
        release(onProgress);
      }
    },

    async exportBundle(): Promise<string> {
      return serializeBundle((await currentBundle()).bundle);
    },

    async importBundle(json: string): Promise<BundleInfo> {
      return makeCurrent(parseBundle(json));
    },

    async resetBundle(): Promise<BundleInfo> {
      const { storage: store } = await storage();
      await store.clearCurrent();
      current = { bundle: await fetchDefaultBundle(), builtIn: true };
        return describe(current);
    },

    async saveRules(rules: Rule[]): Promise<SaveRulesResult> {
      const clean = rules.map((r) => ({ pattern: r.pattern, flags: r.flags, label: r.label.trim(), enabled: r.enabled }));
      const errors = validateRules(clean);
      if (errors.length > 0) return { ok: false, errors };
      const { bundle } = await currentBundle();
      return { ok: true, info: await makeCurrent({ ...bundle, rules: clean }) };
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

    async train(input: Blob, fileName: string, onProgress: FractionCallback): Promise<TrainOutcome> {
      const controller = startJob();
      const report = throttle(onProgress, PROGRESS_INTERVAL_MS);
      try {
        const { bundle } = await currentBundle();
        let trained: ModelBundle;
        let rows: LabelledRow[];
        let warnings: RowWarning[];
        try {
          ({ rows, warnings } = await readLabelledRows(input, inputKindFromName(fileName), controller.signal));
          trained = await trainBundle(rows, {
            name: baseName(fileName),
            rules: bundle.rules,
            sourceRoutes: bundle.sourceRoutes,
            minSamples: bundle.thresholds.minSamples,
            confidence: bundle.thresholds.confidence,
            onProgress: report,
            signal: controller.signal,
          });
        } catch (err) {
          if (controller.signal.aborted) throw new CancelledError();
          throw err;
        }
        if (controller.signal.aborted) throw new CancelledError();
        report(1);
        report.flush();
        return { info: await makeCurrent(trained), rows: rows.length, warnings };
      } finally {
        endJob(controller);
        release(onProgress);
      }
    },
  };

  return api;
}
