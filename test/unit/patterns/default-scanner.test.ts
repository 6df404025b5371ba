import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maskDefaultAscii } from '../../../src/core/patterns/default-scanner.ts';
import { compileMasking, compileMaskingRegex, DEFAULT_MASKING, WILDCARD } from '../../../src/core/patterns/masking.ts';
import { loghubSystems, readLoghubSystem } from '../../../scripts/lib/loghub.ts';

const defaultRegex = compileMaskingRegex(DEFAULT_MASKING)!;
const byRegex = (line: string) => line.replace(defaultRegex, WILDCARD);
/** The default rules with their patterns rewritten to mean the same: masked by the regex, not the scanner. */
const regexMasker = compileMasking({ rules: DEFAULT_MASKING.rules.map((rule) => ({ ...rule, pattern: `(?:${rule.pattern})` })) });

/** Asserts the scanner masks `line` as the default rules' regex does (or declines a non-ASCII line). */
function expectSameMask(line: string): void {
  const scanned = maskDefaultAscii(line);
  if (/[^\x00-\x7f]/.test(line)) expect(scanned).toBeNull();
  else expect(scanned, JSON.stringify(line)).toBe(byRegex(line));
}

const digits = (min: number, max: number) => fc.integer({ min: 10 ** (min - 1) - (min === 1 ? 1 : 0), max: 10 ** max - 1 }).map(String);
const hexDigits = (length: number) => fc.stringMatching(new RegExp(`^[0-9a-fA-F]{${length}}$`));
const pick = <T,>(...values: T[]) => fc.constantFrom(...values);
const joined = (parts: fc.Arbitrary<string>[], separator = '') => fc.tuple(...parts).map((p) => p.join(separator));

