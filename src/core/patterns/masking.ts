/**
 * Masking config and tokenizer for pattern discovery. A masking rule says what counts as a
 * variable (numbers, hex, IPs, UUIDs, paths, …): every match becomes `<*>` before the miner sees
 * the line. Rules are plain data (editable in the page, saved with the patterns); the enabled ones
 * compile into one alternation, so masking costs one regex pass per line whatever their number.
 * The default rules, unedited, have a hand-written scanner that gives the same output (default-scanner.ts).
 */
import { HOST_TLDS } from './default-scanner-chars.ts';
import { JOIN_PENDING_SPACED, maskDefaultAsciiInto, MASKED, NOT_ASCII } from './default-scanner.ts';
import { MaskedText } from './masked-text.ts';

export const WILDCARD = '<*>';

export interface MaskingRule {
  /** Stable id, also the name shown in the page. */
  id: string;
  /** Human description. */
  description: string;
  /** A JavaScript regular expression source (no flags: masking is case-sensitive, Unicode-aware). */
  pattern: string;
  enabled: boolean;
}

export interface MaskingConfig {
  rules: MaskingRule[];
}

/**
 * The default rules: the kinds of variables nearly every log has. `B` (before) and `A` (after)
 * keep a match from starting or ending inside a word, so `alt0`, `ssh2` or `4G` stay words while
 * `node-12`, `uid=0` and `PS/2` get their number masked.
 */
const B = '(?<![\\p{L}\\p{N}_])';
const A = '(?![\\p{L}\\p{N}_])';

const LONG_TLDS = HOST_TLDS.join('|');

const QUANTITY = `\\d+(?:\\.\\d+)? ?(?:[KMGT]i?B|bytes|B|ms|us|µs|ns|sec|s|min|h)${A}`;

