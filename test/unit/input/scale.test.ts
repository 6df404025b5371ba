/**
 * The chunked pipeline: row-aligned chunks (quotes, newlines in fields, mixed line endings), the
 * same output whatever the chunk size (against runClassification, which reads 1 MiB chunks in this
 * thread), input order kept by a pool whose workers finish out of order, each masked key embedded
 * once over the pool, NDJSON in and out, and the results store that reads row text back from the
 * file.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { parseBundle } from '../../../src/core/bundle.ts';
import { Classifier } from '../../../src/core/classifier.ts';
import { csvLine } from '../../../src/core/csv/format.ts';
import { generateLogs } from '../../../src/core/generate/generator.ts';
import { runClassification } from '../../../src/core/run.ts';
import { openChunkedInput, type ChunkedInput } from '../../../src/core/scale/input.ts';
import { ChunkBuffers } from '../../../src/core/scale/chunk-buffers.ts';
import { ChunkClassifier } from '../../../src/core/scale/chunk.ts';
import { LocalChunkProcessor } from '../../../src/core/scale/local.ts';
import { WorkerPoolProcessor } from '../../../src/core/scale/pool.ts';
import { chunkOfRow, outputHeaderOf, runChunked } from '../../../src/core/scale/run-chunked.ts';
import { firstRowEnd, rowAlignedChunks, RowEndScanner } from '../../../src/core/scale/split.ts';
import { ScaleResults } from '../../../workers/scale-results.ts';
import { openOutputSink } from '../../../workers/output-sink.ts';
import { inThreadPorts } from '../../helpers/in-thread-pool.ts';

const root = resolve(import.meta.dirname, '../../..');
const BUNDLE_JSON = readFileSync(resolve(root, 'public/default-bundle.json'), 'utf8');
const bundle = () => parseBundle(BUNDLE_JSON);
const enc = new TextEncoder();
const dec = new TextDecoder();

async function* bytesOf(text: string, piece = 7): AsyncGenerator<Uint8Array> {
  yield* bytesIn(enc.encode(text), piece);
}

async function* bytesIn(bytes: Uint8Array, piece: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += piece) yield bytes.slice(i, i + piece);
}

function generatedCsv(rows: number, seed: string): { text: string; messages: string[] } {
  let text = csvLine(['timestamp', 'source', 'log_message', 'note']);
  const messages: string[] = [];
  let i = 0;
  for (const log of generateLogs({ rows, seed })) {
    messages.push(log.log_message);
    // Every 7th row has a quoted note with a newline and quotes in it.
    text += csvLine([log.timestamp, log.source, log.log_message, ++i % 7 === 0 ? `multi\nline "${i}"` : `n${i}`]);
  }
  return { text, messages };
}

function opened(source: Blob | AsyncIterable<Uint8Array>, format: 'csv' | 'text' | 'ndjson', chunkBytes: number): Promise<ChunkedInput> {
  return openChunkedInput(source, format, chunkBytes);
}

async function chunkedOutput(text: string, options: { chunkBytes: number; explain?: boolean; safeCsv?: boolean; format?: 'csv' | 'text' | 'ndjson'; output?: 'csv' | 'ndjson' }) {
  const input = await opened(new Blob([text]), options.format ?? 'csv', options.chunkBytes);
  const explain = options.explain ?? false;
  const processor = new LocalChunkProcessor(new Classifier(bundle()), input.format, {
    explain,
    safeCsv: options.safeCsv,
    output: options.output,
    columns: outputHeaderOf(input.format, explain).columns,
  });
  const parts: string[] = [];
  const summary = await runChunked({ input, processor, explain, safeCsv: options.safeCsv, output: options.output, onOutput: (d) => void parts.push(typeof d === 'string' ? d : dec.decode(d)) });
  return { text: parts.join(''), summary };
}

/** The output and summary of runClassification: 1 MiB chunks, in this thread. */
async function oneChunkOutput(text: string, options: { explain?: boolean; safeCsv?: boolean; kind?: 'csv' | 'text' }) {
  let out = '';
  const summary = await runClassification({
    input: new Blob([text]),
    kind: options.kind ?? 'csv',
    classifier: new Classifier(bundle()),
    explain: options.explain ?? false,
    safeCsv: options.safeCsv,
    onOutput: (t) => void (out += t),
  });
  return { text: out, summary };
}

