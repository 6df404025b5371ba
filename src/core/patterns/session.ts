/**
 * A pattern-discovery session, pure: the miner, where its lines came from, and – after a discovery
 * – the file's lines, so that the patterns' lines (not only their stored examples) are counted for
 * value distributions, split positions, rule previews and training rows. The classify worker keeps
 * one (workers/patterns-service.ts) and stores it; everything here runs in Node without a worker.
 */
import { validateMasking, type MaskingConfig } from './masking.ts';
import { assign } from './mine.ts';
import { PatternMiner, type MinerSettings, type MinerState, type PatternEdit } from './miner.ts';
import type { ValueCount } from './values.ts';

/**
 * The lines of the mined file: which lines were mined and their keys – every one – and the text of
 * the lines kept in memory: all of them, or a uniform sample of a big file (line-sample.ts).
 */
export interface SessionLines {
  /** The kept lines' text (of a run: rule-labelled rows too), in file order. */
  messages: readonly string[];
  sources: readonly string[];
  /** Per kept line, its file line, ascending; absent when every line is kept (messages[i] is line i). */
  lineIndex?: Int32Array | null;
  /** The file's lines; absent when every line is kept (messages.length). */
  lineCount?: number;
  /** File line of each mined line, ascending. */
  mined: Int32Array;
  /** Per mined line, its key in the miner (-1 blank). */
  keys: Int32Array;
  /** Per file line, its time (epoch ms, NaN: none), when the lines have times. */
  times?: ArrayLike<number> | null;
}

/** The file's line count. */
export const lineCountOf = (lines: SessionLines): number => lines.lineCount ?? lines.messages.length;

/** Whether only a sample of the file's lines is in memory (a sample is what has a lineIndex). */
export const isSampled = (lines: SessionLines): boolean => !!lines.lineIndex;

/** Patterns that say the same in other words, found by their embeddings. */
export interface SimilarGroups {
  /** Pattern ids; each group has two or more, largest first. */
  groups: string[][];
  /** Largest cosine distance used. */
  eps: number;
  /** The embedder used ("ngram", "bert"). */
  embedder: string;
}

/** A token position where a pattern can be split, with its most frequent values. */
export interface SplitPosition {
  /** 0-based token position in the template. */
  position: number;
  /** The template's token there (`<*>` or a word). */
  token: string;
  /** Distinct values at this position among the pattern's masked lines. */
  distinct: number;
  /** Most lines first, at most 8. */
  top: ValueCount[];
}

export interface PatternSession<Source> {
  miner: PatternMiner;
  source: Source;
  lines: SessionLines | null;
  /** The miner's keys (tokens, count, examples): they change only with a new miner. */
  keyList: MinerState['keys'];
  /** Per mined line, its pattern index; per file line too. Recomputed after every change. */
  minedPattern: Int32Array | null;
  linePattern: Int32Array | null;
  similar: SimilarGroups | null;
}

/**
 * What lines a count or a preview is made of: every line of the file, the uniform sample of a big
 * file's lines kept in memory, or the stored examples (the file's lines are not in memory).
 */
export type LinesBasis = 'lines' | 'sample' | 'examples';

/** The lines of some patterns, with their sources and keys; `basis` says which lines they are. */
export interface PatternLines {
  lines: string[];
  sources: string[];
  keys: number[];
  basis: LinesBasis;
}

export const cloneSettings = (s: MinerSettings): MinerSettings => ({
  masking: { rules: s.masking.rules.map((r) => ({ ...r })) },
  similarity: s.similarity,
  maxExamples: s.maxExamples,
});

/**
 * The miner settings after a change from the page (sensitivity, masking rules), checked: throws
 * with the reason (which masking rule, what is wrong) and changes nothing then.
 */
