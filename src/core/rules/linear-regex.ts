/**
 * Decides whether a rule may run on the browser's own (backtracking, fast) RegExp engine with a
 * linear-time guarantee; every other rule runs on RE2 (re2js), which is linear by construction
 * but about four times slower.
 *
 * The guarantee: the pattern is anchored at the start (one start position) and *deterministic*:
 * at every choice – a repetition that may go on or stop, an optional part, an alternation – the
 * next character decides which way, because the characters that continue one way are disjoint
 * from those that continue the other. A backtracking matcher then abandons every wrong branch
 * after one character and never re-reads text, so it runs in time linear in the message length.
 * Anything this small parser does not understand is simply not admitted (it goes to RE2).
 */

/**
 * A set of characters: exact over ASCII; beyond ASCII, two classes are tracked – Unicode spaces
 * and everything else – each with "may contain some" (an over-approximation, for disjointness)
 * and "contains all" (an under-approximation, so that a complement stays an over-approximation).
 */
interface CharSet {
  ascii: Uint8Array;
  maySpace: boolean;
  mayOther: boolean;
  allSpace: boolean;
  allOther: boolean;
}

const emptySet = (): CharSet => ({ ascii: new Uint8Array(128), maySpace: false, mayOther: false, allSpace: false, allOther: false });

function rangeSet(ranges: [number, number][]): CharSet {
  const set = emptySet();
  for (const [from, to] of ranges) for (let c = from; c <= to; c++) set.ascii[c] = 1;
  return set;
}

function union(a: CharSet, b: CharSet): CharSet {
  const set = emptySet();
  for (let c = 0; c < 128; c++) set.ascii[c] = a.ascii[c] | b.ascii[c];
  set.maySpace = a.maySpace || b.maySpace;
  set.mayOther = a.mayOther || b.mayOther;
  set.allSpace = a.allSpace || b.allSpace;
  set.allOther = a.allOther || b.allOther;
  return set;
}

function complement(a: CharSet): CharSet {
  const set = emptySet();
  for (let c = 0; c < 128; c++) set.ascii[c] = a.ascii[c] ? 0 : 1;
  set.maySpace = !a.allSpace;
  set.mayOther = !a.allOther;
  set.allSpace = !a.maySpace;
  set.allOther = !a.mayOther;
  return set;
}

function disjoint(a: CharSet, b: CharSet): boolean {
  if ((a.maySpace && b.maySpace) || (a.mayOther && b.mayOther)) return false;
  for (let c = 0; c < 128; c++) if (a.ascii[c] && b.ascii[c]) return false;
  return true;
}

/** Some characters beyond ASCII, of an unknown kind. */
function someNonAscii(): CharSet {
  const set = emptySet();
  set.maySpace = true;
  set.mayOther = true;
  return set;
}

const code = (ch: string) => ch.charCodeAt(0);
const DIGIT = (): CharSet => rangeSet([[48, 57]]);
const WORD = (): CharSet => rangeSet([[48, 57], [65, 90], [97, 122], [95, 95]]);
// \s also covers the Unicode spaces (and \s is exactly them beyond ASCII).
const SPACE = (): CharSet => ({ ...rangeSet([[9, 13], [32, 32]]), maySpace: true, allSpace: true });

function literalSet(ch: string, ignoreCase: boolean): CharSet {
  const c = ch.codePointAt(0)!;
  if (c >= 128) {
    const set = emptySet();
    if (/\s/u.test(ch)) set.maySpace = true;
    else set.mayOther = true;
    return set;
  }
  const set = rangeSet([[c, c]]);
  return ignoreCase ? caseFolded(set) : set;
}

/** One element of a sequence: what its first character can be, and whether it may be skipped or repeated. */
interface Item {
  first: CharSet;
  nullable: boolean;
  /** True when matching it involves a choice (optional part or open-ended repetition). */
  choice: boolean;
  /** For a repeated atom: its characters, which the follow-up must not share. */
  repeats: CharSet | null;
  /** For a group: its alternatives, checked with the group's follow set. */
  alternatives: Item[][] | null;
}

class Unsupported extends Error {}

class Parser {
  private i = 0;
  constructor(
    private readonly source: string,
    private readonly ignoreCase: boolean,
    private readonly dotAll: boolean,
  ) {}

  private peek(): string | undefined {
    return this.source[this.i];
  }

