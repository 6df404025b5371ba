/** Finding the columns the pipeline reads, by header name, case-insensitively. */
import { InputError } from '../errors.ts';

export const MESSAGE_COLUMNS = ['log_message', 'message', 'msg', 'log', 'content', 'text', 'line'];
export const SOURCE_COLUMNS = ['source', 'service', 'application', 'app'];
export const LABEL_COLUMNS = ['target_label', 'label', 'category', 'class'];

/** Index of the first header that matches a candidate, by candidate priority; -1 if none. */
export function findColumn(header: readonly string[], candidates: readonly string[]): number {
  const normalised = header.map((name) => name.trim().toLowerCase());
  for (const candidate of candidates) {
    const index = normalised.indexOf(candidate);
    if (index >= 0) return index;
  }
  return -1;
}

export function describeColumns(header: readonly string[]): string {
  const names = header.map((name) => (name.trim() === '' ? '(unnamed)' : name.trim()));
  return names.length ? names.join(', ') : '(none)';
}

export function requireColumn(header: readonly string[], candidates: readonly string[], what: string): number {
  const index = findColumn(header, candidates);
  if (index < 0) {
    throw new InputError(
      `No ${what} column found (looked for ${candidates.join(', ')}). Columns in the file: ${describeColumns(header)}.` +
        (what === 'log message' ? ' Choose the column that holds the messages (the page asks; the command line takes --column NAME).' : ''),
    );
  }
  return index;
}

/**
 * The column the user named as the one that holds the log messages (`--column`, the page's
 * column chooser): matched as written, then ignoring case and surrounding spaces.
 */
export function chosenColumn(header: readonly string[], name: string): number {
  const wanted = name.trim();
  if (wanted === '') throw new InputError('The message column name is empty: give the name of a column of the file.');
  let index = header.indexOf(name);
  if (index < 0) index = header.findIndex((h) => h.trim().toLowerCase() === wanted.toLowerCase());
  if (index < 0) throw new InputError(`No column “${wanted}” in the file. Columns in the file: ${describeColumns(header)}.`);
  return index;
}

/** The message column of a read file: the one chosen, else the first known name (else an InputError that lists the columns). */
export function messageColumnOf(format: { header: readonly string[]; messageColumn?: number }): number {
  return format.messageColumn ?? requireColumn(format.header, MESSAGE_COLUMNS, 'log message');
}
