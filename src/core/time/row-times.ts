/**
 * Each row's time for a file read a batch at a time outside a classify run – pattern discovery
 * on a picked file – decided as a run decides it: the layout is judged on the first rows (as many
 * as a run's sample: input.ts reads 20 lines for its guesses), then every row is read with it.
 */
import { detectTimeSource, TIME_SAMPLE_ROWS, type TimeSource } from './detect.ts';
import { timeParser, type TimeParser } from './parse.ts';

export class RowTimes {
  /** undefined until the first rows came; null when they hold no time. */
  private source: TimeSource | null | undefined;
  private parse: TimeParser | null = null;
  private times: number[] = [];

  /** `referenceMs`: the file's last change when known (year-less layouts take its year), else now. */
  constructor(
    private readonly header: readonly string[],
    private readonly messageIndex: number,
    private readonly referenceMs: number,
  ) {}

  /** The next rows, in file order. */
  add(rows: readonly (readonly string[])[]): void {
    if (this.source === undefined && rows.length > 0) {
      this.source = detectTimeSource(this.header, rows.slice(0, TIME_SAMPLE_ROWS), { messageIndex: this.messageIndex, referenceMs: this.referenceMs });
      this.parse = this.source ? timeParser(this.source.format, this.source.referenceMs) : null;
    }
    const parse = this.parse;
    if (!parse) return;
    const column = this.source!.column;
    for (const row of rows) this.times.push(parse(row[column] ?? ''));
  }

  /** Each row's time (epoch ms; NaN: none), or null when the file's rows hold no time. */
  result(): Float64Array | null {
    return this.parse ? Float64Array.from(this.times) : null;
  }
}