describe('row-aligned chunks', () => {
  /** Every row end the scanner finds, fed a byte at a time (a CR's end shows once the next byte is in). */
  function rowEndsOf(text: string, delimiter = ','): number[] {
    const scanner = new RowEndScanner({ format: 'csv', delimiter });
    const ends: number[] = [];
    for (const byte of enc.encode(text)) {
      scanner.feed(Uint8Array.of(byte));
      if (scanner.lastEnd > (ends.at(-1) ?? 0)) ends.push(scanner.lastEnd);
    }
    return ends;
  }

  it('finds row ends outside quoted fields only, at LF, CR LF or CR, with escaped quotes', () => {
    const text = 'a,b\n"x\ny",2\n"q""\n",3\nmid"quote,4\n';
    expect(rowEndsOf(text).map((e) => text.slice(0, e).split('\n').length - 1)).toEqual([1, 3, 5, 6]);
    // Every line ending ends a row, whichever the file mostly uses; CR LF is one ending.
    expect(rowEndsOf('a;b\r\nc\nd;e\r\n', ';')).toEqual([5, 7, 12]);
    expect(rowEndsOf('a\rb\r\n"c\rd"\re\n')).toEqual([2, 5, 11, 13]);
  });

  it('cuts any stream into chunks of whole rows that add up to the input', async () => {
    const { text } = generatedCsv(300, 'chunks');
    for (const target of [1, 50, 1000, 1 << 20]) {
      const pieces: Uint8Array[] = [];
      let at = 0;
      for await (const chunk of rowAlignedChunks(bytesOf(text, 13), { format: 'csv', delimiter: ',', newline: '\n' }, target)) {
        expect(chunk.start).toBe(at);
        at += chunk.bytes.length;
        pieces.push(chunk.bytes);
        // Every chunk but the last ends with a row end.
        expect(chunk.bytes[chunk.bytes.length - 1]).toBe(0x0a);
      }
      expect(dec.decode(Buffer.concat(pieces))).toBe(text);
    }
  });

  it('finds the same row ends whatever pieces the bytes come in', () => {
    const text = fc.array(fc.constantFrom('a', ',', '"', '\n', '\r', ';'), { maxLength: 60 }).map((chars) => chars.join(''));
    fc.assert(
      fc.property(text, fc.constantFrom(',', ';'), fc.integer({ min: 1, max: 7 }), (t, delimiter, piece) => {
        const bytes = enc.encode(t);
        const ends = rowEndsOf(t, delimiter);
        const scanner = new RowEndScanner({ format: 'csv', delimiter });
        for (let at = 0; at < bytes.length; at += piece) scanner.feed(bytes.subarray(at, at + piece));
        expect(scanner.lastEnd).toBe(ends.at(-1) ?? 0);
        expect(firstRowEnd(bytes, 0, { format: 'csv', delimiter }, false)).toBe(ends[0] ?? -1);
      }),
      { numRuns: 2000 },
    );
  });

  it('finds the same row ends in long rows of many quoted fields, CR ended', () => {
    // Rows of dozens of quoted fields and no LF: the scanner settles the CRs of its earlier
    // stretches as it goes.
    const row = fc.array(fc.constantFrom('"a",', '"b""c",', 'x,', '\r', '"d\re",'), { minLength: 50, maxLength: 300 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(row, fc.integer({ min: 1, max: 400 }), (t, piece) => {
        const bytes = enc.encode(t);
        const ends = rowEndsOf(t);
        const scanner = new RowEndScanner({ format: 'csv', delimiter: ',' });
        for (let at = 0; at < bytes.length; at += piece) scanner.feed(bytes.subarray(at, at + piece));
        expect(scanner.lastEnd).toBe(ends.at(-1) ?? 0);
      }),
      { numRuns: 300 },
    );
  });

  it('finds the chunk of a row', () => {
    expect([0, 5, 9, 10, 25].map((r) => chunkOfRow([0, 10, 20], r))).toEqual([0, 0, 0, 1, 2]);
  });
});

describe('the chunked run', () => {
  it('writes the same bytes for any chunk size, plain, explained and safe', async () => {
    const { text } = generatedCsv(2000, 'same');
    const withFormula = text + csvLine(['t', 'App', '=HYPERLINK("x")', '-5']) + csvLine(['t', 'App', 'short row']).replace(/,short row\n$/, ',short row\n');
    for (const options of [{}, { explain: true }, { safeCsv: true }, { safeCsv: true, explain: true }]) {
      const whole = await oneChunkOutput(withFormula, options);
      for (const chunkBytes of [97, 4096, 1 << 20]) {
        const chunked = await chunkedOutput(withFormula, { ...options, chunkBytes });
        expect(chunked.text).toBe(whole.text);
        expect(chunked.summary.rows).toBe(whole.summary.rows);
        expect(chunked.summary.byLabel).toEqual(whole.summary.byLabel);
        expect(chunked.summary.warnings).toEqual(whole.summary.warnings);
      }
    }
  }, 120_000);

  it('reads random CSV the same for any chunk size (delimiters, quoting, blank lines, CRLF)', async () => {
    const cell = fc.oneof(fc.constantFrom('', 'a', 'User User12 logged in.', 'x"y', 'two\nlines', ' spaced ', 'é ü', '=1+1'), fc.string({ maxLength: 12 }));
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(cell, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 30 }),
        fc.constantFrom(',', ';', '\t'),
        fc.constantFrom('\n', '\r\n'),
        fc.integer({ min: 16, max: 300 }),
        async (rows, delimiter, newline, chunkBytes) => {
          const quote = (v: string) => (/[",;\t\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
          const body = rows.map((r) => r.map(quote).join(delimiter)).join(newline);
          const text = ['source', 'log_message', 'extra'].join(delimiter) + newline + body + newline;
          const whole = await oneChunkOutput(text, { explain: true }).catch((error: Error) => error);
          const chunked = await chunkedOutput(text, { explain: true, chunkBytes }).catch((error: Error) => error);
          // A file too small to guess its delimiter from fails the same way in both.
          if (whole instanceof Error || chunked instanceof Error) {
            expect(String(chunked)).toBe(String(whole));
            return;
          }
          // Rows are copied as they were written (a field quoted without need stays quoted), so
          // the files may differ in quoting only: they read back as the same cells.
          const cells = (csv: string) => Papa.parse<string[]>(csv, { delimiter: ',', newline: '\n' }).data;
          expect(cells(chunked.text)).toEqual(cells(whole.text));
          expect(chunked.summary.warningCount).toBe(whole.summary.warningCount);
        },
      ),
      { numRuns: 150 },
    );
  }, 120_000);

  it('writes a chunk in a buffer with room over its own input, the same bytes as into a new buffer', async () => {
    const cell = fc.oneof(fc.constantFrom('', 'a', 'User User12 logged in.', 'x"y', 'two\nlines', 'é ü', '=1+1', 'Backup completed'), fc.string({ maxLength: 12 }));
    const format = (newline: string) => ({ format: 'csv' as const, delimiter: ',', newline, header: ['source', 'log_message', 'extra'] });
    await fc.assert(
      fc.asyncProperty(
        // Rows of 1–4 cells (short and long rows are formatted anew), blank lines among them.
        fc.array(fc.oneof(fc.array(cell, { minLength: 1, maxLength: 4 }), fc.constant([] as string[])), { minLength: 1, maxLength: 30 }),
        fc.constantFrom('\n', '\r\n'),
        fc.boolean(),
        fc.boolean(),
        async (rows, newline, explain, safeCsv) => {
          const quote = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
          const body = enc.encode(rows.map((r) => r.map(quote).join(',')).join(newline) + newline);
          const f = format(newline);
          const columns = outputHeaderOf(f, explain).columns;
          const classify = (bytes: Uint8Array, ownsBuffer: boolean) =>
            new ChunkClassifier(new Classifier(bundle()), f, { explain, safeCsv, columns }).process({ index: 0, start: 0, bytes, ...(ownsBuffer ? { ownsBuffer } : {}) });
          const roomy = new ChunkBuffers().take(body.length);
          roomy.set(body);
          const over = await classify(roomy, true);
          const fresh = await classify(body.slice(), false);
          expect(dec.decode(over.output)).toBe(dec.decode(fresh.output));
          expect(fresh.output.buffer).not.toBe(body.buffer);
        },
      ),
      { numRuns: 200 },
    );
    // Generated rows, none blank, none formatted anew: the output is written over the input.
    const { text } = generatedCsv(500, 'over');
    const bytes = enc.encode(text.slice(text.indexOf('\n') + 1));
    const roomy = new ChunkBuffers().take(bytes.length);
    roomy.set(bytes);
    const f = { format: 'csv' as const, delimiter: ',', newline: '\n', header: ['timestamp', 'source', 'log_message', 'note'] };
    const outcome = await new ChunkClassifier(new Classifier(bundle()), f, { explain: true, columns: outputHeaderOf(f, true).columns }).process({ index: 0, start: 0, bytes: roomy, ownsBuffer: true });
    expect(outcome.output.buffer).toBe(roomy.buffer);
    expect(Papa.parse<string[]>(dec.decode(outcome.output), { newline: '\n' }).data.filter((r) => r.length > 1).map((r) => r[2])).toEqual(
      Papa.parse<string[]>(dec.decode(bytes), { newline: '\n' }).data.filter((r) => r.length > 1).map((r) => r[2]),
    );
  }, 120_000);

  it('reads plain-text logs the same for any chunk size', async () => {
    const text = 'User User12 logged in.\r\n\n  \nBackup completed\nlast line without newline';
    const whole = await oneChunkOutput(text, { kind: 'text' });
    expect((await chunkedOutput(text, { chunkBytes: 8, format: 'text' })).text).toBe(whole.text);
  });

  it('keeps input order when the pool finishes chunks out of order, and embeds each key once', async () => {
    const { text } = generatedCsv(3000, 'pool');
    const whole = await oneChunkOutput(text, {});
    const input = await opened(new Blob([text]), 'csv', 2048);
    const columns = outputHeaderOf(input.format, false).columns;
    const ports = inThreadPorts(3);
    const pool = new WorkerPoolProcessor(ports, { bundleJson: BUNDLE_JSON, format: input.format, explain: false, columns });
    const parts: string[] = [];
    const firstRows: number[] = [];
    const summary = await runChunked({ input, processor: pool, explain: false, onOutput: (d) => void parts.push(typeof d === 'string' ? d : dec.decode(d)), onChunk: (_o, first) => void firstRows.push(first) });
    expect(parts.join('')).toBe(whole.text);
    expect(summary.distinctKeys).toBe(whole.summary.distinctKeys);
    expect(summary.embeddingCalls).toBe(summary.distinctKeys);
    expect(firstRows).toEqual([...firstRows].sort((a, b) => a - b));
    expect(summary.chunks.starts.length).toBeGreaterThan(10);
  }, 120_000);
});

