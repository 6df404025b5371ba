/**
 * The training workspace: the training set, a training in progress, the unsaved candidate and
 * the stored bundle versions. The worker holds and stores all of it; this mirrors its answers.
 */
import type {
  CandidateInfo,
  NewTrainingRow,
  TrainingSetInfo,
  TrainProgress,
  VersionInfo,
} from '../../../workers/classify-api.ts';
import { saveBlob } from '../download.ts';
import { formatInt } from '../format.ts';
import { callback, classifyWorker, errorMessage, isCancelled } from '../worker-client.ts';
import { DEFAULT_HOLD_OUT } from '../../core/training/hold-out.ts';
import { bundleState } from './bundle.svelte.ts';

const plural = (n: number, one: string, many = `${one}s`) => `${formatInt(n)} ${n === 1 ? one : many}`;

export class TrainingState {
  set = $state.raw<TrainingSetInfo | null>(null);
  /** Bumped whenever the rows change; the rows table refetches on it. */
  setVersion = $state(0);
  setBusy = $state(false);
  setError = $state('');
  setNotice = $state('');

  /** The held-out split's seed and share in percent: the core's defaults, which `logsift eval` uses too. */
  seed = $state<number>(DEFAULT_HOLD_OUT.seed);
  heldOutPercent = $state<number>(Math.round(DEFAULT_HOLD_OUT.testFraction * 100));
  training = $state.raw<TrainProgress | null>(null);
  /** True from the click until the worker answers (progress may not have come yet). */
  trainingStarted = $state(false);
  trainError = $state('');
  trainNotice = $state('');
  candidate = $state.raw<CandidateInfo | null>(null);

  versions = $state.raw<VersionInfo[]>([]);
  versionsBusy = $state(false);
  versionsError = $state('');
  versionsNotice = $state('');

  async load(): Promise<void> {
    await Promise.all([this.loadSet(), this.loadVersions(), this.loadCandidate()]);
  }

  async loadSet(): Promise<void> {
    try {
      this.set = await classifyWorker().trainingSet();
      this.setVersion++;
    } catch (err) {
      this.setError = errorMessage(err);
    }
  }

  async loadVersions(): Promise<void> {
    try {
      this.versions = await classifyWorker().listVersions();
    } catch (err) {
      this.versionsError = errorMessage(err);
    }
  }

  private async loadCandidate(): Promise<void> {
    try {
      this.candidate = await classifyWorker().candidate();
    } catch {
      this.candidate = null;
    }
  }

  /** Runs a training-set change; `fn` returns the notice. */
  private async changeSet(fn: () => Promise<string>): Promise<boolean> {
    this.setBusy = true;
    this.setError = '';
    this.setNotice = '';
    try {
      this.setNotice = await fn();
      this.setVersion++;
      return true;
    } catch (err) {
      this.setError = isCancelled(err) ? 'Import cancelled.' : errorMessage(err);
      return false;
    } finally {
      this.setBusy = false;
    }
  }

  importCsv(file: File): Promise<boolean> {
    return this.changeSet(async () => {
      const outcome = await classifyWorker().importTrainingCsv(file, file.name);
      this.set = outcome.info;
      const parts = [`Added ${plural(outcome.added, 'row')} from ${file.name}`];
      if (outcome.duplicates) parts.push(`${plural(outcome.duplicates, 'duplicate')} left out`);
      if (outcome.relabelled) parts.push(`${plural(outcome.relabelled, 'line')} relabelled`);
      const skipped = outcome.warnings.length + outcome.invalid;
      if (skipped) parts.push(`${plural(skipped, 'row')} skipped (no message or no label)`);
      return `${parts.join('; ')}.`;
    });
  }

  /** Adds lines from a run (a corrected result); returns the notice, or throws with the reason. */
  async addRows(rows: NewTrainingRow[]): Promise<string> {
    const outcome = await classifyWorker().addTrainingRows(rows.map((r) => ({ ...r })));
    this.set = outcome.info;
    this.setVersion++;
    if (outcome.invalid) throw new Error('That label cannot be used: it is empty or “Unclassified”.');
    const what = outcome.added ? 'Added to' : outcome.relabelled ? 'Relabelled in' : 'Already in';
    return `${what} the training set (${plural(outcome.info.rows, 'row')}).`;
  }

