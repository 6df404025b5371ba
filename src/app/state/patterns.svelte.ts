/**
 * Pattern discovery in the page: the patterns the worker mined, the one open in the detail, the
 * patterns selected for a merge or a shared rule, a discovery in progress. The worker mines,
 * edits and stores; this mirrors its answers.
 */
import type {
  DiscoverProgress,
  MaskingConfig,
  PatternDetail,
  PatternsInfo,
  RuleDraft,
  RuleFilePreview,
} from '../../../workers/patterns-api.ts';
import type { Rule } from '../../core/types.ts';
import { saveBlob } from '../download.ts';
import { baseName, formatInt } from '../format.ts';
import { callback, classifyWorker, errorMessage, isCancelled } from '../worker-client.ts';
import { bundleState } from './bundle.svelte.ts';
import { trainingState } from './training.svelte.ts';

const plural = (n: number, one: string, many = `${one}s`) => `${formatInt(n)} ${n === 1 ? one : many}`;

export type PatternsJob = 'run' | 'file' | 'settings';

export class PatternsState {
  info = $state.raw<PatternsInfo | null>(null);
  /** A discovery (or a re-mining after a masking change) in progress. */
  job = $state<PatternsJob | null>(null);
  jobName = $state('');
  progress = $state.raw<DiscoverProgress | null>(null);
  /** A quick edit (split, merge, …) waiting for the worker. */
  busy = $state(false);
  error = $state('');
  notice = $state('');

  /** Pattern ids ticked for a merge or a shared rule. */
  selected = $state<string[]>([]);
  /** The pattern open in the detail. */
  activeId = $state<string | null>(null);
  detail = $state.raw<PatternDetail | null>(null);
  detailError = $state('');
  /** Bumped when the open pattern should take the focus (it was opened from the list). */
  focusDetail = $state(0);

  get running(): boolean {
    return this.job !== null;
  }

  async load(): Promise<void> {
    try {
      this.set(await classifyWorker().patterns());
    } catch (err) {
      this.error = errorMessage(err);
    }
  }

  /** Takes a new answer: drops selections and the detail of patterns that no longer exist. */
  private set(info: PatternsInfo): void {
    this.info = info;
    const ids = new Set(info.patterns.map((p) => p.id));
    this.selected = this.selected.filter((id) => ids.has(id));
    if (this.activeId && !ids.has(this.activeId)) {
      this.activeId = null;
      this.detail = null;
    } else if (this.activeId) {
      void this.loadDetail(this.activeId);
    }
  }

  private async discover(kind: PatternsJob, name: string, call: (onProgress: (p: DiscoverProgress) => void) => Promise<PatternsInfo>): Promise<void> {
    if (this.job) return;
    this.job = kind;
    this.jobName = name;
    this.progress = null;
    this.error = '';
    this.notice = '';
    try {
      const info = await call(
        callback((p: DiscoverProgress) => {
          if (this.job) this.progress = p;
        }),
      );
      this.set(info);
      if (kind !== 'settings') {
        this.notice = `Found ${plural(info.patterns.length, 'pattern')} in ${plural(info.lines, 'line')}.`;
      } else {
        this.notice = `Masking applied: ${plural(info.patterns.length, 'pattern')}.`;
      }
    } catch (err) {
      if (isCancelled(err)) this.notice = 'Cancelled. The patterns you had are kept.';
      else this.error = errorMessage(err);
    } finally {
      this.job = null;
      this.progress = null;
    }
  }

  discoverFromRun(runName: string): Promise<void> {
    return this.discover('run', runName, (onProgress) => classifyWorker().discoverFromRun(onProgress));
  }

  discoverFromFile(file: File): Promise<void> {
    return this.discover('file', file.name, (onProgress) => classifyWorker().discoverFromFile(file, file.name, onProgress));
  }

  cancel(): void {
    if (this.job) void classifyWorker().cancel();
  }

  /** Runs a quick change; `fn` returns the new patterns and a notice. */
  private async act(fn: () => Promise<{ info?: PatternsInfo; notice: string }>): Promise<boolean> {
    this.busy = true;
    this.error = '';
    this.notice = '';
    try {
      const { info, notice } = await fn();
      if (info) this.set(info);
      this.notice = notice;
      return true;
    } catch (err) {
      this.error = errorMessage(err);
      return false;
    } finally {
      this.busy = false;
    }
  }

  async open(id: string, focus = true): Promise<void> {
    this.activeId = id;
    this.detail = null;
    await this.loadDetail(id);
    if (focus) this.focusDetail++;
  }

  close(): void {
    this.activeId = null;
    this.detail = null;
  }

  private async loadDetail(id: string): Promise<void> {
    this.detailError = '';
    try {
      const detail = await classifyWorker().patternDetail(id);
      if (this.activeId === id) this.detail = detail;
    } catch (err) {
      if (this.activeId === id) this.detailError = errorMessage(err);
    }
  }

  toggle(id: string, on: boolean): void {
    const has = this.selected.includes(id);
    if (on && !has) this.selected = [...this.selected, id];
    else if (!on && has) this.selected = this.selected.filter((s) => s !== id);
  }

  select(ids: string[]): void {
    this.selected = [...new Set(ids)];
  }

