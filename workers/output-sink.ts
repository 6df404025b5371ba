/**
 * Where a run's output goes while it is produced: a file in the origin-private file system
 * (OPFS), written through a sync access handle in this worker, so the output is never held in
 * memory; the download is then a File backed by that disk file. Each run writes a file of its
 * own, offered only once the run has finished; a run that fails or is cancelled removes its
 * unfinished file, and a full storage fails the run with the reason rather than write less. Where OPFS is missing (Node
 * tests, a browser without it) the output is gathered in Blob parts (output-collector.ts).
 *
 * A file is named after the worker that wrote it (its Web Lock name, workers/liveness.ts), so
 * that the files a newer run supersedes – this worker's earlier ones, and those of workers that
 * are gone (a closed tab) – can be deleted without touching another open tab's download.
 */
import { storageError } from '../src/storage/storage-faults.ts';
import { OutputCollector } from './output-collector.ts';

export interface OutputSink {
  /** 'opfs' or 'memory': where the bytes go. */
  readonly kind: 'opfs' | 'memory';
  write(data: string | Uint8Array): void;
  /** Ends the output: a Blob (a File for OPFS) to download. */
  finish(): Promise<Blob>;
  /** Drops an unfinished output. */
  abort(): Promise<void>;
}

/** The part of OPFS this module uses (the DOM typings of some TypeScript versions lack it). */
interface SyncAccessHandle {
  write(data: Uint8Array, options?: { at?: number }): number;
  truncate(size: number): void;
  close(): void;
}
interface OpfsFileHandle {
  createSyncAccessHandle(): Promise<SyncAccessHandle>;
  getFile(): Promise<File>;
}
interface OpfsDirectory {
  getFileHandle(name: string, options?: { create?: boolean }): Promise<OpfsFileHandle>;
  removeEntry(name: string): Promise<void>;
  keys(): AsyncIterable<string>;
}

export const OUTPUT_PREFIX = 'logsift-output-';
/** Separates the writing worker's name from the rest of a file name. */
const OWNER_END = '~';

interface LockScope {
  name?: string;
  navigator?: { locks?: { query?(): Promise<{ held?: Array<{ name?: string }> }> } };
}

/** This worker's name (it holds a Web Lock of that name while it lives). */
function ownerName(): string {
  return (globalThis as LockScope).name || 'worker';
}

/** The owner a file name records; null for a name from before owners were recorded. */
function ownerOf(fileName: string): string | null {
  const end = fileName.indexOf(OWNER_END, OUTPUT_PREFIX.length);
  return end < 0 ? null : fileName.slice(OUTPUT_PREFIX.length, end);
}

/** Names of the workers alive now (their locks are held); null when the browser cannot say. */
async function liveOwners(): Promise<Set<string> | null> {
  const locks = (globalThis as LockScope).navigator?.locks;
  if (typeof locks?.query !== 'function') return null;
  try {
    const { held = [] } = await locks.query();
    return new Set(held.map((lock) => lock.name ?? ''));
  } catch {
    return null;
  }
}

async function opfsRoot(): Promise<OpfsDirectory | null> {
  const storage = (globalThis as { navigator?: { storage?: { getDirectory?: () => Promise<unknown> } } }).navigator?.storage;
  if (typeof storage?.getDirectory !== 'function') return null;
  try {
    const root = (await storage.getDirectory()) as OpfsDirectory;
    // Sync access handles exist only in dedicated workers.
    return typeof (globalThis as { FileSystemSyncAccessHandle?: unknown }).FileSystemSyncAccessHandle === 'function' ? root : null;
  } catch {
    return null;
  }
}

/**
 * Deletes the output files superseded now: this worker's, except `keep`, and those of workers
 * that are gone. Another live worker's files (another tab) are left alone. Returns the bytes freed.
 */
export async function removeOldOutputs(keep: readonly string[] = []): Promise<number> {
  const root = await opfsRoot();
  if (!root) return 0;
  const me = ownerName();
  const live = await liveOwners();
  let freed = 0;
  for (const name of await outputNames(root)) {
    if (keep.includes(name)) continue;
    const owner = ownerOf(name);
    const superseded = owner === me || owner === null || (live !== null && !live.has(owner));
    if (!superseded) continue;
    const size = await sizeOf(root, name);
    // A file another worker still writes cannot be removed: it stays.
    if (await root.removeEntry(name).then(() => true, () => false)) freed += size;
  }
  return freed;
}

/** The output files in OPFS (every tab's) and their bytes, for the Storage panel. */
export async function outputUsage(): Promise<{ files: number; bytes: number; mine: number }> {
  const root = await opfsRoot();
  if (!root) return { files: 0, bytes: 0, mine: 0 };
  const me = ownerName();
  let bytes = 0;
  let mine = 0;
  const names = await outputNames(root);
  for (const name of names) {
    bytes += await sizeOf(root, name);
    if (ownerOf(name) === me) mine++;
  }
  return { files: names.length, bytes, mine };
}

async function outputNames(root: OpfsDirectory): Promise<string[]> {
  const names: string[] = [];
  for await (const name of root.keys()) if (name.startsWith(OUTPUT_PREFIX)) names.push(name);
  return names;
}

/** A file's size; 0 while another handle holds it open for writing. */
async function sizeOf(root: OpfsDirectory, name: string): Promise<number> {
  try {
    return (await (await root.getFileHandle(name)).getFile()).size;
  } catch {
    return 0;
  }
}

let counter = 0;
const encoder = new TextEncoder();

/** An output file in OPFS, or in memory where there is none. `type` is the download's MIME type. */
export async function openOutputSink(type = 'text/csv;charset=utf-8'): Promise<OutputSink & { name: string | null }> {
  const root = await opfsRoot();
  if (!root) return memorySink(type);
  const name = `${OUTPUT_PREFIX}${ownerName()}${OWNER_END}${Date.now().toString(36)}-${(counter++).toString(36)}`;
  let handle: OpfsFileHandle;
  let access: SyncAccessHandle;
  try {
    handle = await root.getFileHandle(name, { create: true });
    access = await handle.createSyncAccessHandle();
  } catch {
    return memorySink(type);
  }
  let at = 0;
  let open = true;
  return {
    kind: 'opfs',
    name,
    write(data) {
      const bytes = typeof data === 'string' ? encoder.encode(data) : data;
      let done = 0;
      try {
        while (done < bytes.length) {
          const written = access.write(bytes.subarray(done), { at: at + done });
          // A write that takes nothing would be asked again for ever: the storage is full.
          if (!(written > 0)) throw new DOMException('The output file takes no more bytes.', 'QuotaExceededError');
          done += written;
        }
      } catch (error) {
        // The run fails with what happened; it removes this unfinished file (abort).
        throw storageError(error, 'writing the classified file');
      }
      at += bytes.length;
    },
    async finish() {
      if (open) {
        // No flush(): that is an fsync (~40 ms per 100 MiB here) for durability a download does
        // not need; every write() has already reached the file, which getFile() reads.
        access.truncate(at);
        access.close();
        open = false;
      }
      const file = await handle.getFile();
      // The type travels with the download.
      return new File([file], file.name, { type });
    },
    async abort() {
      if (open) {
        access.close();
        open = false;
      }
      await root.removeEntry(name).catch(() => {});
    },
  };
}

function memorySink(type: string): OutputSink & { name: null } {
  const out = new OutputCollector();
  return {
    kind: 'memory',
    name: null,
    write: (data) => out.push(typeof data === 'string' ? data : (data as Uint8Array<ArrayBuffer>)),
    finish: async () => new Blob([out.finish()], { type }),
    abort: async () => {},
  };
}