  rename(from: string, to: string): Promise<boolean> {
    const merging = !!this.set?.classes.some((c) => c.label === to.trim() && c.label !== from);
    return this.changeSet(async () => {
      this.set = await classifyWorker().renameLabel(from, to);
      return merging ? `Merged “${from}” into “${to.trim()}”.` : `Renamed “${from}” to “${to.trim()}”.`;
    });
  }

  deleteLabel(label: string): Promise<boolean> {
    return this.changeSet(async () => {
      this.set = await classifyWorker().deleteLabel(label);
      return `Deleted the rows labelled “${label}”.`;
    });
  }

  clear(): Promise<boolean> {
    return this.changeSet(async () => {
      this.set = await classifyWorker().clearTrainingSet();
      return 'The training set is empty.';
    });
  }

  async exportCsv(): Promise<void> {
    try {
      saveBlob(await classifyWorker().exportTrainingSet(), 'training-set.csv');
    } catch (err) {
      this.setError = errorMessage(err);
    }
  }

  async train(): Promise<void> {
    if (this.trainingStarted) return;
    this.trainingStarted = true;
    this.training = null;
    this.trainError = '';
    this.trainNotice = '';
    try {
      this.candidate = await classifyWorker().trainCandidate(
        { seed: Number(this.seed), testFraction: Number(this.heldOutPercent) / 100 },
        callback((p: TrainProgress) => {
          if (this.trainingStarted) this.training = p;
        }),
      );
      const effect = this.candidate.effect;
      this.trainNotice =
        `Trained on ${plural(this.candidate.rows, 'row')}. It is not in use yet: ` +
        (effect ? `see what it would change on ${effect.fileName} and its held-out scores below, then save it as a new version or discard it.` : 'compare its held-out scores below, then save it as a new version or discard it.');
    } catch (err) {
      if (isCancelled(err)) this.trainNotice = 'Training cancelled. Nothing changed.';
      else this.trainError = errorMessage(err);
    } finally {
      this.trainingStarted = false;
      this.training = null;
    }
  }

  cancel(): void {
    if (this.trainingStarted) void classifyWorker().cancel();
  }

  async saveCandidate(name: string): Promise<void> {
    this.trainError = '';
    try {
      bundleState.info = await classifyWorker().saveCandidate(name);
      this.candidate = null;
      this.trainNotice = `Saved “${bundleState.info.name}” as a new version. It is used from the next run on.`;
      await this.loadVersions();
      await this.loadSet();
    } catch (err) {
      this.trainError = errorMessage(err);
    }
  }

  async discardCandidate(): Promise<void> {
    await classifyWorker().discardCandidate();
    this.candidate = null;
    this.trainNotice = '';
  }

  private async versionAction(fn: () => Promise<string>): Promise<void> {
    this.versionsBusy = true;
    this.versionsError = '';
    this.versionsNotice = '';
    // "Saved … It is used from the next run on" is no longer true after a switch.
    this.trainNotice = '';
    try {
      this.versionsNotice = await fn();
      await this.loadVersions();
    } catch (err) {
      this.versionsError = errorMessage(err);
    } finally {
      this.versionsBusy = false;
    }
  }

  useVersion(v: VersionInfo, rollBack = false): Promise<void> {
    return this.versionAction(async () => {
      bundleState.info = await classifyWorker().useVersion(v.id);
      return `${rollBack ? 'Rolled back to' : 'Now using'} “${v.name}”. It is used from the next run on.`;
    });
  }

  useBuiltIn(): Promise<void> {
    return this.versionAction(async () => {
      bundleState.info = await classifyWorker().resetBundle();
      return 'Now using the built-in default bundle. Your versions are kept.';
    });
  }

  deleteVersion(v: VersionInfo): Promise<void> {
    return this.versionAction(async () => {
      this.versions = await classifyWorker().deleteVersion(v.id);
      return `Deleted “${v.name}”.`;
    });
  }

  exportVersion(v: VersionInfo): Promise<void> {
    return this.versionAction(async () => {
      const json = await classifyWorker().exportVersion(v.id);
      saveBlob(new Blob([json], { type: 'application/json' }), `${v.name.replace(/[^\w.-]+/g, '-')}.logsift-bundle.json`);
      return `Exported “${v.name}”.`;
    });
  }

  importBundle(file: File): Promise<void> {
    return this.versionAction(async () => {
      bundleState.info = await classifyWorker().importBundle(await file.text());
      return `Imported “${bundleState.info.name}” as a new version. It is used from the next run on.`;
    });
  }
}

export const trainingState = new TrainingState();
