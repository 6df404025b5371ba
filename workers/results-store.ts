/**
 * The results of one run, kept columnar in the worker so that a million rows stay cheap:
 * messages and sources as string arrays, the label as an index into a label list (Uint16Array),
 * the tier as an index into TIERS (Uint8Array) and the confidence as a Float32Array.
 *
 * The table asks for a filtered view (`query`) and then for pages of it (`rows`).
 */
import { TIERS, type Classification, type LogRecord, type Tier } from '../src/core/types.ts';
import type { ResultRow, RowFilter } from './classify-api.ts';
import { includesFolded, ResultColumns } from './result-columns.ts';

const INITIAL_CAPACITY = 4096;

export class ResultStore {
  private cols = new ResultColumns(INITIAL_CAPACITY);
  private messages: string[] = [];
  private sources: string[] = [];
  private count = 0;
  /** Indices of the rows in the current filtered view; null means every row. */
  private view: Int32Array | null = null;

  /** Number of rows stored. */
  get size(): number {
    return this.count;
  }

  /** Number of rows in the current view. */
  get viewSize(): number {
    return this.view ? this.view.length : this.count;
  }

  clear(): void {
    this.cols = new ResultColumns(INITIAL_CAPACITY);
    this.messages = [];
    this.sources = [];
    this.count = 0;
    this.view = null;
  }

  /** Stores a batch of results at `startIndex` (0-based row index). */
  append(startIndex: number, records: readonly LogRecord[], results: readonly Classification[]): void {
    const n = Math.min(records.length, results.length);
    this.cols.ensureCapacity(startIndex + n);
    for (let i = 0; i < n; i++) {
      const at = startIndex + i;
      const rec = records[i];
      const res = results[i];
      this.messages[at] = rec.message;
      this.sources[at] = rec.source;
      this.cols.labelCol[at] = this.cols.labelId(res.label);
      const t = TIERS.indexOf(res.tier);
      this.cols.tierCol[at] = t < 0 ? TIERS.indexOf('none') : t;
      this.cols.confCol[at] = res.confidence;
    }
    if (startIndex + n > this.count) this.count = startIndex + n;
    this.view = null;
  }

  /**
   * Every row's message and source, and per row 1 when a rule labelled it (tier `regex`): the
   * lines pattern discovery mines are the others. Copies, so a later run does not change them.
   */
  snapshot(): { messages: string[]; sources: string[]; ruleMatched: Uint8Array } {
    const regex = TIERS.indexOf('regex');
    const ruleMatched = new Uint8Array(this.count);
    for (let i = 0; i < this.count; i++) ruleMatched[i] = this.cols.tierCol[i] === regex ? 1 : 0;
    return { messages: this.messages.slice(0, this.count), sources: this.sources.slice(0, this.count), ruleMatched };
  }

  /** The labels that occur in the results, sorted. */
  labelsInUse(): string[] {
    return [...this.cols.labels].sort((a, b) => a.localeCompare(b));
  }

  /**
   * Sets the view to the rows that match every given criterion: label, tier, and a
   * case-insensitive substring of the message or the source. Returns the view's size.
   */
  query(filter: RowFilter): number {
    const resolved = this.cols.resolve(filter);
    if (resolved === 'all') {
      this.view = null;
      return this.count;
    }
    if (resolved === 'none') {
      this.view = new Int32Array(0);
      return 0;
    }
    const { needle } = resolved;
    const out = new Int32Array(this.count);
    let k = 0;
    for (let i = 0; i < this.count; i++) {
      if (!this.cols.matches(i, resolved)) continue;
      if (needle !== '' && !includesFolded(this.messages[i], needle) && !includesFolded(this.sources[i], needle)) continue;
      out[k++] = i;
    }
    this.view = out.slice(0, k);
    return k;
  }

  /** Rows `start` .. `start + count - 1` of the current view. */
  rows(start: number, count: number): ResultRow[] {
    const size = this.viewSize;
    const from = Math.max(0, Math.floor(start));
    const to = Math.min(size, from + Math.max(0, Math.floor(count)));
    const out: ResultRow[] = [];
    for (let v = from; v < to; v++) {
      const i = this.view ? this.view[v] : v;
      out.push({
        index: i,
        row: i + 1,
        source: this.sources[i] ?? '',
        message: this.messages[i] ?? '',
        label: this.cols.labels[this.cols.labelCol[i]] ?? '',
        tier: TIERS[this.cols.tierCol[i]] as Tier,
        confidence: this.cols.confCol[i],
      });
    }
    return out;
  }


}


