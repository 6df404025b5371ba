/**
 * Split and merge: the user's corrections to mined patterns. Plain functions over the miner's
 * clusters; the miner records each edit and replays it after every recompute, so an edit survives
 * new lines (and travels with the exported state).
 */
import { templateOfGroup, type KeyInfo } from './cluster.ts';
import { renderVariable } from './render.ts';
import { displayTemplate, runsCollapsed, templateOf } from './template.ts';

/** A user's correction. Templates name the patterns, so an edit means the same after a recompute. */
export type PatternEdit =
  | { type: 'merge'; templates: string[] }
  | { type: 'split'; template: string; position: number };

export interface ClusterRecord {
  tokens: string[];
  /** The templates of a merged pattern that differ in length; one entry otherwise. */
  variants: string[][];
  members: number[];
  count: number;
}

/**
 * Generalises same-length templates position by position, as the miner writes a position whose
 * values differ (the key of `user=root` and `user=guest` stays: `user=<*>`).
 */
export function generalise(a: readonly string[], b: readonly string[]): string[] {
  return a.map((token, p) => (token === b[p] ? token : renderVariable([token, b[p]])));
}

/** The ways an edit can name a pattern's variant, the exact one first. */
const NAME_FORMS: readonly ((tokens: readonly string[]) => string)[] = [templateOf, runsCollapsed, displayTemplate];

export function applyEdit(clusters: ClusterRecord[], keys: readonly KeyInfo[], edit: PatternEdit): ClusterRecord[] {
  // An edit names a pattern by its tokens as its lines write them (what the miner records). An
  // older patterns file may name it as shown: with runs collapsed, or also with whole values,
  // which two patterns may share; the first that shows it is taken then.
  const find = (template: string) => {
    for (const form of NAME_FORMS) {
      const index = clusters.findIndex((c) => c.variants.some((v) => form(v) === template));
      if (index >= 0) return index;
    }
    return -1;
  };
  if (edit.type === 'merge') {
    const indices = [...new Set(edit.templates.map(find).filter((i) => i >= 0))];
    if (indices.length < 2) return clusters;
    const parts = indices.map((i) => clusters[i]);
    const merged: ClusterRecord = {
      tokens: parts[0].tokens,
      variants: [],
      members: parts.flatMap((c) => c.members),
      count: parts.reduce((sum, c) => sum + c.count, 0),
    };
    // Same-length templates become one generalised template; others stay variants.
    const variants: string[][] = [];
    for (const variant of parts.flatMap((c) => c.variants)) {
      const same = variants.findIndex((v) => v.length === variant.length);
      if (same >= 0) variants[same] = generalise(variants[same], variant);
      else variants.push([...variant]);
    }
    merged.variants = variants;
    merged.tokens = variants.reduce((best, v) => (v.length > best.length ? v : best), variants[0]);
    merged.tokens = variants.find((v) => v.length === parts[0].tokens.length) ?? merged.tokens;
    return [...clusters.filter((_, i) => !indices.includes(i)), merged];
  }
  const index = find(edit.template);
  if (index < 0) return clusters;
  const cluster = clusters[index];
  const groups = new Map<string, number[]>();
  for (const k of cluster.members) {
    // Members of a merged pattern may differ in length: never put two lengths in one child.
    const token = `${keys[k].tokens.length}\u0001${keys[k].tokens[edit.position] ?? ''}`;
    const list = groups.get(token);
    if (list) list.push(k);
    else groups.set(token, [k]);
  }
  if (groups.size < 2) return clusters;
  const children: ClusterRecord[] = [...groups.values()].map((members) => {
    // Written as mining writes a group.
    const tokens = templateOfGroup(keys, members, keys[members[0]].tokens.length);
    return { tokens, variants: [tokens], members, count: members.reduce((sum, k) => sum + keys[k].count, 0) };
  });
  return [...clusters.filter((_, i) => i !== index), ...children];
}
