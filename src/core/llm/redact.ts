/**
 * What leaves the machine for a remote LLM is redacted further than the cache key. Masking
 * (masking.ts) stays as it is – it is the classifier's cache key on the hot path and what the
 * model was trained on – and has already turned numbers, IPv4 addresses, UUIDs, hex ids and paths
 * into `<*>`. It leaves e-mail addresses, user and host names, IPv6 and MAC addresses (in pieces
 * around their digits), tokens without digits in a row, and query strings. These rules run on the
 * masked key just before it is sent, and on the prompt's examples; answers are still cached by the
 * masked key.
 *
 * The rules are data: the built-in ones are shown in the LLM panel with an example, and the user
 * adds their own (stored with the LLM settings). A built-in pattern reads `<*>` as part of a token,
 * so `fe<*>::<*>ff:fe<*>:<*>:<*>a` – an IPv6 address after masking – is still one address. User
 * rules run on RE2 (re2js): linear time on any text, whatever the pattern.
 */
import { RE2JS } from 're2js';
import { toRe2Syntax } from '../rules/re2-syntax.ts';

/** A built-in rule. */
export interface RedactionRule {
  id: string;
  /** What it hides, in words (shown in the LLM panel). */
  description: string;
  /** A JavaScript regular expression (run with the `g` flag, and `i` when ignoreCase). */
  pattern: string;
  ignoreCase?: boolean;
  /** The text put in place of a match; `$1`… are the pattern's groups. */
  replacement: string;
  /** Patterns a match must contain, else it is kept (a token needs both cases and digits). */
  requires?: string[];
  /** A log line this rule changes (shown in the panel as the line, and as it is sent). */
  example: string;
}

/** A rule the user added: every match of `pattern` (JavaScript syntax, case-sensitive) becomes `replacement`, as written. */
export interface CustomRedaction {
  description: string;
  pattern: string;
  replacement: string;
}

export const DEFAULT_REPLACEMENT = '<redacted>';
export const MAX_CUSTOM_REDACTIONS = 50;

const MASK = '<\\*>';
/** One character of a run of these characters, or a masked token inside it. */
const unit = (chars: string) => `(?:[${chars}]|${MASK})`;
/** Not right after such a character: a match starts where a run starts, not inside it (this also keeps the scan linear). */
const startOf = (chars: string) => `(?<![${chars}]|${MASK})`;
const endOf = (chars: string) => `(?![${chars}]|${MASK})`;

/** A `key=value` or `key: value` field whose key ends in one of `keys`; the value is replaced. */
function field(keys: string): string {
  const value = `"[^"\\n]*"|'[^'\\n]*'|(?!(?:Bearer|Basic|Digest|Token)\\s)${unit('^\\s,;&"\'<>()[\\]{}')}+`;
  return `${startOf('\\w-')}([\\w-]{0,40}?(?:${keys}))(["']?\\s*[=:]\\s*)(?:${value})`;
}

const HEX = unit('0-9A-Fa-f');
const HEX_GROUP = `${HEX}{1,4}`;
const MAC_PAIR = `(?:[0-9A-Fa-f]{2}|${MASK}[0-9A-Fa-f]?|[0-9A-Fa-f]${MASK})`;

