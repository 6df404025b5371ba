/**
 * The LLM tier in the page: its settings (mirrored from the LLM worker, which holds them and the
 * API key), WebGPU and the local models, the run hooks handed to the classify worker (with the
 * confirmation before anything is sent), the run's LLM progress and totals, and the review list.
 */
import * as Comlink from 'comlink';
import { LOCAL_MODELS } from '../../core/llm/models.ts';
import { decide, decisionOf } from '../../core/llm/review.ts';
import type {
  CustomRedaction,
  DownloadProgress,
  LlmProgress,
  LlmRunStats,
  LlmSettings,
  LlmStatus,
  RedactionPreview,
  RedactionRuleView,
  RemoteModel,
  WebGpuInfo,
} from '../../../workers/llm-api.ts';
import type { LlmConfirmation, LlmReviewItem, LlmRunHooks, LlmRunPhase } from '../../../workers/llm-run.ts';
import { formatInt } from '../format.ts';
import { llmDeathMessage, llmWorker, onLlmWorkerError } from '../llm-client.ts';
import { WorkerStoppedError, type WorkerDeath } from '../supervised-worker.ts';
import { errorMessage, isCancelled } from '../worker-client.ts';
import { trainingState } from './training.svelte.ts';

const plural = (n: number, one: string, many = `${one}s`) => `${formatInt(n)} ${n === 1 ? one : many}`;

export interface PendingConfirmation {
  info: LlmConfirmation;
  answer(ok: boolean): void;
}

export class LlmState {
  status = $state.raw<LlmStatus | null>(null);
  loadError = $state('');
  /** Settings/key errors and notices, shown in the LLM panel. */
  error = $state('');
  notice = $state('');
  busy = $state(false);

  gpu = $state.raw<WebGpuInfo | null>(null);
  /** Which local models are stored in the browser. */
  stored = $state.raw<Record<string, boolean>>({});
  download = $state.raw<DownloadProgress | null>(null);
  downloading = $state(false);
  downloadError = $state('');
  /** navigator.storage.persisted(): null unknown. */
  persisted = $state<boolean | null>(null);
  storage = $state.raw<{ usage: number; quota: number } | null>(null);

  /** The built-in redaction rules with their examples (loaded with the remote settings). */
  redactionRules = $state.raw<RedactionRuleView[]>([]);

  remoteModels = $state.raw<RemoteModel[]>([]);
  modelsBusy = $state(false);
  modelsError = $state('');

  // The current run.
  phase = $state<LlmRunPhase | null>(null);
  progress = $state.raw<LlmProgress | null>(null);
  confirmation = $state.raw<PendingConfirmation | null>(null);
  stats = $state.raw<LlmRunStats | null>(null);
  runNotice = $state('');
  /** A run notice that reports a failure (calls that failed, a server given up on) reads as one. */
  runNoticeFailed = $state(false);

  review = $state.raw<LlmReviewItem[]>([]);
  reviewNotice = $state('');
  reviewError = $state('');

  get settings(): LlmSettings | null {
    return this.status?.settings ?? null;
  }

  /**
   * Follows the LLM worker's supervision (src/app/llm-client.ts): after it died, ends what was
   * waiting on it, says what happened, and – once a fresh worker runs – reads the settings again.
   * Returns a function that stops watching.
   */
  watchWorker(): () => void {
    return onLlmWorkerError((_message, death) => this.afterWorkerDeath(death));
  }

  afterWorkerDeath(death: WorkerDeath): void {
    const message = llmDeathMessage(death, this.status);
    // Whatever waited on the old worker has already failed with its message; end it here.
    this.busy = false;
    this.downloading = false;
    this.download = null;
    this.modelsBusy = false;
    this.confirmation?.answer(false);
    this.confirmation = null;
    this.phase = null;
    this.progress = null;
    this.notice = '';
    this.error = message;
    if (death.restarted) void this.load();
  }

  async load(): Promise<void> {
    try {
      this.status = await llmWorker().status();
      this.loadError = '';
      if (this.status.settings.mode === 'local') await this.checkLocal();
    } catch (err) {
      this.loadError = errorMessage(err);
    }
  }

  /** WebGPU, and – where it exists – which models are stored; storage use and persistence. */
  async checkLocal(): Promise<void> {
    this.gpu ??= await llmWorker().detectWebGpu();
    if (this.gpu.available) {
      const ids = LOCAL_MODELS.map((m) => m.id);
      if (this.status?.settings.selfHosted) ids.push(this.status.settings.selfHosted.id);
      this.stored = await llmWorker().storedModels(ids);
    }
    try {
      this.persisted = (await navigator.storage?.persisted?.()) ?? null;
      const estimate = await navigator.storage?.estimate?.();
      this.storage = estimate ? { usage: estimate.usage ?? 0, quota: estimate.quota ?? 0 } : null;
    } catch {
      this.storage = null;
    }
  }

