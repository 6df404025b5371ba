/**
 * Standard input kept in a temporary file, for a command that reads its input twice (patterns:
 * once to mine, once to write each row with its pattern) without holding it in memory.
 */
import { createWriteStream, rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { STOP_SIGNALS } from './output-file.ts';

export interface SpooledInput {
  path: string;
  remove(): Promise<void>;
}

export async function spoolStandardInput(): Promise<SpooledInput> {
  const dir = await mkdtemp(join(tmpdir(), 'logsift-stdin-'));
  // A stopped command leaves no copy of its input behind: a signal ends it through 'exit'.
  const removeOnExit = () => rmSyncQuiet(dir);
  const stops = STOP_SIGNALS.map(([signal, code]) => [signal, () => process.exit(code)] as const);
  process.once('exit', removeOnExit);
  for (const [signal, stop] of stops) process.once(signal, stop);
  const remove = async () => {
    process.off('exit', removeOnExit);
    for (const [signal, stop] of stops) process.off(signal, stop);
    await rm(dir, { recursive: true, force: true });
  };
  const path = join(dir, 'input.csv');
  try {
    await pipeline(process.stdin, createWriteStream(path));
  } catch (error) {
    await remove();
    throw error;
  }
  return { path, remove };
}

function rmSyncQuiet(dir: string): void {
  try {
    rmSync(dir, { recursive: true, force: true });
  } catch {
    // already gone
  }
}
