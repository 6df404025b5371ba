/**
 * The script a CLI worker thread starts from: its TypeScript bundled into one JavaScript file by
 * esbuild, kept in node_modules/.cache/logsift. A thread that loads its TypeScript through tsx
 * instead spends ~175 ms before it can work (tsx's loader, a transform per module) against ~50 ms
 * for the bundle (2-core machine, 2026-12-03); on 1,000,000 long lines that start-up is ~4 % of
 * `logsift patterns`. A bundle is used only while every source file it was built from has the size
 * and time it had then (kept beside it), so an edited source is never run stale: it is rebuilt.
 * When a bundle cannot be built or kept (no esbuild, a read-only install), the thread runs its
 * TypeScript through tsx as before: slower to start, the same work.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';

export type ThreadName = 'mine-thread' | 'pool-thread';

/** Where the package is: bundles resolve its node_modules from under it. */
const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CACHE_DIR = join(PACKAGE_ROOT, 'node_modules', '.cache', 'logsift');

/** A source file as it was when a bundle was built from it. */
type SourceStamp = [path: string, size: number, mtimeMs: number];

interface Manifest {
  /** The bundle's format; a bundle made another way is not reused. */
  version: number;
  sources: SourceStamp[];
}

const MANIFEST_VERSION = 1;

/**
 * The URL a thread called `name` starts from: its bundle (`src/cli/NAME-main.ts` bundled), or
 * `src/cli/NAME.mjs`, which runs that file through tsx, when no bundle can be had.
 */
export function threadScript(name: ThreadName, cacheDir = CACHE_DIR): URL {
  const bundle = bundledScript(fileURLToPath(new URL(`./${name}-main.ts`, import.meta.url)), cacheDir, PACKAGE_ROOT);
  return bundle ? pathToFileURL(bundle) : new URL(`./${name}.mjs`, import.meta.url);
}

/**
 * `entry` bundled into `cacheDir` (packages from node_modules left as imports, resolved from
 * `root`): the bundle's path, built now unless a fresh one is there, or null when it cannot be.
 */
export function bundledScript(entry: string, cacheDir: string, root: string): string | null {
  const name = basename(entry).replace(/\.[cm]?ts$/, '');
  const bundle = join(cacheDir, `${name}.mjs`);
  const manifestPath = join(cacheDir, `${name}.json`);
  try {
    if (existsSync(bundle) && isFresh(manifestPath, root)) return bundle;
    mkdirSync(cacheDir, { recursive: true });
    const started = Date.now();
    const sources = build(entry, bundle, root);
    // A source changed while the build read it may be in the bundle in either form: no manifest,
    // so the next start builds again.
    if (sources.some(([, , mtimeMs]) => mtimeMs >= started - 1000)) return bundle;
    // Written after the bundle, each by a rename: a reader sees a whole file, and a manifest only
    // beside the bundle it describes.
    writeWhole(manifestPath, JSON.stringify({ version: MANIFEST_VERSION, sources } satisfies Manifest));
    return bundle;
  } catch {
    return null;
  }
}

function isFresh(manifestPath: string, root: string): boolean {
  let manifest: Manifest;
  try {
    manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
  } catch {
    return false;
  }
  if (manifest.version !== MANIFEST_VERSION || !Array.isArray(manifest.sources) || manifest.sources.length === 0) return false;
  return manifest.sources.every(([path, size, mtimeMs]) => {
    const now = statSync(resolve(root, path), { throwIfNoEntry: false });
    return now !== undefined && now.size === size && now.mtimeMs === mtimeMs;
  });
}

/** Builds the bundle; returns the stamps of the source files it was built from. */
function build(entry: string, bundle: string, root: string): SourceStamp[] {
  // esbuild is what tsx transforms with; loaded only when a bundle is to be built.
  const esbuild = createRequire(import.meta.url)('esbuild') as typeof import('esbuild');
  const temporary = temporaryName(bundle);
  const result = esbuild.buildSync({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: `node${process.versions.node.split('.')[0]}`,
    packages: 'external',
    absWorkingDir: root,
    outfile: temporary,
    metafile: true,
    logLevel: 'silent',
  });
  const sources = Object.keys(result.metafile.inputs).map((path): SourceStamp => {
    const { size, mtimeMs } = statSync(resolve(root, path));
    return [path, size, mtimeMs];
  });
  renameSync(temporary, bundle);
  return sources;
}

function writeWhole(path: string, text: string): void {
  const temporary = temporaryName(path);
  writeFileSync(temporary, text);
  renameSync(temporary, path);
}

/** A name beside `path` no other build uses, threads of one process included. */
function temporaryName(path: string): string {
  return `${path}.${process.pid}-${Math.random().toString(36).slice(2)}.tmp`;
}
