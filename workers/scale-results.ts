/**
 * The results of a chunked run, in bounded memory: per row only the label (Uint16 index into a
 * label list), the tier (Uint8 index into TIERS) and the confidence (Float32) – 7 bytes a row,
 * 35 MB for 5,000,000 rows. A row's message and source are read back from the input file when
 * they are needed: the chunk index says which byte range holds a row, that range is parsed
 * again (the same bytes give the same rows), and the last few chunks read are kept.
 *
 * Search re-reads the file chunk by chunk (a chunk whose text cannot contain the search text
 * is not parsed); a newer query stops an older one.
 */
import { CancelledError } from '../src/core/errors.ts';
import { findColumn, messageColumnOf, SOURCE_COLUMNS } from '../src/core/csv/columns.ts';
import type { ChunkOutcome } from '../src/core/scale/chunk.ts';
import { decodeChunk, parseChunkRows } from '../src/core/scale/chunk-rows.ts';
import type { RunBytes } from './run-rows.ts';
import { chunkOfRow, type ChunkIndex } from '../src/core/scale/run-chunked.ts';
import { TIERS, type Tier } from '../src/core/types.ts';
import type { ResultRow, RowFilter } from './classify-api.ts';
import { includesFolded, ResultColumns } from './result-columns.ts';

const INITIAL_CAPACITY = 1 << 16;
/** Parsed chunks kept for the table (about 1 MB of input each). */
const CACHED_CHUNKS = 6;

interface ChunkRows {
  messages: string[];
  sources: string[];
}

export class ScaleResults {
  private cols = new ResultColumns(INITIAL_CAPACITY);
  private count = 0;
  private view: Int32Array | null = null;
  private input: Blob | null = null;
  private index: ChunkIndex | null = null;
  private readonly cache = new Map<number, ChunkRows>();
  private generation = 0;

  get size(): number {
    return this.count;
  }

  get viewSize(): number {
    return this.view ? this.view.length : this.count;
  }

  /** Bytes held by the columns (for the benchmark's figures). */
  get columnBytes(): number {
    return this.cols.byteLength;
  }

  clear(): void {
    this.cols = new ResultColumns(INITIAL_CAPACITY);
    this.count = 0;
    this.view = null;
    this.input = null;
    this.index = null;
    this.cache.clear();
    this.generation++;
  }

  /** Starts a run over `input`; its chunks come with `append`, the index at the end with `finish`. */
  begin(input: Blob): void {
    this.clear();
    this.input = input;
  }

  append(outcome: ChunkOutcome, firstRow: number): void {
    const n = outcome.rows;
    this.cols.ensureCapacity(firstRow + n);
    const ids = outcome.labels.map((label) => this.cols.labelId(label));
    for (let i = 0; i < n; i++) this.cols.labelCol[firstRow + i] = ids[outcome.labelIds[i]];
    this.cols.tierCol.set(outcome.tiers.subarray(0, n), firstRow);
    this.cols.confCol.set(outcome.confidence.subarray(0, n), firstRow);
    if (outcome.times) this.cols.setTimes(outcome.times.subarray(0, n), firstRow);
    this.count = Math.max(this.count, firstRow + n);
    this.view = null;
  }

  /** The run's chunk index: from now on rows can be read back. */
  finish(index: ChunkIndex): void {
    this.index = index;
    this.cols.trim(this.count);
  }

  /** Sets the view to the rows matching every criterion; the search re-reads the file. */
  async query(filter: RowFilter, onProgress?: (fraction: number) => void): Promise<number> {
    const generation = ++this.generation;
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
    const matches = (i: number) => this.cols.matches(i, resolved);
    let out = new Int32Array(1024);
    let k = 0;
    const push = (i: number) => {
      if (k === out.length) {
        const next = new Int32Array(out.length * 2);
        next.set(out);
        out = next;
      }
      out[k++] = i;
    };
    if (needle === '' || !this.index) {
      for (let i = 0; i < this.count; i++) if (matches(i)) push(i);
    } else {
      const { firstRows } = this.index;
      for (let c = 0; c < firstRows.length; c++) {
        const from = firstRows[c];
        const to = c + 1 < firstRows.length ? firstRows[c + 1] : this.count;
        let any = false;
        for (let i = from; i < to && !any; i++) any = matches(i);
        if (any) {
          const text = await this.chunkText(c);
          if (generation !== this.generation) throw new CancelledError();
          // Most chunks of a big file do not hold a rare search text at all: skip their parsing.
          if (mayHold(text, needle, this.index.format.format)) {
            const rows = this.parse(c, text);
            for (let i = from; i < to; i++) {
              if (!matches(i)) continue;
              const r = i - from;
              if (includesFolded(rows.messages[r], needle) || includesFolded(rows.sources[r], needle)) push(i);
            }
          }
        }
        if (c % 16 === 0) onProgress?.(c / firstRows.length);
      }
    }
    if (generation !== this.generation) throw new CancelledError();
    this.view = out.slice(0, k);
    return k;
  }

  /** Which rows match `filter` (1 at a matching row's index), for a download of the filtered rows; the view becomes that query's. */
  async matchMask(filter: RowFilter): Promise<Uint8Array> {
    await this.query(filter);
    const mask = new Uint8Array(this.count);
    if (!this.view) mask.fill(1);
    else for (const i of this.view) mask[i] = 1;
    return mask;
  }

