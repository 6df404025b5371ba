/**
 * How a pattern's tokens are written, after the convention of the corrected Loghub ground truth
 * (Khan et al., 2022) that people read the same way: a variable is a whole word, never half of one
 * (`v1.<*>` and `<*>.16ac` are `<*>`), while the constant words around it stay (`uid=<*>`,
 * `node-<*>`, `(HWID=<*>)`). A token is cut into words at punctuation other than `.` and `_`, which
 * join the parts of versions, host names and identifiers; a word that holds a masked part, or that
 * differs between the pattern's lines, becomes `<*>`.
 */
import { WILDCARD } from './masking.ts';

interface Segment {
  text: string;
  /** The word holds a masked part. */
  masked: boolean;
  /** A punctuation character between words. */
  separator: boolean;
}

function isWordChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 46 || c === 95 || c > 127;
}

/** A `.` joins the parts of a word only between them; one at the end closes a sentence. */
function isJoiningDot(token: string, i: number): boolean {
  return i + 1 < token.length && (isWordChar(token.charCodeAt(i + 1)) || token.startsWith(WILDCARD, i + 1));
}

/** A token as alternating words and separators; separators are single characters. */
function segments(token: string): Segment[] {
  const out: Segment[] = [];
  let text = '';
  let masked = false;
  let i = 0;
  while (i < token.length) {
    if (token.startsWith(WILDCARD, i)) {
      text += WILDCARD;
      masked = true;
      i += WILDCARD.length;
      continue;
    }
    const c = token.charCodeAt(i);
    if (isWordChar(c) && (c !== 46 || isJoiningDot(token, i))) {
      text += token[i];
    } else {
      if (text) out.push({ text, masked, separator: false });
      out.push({ text: token[i], masked: false, separator: true });
      text = '';
      masked = false;
    }
    i++;
  }
  if (text) out.push({ text, masked, separator: false });
  return out;
}

const isSeparator = (segment: Segment) => segment.separator;

/** One token as written: each word with a masked part becomes `<*>`. */
export function renderToken(token: string): string {
  if (!token.includes(WILDCARD) || token === WILDCARD) return token;
  return segments(token)
    .map((s) => (s.masked ? WILDCARD : s.text))
    .join('');
}

const KEY_VALUE = /^([^=]+=)/;

/** The punctuation every value starts (or, with `fromEnd`, ends) with. */
function commonPunctuation(values: readonly string[], fromEnd: boolean): string {
  const at = (value: string, i: number) => value.charCodeAt(fromEnd ? value.length - 1 - i : i);
  const shortest = Math.min(...values.map((v) => v.length));
  let n = 0;
  while (n < shortest && (at(values[0], n) === 46 || !isWordChar(at(values[0], n))) && values.every((v) => at(v, n) === at(values[0], n))) n++;
  let part = fromEnd ? values[0].slice(values[0].length - n) : values[0].slice(0, n);
  // Punctuation runs on through a masked part (`-<*>][<*>]`): only what is outside the last (or first) one is shared punctuation.
  const cut = fromEnd ? part.lastIndexOf(WILDCARD) : part.indexOf(WILDCARD);
  if (cut >= 0) part = fromEnd ? part.slice(cut + WILDCARD.length) : part.slice(0, cut);
  return part.includes('<') || part.includes('*') ? '' : part;
}

const OPENERS = '([{';
const CLOSERS = ')]}';

/**
 * A group's rendered tokens without the closing brackets right after a variable that close nothing
 * open before them in the template: those closed a bracket inside the values the variable stands
 * for. `(com.apple.xpc.launchd[<*>]):` reads `(<*>):`; a list over two tokens, `Set(a-0,` `b-1)`,
 * reads `<*> <*>` (then one `<*>`, like the one-item list `Set(a-0)`); while `Token{u0 <*>}}`
 * keeps the braces the constant tokens before it opened. `varied[p]`: token p was rendered from
 * values that differ (renderVariable).
 */
export function dropUnopenedClosers(tokens: string[], varied: readonly boolean[]): void {
  const open: string[] = [];
  const take = (c: string) => {
    const opener = OPENERS.indexOf(c);
    if (opener >= 0) open.push(CLOSERS[opener]);
    else if (CLOSERS.includes(c) && open.at(-1) === c) open.pop();
  };
  for (let p = 0; p < tokens.length; p++) {
    const token = tokens[p];
    const cut = varied[p] ? token.lastIndexOf(WILDCARD) : -1;
    if (cut < 0) {
      for (const c of token) take(c);
      continue;
    }
    const head = token.slice(0, cut + WILDCARD.length);
    for (const c of head) take(c);
    let tail = token.slice(head.length);
    let kept = '';
    while (tail && CLOSERS.includes(tail[0])) {
      if (open.at(-1) === tail[0]) {
        open.pop();
        kept += tail[0];
      }
      tail = tail.slice(1);
    }
    for (const c of tail) take(c);
    tokens[p] = head + kept + tail;
  }
}

/**
 * The token for a position whose values differ: words that differ become `<*>` when every value has
 * the same separators; otherwise the whole token is `<*>`, keeping the key of a `key=value` and the
 * punctuation all values share around it (`(<*>)`).
 */
export function renderVariable(values: readonly string[]): string {
  // The key of a `key=value` stays; whether the value keeps words of its own is decided on the values alone.
  const key = KEY_VALUE.exec(values[0])?.[1];
  const sharedKey = key && !key.includes(WILDCARD) && values.every((value) => value.startsWith(key)) ? key : '';
  const parts = sharedKey ? values.map((value) => value.slice(sharedKey.length)) : values;
  const split = parts.map(segments);
  const first = split[0];
  const aligned = split.every(
    (s) => s.length === first.length && s.every((segment, i) => isSeparator(segment) === isSeparator(first[i]) && (!isSeparator(segment) || segment.text === first[i].text)),
  );
  const constant = (segment: Segment, i: number) => !segment.masked && split.every((s) => s[i].text === segment.text);
  if (aligned && first.some((segment, i) => !isSeparator(segment) && constant(segment, i))) {
    return sharedKey + first.map((segment, i) => (isSeparator(segment) || constant(segment, i) ? segment.text : WILDCARD)).join('');
  }
  if (sharedKey) return sharedKey + WILDCARD + commonPunctuation(parts, true);
  const prefix = commonPunctuation(values, false);
  const suffix = commonPunctuation(values, true);
  return prefix.length + suffix.length <= Math.min(...values.map((v) => v.length)) ? prefix + WILDCARD + suffix : WILDCARD;
}
