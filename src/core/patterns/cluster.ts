/**
 * Grouping distinct masked token sequences ("keys") into patterns. Plain functions over plain
 * data; the miner (miner.ts) keeps the keys and calls this when its patterns are asked for.
 *
 * The method, after Brain (Yu et al., 2023) with changes:
 * 1. Keys are grouped by token count.
 * 2. Inside a length group, each key's tokens are scored by how many lines share that token at
 *    that position; the largest set of tokens with the same score is the key's "longest common
 *    pattern". Keys with the same longest common pattern start as one group. This finds the
 *    constant part of a message even when its variables take few values.
 * 3. A group is split on a position whose values look like words that name different messages
 *    (few distinct values, not masked, not identifier-like); positions with many values, masked
 *    values or identifier-like values are variables. Position statistics over the group decide
 *    the rest: words that differ only in digits, or in a short label after their last dash
 *    (`node-a`, `node-b`), are instances of one thing (a value), words between two variables
 *    (a lone `-` counts as one) are a field of a record (a value), and so is the last item of a
 *    bracketed list whose other items are variables (`(<*>, powerd)`); a name from code in snake
 *    case is a value like a dotted one, and so is a name of two parts joined by a slash with a
 *    digit or underscore in it (`be_app/web3`); two or more `key=value` fields that would
 *    each split the group are one message's data, and a position of verbs' past forms or states
 *    (`Started`, `Paused`, `up`, `down`) names messages even after a naming noun or between
 *    variables.
 *    A word that is the value of a variable in another pattern (a user name seen in many places)
 *    is not split on: this takes a first pass to learn those words, then the real one.
 * 4. Groups whose templates are equal are merged, also when one writes a value in two tokens
 *    where the other writes it in one, or a list with more items (patternKey).
 */
import { WILDCARD } from './masking.ts';
import { dropUnopenedClosers, renderToken, renderVariable } from './render.ts';
import { NAMING_NOUNS } from './naming-nouns.ts';
import { looksLikeId } from './shape.ts';
import { patternKey, templateOf } from './template.ts';

export interface KeyInfo {
  tokens: readonly string[];
  /** Lines with this key. */
  count: number;
}

export interface ClusterSettings {
  /**
   * Grouping sensitivity, 0 to 1. Higher splits more: a position is split into separate patterns
   * when it has at most `1 + round(similarity * 4)` distinct words, or `4 + round(similarity * 12)`
   * distinct upper-case names or state words (a verb's past form, an -ing form, `up`, `offline`, …).
   */
  similarity: number;
}

export const DEFAULT_CLUSTER_SETTINGS: ClusterSettings = { similarity: 0.5 };

export interface Cluster {
  /** The tokens of its largest group. */
  tokens: string[];
  /**
   * Its groups' tokens: groups whose template reads the same once runs of variables are one `<*>`
   * (a list of one host or of three), or once a value's second token is left out (patternKey), are
   * one pattern, one variant per group.
   */
  variants: string[][];
  /** Indices into the keys array. */
  members: number[];
  count: number;
}

/** `key=value`, the value perhaps empty, or `key:value` with a value (`action:android.intent.action.MAIN`). */
const FIELD = /^[\p{L}_.-]+(?:=(.*)|:(.+))$/u;
const LETTER = /\p{L}/u;
const TRAILING_PUNCTUATION = /[,;:.]$/u;

/** A field token's key with its `=` or `:`, and its value as written (`uid=` and `<*>,`), or null. */
function fieldOf(token: string): { key: string; value: string } | null {
  const field = FIELD.exec(token);
  if (!field) return null;
  const value = field[1] ?? field[2];
  return { key: token.slice(0, token.length - value.length), value };
}

