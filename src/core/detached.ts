/**
 * A copy of a string that holds no reference to the text it was cut from. Engines keep a substring
 * (a parsed cell, a line of a chunk) as a view of its parent, so keeping one line of each chunk of
 * a big file would keep every chunk's text alive. Whatever outlives its chunk – example lines, a
 * sample of lines – is kept detached.
 */
export const detached = (text: string): string => (text.length < 16 ? text : (' ' + text).slice(1));
