/**
 * One chunk of the chunked pipeline, the same in every worker, in the CLI and in the page:
 * parse its rows (CSV, plain text or NDJSON), classify them, and give back the output text and
 * compact columns (label index, tier, confidence). Row numbers here are 0-based within the
 * chunk; the coordinator (run-chunked.ts) adds the chunk's first row.
 *
 * `parseChunkRows` is also how a row's text is read back later (the results table, search):
 * the same bytes parse to the same rows.
 */
import Papa from 'papaparse';
import type { Classifier } from '../classifier.ts';
import { findColumn, MESSAGE_COLUMNS, requireColumn, SOURCE_COLUMNS } from '../csv/columns.ts';
import { csvCell, csvRow } from '../csv/format.ts';
import { isBlank, TIERS, type Classification, type LogRecord } from '../types.ts';
import type { ChunkFormat } from './input.ts';
import { RowBoundaryScanner, type ByteChunk } from './split.ts';

export type OutputFormat = 'csv' | 'ndjson';

export interface ParsedChunk {
  /** Each row's fields, in the header's order (NDJSON: the header keys' values). */
  rows: string[][];
  /** NDJSON only: each row's line as it was (null for a line that is not a JSON object). */
  lines?: (string | null)[];
  /** Parse problems, by row index. */
  problems: { index: number; message: string }[];
  /** CSV only: how many rows papaparse read, blank ones included, and which of them each row is. */
  rawCount?: number;
  rawIndex?: Int32Array;
}

interface LowLevelParser {
  parse(input: string, baseIndex: number, ignoreLastRow: boolean): Papa.ParseResult<string[]>;
}
const LowLevel = (Papa as unknown as { Parser: new (config: Papa.ParseConfig) => LowLevelParser }).Parser;

const utf8 = new TextDecoder('utf-8');

export function decodeChunk(bytes: Uint8Array): string {
  return utf8.decode(bytes);
}

function isBlankRow(row: string[]): boolean {
  return row.length === 1 && isBlank(row[0]);
}

/** Splits text into lines without their line ending, skipping blank ones. */
function nonBlankLines(text: string): string[] {
  const out: string[] = [];
  let from = 0;
  while (from < text.length) {
    let to = text.indexOf('\n', from);
    if (to < 0) to = text.length;
    const end = to > from && text.charCodeAt(to - 1) === 13 ? to - 1 : to;
    const line = text.slice(from, end);
    if (!isBlank(line)) out.push(line);
    from = to + 1;
  }
  return out;
}

/** A JSON value as a table cell: strings as they are, null/undefined empty, everything else as JSON. */
function cellOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === null || value === undefined) return '';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

export function parseChunkRows(text: string, format: ChunkFormat): ParsedChunk {
  if (format.format === 'text') return { rows: nonBlankLines(text).map((line) => [line]), problems: [] };
  if (format.format === 'ndjson') {
    const header = format.header;
    const messageIndex = Math.max(0, findColumn(header, MESSAGE_COLUMNS));
    const rows: string[][] = [];
    const lines: (string | null)[] = [];
    const problems: ParsedChunk['problems'] = [];
    for (const line of nonBlankLines(text)) {
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch {
        value = undefined;
      }
      if (value && typeof value === 'object' && !Array.isArray(value)) {
        const object = value as Record<string, unknown>;
        rows.push(header.map((key) => cellOf(object[key])));
        lines.push(line);
      } else {
        problems.push({ index: rows.length, message: 'is not a JSON object; read as a plain-text line' });
        const fields = header.map(() => '');
        fields[messageIndex] = line;
        rows.push(fields);
        lines.push(null);
      }
    }
    return { rows, lines, problems };
  }
  const parser = new LowLevel({ delimiter: format.delimiter, newline: format.newline as '\n', quoteChar: '"' });
  const result = parser.parse(text, 0, false);
  const rows: string[][] = [];
  const problems: ParsedChunk['problems'] = [];
  let problemsByRow: Map<number, string> | null = null;
  for (const error of result.errors) {
    if (typeof error.row === 'number') (problemsByRow ??= new Map()).set(error.row, error.message);
  }
  const data = result.data;
  const rawIndex = new Int32Array(data.length);
  for (let i = 0; i < data.length; i++) {
    const row = data[i];
    if (isBlankRow(row)) continue;
    const problem = problemsByRow?.get(i);
    if (problem) problems.push({ index: rows.length, message: `could not be parsed cleanly: ${problem}` });
    rawIndex[rows.length] = i;
    rows.push(row);
  }
  return { rows, problems, rawCount: result.errors.length ? -1 : data.length, rawIndex };
}