/** A token that cannot name a message: masked, or an identifier or name rather than a word. */
function isVariableLike(token: string): boolean {
  // A field's value, without the comma or semicolon that ends it in a list (`uid=<*>,`).
  const value = fieldOf(token)?.value.replace(TRAILING_PUNCTUATION, '');
  // A quoted value of a field (`comm="mysqld"`, `pod="default/web-<*>"`) is a value, like a quoted name.
  if (WRAPPED.test(token) || (value !== undefined && WRAPPED.test(value))) return true;
  if (token.includes(WILDCARD)) {
    // `uid=<*>` and `(<*>)` are values; `tty=:<*>` or `LOGIN(uid=<*>)` are shapes that may name
    // a different message.
    if (value === WILDCARD || value === '') return true;
    // A name numbered by a variable (`consul-server-<*>`, `ip-<*>`, `db-<*>.prod`): an instance's name, a value.
    if (NUMBERED_NAME.test(token)) return true;
    if (!LETTER.test(token.replaceAll(WILDCARD, ''))) return true;
    // A syslog tag, a program and its masked pid (`sshd(pam_unix)[<*>]:`, `CRON[<*>]:`): the
    // program that logged the message, a field of the line's header, not a word of the message.
    if (SYSLOG_TAG.test(token)) return true;
    // A process's name and its masked id (`(com.apple.xpc.launchd[<*>]):`): the name is a value.
    const name = token.replace(PROCESS_ID, '');
    return !name.includes(WILDCARD) && isNameLike(unwrapped(name));
  }
  const word = value ?? unwrapped(token);
  return looksLikeId(word) || isNameLike(word) || WORD_LIST.test(word) || isCodeName(token);
}

/**
 * A name from code in snake case (`cart_id`, `load_one`, `boot_cmd`), perhaps in brackets or
 * ending a list (`cart_id,`): a column, a metric, a command – a value, like a dotted name, however
 * few a file holds. The whole token: not a label that ends in `:`, such as a function's name
 * before its message (`wl_update_seq:`), nor a field's value (`mode=read_only`), which may be a state.
 */
function isCodeName(token: string): boolean {
  return !token.endsWith(':') && SNAKE_CASE.test(unwrapped(token));
}

const SNAKE_CASE = /^[a-z][a-z0-9]*(?:_[a-z0-9]+)+$/u;

function isNameLike(word: string): boolean {
  return DOTTED_NAME.test(word) || QUALIFIED_NAME.test(word) || SLASHED_NAME.test(word);
}

/**
 * A name of two parts joined by a slash, a digit or an underscore in it: a backend and its server
 * (`be_app/web3`), a namespace and its pod (`default/web2`). Words joined by a slash
 * (`read/write`, `TCP/IP`) still name messages.
 */
const SLASHED_NAME = /^(?=.*[\d_])[a-z][a-z0-9_.-]*\/[a-z][a-z0-9_.-]*[,;:]?$/u;

/** A token without the parentheses or brackets around it and the punctuation after them. */
function unwrapped(token: string): string {
  return token.replace(OPENING, '').replace(CLOSING, '');
}

const OPENING = /^[([{<]+/u;
const CLOSING = /[)\]}>]*[,;:.]?$/u;
/** A program and its masked pid, as a syslog line's header writes them: `name[<*>]:`. */
const SYSLOG_TAG = /^\p{L}[\p{L}\p{N}_.()/-]*\[<\*>\]:$/u;
/** A masked id in brackets after a name, `[<*>]`, `(<*>)`, and what closes the token after it. */
const PROCESS_ID = /(?:\[<\*>\]|\(<\*>\))[)\]}>]*[,;:.]?$/u;

/** Words joined by commas without a space (`yarn,alice`, `read,write`): a list, a value. */
const WORD_LIST = /^[\p{L}\p{N}_.-]+(?:,[\p{L}\p{N}_.-]+)+$/u;

/**
 * A dotted name with a digit in it – a host (`db1.prod.internal`, `ip-10-0-0-1.ec2.internal`), a
 * module or file (`libssl.so.3`) – is a value: few of them in a file do not make different messages.
 */
