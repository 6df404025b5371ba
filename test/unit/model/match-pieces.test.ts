import { describe, expect, it } from 'vitest';
import { matchPieces } from '../../../src/app/format.ts';

describe('search matches marked in the results', () => {
  it('marks every match as the worker finds them (case-insensitive, trimmed), keeping the text as written', () => {
    expect(matchPieces('Disk FULL on /dev/sda; disk full again', ' disk full ')).toEqual([
      { text: 'Disk FULL', match: true },
      { text: ' on /dev/sda; ', match: false },
      { text: 'disk full', match: true },
      { text: ' again', match: false },
    ]);
    expect(matchPieces('abc', '')).toEqual([{ text: 'abc', match: false }]);
    expect(matchPieces('abc', 'x')).toEqual([{ text: 'abc', match: false }]);
    expect(matchPieces('aaa', 'aa').map((p) => p.text).join('')).toBe('aaa');
    // Lower-casing that changes the length (İ): shown unmarked rather than marked in the wrong place.
    expect(matchPieces('İstanbul ist', 'ist')).toEqual([{ text: 'İstanbul ist', match: false }]);
  });
});