export const BUILT_IN_REDACTIONS: readonly RedactionRule[] = [
  {
    id: 'auth-scheme',
    description: 'credentials after an authorization scheme (Bearer, Basic, Digest, Token)',
    pattern: `\\b(Bearer|Basic|Digest|Token)\\s+${unit('\\w.~+/=-')}+`,
    ignoreCase: true,
    replacement: '$1 <secret>',
    example: 'Authorization: Bearer eyJhbGciOiJIUzI1NiJ9 rejected',
  },
  {
    id: 'url-credentials',
    description: 'user names and passwords in URLs (https://user:password@host)',
    pattern: `(?<![\\w+.-])([A-Za-z][A-Za-z0-9+.-]{0,20}://)${unit('^\\s/?#@<>')}+@`,
    replacement: '$1<user>@',
    example: 'Connecting to postgres://app:Hunter2@db.internal failed',
  },
  {
    id: 'query',
    description: 'query strings (?a=b&c=d)',
    pattern: `\\?(?=[^\\s?#=&]{1,64}=)${unit('^\\s#"\'<>')}*`,
    replacement: '?<query>',
    example: 'Callback https://shop.example.com/cb?order=12&session=ab12cd failed',
  },
  {
    id: 'secret-field',
    description: 'values of fields named token, password, secret, session, api key, cookie and the like (token=…, "password": "…")',
    pattern: field('token|secret|password|passwd|passphrase|pwd|pass|api[_-]?key|access[_-]?key|private[_-]?key|session(?:[_-]?id)?|sid|cookie|signature|credentials?|otp'),
    ignoreCase: true,
    replacement: '$1$2<secret>',
    example: 'Login retry with password=Winter2024! and session: xyzzy',
  },
  {
    id: 'user-field',
    description: 'values of fields named user, username, uid, login, email (user=…, uid: …)',
    pattern: field('user|username|user[_-]?name|user[_-]?id|userid|uid|login|logon|e-?mail'),
    ignoreCase: true,
    replacement: '$1$2<user>',
    example: 'Access denied for user=jsmith (login: jsmith)',
  },
  {
    id: 'host-field',
    description: 'values of fields named host, hostname, server, domain, computer (host=…)',
    pattern: field('host|hostname|host[_-]?name|server|server[_-]?name|domain|fqdn|computer|machine|workstation'),
    ignoreCase: true,
    replacement: '$1$2<host>',
    example: 'Sync failed, host=fileserver-paris domain: CORP',
  },
  {
    id: 'email',
    description: 'e-mail addresses',
    pattern: `${startOf('\\w.+%-')}${unit('\\w.+%-')}+@(?:${unit('\\w-')}+\\.)+[A-Za-z]{2,}${endOf('\\w-')}`,
    replacement: '<email>',
    example: 'Password reset mailed to jane.doe@example.com',
  },
  {
    id: 'user-at-host',
    description: 'user and host names written user@host',
    pattern: `${startOf('\\w.+-')}${unit('\\w.+-')}+@${unit('\\w.-')}+`,
    replacement: '<user>@<host>',
    example: 'Accepted publickey for root@build-07',
  },
  {
    id: 'ipv6',
    description: 'IPv6 addresses, full or with :: (fe80::1ff:fe23:4567:890a)',
    pattern:
      `${startOf('\\w:.')}(?:${HEX_GROUP}(?::${HEX_GROUP}){7}|${HEX_GROUP}(?::${HEX_GROUP}){0,6}::(?:${HEX_GROUP}(?::${HEX_GROUP}){0,6})?|::${HEX_GROUP}(?::${HEX_GROUP}){0,6})` +
      endOf('\\w:.'),
    replacement: '<ip>',
    example: 'Neighbour fe80::1ff:fe23:4567:890a unreachable',
  },
  {
    id: 'mac',
    description: 'MAC addresses (00:1a:2b:3c:4d:5e, 00-1A-2B-3C-4D-5E)',
    pattern: `${startOf('\\w:.-')}${MAC_PAIR}([:-])${MAC_PAIR}(?:\\1${MAC_PAIR}){4}${endOf('\\w:-')}`,
    replacement: '<mac>',
    example: 'DHCP lease for 00:1a:2b:3c:4d:5e renewed',
  },
  {
    id: 'hex-token',
    description: 'hex strings of 16 or more characters',
    pattern: `${startOf('\\w')}${HEX}{16,}${endOf('\\w')}`,
    requires: ['[A-Fa-f]'],
    replacement: '<token>',
    example: 'Fingerprint deadbeefcafebabefeedface accepted',
  },
  {
    id: 'base64-token',
    description: 'tokens of 20 or more letters, digits, +, /, _ and - that mix upper and lower case with digits (API keys, base64, JWT parts)',
    pattern: `${startOf('\\w+/=-')}${unit('A-Za-z0-9+/_-')}{20,}={0,2}${endOf('\\w+/=-')}`,
    requires: ['[A-Z]', '[a-z]', `(?:\\d|${MASK})[\\s\\S]*(?:\\d|${MASK})`],
    replacement: '<token>',
    example: 'Webhook signed with kT9xQ2mVbR7wL4pZs8Nd refused',
  },
];