const DOTTED_NAME = /^(?=[^\s]*\d)(?=[^\s]*\p{L})[\p{L}\p{N}_-]+(?:\.[\p{L}\p{N}_-]+)+[,;:]?$/u;

const NUMBERED_NAME = /^\p{L}[\p{L}\p{N}_-]*-<\*>(?:\.[\p{L}\p{N}_-]+)*[,;:.]?$/u;

/** A name of three or more dotted parts – a class or package (`org.example.FooService`, `com.android.phone`). */
const QUALIFIED_NAME = /^[\p{L}_][\p{L}\p{N}_$-]*(?:\.[\p{L}_][\p{L}\p{N}_$-]*){2,}[,;:]?$/u;

/**
 * A quoted or square-bracketed name (a tag, a component, a thread; `[logs-1][0]`) is a value however few of them a
 * file holds. A word in parentheses may still name a message: `(usable)`, `(reserved)`.
 */
const WRAPPED = /^(?:"[^"]*"|'[^']*'|\[\S*\])[.,;:]?$/u;

/** Whether the tokens are one field's values: `key=value` with the same key. */
function sameField(tokens: Iterable<string>): boolean {
  let key: string | undefined;
  for (const token of tokens) {
    const field = fieldOf(token);
    if (!field) return false;
    if (key === undefined) key = field.key;
    else if (field.key !== key) return false;
  }
  return key !== undefined;
}

/**
 * Whether the words differ only in their digits (`eth0`/`eth1`, `node7`/`node12`, `HTTP/1.0`/`HTTP/1.1`):
 * numbered instances of one thing, not words that name different messages.
 */
function numberedAlike(words: Iterable<string>): boolean {
  let stem: string | undefined;
  for (const word of words) {
    if (!DIGIT.test(word)) return false;
    const bare = word.replace(DIGITS, '0');
    if (stem === undefined) stem = bare;
    else if (bare !== stem) return false;
  }
  return true;
}

/**
 * Whether the words are one name with a different short label after its last dash (`node-a`/`node-b`,
 * `us-east-1a`/`us-east-1b`): lettered instances of one thing, like numbered ones.
 */
function letteredAlike(words: Iterable<string>): boolean {
  let stem: string | undefined;
  for (const word of words) {
    const labelled = LABELLED_NAME.exec(word);
    if (!labelled) return false;
    const bare = `${labelled[1]}\u0001${labelled[2]}`;
    if (stem === undefined) stem = bare;
    else if (bare !== stem) return false;
  }
  return true;
}

/** A name, a dash, a label of one or two letters or digits, and what may close the token: the name and the closing. */
const LABELLED_NAME = /^(\p{L}[\p{L}\p{N}_]*(?:-[\p{L}\p{N}_]+)*-)[\p{L}\p{N}]{1,2}([,;:.)\]]?)$/u;

const DIGIT = /\p{N}/u;
const DIGITS = /\p{N}+/gu;

interface SplitLimits {
  /** Most distinct values of an ordinary word position that still name different messages. */
  words: number;
  /** The same for upper-case names (LOOKING, HTTPS, FAIL_TASK_CLEANUP) and state words (isStateWord). */
  names: number;
}

function splitLimits(settings: ClusterSettings): SplitLimits {
  const s = Math.min(1, Math.max(0, settings.similarity));
  return { words: 1 + Math.round(s * 4), names: 4 + Math.round(s * 12) };
}

