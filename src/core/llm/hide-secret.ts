/**
 * Removes a secret (the API key) from text that came from elsewhere – a server's error body, a
 * network error – before anything else is done to it: before it is cut to length (a cut could
 * leave the key's first characters), parsed as JSON or stripped of tags (a tag inside the key, or
 * an escape, hides it from a plain search until then).
 *
 * The text is read as a sequence of characters the way a reader or a decoder would see them: a
 * character may be written as itself, `%HH` (URL encoding), `\uHHHH` or `\/` (JSON), `&#NN;`,
 * `&#xHH;` or a named entity (HTML); tags and white space between two characters are skipped.
 * Every run of at least MIN_RUN characters that appears in the secret – the whole key, or a
 * piece of it such as a server's "sk-abc…wxyz" – is replaced by `***`, whatever its spelling.
 */

/** The shortest piece of a secret that is removed. Shorter secrets cannot be told apart from ordinary text and are left alone. */
export const MIN_RUN = 4;
export const HIDDEN = '***';

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** One character as written in the text: [start, end) in the text, and the character it stands for (null: a tag or white space). */
interface Unit {
  start: number;
  end: number;
  char: string | null;
}

const HEX2 = /^[0-9a-fA-F]{2}$/;
const HEX4 = /^[0-9a-fA-F]{4}$/;

function unitAt(text: string, p: number): Unit {
  const c = text[p];
  if (c === '%' && HEX2.test(text.slice(p + 1, p + 3))) return { start: p, end: p + 3, char: String.fromCharCode(parseInt(text.slice(p + 1, p + 3), 16)) };
  if (c === '\\') {
    const next = text[p + 1];
    if (next === 'u' && HEX4.test(text.slice(p + 2, p + 6))) return { start: p, end: p + 6, char: String.fromCharCode(parseInt(text.slice(p + 2, p + 6), 16)) };
    if (next === '/' || next === '\\' || next === '"' || next === "'") return { start: p, end: p + 2, char: next };
  }
  if (c === '&') {
    const entity = /^&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([a-z]{2,4}));/.exec(text.slice(p, p + 12));
    if (entity) {
      const [whole, dec, hex, name] = entity;
      const code = dec ? Number(dec) : hex ? parseInt(hex, 16) : -1;
      const char = code < 0 ? ENTITIES[name] : code <= 0x10ffff ? String.fromCodePoint(code) : undefined;
      if (char !== undefined) return { start: p, end: p + whole.length, char };
    }
  }
  if (c === '<') {
    const tag = /^<[^<>]{0,200}>/.exec(text.slice(p, p + 202));
    if (tag) return { start: p, end: p + tag[0].length, char: null };
  }
  if (/\s/.test(c)) return { start: p, end: p + 1, char: null };
  return { start: p, end: p + 1, char: c };
}

/** `text` without any run of MIN_RUN or more characters of `secret`, in any of the spellings above. */
export function hideSecret(text: string, secret: string): string {
  if (secret.length < MIN_RUN || text.length < MIN_RUN) return text;
  const units: Unit[] = [];
  for (let p = 0; p < text.length; ) {
    const unit = unitAt(text, p);
    units.push(unit);
    p = unit.end;
  }
  let out = '';
  let copied = 0;
  for (let i = 0; i < units.length; i++) {
    const first = units[i].char;
    if (first === null) continue;
    // Where in the secret the run so far could start.
    let starts: number[] = [];
    for (let s = secret.indexOf(first); s !== -1; s = secret.indexOf(first, s + 1)) starts.push(s);
    let length = 1;
    let lastLong = -1;
    for (let j = i + 1; j < units.length && starts.length; j++) {
      const char = units[j].char;
      if (char === null) continue;
      starts = starts.filter((s) => secret[s + length] === char);
      if (!starts.length) break;
      length++;
      if (length >= MIN_RUN) lastLong = j;
    }
    if (lastLong < 0) continue;
    out += text.slice(copied, units[i].start) + HIDDEN;
    copied = units[lastLong].end;
    i = lastLong;
  }
  return out + text.slice(copied);
}
