/**
 * A deliberately aggressive mask for testing the generator: if two templates of different labels
 * still read differently after every number, id, address and path is gone, their label is carried
 * by their words. Stricter than the pipeline's own mask (src/core/message-key.ts) on purpose.
 */

const MASK = '<*>';

const UUID = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi;
/** Any token holding a slash or a backslash: file paths, URL paths, URLs, dates like 14/Mar/2025. */
const PATH_LIKE = /[^\s"'()[\],;]*[/\\][^\s"'()[\],;]*/g;
const IPV4 = /\b\d{1,3}(?:\.\d{1,3}){3}\b/g;
/** 0x-prefixed hex, or 8+ hex characters as a whole word (request ids, container ids). */
const HEX_ID = /\b(?:0x[0-9a-f]+|[0-9a-f]{8,})\b/gi;
const DIGITS = /\d+/g;

export function maskForCheck(message: string): string {
  return message
    .replace(UUID, MASK)
    .replace(PATH_LIKE, MASK)
    .replace(IPV4, MASK)
    .replace(HEX_ID, MASK)
    .replace(DIGITS, MASK);
}
