/**
 * Mining jobs: over a list of lines in memory (the page's worker), adding them in chunks and
 * yielding between chunks so progress shows and an AbortSignal can stop it; or line by line as a
 * file is read (the CLI), keeping no line.
 */
import { CancelledError } from '../errors.ts';
import { PatternMiner, type ChunkKey, type MinerSettings, type Pattern } from './miner.ts';

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

  /** Adds the lines of a chunk mined elsewhere (mineChunk), in file order after the lines so far. */
  addChunk(chunk: MinedChunk): void {
    const mapped = this.miner.absorb(chunk.keys);
    this.reserve(chunk.lineKeys.length);
    for (const key of chunk.lineKeys) this.keys[this.length++] = key < 0 ? key : mapped[key];
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

/** A run of lines mined on their own: the keys they make and, per line, its key among them (-1 blank). */
export interface MinedChunk {
  keys: ChunkKey[];
  lineKeys: Int32Array;
}

/** Mines a run of lines on its own (on another thread, say), for MiningSession.addChunk. */
export function mineChunk(lines: readonly string[], settings: Partial<MinerSettings> = {}): MinedChunk {
  const miner = new PatternMiner(settings);
  const lineKeys = new Int32Array(lines.length);
  for (let i = 0; i < lines.length; i++) lineKeys[i] = miner.add(lines[i]);
  return { keys: miner.chunkKeys(), lineKeys };
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

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
