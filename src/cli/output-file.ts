/**
 * Every file the CLI writes (classify and patterns output, a trained bundle, a patterns state, an
 * LLM answer cache) is written so that no file is lost by accident:
 *
 * - checked before any work: a path in a folder that does not exist, a folder, or a file the
 *   command also reads (the same file under any name: a link, a hard link, standard input
 *   redirected from it) is refused with one line;
 * - written to a temporary file beside the target and renamed over it only when the command
 *   succeeded (after its data reached the disk), so a failed or interrupted run leaves the old
 *   file as it was and no half-written one; a replaced file keeps its permissions;
 * - a target that is not a regular file (/dev/null, a named pipe) is written to as it is.
 */
import { constants, type Stats } from 'node:fs';
import { access, chmod, lstat, open, realpath, rename, stat, unlink, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { unlinkSync, fstatSync } from 'node:fs';
import { InputError } from '../core/errors.ts';

/** A file's identity: two paths name the same file when these are equal. */
interface FileId {
  dev: number;
  ino: number;
}

const sameFile = (a: FileId, b: FileId) => a.dev === b.dev && a.ino === b.ino;

/** The identity of a file the command reads: a path, or "-" (standard input, when it is a file). */
export async function readFileId(path: string): Promise<FileId | null> {
  try {
    const stats = path === '-' ? fstatSync(0) : await stat(path);
    return stats.isFile() ? { dev: stats.dev, ino: stats.ino } : null;
  } catch {
    return null;
  }
}

/** Checks the input path of a command: it exists, is readable and is not a folder. */
export async function checkInput(path: string, what = 'the input'): Promise<void> {
  if (path === '-') return;
  let stats: Stats;
  try {
    stats = await stat(path);
  } catch (error) {
    throw new InputError(`Cannot read ${what} ${path}: ${systemReason(error)}.`);
  }
  if (stats.isDirectory()) throw new InputError(`Cannot read ${what} ${path}: it is a folder, not a file.`);
  try {
    await access(path, constants.R_OK);
  } catch (error) {
    throw new InputError(`Cannot read ${what} ${path}: ${systemReason(error)}.`);
  }
}

/** Where an output goes, checked. */
export interface OutputPlan {
  /** As given, for messages. */
  path: string;
  /** The file replaced at the end (a link's target), or written as it is (`direct`). */
  target: string;
  direct: boolean;
  /** The permissions of the file it replaces. */
  mode: number | null;
}

/**
 * Checks an output path before any work: its folder exists and can be written in, it is not a
 * folder, and it is none of the files the command reads (`reads`: paths, "-" for standard input)
 * or writes otherwise (`outputs`).
 */
export async function planOutput(flag: string, path: string, reads: readonly string[], outputs: readonly OutputPlan[] = []): Promise<OutputPlan> {
  const refuse = (why: string) => new InputError(`${flag} ${path}: ${why}`);
  if (path.trim() === '') throw refuse('an empty file name.');
  let stats: Stats | null = null;
  try {
    stats = await stat(path);
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'ENOENT') {
      if ((await lstat(path).catch(() => null))?.isSymbolicLink()) throw refuse('it is a link to a file that does not exist.');
    } else throw refuse(`${systemReason(error)}.`);
  }
  if (stats?.isDirectory()) throw refuse('it is a folder; give the name of a file to write.');
  if (stats?.isFile()) {
    for (const input of reads) {
      const id = await readFileId(input);
      if (id && sameFile(id, stats)) {
        throw refuse(`it is the file this command reads${input === '-' ? ' (standard input)' : input === path ? '' : ` (${input})`}; write the output to another file.`);
      }
    }
  }
  if (stats && !stats.isFile()) return { path, target: path, direct: true, mode: null };
  const target = stats ? await realpath(path) : resolve(path);
  const folder = dirname(target);
  const folderStats = await stat(folder).catch(() => null);
  if (!folderStats) throw refuse(`the folder ${dirname(path)} does not exist.`);
  if (!folderStats.isDirectory()) throw refuse(`${dirname(path)} is not a folder.`);
  try {
    await access(folder, constants.W_OK);
  } catch {
    throw refuse(`cannot write in the folder ${dirname(path)} (permission denied).`);
  }
  const other = outputs.find((plan) => plan.target === target);
  if (other) throw refuse(`it is also where ${other.path} goes; give each output its own file.`);
  return { path, target, direct: false, mode: stats ? stats.mode & 0o7777 : null };
}

