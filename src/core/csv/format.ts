/** Writing CSV: RFC 4180 quoting, comma-separated, one row per line. */

const NEEDS_QUOTES = /[",\r\n]/;

export function csvField(value: string): string {
  return NEEDS_QUOTES.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * Spreadsheets (Excel, LibreOffice, Google Sheets) evaluate a cell that starts with `=`, `+`,
 * `-`, `@`, a tab or a carriage return as a formula, and log text is untrusted. Such a cell gets
 * a leading apostrophe, which spreadsheets show as text and do not evaluate. Plain numbers
 * (`-12`, `+3.5`, `-1e3`) are left alone: they are not formulas, and they stay numbers.
 */
const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

export function neutralizeFormula(value: string): string {
  return FORMULA_START.test(value) && !PLAIN_NUMBER.test(value) ? `'${value}` : value;
}

/** Formats one cell: neutralised first when `safe`, then quoted as needed. */
export function csvCell(value: string, safe: boolean): string {
  return csvField(safe ? neutralizeFormula(value) : value);
}

export function csvLine(fields: readonly string[], safe = false): string {
  return csvRow(fields, fields.length, '', safe);
}

/**
 * One output line: the fields, padded with empty ones up to `width` (extra fields are kept),
 * then `suffix` (pre-formatted cells starting with a comma), then a newline.
 */
export function csvRow(fields: readonly string[], width: number, suffix: string, safe = false): string {
  const count = Math.max(fields.length, width);
  let line = '';
  for (let i = 0; i < count; i++) line += (i ? ',' : '') + (i < fields.length ? csvCell(fields[i], safe) : '');
  return line + suffix + '\n';
}
