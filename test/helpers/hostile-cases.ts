/**
 * A corpus of hostile inputs, made here (nothing downloaded, nothing copied): encodings, line
 * endings, quoting, ragged rows, binary files, huge fields, formula and HTML payloads, NDJSON and
 * plain-text logs – and, for the CLI, bad rules, bad bundles and bad paths. Each case says what
 * logsift does with it: how many rows it reads (every way in reads the same), or the one-line
 * error that refuses it. test/unit/cli/hostile-cli.test.ts runs them through the CLI (a file, standard
 * input, a pool of workers); test/e2e/hostile.test.ts through the page.
 */

export interface InputCase {
  /** The file's name; its extension says the format (.log/.txt text, .jsonl NDJSON, else CSV). */
  name: string;
  bytes: () => Buffer;
  /** Rows read, or the error that refuses the file. */
  expect: { rows: number; warning?: RegExp } | { refused: RegExp };
  /** Left out of the page run: too big to be worth a browser's time on every test run. */
  cliOnly?: boolean;
}

const b = (text: string) => Buffer.from(text, 'utf8');
const lines = (...rows: string[]) => b(rows.join('\n') + '\n');
const repeat = (count: number, row: (i: number) => string) => Array.from({ length: count }, (_, i) => row(i + 1));

const HEADER = 'timestamp,source,log_message';
const ROWS = ['2024-01-01 10:00:00,ModernHR,User User12 logged in.', '2024-01-01 10:00:01,BillingSystem,Backup completed successfully.', '2024-01-01 10:00:02,AnalyticsEngine,GET /api/v2/orders HTTP/1.1 status: 500'];

function utf16(text: string, endian: 'le' | 'be', bom = true): Buffer {
  const le = Buffer.from(text, 'utf16le');
  const body = endian === 'le' ? le : Buffer.from(le).swap16();
  return bom ? Buffer.concat([Buffer.from(endian === 'le' ? [0xff, 0xfe] : [0xfe, 0xff]), body]) : body;
}

