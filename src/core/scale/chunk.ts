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
import { outputColumns } from '../run.ts';
import { isBlank, TIERS, type Classification, type LogRecord } from '../types.ts';
import type { ChunkFormat } from './input.ts';
import { readLeanRows } from './lean-csv.ts';
import { RowBoundaryScanner, type ByteChunk } from './split.ts';

export type OutputFormat = 'csv' | 'ndjson';

export interface ParsedChunk {
  /** Each row's fields, in the header's order (NDJSON: the header keys' values). */
  rows: string[][];
  /** NDJSON only: each row's line as it was (null for a line that is not a JSON object). */
  lines?: (string | null)[];
  /** NDJSON only: each row's object, parsed (null for a line that is not a JSON object). */
  objects?: (Record<string, unknown> | null)[];
  /** Parse problems, by row index. */
  problems: { index: number; message: string }[];
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

/** The line's JSON object; null for a line that is not one. */
function jsonObject(line: string): Record<string, unknown> | null {
  try {
    const value = JSON.parse(line) as unknown;
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/**
 * NDJSON rows: each line's object read by the header's keys. The header has only the keys of the
 * first lines (input.ts), so with `csvOutput` a row whose object has others is told that they
 * have no CSV column; NDJSON output keeps each line, and them.
 */
function parseNdjsonRows(text: string, header: string[], csvOutput: boolean): ParsedChunk {
  const messageIndex = Math.max(0, findColumn(header, MESSAGE_COLUMNS));
  const known = new Set(header);
  const rows: string[][] = [];
  const lines: (string | null)[] = [];
  const objects: (Record<string, unknown> | null)[] = [];
  const problems: ParsedChunk['problems'] = [];
  for (const line of nonBlankLines(text)) {
    const object = jsonObject(line);
    if (object) {
      const unseen = csvOutput ? Object.keys(object).filter((key) => !known.has(key)) : [];
      if (unseen.length) problems.push({ index: rows.length, message: `has keys not in the header (${unseen.join(', ')}); they are left out of CSV output` });
      rows.push(header.map((key) => cellOf(object[key])));
      lines.push(line);
    } else {
      problems.push({ index: rows.length, message: 'is not a JSON object; read as a plain-text line' });
      const fields = header.map(() => '');
      fields[messageIndex] = line;
      rows.push(fields);
      lines.push(null);
    }
    objects.push(object);
  }
  return { rows, lines, objects, problems };
}

/**
 * A chunk's rows. `output`, the output they are read for (none: read back for display), decides
 * which problems are told: keys of an NDJSON row that CSV output leaves out.
 */
export function parseChunkRows(text: string, format: ChunkFormat, output?: OutputFormat): ParsedChunk {
  if (format.format === 'text') return { rows: nonBlankLines(text).map((line) => [line]), problems: [] };
  if (format.format === 'ndjson') return parseNdjsonRows(text, format.header, output === 'csv');
  const parser = new LowLevel({ delimiter: format.delimiter, newline: format.newline as '\n', quoteChar: '"' });
  const result = parser.parse(text, 0, false);
  const rows: string[][] = [];
  const problems: ParsedChunk['problems'] = [];
  let problemsByRow: Map<number, string> | null = null;
  for (const error of result.errors) {
    if (typeof error.row === 'number') (problemsByRow ??= new Map()).set(error.row, error.message);
  }
  const data = result.data;
  for (let i = 0; i < data.length; i++) {
    const row = data[i];
    if (isBlankRow(row)) continue;
    const problem = problemsByRow?.get(i);
    if (problem) problems.push({ index: rows.length, message: `could not be parsed cleanly: ${problem}` });
    rows.push(row);
  }
  return { rows, problems };
}

export interface ChunkOutcome {
  index: number;
  /** Byte offset and length of the chunk in the input. */
  start: number;
  byteLength: number;
  rows: number;
  /** The chunk's output rows (CSV or NDJSON), in order. */
  output: Uint8Array;
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

const REPLACEMENT_CHARACTER = '\uFFFD';

interface Formatted {
  cells: string;
  /** `cells` and a newline, as UTF-8. */
  cellBytes: Uint8Array;
  labelId: number;
  tierId: number;
}

const encoder = new TextEncoder();

/**
 * Output bytes, grown as needed. Made `over` an input, it keeps a copy of the input in front of
 * the output, so that a row is copied with copyWithin – no view object per row.
 */
class ByteWriter {
  bytes: Uint8Array;
  length: number;
  private readonly base: number;
  constructor(capacity: number, over?: Uint8Array) {
    this.base = over?.length ?? 0;
    this.bytes = new Uint8Array(this.base + capacity);
    if (over) this.bytes.set(over);
    this.length = this.base;
  }
  private ensure(extra: number): void {
    if (this.length + extra <= this.bytes.length) return;
    const next = new Uint8Array(Math.max(this.bytes.length * 2, this.length + extra));
    next.set(this.bytes.subarray(0, this.length));
    this.bytes = next;
  }
  /** A row as it was: bytes `from`–`to` of the input this writer was made over, then `added`. */
  putInputRow(from: number, to: number, added: Uint8Array): void {
    this.ensure(to - from + added.length);
    const bytes = this.bytes;
    bytes.copyWithin(this.length, from, to);
    this.length += to - from;
    bytes.set(added, this.length);
    this.length += added.length;
  }
  text(data: string): void {
    this.ensure(data.length * 3);
    this.length += encoder.encodeInto(data, this.bytes.subarray(this.length)).written;
  }
  result(): Uint8Array {
    return this.bytes.subarray(this.base, this.length);
  }
}

/**
 * A chunk's rows as classifying needs them, read by readLeanRows or by papaparse: each row's
 * message, source and field count, and how to write the row's output.
 */
interface ChunkRows {
  count: number;
  messages: string[];
  sources: string[];
  fieldCounts: ArrayLike<number>;
  problems: ParsedChunk['problems'];
  /** The chunk's output: each row with its added cells (`cells[i]`, `addedBytes` long in all). */
  output(cells: Formatted[], addedBytes: number): Uint8Array;
}

/**
 * Writes each row's input bytes (`from[i]`–`to[i]`) and added cells over the input itself, from
 * the last row back, into the room behind the rows (a chunk in a buffer of ChunkBuffers). A row
 * never lands before where it was read from (its cells are at least as long as the line end it
 * loses), so no row is overwritten before it has moved. Null when the output does not fit, or
 * when blank lines the output leaves out would have a row land on rows not yet moved.
 */
function writeOverInput(input: Uint8Array, from: Int32Array, to: Int32Array, cells: Formatted[]): Uint8Array | null {
  const n = from.length;
  let total = 0;
  for (let i = 0; i < n; i++) {
    if (total < from[i]) return null;
    total += to[i] - from[i] + cells[i].cellBytes.length;
  }
  if (input.byteOffset + total > input.buffer.byteLength) return null;
  const out = new Uint8Array(input.buffer, input.byteOffset, total);
  let end = total;
  for (let i = n - 1; i >= 0; i--) {
    const added = cells[i].cellBytes;
    end -= added.length;
    out.set(added, end);
    end -= to[i] - from[i];
    out.copyWithin(end, from[i], to[i]);
  }
  return out;
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
  /** NDJSON output: keys whose presence makes an object be written anew (see ndjsonRow). */
  private readonly renamedKeys: string[];
  private scanner: RowBoundaryScanner | null = null;
  /** Whether rows can be copied to the output as they are (comma-separated CSV in and out). */
  private readonly passesThrough: boolean;

  constructor(
    readonly classifier: Classifier,
    readonly format: ChunkFormat,
    private readonly options: { explain: boolean; safeCsv?: boolean; output?: OutputFormat; columns: string[]; keepRecords?: boolean },
  ) {
    this.messageIndex = requireColumn(format.header, MESSAGE_COLUMNS, 'log message');
    this.sourceIndex = findColumn(format.header, SOURCE_COLUMNS);
    this.width = format.header.length;
    this.outputKeys = options.columns.map((name) => JSON.stringify(name));
    const header = outputColumns(format.header, options.explain);
    this.renamedKeys = [...new Set([...header.columns.slice(this.width), ...header.renamed])];
    this.passesThrough =
      format.format === 'csv' && format.delimiter === ',' && (format.newline === '\n' || format.newline === '\r\n') && options.output !== 'ndjson';
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
    const text = decodeChunk(chunk.bytes);
    const rows = this.leanRows(text, chunk) ?? this.parsedRows(text, chunk);
    const n = rows.count;
    const warnings: [number, string][] = [];
    let warningCount = 0;
    const warn = (row: number, message: string) => {
      warningCount++;
      if (warnings.length < MAX_CHUNK_WARNINGS) warnings.push([row, message]);
    };
    const { problems, messages, sources, fieldCounts } = rows;
    // Undecodable bytes are rare: one look at the chunk spares a look at each message.
    const undecodable = text.includes(REPLACEMENT_CHARACTER);
    let p = 0;
    const records: LogRecord[] = new Array(n);
    const width = this.width;
    for (let i = 0; i < n; i++) {
      while (p < problems.length && problems[p].index === i) warn(i, problems[p++].message);
      if (fieldCounts[i] !== width) warn(i, `has ${fieldCounts[i]} fields, the header has ${width}`);
      const message = messages[i];
      if (isBlank(message)) warn(i, 'has no log message; labelled Unclassified');
      else if (undecodable && message.includes(REPLACEMENT_CHARACTER)) {
        warn(i, 'has bytes that are not valid text in this encoding (shown as �); is the file UTF-8?');
      }
      records[i] = { message, source: sources[i] };
    }
    const results = await this.classifier.classify(records, signal);

    const labelIds = new Uint16Array(n);
    const tiers = new Uint8Array(n);
    const confidence = new Float32Array(n);
    const cells: Formatted[] = new Array(n);
    let addedBytes = 0;
    for (let i = 0; i < n; i++) {
      const result = results[i];
      const f = this.formattedOf(result);
      cells[i] = f;
      addedBytes += f.cellBytes.length;
      labelIds[i] = f.labelId;
      tiers[i] = f.tierId;
      confidence[i] = result.confidence;
    }
    const output = rows.output(cells, addedBytes);
    return {
      index: chunk.index,
      start: chunk.start,
      byteLength: chunk.sourceLength ?? chunk.bytes.length,
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

  /**
   * Comma-separated CSV out of comma-separated CSV: rows read by readLeanRows, and each written
   * as its own bytes and the added cells – no field is formatted again (papaparse reads the same
   * fields back) – unless it is short or long or has a cell safe output must neutralise. Null
   * where that does not apply (other delimiters, NDJSON, a malformed chunk).
   */
  private leanRows(text: string, chunk: ByteChunk): ChunkRows | null {
    if (!this.passesThrough) return null;
    const f = this.format;
    const lean = readLeanRows(text, f.delimiter!, f.newline!, this.messageIndex, this.sourceIndex);
    if (!lean) return null;
    const input = chunk.bytes;
    // Where each row's bytes are: in ASCII text a character is a byte, so the rows' text offsets
    // serve; otherwise the row ends are found in the bytes (papaparse's raw rows, blank ones too).
    const ascii = text.length === input.length;
    const ends = ascii ? null : (this.scanner ??= new RowBoundaryScanner(f)).rowEnds(input);
    if (ends && ends.length + 1 !== lean.rawCount) return null;
    const crlf = f.newline === '\r\n';
    const { width } = this;
    const safe = this.options.safeCsv ?? false;
    return {
      count: lean.count,
      messages: lean.messages,
      sources: lean.sources,
      fieldCounts: lean.fieldCounts,
      problems: [],
      output: (cells, addedBytes) => {
        const n = lean.count;
        // Each row's bytes, line end left out; from -1: the row is formatted anew.
        const from = new Int32Array(n);
        const to = new Int32Array(n);
        let allCopied = true;
        for (let i = 0; i < n; i++) {
          if (lean.fieldCounts[i] !== width || (safe && lean.formulaLike[i])) {
            from[i] = -1;
            allCopied = false;
          } else if (ends) {
            const raw = lean.rawIndex[i];
            const start = raw === 0 ? 0 : ends[raw - 1];
            let end = raw < ends.length ? ends[raw] : input.length;
            if (end > start && input[end - 1] === 0x0a) end--;
            if (crlf && end > start && input[end - 1] === 0x0d) end--;
            from[i] = start;
            to[i] = end;
          } else {
            from[i] = lean.textStarts[i];
            to[i] = lean.textEnds[i];
          }
        }
        const over = allCopied && chunk.ownsBuffer ? writeOverInput(input, from, to, cells) : null;
        if (over) return over;
        // Sized for the whole output up front: growing a megabyte buffer means allocating and copying it again.
        const out = new ByteWriter(input.length + addedBytes, input);
        for (let i = 0; i < n; i++) {
          if (from[i] >= 0) out.putInputRow(from[i], to[i], cells[i].cellBytes);
          else {
            const fields = parseChunkRows(text.slice(lean.textStarts[i], lean.textEnds[i]), f).rows[0] ?? [''];
            out.text(csvRow(fields, width, cells[i].cells, safe));
          }
        }
        return out.result();
      },
    };
  }

  /** The chunk's rows read by papaparse (parseChunkRows), each written formatted. */
  private parsedRows(text: string, chunk: ByteChunk): ChunkRows {
    const ndjson = this.options.output === 'ndjson';
    const parsed = parseChunkRows(text, this.format, ndjson ? 'ndjson' : 'csv');
    const { rows } = parsed;
    const { width, messageIndex, sourceIndex } = this;
    const safe = this.options.safeCsv ?? false;
    return {
      count: rows.length,
      messages: rows.map((fields) => fields[messageIndex] ?? ''),
      sources: rows.map((fields) => (sourceIndex >= 0 ? (fields[sourceIndex] ?? '') : '')),
      fieldCounts: rows.map((fields) => fields.length),
      problems: parsed.problems,
      output: (cells, addedBytes) => {
        const out = new ByteWriter(chunk.bytes.length + addedBytes + 64);
        for (let i = 0; i < rows.length; i++) {
          const added = cells[i].cells;
          if (ndjson) out.text(this.ndjsonRow(rows[i], parsed.lines?.[i] ?? null, parsed.objects?.[i] ?? null, added));
          else out.text(csvRow(rows[i], width, added, safe));
        }
        return out.result();
      },
    };
  }

  /**
   * One NDJSON output line: an NDJSON input line keeps its object as it was (its text), other rows
   * become one. An object that already has a key the run adds would repeat it: it is written anew
   * with the key renamed original_<name>, as CSV output does (outputColumns). The run warns about
   * such keys once, when the header has them (RunTally); past the lines the header is read from,
   * they are renamed without a warning. Whether to rename is asked of the run's keys and the
   * header's renamed ones only, not of every key of every line (that would slow each line down by
   * a fifth): a key in another case (Target_Label) that the header lacks stays as it is.
   */
  private ndjsonRow(fields: string[], line: string | null, object: Record<string, unknown> | null, added: string): string {
    if (line !== null && object !== null) {
      if (this.renamedKeys.some((key) => Object.hasOwn(object, key))) return renamedLine(object, this.options.explain, added);
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

/**
 * The object as an NDJSON line with the added keys (JSON text), its keys renamed as outputColumns
 * renames columns; written key by key, so that a `__proto__` key stays a key.
 */
function renamedLine(object: Record<string, unknown>, explain: boolean, added: string): string {
  const keys = Object.keys(object);
  const { columns } = outputColumns(keys, explain);
  let out = '{';
  keys.forEach((key, i) => (out += `${JSON.stringify(columns[i])}:${JSON.stringify(object[key])},`));
  return out + added + '}\n';
}