export function changedSettings(current: MinerSettings, change: { similarity?: number; masking?: MaskingConfig }): MinerSettings {
  const next = cloneSettings(current);
  if (change.similarity !== undefined) {
    if (typeof change.similarity !== 'number' || !Number.isFinite(change.similarity) || change.similarity < 0 || change.similarity > 1) {
      throw new Error('Grouping sensitivity must be a number from 0 to 1.');
    }
    next.similarity = change.similarity;
  }
  const masking = change.masking;
  if (masking !== undefined) {
    const problems = validateMasking(masking);
    if (problems.length) {
      throw new Error(`Masking not changed: ${problems.map((p) => `rule ${p.index + 1} (${masking.rules[p.index]?.id || 'unnamed'}): ${p.reason}`).join('; ')}.`);
    }
    next.masking = { rules: masking.rules.map((r) => ({ id: r.id.trim(), description: r.description ?? '', pattern: r.pattern, enabled: !!r.enabled })) };
  }
  return next;
}

export function newSession<Source>(miner: PatternMiner, source: Source, lines: SessionLines | null): PatternSession<Source> {
  return { miner, source, lines, keyList: miner.exportState().keys, minedPattern: null, linePattern: null, similar: null };
}

/** A new miner with the same keys (in the same order), other settings or edits. */
export function rebuildSession<Source>(s: PatternSession<Source>, change: { settings?: MinerSettings; edits?: PatternEdit[] }): PatternSession<Source> {
  const state = s.miner.exportState();
  const miner = PatternMiner.fromState({ ...state, settings: change.settings ?? state.settings, edits: change.edits ?? state.edits });
  return { ...s, miner, minedPattern: null, linePattern: null };
}

/** After a split or merge in place: the per-line pattern indices are counted again, and gone patterns leave their groups. */
export function patternsEdited(s: PatternSession<unknown>): void {
  s.minedPattern = null;
  s.linePattern = null;
  pruneSimilar(s);
}

/** Per mined line, its pattern index (null without the file's lines). */
export function minedPatterns(s: PatternSession<unknown>): Int32Array | null {
  if (!s.lines) return null;
  s.minedPattern ??= assign(s.miner, s.lines.keys);
  return s.minedPattern;
}

/** Per file line, its pattern index (-1: not mined); null without the file's lines. */
export function linePatterns(s: PatternSession<unknown>): Int32Array | null {
  if (!s.lines) return null;
  if (!s.linePattern) {
    const perMined = minedPatterns(s)!;
    const out = new Int32Array(lineCountOf(s.lines)).fill(-1);
    for (let j = 0; j < s.lines.mined.length; j++) out[s.lines.mined[j]] = perMined[j];
    s.linePattern = out;
  }
  return s.linePattern;
}

/** Pattern index of every key. */
export function keyPatterns(s: PatternSession<unknown>): Int32Array {
  const out = new Int32Array(s.keyList.length);
  for (let k = 0; k < out.length; k++) out[k] = s.miner.patternIndexOfKey(k);
  return out;
}

export function distinctExamples(examples: readonly string[], max: number): string[] {
  return [...new Set(examples)].slice(0, max);
}

/** A pattern's index by id; throws when the patterns changed under the page. */
export function patternIndex(s: PatternSession<unknown>, id: string): number {
  const index = s.miner.patterns().findIndex((p) => p.id === id);
  if (index < 0) throw new Error('That pattern no longer exists: the patterns changed. Pick it again from the list.');
  return index;
}

/** Keeps semantic groups whose patterns still exist after an edit. */
export function pruneSimilar(s: PatternSession<unknown>): void {
  if (!s.similar) return;
  const ids = new Set(s.miner.patterns().map((p) => p.id));
  const groups = s.similar.groups.map((g) => g.filter((id) => ids.has(id))).filter((g) => g.length >= 2);
  s.similar = groups.length ? { ...s.similar, groups } : null;
}

/** The lines of patterns (by index): the file's lines (or their sample) when in memory, else the stored examples. */
export function linesOf(s: PatternSession<unknown>, indices: ReadonlySet<number>): PatternLines {
  const lines: string[] = [];
  const sources: string[] = [];
  const keys: number[] = [];
  const perMined = minedPatterns(s);
  if (s.lines && perMined) {
    const { messages, mined, lineIndex } = s.lines;
    // Both lists are in file order: walk the kept lines beside the mined ones.
    let kept = 0;
    for (let j = 0; j < mined.length; j++) {
      const i = mined[j];
      let text = i;
      if (lineIndex) {
        while (kept < lineIndex.length && lineIndex[kept] < i) kept++;
        if (kept === lineIndex.length) break;
        if (lineIndex[kept] !== i) continue;
        text = kept;
      }
      if (!indices.has(perMined[j])) continue;
      lines.push(messages[text]);
      sources.push(s.lines.sources[text] ?? '');
      keys.push(s.lines.keys[j]);
    }
    return { lines, sources, keys, basis: isSampled(s.lines) ? 'sample' : 'lines' };
  }
  const byKey = keyPatterns(s);
  s.keyList.forEach((key, k) => {
    if (!indices.has(byKey[k])) return;
    for (const example of key.examples) {
      lines.push(example);
      sources.push('');
      keys.push(k);
    }
  });
  return { lines, sources, keys, basis: 'examples' };
}

