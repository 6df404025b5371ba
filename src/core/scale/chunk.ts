/**
 * One chunk of the chunked pipeline, the same in every worker, in the CLI and in the page:
 * read its rows (chunk-rows.ts, csv/read.ts), classify them, and give back the output text and
 * compact columns (label index, tier, confidence). Row numbers here are 0-based within the
 * chunk; the coordinator (run-chunked.ts) adds the chunk's first row.
 */
import type { Classifier } from '../classifier.ts';
import { findColumn, messageColumnOf, SOURCE_COLUMNS } from '../csv/columns.ts';
import { csvCell, csvRow } from '../csv/format.ts';
import { FORMULA_LIKE, MALFORMED, readDelimited, type CellSpans } from '../csv/read.ts';
import { outputColumns } from '../run-report.ts';
import { timeParser, type TimeParser } from '../time/parse.ts';
import type { TimeSource } from '../time/detect.ts';
import { isBlank, TIERS, type Classification, type LogRecord } from '../types.ts';
import { csvRowCells, decodeChunk, fieldCountProblem, parseChunkRows, type ParsedChunk } from './chunk-rows.ts';
import type { ChunkFormat } from './input.ts';
import type { ByteChunk } from './split.ts';

export type OutputFormat = 'csv' | 'ndjson';

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
  /** When the run reads times: each row's, epoch ms (NaN: the row has none). */
  times?: Float64Array;
  /** Warnings by 0-based row in the chunk, the first MAX_CHUNK_WARNINGS of them. */
  warnings: [number, string][];
  warningCount: number;
  /** When asked for (the LLM tier's review list): each row's record and result. */
  records?: LogRecord[];
  results?: Classification[];
}

export const MAX_CHUNK_WARNINGS = 1000;

/** How a run's chunks are read and written, the same in every worker. */
export interface ChunkSettings {
  explain: boolean;
  safeCsv?: boolean;
  output?: OutputFormat;
  columns: string[];
  keepRecords?: boolean;
  /** Where the rows' times are (time/detect.ts); none: times are not read. */
  time?: TimeSource | null;
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
 * A chunk's rows as classifying needs them, read lean or whole (csv/read.ts): each row's
 * message, source and field count, and how to write the row's output.
 */
interface ChunkRows {
  count: number;
  messages: string[];
  sources: string[];
  /** The time column's cells, when the time has a column of its own: as strings, or where they are in `text`. */
  timeCells: string[] | null;
  timeSpans: { text: string; spans: CellSpans } | null;
  fieldCounts: ArrayLike<number>;
  problems: ParsedChunk['problems'];
  /** The chunk's output: each row with its added cells (`cells[i]`, `addedBytes` long in all). */
  output(cells: Formatted[], addedBytes: number): Uint8Array;
}

/**
 * Byte offsets of text offsets in the text's UTF-8, counted forward: `at` must be asked for
 * offsets in increasing order (each row's start, then its end).
 */
class Utf8Offsets {
  private char = 0;
  private byte = 0;
  constructor(private readonly text: string) {}
  at(offset: number): number {
    const text = this.text;
    let byte = this.byte;
    let i = this.char;
    for (; i < offset; i++) {
      const c = text.charCodeAt(i);
      if (c < 0x80) byte++;
      else if (c < 0x800) byte += 2;
      else if (c >= 0xd800 && c < 0xdc00) {
        // A surrogate pair: one character of four bytes.
        byte += 4;
        i++;
      } else byte += 3;
    }
    this.char = i;
    this.byte = byte;
    return byte;
  }
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
  /** Whether rows can be copied to the output as they are (comma-separated CSV in and out). */
  private readonly passesThrough: boolean;
  /** The time column read for each row (-1: none, or the time starts the message), and its reader. */
  private readonly timeIndex: number;
  private readonly readTime: TimeParser | null;

  constructor(
    readonly classifier: Classifier,
    readonly format: ChunkFormat,
    private readonly options: ChunkSettings,
  ) {
    this.messageIndex = messageColumnOf(format);
    this.sourceIndex = findColumn(format.header, SOURCE_COLUMNS);
    this.width = format.header.length;
    this.outputKeys = options.columns.map((name) => JSON.stringify(name));
    const header = outputColumns(format.header, options.explain);
    this.renamedKeys = [...new Set([...header.columns.slice(this.width), ...header.renamed])];
    this.passesThrough = format.format === 'csv' && format.delimiter === ',' && options.output !== 'ndjson';
    const time = options.time;
    this.readTime = time ? timeParser(time.format, time.referenceMs) : null;
    this.timeIndex = time && !time.inMessage ? time.column : -1;
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
      if (fieldCounts[i] !== width) warn(i, fieldCountProblem(fieldCounts[i], this.format.header));
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
    const times = this.readTime ? this.timesOf(rows) : undefined;
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
      ...(times ? { times } : {}),
      warnings,
      warningCount,
      ...(this.options.keepRecords ? { records, results } : {}),
    };
  }

