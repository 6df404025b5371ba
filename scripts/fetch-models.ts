/**
 * Downloads the production BERT model for offline use: `npm run models:fetch [-- options]`
 *
 *   Xenova/all-MiniLM-L6-v2 → public/models/Xenova/all-MiniLM-L6-v2/
 *     config.json, tokenizer.json, tokenizer_config.json,
 *     onnx/model_quantized.onnx (q8, WASM/CPU), onnx/model.onnx (fp32, WebGPU),
 *     onnx/model_fp16.onnx (fp16, WebGPU with shader-f16; skipped if the hub has none),
 *     logsift-model.json (id, dim, size and SHA-256 of each file; the CLI and the page read it).
 *
 * The build then serves them from /models/…; nothing is fetched at run time. This file is the one
 * place in logsift that names the model hub.
 *
 * Integrity: expected sizes and SHA-256 hashes live in scripts/models.lock.json. Where the lock has
 * a file's hash, a download that differs is refused and removed. Where it has none yet (this
 * repository was written on a machine without access to the hub), the first successful fetch
 * records them ("trust on first use") and says so: review them and commit models.lock.json, and
 * every later fetch, on any machine, is checked against them. Pin `revision` to a commit of the
 * model repository to make the download itself immutable.
 *
 * Options: --out DIR (default public/models) --lock FILE (default scripts/models.lock.json)
 *          --host URL (a mirror; default the hub) --no-fp16 --update-lock (re-record hashes)
 */
import { createHash } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync, createReadStream } from 'node:fs';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

/** The Hugging Face hub: `${HUB_HOST}/${model}/resolve/${revision}/${file}`. */
export const HUB_HOST = 'https://huggingface.co';

export interface ModelFileEntry {
  path: string;
  /** Skipped, with a note, when the host does not have it (404). */
  optional?: boolean;
  /** Which dtype this ONNX file is, for the --no-fp16 filter. */
  dtype?: 'q8' | 'fp32' | 'fp16';
}

export interface ModelEntry {
  id: string;
  /** A branch or, better, a commit of the model repository. */
  revision: string;
  files: ModelFileEntry[];
}

export const MINILM: ModelEntry = {
  id: 'Xenova/all-MiniLM-L6-v2',
  revision: 'main',
  files: [
    { path: 'config.json' },
    { path: 'tokenizer.json' },
    { path: 'tokenizer_config.json' },
    { path: 'onnx/model_quantized.onnx', dtype: 'q8' },
    { path: 'onnx/model.onnx', dtype: 'fp32' },
    { path: 'onnx/model_fp16.onnx', dtype: 'fp16', optional: true },
  ],
};

export interface FileHash {
  size: number;
  sha256: string;
}

/** models.lock.json: model id → file path → expected size and hash. */
export type Lock = Record<string, { revision: string; files: Record<string, FileHash> }>;

export interface FetchOptions {
  model?: ModelEntry;
  /** The models folder; files go to `${outDir}/${model.id}/`. */
  outDir: string;
  lockPath: string;
  host?: string;
  fp16?: boolean;
  updateLock?: boolean;
  log?(line: string): void;
}

export interface FetchResult {
  dir: string;
  files: Record<string, FileHash>;
  downloaded: string[];
  skipped: string[];
  /** Files whose hashes this run wrote to the lock (first fetch or --update-lock). */
  recorded: string[];
}

export class FetchError extends Error {
  override name = 'FetchError';
}

function readLock(path: string): Lock {
  if (!existsSync(path)) return {};
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Lock;
  } catch (error) {
    throw new FetchError(`${path} is not valid JSON (${(error as Error).message})`);
  }
}

async function hashFile(path: string): Promise<FileHash> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of createReadStream(path)) {
    hash.update(chunk as Buffer);
    size += (chunk as Buffer).length;
  }
  return { size, sha256: hash.digest('hex') };
}

const megabytes = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