  private async act(fn: () => Promise<string | void>): Promise<boolean> {
    this.busy = true;
    this.error = '';
    this.notice = '';
    try {
      this.notice = (await fn()) ?? '';
      return true;
    } catch (err) {
      // A worker that died mid-call: afterWorkerDeath already said more than the bare rejection.
      if (!(err instanceof WorkerStoppedError && this.error)) this.error = errorMessage(err);
      return false;
    } finally {
      this.busy = false;
    }
  }

  saveSettings(settings: LlmSettings, notice = 'LLM settings saved. They apply to the next run.'): Promise<boolean> {
    return this.act(async () => {
      const keyOrigin = this.status?.keyOrigin ?? null;
      this.status = await llmWorker().saveSettings($state.snapshot(settings) as LlmSettings);
      if (this.status.settings.mode === 'local') await this.checkLocal();
      if (keyOrigin && !this.status.keySet) {
        return `${notice ? `${notice} ` : ''}The API key entered for ${keyOrigin} was forgotten: the base URL now points to ${new URL(this.status.settings.remote.baseUrl).origin}. Enter the key for that server.`;
      }
      return notice;
    });
  }

  /** The key goes to the LLM worker (for the origin of `baseUrl`, the URL typed with it) and is not kept in the page. */
  setKey(key: string, remember: boolean, baseUrl: string): Promise<boolean> {
    return this.act(async () => {
      this.status = await llmWorker().setApiKey(key, remember, baseUrl);
      const where = this.status.keyOrigin ? ` for ${this.status.keyOrigin}` : '';
      return remember ? `API key${where} kept on this device.` : `API key${where} held until this tab closes.`;
    });
  }

  async loadRedactionRules(): Promise<void> {
    if (this.redactionRules.length) return;
    try {
      this.redactionRules = await llmWorker().redactionRules();
    } catch (err) {
      this.error = errorMessage(err);
    }
  }

  /** Lines as they would be masked and sent with the built-in rules and `custom`; throws a RangeError for a rule that cannot be used. */
  previewRedaction(lines: string[], custom: CustomRedaction[]): Promise<RedactionPreview[]> {
    return llmWorker().previewRedaction(lines, $state.snapshot(custom) as CustomRedaction[]);
  }

  forgetKey(): Promise<boolean> {
    return this.act(async () => {
      this.status = await llmWorker().forgetApiKey();
      return 'API key forgotten.';
    });
  }

  async fetchModels(): Promise<void> {
    this.modelsBusy = true;
    this.modelsError = '';
    try {
      this.remoteModels = await llmWorker().listRemoteModels();
      if (this.remoteModels.length === 0) this.modelsError = 'The server lists no models.';
    } catch (err) {
      this.remoteModels = [];
      this.modelsError = errorMessage(err);
    } finally {
      this.modelsBusy = false;
    }
  }

  async loadModel(): Promise<void> {
    this.downloading = true;
    this.downloadError = '';
    this.download = { fraction: 0, text: 'Starting…' };
    try {
      this.status = await llmWorker().loadLocalModel(Comlink.proxy((p: DownloadProgress) => (this.download = p)));
      this.notice = 'The local model is loaded and used from the next run.';
      await this.checkLocal();
    } catch (err) {
      this.downloadError = isCancelled(err) ? 'Download cancelled.' : errorMessage(err);
    } finally {
      this.downloading = false;
      this.download = null;
    }
  }

  cancelLoad(): void {
    // A worker that died has nothing to cancel (its message is shown already).
    llmWorker().cancelLoad().catch(() => {});
  }

  unloadModel(): Promise<boolean> {
    return this.act(async () => {
      this.status = await llmWorker().unloadLocalModel();
      return 'The local model was unloaded from the GPU.';
    });
  }

  deleteModel(id: string): Promise<boolean> {
    return this.act(async () => {
      this.status = await llmWorker().deleteLocalModel(id);
      this.stored = { ...this.stored, [id]: false };
      await this.checkLocal();
      return 'The stored model was deleted from this browser.';
    });
  }

  /** "Keep for offline use": asks the browser not to evict this site's storage. */
  async keepOffline(): Promise<void> {
    this.error = '';
    try {
      const granted = (await navigator.storage?.persist?.()) ?? false;
      this.persisted = granted;
      this.notice = granted
        ? 'Stored models are kept for offline use: the browser will not evict them.'
        : 'The browser did not grant persistent storage (it decides by site engagement); stored models may be evicted when space runs low.';
    } catch (err) {
      this.error = errorMessage(err);
    }
  }

  clearAnswers(): Promise<boolean> {
    return this.act(async () => {
      this.status = await llmWorker().clearAnswers();
      return 'Cached LLM answers cleared: the next run asks again.';
    });
  }

  // ---- A run ----

