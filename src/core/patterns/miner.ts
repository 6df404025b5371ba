/**
 * The pattern miner: feed it lines one at a time (online), ask for its patterns at any time.
 *
 * Each line is masked and tokenized; lines of the same shape (shape.ts: masked tokens, ids standing
 * for any value) share one "key", so the work after masking is per distinct shape, not per line. Patterns are recomputed from the keys when they
 * are asked for after new lines arrived (clustering is over distinct keys: milliseconds for
 * thousands of them). User edits (split, merge) are recorded and replayed on every recompute,
 * and travel with the exported state.
 */
import { clusterKeys, DEFAULT_CLUSTER_SETTINGS, type KeyInfo } from './cluster.ts';
import { compileMasking, DEFAULT_MASKING, WILDCARD, type Masker, type MaskingConfig } from './masking.ts';
import { applyEdit, type ClusterRecord, type PatternEdit } from './edits.ts';
import { displayTemplate, hashText, shownTokens, templateOf } from './template.ts';
import { hashShape, openFlags, ShapeReader } from './shape.ts';
import { detached } from '../detached.ts';

export type { PatternEdit } from './edits.ts';

export interface MinerSettings {
  masking: MaskingConfig;
  /** Grouping sensitivity, 0 (merge more) to 1 (split more). */
  similarity: number;
  /** Example lines kept per pattern. */
  maxExamples: number;
}

export const DEFAULT_MINER_SETTINGS: MinerSettings = {
  masking: DEFAULT_MASKING,
  similarity: DEFAULT_CLUSTER_SETTINGS.similarity,
  maxExamples: 3,
};

export interface Pattern {
  /** Stable while the pattern's tokens (its largest group's) stay the same: `p` + a hash of them; two patterns may show one template. */
  id: string;
  /** Tokens joined by single spaces, `<*>` for a variable, a run of variables one `<*>` (displayTemplate), a bracketed name its groups write differently `[<*>]` (shownTokens). */
  template: string;
  /**
   * Its templates token for token, one `<*>` a token: one per token count its lines have, and
   * every template of a merged pattern.
   */
  variants: string[];
  /** Lines with this pattern. */
  count: number;
  /** count / all non-blank lines. */
  share: number;
  /** A few raw lines. */
  examples: string[];
  /** Distinct masked lines. */
  keys: number;
}

interface KeyRecord extends KeyInfo {
  tokens: string[];
  /** Which tokens are open (see shape.ts): they may differ between the key's lines. */
  open: Uint8Array;
  examples: string[];
}

export interface MinerState {
  format: 'logsift-patterns';
  version: 1;
  settings: MinerSettings;
  edits: PatternEdit[];
  /** Distinct masked lines with their counts and example lines. */
  keys: { tokens: string[]; count: number; examples: string[] }[];
}

export const BLANK_KEY = -1;

/**
 * A miner's key as another miner absorbs it: its lines and example lines since the sender last sent
 * it, and its tokens – null when the sender sent them before and they have not changed since.
 */
export interface ChunkKey {
  tokens: readonly string[] | null;
  count: number;
  examples: readonly string[];
}

/** Whether `tokens` (open where `open` says) is the shape of `key`: the same tokens, but where the key's are open. */
function sameShape(key: KeyRecord, tokens: readonly string[], open: Uint8Array): boolean {
  if (key.tokens.length !== tokens.length) return false;
  for (let p = 0; p < tokens.length; p++) {
    if (open[p] !== key.open[p]) return false;
    if (!open[p] && tokens[p] !== key.tokens[p]) return false;
  }
  return true;
}


export class PatternMiner {
  readonly settings: MinerSettings;
  private readonly masker: Masker;
  /** Keys by shape hash (a list: different shapes may share a hash). */
  private readonly keyIndex = new Map<number, number[]>();
  private readonly reader = new ShapeReader();
  private readonly keys: KeyRecord[] = [];
  private edits: PatternEdit[] = [];
  private lines = 0;
  private dirty = true;
  private clusters: ClusterRecord[] = [];
  private keyCluster: Int32Array = new Int32Array(0);
  private patternList: Pattern[] = [];
  private byLength = new Map<number, number[]>();

  constructor(settings: Partial<MinerSettings> = {}) {
    this.settings = { ...DEFAULT_MINER_SETTINGS, ...settings };
    this.masker = compileMasking(this.settings.masking);
  }

