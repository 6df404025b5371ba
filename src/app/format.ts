/** Number, time and file-name formatting for the page (en-US, like the rest of the UI). */

const intFmt = new Intl.NumberFormat('en-US');
const pctFmt = new Intl.NumberFormat('en-US', { style: 'percent', maximumFractionDigits: 1 });

export function formatInt(n: number): string {
  return intFmt.format(Math.round(n));
}

export function formatPercent(fraction: number): string {
  return pctFmt.format(Number.isFinite(fraction) ? fraction : 0);
}

export function formatConfidence(c: number): string {
  return Number.isFinite(c) ? c.toFixed(2) : '–';
}

/** "850 ms", "4.2 s", "3 min 05 s", "1 h 02 min". */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '–';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(1)} s`;
  const totalSec = Math.round(s);
  const m = Math.floor(totalSec / 60);
  if (m < 60) return `${m} min ${String(totalSec % 60).padStart(2, '0')} s`;
  return `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, '0')} min`;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB'];
  let v = bytes / 1024;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${v.toFixed(v < 10 ? 1 : 0)} ${units[u]}`;
}

/** "logs/app.2024.csv" → "app.2024". */
export function baseName(fileName: string): string {
  const name = fileName.replace(/^.*[\\/]/, '');
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(0, dot) : name;
}

/** The download name of a classified file: `<input name without extension>-classified.csv`. */
export function classifiedFileName(inputName: string): string {
  return `${baseName(inputName) || 'logs'}-classified.csv`;
}

/** The download name of the rows a filter shows: `<input name without extension>-classified-filtered.csv`. */
export function filteredFileName(inputName: string): string {
  return classifiedFileName(inputName).replace(/\.csv$/, '-filtered.csv');
}

/** A date for people: "2025-03-14 09:26". */
export function formatDate(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso || '–';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/**
 * `text` cut into pieces, those equal to `needle` marked: the search's matches, found as the
 * worker finds them (lower-cased, trimmed needle), for highlighting.
 */
export function matchPieces(text: string, needle: string): Array<{ text: string; match: boolean }> {
  const wanted = needle.trim().toLowerCase();
  if (wanted === '') return [{ text, match: false }];
  const lower = text.toLowerCase();
  const out: Array<{ text: string; match: boolean }> = [];
  let from = 0;
  // Lower-casing keeps the length of almost every string; where it does not, nothing is marked.
  if (lower.length !== text.length) return [{ text, match: false }];
  for (let at = lower.indexOf(wanted); at >= 0; at = lower.indexOf(wanted, at + wanted.length)) {
    if (at > from) out.push({ text: text.slice(from, at), match: false });
    out.push({ text: text.slice(at, at + wanted.length), match: true });
    from = at + wanted.length;
  }
  if (from < text.length || out.length === 0) out.push({ text: text.slice(from), match: false });
  return out;
}
