/**
 * The CLI's threads start from a bundle of their TypeScript, rebuilt whenever a source file it was
 * built from changes, and run through tsx when no bundle can be had: the same work either way.
 */
import { mkdtempSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { bundledScript, threadScript } from '../../../src/cli/thread-script.ts';
import { threadPort } from '../../../src/cli/pool.ts';
import { MiningSession } from '../../../src/core/patterns/mine.ts';
import { MinePool } from '../../../src/core/patterns/mine-pool.ts';
import type { PoolPort } from '../../../src/core/scale/pool.ts';

const dir = mkdtempSync(join(tmpdir(), 'logsift-thread-script-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let imports = 0;
/** The bundle's exported `answer`, from a fresh import of the file as it is now. */
async function answerOf(bundle: string): Promise<unknown> {
  return ((await import(`${pathToFileURL(bundle).href}?v=${++imports}`)) as { answer: unknown }).answer;
}

describe('bundledScript', () => {
  it('bundles an entry with its imports, reuses the bundle while its sources are unchanged and rebuilds it when one changes', async () => {
    const cache = join(dir, 'cache');
    writeFileSync(join(dir, 'dep.ts'), 'export const value: number = 41;\n');
    writeFileSync(join(dir, 'entry.ts'), "import { value } from './dep.ts';\nexport const answer = value + 1;\n");
    // Sources saved a while ago (one saved as the build reads it is built again next time).
    const hourAgo = new Date(Date.now() - 3_600_000);
    for (const file of ['dep.ts', 'entry.ts']) utimesSync(join(dir, file), hourAgo, hourAgo);
    const bundle = bundledScript(join(dir, 'entry.ts'), cache, dir);
    expect(bundle).toBe(join(cache, 'entry.mjs'));
    expect(await answerOf(bundle!)).toBe(42);

    const built = statSync(bundle!).mtimeMs;
    expect(bundledScript(join(dir, 'entry.ts'), cache, dir)).toBe(bundle);
    expect(statSync(bundle!).mtimeMs).toBe(built);

    writeFileSync(join(dir, 'dep.ts'), 'export const value: number = 99;\n');
    expect(bundledScript(join(dir, 'entry.ts'), cache, dir)).toBe(bundle);
    expect(await answerOf(bundle!)).toBe(100);

    // A bundle deleted from the cache, its sources unchanged, is built again.
    utimesSync(join(dir, 'dep.ts'), hourAgo, hourAgo);
    expect(bundledScript(join(dir, 'entry.ts'), cache, dir)).toBe(bundle);
    rmSync(bundle!);
    expect(bundledScript(join(dir, 'entry.ts'), cache, dir)).toBe(bundle);
    expect(await answerOf(bundle!)).toBe(100);
  });

  it('gives null when the bundle cannot be built or kept', () => {
    writeFileSync(join(dir, 'broken.ts'), 'export const answer = ;\n');
    expect(bundledScript(join(dir, 'broken.ts'), join(dir, 'cache'), dir)).toBeNull();
    // A file where the cache folder should be.
    writeFileSync(join(dir, 'not-a-folder'), '');
    writeFileSync(join(dir, 'fine.ts'), 'export const answer = 1;\n');
    expect(bundledScript(join(dir, 'fine.ts'), join(dir, 'not-a-folder', 'cache'), dir)).toBeNull();
  });
});

describe('threadScript', () => {
  const lines = Array.from({ length: 3000 }, (_, i) => (i % 3 ? `Request ${i} served to 10.1.${i % 250}.${i % 200} in ${i % 90} ms` : `Disk check on sd${i % 7} finished with ${['ok', 'errors'][i % 2]}`));

  /** Mines the lines on one thread started from `script`; the pool's answers from it are counted. */
  async function mineOn(script: URL) {
    const port = threadPort(script);
    let answers = 0;
    const counted: PoolPort = { ...port, listen: (handler, onError) => port.listen((m) => (answers++, handler(m)), onError) };
    const pool = new MinePool([counted], {});
    for (let start = 0; start < lines.length; start += 500) await pool.add(lines.slice(start, start + 500));
    const result = await pool.finish();
    return { patterns: result.patterns.map((p) => [p.template, p.count]), answers };
  }

  it('starts a mining thread from its bundle, or through tsx when no bundle can be had, mining the same either way', async () => {
    const one = new MiningSession();
    for (const line of lines) one.add(line);
    const expected = one.finish().patterns.map((p) => [p.template, p.count]);

    const bundled = threadScript('mine-thread', join(dir, 'thread-cache'));
    expect(bundled.href).toBe(pathToFileURL(join(dir, 'thread-cache', 'mine-thread-main.mjs')).href);
    const fallback = threadScript('mine-thread', join(dir, 'not-a-folder', 'cache'));
    expect(fallback.pathname).toMatch(/\/src\/cli\/mine-thread\.mjs$/);

    for (const script of [bundled, fallback]) {
      const mined = await mineOn(script);
      expect(mined.answers).toBeGreaterThan(0);
      expect(mined.patterns).toEqual(expected);
    }
  }, 60_000);
});