const UPPER_NAME = /^[\p{Lu}][\p{Lu}\p{N}_]*$/u;
/** An upper-case name, perhaps quoted or bracketed (`"GET`, `[ERROR]`, `POST,`). */
const CAPITALS = /^["'([{<]*[\p{Lu}][\p{Lu}\p{N}_]*["')\]}>]*[,;:.]?$/u;

/** A verb's past form (`Started`, `paused`, `resumed`): what happened, so each names its own message. */
const PAST_TENSE = /^\p{L}{2,}(?:ed|ED)[.,;:]?$/u;
/** A state a thing is in (`running`, `up`, `offline`): like a past form, it names its own message. */
const STATE = /^(?:\p{L}{3,}ing|up|down|online|offline|active|inactive|ready|idle|busy|healthy|unhealthy|alive|dead|ok|open)[.,;:]?$/iu;

/** What happened to a thing or the state it is in: a word that names its own message. */
function isStateWord(token: string): boolean {
  return PAST_TENSE.test(token) || STATE.test(token);
}

/** Whether every member has the same naming noun at `p` (a trailing `:` aside). */
function namesNext(keys: readonly KeyInfo[], members: readonly number[], p: number): boolean {
  const word = keys[members[0]].tokens[p];
  if (!NAMING_NOUNS.has(word.toLowerCase().replace(/:$/, ''))) return false;
  return members.every((k) => keys[k].tokens[p] === word);
}



/** Brain's initial groups: keys grouped by their longest common pattern. */
function initialGroups(keys: readonly KeyInfo[], members: readonly number[], length: number): number[][] {
  const freq: Map<string, number>[] = Array.from({ length }, () => new Map());
  for (const k of members) {
    const { tokens, count } = keys[k];
    for (let p = 0; p < length; p++) freq[p].set(tokens[p], (freq[p].get(tokens[p]) ?? 0) + count);
  }
  const groups = new Map<string, number[]>();
  const scores: number[] = new Array(length);
  for (const k of members) {
    const { tokens } = keys[k];
    const bySize = new Map<number, number>();
    for (let p = 0; p < length; p++) {
      const f = freq[p].get(tokens[p])!;
      scores[p] = f;
      bySize.set(f, (bySize.get(f) ?? 0) + 1);
    }
    let best = -1;
    let bestSize = -1;
    for (const [f, size] of bySize) {
      if (size > bestSize || (size === bestSize && f > best)) {
        best = f;
        bestSize = size;
      }
    }
    let signature = '';
    for (let p = 0; p < length; p++) if (scores[p] === best) signature += p + '\u0001' + tokens[p] + '\u0002';
    const group = groups.get(signature);
    if (group) group.push(k);
    else groups.set(signature, [k]);
  }
  return [...groups.values()];
}

/**
 * A lone `-`: the value of a field that has none, as access logs write a missing user or referer
 * (`<*> - ann [<*>]`). A position holding it is data, like a masked one.
 */
const EMPTY_VALUE = '-';

/** Whether a token is data wherever it stands: masked, or an empty value. */
function isMaskedOrEmpty(token: string): boolean {
  return token.includes(WILDCARD) || token === EMPTY_VALUE;
}

/** Whether position `q` is a variable within the lines of each word: varying there, or masked, empty or a value on every line. */
function variableInEach(keys: readonly KeyInfo[], values: Map<string, number[]>, q: number): boolean {
  for (const members of values.values()) {
    const first = keys[members[0]].tokens[q];
    if (members.some((k) => keys[k].tokens[q] !== first)) continue;
    if (!isMaskedOrEmpty(first) && !isVariableLike(first)) return false;
  }
  return true;
}

/** A list's item, `<*>,`, and the item that opens it, `(<*>,` or `[<*>,`. */
const VALUE_ITEM = /^<\*>,$/u;
const OPENING_VALUE_ITEM = /^[([]<\*>,$/u;
/** The last item of a list, a word and the bracket that closes the list. */
const CLOSING_ITEM = /^[^\s()[\]{}]+[)\]][,;:.]?$/u;

/**
 * Whether the words at `p` close a bracketed list whose items before them are variables on every
 * line (`PM response took <*> (<*>, powerd)`): then they are the values of the list's last field.
 */
function closesTupleOfValues(keys: readonly KeyInfo[], members: readonly number[], values: Map<string, number[]>, p: number): boolean {
  // States, past forms and upper-case names in it still say what happened (`(<*>, stopped)`).
  const itemValue = (word: string) => CLOSING_ITEM.test(word) && !isStateWord(unwrapped(word)) && !UPPER_NAME.test(unwrapped(word));
  if (![...values.keys()].every(itemValue)) return false;
  for (let q = p - 1; q >= 0; q--) {
    const first = keys[members[0]].tokens[q];
    if (!members.every((k) => keys[k].tokens[q] === first)) return false;
    if (OPENING_VALUE_ITEM.test(first)) return true;
    if (!VALUE_ITEM.test(first)) return false;
  }
  return false;
}

/** Splits a group on word-valued positions until none is left; returns the final groups. */
function splitGroup(
  keys: readonly KeyInfo[],
  members: number[],
  length: number,
  limits: SplitLimits,
  vocabulary: ReadonlySet<string>,
  out: number[][],
): void {
  if (members.length === 1) {
    out.push(members);
    return;
  }
  // What each position holds in this group: a word the same on every line, a variable (masked,
  // identifier-like, too many values, or judged to be data below), or words that may name messages.
  const data: boolean[] = new Array(length).fill(false);
  const wordsAt: (Map<string, number[]> | undefined)[] = new Array(length);
  const namedAt: boolean[] = new Array(length).fill(false);
  for (let p = 0; p < length; p++) {
    const values = new Map<string, number[]>();
    let variable = false;
    let names = true;
    let states = true;
    let named = true;
    for (const k of members) {
      const token = keys[k].tokens[p];
      let list = values.get(token);
      if (!list) {
        const state = isStateWord(token);
        states &&= state;
        names &&= p === 0 || state || UPPER_NAME.test(token);
        named &&= state || CAPITALS.test(token);
        if (values.size >= (names ? limits.names : limits.words) || isVariableLike(token)) {
          variable = true;
          break;
        }
        list = [];
        values.set(token, list);
      }
      list.push(k);
    }
    if (values.size < 2 && !variable) {
      data[p] = isMaskedOrEmpty(keys[members[0]].tokens[p]);
      continue;
    }
    data[p] = true;
    if (variable || numberedAlike(values.keys()) || letteredAlike(values.keys())) continue;
    // The word after a noun that names a thing (`user alice`, `table orders`) is that thing's name.
    // Unless every value is a verb's past form (`VM Started`, `VM Paused`) or a state (`node up`,
    // `node down`): what happened to it.
    if (p > 0 && !states && namesNext(keys, members, p - 1)) continue;
    // Words that are a variable's values in another pattern are data here too.
    if (p > 0 && [...values.keys()].every((value) => vocabulary.has(value))) continue;
    data[p] = false;
    wordsAt[p] = values;
    namedAt[p] = named;
  }
  const candidates: { position: number; values: Map<string, number[]>; field: boolean }[] = [];
  for (let p = 0; p < length; p++) {
    const values = wordsAt[p];
    if (!values) continue;
    // Words between two variables (`age=<*> user=app resp=<*>`, `[<*>] fe_http <*>`, `- ann [<*>]`)
    // are a field of a record, not the words of a message: a message's own words sit among its
    // constant text.
    // Between variables in the lines of each word, not just in the group: in a group of several
    // messages (`time out: <*>`, `set to <*>`), a neighbour varies only from message to message.
    // States and past forms still say what happened (`unit <*> stopped <*>`), and upper-case
    // names still name a kind of message (`<*> "GET <*> HTTP/1.1"`, `"POST`).
    const between = p > 0 && p < length - 1 && data[p - 1] && data[p + 1] && !namedAt[p];
    if (between && variableInEach(keys, values, p - 1) && variableInEach(keys, values, p + 1)) continue;
    // The last item of a bracketed list whose items before it are variables (`(<*>, powerd)`): a tuple's value.
    if (closesTupleOfValues(keys, members, values, p)) continue;
    candidates.push({ position: p, values, field: sameField(values.keys()) });
  }
  // Two or more fields whose values would each split the group (`state=success`, `queue=default`,
  // `pool=db_pool`): fields that vary one beside the other are one message's data, not messages.
  const fields = candidates.filter((c) => c.field).length;
  let bestPosition = -1;
  let bestValues: Map<string, number[]> | null = null;
  for (const { position, values, field } of candidates) {
    if (field && fields >= 2) continue;
    if (!bestValues || values.size < bestValues.size) {
      bestPosition = position;
      bestValues = values;
    }
  }
  if (bestPosition < 0 || !bestValues) {
    out.push(members);
    return;
  }
  for (const child of bestValues.values()) splitGroup(keys, child, length, limits, vocabulary, out);
}

/**
 * A group's tokens: a position its lines all write alike as written, one whose values differ as
 * renderVariable writes them. Split edits (edits.ts) write their parts with it too.
 */
export function templateOfGroup(keys: readonly KeyInfo[], members: readonly number[], length: number): string[] {
  const first = keys[members[0]].tokens;
  const tokens: string[] = first.slice(0, length);
  const varied: boolean[] = new Array(length);
  for (let p = 0; p < length; p++) {
    const token = first[p];
    varied[p] = members.some((k) => keys[k].tokens[p] !== token);
    tokens[p] = varied[p] ? renderVariable([...new Set(members.map((m) => keys[m].tokens[p]))]) : renderToken(token);
  }
  dropUnopenedClosers(tokens, varied);
  return tokens;
}

export function clusterKeys(keys: readonly KeyInfo[], settings: ClusterSettings = DEFAULT_CLUSTER_SETTINGS): Cluster[] {
  const limits = splitLimits(settings);
  const byLength = new Map<number, number[]>();
  keys.forEach((key, k) => {
    const list = byLength.get(key.tokens.length);
    if (list) list.push(k);
    else byLength.set(key.tokens.length, [k]);
  });
  const initial = [...byLength].map(([length, members]) => ({ length, groups: initialGroups(keys, members, length) }));

  // Two passes: the first finds the words that vary where a pattern has a variable; the second
  // does not split on positions whose values are all such words.
  const first = groupAll(keys, initial, limits, new Set());
  const vocabulary = new Set<string>();
  for (const { length, group } of first) {
    const tokens = keys[group[0]].tokens;
    for (let p = 0; p < length; p++) {
      if (group.some((k) => keys[k].tokens[p] !== tokens[p])) {
        for (const k of group) {
          const token = keys[k].tokens[p];
          if (!token.includes(WILDCARD)) vocabulary.add(token);
        }
      }
    }
  }
  const final = vocabulary.size ? groupAll(keys, initial, limits, vocabulary) : first;

  const clusters = new Map<string, Cluster & { largest: number }>();
  for (const { length, group } of final) {
    const tokens = templateOfGroup(keys, group, length);
    const id = patternKey(tokens);
    const count = group.reduce((sum, k) => sum + keys[k].count, 0);
    const existing = clusters.get(id);
    if (!existing) {
      clusters.set(id, { tokens, variants: [tokens], members: group, count, largest: count });
      continue;
    }
    existing.members.push(...group);
    existing.count += count;
    const same = existing.variants.find((variant) => templateOf(variant) === templateOf(tokens));
    if (!same) existing.variants.push(tokens);
    if (count > existing.largest) {
      existing.tokens = tokens;
      existing.largest = count;
    }
  }
  return [...clusters.values()].map(({ largest: _, ...cluster }) => cluster);
}

function groupAll(
  keys: readonly KeyInfo[],
  initial: { length: number; groups: number[][] }[],
  limits: SplitLimits,
  vocabulary: ReadonlySet<string>,
): { length: number; group: number[] }[] {
  const out: { length: number; group: number[] }[] = [];
  for (const { length, groups } of initial) {
    const split: number[][] = [];
    for (const group of groups) splitGroup(keys, group, length, limits, vocabulary, split);
    for (const group of split) out.push({ length, group });
  }
  return out;
}