export const DEFAULT_MASKING_RULES: readonly MaskingRule[] = [
  {
    id: 'quoted-value',
    description: 'the text of a quoted field value, spaces and escaped quotes included (error="no route to host", platform: "CPython 3.11", "user":"ann lee"); not of msg or message, which hold the message',
    pattern: `${B}(?<=[\\p{L}\\p{N}_.-]"?(?:=|: ?)")(?<!(?<![\\p{L}\\p{N}_.-])"?(?:msg|message)"?(?:=|: ?)")(?:[^"\\\\]|\\\\.)+(?=")`,
    enabled: true,
  },
  {
    id: 'user-agent',
    description: 'a quoted text after a space that starts with a product and its version, as a web access log writes a user agent ("Mozilla/5.0 (X11; Linux x86_64) Firefox/120.0", "curl/8.4.0")',
    pattern: `(?<=(?:^|\\s)")[A-Za-z][A-Za-z0-9_.+-]*/\\d(?:[^"\\\\]|\\\\.)*(?=")`,
    enabled: true,
  },
  {
    id: 'uuid',
    description: 'UUIDs',
    pattern: `${B}[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}${A}`,
    enabled: true,
  },
  {
    id: 'mac',
    description: 'MAC addresses (3c:22:fb:0a:11:9e, 00-1A-2B-3C-4D-5E)',
    pattern: `${B}[0-9A-Fa-f]{2}(?:[:-][0-9A-Fa-f]{2}){5}${A}`,
    enabled: true,
  },
  {
    id: 'datetime',
    description:
      'dates and times, with a time zone when there is one (2005-06-18 02:08:10, 2024-05-01T02:00:00.123Z, 2024-05-01T02:00:00+02:00, 2024/05/01 02:00:00, Sat Jun 18 02:08:10 2005, and a web access log\'s 10/Oct/2000:13:55:36 -0700)',
    pattern:
      `${B}(?:\\d{4}(?:-\\d{2}-\\d{2}|/\\d{2}/\\d{2})(?:[T ]\\d{2}:\\d{2}(?::\\d{2}(?:[.,]\\d+)?)?(?:Z|[+-]\\d{2}(?::?\\d{2})?)?)?|` +
      `\\d{2}/(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)/\\d{4}(?::\\d{2}:\\d{2}:\\d{2}(?:[.,]\\d+)?(?: [+-]\\d{4})?)?|` +
      `(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun),? +)?(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) +\\d{1,2}(?:,? +\\d{4})?(?: +\\d{2}:\\d{2}(?::\\d{2})?(?: +\\d{4})?)?)${A}`,
    enabled: true,
  },
  {
    id: 'url',
    description: 'URLs with a scheme (https://example.com/a?b=1, hdfs://namenode:9000/tmp/job.jar), not a trailing . , : ? or !',
    pattern: `${B}[A-Za-z][A-Za-z0-9+.-]*://[\\p{L}\\p{N}_.~:/?#@!$&*+=%-]*[\\p{L}\\p{N}_~/#@$&*+=%-]`,
    enabled: true,
  },
  {
    id: 'host',
    description: 'host names ending in a top-level domain (ns1.example.com, example.org, redis-0.cache.svc.cluster.local); not dotted logger or property names (agent.server.raft, java.class.path)',
    pattern: `${B}(?=[\\p{N}.-]*\\p{L})[\\p{L}\\p{N}-]+(?:(?:\\.[\\p{L}\\p{N}-]+)+\\.(?:${LONG_TLDS}|[a-z]{2})|\\.(?:com|net|org|edu|gov|mil|info|biz|io|[a-z]{2}))(?::\\d{1,5})?(?![\\p{L}\\p{N}_(-]|\\.[\\p{L}\\p{N}])`,
    enabled: true,
  },
  {
    id: 'ip',
    description: 'IPv4 addresses, with an optional :port and a leading /',
    pattern: `/?${B}\\d{1,3}(?:\\.\\d{1,3}){3}(?::\\d{1,5})?${A}`,
    enabled: true,
  },
  {
    id: 'host-port',
    description: 'host names with a port (proxy.example.com:8080, db-7/10.0.0.5:5432)',
    pattern: `${B}(?=[\\p{N}_.-]*\\p{L})(?=[\\p{L}\\p{N}_-]*[\\d.])[\\p{L}\\p{N}_-]+(?:\\.[\\p{L}\\p{N}_-]+)*(?:/\\d{1,3}(?:\\.\\d{1,3}){3})?:\\d{1,5}${A}`,
    enabled: true,
  },
  {
    id: 'id',
    description: 'identifiers made of a word and numbers joined by _ (blk_-123, job_1445_0020)',
    pattern: `${B}\\p{L}[\\p{L}\\p{N}]*(?:_[\\p{L}\\p{N}]+)*_-?\\d[\\p{L}\\p{N}_-]*${A}`,
    enabled: true,
  },
  {
    id: 'hex',
    description: '0x-prefixed hex numbers',
    pattern: `${B}0[xX][0-9a-fA-F]+${A}`,
    enabled: true,
  },
  {
    id: 'hex-id',
    description: 'hex identifiers of 8 or more digits without 0x, with a digit and a letter (7317849d, a 40-digit commit or node id)',
    pattern: `${B}(?=[0-9a-fA-F]*\\d)(?=[0-9a-fA-F]*[a-fA-F])[0-9a-fA-F]{8,}${A}`,
    enabled: true,
  },
  {
    id: 'path',
    description: 'absolute file paths and URL paths (/var/log/syslog, /default-rack, /api/v2/users)',
    pattern: `(?<![\\p{L}\\p{N}_./-])(?:/[\\p{L}\\p{N}_.:@-]+)+/?`,
    enabled: true,
  },
  {
    id: 'windows-path',
    description: 'Windows file paths from a drive letter (C:\\Windows\\Temp\\setup.log)',
    pattern: `${B}[A-Za-z]:\\\\(?:[\\p{L}\\p{N}_.@$~+-]+\\\\?)*`,
    enabled: true,
  },
  {
    id: 'quantity',
    description: 'sizes and durations with a unit a number with an abbreviated unit, and a bracketed restatement (12 bytes, 1256 bytes (1.22 KB), 30 ms, <1 sec)',
    pattern: `[<>~]?${B}${QUANTITY}(?: \\(${QUANTITY}\\))?`,
    enabled: true,
  },
  {
    id: 'number',
    description: 'numbers, times and versions not glued to a word (42, -1, 3.14, 12:30:01, 2.6.5)',
    pattern: `${B}[-+]?\\d+(?:[.:,-]\\d+)*${A}`,
    enabled: true,
  },
  {
    id: 'literal',
    description: 'the literals true, false and null (any case as written in code: True, FALSE, NULL)',
    pattern: `${B}(?:true|false|True|False|TRUE|FALSE|null|NULL)${A}`,
    enabled: true,
  },
];

export const DEFAULT_MASKING: MaskingConfig = { rules: DEFAULT_MASKING_RULES.map((rule) => ({ ...rule })) };

/** Why a masking rule cannot be used, or null when it is fine. */
export function maskingRuleProblem(rule: MaskingRule): string | null {
  if (typeof rule.id !== 'string' || rule.id.trim() === '') return 'the rule has no name';
  if (typeof rule.pattern !== 'string' || rule.pattern === '') return 'the pattern is empty';
  let regex: RegExp;
  try {
    regex = new RegExp(rule.pattern, 'u');
  } catch (error) {
    return `invalid pattern: ${(error as Error).message}`;
  }
  if (regex.test('')) return 'the pattern matches an empty string';
  if (/\\[1-9]|\\k</.test(rule.pattern)) return 'back-references are not allowed';
  return null;
}

export function validateMasking(config: MaskingConfig): { index: number; reason: string }[] {
  const problems: { index: number; reason: string }[] = [];
  config.rules.forEach((rule, index) => {
    const reason = maskingRuleProblem(rule);
    if (reason) problems.push({ index, reason });
  });
  return problems;
}

export interface Masker {
  /** The line with every variable replaced by `<*>`. */
  mask(line: string): string;
  /** mask(), written into `out` (the miner's way: no string per line). */
  maskInto(line: string, out: MaskedText): void;
  /** The masked line split into tokens (whitespace separates tokens). */
  tokens(line: string): string[];
}

