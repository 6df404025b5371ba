/**
 * Standard input kept in a temporary file, for a command that reads its input twice (patterns:
 * once to mine, once to write each row with its pattern) without holding it in memory.
 */
import { createWriteStream, rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';

export interface SpooledInput {
  path: string;
  remove(): Promise<void>;
}

export async function spoolStandardInput(): Promise<SpooledInput> {
  const dir = await mkdtemp(join(tmpdir(), 'logsift-stdin-'));
  const remove = () => rm(dir, { recursive: true, force: true });
  // A stopped command leaves no copy of its input behind.
  const removeOnExit = () => rmSyncQuiet(dir);
  process.once('exit', removeOnExit);
  const path = join(dir, 'input.csv');
  try {
    await pipeline(process.stdin, createWriteStream(path));
  } catch (error) {
    await remove();
    throw error;
  }
  return {
    path,
    remove: async () => {
      process.off('exit', removeOnExit);
      await remove();
    },
  };
}

function rmSyncQuiet(dir: string): void {
  try {
    rmSync(dir, { recursive: true, force: true });
  } catch {
    // already gone
  }
}
