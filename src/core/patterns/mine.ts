/**
 * Mining jobs: over a list of lines in memory (the page's worker), adding them in chunks and
 * yielding between chunks so progress shows and an AbortSignal can stop it; or line by line as a
 * file is read (the CLI), keeping no line.
 */
import { CancelledError } from '../errors.ts';
import { PatternMiner, type ChunkKey, type MinerSettings, type Pattern } from './miner.ts';
import { WILDCARD } from './masking.ts';
import { yieldToEventLoop } from '../event-loop.ts';

export interface MineProgress {
  linesDone: number;
  linesTotal: number;
}

export interface MineOptions {
  settings?: Partial<MinerSettings>;
  /** Continue an existing miner (its lines count too); a new one is made otherwise. */
  miner?: PatternMiner;
  signal?: AbortSignal;
  onProgress?(progress: MineProgress): void;
  /** Lines per chunk between yields (default 20,000). */
  chunkSize?: number;
}

export interface MiningResult {
  /** Most frequent first. */
  patterns: Pattern[];
  /** Per input line, its index into `patterns`; -1 for a blank line. */
  assignments: Int32Array;
  /** Per input line, its key in the miner (-1 for blank): recompute assignments after an edit with assign(). */
  keys: Int32Array;
  miner: PatternMiner;
}

/** Per line, its index into miner.patterns() now (after split/merge, patterns are renumbered). */
export function assign(miner: PatternMiner, keys: Int32Array): Int32Array {
  const assignments = new Int32Array(keys.length);
  for (let i = 0; i < keys.length; i++) assignments[i] = miner.patternIndexOfKey(keys[i]);
  return assignments;
}

/**
 * Mining for input that is never all in memory (a file read in chunks): add each message as it is
 * read, then finish. What it keeps is the miner's (per distinct shape: its tokens, count and a few
 * example lines) and one 4-byte key per line, for the assignments.
 */
export class MiningSession {
  readonly miner: PatternMiner;
  private keys = new Int32Array(1024);
  private length = 0;

  constructor(options: Pick<MineOptions, 'settings' | 'miner'> = {}) {
    this.miner = options.miner ?? new PatternMiner(options.settings);
  }

  /** Lines added so far. */
  get linesDone(): number {
    return this.length;
  }

  add(message: string): void {
    this.reserve(1);
    this.keys[this.length++] = this.miner.add(message);
  }

  /**
   * Adds the lines of a run mined elsewhere (ChunkMiner), in file order after the lines so far.
   * `known`: the sender's key ids' keys here, kept from run to run of one sender (a new array for
   * a run mined on its own).
   */
  addChunk(chunk: MinedChunk, known: number[] = []): void {
    this.miner.absorb(chunk.keys, chunk.ids, known);
    this.reserve(chunk.lineKeys.length);
    for (const key of chunk.lineKeys) this.keys[this.length++] = key < 0 ? key : known[key];
  }

  private reserve(more: number): void {
    if (this.length + more <= this.keys.length) return;
    const grown = new Int32Array(Math.max(this.keys.length * 2, this.length + more));
    grown.set(this.keys);
    this.keys = grown;
  }

  /** The patterns and, per line added, its pattern. The session can go on taking lines after. */
  finish(): MiningResult {
    const keys = this.keys.slice(0, this.length);
    return { patterns: this.miner.patterns(), assignments: assign(this.miner, keys), keys, miner: this.miner };
  }
}

/** What a ChunkMiner made of a run of lines: per line its key id (-1 blank), and the keys the run touched. */
export interface MinedChunk {
  keys: ChunkKey[];
  /** Per key, its id (ids go on from run to run of one ChunkMiner). */
  ids: Int32Array;
  lineKeys: Int32Array;
}

/**
 * Mines a worker's runs of lines one after another, for MiningSession.addChunk: it keeps its keys
 * from run to run, so a run costs what adding its lines costs, and what it sends back is only what
 * the run changed – per key touched, its count in the run, its tokens when they are new or changed,
 * and the example lines it gained.
 */
export class ChunkMiner {
  private readonly miner: PatternMiner;
  /** Per key: lines in the current run, example lines sent, wildcards in the tokens sent (-1: none sent). */
  private runCount = new Int32Array(256);
  private examplesSent = new Int32Array(256);
  private wildcardsSent = new Int32Array(256).fill(-1);

  constructor(settings: Partial<MinerSettings> = {}) {
    this.miner = new PatternMiner(settings);
  }

  mine(lines: readonly string[]): MinedChunk {
    const lineKeys = new Int32Array(lines.length);
    const touched: number[] = [];
    for (let i = 0; i < lines.length; i++) {
      const key = this.miner.add(lines[i]);
      lineKeys[i] = key;
      if (key < 0) continue;
      if (key >= this.runCount.length) this.grow(key);
      if (this.runCount[key]++ === 0) touched.push(key);
    }
    const keys: ChunkKey[] = [];
    for (const key of touched) {
      const { tokens, examples } = this.miner.keyView(key);
      let wildcards = 0;
      for (const token of tokens) if (token === WILDCARD) wildcards++;
      const changed = wildcards !== this.wildcardsSent[key];
      keys.push({ tokens: changed ? tokens.slice() : null, count: this.runCount[key], examples: examples.slice(this.examplesSent[key]) });
      this.wildcardsSent[key] = wildcards;
      this.examplesSent[key] = examples.length;
      this.runCount[key] = 0;
    }
    return { keys, ids: Int32Array.from(touched), lineKeys };
  }

  private grow(key: number): void {
    const size = Math.max(key + 1, this.runCount.length * 2);
    const grown = (from: Int32Array, fill: number) => {
      const to = new Int32Array(size).fill(fill);
      to.set(from);
      return to;
    };
    this.runCount = grown(this.runCount, 0);
    this.examplesSent = grown(this.examplesSent, 0);
    this.wildcardsSent = grown(this.wildcardsSent, -1);
  }
}

/** Mines lines held in memory, in chunks: progress between chunks, and `signal` stops it. */
export async function minePatterns(lines: readonly string[], options: MineOptions = {}): Promise<MiningResult> {
  const session = new MiningSession(options);
  const chunk = options.chunkSize ?? 20_000;
  for (let start = 0; start < lines.length; start += chunk) {
    if (options.signal?.aborted) throw new CancelledError();
    const end = Math.min(lines.length, start + chunk);
    for (let i = start; i < end; i++) session.add(lines[i]);
    options.onProgress?.({ linesDone: end, linesTotal: lines.length });
    if (end < lines.length) await yieldToEventLoop();
  }
  if (options.signal?.aborted) throw new CancelledError();
  return session.finish();
}
