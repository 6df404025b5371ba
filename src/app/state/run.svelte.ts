/**
 * The classification run: which file, its progress, its summary, its error. The work itself is
 * done by the classify worker.
 */
import type { RunProgress, RunSummary } from '../../../workers/classify-api.ts';
import { callback, classifyWorker, errorMessage } from '../worker-client.ts';
import { llm } from './llm.svelte.ts';

export type RunPhase = 'idle' | 'running' | 'done' | 'cancelled' | 'error';

export class RunState {
  phase = $state<RunPhase>('idle');
  fileName = $state('');
  fileSize = $state(0);
  progress = $state.raw<RunProgress | null>(null);
  summary = $state.raw<RunSummary | null>(null);
  /** User-readable error of the last run (shown in an alert). */
  error = $state('');
  /** A short note, e.g. after a cancel. */
  notice = $state('');
  /** Explain: the output gets tier and confidence columns too. */
  explain = $state(false);
  /** Whether the last completed run was made with Explain ticked. */
  runExplain = $state(false);
  /** Bumped for every new set of results; the table resets on it. */
  resultsVersion = $state(0);
  /** The time range brushed on the summary's histogram ([from, to), epoch ms): the results table shows its rows only. */
  timeRange = $state.raw<{ from: number; to: number } | null>(null);

  get running(): boolean {
    return this.phase === 'running';
  }

  async start(file: File): Promise<void> {
    if (this.running) return;
    this.phase = 'running';
    this.fileName = file.name;
    this.fileSize = file.size;
    this.progress = null;
    this.summary = null;
    this.timeRange = null;
    this.error = '';
    this.notice = '';
    const explain = this.explain;
    try {
      const summary = await classifyWorker().classify(
        file,
        file.name,
        explain,
        callback((p: RunProgress) => {
          if (this.phase === 'running') this.progress = p;
        }),
        llm.runHooks(),
      );
      if (summary.cancelled) {
        this.phase = 'cancelled';
        this.notice = `Run cancelled after ${summary.rows.toLocaleString('en-US')} rows. Nothing was kept; drop a file to start again.`;
        return;
      }
      this.summary = summary;
      this.runExplain = explain;
      this.resultsVersion++;
      this.phase = 'done';
    } catch (err) {
      this.error = errorMessage(err);
      this.phase = 'error';
    }
  }

  /** Fetches the bundled example file and classifies it. */
  async startExample(): Promise<void> {
    if (this.running) return;
    try {
      const url = `${import.meta.env.BASE_URL}examples/example-logs.csv`;
      const res = await fetch(url);
      if (!res.ok) throw new Error(`The example file could not be loaded (HTTP ${res.status}).`);
      const blob = await res.blob();
      await this.start(new File([blob], 'example-logs.csv', { type: 'text/csv' }));
    } catch (err) {
      this.error = errorMessage(err);
      this.phase = 'error';
    }
  }

  cancel(): void {
    if (!this.running) return;
    void classifyWorker().cancel();
    llm.cancelRun();
  }
}

export const run = new RunState();