  /** The hooks for the classify worker's next run (a comlink proxy), or undefined when the LLM is off. */
  runHooks(): LlmRunHooks | undefined {
    // What the last run said about the LLM goes, whether or not this run uses it.
    this.phase = null;
    this.progress = null;
    this.stats = null;
    this.runNotice = '';
    this.runNoticeFailed = false;
    this.review = [];
    this.reviewNotice = '';
    this.reviewError = '';
    if (!this.status || this.status.settings.mode === 'off') return undefined;
    const hooks: LlmRunHooks = {
      begin: async (bundle) => {
        const status = (this.status = await llmWorker().status());
        if (!status.ready) {
          // Without WebGPU a local model cannot run at all: the LLM panel says so once, not every run.
          const noGpu = status.settings.mode === 'local' && this.gpu?.available === false;
          if (status.notReady && !noGpu) this.runNotice = `The LLM tier was not used. ${status.notReady}`;
          return null;
        }
        return llmWorker().beginRun(bundle, Comlink.proxy((p: LlmProgress) => (this.progress = p)));
      },
      count: (keys) => llmWorker().countKeys(keys),
      confirm: (info) =>
        new Promise<boolean>((resolve) => {
          this.confirmation = {
            info,
            answer: (ok) => {
              this.confirmation = null;
              // The LLM worker sends nothing before it hears this.
              if (ok) void llmWorker().confirmRun().then(() => resolve(true), () => resolve(false));
              else resolve(false);
            },
          };
        }),
      classifyKeys: (keys) => llmWorker().classifyKeys(keys),
      cancel: async () => llmWorker().cancelRun(),
      phase: async (phase) => {
        this.phase = phase;
      },
      finish: async (outcome) => {
        this.phase = null;
        this.confirmation = null;
        this.review = outcome.review;
        const stats = (this.stats = await llmWorker().endRun());
        this.runNoticeFailed = !outcome.declined && !!stats?.failed;
        if (outcome.declined) this.runNotice = 'Nothing was sent to the LLM: the lines for it stay Unclassified.';
        else if (stats?.stopped) {
          this.runNotice = `${stats.stopped} ${plural(stats.skipped, 'message')} not sent; their lines stay Unclassified (tier llm-pending). Check that the server runs, then classify again: answers already received are cached.`;
        } else if (stats?.lastError && stats.failed) this.runNotice = `${plural(stats.failed, 'message')} could not be labelled by the LLM: ${stats.lastError}`;
        this.status = await llmWorker().status();
      },
    };
    return Comlink.proxy(hooks);
  }

  /** The run was cancelled from the page: close the confirmation, stop the calls. */
  cancelRun(): void {
    this.confirmation?.answer(false);
    if (this.status && this.status.settings.mode !== 'off') llmWorker().cancelRun().catch(() => {});
  }

  // ---- The review list ----

  /**
   * Accepts the LLM's label, or corrects it: the item's lines join the training set, and the
   * decision is kept, so that later runs give those lines this label and never ask the LLM again.
   */
  async decideItem(key: string, label: string | null): Promise<void> {
    const item = this.review.find((i) => i.key === key);
    if (!item) return;
    this.reviewError = '';
    this.reviewNotice = '';
    const chosen = (label ?? item.label).trim();
    const before = trainingState.set?.classes.find((c) => c.label === chosen)?.count ?? 0;
    try {
      const decided = decide(this.review, key, label === null ? { status: 'accepted' } : { status: 'corrected', label: chosen }) as LlmReviewItem[];
      await this.keep(decided, key);
      const notice = await trainingState.addRows(item.lines.map((line) => ({ message: line.message, source: line.source, label: chosen, origin: 'review' as const })));
      this.review = decided;
      const set = trainingState.set;
      const after = set?.classes.find((c) => c.label === chosen)?.count ?? before;
      const minSamples = set?.minSamples ?? 10;
      const grad =
        before < minSamples && after >= minSamples
          ? ` “${chosen}” now has ${plural(after, 'example')} (at least ${minSamples}): retrain in the Training tab and the model tier predicts it.`
          : after < minSamples
            ? ` “${chosen}” has ${plural(after, 'example')}; ${formatInt(minSamples - after)} more and retraining moves it into the model tier.`
            : '';
      this.reviewNotice = `${notice}${grad}`;
    } catch (err) {
      this.reviewError = errorMessage(err);
    }
  }

  /** Rejects the LLM's label: its lines are Unclassified in later runs too, and not sent again. */
  async reject(key: string): Promise<void> {
    this.reviewError = '';
    this.reviewNotice = '';
    try {
      const decided = decide(this.review, key, { status: 'rejected' }) as LlmReviewItem[];
      await this.keep(decided, key);
      this.review = decided;
      this.reviewNotice = 'Rejected: its lines stay Unclassified in later runs, and the LLM is not asked about them again.';
    } catch (err) {
      this.reviewError = errorMessage(err);
    }
  }

  /** Stores the decision the list now holds for `key` (the LLM worker keeps it beside the answers). */
  private async keep(items: LlmReviewItem[], key: string): Promise<void> {
    const decision = decisionOf(items.find((i) => i.key === key)!);
    if (decision) await llmWorker().recordReview(key, decision);
  }
}

export const llm = new LlmState();