const label = fc.stringMatching(/^[a-zA-Z0-9_-]{1,8}$/);
const fragments: fc.Arbitrary<string>[] = [
  digits(1, 6),
  joined([pick('', '-', '+'), digits(1, 4), pick('', '.', ':', ',', '-'), digits(1, 3)]),
  joined([pick('0x', '0X', '0'), hexDigits(4), pick('', 'g', '_')]),
  hexDigits(16),
  // MAC addresses: : or - between pairs, mixed, one pair short or long, a word glued after.
  joined([hexDigits(2), pick(':', '-'), hexDigits(2), pick(':', '-', '.'), hexDigits(2), pick(':'), hexDigits(2), pick(':', '-'), hexDigits(2), pick(':', '-', ''), pick('', '9e', '9', '9ef'), pick('', 'x', ':', '-1')]),
  // Hex ids without 0x: around the 8-digit minimum, all digits or all letters, glued to a word or an `@`.
  joined([pick('', '@', 'Event@', 'x', '_'), fc.stringMatching(/^[0-9a-fA-F]{6,10}$/), pick('', 'g', '_', '.', ':', 'ms', ' B')]),
  joined([pick('', '/'), digits(1, 4), pick('.'), digits(1, 3), pick('.', '..'), digits(1, 3), pick('.'), digits(1, 4), pick('', ':', ':80', ':123456', ':8080x')]),
  joined([hexDigits(8), hexDigits(4), hexDigits(4), hexDigits(4), fc.stringMatching(/^[0-9a-fA-F]{11,13}$/)], '-'),
  joined([digits(4, 4), pick('-', '/'), digits(2, 2), pick('-', '/'), digits(2, 2), pick('', ' ', 'T', 'x'), digits(2, 2), pick(':', ''), digits(2, 2), pick('', ':05', ':05.123', ',7', ':5')]),
  // A web access log's dates: a day of one, two or three digits, months in other cases, a year too long, times and offsets cut short or glued.
  joined([pick('1', '10', '03', '123'), pick('/'), pick('Oct', 'May', 'oct', 'Foo'), pick('/', '-'), pick('2000', '200', '20001'), pick('', ':13:55:36', ':13:55', ':13:55:36.123', ':13:55:36,5', ':1:55:36', ':13:55:36.'), pick('', ' -0700', ' +0530', ' -070', ' -07001', '-0700', ' 0700', '  -0700'), pick('', 'x', ']', ':', '.', '5')]),
  joined([pick('', 'Mon ', 'Sat, ', 'Tue  ', 'Sun,'), pick('Jan', 'Feb', 'May', 'Dec', 'Jun'), pick(' ', '  ', ''), digits(1, 3), pick('', ', 2005', ' 2005', ' 20051', ','), pick('', ' 02:08', ' 02:08:10', ' 02:08:10 2005', ' 2:08', ' 02:08:10 20')]),
  joined([label, fc.array(joined([pick('.'), label]), { maxLength: 3 }).map((l) => l.join('')), pick('', '.com', '.io', '.de', '.org', '.Com', '.info', '.example', '.c'), pick('', ':', ':8080', ':123456', '(', '-', '_', '.', '.x', '.-')]),
  joined([label, pick(':', '/10.0.0.5:', '/1.2.3:'), digits(1, 6)]),
  joined([label, pick('_', '__', '_-'), pick('', '-'), digits(1, 4), pick('', '_x', '-y', 'z')]),
  fc.array(fc.stringMatching(/^[a-zA-Z0-9_.:@-]{0,6}$/), { minLength: 1, maxLength: 4 }).map((segments) => '/' + segments.join('/')),
  joined([pick('', '<', '>', '~'), digits(1, 5), pick('', '.5', '.'), pick('', ' ', '  '), pick('KB', 'KiB', 'Ki', 'bytes', 'B', 'ms', 'us', 'µs', 'ns', 'sec', 'secs', 's', 'min', 'mins', 'h', 'hx', 'GB'), pick('', ' (1.22 KB)', ' (3 ms', ' (x)')]),
  joined([label, pick('=', ':', ': '), pick('', '-1', '42', 'abc', '0.5')]),
  // Quoted field values: spaces, escaped quotes, a backslash at the end, msg= and message= keys.
  joined([
    pick('', 'a', 'x.', '-', '.'),
    pick('error', 'msg', 'message', 'amsg', 'k_1', 'msgs', '', '"msg', '"user', 'x"msg'),
    pick('="', '= "', '"', "='", ':"', ': "', '":"', '": "', ':  "', '"="', ' : "'),
    fc.string({ unit: fc.constantFrom(...'ab 1:\\"-./<>=_'), maxLength: 10 }),
    pick('"', '', '\\"', '" ', '\\'),
  ]),
  // User agents: a quoted product and its version after a space or at the line's start; a quote after a word or a key, a version without a digit, escapes, no closing quote.
  joined([
    pick(' "', '"', 'x"', '="', '\t"', ': "', '("'),
    pick('Mozilla', 'curl', 'Go-http-client', 'a.b+c_d', '1curl', '', 'kube-probe', 'X'),
    pick('/5.0', '/1', '/x', '/', '//1', '', '/1.'),
    fc.string({ unit: fc.constantFrom(...'ab 1;()/\\"-.'), maxLength: 12 }),
    pick('"', '', '\\"', '" ', '\\'),
  ]),
  // URLs: schemes with + . -, a body of URL characters, ends that a URL may not end with, a scheme glued to a word.
  joined([pick('', 'x', '_', '(', '"'), pick('http', 'https', 'hdfs', 'git+ssh', 's3', 'a.b-c', '1http', 'jdbc:mysql'), pick('://', ':/', ':', '://'), fc.string({ unit: fc.constantFrom(...'aZ09_.~:/?#@!$&*+=%-,;()[] '), maxLength: 16 })]),
  // ISO times with a time zone: Z, +hh, +hhmm, +hh:mm, glued to more digits or letters.
  joined([pick('2024-05-01T', '2024-05-01 '), pick('02:00', '02:00:59', '02:00:59.123', '02:00:59,5'), pick('', 'Z', 'z', '+02', '-05:00', '+0530', '+05:3', '+1', '-05:00x', 'Zx', '+02:001')]),
  // Windows paths: parts of path characters, doubled or trailing backslashes, a drive glued to a word.
  joined([pick('', 'x', '_', ':', '/'), pick('C', 'd', 'CD', '1'), pick(':\\', ':', ':/', ':\\\\'), fc.string({ unit: fc.constantFrom(...'aZ09_.@$~+-\\ :/('), maxLength: 14 })]),
  // Literals, alone and glued to words: `true-ish` is masked before the dash, `true_x` and `nullable` not at all.
  joined([pick('', 'x', '_', '-', '.'), pick('true', 'false', 'null', 'True', 'FALSE', 'NULL', 'Null', 'tru', 'nullable'), pick('', 'x', '_', '-', '.', '1', ':')]),
  pick('é', 'ß', '中', 'µ', 'naïve', 'Zürich-2', '\u00a0', '\u2003', '<*>', '<*> <*>', '(', ')', '[', ']', '"', "'", '#', '%', ',', '.', ';', '?', '!', '&', '*', '='),
  fc.stringMatching(/^[a-zA-Z]{1,10}$/),
  fc.string({ unit: fc.constantFrom(...'aZx0129_-./:<>~()@,+ \tTJMS'), maxLength: 12 }),
];
const separator = pick(' ', ' ', ' ', '', '  ', '\t', '.', ':', '/', '-', '_', ',', '=', '(', ')', '[', '] ', '"', '@');
/** Runs per property: LOGSIFT_FUZZ_RUNS=… searches harder. */
const runs = Number(process.env.LOGSIFT_FUZZ_RUNS) || 3000;

