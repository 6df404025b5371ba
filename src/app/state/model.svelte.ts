/**
 * The model bundle in use, and the edits the user makes to it (rules, source routes,
 * settings, import, reset, training). The worker validates and stores; this mirrors its answers.
 */
import type { BundleInfo, RuleError, Settings } from '../../../workers/classify-api.ts';
import type { Rule, SourceRoutes } from '../../core/types.ts';
import { saveBlob } from '../download.ts';
import { callback, classifyWorker, errorMessage, isCancelled } from '../worker-client.ts';

export interface TrainingState {
  fileName: string;
  /** 0..1, or null while the rows are read. */
  fraction: number | null;
}

export class ModelState {
  info = $state.raw<BundleInfo | null>(null);
  /** Loading the bundle failed. */
  loadError = $state('');
  /** Import/export/reset error, shown in the model panel. */
  error = $state('');
  /** A short confirmation ("Bundle imported."). */
  notice = $state('');
  busy = $state(false);
  training = $state<TrainingState | null>(null);
  trainError = $state('');
  trainNotice = $state('');

  async load(): Promise<void> {
    try {
      this.info = await classifyWorker().loadBundle();
      this.loadError = '';
    } catch (err) {
      this.loadError = errorMessage(err);
    }
  }

  async exportBundle(): Promise<void> {
    await this.act(async () => {
      const json = await classifyWorker().exportBundle();
      const name = (this.info?.name || 'bundle').replace(/[^\w.-]+/g, '-');
      saveBlob(new Blob([json], { type: 'application/json' }), `${name}.logsift-bundle.json`);
      return 'Bundle exported.';
    });
  }

  async importBundle(file: File): Promise<void> {
    await this.act(async () => {
      this.info = await classifyWorker().importBundle(await file.text());
      return `Imported “${this.info.name}”. It is used from the next run on.`;
    });
  }

  async reset(): Promise<void> {
    await this.act(async () => {
      this.info = await classifyWorker().resetBundle();
      return 'Back to the built-in default bundle.';
    });
  }

  /** Returns the per-rule errors when the worker refuses the rules, [] when saved. */
  async saveRules(rules: Rule[]): Promise<RuleError[]> {
    const result = await classifyWorker().saveRules(rules.map((r) => ({ ...r })));
    if (!result.ok) return result.errors;
    this.info = result.info;
    return [];
  }

  async saveSourceRoutes(routes: SourceRoutes): Promise<void> {
    this.info = await classifyWorker().saveSourceRoutes({ ...routes });
  }

  async saveSettings(settings: Settings): Promise<void> {
    this.info = await classifyWorker().saveSettings({ ...settings });
  }

  async train(file: File): Promise<void> {
    if (this.training) return;
    this.training = { fileName: file.name, fraction: null };
    this.trainError = '';
    this.trainNotice = '';
    try {
      const outcome = await classifyWorker().train(
        file,
        file.name,
        callback((fraction: number) => {
          if (this.training) this.training = { ...this.training, fraction };
        }),
      );
      this.info = outcome.info;
      const skipped = outcome.warnings.length ? ` (${outcome.warnings.length.toLocaleString('en-US')} rows skipped)` : '';
      this.trainNotice = `Trained “${outcome.info.name}” on ${outcome.rows.toLocaleString('en-US')} rows${skipped}. It is now the current bundle.`;
    } catch (err) {
      if (isCancelled(err)) this.trainNotice = 'Training cancelled. The current bundle is unchanged.';
      else this.trainError = errorMessage(err);
    } finally {
      this.training = null;
    }
  }

  cancelTraining(): void {
    if (this.training) void classifyWorker().cancel();
  }

  private async act(fn: () => Promise<string>): Promise<void> {
    this.busy = true;
    this.error = '';
    this.notice = '';
    try {
      this.notice = await fn();
    } catch (err) {
      this.error = errorMessage(err);
    } finally {
      this.busy = false;
    }
  }
}

export const model = new ModelState();