  /** Adds one line; returns its key (BLANK_KEY for a blank line, which has no pattern). */
  add(line: string): number {
    const reader = this.reader;
    this.masker.maskInto(line, reader.text);
    if (reader.readText() === 0) return BLANK_KEY;
    let key = this.findKey();
    if (key < 0) {
      const tokens = reader.tokens();
      key = this.addKey({ tokens, open: openFlags(tokens), count: 0, examples: [] });
    } else {
      // Only open tokens can differ within a shape: one that took two values is a variable.
      const { tokens, open } = this.keys[key];
      for (let p = 0; p < tokens.length; p++) {
        if (open[p] && tokens[p] !== WILDCARD && !reader.tokenIs(p, tokens[p])) tokens[p] = WILDCARD;
      }
    }
    const record = this.keys[key];
    record.count++;
    if (record.examples.length < this.settings.maxExamples) record.examples.push(detached(line));
    this.lines++;
    this.dirty = true;
    return key;
  }

  /**
   * Takes in what another miner (same settings) made of a run of lines, as if those lines had been
   * added here: keys of the same shape become one (a token that differs becomes `<*>`), counts add
   * up, example lines fill up in order. `ids`: the sender's id of each key; `known`: the sender's
   * ids' keys here so far (-1 or absent: not yet), which this fills in – so a sender that keeps its
   * keys from run to run sends a known key's tokens only when they changed, and only its new
   * examples. Absorbing a file's runs in file order gives exactly what adding its lines one by one
   * gives, so the runs can be mined on other threads.
   */
  absorb(chunk: readonly ChunkKey[], ids: ArrayLike<number>, known: number[]): void {
    chunk.forEach((incoming, c) => {
      let key = known[ids[c]] ?? -1;
      if (key < 0) {
        const tokens = incoming.tokens!;
        const open = openFlags(tokens);
        for (const k of this.keyIndex.get(hashShape(tokens)) ?? []) {
          if (sameShape(this.keys[k], tokens, open)) {
            key = k;
            break;
          }
        }
        if (key < 0) key = this.addKey({ tokens: [...tokens], open, count: 0, examples: [] });
        known[ids[c]] = key;
      }
      const record = this.keys[key];
      if (incoming.tokens) {
        const { tokens, open } = record;
        for (let p = 0; p < tokens.length; p++) if (open[p] && tokens[p] !== incoming.tokens[p]) tokens[p] = WILDCARD;
      }
      record.count += incoming.count;
      for (const example of incoming.examples) if (record.examples.length < this.settings.maxExamples) record.examples.push(example);
      this.lines += incoming.count;
    });
    if (chunk.length) this.dirty = true;
  }

  /** A key's tokens and example lines (not to be changed). */
  keyView(key: number): { readonly tokens: readonly string[]; readonly examples: readonly string[] } {
    return this.keys[key];
  }

  /** The key of the line the reader just read, or -1. */
  private findKey(): number {
    const candidates = this.keyIndex.get(this.reader.hash);
    if (candidates) for (const k of candidates) if (this.reader.fits(this.keys[k].tokens, this.keys[k].open)) return k;
    return -1;
  }

  private addKey(record: KeyRecord): number {
    const key = this.keys.length;
    this.keys.push(record);
    const hash = hashShape(record.tokens);
    const list = this.keyIndex.get(hash);
    if (list) list.push(key);
    else this.keyIndex.set(hash, [key]);
    return key;
  }

  get lineCount(): number {
    return this.lines;
  }

  get keyCount(): number {
    return this.keys.length;
  }

  /** The patterns, most frequent first. */
  patterns(): Pattern[] {
    this.refresh();
    return this.patternList;
  }

  /** Index into patterns() of a key returned by add(), or -1 for a blank line. */
  patternIndexOfKey(key: number): number {
    if (key < 0) return -1;
    this.refresh();
    return this.keyCluster[key];
  }

  /**
   * The pattern a line belongs to, without learning from it (read-only): its masked form when seen
   * before, else the most specific pattern of the same length whose constants it has.
   */
  match(line: string): Pattern | null {
    this.refresh();
    this.masker.maskInto(line, this.reader.text);
    if (this.reader.readText() === 0) return null;
    const known = this.findKey();
    if (known >= 0) return this.patternList[this.keyCluster[known]];
    const tokens = this.reader.tokens();
    let best = -1;
    let bestConstants = -1;
    for (const index of this.byLength.get(tokens.length) ?? []) {
      for (const variant of this.clusters[index].variants) {
        if (variant.length !== tokens.length) continue;
        let constants = 0;
        let ok = true;
        for (let p = 0; p < tokens.length; p++) {
          if (variant[p] === WILDCARD) continue;
          if (variant[p] !== tokens[p]) {
            ok = false;
            break;
          }
          constants++;
        }
        if (ok && constants > bestConstants) {
          best = index;
          bestConstants = constants;
        }
      }
    }
    return best >= 0 ? this.patternList[best] : null;
  }

