/**
 * The model bundle in use, and the edits the user makes to it (rules, source routes,
 * settings, import, reset). The worker validates and stores; this mirrors its answers. Training
 * is in training.svelte.ts.
 */
import type { BundleInfo, RuleError, Settings } from '../../../workers/classify-api.ts';
import type { Rule, SourceRoutes } from '../../core/types.ts';
import { saveBlob } from '../download.ts';
import { classifyWorker, errorMessage } from '../worker-client.ts';

export class BundleState {
  info = $state.raw<BundleInfo | null>(null);
  /** Loading the bundle failed. */
  loadError = $state('');
  /** Import/export/reset error, shown in the model panel. */
  error = $state('');
  /** A short confirmation ("Bundle imported."). */
  notice = $state('');
  busy = $state(false);

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
      return `Imported “${this.info.name}” as a new version. It is used from the next run on.`;
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

export const bundleState = new BundleState();
