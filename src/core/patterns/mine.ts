/**
 * One mining job over a list of lines, for the worker and the CLI: adds the lines to a miner in
 * chunks, yielding between chunks so progress shows and an AbortSignal can stop it.
 */
import { CancelledError } from '../errors.ts';
import { PatternMiner, type MinerSettings, type Pattern } from './miner.ts';

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

const yieldToEventLoop = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export async function minePatterns(lines: readonly string[], options: MineOptions = {}): Promise<MiningResult> {
  const miner = options.miner ?? new PatternMiner(options.settings);
  const chunk = options.chunkSize ?? 20_000;
  const keys = new Int32Array(lines.length);
  for (let start = 0; start < lines.length; start += chunk) {
    if (options.signal?.aborted) throw new CancelledError();
    const end = Math.min(lines.length, start + chunk);
    for (let i = start; i < end; i++) keys[i] = miner.add(lines[i]);
    options.onProgress?.({ linesDone: end, linesTotal: lines.length });
    if (end < lines.length) await yieldToEventLoop();
  }
  if (options.signal?.aborted) throw new CancelledError();
  return { patterns: miner.patterns(), assignments: assign(miner, keys), keys, miner };
}
