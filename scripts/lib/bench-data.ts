/** Generated benchmark inputs, written once to bench-data/ (git-ignored) and reused by later runs. */
import { createWriteStream, existsSync, mkdirSync } from 'node:fs';
import { once } from 'node:events';
import { dirname } from 'node:path';
import { csvLine } from '../../src/core/csv/format.ts';

/** Writes `header` and `rows` as CSV to `path` unless it is there already, a megabyte at a time; returns `path`. */
export async function writeCsvOnce(path: string, header: string[], rows: Iterable<string[]>): Promise<string> {
  if (existsSync(path)) return path;
  mkdirSync(dirname(path), { recursive: true });
  const out = createWriteStream(path);
  let chunk = csvLine(header);
  for (const row of rows) {
    chunk += csvLine(row);
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(chunk);
  await once(out, 'finish');
  return path;
}