  /** Rows `start` .. `start + count - 1` of the current view, their text read back from the file. */
  async rows(start: number, count: number): Promise<ResultRow[]> {
    const size = this.viewSize;
    const from = Math.max(0, Math.floor(start));
    const to = Math.min(size, from + Math.max(0, Math.floor(count)));
    const view = this.view;
    const out: ResultRow[] = [];
    for (let v = from; v < to; v++) {
      const i = view ? view[v] : v;
      const text = await this.rowText(i);
      out.push({
        index: i,
        row: i + 1,
        source: text.source,
        message: text.message,
        label: this.cols.labels[this.cols.labelCol[i]] ?? '',
        tier: TIERS[this.cols.tierCol[i]] as Tier,
        confidence: this.cols.confCol[i],
      });
    }
    return out;
  }

  /**
   * What pattern discovery mines: per row 1 when a rule labelled it, the rows' times, and their
   * messages and sources read back from the file a chunk at a time (none of it kept here).
   */
  readBack(): {
    rows: number;
    bytes: number;
    ruleMatched: Uint8Array;
    times: Float64Array | null;
    chunks(): AsyncGenerator<{ messages: string[]; sources: string[] }>;
    byteChunks(maxBytes: number): AsyncGenerator<RunBytes>;
  } {
    const regex = TIERS.indexOf('regex');
    const ruleMatched = new Uint8Array(this.count);
    for (let i = 0; i < this.count; i++) ruleMatched[i] = this.cols.tierCol[i] === regex ? 1 : 0;
    const chunks = this.index?.firstRows.length ?? 0;
    const self = this;
    return {
      rows: this.count,
      bytes: this.input?.size ?? 0,
      ruleMatched,
      times: this.cols.timeCol?.slice(0, this.count) ?? null,
      async *chunks() {
        for (let c = 0; c < chunks; c++) {
          const rows = self.parse(c, await self.chunkText(c), false);
          yield { messages: rows.messages, sources: rows.sources };
        }
      },
      // Neighbouring chunks are read together, up to `maxBytes`: they lie one after another in the file.
      async *byteChunks(maxBytes) {
        const { starts, lengths, firstRows, format } = self.index!;
        for (let c = 0; c < chunks; ) {
          let next = c + 1;
          while (next < chunks && starts[next] === starts[next - 1] + lengths[next - 1] && starts[next] + lengths[next] - starts[c] <= maxBytes) next++;
          const end = starts[next - 1] + lengths[next - 1];
          const bytes = new Uint8Array(await self.input!.slice(starts[c], end).arrayBuffer());
          const rows = (next < chunks ? firstRows[next] : self.count) - firstRows[c];
          yield { bytes, ...(format.encoding ? { encoding: format.encoding } : {}), format, firstRow: firstRows[c], rows };
          c = next;
        }
      },
    };
  }

  labelsInUse(): string[] {
    return [...this.cols.labels].sort((a, b) => a.localeCompare(b));
  }

  private async rowText(i: number): Promise<{ message: string; source: string }> {
    if (!this.index) return { message: '', source: '' };
    const c = chunkOfRow(this.index.firstRows, i);
    if (c < 0) return { message: '', source: '' };
    let rows = this.cache.get(c);
    if (!rows) rows = this.parse(c, await this.chunkText(c));
    const r = i - this.index.firstRows[c];
    return { message: rows.messages[r] ?? '', source: rows.sources[r] ?? '' };
  }

  private async chunkText(c: number): Promise<string> {
    const { starts, lengths, format } = this.index!;
    const bytes = new Uint8Array(await this.input!.slice(starts[c], starts[c] + lengths[c]).arrayBuffer());
    // A UTF-16 file's chunks are UTF-16 there (the run read them as UTF-8).
    return decodeChunk(bytes, format.encoding);
  }

  private parse(c: number, text: string, keep = true): ChunkRows {
    const format = this.index!.format;
    const m = messageColumnOf(format);
    const s = findColumn(format.header, SOURCE_COLUMNS);
    const { rows } = parseChunkRows(text, format);
    const parsed: ChunkRows = {
      messages: rows.map((fields) => fields[m] ?? ''),
      sources: s >= 0 ? rows.map((fields) => fields[s] ?? '') : rows.map(() => ''),
    };
    if (keep) {
      this.cache.delete(c);
      this.cache.set(c, parsed);
      while (this.cache.size > CACHED_CHUNKS) this.cache.delete(this.cache.keys().next().value!);
    }
    return parsed;
  }
}

/**
 * Whether a chunk's text may hold a cell with `needle` (lower case) in it. A CSV cell is its text
 * less some quotes – a quoted field's enclosing ones, one of each `""`, none other (csv/read.ts)
 * – so without any quotes, a cell's text is in the chunk's text. NDJSON cells are decoded from
 * JSON escapes: their chunks are always read.
 */
function mayHold(text: string, needle: string, format: string): boolean {
  if (format === 'ndjson') return true;
  const lower = text.toLowerCase();
  if (!needle.includes('"') && lower.includes(needle)) return true;
  return lower.includes('"') && lower.replaceAll('"', '').includes(needle.replaceAll('"', ''));
}