/** Every line with its pattern index, for a rule preview over all patterns: the file's lines (or their sample), else the examples. */
export function allLinesWithPatterns(s: PatternSession<unknown>): { lines: readonly string[]; assignments: ArrayLike<number>; basis: LinesBasis } {
  const linePattern = linePatterns(s);
  if (s.lines && linePattern) {
    const { lineIndex } = s.lines;
    if (!lineIndex) return { lines: s.lines.messages, assignments: linePattern, basis: 'lines' };
    return { lines: s.lines.messages, assignments: Int32Array.from(lineIndex, (i) => linePattern[i]), basis: 'sample' };
  }
  const all = linesOf(s, new Set(s.miner.patterns().map((_, i) => i)));
  const byKey = keyPatterns(s);
  return { lines: all.lines, assignments: all.keys.map((k) => byKey[k]), basis: 'examples' };
}

/**
 * The positions where the pattern's keys differ, each with its values (as the miner counts them).
 * A position is named by the pattern's templates token for token (`variants`), not by the shown
 * template, where a run of variables is one `<*>` and positions after it would be misnamed.
 */
export function splitPositions(s: PatternSession<unknown>, index: number, variants: readonly string[]): SplitPosition[] {
  const byKey = keyPatterns(s);
  const variantTokens = variants.map((v) => v.split(' '));
  /** The token of the first template long enough to have one at `p`. */
  const tokenAt = (p: number) => variantTokens.find((tokens) => tokens.length > p)?.[p] ?? '';
  const perPosition: Map<string, number>[] = [];
  /** Member keys with a token at each position (a merged pattern's keys may differ in length). */
  const present: number[] = [];
  let members = 0;
  s.keyList.forEach((key, k) => {
    if (byKey[k] !== index) return;
    members++;
    key.tokens.forEach((token, p) => {
      const map = (perPosition[p] ??= new Map());
      map.set(token, (map.get(token) ?? 0) + key.count);
      present[p] = (present[p] ?? 0) + 1;
    });
  });
  const out: SplitPosition[] = [];
  perPosition.forEach((map, p) => {
    // As the miner counts them: a key without a token at p is one more value.
    const distinct = map.size + (present[p] < members ? 1 : 0);
    if (distinct < 2) return;
    out.push({
      position: p,
      token: tokenAt(p),
      distinct,
      top: [...map]
        .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
        .slice(0, 8)
        .map(([value, count]) => ({ value, count })),
    });
  });
  return out;
}

/**
 * Up to `max` distinct, non-blank lines (by source and text) of some patterns as training rows:
 * grouped by shape (key), then taken in turns so that every shape is represented.
 */
export function pickTrainingLines(found: Pick<PatternLines, 'lines' | 'sources' | 'keys'>, max: number): { picked: number[]; available: number } {
  const { lines, sources, keys } = found;
  const seen = new Set<string>();
  const byKey = new Map<number, number[]>();
  lines.forEach((line, i) => {
    const id = `${sources[i]}\u0000${line}`;
    if (seen.has(id) || !/\S/.test(line)) return;
    seen.add(id);
    const list = byKey.get(keys[i]);
    if (list) list.push(i);
    else byKey.set(keys[i], [i]);
  });
  const queues = [...byKey.values()];
  const picked: number[] = [];
  for (let round = 0; picked.length < max; round++) {
    let any = false;
    for (const q of queues) {
      if (round < q.length) {
        any = true;
        picked.push(q[round]);
        if (picked.length >= max) break;
      }
    }
    if (!any) break;
  }
  return { picked, available: seen.size };
}