export const INPUT_CASES: InputCase[] = [
  // Encodings
  { name: 'utf8-bom.csv', bytes: () => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), lines(HEADER, ...ROWS)]), expect: { rows: 3 } },
  { name: 'utf16le-bom.csv', bytes: () => utf16([HEADER, ...ROWS, 'x,y,Dépôt ✓ 😀 disk full'].join('\r\n'), 'le'), expect: { rows: 4 } },
  { name: 'utf16be-bom.csv', bytes: () => utf16([HEADER, ...ROWS].join('\n') + '\n', 'be'), expect: { rows: 3 } },
  { name: 'utf16le-no-bom.csv', bytes: () => utf16([HEADER, ...ROWS].join('\n'), 'le', false), expect: { refused: /binary, not text: .*UTF-16 without a byte order mark/ } },
  { name: 'latin1.csv', bytes: () => Buffer.concat([b(`${HEADER}\n1,Caf`), Buffer.from([0xe9]), b(',Connexion refus'), Buffer.from([0xe9]), b('e\n'), b(ROWS[0] + '\n')]), expect: { rows: 2, warning: /row 1 has bytes that are not valid text/ } },
  { name: 'bidi-and-emoji.csv', bytes: () => lines(HEADER, '1,App,User \u202eUser12\u202c logged in 😀', '2,App,\u200fמשתמש התחבר'), expect: { rows: 2 } },
  { name: 'second-bom-mid-file.csv', bytes: () => Buffer.concat([lines(HEADER, ROWS[0]), Buffer.from([0xef, 0xbb, 0xbf]), lines(HEADER, ROWS[1])]), expect: { rows: 3 } },

  // Line endings
  { name: 'crlf.csv', bytes: () => b([HEADER, ...ROWS].join('\r\n') + '\r\n'), expect: { rows: 3 } },
  { name: 'cr-only.csv', bytes: () => b([HEADER, ...ROWS].join('\r') + '\r'), expect: { rows: 3 } },
  { name: 'header-crlf-rows-lf.csv', bytes: () => b(`${HEADER}\r\n${ROWS.join('\n')}\n`), expect: { rows: 3, warning: /The header row ends in CR LF where the file's lines end in LF/ } },
  { name: 'mixed-endings.csv', bytes: () => b(`${HEADER}\n${ROWS[0]}\r\n${ROWS[1]}\r${ROWS[2]}\n1,x,last`), expect: { rows: 4, warning: /row 2 ends in CR where/ } },
  { name: 'blank-lines.csv', bytes: () => b(`\n\n  \n${HEADER}\n\n${ROWS[0]}\n \t \n""\n${ROWS[1]}\n\n\n`), expect: { rows: 2 } },
  { name: 'line-breaks-in-quotes.csv', bytes: () => lines(HEADER, '1,App,"first\r\nsecond"', '2,App,"bare\rcr and\nlf"', ROWS[0]), expect: { rows: 3 } },

  // Quoting
  { name: 'text-after-closing-quote.csv', bytes: () => lines(HEADER, ...repeat(40_000, (i) => `2024-01-01,web,"GET /x/${i} HTTP/1.1" 404 ${'x'.repeat(i % 40)}`)), expect: { rows: 40_000, warning: /row 1 has text after the closing quote of field 3/ } },
  { name: 'quote-inside-field.csv', bytes: () => lines(HEADER, '1,App,User said "hi" and left', '2,App,5" disk', '3,App,a "b" "c'), expect: { rows: 3 } },
  { name: 'unclosed-quote.csv', bytes: () => lines(HEADER, ROWS[0], '2,App,"never closed', ROWS[1], ROWS[2]), expect: { rows: 2, warning: /row 2 opens a quote in field 3 that is never closed/ } },
  { name: 'escaped-quotes.csv', bytes: () => lines(HEADER, '1,App,"He said ""hi"", then ""bye"""', '2,App,""""'), expect: { rows: 2 } },
  { name: 'quoted-header.csv', bytes: () => lines('"time, utc","source","log_message"', ...ROWS), expect: { rows: 3 } },
  { name: 'spaces-around-quotes.csv', bytes: () => lines(HEADER, '1, "App" ,"msg" ', '2,App , "x,y"'), expect: { rows: 2 } },
  // The first line's quote opens a field that the second line's lone quote closes: one row of a line break and a quote.
  { name: 'quotes-only.csv', bytes: () => lines(HEADER, '"', '"""', '"",""', ROWS[0]), expect: { rows: 3 } },

  // Ragged rows
  { name: 'short-rows.csv', bytes: () => lines(HEADER, '1', '2,App', ROWS[0]), expect: { rows: 3, warning: /row 1 has 1 fields, the header has 3; the missing ones are left empty/ } },
  { name: 'long-rows.csv', bytes: () => lines(HEADER, '1,App,Connection from 10.0.0.1, port 22, closed', '2,App,a,"b,c",d'), expect: { rows: 2, warning: /row 1 has 5 fields, the header has 3; .* last column \(log_message\)/ } },
  { name: 'long-rows-message-first.csv', bytes: () => lines('log_message,source', 'hello, world,App', 'fine,App'), expect: { rows: 2 } },
  { name: 'header-only.csv', bytes: () => lines(HEADER), expect: { rows: 0 } },
  { name: 'one-column.csv', bytes: () => lines('log_message', 'User User12 logged in.', 'a, b; c | d'), expect: { rows: 2 } },
  { name: 'many-columns.csv', bytes: () => lines([...repeat(5000, (i) => `c${i}`), 'log_message'].join(','), [...repeat(5000, (i) => String(i)), 'Backup completed'].join(',')), expect: { rows: 1 } },

  // Delimiters
  { name: 'semicolons.csv', bytes: () => lines('timestamp;source;log_message', '1;App;"a;b"', '2;App;plain, with comma'), expect: { rows: 2 } },
  { name: 'tabs.tsv', bytes: () => lines('timestamp\tsource\tlog_message', '1\tApp\tUser User12 logged in.', '2\tApp\t"tab\tinside"'), expect: { rows: 2 } },
  { name: 'pipes.csv', bytes: () => lines('timestamp|source|log_message', '1|App|a, b', '2|App|c'), expect: { rows: 2 } },

  // Binary
  { name: 'image.csv', bytes: () => Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]), expect: { refused: /binary, not text: it holds a NUL byte \(at byte 8\)/ } },
  { name: 'archive.csv', bytes: () => Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0]), b('log_message\n')]), expect: { refused: /binary, not text/ } },
  { name: 'nul-late.csv', bytes: () => Buffer.concat([lines(HEADER, ...repeat(3000, (i) => `${i},App,User User${i} logged in.`)), Buffer.from([0x31, 0x2c, 0, 0x0a])]), expect: { refused: /binary, not text: it holds a NUL byte/ } },
  { name: 'nul.log', bytes: () => Buffer.concat([b('line one\nline two\n'), Buffer.from([0]), b('\n')]), expect: { refused: /binary, not text/ } },

  // Huge
  { name: 'huge-field.csv', bytes: () => lines(HEADER, `1,App,"${'disk usage high on node7 '.repeat(200_000)}"`, ROWS[0]), expect: { rows: 2 } },
  { name: 'huge-unclosed-quote.csv', bytes: () => Buffer.concat([lines(HEADER, ROWS[0], '2,App,"oops'), b(`${'x'.repeat(80)}\n`.repeat(850_000))]), expect: { refused: /Row 2 is longer than 64 MiB/ } },
  { name: 'huge-line.log', bytes: () => b('a'.repeat(65 << 20) + '\n'), expect: { refused: /Row 1 is longer than 64 MiB/ }, cliOnly: true },

  // Payloads
  { name: 'formulas.csv', bytes: () => lines(HEADER, '1,App,=cmd|\' /C calc\'!A0', '2,=HYPERLINK("http://x"),+SUM(1)', '3,App,@SUM(1)', '4,App,-2+3', '5,App,-42', '6,App,"\tstarts with a tab"'), expect: { rows: 6 } },
  { name: 'html.csv', bytes: () => lines('timestamp,<img src=x onerror=alert(1)>,log_message', '1,<script>alert(1)</script>,<b onmouseover=alert(2)>bold</b>', '2,App,"<iframe src=""javascript:alert(3)"">"'), expect: { rows: 2 } },
  { name: 'terminal-escapes.csv', bytes: () => lines(HEADER, '1,\x1b]0;pwned\x07App,\x1b[31mred\x1b[0m message', '2,App,\x1b[2J\x1b[H cleared'), expect: { rows: 2 } },
  { name: 'terminal-escapes-in-header.csv', bytes: () => lines('timestamp,source\x1b]0;pwned\x07,log_message\x1b[2J', '1,App,x'), expect: { refused: /Columns in the file: timestamp, source\\x1b\]0;pwned\\x07, log_message\\x1b\[2J\./ } },

  // Structure
  { name: 'empty.csv', bytes: () => Buffer.alloc(0), expect: { refused: /The file is empty/ } },
  { name: 'blank-only.csv', bytes: () => b('\n \r\n\t\n'), expect: { refused: /The file is empty/ } },
  { name: 'no-message-column.csv', bytes: () => lines('when,what', '1,2'), expect: { refused: /No log message column found .* Columns in the file: when, what/ } },
  { name: 'repeated-columns.csv', bytes: () => lines('log_message,source,log_message', 'first,App,second'), expect: { rows: 1, warning: /Column names repeat: log_message/ } },
  { name: 'labelled-already.csv', bytes: () => lines('log_message,target_label', 'User User12 logged in.,Old Label'), expect: { rows: 1, warning: /already has target_label/ } },

  // Plain text and NDJSON
  { name: 'app.log', bytes: () => b('first line\r\n\n  \nsecond, "quoted" line\nthird\rwith a bare CR\nlast without newline'), expect: { rows: 4 } },
  { name: 'events.jsonl', bytes: () => lines('{"msg":"User User12 logged in.","host":"a"}', 'not json', '', '[1,2]', '{"msg":"x","nested":{"k":[1,2]}}', '{"msg": "unicode \\u00e9 \\ud83d\\ude00"}', '{"msg":"trailing"'), expect: { rows: 6, warning: /row 2 is not a JSON object/ } },
];

