/**
 * The classification run: which file, its progress, its summary, its error. The work itself is
 * done by the classify worker.
 */
import type { RowFilter, RunProgress, RunSummary } from '../../../workers/classify-api.ts';
import { callback, classifyWorker, errorMessage } from '../worker-client.ts';
import { formatInt } from '../format.ts';
import { llm } from './llm.svelte.ts';

const plural = (n: number, one: string) => `${formatInt(n)} ${n === 1 ? one : `${one}s`}`;

export type RunPhase = 'idle' | 'running' | 'done' | 'cancelled' | 'error';
/** How a notice reads: news, something to know (work left undone), or a failure. */
export type NoticeKind = 'info' | 'warning' | 'failure';

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
  noticeKind = $state<NoticeKind>('info');
  /** Explain: the output gets tier and confidence columns too. */
  explain = $state(false);
  /** Whether the last completed run was made with Explain ticked. */
  runExplain = $state(false);
  /** Bumped for every new set of results; the table resets on it. */
  resultsVersion = $state(0);
  /** The time range brushed on the summary's histogram ([from, to), epoch ms): the results table shows its rows only. */
  timeRange = $state.raw<{ from: number; to: number } | null>(null);
  /** The results table's view while a filter is on (label, tier, search, brushed time), and how many rows it shows: Download can take just those. */
  shownRows = $state.raw<{ filter: RowFilter; rows: number } | null>(null);
  /**
   * The column chooser: the file, its columns and the one in use (or suggested). Shown when a file
   * has no known message column, or when the user asks to read another column.
   */
  columnChoice = $state.raw<{ file: File; header: string[]; selected: number } | null>(null);
  /** The last file classified and the column chosen for it (for "Use another column"). */
  private lastFile: File | null = null;

  get running(): boolean {
    return this.phase === 'running';
  }

  async start(file: File, column?: string): Promise<void> {
    if (this.running) return;
    this.columnChoice = null;
    this.lastFile = file;
    this.phase = 'running';
    this.fileName = file.name;
    this.fileSize = file.size;
    this.progress = null;
    this.summary = null;
    this.timeRange = null;
    this.shownRows = null;
    this.error = '';
    this.notice = '';
    this.noticeKind = 'info';
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
        column === undefined ? {} : { column },
      );
      if (summary.cancelled) {
        this.phase = 'cancelled';
        this.noticeKind = 'warning';
        this.notice = `Run cancelled after ${summary.rows.toLocaleString('en-US')} rows. Nothing was kept; drop a file to start again.`;
        return;
      }
      if (summary.llmCancelled) {
        const pending = summary.byTier['llm-pending'] ?? 0;
        this.noticeKind = 'warning';
        this.notice =
          `The LLM step was cancelled: ${plural(pending, 'line')} it would have labelled ${pending === 1 ? 'stays' : 'stay'} Unclassified (tier llm-pending). ` +
          `Rules and the model labelled the rest of the ${plural(summary.rows, 'row')}; the results and the download are below.`;
      } else this.notice = '';
      this.summary = summary;
      this.runExplain = explain;
      this.resultsVersion++;
      this.phase = 'done';
    } catch (err) {
      this.error = errorMessage(err);
      this.phase = 'error';
      // A file without a known message column: ask which one holds the messages.
      if (column === undefined && /^No log message column found/.test(this.error)) await this.chooseColumn();
    }
  }

  /** Opens the column chooser for the last file (its columns read in the worker). */
  async chooseColumn(): Promise<void> {
    const file = this.lastFile;
    if (!file || this.running) return;
    try {
      const { header, message } = await classifyWorker().columnsOf(file, file.name);
      if (header.length === 0) return;
      const used = this.summary?.messageColumn ? header.indexOf(this.summary.messageColumn) : message;
      this.columnChoice = { file, header, selected: Math.max(0, used) };
    } catch (err) {
      this.error = errorMessage(err);
    }
  }
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

  /** Cancel: during the LLM step it stops the LLM only (the run keeps what rules and the model label); otherwise the run. */
  async cancel(): Promise<void> {
    if (!this.running) return;
    const stopped = await classifyWorker()
      .cancel()
      .catch(() => null);
    if (stopped === 'llm') {
      this.noticeKind = 'info';
      this.notice = 'Stopping the LLM step: rules and the model finish the file, and what they label is kept. Cancel again to stop the run.';
      return;
    }
    llm.cancelRun();
  }
}

export const run = new RunState();
