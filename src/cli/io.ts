/** Where a command reads from and writes to: a file or standard input, the --out file or standard output. */
import { createReadStream } from 'node:fs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { ByteSource } from '../core/scale/input.ts';
import type { OutputFile } from './output-file.ts';

export function inputOf(path: string): ByteSource {
  return path === '-' ? process.stdin : createReadStream(path, { highWaterMark: 1 << 20 });
}

export async function write(stream: Writable, text: string | Uint8Array): Promise<void> {
  if (!stream.write(text)) await once(stream, 'drain');
}

/**
 * Runs `produce` with where its output goes: the --out file (written safely, in place only when
 * `produce` succeeds), or standard output.
 */
export async function withOutput<T>(out: OutputFile | null, produce: (write: (data: string | Uint8Array) => Promise<void>) => Promise<T>): Promise<T> {
  if (!out) return produce((data) => write(process.stdout, data));
  try {
    const result = await produce((data) => out.write(data));
    await out.commit();
    return result;
  } catch (error) {
    await out.discard();
    throw error;
  }
}