  /** Merges patterns (by id) into one; returns the merged pattern's id. */
  merge(ids: string[]): string {
    const patterns = ids.map((id) => this.patternById(id));
    if (new Set(patterns).size < 2) throw new Error('merge needs two or more patterns');
    const member = this.clusters[this.patternList.indexOf(patterns[0])].members[0];
    this.edits.push({ type: 'merge', templates: patterns.map((p) => this.editName(p)) });
    this.dirty = true;
    this.refresh();
    return this.patternList[this.keyCluster[member]].id;
  }

  /**
   * Splits a pattern by the values at one token position (0-based) of its template; returns the
   * new patterns' ids. Throws when the lines do not differ there (a masked variable cannot be split:
   * turn the masking rule off instead).
   */
  split(id: string, position: number): string[] {
    const pattern = this.patternById(id);
    const cluster = this.clusters[this.patternList.indexOf(pattern)];
    const values = new Set(cluster.members.map((k) => this.keys[k].tokens[position]));
    if (values.size < 2) throw new Error(`the lines of this pattern do not differ at token ${position + 1}`);
    this.edits.push({ type: 'split', template: this.editName(pattern), position });
    this.dirty = true;
    this.refresh();
    return [...new Set(cluster.members.map((k) => this.patternList[this.keyCluster[k]].id))];
  }

  /** The recorded edits, oldest first. */
  get editList(): readonly PatternEdit[] {
    return this.edits;
  }

  exportState(): MinerState {
    return {
      format: 'logsift-patterns',
      version: 1,
      settings: this.settings,
      edits: this.edits.map((edit) => ({ ...edit })),
      keys: this.keys.map((key) => ({ tokens: [...key.tokens], count: key.count, examples: [...key.examples] })),
    };
  }

  static fromState(state: MinerState): PatternMiner {
    if (!state || state.format !== 'logsift-patterns') throw new Error('not a logsift patterns file');
    if (state.version !== 1) throw new Error(`patterns file version ${state.version} is not supported (expected 1)`);
    const miner = new PatternMiner(state.settings);
    for (const key of state.keys) {
      miner.addKey({ tokens: [...key.tokens], open: openFlags(key.tokens), count: key.count, examples: [...key.examples] });
      miner.lines += key.count;
    }
    miner.edits = state.edits.map((edit) => ({ ...edit }));
    return miner;
  }

  /**
   * How an edit names a pattern: its tokens as its lines write them. The shown template cannot,
   * as two patterns may show the same one (`user=root` and `user=guest` are both `user=<*>`).
   */
  private editName(pattern: Pattern): string {
    return templateOf(this.clusters[this.patternList.indexOf(pattern)].tokens);
  }

  private patternById(id: string): Pattern {
    this.refresh();
    const pattern = this.patternList.find((p) => p.id === id);
    if (!pattern) throw new Error(`no pattern ${id}`);
    return pattern;
  }

  private refresh(): void {
    if (!this.dirty) return;
    this.dirty = false;
    let clusters: ClusterRecord[] = clusterKeys(this.keys, this.settings).map((c) => ({
      tokens: c.tokens,
      variants: c.variants,
      members: c.members,
      count: c.count,
    }));
    for (const edit of this.edits) clusters = applyEdit(clusters, this.keys, edit);
    clusters.sort((a, b) => b.count - a.count || templateOf(a.tokens).localeCompare(templateOf(b.tokens)));

    this.clusters = clusters;
    this.keyCluster = new Int32Array(this.keys.length).fill(-1);
    this.byLength = new Map();
    const usedIds = new Set<string>();
    this.patternList = clusters.map((cluster, index) => {
      for (const k of cluster.members) this.keyCluster[k] = index;
      for (const length of new Set(cluster.variants.map((v) => v.length))) {
        const list = this.byLength.get(length);
        if (list) list.push(index);
        else this.byLength.set(length, [index]);
      }
      const template = displayTemplate(shownTokens(cluster.tokens, cluster.variants));
      // From the tokens, not the shown template, which two patterns may share: an id must not pass
      // from one to the other when their counts change places.
      const hash = hashText(templateOf(cluster.tokens));
      let id = 'p' + hash;
      for (let n = 2; usedIds.has(id); n++) id = `p${hash}-${n}`;
      usedIds.add(id);
      const examples: string[] = [];
      const members = [...cluster.members].sort((a, b) => this.keys[b].count - this.keys[a].count);
      for (const k of members) {
        for (const example of this.keys[k].examples) if (examples.length < this.settings.maxExamples) examples.push(example);
        if (examples.length >= this.settings.maxExamples) break;
      }
      return {
        id,
        template,
        variants: cluster.variants.map(templateOf),
        count: cluster.count,
        share: this.lines ? cluster.count / this.lines : 0,
        examples,
        keys: cluster.members.length,
      };
    });
  }
}
