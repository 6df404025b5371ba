/**
 * What the CLI prints besides its output: one line per message, with the characters of file
 * content that a terminal would act on – ESC sequences that clear the screen or set its title,
 * other control characters, line breaks, bidirectional overrides – written as escapes instead.
 */

/** C0 and C1 control characters, DEL, and the invisible characters that reorder text. */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** `text` as one line a terminal shows as it is: `\x1b` for ESC, `\n` for a line break, `\u{202e}`… */
export function printable(text: string): string {
  return text.replace(UNSAFE, (c) => {
    if (c === '\n') return '\\n';
    if (c === '\r') return '\\r';
    if (c === '\t') return '\\t';
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u{${code.toString(16)}}`;
  });
}

/** Writes a message line to standard error. */
export function say(line: string): void {
  process.stderr.write(printable(line) + '\n');
}
