/**
 * Where a file's rows keep their time, decided once on a sample of rows (the first lines the
 * input reads for its other guesses): a column named like a time whose cells read as one, any
 * other column whose cells all but read as one, or a time at the start of the message. The run
 * then reads every row with that one layout (parse.ts); a row it cannot read has no time and is
 * counted as such.
 */
import { describeColumns } from '../csv/columns.ts';
import { InputError } from '../errors.ts';
import { readerOf, TIME_FORMATS, type TimeFormat } from './parse.ts';

export interface TimeSource {
  /** The column read: a time column, or the message column when the time starts the message. */
  column: number;
  columnName: string;
  format: TimeFormat;
  inMessage: boolean;
  /** Where year-less layouts take their year from (parse.ts): the file's last change, or now. */
  referenceMs: number;
  /** Whether the sample's times said their zone (otherwise they are shown as written). */
  zoned: boolean;
}

/** `auto`, `none`, or a column's name. */
export type TimeColumnChoice = string;

/** Names of time columns, in order of preference; other names holding one of TIME_WORDS come next. */
export const TIME_COLUMNS = ['@timestamp', 'timestamp', 'time', 'datetime', 'date_time', 'date', 'ts', 'time_local', 'logged_at', 'event_time', 'created_at'];
const TIME_WORDS = ['time', 'date', 'timestamp'];

/** Share of a sample's non-blank cells that must read as times for the column to be taken. */
export const MIN_TIMED_SHARE = 0.8;

interface Fit {
  format: TimeFormat;
  share: number;
  zoned: boolean;
}

/** The layout that reads the most of `cells` (blank ones aside), if it reads at least MIN_TIMED_SHARE of them. */
export function fitFormat(cells: readonly string[], referenceMs: number, formats: readonly TimeFormat[] = TIME_FORMATS): Fit | null {
  const texts = cells.filter((cell) => cell.trim() !== '');
  if (texts.length === 0) return null;
  let best: Fit | null = null;
  for (const format of formats) {
    const read = readerOf(format, referenceMs);
    let hits = 0;
    let zoned = 0;
    for (const text of texts) {
      const time = read(text);
      if (time) {
        hits++;
        if (time.zoned) zoned++;
      }
    }
    const share = hits / texts.length;
    if (share >= MIN_TIMED_SHARE && (!best || share > best.share)) best = { format, share, zoned: zoned === hits };
  }
  return best;
}

function timeLikeName(name: string): boolean {
  const n = name.trim().toLowerCase();
  return TIME_COLUMNS.includes(n) || TIME_WORDS.some((word) => n.includes(word));
}

/** The first rows of a file that its time layout is found on. */
export const TIME_SAMPLE_ROWS = 20;

/**
 * Where the rows' times are, or null when the sample shows none (or `choice` is `none`). A
 * column chosen by name must exist and hold times: otherwise an InputError says why.
 */
export function detectTimeSource(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  options: { messageIndex: number; choice?: TimeColumnChoice; referenceMs: number },
): TimeSource | null {
  const { messageIndex, referenceMs } = options;
  const choice = (options.choice ?? 'auto').trim();
  if (choice.toLowerCase() === 'none') return null;
  const cellsOf = (column: number) => rows.map((row) => row[column] ?? '');
  const source = (column: number, fit: Fit): TimeSource => ({
    column,
    columnName: header[column],
    format: fit.format,
    inMessage: column === messageIndex,
    referenceMs,
    zoned: fit.zoned,
  });

  if (choice.toLowerCase() !== 'auto') {
    const column = header.findIndex((name) => name.trim().toLowerCase() === choice.toLowerCase());
    if (column < 0) throw new InputError(`No time column "${choice}" (columns in the file: ${describeColumns(header)}).`);
    const fit = fitFormat(cellsOf(column), referenceMs);
    if (!fit) {
      const example = cellsOf(column).find((cell) => cell.trim() !== '') ?? '';
      throw new InputError(`Column "${choice}" holds no times logsift can read (first value: "${example.slice(0, 60)}").`);
    }
    return source(column, fit);
  }

  // Columns named like times first, by preference; then any other column but the message, whose
  // cells read as times – except as epoch numbers, which a count or a size can look like.
  const named = header
    .map((name, column) => ({ name: name.trim().toLowerCase(), column }))
    .filter(({ name, column }) => column !== messageIndex && timeLikeName(name))
    .sort((a, b) => rank(a.name) - rank(b.name))
    .map(({ column }) => column);
  for (const column of named) {
    const fit = fitFormat(cellsOf(column), referenceMs);
    if (fit) return source(column, fit);
  }
  const others = TIME_FORMATS.filter((format) => format !== 'epoch');
  for (let column = 0; column < header.length; column++) {
    if (column === messageIndex || named.includes(column)) continue;
    const fit = fitFormat(cellsOf(column), referenceMs, others);
    if (fit) return source(column, fit);
  }
  if (messageIndex >= 0) {
    const fit = fitFormat(cellsOf(messageIndex), referenceMs);
    if (fit) return source(messageIndex, fit);
  }
  return null;
}

function rank(name: string): number {
  const at = TIME_COLUMNS.indexOf(name);
  return at < 0 ? TIME_COLUMNS.length : at;
}
