/** models:fetch against a fake hub on 127.0.0.1: file layout, the lock (trust on first use), hash and size checks. */
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fetchModel, HUB_HOST, MINILM, type Lock } from '../../../scripts/fetch-models.ts';

const fake: Record<string, Buffer> = {
  'config.json': Buffer.from(JSON.stringify({ model_type: 'bert', hidden_size: 384 })),
  'tokenizer.json': Buffer.from('{"model":{"type":"WordPiece"}}'),
  'tokenizer_config.json': Buffer.from('{"tokenizer_class":"BertTokenizer"}'),
  'onnx/model_quantized.onnx': Buffer.alloc(3000, 7),
  'onnx/model.onnx': Buffer.alloc(12000, 9),
  // no onnx/model_fp16.onnx: optional, the fetch skips it
};
const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

let server: Server;
let host: string;
const requests: string[] = [];
let work: string;
let out: string;
let lockPath: string;
const log = () => undefined;

beforeAll(async () => {
  server = createServer((req, res) => {
    requests.push(req.url!);
    const prefix = `/${MINILM.id}/resolve/main/`;
    const body = req.url!.startsWith(prefix) ? fake[req.url!.slice(prefix.length)] : undefined;
    if (!body) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'content-length': body.length }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  host = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'logsift-fetch-'));
  out = join(work, 'models');
  lockPath = join(work, 'models.lock.json');
  requests.length = 0;
});

describe('models:fetch', () => {
  it('names the hub and downloads the listed files of all-MiniLM-L6-v2', () => {
    expect(HUB_HOST).toBe('https://huggingface.co');
    expect(MINILM.id).toBe('Xenova/all-MiniLM-L6-v2');
    expect(MINILM.files.map((f) => f.path)).toEqual(
      expect.arrayContaining(['config.json', 'tokenizer.json', 'tokenizer_config.json', 'onnx/model_quantized.onnx', 'onnx/model.onnx']),
    );
  });

  it('lays the files out as transformers.js expects, records the lock on first fetch, then verifies instead of downloading', async () => {
    const first = await fetchModel({ outDir: out, lockPath, host, log });
    const dir = join(out, 'Xenova', 'all-MiniLM-L6-v2');
    expect(first.dir).toBe(dir);
    for (const [path, bytes] of Object.entries(fake)) expect(readFileSync(join(dir, path))).toEqual(bytes);
    expect(first.skipped).toEqual(['onnx/model_fp16.onnx']);
    expect(readdirSync(join(dir, 'onnx')).sort()).toEqual(['model.onnx', 'model_quantized.onnx']);

    const lock = JSON.parse(readFileSync(lockPath, 'utf8')) as Lock;
    expect(lock[MINILM.id].revision).toBe('main');
    for (const [path, bytes] of Object.entries(fake)) expect(lock[MINILM.id].files[path]).toEqual({ size: bytes.length, sha256: sha(bytes) });
    expect(first.recorded.sort()).toEqual(Object.keys(fake).sort());

    const manifest = JSON.parse(readFileSync(join(dir, 'logsift-model.json'), 'utf8'));
    expect(manifest).toMatchObject({ id: MINILM.id, dim: 384 });
    expect(manifest.files['onnx/model.onnx']).toEqual({ size: 12000, sha256: sha(fake['onnx/model.onnx']) });

    requests.length = 0;
    const second = await fetchModel({ outDir: out, lockPath, host, log });
    expect(second.downloaded).toEqual([]);
    expect(second.recorded).toEqual([]);
    expect(requests).toEqual([`/${MINILM.id}/resolve/main/onnx/model_fp16.onnx`]);
  });

  it('refuses a file whose hash differs from the lock and leaves nothing behind', async () => {
    await fetchModel({ outDir: out, lockPath, host, log });
    const dir = join(out, 'Xenova', 'all-MiniLM-L6-v2');
    rmSync(join(dir, 'onnx', 'model.onnx'));
    const original = fake['onnx/model.onnx'];
    fake['onnx/model.onnx'] = Buffer.alloc(original.length, 1); // same size, other bytes
    try {
      await expect(fetchModel({ outDir: out, lockPath, host, log })).rejects.toThrow(/onnx\/model\.onnx: SHA-256 [0-9a-f]{64} does not match the lock's [0-9a-f]{64}; the file was not kept/);
      expect(existsSync(join(dir, 'onnx', 'model.onnx'))).toBe(false);
      expect(existsSync(join(dir, 'onnx', 'model.onnx.part'))).toBe(false);
    } finally {
      fake['onnx/model.onnx'] = original;
    }
  });

  it('refuses a file of the wrong size, and redownloads a local file that no longer verifies', async () => {
    await fetchModel({ outDir: out, lockPath, host, log });
    const dir = join(out, 'Xenova', 'all-MiniLM-L6-v2');
    const original = fake['tokenizer.json'];
    fake['tokenizer.json'] = Buffer.concat([original, Buffer.from(' ')]);
    rmSync(join(dir, 'tokenizer.json'));
    try {
      await expect(fetchModel({ outDir: out, lockPath, host, log })).rejects.toThrow(/tokenizer\.json: the server offers \d+ bytes, the lock expects \d+/);
    } finally {
      fake['tokenizer.json'] = original;
    }
    // A damaged local copy is replaced by a verified download.
    const damaged = join(dir, 'onnx', 'model_quantized.onnx');
    await import('node:fs').then((fs) => fs.writeFileSync(damaged, Buffer.alloc(3000, 0)));
    const again = await fetchModel({ outDir: out, lockPath, host, log });
    expect(again.downloaded).toEqual(['tokenizer.json', 'onnx/model_quantized.onnx']);
    expect(readFileSync(damaged)).toEqual(fake['onnx/model_quantized.onnx']);
  });

  it('fails clearly when a required file is missing on the server', async () => {
    const original = fake['tokenizer_config.json'];
    delete fake['tokenizer_config.json'];
    try {
      await expect(fetchModel({ outDir: out, lockPath, host, log })).rejects.toThrow(/tokenizer_config\.json: HTTP 404/);
    } finally {
      fake['tokenizer_config.json'] = original;
    }
  });
});
