import { TIERS } from '../src/core/types.ts';
import type { RowFilter } from './classify-api.ts';

/** A table filter in column terms: which label id and tier id a row must have, and the lower-cased search text. */
export interface ColumnFilter {
  labelId: number | null;
  tierId: number | null;
  needle: string;
  /** A time range [from, to) in epoch ms; null: any time, rows without one too. */
  time: { from: number; to: number } | null;
}

/**
 * Per-row results as compact typed arrays – the label as an index into a label list (Uint16),
 * the tier as an index into TIERS (Uint8), the confidence (Float32) – growing by doubling.
 * Both result stores (in memory and read back from the file) keep their rows here.
 */
export class ResultColumns {
  readonly labels: string[] = [];
  private readonly labelIds = new Map<string, number>();
  labelCol: Uint16Array;
  tierCol: Uint8Array;
  confCol: Float32Array;
  /** Each row's time (epoch ms, NaN: none) when the run read times; null otherwise. */
  timeCol: Float64Array | null = null;

  constructor(capacity: number) {
    this.labelCol = new Uint16Array(capacity);
    this.tierCol = new Uint8Array(capacity);
    this.confCol = new Float32Array(capacity);
  }

  /** The id of a label, added to the list when new. */
  labelId(label: string): number {
    let id = this.labelIds.get(label);
    if (id === undefined) {
      id = this.labels.length;
      this.labels.push(label);
      this.labelIds.set(label, id);
    }
    return id;
  }

  /** The id of a label seen so far, or -1. */
  idOf(label: string): number {
    return this.labelIds.get(label) ?? -1;
  }

  /** The filter in column terms; 'all' when it keeps every row, 'none' when no row can match. */
  resolve(filter: RowFilter): ColumnFilter | 'all' | 'none' {
    const labelId = filter.label != null && filter.label !== '' ? this.idOf(filter.label) : null;
    const tierId = filter.tier != null ? TIERS.indexOf(filter.tier) : null;
    const needle = (filter.search ?? '').trim().toLowerCase();
    const time = filter.from != null || filter.to != null ? { from: filter.from ?? -Infinity, to: filter.to ?? Infinity } : null;
    if (labelId === null && tierId === null && needle === '' && time === null) return 'all';
    if (labelId === -1 || tierId === -1 || (time && !this.timeCol)) return 'none';
    return { labelId, tierId, needle, time };
  }

  /** Whether row `i` has the filter's label and tier (the search text is checked by the caller). */
  matches(i: number, filter: ColumnFilter): boolean {
    if (filter.time) {
      // NaN (no time) is in no range.
      const t = this.timeCol![i];
      if (!(t >= filter.time.from && t < filter.time.to)) return false;
    }
    return (filter.labelId === null || this.labelCol[i] === filter.labelId) && (filter.tierId === null || this.tierCol[i] === filter.tierId);
  }

  ensureCapacity(rows: number): void {
    if (rows <= this.labelCol.length) return;
    let capacity = this.labelCol.length;
    while (capacity < rows) capacity *= 2;
    this.labelCol = grown(this.labelCol, new Uint16Array(capacity));
    this.tierCol = grown(this.tierCol, new Uint8Array(capacity));
    this.confCol = grown(this.confCol, new Float32Array(capacity));
    if (this.timeCol) this.timeCol = grown(this.timeCol, new Float64Array(capacity));
  }

  /** Rows `at`… get these times (the column starts with the first chunk that has them). */
  setTimes(times: Float64Array, at: number): void {
    this.timeCol ??= new Float64Array(this.labelCol.length).fill(NaN);
    this.timeCol.set(times, at);
  }

  /** Gives back what the doubling left unused beyond `rows`. */
  trim(rows: number): void {
    this.labelCol = this.labelCol.slice(0, rows);
    this.tierCol = this.tierCol.slice(0, rows);
    this.confCol = this.confCol.slice(0, rows);
    if (this.timeCol) this.timeCol = this.timeCol.slice(0, rows);
  }

  get byteLength(): number {
    return this.labelCol.byteLength + this.tierCol.byteLength + this.confCol.byteLength + (this.timeCol?.byteLength ?? 0);
  }
}

function grown<T extends Uint16Array | Uint8Array | Float32Array | Float64Array>(from: T, to: T): T {
  to.set(from);
  return to;
}

/** Case-insensitive substring test for the table's search; `needle` is already lower case. */
export function includesFolded(haystack: string | undefined, needle: string): boolean {
  if (!haystack || haystack.length < needle.length) return false;
  return haystack.toLowerCase().includes(needle);
}
