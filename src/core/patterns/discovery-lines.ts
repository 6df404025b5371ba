/**
 * One discovery's lines as they are read, chunk by chunk (a run's rows read back from its file, or
 * a picked file): a line to mine goes to the miner at once, which keeps its key and nothing of its
 * text; every line is offered to the sample kept for value distributions and previews
 * (line-sample.ts). So a file of millions of lines is mined in memory that grows by a few bytes a
 * line, not by its text.
 */
import { LineSample, DEFAULT_LINES_KEPT, linesWithin, PlannedSample } from './line-sample.ts';
import { MiningSession } from './mine.ts';
import type { MinePool } from './mine-pool.ts';
import type { RowsJob } from './mine-rows.ts';
import type { MinerSettings, PatternMiner } from './miner.ts';
import type { SessionLines } from './session.ts';

export class DiscoveryLines {
  private readonly mining: MiningSession;
  private readonly pool: MinePool | null;
  /** Lines to mine not yet sent to the pool. */
  private batch: string[] = [];
  private readonly sample: LineSample | PlannedSample;
  private mined = new Int32Array(1024);
  private minedCount = 0;
  private count = 0;

  /**
   * `keep`: lines whose text is kept in memory (a uniform sample beyond that). `pool`: workers that
   * mine the lines (made with the same settings), batch by batch at each flush(); none: mined here.
   * `total`: the line count, when it is known before the lines are read – then the lines can come
   * as bytes (addRows), and `charsPerLine`, their average length, keeps fewer of long lines
   * (linesWithin); lines read one by one are kept within the same text budget as they come.
   */
  constructor(settings: Partial<MinerSettings>, keep = DEFAULT_LINES_KEPT, pool: MinePool | null = null, total?: number, charsPerLine?: number) {
    this.pool = pool;
    this.mining = pool?.session ?? new MiningSession({ settings });
    this.sample = total === undefined ? new LineSample({ capacity: keep }) : new PlannedSample(total, charsPerLine ? linesWithin(keep, charsPerLine) : keep);
  }

  /** Whether addRows can be used: the lines are mined by a pool and their count was given. */
  get takesRows(): boolean {
    return this.pool !== null && this.sample instanceof PlannedSample;
  }

  /**
   * Adds the file's next `rows` rows as bytes, for the pool's workers to parse and mine (those
   * whose `mine` is 1) and to send back the text of the sampled ones; waits while the workers are
   * busy. Needs takesRows. Lines cannot be added by add() as well. `absorbed` is called once the
   * rows are mined and taken in (in file order): for progress that says what is done.
   */
  async addRows(job: Omit<RowsJob, 'keep'> & { mine: Uint8Array }, rows: number, absorbed?: () => void): Promise<void> {
    const sample = this.sample;
    if (!this.pool || !(sample instanceof PlannedSample)) throw new Error('rows as bytes need a mining pool and the line count');
    const first = this.count;
    this.count += rows;
    for (let r = 0; r < rows; r++) if (job.mine[r]) this.push(first + r);
    await this.pool.addRows({ ...job, keep: sample.linesIn(first, first + rows) }, (mined) => {
      if (mined.rows !== rows) throw new Error(`rows ${first + 1}–${first + rows} parsed as ${mined.rows} rows, not ${rows}`);
      mined.kept.messages.forEach((message, k) => sample.put(message, mined.kept.sources[k]));
      absorbed?.();
    });
  }

  private push(line: number): void {
    if (this.minedCount === this.mined.length) {
      const grown = new Int32Array(Math.max(this.mined.length * 2, 1024));
      grown.set(this.mined);
      this.mined = grown;
    }
    this.mined[this.minedCount++] = line;
  }

  /** Adds the file's next line; `mine` false for one that is kept but not mined (a rule labelled it). */
  add(message: string, source: string, mine = true): void {
    if (!(this.sample instanceof LineSample)) throw new Error('lines of a known count come as rows (addRows)');
    const line = this.count++;
    this.sample.offer(message, source);
    if (!mine) return;
    this.push(line);
    if (this.pool) this.batch.push(message);
    else this.mining.add(message);
  }

  /** Sends the lines added since the last flush to the pool (waits while it is busy); nothing without a pool. */
  async flush(): Promise<void> {
    if (!this.pool || this.batch.length === 0) return;
    const batch = this.batch;
    this.batch = [];
    await this.pool.add(batch);
  }

  /** Stops the pool's workers (a cancelled or failed discovery). */
  abort(): void {
    this.pool?.terminate();
  }

  /** Lines added. */
  get lines(): number {
    return this.count;
  }

  /** The miner and the session's lines; `times` per file line, when the lines have times. */
  async finish(times: ArrayLike<number> | null = null): Promise<{ miner: PatternMiner; lines: SessionLines }> {
    await this.flush();
    const { miner, keys } = this.pool ? await this.pool.finish() : this.mining.finish();
    const kept = this.sample.result();
    return {
      miner,
      lines: {
        messages: kept.messages,
        sources: kept.sources,
        lineIndex: kept.lineIndex,
        lineCount: kept.lineCount,
        mined: this.mined.slice(0, this.minedCount),
        keys,
        times,
      },
    };
  }
}