/** A case run by the CLI only: the command's arguments (paths relative to a fresh folder holding `files`), and what it answers. */
export interface ArgumentCase {
  name: string;
  files: Record<string, string | Buffer>;
  args: string[];
  expect: { code: number; stderr: RegExp };
}

const LOGS = lines(HEADER, ...ROWS);
const LABELLED = lines('log_message,target_label', ...repeat(40, (i) => `${i % 2 ? 'User User' + i + ' logged in.' : 'Backup completed ' + i},${i % 2 ? 'User Action' : 'System Notification'}`));
const BUNDLE_START = '{"format":"logsift-bundle","version":1,"labels":["A"],"rules":[],"sourceRoutes":{},"embedder":{"id":"ngram"';

export const ARGUMENT_CASES: ArgumentCase[] = [
  // Rules
  { name: 'rules: an invalid pattern', files: { 'l.csv': LABELLED, 'r.json': '[{"pattern":"(","label":"x"}]' }, args: ['train', 'l.csv', '--out', 'b.json', '--rules', 'r.json'], expect: { code: 1, stderr: /^logsift: --rules r\.json: rule 1: invalid pattern/ } },
  { name: 'rules: not JSON', files: { 'l.csv': LABELLED, 'r.json': 'pattern=x' }, args: ['train', 'l.csv', '--out', 'b.json', '--rules', 'r.json'], expect: { code: 1, stderr: /^logsift: --rules r\.json: not JSON/ } },
  { name: 'rules: null in the list', files: { 'l.csv': LABELLED, 'r.json': '[null]' }, args: ['eval', 'l.csv', '--rules', 'r.json'], expect: { code: 1, stderr: /^logsift: --rules r\.json: rule 1: expected an object/ } },
  { name: 'rules: an object, not a list', files: { 'l.csv': LABELLED, 'r.json': '{"pattern":"x"}' }, args: ['train', 'l.csv', '--out', 'b.json', '--rules', 'r.json'], expect: { code: 1, stderr: /expected a JSON array of rules/ } },
  { name: 'rules: a pattern that is a number', files: { 'l.csv': LABELLED, 'r.json': '[{"pattern":5,"label":"x"}]' }, args: ['train', 'l.csv', '--out', 'b.json', '--rules', 'r.json'], expect: { code: 1, stderr: /rule 1: "pattern" must be a string/ } },
  { name: 'rules: a missing file', files: { 'l.csv': LABELLED }, args: ['train', 'l.csv', '--out', 'b.json', '--rules', 'none.json'], expect: { code: 1, stderr: /^logsift: --rules none\.json: cannot read it \(no such file or folder\)/ } },
  // Bundles
  { name: 'bundle: not JSON', files: { 'x.csv': LOGS, 'b.json': 'hello' }, args: ['classify', 'x.csv', '--model', 'b.json'], expect: { code: 1, stderr: /^logsift: This is not a usable logsift model bundle: the file is not JSON/ } },
  { name: 'bundle: binary', files: { 'x.csv': LOGS, 'b.json': Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3]) }, args: ['classify', 'x.csv', '--model', 'b.json'], expect: { code: 1, stderr: /not a usable logsift model bundle/ } },
  { name: 'bundle: a list', files: { 'x.csv': LOGS, 'b.json': '[]' }, args: ['classify', 'x.csv', '--model', 'b.json'], expect: { code: 1, stderr: /not a usable logsift model bundle/ } },
  { name: 'bundle: cut short', files: { 'x.csv': LOGS, 'b.json': BUNDLE_START }, args: ['classify', 'x.csv', '--model', 'b.json'], expect: { code: 1, stderr: /not a usable logsift model bundle: the file is not JSON/ } },
  { name: 'bundle: a newer version', files: { 'x.csv': LOGS, 'b.json': '{"format":"logsift-bundle","version":99}' }, args: ['classify', 'x.csv', '--model', 'b.json'], expect: { code: 1, stderr: /^logsift: .*(newer|version)/ } },
  { name: 'bundle: the input given as the bundle', files: { 'x.csv': LOGS }, args: ['classify', 'x.csv', '--model', 'x.csv'], expect: { code: 1, stderr: /not a usable logsift model bundle/ } },
  { name: 'bundle: missing', files: { 'x.csv': LOGS }, args: ['classify', 'x.csv', '--model', 'nope.json'], expect: { code: 1, stderr: /^logsift: Cannot read the model bundle nope\.json: no such file or folder\./ } },
  // Paths
  { name: 'path: the input is missing', files: {}, args: ['classify', 'missing.csv'], expect: { code: 1, stderr: /^logsift: Cannot read the input missing\.csv: no such file or folder\./ } },
  { name: 'path: the input is a folder', files: { 'sub/x.csv': LOGS }, args: ['classify', 'sub'], expect: { code: 1, stderr: /^logsift: Cannot read the input sub: it is a folder, not a file\./ } },
  { name: 'path: --out is a folder', files: { 'x.csv': LOGS, 'sub/keep': 'k' }, args: ['classify', 'x.csv', '--out', 'sub'], expect: { code: 1, stderr: /^logsift: --out sub: it is a folder/ } },
  { name: 'path: --out in a missing folder', files: { 'x.csv': LOGS }, args: ['classify', 'x.csv', '--out', 'no/such/out.csv'], expect: { code: 1, stderr: /^logsift: --out no\/such\/out\.csv: the folder no\/such does not exist\./ } },
  { name: 'path: --out is the input', files: { 'x.csv': LOGS }, args: ['classify', 'x.csv', '--out', './x.csv'], expect: { code: 1, stderr: /it is the file this command reads/ } },
  { name: 'path: --out is empty', files: { 'x.csv': LOGS }, args: ['classify', 'x.csv', '--out', ''], expect: { code: 1, stderr: /^logsift: --out : an empty file name\./ } },
  { name: 'path: patterns --out is the input', files: { 'x.csv': LOGS }, args: ['patterns', 'x.csv', '--out', 'x.csv'], expect: { code: 1, stderr: /^logsift: --out x\.csv: it is the file this command reads/ } },
  { name: 'path: train --out is the rules file', files: { 'l.csv': LABELLED, 'r.json': '[]' }, args: ['train', 'l.csv', '--out', 'r.json', '--rules', 'r.json'], expect: { code: 1, stderr: /^logsift: --out r\.json: it is the file this command reads/ } },
];