const logLine = fc
  .array(fc.tuple(fc.oneof(...fragments), separator), { maxLength: 10 })
  .map((parts) => parts.map(([fragment, sep]) => fragment + sep).join(''));

describe('the default rules scanner', () => {
  it('masks generated log-like lines as the default rules regex does', () => {
    fc.assert(fc.property(logLine, expectSameMask), { numRuns: runs });
  });

  it('masks the corner cases of each rule as the regex does', () => {
    for (const line of [
      'node-12 uid=0 PS/2 alt0 ssh2 4G',
      '[10/Oct/2000:13:55:36 -0700] [03/May/2024:10:00:00.123] 10/Oct/2000:13:55:36x 10/Oct/2000x 2024/05/03 10:00:00 2024/05-03',
      'at 2005-06-18T02:08:10,123Z and 2005-06-18 02:08 then 2005-06-18x',
      'Sat Jun 18 02:08:10 2005, Jun 9, 12345 and Jun 123',
      'ns1.example.com:53, example.org., a.b.-c, host.com:123456, x.Com, a.b.c.de(',
      '/10.0.0.1:80x 10.0.0.1:999999 1.2.3.4.5 db-7/10.0.0.5:5432 proxy.example.com:8080',
      'blk_-123 job_1445_0020 a__1 x_-y _x:1 -x.com',
      '0xDEADBEEF 0x1fg /var/log/a.log abc/def/ghi //x/y /a/b/',
      '12 bytes 1256 bytes (1.22 KB) 30 ms <1 sec ~5 KiB 3 mins 2 s',
      '1.2.3abc -1 +4 3.14 12:30:01 2.6.5 1,2,3x',
      '<*>  <*>\t<*> x <*><*> <*>',
      '"curl/8.4.0" 200 "-" "Mozilla/5.0 (X11; Linux x86_64) Firefox/120.0" x"curl/1" "curl/x" "Go-http-client/1.1 \\"q\\"" agent="curl/1 a" "curl/1',
      '',
    ]) {
      expectSameMask(line);
    }
  });

  it('gives way to the regex for a line with characters outside ASCII', () => {
    const masker = compileMasking(DEFAULT_MASKING);
    const line = 'Zürich-2 took 5µs on 10.0.0.1 café_12';
    expect(maskDefaultAscii(line)).toBeNull();
    expect(masker.mask(line)).toBe(regexMasker.mask(line));
    // Also where the character is escaped inside a quoted value.
    expect(maskDefaultAscii('error="\\é" at 10.0.0.1')).toBeNull();
  });

  const loghub = process.env.LOGSIFT_LOGHUB;
  it.skipIf(!loghub)('masks the Loghub lines as the regex does (LOGSIFT_LOGHUB=dir)', async () => {
    let differing = 0;
    for (const system of await loghubSystems(loghub!)) {
      const data = await readLoghubSystem(loghub!, system);
      for (const line of data?.contents ?? []) {
        const scanned = maskDefaultAscii(line);
        if (scanned !== null && scanned !== byRegex(line)) differing++;
      }
    }
    expect(differing).toBe(0);
  });
});

describe('masking with the default rules', () => {
  it('masks as a config whose rules are edited but mean the same (the regex path)', () => {
    const scanned = compileMasking(DEFAULT_MASKING);
    fc.assert(
      fc.property(logLine, (line) => {
        expect(scanned.mask(line)).toBe(regexMasker.mask(line));
      }),
      { numRuns: runs },
    );
  });
});