/** Downloads one file to `${dest}.part`, hashing as it streams, and moves it into place only if it checks out. */
async function download(url: string, dest: string, expected: FileHash | undefined, optional: boolean, log: (line: string) => void): Promise<FileHash | null> {
  const response = await fetch(url, { redirect: 'follow' });
  if (response.status === 404 && optional) return null;
  if (!response.ok || !response.body) throw new FetchError(`GET ${url}: HTTP ${response.status} ${response.statusText}`);
  const length = Number(response.headers.get('content-length') ?? NaN);
  if (expected && Number.isFinite(length) && length !== expected.size) {
    await response.body.cancel();
    throw new FetchError(`${url}: the server offers ${length} bytes, the lock expects ${expected.size}`);
  }
  mkdirSync(dirname(dest), { recursive: true });
  const part = `${dest}.part`;
  const hash = createHash('sha256');
  let size = 0;
  let lastLog = 0;
  try {
    await pipeline(
      Readable.fromWeb(response.body as import('node:stream/web').ReadableStream),
      async function* (source: AsyncIterable<Buffer>) {
        for await (const chunk of source) {
          hash.update(chunk);
          size += chunk.length;
          if (size - lastLog > 20e6) {
            lastLog = size;
            log(`  … ${megabytes(size)}${Number.isFinite(length) ? ` of ${megabytes(length)}` : ''}`);
          }
          yield chunk;
        }
      },
      createWriteStream(part),
    );
    const got: FileHash = { size, sha256: hash.digest('hex') };
    if (expected && got.size !== expected.size) throw new FetchError(`${url}: got ${got.size} bytes, the lock expects ${expected.size}`);
    if (expected && got.sha256 !== expected.sha256) {
      throw new FetchError(`${url}: SHA-256 ${got.sha256} does not match the lock's ${expected.sha256}; the file was not kept`);
    }
    renameSync(part, dest);
    return got;
  } finally {
    rmSync(part, { force: true });
  }
}

export async function fetchModel(options: FetchOptions): Promise<FetchResult> {
  const model = options.model ?? MINILM;
  const host = (options.host ?? HUB_HOST).replace(/\/+$/, '');
  const log = options.log ?? ((line: string) => console.log(line));
  const lock = readLock(options.lockPath);
  const locked = lock[model.id]?.revision === model.revision && !options.updateLock ? lock[model.id].files : {};
  const dir = join(options.outDir, ...model.id.split('/'));
  const result: FetchResult = { dir, files: {}, downloaded: [], skipped: [], recorded: [] };

  for (const file of model.files) {
    if (file.dtype === 'fp16' && options.fp16 === false) continue;
    const dest = join(dir, ...file.path.split('/'));
    const expected = locked[file.path];
    if (expected && existsSync(dest) && statSync(dest).size === expected.size) {
      const have = await hashFile(dest);
      if (have.sha256 === expected.sha256) {
        log(`${file.path}: already there, verified`);
        result.files[file.path] = have;
        continue;
      }
    }
    const url = `${host}/${model.id}/resolve/${encodeURIComponent(model.revision)}/${file.path}`;
    log(`${file.path}: downloading ${url}`);
    const got = await download(url, dest, expected, file.optional ?? false, log);
    if (!got) {
      log(`${file.path}: not on the server, skipped (optional)`);
      result.skipped.push(file.path);
      continue;
    }
    result.files[file.path] = got;
    result.downloaded.push(file.path);
    if (!expected) result.recorded.push(file.path);
  }

  let dim: number | undefined;
  try {
    dim = (JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')) as { hidden_size?: number }).hidden_size;
  } catch {
    throw new FetchError(`${join(dir, 'config.json')} is not valid JSON`);
  }
  writeFileSync(join(dir, 'logsift-model.json'), JSON.stringify({ id: model.id, revision: model.revision, dim, files: result.files }, null, 1) + '\n');

  if (result.recorded.length > 0) {
    lock[model.id] = { revision: model.revision, files: { ...(options.updateLock ? {} : lock[model.id]?.files), ...result.files } };
    mkdirSync(dirname(options.lockPath), { recursive: true });
    writeFileSync(options.lockPath, JSON.stringify(lock, null, 1) + '\n');
  }

  log('');
  log(`${model.id} (${model.revision}) → ${dir}`);
  for (const [path, { size, sha256 }] of Object.entries(result.files)) log(`  ${path.padEnd(28)} ${String(size).padStart(11)} bytes  sha256 ${sha256}`);
  if (result.recorded.length > 0) {
    log(`Recorded sizes and SHA-256 of ${result.recorded.join(', ')} in ${options.lockPath} (first fetch: trust on first use).`);
    log('Check them against the hub\'s file pages and commit the lock; later fetches are verified against it.');
  }
  return result;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const { values } = parseArgs({
    options: {
      out: { type: 'string', default: join(root, 'public', 'models') },
      lock: { type: 'string', default: join(root, 'scripts', 'models.lock.json') },
      host: { type: 'string' },
      'no-fp16': { type: 'boolean', default: false },
      'update-lock': { type: 'boolean', default: false },
    },
  });
  try {
    await fetchModel({ outDir: values.out, lockPath: values.lock, host: values.host, fp16: !values['no-fp16'], updateLock: values['update-lock'] });
  } catch (error) {
    console.error(`models:fetch: ${(error as Error).message}`);
    if (!(error instanceof FetchError)) console.error('(no network? The model hub must be reachable from this machine; or use "Import model files" in the page.)');
    process.exitCode = 1;
  }
}