export interface ChunkOutcome {
  index: number;
  /** Byte offset and length of the chunk in the input. */
  start: number;
  byteLength: number;
  rows: number;
  /** The chunk's output rows (CSV or NDJSON), in order. */
  output: string | Uint8Array;
  /** Label table: `labelIds` index it. Grows over a run; later chunks repeat the earlier entries. */
  labels: string[];
  labelIds: Uint16Array;
  /** Index into TIERS. */
  tiers: Uint8Array;
  confidence: Float32Array;
  /** Warnings by 0-based row in the chunk, the first MAX_CHUNK_WARNINGS of them. */
  warnings: [number, string][];
  warningCount: number;
  /** When asked for (the LLM tier's review list): each row's record and result. */
  records?: LogRecord[];
  results?: Classification[];
}

export const MAX_CHUNK_WARNINGS = 1000;

/** Whether a cell of the row starts like a formula (format.ts neutralizeFormula decides; this only pre-screens). */
function mayBeFormula(fields: string[]): boolean {
  for (let i = 0; i < fields.length; i++) {
    const c = fields[i].charCodeAt(0);
    // = + - @ tab CR
    if (c === 61 || c === 43 || c === 45 || c === 64 || c === 9 || c === 13) return true;
  }
  return false;
}
const REPLACEMENT_CHARACTER = '\uFFFD';

interface Formatted {
  cells: string;
  /** `cells` and a newline, as UTF-8. */
  cellBytes: Uint8Array;
  labelId: number;
  tierId: number;
}

const encoder = new TextEncoder();

/** Output bytes, grown as needed. */
class ByteWriter {
  bytes: Uint8Array;
  length = 0;
  constructor(capacity: number) {
    this.bytes = new Uint8Array(capacity);
  }
  private ensure(extra: number): void {
    if (this.length + extra <= this.bytes.length) return;
    const next = new Uint8Array(Math.max(this.bytes.length * 2, this.length + extra));
    next.set(this.bytes.subarray(0, this.length));
    this.bytes = next;
  }
  put(data: Uint8Array): void {
    this.ensure(data.length);
    this.bytes.set(data, this.length);
    this.length += data.length;
  }
  text(data: string): void {
    this.ensure(data.length * 3);
    this.length += encoder.encodeInto(data, this.bytes.subarray(this.length)).written;
  }
  result(): Uint8Array {
    return this.bytes.subarray(0, this.length);
  }
}

/**
 * Classifies chunks with one Classifier: keeps the output settings, the label table and the
 * formatted cells of each distinct decision (decisions are shared objects) across chunks.
 */
export class ChunkClassifier {
  private readonly messageIndex: number;
  private readonly sourceIndex: number;
  private readonly width: number;
  private readonly labels: string[] = [];
  private readonly labelIds = new Map<string, number>();
  private readonly formatted = new Map<Classification, Formatted>();
  private readonly outputKeys: string[];
  private scanner: RowBoundaryScanner | null = null;

  constructor(
    readonly classifier: Classifier,
    readonly format: ChunkFormat,
    private readonly options: { explain: boolean; safeCsv?: boolean; output?: OutputFormat; columns: string[]; keepRecords?: boolean },
  ) {
    this.messageIndex = requireColumn(format.header, MESSAGE_COLUMNS, 'log message');
    this.sourceIndex = findColumn(format.header, SOURCE_COLUMNS);
    this.width = format.header.length;
    this.outputKeys = options.columns.map((name) => JSON.stringify(name));
  }

  private formattedOf(result: Classification): Formatted {
    let f = this.formatted.get(result);
    if (f === undefined) {
      let labelId = this.labelIds.get(result.label);
      if (labelId === undefined) {
        labelId = this.labels.length;
        this.labels.push(result.label);
        this.labelIds.set(result.label, labelId);
      }
      const explain = this.options.explain;
      const cells =
        this.options.output === 'ndjson'
          ? `"target_label":${JSON.stringify(result.label)}` + (explain ? `,"tier":"${result.tier}","confidence":${Number(result.confidence.toFixed(4))}` : '')
          : ',' + csvCell(result.label, this.options.safeCsv ?? false) + (explain ? `,${result.tier},${result.confidence.toFixed(4)}` : '');
      const tierId = TIERS.indexOf(result.tier);
      f = { cells, cellBytes: encoder.encode(cells + (this.options.output === 'ndjson' ? '}\n' : '\n')), labelId, tierId: tierId < 0 ? TIERS.indexOf('none') : tierId };
      this.formatted.set(result, f);
    }
    return f;
  }