/** Every placeholder the built-in rules put in. */
export const PLACEHOLDERS = ['<secret>', '<user>', '<host>', '<query>', '<email>', '<ip>', '<mac>', '<token>'];

type Replace = (text: string) => string;

function builtIn(rule: RedactionRule): Replace {
  const regex = new RegExp(rule.pattern, rule.ignoreCase ? 'gi' : 'g');
  const requires = (rule.requires ?? []).map((pattern) => new RegExp(pattern));
  if (!requires.length) return (text) => text.replace(regex, rule.replacement);
  return (text) =>
    text.replace(regex, (match, ...groups) =>
      requires.every((r) => r.test(match)) ? rule.replacement.replace(/\$(\d)/g, (_, n: string) => String(groups[Number(n) - 1] ?? '')) : match,
    );
}

const BUILT_IN: Replace[] = BUILT_IN_REDACTIONS.map(builtIn);

function compileCustom(rule: CustomRedaction): Replace {
  const regex = RE2JS.compile(toRe2Syntax(rule.pattern, ''));
  const replacement = rule.replacement;
  return (text) => regex.matcher(text).replaceAll(() => replacement);
}

/** Why a rule the user wrote cannot be used, or null. */
export function customRedactionProblem(rule: CustomRedaction): string | null {
  if (typeof rule?.pattern !== 'string' || rule.pattern === '') return 'the pattern is empty';
  if (rule.pattern.length > 500) return 'the pattern is longer than 500 characters';
  if (typeof rule.replacement !== 'string' || /[\r\n]/.test(rule.replacement) || rule.replacement.length > 100) {
    return 'the replacement must be one line of at most 100 characters';
  }
  if (typeof rule.description !== 'string' || rule.description.length > 200) return 'the description must be at most 200 characters';
  try {
    new RegExp(rule.pattern);
  } catch (error) {
    return `invalid pattern: ${(error as Error).message}`;
  }
  let regex: RE2JS;
  try {
    regex = RE2JS.compile(toRe2Syntax(rule.pattern, ''));
  } catch (error) {
    return `not supported by the linear-time engine (RE2 syntax: no lookarounds or backreferences): ${(error as Error).message}`;
  }
  if (regex.matcher('').find()) return 'the pattern matches empty text, so it would match everywhere';
  return null;
}

/** Checks and tidies the user's rules; throws a RangeError naming the first bad one. */
export function cleanCustomRedactions(rules: unknown): CustomRedaction[] {
  if (rules === undefined || rules === null) return [];
  if (!Array.isArray(rules)) throw new RangeError('The redaction rules must be a list.');
  if (rules.length > MAX_CUSTOM_REDACTIONS) throw new RangeError(`At most ${MAX_CUSTOM_REDACTIONS} redaction rules of your own.`);
  return rules.map((raw: Partial<CustomRedaction>, i) => {
    const rule = {
      description: String(raw?.description ?? '').trim(),
      pattern: String(raw?.pattern ?? ''),
      replacement: raw?.replacement === undefined || raw.replacement === '' ? DEFAULT_REPLACEMENT : String(raw.replacement),
    };
    const problem = customRedactionProblem(rule);
    if (problem) throw new RangeError(`Redaction rule ${i + 1} (${rule.pattern || 'empty'}): ${problem}.`);
    return rule;
  });
}

export type Redactor = (maskedKey: string) => string;

/** The user's rules first (in their order), then the built-in ones. Throws on a rule customRedactionProblem refuses. */
export function compileRedactor(custom: readonly CustomRedaction[] = []): Redactor {
  const steps = [...cleanCustomRedactions([...custom]).map(compileCustom), ...BUILT_IN];
  return (text) => steps.reduce((out, step) => step(out), text);
}
