/**
 * The chunked pipeline: row-aligned chunks (quotes, newlines in fields, mixed line endings), the
 * same output whatever the chunk size (against runClassification, which reads 1 MiB chunks in this
 * thread), input order kept by a pool whose workers finish out of order, each masked key embedded
 * once over the pool. NDJSON in and out and the results store that reads row text back from the
 * file are in scale-ndjson.test.ts.
 */
import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { Classifier } from '../../../src/core/classifier.ts';
import { csvLine } from '../../../src/core/csv/format.ts';
import { runClassification } from '../../../src/core/run.ts';
import { ChunkBuffers } from '../../../src/core/scale/chunk-buffers.ts';
import { ChunkClassifier } from '../../../src/core/scale/chunk.ts';
import { LocalChunkProcessor } from '../../../src/core/scale/local.ts';
import { WorkerPoolProcessor } from '../../../src/core/scale/pool.ts';
import { chunkOfRow, outputHeaderOf, runChunked } from '../../../src/core/scale/run-chunked.ts';
import { firstRowEnd, rowAlignedChunks, RowEndScanner } from '../../../src/core/scale/split.ts';
import { inThreadPorts } from '../../helpers/in-thread-pool.ts';
import { bundle, BUNDLE_JSON, bytesIn, chunkedOutput, dec, enc, generatedCsv, opened } from '../../helpers/chunked-run.ts';

async function* bytesOf(text: string, piece = 7): AsyncGenerator<Uint8Array> {
  yield* bytesIn(enc.encode(text), piece);
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
