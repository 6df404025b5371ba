/** Template strings: tokens joined by single spaces, `<*>` for a variable. */
import { WILDCARD } from './masking.ts';
import { NAMING_NOUNS } from './naming-nouns.ts';

export function templateOf(tokens: readonly string[]): string {
  return tokens.join(' ');
}

/**
 * A template as people write it (the corrected Loghub ground truth): each token's values whole
 * (wholeValues), and runs of them collapsed (runsCollapsed). The miner's tokens keep one per
 * token: they say how many tokens the lines of one shape have.
 */
export function displayTemplate(tokens: readonly string[]): string {
  return runsCollapsed(tokens.map(wholeValues));
}

/**
 * Where the corrected ground truth (Khan et al., ICSE 2022) cuts a token into pieces: punctuation
 * that separates values, among them `?` before a query string. Not `/` (a path's parts), `_`,
 * `~`, `*` or angle brackets.
 */
const PIECE_DELIMITERS = /([,!?;:=|"'[\](){}.\-+@#$%&]+)/u;
/**
 * Words that convention always counts as values: the accounts every system has, as systems write
 * them (`Admin console opened` is a word of the message).
 */
const ACCOUNT_NAMES = new Set(['root', 'admin']);

/**
 * A field, `key=value`, its value unquoted, and perhaps the comma or semicolon that ends it in a
 * list. Narrower than cluster.ts's fieldOf, which also reads `key:value` and quoted values: a
 * quoted name keeps its quotes when shown (`user="<*>"`).
 */
const NAMED_FIELD = /^([\p{L}_.-]+)=([^\s="']+?)([,;]?)$/u;

/**
 * A token with the corrected ground truth's whole values: a piece that holds a variable is a
 * variable as a whole (`tty<*>` and `Package_for_KB<*>~<*>~amd64~~<*>` are `<*>`; `MININT-<*>`
 * keeps its word, as `-` cuts it), and so is an account name (`user=root` is `user=<*>`) and the
 * value of a field whose key names a thing (`user=guest`, `host=web-1`: a name, even where every
 * line of the pattern holds the same one); then `<*>.<*>` and `<*><*>` are one `<*>`. Kept: a piece
 * with a `/` (`HTTP/<*>`, a path), and one with an angle bracket, which people read as a bracket
 * (`vCores:<*>>`). Only the shown template changes: which lines are one pattern does not, so the
 * lines of a message logged only by root can still be a pattern of their own.
 */
function wholeValues(token: string): string {
  const field = NAMED_FIELD.exec(token);
  if (field && NAMING_NOUNS.has(field[1].toLowerCase())) token = `${field[1]}=${WILDCARD}${field[3]}`;
  const parts = token.split(PIECE_DELIMITERS);
  let changed = false;
  // Delimiters are at the odd indices.
  for (let i = 0; i < parts.length; i += 2) {
    const part = parts[i];
    const value = part !== WILDCARD && part.includes(WILDCARD) && !/[/<>]/u.test(part.replaceAll(WILDCARD, ''));
    if (value || ACCOUNT_NAMES.has(part)) {
      parts[i] = WILDCARD;
      changed = true;
    }
  }
  if (!changed) return token;
  let out = parts.join('');
  for (let before = ''; before !== out; ) {
    before = out;
    out = out.replaceAll(`${WILDCARD}.${WILDCARD}`, WILDCARD).replaceAll(WILDCARD + WILDCARD, WILDCARD);
  }
  return out;
}

/**
 * The template with a run of adjacent whole-token variables (a list of hosts, a date and a time)
 * as one `<*>`, and so a comma-separated list of tokens that hold only variables and punctuation
 * (`[<*>=<*>, <*>=<*>]` is `[<*>]`: the punctuation before its first variable and after its last
 * stays). Tokens are as the lines write them, so this is what tells patterns apart (patternKey).
 */
export function runsCollapsed(tokens: readonly string[]): string {
  let out = '';
  for (let p = 0; p < tokens.length; ) {
    let end = p + 1;
    while (end < tokens.length && runGoesOn(tokens[end - 1], tokens[end])) end++;
    const token =
      end - p < 2
        ? tokens[p]
        : tokens[p].slice(0, tokens[p].indexOf(WILDCARD)) + WILDCARD + tokens[end - 1].slice(tokens[end - 1].lastIndexOf(WILDCARD) + WILDCARD.length);
    out += (p > 0 ? ' ' : '') + token;
    p = end;
  }
  return out;
}

/**
 * What the templates of two groups share when they are one pattern: the template with runs
 * collapsed (runsCollapsed; values as the lines write them) and a list's repeated items written
 * once (repeatsCollapsed: `node-<*> <ok> node-<*> <ok>` is `node-<*> <ok>`)
 * - without the tokens of punctuation and variables only (no bracket) that follow a variable, so a
 *   value written as one token in some lines and two in others (`chrome.exe` and `chrome.exe *64`,
 *   masked `<*>` and `<*> *<*>`) is one value, as a list of one host or of three is;
 * - with a square-bracketed name as `[<*>]`, also one with spaces in it (a thread's name:
 *   `[main]`, `[IPC Server handler <*> on <*>]`), so lines of one message from threads whose names
 *   have different lengths are one pattern – but not a tag of two or more words in capitals
 *   (`[UFW BLOCK]`, `[UFW ALLOW]`), which names the message. The miner takes such a name for a
 *   value however few of them a file holds (cluster.ts). A bracket and a space open quoted text,
 *   not a name (`[ Failed password for …]`), and a token of punctuation only makes text with a
 *   structure of its own (`[HRESULT = <*> - CBS_E_INVALID_PACKAGE]`): those stay as they are.
 * The pattern is still shown as its largest group writes it, but for a bracketed name that its
 * groups write differently (shownTokens).
 */
export function patternKey(tokens: readonly string[]): string {
  const key: string[] = [];
  for (let p = 0; p < tokens.length; p++) {
    const nameEnd = bracketedNameEnd(tokens, p);
    if (nameEnd >= 0) {
      key.push(bracketedValue(tokens[nameEnd]));
      p = nameEnd;
    } else if (!isValueTail(tokens, p)) {
      key.push(tokens[p]);
    }
  }
  return runsCollapsed(repeatsCollapsed(key));
}

/**
 * The tokens a pattern is shown with: its largest group's (`tokens`), where a square-bracketed name
 * that another of its groups (`variants`) writes otherwise is `[<*>]`: a message logged from the
 * threads `[main]` and `[IPC Server handler <*> on <*>]` is not shown as from `[main]` alone.
 * Groups are one pattern only when their names stand in the same places (patternKey), so the k-th
 * name of one is the k-th of another.
 */
export function shownTokens(tokens: readonly string[], variants: readonly (readonly string[])[]): readonly string[] {
  if (variants.length < 2) return tokens;
  const names = bracketedNames(tokens);
  if (names.length === 0) return tokens;
  const others = variants.map((variant) => bracketedNames(variant).map(([start, end]) => templateOf(variant.slice(start, end + 1))));
  const out: string[] = [];
  let at = 0;
  names.forEach(([start, end], k) => {
    const name = templateOf(tokens.slice(start, end + 1));
    if (others.every((list) => list[k] === name)) return;
    out.push(...tokens.slice(at, start), bracketedValue(tokens[end]));
    at = end + 1;
  });
  return at === 0 ? tokens : [...out, ...tokens.slice(at)];
}

/** The first and last token of each square-bracketed name, in order. */
function bracketedNames(tokens: readonly string[]): [number, number][] {
  const names: [number, number][] = [];
  for (let p = 0; p < tokens.length; p++) {
    const end = bracketedNameEnd(tokens, p);
    if (end < 0) continue;
    names.push([p, end]);
    p = end;
  }
  return names;
}

/** `[<*>]` and the punctuation after the name's closing bracket (`[main]:` is `[<*>]:`). */
function bracketedValue(last: string): string {
  return `[${WILDCARD}]${last.endsWith(']') ? '' : last.slice(-1)}`;
}

/** Most tokens in a repeated unit of a list (`node-<*> <ok>`). */
const MAX_UNIT = 3;

/**
 * The tokens with a unit of up to MAX_UNIT tokens that holds a variable and is repeated right after
 * itself written once: a list of records whose items are written the same way (`node-<*> <ok>
 * node-<*> <ok>`), however many items a line has.
 */
function repeatsCollapsed(tokens: readonly string[]): string[] {
  const out: string[] = [];
  for (const token of tokens) {
    out.push(token);
    for (let unit = 1; unit <= MAX_UNIT && out.length >= 2 * unit; unit++) {
      if (!endsInRepeat(out, unit)) continue;
      out.length -= unit;
      break;
    }
  }
  return out;
}

/** Whether the last `unit` tokens repeat the `unit` before them, and hold a variable. */
function endsInRepeat(tokens: readonly string[], unit: number): boolean {
  const start = tokens.length - 2 * unit;
  const item = tokens.slice(start, start + unit);
  return item.some((token) => token.includes(WILDCARD)) && item.every((token, k) => token === tokens[start + unit + k]);
}

/** Whether token `p` is a value's second token: punctuation and variables only, no bracket, after a `<*>` (`<*> *<*>`). */
function isValueTail(tokens: readonly string[], p: number): boolean {
  const token = tokens[p];
  return p > 0 && tokens[p - 1] === WILDCARD && token !== WILDCARD && isValueOnly(token) && !ANY_BRACKET.test(token.replaceAll(WILDCARD, ''));
}

const ANY_BRACKET = /[()[\]{}<>]/u;
const SQUARE_BRACKET = /[[\]]/u;
/** A whole bracketed name in one token (`[main]`, `[<*>]`), perhaps with punctuation after it. */
const NAME_IN_BRACKETS = /^\[[^\s[\]]*\][.,;:]?$/u;
/** The first token of a bracketed name with spaces in it: `[` and a word. */
const OPENED_NAME = /^\[[^\s[\]]+$/u;
/** Its last token, perhaps with punctuation after it. */
const CLOSED_NAME = /^[^\s[\]]*\][.,;:]?$/u;
const WORD_OR_VALUE = /[\p{L}\p{N}]|<\*>/u;
/**
 * A word in capitals, perhaps with the span's brackets and punctuation after it: a bracketed span
 * of such words only is a tag of keywords (`[UFW BLOCK]`, `[UFW ALLOW]`), which names a message,
 * not a thread's name.
 */
const UPPER_CASE_WORD = /^\[?\p{Lu}{2,}\]?[.,;:]?$/u;
/** Most tokens of a bracketed name: a longer bracketed span is text. */
const MAX_NAME_TOKENS = 8;

/** Where a square-bracketed name that starts at `p` ends (its last token), or -1. */
function bracketedNameEnd(tokens: readonly string[], p: number): number {
  if (NAME_IN_BRACKETS.test(tokens[p])) return p;
  if (!OPENED_NAME.test(tokens[p])) return -1;
  for (let e = p + 1; e < tokens.length && e < p + MAX_NAME_TOKENS; e++) {
    // A token of punctuation only (`[HRESULT = <*> - CBS_E_INVALID_PACKAGE]`) makes it text with a structure of its own.
    if (!WORD_OR_VALUE.test(tokens[e])) return -1;
    if (CLOSED_NAME.test(tokens[e])) return tokens.slice(p, e + 1).every((token) => UPPER_CASE_WORD.test(token)) ? -1 : e;
    if (SQUARE_BRACKET.test(tokens[e])) return -1;
  }
  return -1;
}

/** Whether `next` continues a run of variables that `token` is in: `<*> <*>`, or a list item and the next (`<*>=<*>, <*>=<*>`). */
function runGoesOn(token: string, next: string): boolean {
  if (token === WILDCARD && next === WILDCARD) return true;
  return token.endsWith(',') && isValueOnly(token) && isValueOnly(next);
}

/** A token of variables and punctuation only (`<*>`, `<*>=<*>,`, `[<*>]`): no word of its own. */
function isValueOnly(token: string): boolean {
  return token.includes(WILDCARD) && !/[\p{L}\p{N}]/u.test(token.replaceAll(WILDCARD, ''));
}

/**
 * A pattern's template as its lines write it, runs collapsed, where the shown template hides a
 * word of it (`user=root` shown as `user=<*>`), or null: two patterns can show the same template,
 * and this tells them apart. Null too for a merged pattern, whose lines write it in several ways.
 */
export function writtenTemplate(variants: readonly string[], shown: string): string | null {
  if (variants.length !== 1) return null;
  const written = runsCollapsed(templateTokens(variants[0]));
  return written === shown ? null : written;
}

export function templateTokens(template: string): string[] {
  const trimmed = template.trim();
  return trimmed === '' ? [] : trimmed.split(/\s+/);
}

export function isVariableToken(token: string): boolean {
  return token === WILDCARD;
}

export function hasWildcard(token: string): boolean {
  return token.includes(WILDCARD);
}

/**
 * Normal form used to compare template strings: whitespace collapsed, and runs of `<*>` (adjacent
 * or separated only by whitespace) collapsed into one.
 */
export function normalizeTemplate(template: string): string {
  return template
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/<\*>(?:\s*<\*>)+/g, WILDCARD);
}

/** 32-bit FNV-1a as 8 hex digits: stable pattern ids derived from a pattern's tokens. */
export function hashText(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
}