describe('reading ahead of the classifying', () => {
  /** A processor whose chunks finish only when the test says so; it records how many are out. */
  function heldProcessor(concurrency: number) {
    const releases: (() => void)[] = [];
    let out = 0;
    let most = 0;
    const processor = {
      concurrency,
      process: (chunk: { index: number }) => {
        out++;
        most = Math.max(most, out);
        return new Promise<never>((resolve) =>
          releases.push(() => {
            out--;
            resolve({ index: chunk.index, start: 0, byteLength: 0, rows: 0, output: '', labels: [], labelIds: new Uint16Array(), tiers: new Uint8Array(), confidence: new Float32Array(), warnings: [], warningCount: 0 } as never);
          }),
        );
      },
      distinctKeys: () => 0,
      embeddingCalls: () => 0,
    };
    return { processor, releases, most: () => most };
  }

  it('reads the next chunks while the first is classified, never more out at once than the processor takes', async () => {
    const { text } = generatedCsv(400, 'ahead');
    const input = await opened(new Blob([text]), 'csv', 512);
    const held = heldProcessor(3);
    const running = runChunked({ input, processor: held.processor as never, explain: false });
    // Before any chunk is done, three are read and handed out, and no fourth.
    await expect.poll(() => held.releases.length).toBe(3);
    await new Promise((r) => setTimeout(r, 30));
    expect(held.releases.length).toBe(3);
    // Then one chunk finishes at a time until the run ends.
    let done = false;
    void running.then(() => (done = true));
    for (let released = 0; !done; ) {
      await expect.poll(() => done || held.releases.length > released).toBe(true);
      if (held.releases.length > released) held.releases[released++]();
    }
    const summary = await running;
    expect(summary.chunks.starts.length).toBe(held.releases.length);
    expect(held.most()).toBe(3);
  });

  it('hands over the chunks read before a failed read, then the error', async () => {
    const { text } = generatedCsv(200, 'fails');
    async function* failing(): AsyncGenerator<Uint8Array> {
      const bytes = enc.encode(text);
      yield bytes.subarray(0, 4000);
      throw new Error('the disk went away');
    }
    const input = await opened(failing(), 'csv', 1000);
    const seen: number[] = [];
    const processor = new LocalChunkProcessor(new Classifier(bundle()), input.format, { explain: false, columns: outputHeaderOf(input.format, false).columns });
    await expect(runChunked({ input, processor, explain: false, onChunk: (o) => void seen.push(o.rows) })).rejects.toThrow('the disk went away');
    expect(seen.length).toBeGreaterThan(0);
  });
});