  parsePattern(): Item[] {
    if (this.source[0] !== '^') throw new Unsupported();
    this.i = 1;
    const items = this.parseSequence();
    if (this.i !== this.source.length) throw new Unsupported();
    return items;
  }

  private parseSequence(): Item[] {
    const items: Item[] = [];
    while (this.i < this.source.length) {
      const ch = this.peek()!;
      if (ch === '|' || ch === ')') break;
      if (ch === '$') {
        this.i++;
        // Only at the very end of the pattern or of a group: nothing can follow the end.
        if (this.i !== this.source.length && this.peek() !== ')' && this.peek() !== '|') throw new Unsupported();
        continue;
      }
      items.push(this.parseQuantified());
    }
    return items;
  }

  private parseQuantified(): Item {
    const start = this.i;
    const atom = this.parseAtom();
    const isGroup = this.source[start] === '(';
    const q = this.parseQuantifier();
    if (!q) return { first: atom.first, nullable: atom.nullable, choice: false, repeats: null, alternatives: atom.alternatives };
    // Repeated groups are beyond this checker; an optional group is fine.
    if (isGroup && !(q.min === 0 && q.max === 1)) throw new Unsupported();
    const choice = q.max !== q.min;
    return {
      first: atom.first,
      nullable: q.min === 0 || atom.nullable,
      choice,
      repeats: choice ? atom.first : null,
      alternatives: atom.alternatives,
    };
  }

  private parseQuantifier(): { min: number; max: number } | null {
    const ch = this.peek();
    let q: { min: number; max: number } | null = null;
    if (ch === '*') q = { min: 0, max: Infinity };
    else if (ch === '+') q = { min: 1, max: Infinity };
    else if (ch === '?') q = { min: 0, max: 1 };
    if (q) this.i++;
    else if (ch === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(this.source.slice(this.i));
      if (!m) throw new Unsupported();
      this.i += m[0].length;
      const min = Number(m[1]);
      q = { min, max: m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]) };
    }
    // Lazy and possessive-looking suffixes are not admitted.
    if (q && (this.peek() === '?' || this.peek() === '+')) throw new Unsupported();
    return q;
  }

  private parseAtom(): { first: CharSet; nullable: boolean; alternatives: Item[][] | null } {
    const ch = this.peek();
    if (ch === undefined) throw new Unsupported();
    if (ch === '(') return this.parseGroup();
    this.i++;
    // Without the s flag, . excludes \n, \r and the Unicode line separators (which are spaces).
    if (ch === '.') return { first: this.dotAll ? complement(emptySet()) : { ...complement(rangeSet([[10, 10], [13, 13]])), allSpace: false }, nullable: false, alternatives: null };
    if (ch === '[') return { first: this.parseClass(), nullable: false, alternatives: null };
    if (ch === '\\') return { first: this.parseEscape(false), nullable: false, alternatives: null };
    if ('*+?{}^'.includes(ch)) throw new Unsupported();
    return { first: literalSet(ch, this.ignoreCase), nullable: false, alternatives: null };
  }

  private parseGroup(): { first: CharSet; nullable: boolean; alternatives: Item[][] } {
    this.i++;
    if (this.peek() === '?') {
      if (this.source.slice(this.i, this.i + 2) !== '?:') throw new Unsupported();
      this.i += 2;
    }
    const alternatives: Item[][] = [this.parseSequence()];
    while (this.peek() === '|') {
      this.i++;
      alternatives.push(this.parseSequence());
    }
    if (this.peek() !== ')') throw new Unsupported();
    this.i++;
    const firsts = alternatives.map((alternative) => firstOf(alternative));
    if (alternatives.some((alternative) => nullableOf(alternative))) throw new Unsupported();
    for (let a = 0; a < firsts.length; a++) {
      for (let b = a + 1; b < firsts.length; b++) if (!disjoint(firsts[a], firsts[b])) throw new Unsupported();
    }
    return { first: firsts.reduce(union, emptySet()), nullable: false, alternatives };
  }

  private parseEscape(inClass: boolean): CharSet {
    const ch = this.source[this.i++];
    if (ch === undefined) throw new Unsupported();
    switch (ch) {
      case 'd': return DIGIT();
      case 'D': return complement(DIGIT());
      case 'w': return WORD();
      case 'W': return complement(WORD());
      case 's': return SPACE();
      case 'S': return complement(SPACE());
      case 't': return rangeSet([[9, 9]]);
      case 'n': return rangeSet([[10, 10]]);
      case 'r': return rangeSet([[13, 13]]);
    }
    // Escaped punctuation stands for itself; letters and digits would be other escapes (\b, \1, \u…).
    if (/[\p{L}\p{N}]/u.test(ch) && !(inClass && ch === '-')) throw new Unsupported();
    return literalSet(ch, this.ignoreCase);
  }

  private parseClass(): CharSet {
    let negated = false;
    if (this.peek() === '^') {
      negated = true;
      this.i++;
    }
    let set = emptySet();
    let first = true;
    while (this.peek() !== ']' || first) {
      const ch = this.peek();
      if (ch === undefined) throw new Unsupported();
      first = false;
      this.i++;
      let member: CharSet;
      let single: string | null = null;
      if (ch === '\\') {
        const before = this.i;
        member = this.parseEscape(true);
        const escaped = this.source[before];
        single = 'dDwWsS'.includes(escaped) ? null : escaped;
      } else {
        member = literalSet(ch, this.ignoreCase);
        single = ch;
      }
      if (single !== null && this.peek() === '-' && this.source[this.i + 1] !== ']' && this.source[this.i + 1] !== undefined) {
        this.i++;
        let end = this.source[this.i++];
        if (end === '\\') end = this.source[this.i++];
        if (end === undefined) throw new Unsupported();
        const from = code(single);
        const to = code(end);
        if (to < from) throw new Unsupported();
        let range = from < 128 ? rangeSet([[from, Math.min(to, 127)]]) : emptySet();
        if (to >= 128) range = union(range, someNonAscii());
        member = this.ignoreCase ? union(range, caseFolded(range)) : range;
      }
      set = union(set, member);
    }
    this.i++;
    return negated ? complement(set) : set;
  }
}

