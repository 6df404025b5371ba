/**
 * The embedding models as the page sees them: the worker's ModelsStatus (kept fresh
 * through a watcher), importing model files, retraining the default bundle on BERT features
 * (progress, cancel), switching between the n-gram and BERT defaults, and the embedder check.
 * The worker does the work; this mirrors its answers.
 */
import type { BertDtype, EmbedResult, ModelsStatus, RetrainProgress } from '../../../workers/models-api.ts';
import { callback, classifyWorker, errorMessage, isCancelled } from '../worker-client.ts';
import { bundleState } from './bundle.svelte.ts';

export interface ImportState {
  fraction: number | null;
  label: string;
}

export interface RetrainState extends RetrainProgress {
  model: string;
}

/** A picked file with the path the worker sorts it by (a folder pick keeps "folder/onnx/model.onnx"). */
export function pickedFiles(files: FileList | File[]): { path: string; file: File }[] {
  return [...files].map((file) => ({ path: file.webkitRelativePath || file.name, file }));
}

export class EmbeddingModelsState {
  status = $state.raw<ModelsStatus | null>(null);
  importing = $state<ImportState | null>(null);
  importError = $state('');
  retraining = $state<RetrainState | null>(null);
  error = $state('');
  notice = $state('');
  embedding = $state(false);
  embedResult = $state.raw<EmbedResult | null>(null);
  embedError = $state('');
  private started = false;

  /** Subscribes to the worker's model status; retrains on a newly served model when the worker says so. */
  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    try {
      await classifyWorker().watchModels(callback((status: ModelsStatus) => (this.status = status)));
      await this.refresh();
      const auto = this.status?.autoRetrain;
      if (auto && !this.retraining) void this.retrain(auto, `The BERT model “${auto}” is installed: the default bundle is being retrained on its features.`);
    } catch (err) {
      this.error = errorMessage(err);
    }
  }

  async refresh(): Promise<void> {
    try {
      this.status = await classifyWorker().modelsStatus();
    } catch (err) {
      this.error = errorMessage(err);
    }
  }

  get busy(): boolean {
    return !!this.importing || !!this.retraining;
  }

  async importFiles(files: FileList | File[]): Promise<void> {
    const picked = pickedFiles(files);
    if (picked.length === 0 || this.busy) return;
    this.importing = { fraction: 0, label: `Checking ${picked.length} file${picked.length === 1 ? '' : 's'}` };
    this.importError = '';
    this.notice = '';
    this.error = '';
    try {
      const outcome = await classifyWorker().importModelFiles(
        picked,
        callback((fraction: number, label: string) => {
          if (this.importing) this.importing = { fraction, label };
        }),
      );
      this.status = outcome.status;
      const m = outcome.model;
      const checked = m.verified ? ', checked against logsift-model.json' : '';
      const where = outcome.status.persistent ? 'Kept in this browser’s storage.' : 'This browser gives no storage: the model lasts until the tab closes.';
      const left = outcome.ignored.length ? ` Left out: ${outcome.ignored.join('; ')}.` : '';
      this.notice = `Imported “${m.id}” (${m.dim} dimensions, ${m.files.length} files${checked}). ${where}${left}`;
      // Ask the browser to keep the files when space runs low (no prompt in most browsers).
      void navigator.storage?.persist?.().catch(() => false);
      this.importing = null;
      if (outcome.retrain) await this.retrain(m.id);
    } catch (err) {
      this.importError = errorMessage(err);
    } finally {
      this.importing = null;
    }
  }

  async retrain(modelId: string, notice = ''): Promise<void> {
    if (this.retraining) return;
    this.retraining = { model: modelId, phase: 'load', fraction: 0, label: `Loading ${modelId}` };
    this.error = '';
    if (notice) this.notice = notice;
    try {
      bundleState.info = await classifyWorker().retrainDefaultOnBert(
        modelId,
        callback((p: RetrainProgress) => {
          if (this.retraining) this.retraining = { ...p, model: modelId };
        }),
      );
      this.notice = `The default bundle was retrained on BERT features of “${modelId}” and is now in use.`;
    } catch (err) {
      if (isCancelled(err)) this.notice = 'Retraining cancelled. The bundle in use is unchanged.';
      else this.error = errorMessage(err);
    } finally {
      this.retraining = null;
      await this.refresh();
    }
  }

  cancel(): void {
    if (this.retraining) void classifyWorker().cancel();
  }

  async useBert(modelId: string): Promise<void> {
    if (this.busy) return;
    this.error = '';
    this.notice = '';
    const { versions } = await this.findBertDefault(modelId);
    if (!versions) return this.retrain(modelId);
    try {
      bundleState.info = await classifyWorker().useBertDefault(modelId);
      this.notice = `Using the default bundle on BERT features of “${modelId}”.`;
    } catch (err) {
      this.error = errorMessage(err);
    }
    await this.refresh();
  }

  private async findBertDefault(modelId: string): Promise<{ versions: boolean }> {
    const all = await classifyWorker().listVersions();
    return { versions: all.some((v) => v.embedder === 'bert' && v.name === `Default bundle · BERT ${modelId}`) };
  }

  async useNgram(): Promise<void> {
    if (this.busy) return;
    this.error = '';
    try {
      bundleState.info = await classifyWorker().useNgramDefault();
      this.notice = 'Using the built-in n-gram default bundle.';
    } catch (err) {
      this.error = errorMessage(err);
    }
    await this.refresh();
  }

  async remove(modelId: string): Promise<void> {
    this.error = '';
    try {
      this.status = await classifyWorker().deleteModel(modelId);
      this.notice = `Removed “${modelId}” from this browser’s storage.`;
    } catch (err) {
      this.error = errorMessage(err);
    }
  }

  async dismissMissing(): Promise<void> {
    await classifyWorker().dismissMissingModel();
    await this.refresh();
  }

  async embed(texts: string[], dtype: BertDtype | null): Promise<void> {
    this.embedding = true;
    this.embedError = '';
    try {
      this.embedResult = await classifyWorker().embedTexts(texts, dtype ? { dtype } : {});
    } catch (err) {
      this.embedResult = null;
      this.embedError = errorMessage(err);
    } finally {
      this.embedding = false;
    }
  }
}

export const embeddingModels = new EmbeddingModelsState();