  /** Each row's time from its time cell or the start of its message; NaN where it has none. */
  private timesOf(rows: ChunkRows): Float64Array {
    const read = this.readTime!;
    const times = new Float64Array(rows.count);
    if (rows.timeSpans) {
      const { text, spans } = rows.timeSpans;
      for (let i = 0; i < times.length; i++) times[i] = spans.from[i] >= 0 ? read(text, spans.from[i], spans.to[i]) : read(spans.texts.get(i)!);
      return times;
    }
    const cells = rows.timeCells ?? rows.messages;
    for (let i = 0; i < times.length; i++) times[i] = read(cells[i]);
    return times;
  }

  /**
   * Comma-separated CSV out of comma-separated CSV: rows read lean (no array of cells per row),
   * and each written as its own bytes and the added cells – no field is formatted again (any
   * reader reads the same fields back: a row reaches here only in the form every reader reads
   * alike) – unless it is short or long, written otherwise than every reader reads alike, or has
   * a cell safe output must neutralise. Null where that does not apply (other delimiters, NDJSON).
   */
  private leanRows(text: string, chunk: ByteChunk): ChunkRows | null {
    if (!this.passesThrough) return null;
    const f = this.format;
    const { width } = this;
    // The time cells are read in place: a string per row would be most of what times cost a run.
    const spans = this.timeIndex >= 0 ? this.timeIndex : undefined;
    const lean = readDelimited(text, { delimiter: f.delimiter!, newline: f.newline, width, pick: [this.messageIndex, this.sourceIndex], spans });
    const input = chunk.bytes;
    // Where each row's bytes are: in ASCII text a character is a byte, so the rows' text offsets
    // serve; otherwise they are counted in UTF-8 – unless the text holds a replacement character,
    // which may stand for bytes that were not UTF-8: then every row is formatted anew.
    const ascii = text.length === input.length;
    const bytesUnknown = !ascii && text.includes(REPLACEMENT_CHARACTER);
    const safe = this.options.safeCsv ?? false;
    return {
      count: lean.count,
      messages: lean.picked[0],
      sources: this.sourceIndex >= 0 ? lean.picked[1] : new Array<string>(lean.count).fill(''),
      timeCells: null,
      timeSpans: lean.spans && { text, spans: lean.spans },
      fieldCounts: lean.fieldCounts,
      problems: lean.problems,
      output: (cells, addedBytes) => {
        const n = lean.count;
        // Each row's bytes, line end left out; from -1: the row is formatted anew.
        const from = new Int32Array(n);
        const to = new Int32Array(n);
        let allCopied = true;
        const bytes = ascii ? null : new Utf8Offsets(text);
        for (let i = 0; i < n; i++) {
          if (bytesUnknown || lean.fieldCounts[i] !== width || lean.flags[i] & MALFORMED || (safe && lean.flags[i] & FORMULA_LIKE)) {
            from[i] = -1;
            allCopied = false;
          } else if (bytes) {
            from[i] = bytes.at(lean.starts[i]);
            to[i] = bytes.at(lean.ends[i]);
          } else {
            from[i] = lean.starts[i];
            to[i] = lean.ends[i];
          }
        }
        const over = allCopied && chunk.ownsBuffer ? writeOverInput(input, from, to, cells) : null;
        if (over) return over;
        // Sized for the whole output up front: growing a megabyte buffer means allocating and copying it again.
        const out = new ByteWriter(input.length + addedBytes, input);
        for (let i = 0; i < n; i++) {
          if (from[i] >= 0) out.putInputRow(from[i], to[i], cells[i].cellBytes);
          else out.text(csvRow(csvRowCells(text.slice(lean.starts[i], lean.ends[i]), f), width, cells[i].cells, safe));
        }
        return out.result();
      },
    };
  }

  /** The chunk's rows read whole (parseChunkRows), each written formatted. */
  private parsedRows(text: string, chunk: ByteChunk): ChunkRows {
    const ndjson = this.options.output === 'ndjson';
    const parsed = parseChunkRows(text, this.format, !ndjson);
    const { rows } = parsed;
    const { width, messageIndex, sourceIndex, timeIndex } = this;
    const safe = this.options.safeCsv ?? false;
    return {
      count: rows.length,
      messages: rows.map((fields) => fields[messageIndex] ?? ''),
      sources: rows.map((fields) => (sourceIndex >= 0 ? (fields[sourceIndex] ?? '') : '')),
      timeCells: timeIndex >= 0 ? rows.map((fields) => fields[timeIndex] ?? '') : null,
      timeSpans: null,
      fieldCounts: parsed.fieldCounts,
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