function hasAsciiLetter(set: CharSet): boolean {
  for (let c = 65; c <= 122; c++) if (set.ascii[c] && /[A-Za-z]/.test(String.fromCharCode(c))) return true;
  return false;
}

function caseFolded(set: CharSet): CharSet {
  const folded = emptySet();
  for (let c = 0; c < 128; c++) {
    if (!set.ascii[c]) continue;
    const ch = String.fromCharCode(c);
    folded.ascii[ch.toLowerCase().charCodeAt(0)] = 1;
    folded.ascii[ch.toUpperCase().charCodeAt(0)] = 1;
  }
  folded.maySpace = set.maySpace;
  folded.allSpace = set.allSpace;
  folded.allOther = set.allOther;
  // Case-insensitive Unicode matching folds some non-ASCII letters onto ASCII ones (ſ → s, K → k).
  folded.mayOther = set.mayOther || hasAsciiLetter(folded);
  return folded;
}

function firstOf(items: Item[]): CharSet {
  let set = emptySet();
  for (const item of items) {
    set = union(set, item.first);
    if (!item.nullable) break;
  }
  return set;
}

function nullableOf(items: Item[]): boolean {
  return items.every((item) => item.nullable);
}

/** Checks every choice in a sequence against what may follow it. */
function deterministic(items: Item[], follow: CharSet): boolean {
  for (let k = 0; k < items.length; k++) {
    const rest = items.slice(k + 1);
    const after = nullableOf(rest) ? union(firstOf(rest), follow) : firstOf(rest);
    const item = items[k];
    if (item.choice && !disjoint(item.repeats ?? item.first, after)) return false;
    if (item.alternatives && !item.alternatives.every((alternative) => deterministic(alternative, after))) return false;
  }
  return true;
}

const PLAIN_TEXT = /^[^\\^$.|?*+()[\]{}]+$/;

/** True when the browser's RegExp engine runs this rule in linear time (see the module comment). */
export function isLinearOnBacktracking(pattern: string, flags: string): boolean {
  // A plain word or phrase is a substring search: time linear in the message for a fixed pattern.
  if (PLAIN_TEXT.test(pattern)) return true;
  if (flags.includes('m')) return false;
  try {
    const items = new Parser(pattern, flags.includes('i'), flags.includes('s')).parsePattern();
    return deterministic(items, emptySet());
  } catch (error) {
    if (error instanceof Unsupported) return false;
    throw error;
  }
}