const WHITESPACE = /\s+/;

/** Whether the enabled rules are the default ones, in order: the scanner can stand in for their regex. */
function areDefaultRules(enabled: readonly MaskingRule[]): boolean {
  return enabled.length === DEFAULT_MASKING_RULES.length && enabled.every((rule, i) => rule.pattern === DEFAULT_MASKING_RULES[i].pattern);
}

const LEADING_LOOKBEHIND = /^\(\?<!\[[^\]]*\]\)/;

/**
 * One alternation of all rules, in order. Neighbouring rules that start with the same
 * lookbehind share it (`(?<!x)(?:a|b)` instead of `(?<!x)a|(?<!x)b`): the same matches, but the
 * lookbehind runs once per position instead of once per rule, which is most of masking's cost.
 */
function combineRules(patterns: string[]): string {
  const parts: string[] = [];
  let i = 0;
  while (i < patterns.length) {
    const prefix = LEADING_LOOKBEHIND.exec(patterns[i])?.[0];
    let j = i + 1;
    if (prefix) while (j < patterns.length && patterns[j].startsWith(prefix)) j++;
    if (prefix && j - i > 1) {
      parts.push(`${prefix}(?:${patterns.slice(i, j).map((p) => `(?:${p.slice(prefix.length)})`).join('|')})`);
    } else {
      parts.push(`(?:${patterns[i]})`);
    }
    i = j;
  }
  return parts.join('|');
}

/**
 * A rule that can only start where a word does not go on – its pattern begins with the lookbehind
 * `B` (or a stricter one), perhaps after one optional character or class (`/?`, `[<>~]?`).
 */
const BOUNDARY_START = /^(?:(\\?[^\\[(]|\[[^\]^][^\]]*\])\?)?\(\?<!\[\\p\{L\}\\p\{N\}_/;

/**
 * When every rule starts at a word boundary, one test in front of the alternation says so: inside a
 * word (most positions of a line) the engine then fails once instead of once per rule. The same
 * matches, about twice as fast.
 */
function guardBoundary(patterns: string[], combined: string): string {
  let lead = '';
  for (const pattern of patterns) {
    const start = BOUNDARY_START.exec(pattern);
    if (!start) return combined;
    const unit = start[1];
    if (unit) lead += unit.startsWith('[') ? unit.slice(1, -1) : unit.replace(/^\\/, '').replace(/[\]\\^-]/g, '\\$&');
  }
  return `(?:${B}${lead ? `|(?=[${lead}])` : ''})(?:${combined})`;
}

/**
 * The enabled rules as one global regex (null when none is enabled); throws on an invalid rule.
 * Replacing its matches with `<*>` is what masking does before variable runs are joined.
 */
export function compileMaskingRegex(config: MaskingConfig): RegExp | null {
  const enabled = config.rules.filter((rule) => rule.enabled);
  for (const rule of enabled) {
    const reason = maskingRuleProblem(rule);
    if (reason) throw new Error(`Masking rule ${rule.id}: ${reason}`);
  }
  const patterns = enabled.map((rule) => rule.pattern);
  return enabled.length ? new RegExp(guardBoundary(patterns, combineRules(patterns)), 'gu') : null;
}

/** Compiles the enabled rules; throws on an invalid one (validate first to show reasons). */
export function compileMasking(config: MaskingConfig): Masker {
  const combined = compileMaskingRegex(config);
  const enabled = config.rules.filter((rule) => rule.enabled);
  const scanner = areDefaultRules(enabled);
  const maskInto = (line: string, out: MaskedText): void => {
    const scanned = scanner ? maskDefaultAsciiInto(line, out, true) : NOT_ASCII;
    if (scanned === MASKED) return;
    if (scanned === NOT_ASCII) out.setString(combined ? line.replace(combined, WILDCARD) : line);
    out.joinVariableRuns(scanned === JOIN_PENDING_SPACED);
  };
  const scratch = new MaskedText();
  const mask = (line: string): string => {
    maskInto(line, scratch);
    return scratch.toString();
  };
  return {
    mask,
    maskInto,
    tokens(line) {
      const masked = mask(line).trim();
      return masked === '' ? [] : masked.split(WHITESPACE);
    },
  };
}

export interface MaskPreview {
  line: string;
  masked: string;
}

/** Live preview for the masking editor: each line and its masked form. */
export function previewMasking(lines: readonly string[], config: MaskingConfig): MaskPreview[] {
  const masker = compileMasking(config);
  return lines.map((line) => ({ line, masked: masker.mask(line) }));
}

/** The masking editor's check: the rules that cannot be used (by index, with the reason), else the first 50 sample lines masked. */
export function checkMasking(config: MaskingConfig, sample: readonly string[]): { problems: { index: number; reason: string }[]; previews: MaskPreview[] } {
  const problems = validateMasking(config);
  if (problems.length > 0) return { problems, previews: [] };
  try {
    return { problems, previews: previewMasking(sample.slice(0, 50), config) };
  } catch (err) {
    return { problems: [{ index: -1, reason: err instanceof Error ? err.message : String(err) }], previews: [] };
  }
}
