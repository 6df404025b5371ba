/** Writing CSV: RFC 4180 quoting, comma-separated, one row per line. */

const NEEDS_QUOTES = /[",\r\n]/;

export function csvField(value: string): string {
  return NEEDS_QUOTES.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function csvLine(fields: readonly string[]): string {
  return csvRow(fields, fields.length, '');
}

/**
 * One output line: the fields, padded with empty ones up to `width` (extra fields are kept),
 * then `suffix` (pre-formatted cells starting with a comma), then a newline.
 */
export function csvRow(fields: readonly string[], width: number, suffix: string): string {
  const count = Math.max(fields.length, width);
  let line = '';
  for (let i = 0; i < count; i++) line += (i ? ',' : '') + (i < fields.length ? csvField(fields[i]) : '');
  return line + suffix + '\n';
}