  split(id: string, position: number): Promise<boolean> {
    return this.act(async () => {
      const before = this.info?.patterns.length ?? 0;
      const info = await classifyWorker().splitPattern(id, position);
      this.activeId = null;
      this.detail = null;
      return { info, notice: `Split into ${plural(info.patterns.length - before + 1, 'pattern')}.` };
    });
  }

  merge(): Promise<boolean> {
    const ids = [...this.selected];
    return this.act(async () => {
      const info = await classifyWorker().mergePatterns(ids);
      this.selected = [];
      return { info, notice: `Merged ${plural(ids.length, 'pattern')} into one.` };
    });
  }

  undo(): Promise<boolean> {
    return this.act(async () => ({ info: await classifyWorker().undoPatternEdit(), notice: 'The last split or merge was taken back.' }));
  }

  findSimilar(eps: number): Promise<boolean> {
    return this.act(async () => {
      const info = await classifyWorker().findSimilarPatterns(eps);
      const groups = info.similar?.groups.length ?? 0;
      return { info, notice: groups ? `Found ${plural(groups, 'group')} of similar patterns.` : 'No patterns look like paraphrases of each other at this distance.' };
    });
  }

  setSimilarity(similarity: number): Promise<boolean> {
    return this.act(async () => {
      const info = await classifyWorker().updatePatternSettings({ similarity });
      return { info, notice: info.source ? `Grouping sensitivity ${similarity.toFixed(2)}: ${plural(info.patterns.length, 'pattern')}.` : 'Grouping sensitivity saved.' };
    });
  }

  async setMasking(masking: MaskingConfig): Promise<boolean> {
    const plain: MaskingConfig = { rules: masking.rules.map((r) => ({ id: r.id, description: r.description, pattern: r.pattern, enabled: r.enabled })) };
    // Without every line in memory the worker cannot mine again: the masking applies from the next discovery.
    if (!this.info?.source?.hasLines || this.info.source.sampledLines) {
      return this.act(async () => {
        const info = await classifyWorker().updatePatternSettings({ masking: plain });
        return { info, notice: info.settingsPending ? 'Masking saved. It applies when you discover patterns again.' : 'Masking saved.' };
      });
    }
    if (this.job) return false;
    await this.discover('settings', 'masking', (onProgress) => classifyWorker().updatePatternSettings({ masking: plain }, onProgress));
    return !this.error;
  }

  draftRule(ids: string[], label: string, pattern?: string): Promise<RuleDraft> {
    return classifyWorker().draftRule([...ids], label, pattern);
  }

  /** The rule tried on another file the user picked (read in the worker). */
  previewRuleOnFile(rule: Rule, file: File): Promise<RuleFilePreview> {
    return classifyWorker().previewRuleOnFile({ ...rule }, file, file.name);
  }

  /** Appends the rule to the bundle's rules (the worker validates); returns the reason when refused. */
  async saveRule(draft: RuleDraft): Promise<string | null> {
    const rules = bundleState.info?.rules ?? [];
    const errors = await bundleState.saveRules([...rules, { ...draft.rule }]);
    if (errors.length) return errors.map((e) => e.reason).join('; ');
    // The list marks the patterns the new rule covers now, without mining again.
    await this.load();
    return null;
  }

  /** Patterns of the list that an enabled rule covers (all their example lines match it). */
  get covered(): number {
    return this.info?.patterns.filter((p) => p.rule !== null).length ?? 0;
  }

  async addTrainingRows(ids: string[], label: string): Promise<string> {
    const outcome = await classifyWorker().addPatternTrainingRows([...ids], label);
    void trainingState.loadSet();
    const parts = [`${plural(outcome.added, 'line')} added to the training set as “${label.trim()}”`];
    if (outcome.relabelled) parts.push(`${plural(outcome.relabelled, 'line')} relabelled`);
    if (outcome.duplicates) parts.push(`${plural(outcome.duplicates, 'line')} already there`);
    let text = parts.join(', ') + '.';
    if (outcome.available > outcome.offered) text += ` (${formatInt(outcome.offered)} of ${formatInt(outcome.available)} distinct lines, spread over the pattern’s shapes.)`;
    return `${text} The training set has ${plural(outcome.trainingRows, 'row')}.`;
  }

  exportPatterns(): Promise<boolean> {
    return this.act(async () => {
      const json = await classifyWorker().exportPatterns();
      const name = baseName(this.info?.source?.name ?? '') || 'patterns';
      saveBlob(new Blob([json], { type: 'application/json' }), `${name.replace(/[^\w.-]+/g, '-')}.logsift-patterns.json`);
      return { notice: 'Patterns exported.' };
    });
  }

  importPatterns(file: File): Promise<boolean> {
    return this.act(async () => {
      const info = await classifyWorker().importPatterns(await file.text(), file.name);
      this.activeId = null;
      this.detail = null;
      this.selected = [];
      return { info, notice: `Imported ${plural(info.patterns.length, 'pattern')} from “${file.name}”.` };
    });
  }

  clear(): Promise<boolean> {
    return this.act(async () => {
      const info = await classifyWorker().clearPatterns();
      this.activeId = null;
      this.detail = null;
      this.selected = [];
      return { info, notice: 'Patterns cleared. The masking settings are kept.' };
    });
  }
}

export const patterns = new PatternsState();