describe('NDJSON', () => {
  const lines = ['{"msg":"User User12 logged in.","host":"a","n":3}', 'not json at all', '', '{"msg":"Backup completed","extra":{"k":1}}', '[1,2]'];
  const text = lines.join('\n') + '\n';

  it('reads one object per line, keeps invalid lines as plain text with a warning naming them', async () => {
    const { text: out, summary } = await chunkedOutput(text, { chunkBytes: 10, format: 'ndjson', explain: true });
    const rows = out.trim().split('\n');
    // The header has the keys of all the first lines: `extra` is line 4's.
    expect(rows[0]).toBe('msg,host,n,extra,target_label,tier,confidence');
    expect(rows).toHaveLength(5);
    expect(rows[1]).toMatch(/^User User12 logged in\.,a,3,,User Action,regex,1\.0000$/);
    expect(rows[3]).toMatch(/^Backup completed,,,"{""k"":1}",/);
    expect(rows[2]).toMatch(/^not json at all,,,/);
    expect(summary.rows).toBe(4);
    expect(summary.warnings.map((w) => w.row)).toEqual([2, 4]);
    expect(summary.warnings[0].message).toMatch(/not a JSON object/);
  });

  it('writes NDJSON: each input object with the added keys, in order', async () => {
    const { text: out } = await chunkedOutput(text, { chunkBytes: 10, format: 'ndjson', output: 'ndjson' });
    const objects = out.trim().split('\n').map((l) => JSON.parse(l));
    expect(objects.map((o) => o.msg)).toEqual(['User User12 logged in.', 'not json at all', 'Backup completed', '[1,2]']);
    expect(objects[0]).toEqual({ msg: 'User User12 logged in.', host: 'a', n: 3, target_label: 'User Action' });
    expect(objects[2].extra).toEqual({ k: 1 });
    for (const o of objects) expect(typeof o.target_label).toBe('string');
  });

  /** `count` objects with a message each, the lines between the first ones and those a test adds. */
  const filler = (count: number) => Array.from({ length: count }, (_, i) => JSON.stringify({ msg: `Backup completed ${i}` }));

  it('takes the CSV header from the keys of the first lines, and names the keys a later row has beyond them', async () => {
    // Lines 1 and 2 are read for the header (the first 20 lines); line 23 is not.
    const input = ['{"msg":"User User12 logged in."}', '{"msg":"Backup completed","host":"b"}', ...filler(20), '{"msg":"x","host":"c","late":1,"later":[2]}'];
    const ndjson = input.join('\n') + '\n';
    for (const chunkBytes of [40, 1 << 20]) {
      const { text: out, summary } = await chunkedOutput(ndjson, { chunkBytes, format: 'ndjson' });
      const rows = Papa.parse<string[]>(out.trim(), { delimiter: ',', newline: '\n' }).data;
      expect(rows[0]).toEqual(['msg', 'host', 'target_label']);
      expect(rows[2].slice(0, 2)).toEqual(['Backup completed', 'b']);
      expect(rows[1][1]).toBe('');
      expect(rows[23].slice(0, 2)).toEqual(['x', 'c']);
      expect(summary.warnings).toEqual([{ row: 23, message: 'has keys not in the header (late, later); they are left out of CSV output' }]);
    }
    // NDJSON output keeps every key, so it has nothing to say.
    const { text: out, summary } = await chunkedOutput(ndjson, { chunkBytes: 40, format: 'ndjson', output: 'ndjson' });
    expect(JSON.parse(out.trim().split('\n')[22])).toMatchObject({ late: 1, later: [2] });
    expect(summary.warnings).toEqual([]);
  });

  it('keeps an input key the run adds renamed original_<key>, once in the line, with one warning for the run', async () => {
    const input = ['{"msg":"User User12 logged in.","target_label":"old","tier":"x"}', '{"msg":"Backup completed"}', ...filler(20), '{"msg":"Backup completed","target_label":"later"}'];
    const ndjson = input.join('\n') + '\n';
    const { text: out, summary } = await chunkedOutput(ndjson, { chunkBytes: 40, format: 'ndjson', output: 'ndjson', explain: true });
    const lines = out.trim().split('\n');
    expect(lines).toHaveLength(23);
    // JSON.parse keeps the last of repeated keys: the raw text shows whether a key repeats.
    const count = (line: string, key: string) => line.split(`"${key}":`).length - 1;
    for (const line of lines) for (const key of ['target_label', 'tier', 'confidence']) expect(count(line, key)).toBe(1);
    expect(JSON.parse(lines[0])).toEqual({ msg: 'User User12 logged in.', original_target_label: 'old', original_tier: 'x', target_label: 'User Action', tier: 'regex', confidence: 1 });
    // A line without those keys is its own text and the added keys.
    expect(lines[1].startsWith('{"msg":"Backup completed","target_label":')).toBe(true);
    // Past the lines the header is read from, the key is renamed all the same, without a warning.
    expect(JSON.parse(lines[22])).toMatchObject({ original_target_label: 'later', target_label: expect.any(String) });
    expect(summary.warnings).toEqual([{ row: 0, message: 'The input already has target_label, tier; kept as original_… columns.' }]);
    // Without --explain the run adds no tier: the input's stays as it is.
    const plain = await chunkedOutput(ndjson, { chunkBytes: 1 << 20, format: 'ndjson', output: 'ndjson' });
    expect(JSON.parse(plain.text.split('\n')[0])).toMatchObject({ original_target_label: 'old', tier: 'x', target_label: 'User Action' });
  });

  it('turns CSV into NDJSON in the CLI, standard input to standard output', () => {
    const csv = csvLine(['source', 'log_message']) + csvLine(['App', 'User User12 logged in.']) + csvLine(['Sys', 'disk "full", again']);
    const run = spawnSync(process.execPath, [resolve(root, 'bin/logsift.js'), 'classify', '-', '--format', 'ndjson', '--explain'], { input: csv, encoding: 'utf8' });
    expect(run.status).toBe(0);
    const objects = run.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(objects).toHaveLength(2);
    expect(objects[1]).toMatchObject({ source: 'Sys', log_message: 'disk "full", again', tier: expect.any(String) });
    const ndjson = spawnSync(process.execPath, [resolve(root, 'bin/logsift.js'), 'classify', '-', '--input-format', 'ndjson'], { input: text, encoding: 'utf8' });
    expect(ndjson.status).toBe(0);
    expect(ndjson.stdout.trim().split('\n')).toHaveLength(5);
    expect(ndjson.stderr).toMatch(/row 2 is not a JSON object/);
  }, 120_000);
});

