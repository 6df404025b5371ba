/**
 * Where a run's output goes while it is produced: a file in the origin-private file system
 * (OPFS), written through a sync access handle in this worker, so the output is never held in
 * memory; the download is then a File backed by that disk file. Each run writes a file of its
 * own, offered only once the run has finished; a run that fails or is cancelled removes its
 * unfinished file, and a full storage fails the run with the reason rather than write less. Where OPFS is missing (Node
 * tests, a browser without it) the output is gathered in Blob parts (output-collector.ts).
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

/** Removes output files of earlier runs except `keep`. */
export async function removeOldOutputs(keep: readonly string[] = []): Promise<void> {
  const root = await opfsRoot();
  if (!root) return;
  const names: string[] = [];
  for await (const name of root.keys()) if (name.startsWith(OUTPUT_PREFIX) && !keep.includes(name)) names.push(name);
  for (const name of names) await root.removeEntry(name).catch(() => {});
}

let counter = 0;
const encoder = new TextEncoder();

/** An output file in OPFS, or in memory where there is none. `type` is the download's MIME type. */
export async function openOutputSink(type = 'text/csv;charset=utf-8'): Promise<OutputSink & { name: string | null }> {
  const root = await opfsRoot();
  if (!root) return memorySink(type);
  const name = `${OUTPUT_PREFIX}${Date.now().toString(36)}-${(counter++).toString(36)}`;
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
