/**
 * Masking turns a log message into its cache key: volatile tokens (UUIDs, IPs, hex ids, paths,
 * numbers) become `<*>`, so "User User12 logged in." and "User User977 logged in." share one key
 * and cost one embedding. The model is trained and queried on masked text, so a key's answer is
 * the same for every line that has it.
 */

export const MASK = '<*>';

/**
 * Alternatives in priority order: the longest, most specific shapes first. The word-like shapes
 * share one leading \b, so most positions inside words fail after a single check (this regex
 * runs on every line the rules do not catch).
 */
const VOLATILE_TOKEN = new RegExp(
  '\\b(?:' +
    [
      // UUID
      '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\\b',
      // IPv4 with optional port
      '\\d{1,3}(?:\\.\\d{1,3}){3}(?::\\d{1,5})?\\b',
      // 0x-prefixed hex
      '0[xX][0-9a-fA-F]+\\b',
      // bare hex ids of 8+ characters that mix digits and letters (commit hashes, request ids)
      '(?=[a-fA-F]*\\d)(?=\\d*[a-fA-F])[0-9a-fA-F]{8,}\\b',
    ].join('|') +
    ')' +
    // paths with two or more segments: /var/log/app.log, /api/v2/orders
    '|(?:/[\\w.-]+){2,}/?' +
    // numbers, also inside words (User123) and dotted (3.2.1, 0.25)
    '|\\d+(?:\\.\\d+)*',
  'g',
);

export function maskMessage(message: string): string {
  return message.replace(VOLATILE_TOKEN, MASK).trim();
}
