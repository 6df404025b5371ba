/**
 * Rules are written in JavaScript regex syntax and must mean the same on RE2, which differs in
 * two classes: RE2's \s and \S know only ASCII spaces, and its `.` excludes only \n, while
 * JavaScript's \s covers the Unicode spaces and its `.` also excludes \r, U+2028 and U+2029.
 * This rewrites those tokens into explicit classes; everything else is the same on both.
 */

const SPACES = '\\t-\\r \\x{a0}\\x{1680}\\x{2000}-\\x{200a}\\x{2028}\\x{2029}\\x{202f}\\x{205f}\\x{3000}\\x{feff}';
const NOT_LINE_END = '[^\\n\\r\\x{2028}\\x{2029}]';

export function toRe2Syntax(pattern: string, flags: string): string {
  const dotAll = flags.includes('s');
  let out = '';
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === '\\') {
      const next = pattern[i + 1] ?? '';
      i++;
      if (next === 's') out += inClass ? SPACES : `[${SPACES}]`;
      // Inside a class a negated class cannot be spelled out; RE2's own \S is kept there.
      else if (next === 'S') out += inClass ? '\\S' : `[^${SPACES}]`;
      else out += ch + next;
      continue;
    }
    if (inClass) {
      if (ch === ']') inClass = false;
      out += ch;
      continue;
    }
    if (ch === '[') {
      inClass = true;
      out += ch;
      // A ] right after [ or [^ is a literal member, not the end of the class.
      if (pattern[i + 1] === '^') out += pattern[++i];
      if (pattern[i + 1] === ']') out += pattern[++i];
      continue;
    }
    out += ch === '.' && !dotAll ? NOT_LINE_END : ch;
  }
  return out;
}