describe('results read back from the file', () => {
  it('keeps only columns, reads row text lazily, searches and snapshots', async () => {
    const { text, messages } = generatedCsv(5000, 'lazy');
    const blob = new Blob([text]);
    const input = await opened(blob, 'csv', 4096);
    const cls = new Classifier(bundle());
    const processor = new LocalChunkProcessor(cls, input.format, { explain: false, columns: outputHeaderOf(input.format, false).columns });
    const results = new ScaleResults();
    results.begin(blob);
    const summary = await runChunked({ input, processor, explain: false, onChunk: (o, first) => results.append(o, first) });
    results.finish(summary.chunks);
    expect(results.size).toBe(5000);
    expect(results.columnBytes).toBe(5000 * 7);

    expect(await results.query({})).toBe(5000);
    const far = await results.rows(4990, 20);
    expect(far).toHaveLength(10);
    expect(far.map((r) => r.message)).toEqual(messages.slice(4990));
    expect(far[9].row).toBe(5000);

    const needle = 'timeout';
    const expected = messages.map((m, i) => [m, i] as const).filter(([m]) => m.toLowerCase().includes(needle));
    expect(await results.query({ search: 'TimeOut' })).toBe(expected.length);
    expect((await results.rows(0, 3)).map((r) => r.index)).toEqual(expected.slice(0, 3).map(([, i]) => i));
    expect(await results.query({ search: 'no such text anywhere' })).toBe(0);
    const regex = summary.byTier.regex;
    expect(await results.query({ tier: 'regex' })).toBe(regex);

    // A newer query stops an older one.
    const older = results.query({ search: 'a' });
    const newer = results.query({ search: 'b' });
    await expect(older).rejects.toThrow(/Cancelled/);
    expect(await newer).toBeGreaterThan(0);

    const snap = await results.snapshot();
    expect(snap.messages).toEqual(messages);
    expect(snap.ruleMatched.reduce((s, v) => s + v, 0)).toBe(regex);
  }, 120_000);

  it('reads UTF-16 files (LE and BE) as they stream, as their UTF-8 text, and reads rows back from the UTF-16 bytes', async () => {
    // Characters of two and three UTF-8 bytes and beyond the BMP (a surrogate pair in UTF-16), and
    // fields with newlines in them.
    let text = csvLine(['timestamp', 'source', 'log_message', 'note']);
    const messages: string[] = [];
    let i = 0;
    for (const log of generateLogs({ rows: 3000, seed: 'utf16' })) {
      const message = ++i % 3 === 0 ? `Dépôt ✓ 😀 ${log.log_message}` : log.log_message;
      messages.push(message);
      text += csvLine([log.timestamp, log.source, message, i % 7 === 0 ? `multi\nline "${i}"` : `n${i}`]);
    }
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const be = Buffer.from(le.subarray(0, le.length)).swap16();
    const utf8 = await chunkedOutput(text, { chunkBytes: 4096, explain: true });
    for (const bytes of [le, be]) {
      // Read in odd pieces: code units and surrogate pairs are split between pieces.
      const streamed = await opened(bytesIn(bytes, 4097), 'csv', 4096);
      expect(streamed.format.encoding).toBe(bytes === le ? 'utf-16le' : 'utf-16be');
      const blob = new Blob([bytes]);
      const input = await opened(blob, 'csv', 4096);
      const cls = new Classifier(bundle());
      const explain = true;
      const processor = new LocalChunkProcessor(cls, input.format, { explain, columns: outputHeaderOf(input.format, explain).columns });
      const results = new ScaleResults();
      results.begin(blob);
      let out = '';
      let bytesDone = 0;
      const summary = await runChunked({
        input,
        processor,
        explain,
        onOutput: (d) => void (out += typeof d === 'string' ? d : dec.decode(d)),
        onChunk: (o, first) => results.append(o, first),
        onProgress: (p) => void (bytesDone = p.bytesDone),
      });
      results.finish(summary.chunks);
      expect(out).toBe(utf8.text);
      expect(summary.byLabel).toEqual(utf8.summary.byLabel);
      expect(bytesDone).toBe(bytes.length);
      const streamedOut: string[] = [];
      await runChunked({ input: streamed, processor: new LocalChunkProcessor(new Classifier(bundle()), streamed.format, { explain, columns: outputHeaderOf(streamed.format, explain).columns }), explain, onOutput: (d) => void streamedOut.push(typeof d === 'string' ? d : dec.decode(d)) });
      expect(streamedOut.join('')).toBe(utf8.text);
      // Rows read back from the UTF-16 file, near its start and its end.
      expect(await results.query({})).toBe(messages.length);
      expect((await results.rows(0, 5)).map((r) => r.message)).toEqual(messages.slice(0, 5));
      expect((await results.rows(messages.length - 5, 5)).map((r) => r.message)).toEqual(messages.slice(-5));
      expect(await results.query({ search: '😀' })).toBe(messages.filter((m) => m.includes('😀')).length);
    }
  }, 120_000);

  it('finds a search text in cells the quotes of their row split (text after a closing quote)', async () => {
    const { text } = generatedCsv(2000, 'quoted-search');
    const csv = text + 'now,web,"GET /x HTTP/1.1" 404 NotFound\n' + 'now,web,say ""hi"" there\n';
    const blob = new Blob([csv]);
    const input = await opened(blob, 'csv', 4096);
    const processor = new LocalChunkProcessor(new Classifier(bundle()), input.format, { explain: false, columns: outputHeaderOf(input.format, false).columns });
    const results = new ScaleResults();
    results.begin(blob);
    const summary = await runChunked({ input, processor, explain: false, onChunk: (o, first) => results.append(o, first) });
    results.finish(summary.chunks);
    expect(await results.query({ search: 'HTTP/1.1 404 notfound' })).toBe(1);
    expect((await results.rows(0, 1))[0].message).toBe('GET /x HTTP/1.1 404 NotFound');
    expect(await results.query({ search: 'say ""hi""' })).toBe(1);
  });

  it('writes output to memory where there is no OPFS', async () => {
    const sink = await openOutputSink();
    expect(sink.kind).toBe('memory');
    sink.write('a,b\n');
    sink.write(enc.encode('c,d\n'));
    expect(await (await sink.finish()).text()).toBe('a,b\nc,d\n');
  });
});