/** Refuses standard output that is a file the command reads (`logsift classify x.csv >> x.csv`). */
export async function checkStandardOutput(reads: readonly string[]): Promise<void> {
  let out: Stats;
  try {
    out = fstatSync(1);
  } catch {
    return;
  }
  if (!out.isFile()) return;
  for (const input of reads) {
    const id = await readFileId(input);
    if (id && sameFile(id, out)) throw new InputError(`Standard output is the file this command reads (${input}); write the output to another file.`);
  }
}

/** The signals that stop a command, with the exit status each ends it with. */
export const STOP_SIGNALS = [
  ['SIGINT', 130],
  ['SIGTERM', 143],
  ['SIGHUP', 129],
] as const;

/** Temporary files not yet renamed into place: removed if the process is stopped. */
const pending = new Set<string>();
let cleanupInstalled = false;

function installCleanup(): void {
  if (cleanupInstalled) return;
  cleanupInstalled = true;
  const removeAll = () => {
    for (const path of pending) {
      try {
        unlinkSync(path);
      } catch {
        // already gone
      }
    }
    pending.clear();
  };
  process.on('exit', removeAll);
  for (const [signal, code] of STOP_SIGNALS) {
    process.once(signal, () => {
      removeAll();
      process.exit(code);
    });
  }
}

/** An output being written; nothing is in place until `commit`. */
export interface OutputFile {
  write(data: string | Uint8Array): Promise<void>;
  /** Puts the output in place (renames the temporary file over the target). */
  commit(): Promise<void>;
  /** Drops the output: the target stays as it was. */
  discard(): Promise<void>;
}

export async function openOutput(plan: OutputPlan): Promise<OutputFile> {
  if (plan.direct) {
    const handle = await open(plan.target, 'w');
    return {
      write: (data) => writeAll(handle, data),
      commit: () => handle.close(),
      discard: () => handle.close().catch(() => {}),
    };
  }
  installCleanup();
  const temp = join(dirname(plan.target), `.${basename(plan.target)}.logsift-${randomBytes(4).toString('hex')}.tmp`);
  const handle = await open(temp, 'wx', plan.mode ?? 0o666);
  pending.add(temp);
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await handle.close();
  };
  return {
    write: (data) => writeAll(handle, data),
    async commit() {
      // The data on disk before the rename: a crash then leaves the old file or the whole new one.
      await handle.datasync();
      await close();
      // The mode given to open() is masked by the umask: a replaced file keeps its own.
      if (plan.mode !== null) await chmod(temp, plan.mode);
      await rename(temp, plan.target);
      pending.delete(temp);
    },
    async discard() {
      await close().catch(() => {});
      await unlink(temp).catch(() => {});
      pending.delete(temp);
    },
  };
}

const encoder = new TextEncoder();

async function writeAll(handle: FileHandle, data: string | Uint8Array): Promise<void> {
  const bytes = typeof data === 'string' ? encoder.encode(data) : data;
  for (let done = 0; done < bytes.length; ) done += (await handle.write(bytes, done, bytes.length - done)).bytesWritten;
}

/** Writes a whole file safely (a bundle, a state or cache file). */
export async function writeOutput(plan: OutputPlan, data: string): Promise<void> {
  const out = await openOutput(plan);
  try {
    await out.write(data);
    await out.commit();
  } catch (error) {
    await out.discard();
    throw error;
  }
}

/** What a failed file operation means, in words. */
export function systemReason(error: unknown): string {
  const code = (error as { code?: string }).code;
  const reasons: Record<string, string> = {
    ENOENT: 'no such file or folder',
    EACCES: 'permission denied',
    EPERM: 'not permitted',
    EISDIR: 'it is a folder',
    ENOTDIR: 'a part of the path is not a folder',
    ENOSPC: 'the disk is full',
    EROFS: 'the file system is read-only',
    ENAMETOOLONG: 'the name is too long',
    ELOOP: 'too many links',
    EMFILE: 'too many open files',
    EIO: 'an input/output error',
  };
  return (code && reasons[code]) || (error as Error).message;
}