  async process(chunk: ByteChunk, signal?: AbortSignal): Promise<ChunkOutcome> {
    const parsed = parseChunkRows(decodeChunk(chunk.bytes), this.format);
    const { rows } = parsed;
    const n = rows.length;
    const warnings: [number, string][] = [];
    let warningCount = 0;
    const warn = (row: number, message: string) => {
      warningCount++;
      if (warnings.length < MAX_CHUNK_WARNINGS) warnings.push([row, message]);
    };
    const problems = parsed.problems;
    let p = 0;
    const records: LogRecord[] = new Array(n);
    const { messageIndex, sourceIndex, width } = this;
    for (let i = 0; i < n; i++) {
      while (p < problems.length && problems[p].index === i) warn(i, problems[p++].message);
      const fields = rows[i];
      if (fields.length !== width) warn(i, `has ${fields.length} fields, the header has ${width}`);
      const message = fields[messageIndex] ?? '';
      if (isBlank(message)) warn(i, 'has no log message; labelled Unclassified');
      else if (message.includes(REPLACEMENT_CHARACTER)) {
        warn(i, 'has bytes that are not valid text in this encoding (shown as �); is the file UTF-8?');
      }
      records[i] = { message, source: sourceIndex >= 0 ? (fields[sourceIndex] ?? '') : '' };
    }
    const results = await this.classifier.classify(records, signal);

    const labelIds = new Uint16Array(n);
    const tiers = new Uint8Array(n);
    const confidence = new Float32Array(n);
    const ndjson = this.options.output === 'ndjson';
    const safe = this.options.safeCsv ?? false;
    // CSV out of comma-separated CSV that parsed cleanly: each row's own bytes, then the added
    // cells – no field is formatted again (papaparse reads the same fields back). Otherwise
    // (other delimiters, NDJSON, parse problems, a short or long row, a cell that safe output
    // must neutralise) the row is formatted.
    const spans = this.passThroughSpans(chunk.bytes, parsed, chunk.rowEnds);
    const out = new ByteWriter(chunk.bytes.length + (n << 4) + 64);
    const input = chunk.bytes;
    const crlf = this.format.newline === '\r\n';
    for (let i = 0; i < n; i++) {
      const result = results[i];
      const f = this.formattedOf(result);
      labelIds[i] = f.labelId;
      tiers[i] = f.tierId;
      confidence[i] = result.confidence;
      if (ndjson) out.text(this.ndjsonRow(rows[i], parsed.lines?.[i] ?? null, f.cells));
      else if (spans && rows[i].length === width && !(safe && mayBeFormula(rows[i]))) {
        const raw = parsed.rawIndex![i];
        const from = raw === 0 ? 0 : spans[raw - 1];
        let to = raw < spans.length ? spans[raw] : input.length;
        if (to > from && input[to - 1] === 0x0a) to--;
        if (crlf && to > from && input[to - 1] === 0x0d) to--;
        out.put(input.subarray(from, to));
        out.put(f.cellBytes);
      } else out.text(csvRow(rows[i], width, f.cells, safe));
    }
    const output = out.result();
    return {
      index: chunk.index,
      start: chunk.start,
      byteLength: chunk.bytes.length,
      rows: n,
      output,
      labels: this.labels.slice(),
      labelIds,
      tiers,
      confidence,
      warnings,
      warningCount,
      ...(this.options.keepRecords ? { records, results } : {}),
    };
  }

  /** Row ends of the chunk when its rows can be copied as they are; null when they must be formatted. */
  private passThroughSpans(bytes: Uint8Array, parsed: ParsedChunk, known?: Int32Array): ArrayLike<number> | null {
    const f = this.format;
    if (f.format !== 'csv' || f.delimiter !== ',' || (f.newline !== '\n' && f.newline !== '\r\n')) return null;
    if (this.options.output === 'ndjson' || parsed.rawCount === undefined || parsed.rawCount < 0) return null;
    const ends = known ?? (this.scanner ??= new RowBoundaryScanner(f)).rowEnds(bytes);
    // papaparse reads one more row than there are row ends (the rest after the last one, maybe empty).
    return ends.length + 1 === parsed.rawCount ? ends : null;
  }

  /** One NDJSON output line: an NDJSON input line keeps its object as it was; other rows become one. */
  private ndjsonRow(fields: string[], line: string | null, added: string): string {
    if (line !== null) {
      const close = line.lastIndexOf('}');
      const body = line.slice(0, close).trimEnd();
      return body + (body.endsWith('{') ? '' : ',') + added + '}\n';
    }
    let out = '{';
    const keys = this.outputKeys;
    const count = Math.max(fields.length, this.width);
    for (let i = 0; i < count && i < this.width; i++) out += `${keys[i]}:${JSON.stringify(fields[i] ?? '')},`;
    return out + added + '}\n';
  }
}
