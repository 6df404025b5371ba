/**
 * How logsift reads CSV (docs/user-guide.md, "Reading CSV"), and that every way in gives the same rows:
 * the rules on the cases the README names; the same reading as papaparse's whole-file mode on
 * well-formed CSV; the lean reading (the workers') the same as the whole one; the chunk
 * splitter's row ends the reader's, whatever pieces the bytes come in; and the whole pipeline –
 * a file or a stream in any pieces, any chunk size, in this thread or on a pool of 1–3 workers –
 * giving the same output, which a standard reader (papaparse, whole file) reads back as one row
 * per input row with its label in target_label.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { parseBundle } from '../../../src/core/bundle.ts';
import { Classifier } from '../../../src/core/classifier.ts';
import { detectDialect } from '../../../src/core/csv/detect.ts';
import { readCsvRows, readDelimited } from '../../../src/core/csv/read.ts';
import { openChunkedInput } from '../../../src/core/scale/input.ts';
import { LocalChunkProcessor } from '../../../src/core/scale/local.ts';
import { WorkerPoolProcessor } from '../../../src/core/scale/pool.ts';
import { outputHeaderOf, runChunked } from '../../../src/core/scale/run-chunked.ts';
import { rowAlignedChunks } from '../../../src/core/scale/split.ts';
import { inThreadPorts } from '../../helpers/in-thread-pool.ts';

const BUNDLE_JSON = readFileSync(resolve(import.meta.dirname, '../../../public/default-bundle.json'), 'utf8');
const bundle = parseBundle(BUNDLE_JSON);
const enc = new TextEncoder();
const dec = new TextDecoder();

const read = (text: string, width = 0) => readCsvRows(text, { delimiter: ',', newline: '\n', width });

describe('the reading rules', () => {
  it('ends a row at every LF, CR LF or lone CR outside quotes, and names the rows that end otherwise than the file', () => {
    const r = read('a,b\r\nc,d\ne,"f\r\ng"\rh,i');
    expect(r.rows).toEqual([['a', 'b'], ['c', 'd'], ['e', 'f\r\ng'], ['h', 'i']]);
    expect(r.problems).toEqual([
      { index: 0, message: expect.stringMatching(/^ends in CR LF where the file's lines end in LF/) },
      { index: 2, message: expect.stringMatching(/^ends in CR where/) },
    ]);
  });

  it('reads a header that ends in CR LF above rows that end in LF as one row each', async () => {
    const input = await openChunkedInput('source,log_message\r\nA,one\nB,two\nC,three\n', 'csv');
    expect(input.format.header).toEqual(['source', 'log_message']);
    expect(input.format.newline).toBe('\n');
    expect(input.headerProblems).toEqual([expect.stringMatching(/^ends in CR LF/)]);
    const rows = [];
    for await (const chunk of input.chunks) rows.push(...read(dec.decode(chunk.bytes), 2).rows);
    expect(rows).toEqual([['A', 'one'], ['B', 'two'], ['C', 'three']]);
  });

  it('opens a quoted field only at a field start; text after its closing quote stays in the field', () => {
    const r = read('1,"GET /x HTTP/1.1" 404,ok\n2,say "hi" now,ok\n3,"a ""quoted"" word",ok\n');
    expect(r.rows).toEqual([
      ['1', 'GET /x HTTP/1.1 404', 'ok'],
      ['2', 'say "hi" now', 'ok'],
      ['3', 'a "quoted" word', 'ok'],
    ]);
    expect(r.problems).toEqual([{ index: 0, message: 'has text after the closing quote of field 2; it is kept in that field' }]);
  });

  it('reads a quote never closed to the end of the text, and says so', () => {
    const r = read('1,ok\n2,"never closed\n3,x\n');
    expect(r.rows).toEqual([['1', 'ok'], ['2', 'never closed\n3,x\n']]);
    expect(r.problems).toEqual([{ index: 1, message: expect.stringMatching(/never closed: the rest of the file/) }]);
  });

  it('keeps every row in the header’s columns: short rows padded, a long row’s extra fields in its last cell as written', () => {
    const r = read('a\na,b,c\na,b,"c,d",e\n', 3);
    expect(r.rows).toEqual([['a', '', ''], ['a', 'b', 'c'], ['a', 'b', '"c,d",e']]);
    expect(Array.from(r.fieldCounts)).toEqual([1, 3, 4]);
  });

  it('skips blank rows: empty, spaces only, or one empty quoted field', () => {
    expect(read('a\n\n  \n""\n\t\r\nb\n').rows).toEqual([['a'], ['b']]);
  });

  it('guesses the delimiter from the first rows, by the same quoting', () => {
    expect(detectDialect('a;b;c\n1;"x;y";3\n').delimiter).toBe(';');
    expect(detectDialect('a\tb\n1\t2\n').delimiter).toBe('\t');
    expect(detectDialect('a|b\n1|2\n').delimiter).toBe('|');
    expect(detectDialect('log_message\nhello\n').delimiter).toBe(',');
    // The header's delimiter wins over ragged data rows that another delimiter would make steady.
    expect(detectDialect('source,log_message,n\n;;"\nUser User7 logged in.').delimiter).toBe(',');
    expect(detectDialect('a;b,c\n1;2\n3;4\n').delimiter).toBe(';');
    expect(detectDialect('a,b\r\nc,d\r\ne,f\n').newline).toBe('\r\n');
  });
});

/** Text with every hazard: quotes anywhere, mixed line endings, delimiters, blank lines, non-ASCII. */
const hostileText = fc
  .array(fc.constantFrom('a', 'b', ',', '"', '\n', '\r', '\r\n', ' ', 'é', '😀', '""', '=1', '"GET /x" 404', ';'), { maxLength: 60 })
  .map((tokens) => tokens.join(''));

describe('one reading everywhere', () => {
  it('reads well-formed CSV as papaparse reads the whole file', () => {
    const cell = fc.oneof(fc.constantFrom('', 'a', 'x"y', 'two\nlines', 'cr\r\nlf', ' spaced ', 'é ü', '=1+1', '"quoted"'), fc.string({ maxLength: 10 }));
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 2, maxLength: 4 }), { maxLength: 20 }), fc.constantFrom('\n', '\r\n'), (rows, newline) => {
        const quote = (v: string) => (/^$|[",\r\n]|^\s|\s$/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
        const text = rows.map((r) => r.map(quote).join(',')).join(newline) + newline;
        const papa = Papa.parse<string[]>(text, { delimiter: ',', newline: newline as '\n', skipEmptyLines: true }).data;
        expect(readCsvRows(text, { delimiter: ',' }).rows).toEqual(papa);
      }),
      { numRuns: 500 },
    );
  });

  // Python's csv module is the reference reading; CI machines that have no Python skip this.
  const PYTHON = '/usr/bin/python3';
  it.skipIf(!existsSync(PYTHON))('reads any text as Python’s csv module does (blank rows left out)', () => {
    const texts = fc.sample(hostileText, { numRuns: 3000, seed: 16 });
    const script = 'import csv, io, json, sys\nprint(json.dumps([list(csv.reader(io.StringIO(t, newline=""))) for t in json.load(sys.stdin)]))';
    const python: string[][][] = JSON.parse(execFileSync(PYTHON, ['-c', script], { input: JSON.stringify(texts), maxBuffer: 1 << 26 }).toString());
    texts.forEach((text, i) => {
      const rows = python[i].filter((row) => !(row.length === 0 || (row.length === 1 && row[0].trim() === '')));
      expect(readCsvRows(text, { delimiter: ',' }).rows, JSON.stringify(text)).toEqual(rows);
    });
  });

  it('reads lean (the pool workers’ way) exactly as it reads whole', () => {
    fc.assert(
      fc.property(hostileText, fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 3 }), fc.integer({ min: -1, max: 3 }), (text, width, m, s) => {
        const message = Math.min(m, Math.max(0, width - 1));
        const source = s >= 0 && width > 0 ? Math.min(s, width - 1) : -1;
        const whole = readDelimited(text, { delimiter: ',', newline: '\n', width, all: true });
        const lean = readDelimited(text, { delimiter: ',', newline: '\n', width, pick: source >= 0 ? [message, source] : [message], spans: source >= 0 ? source : undefined });
        expect(lean.count).toBe(whole.count);
        expect(lean.picked[0]).toEqual(whole.rows.map((row) => row[message] ?? ''));
        // A cell kept as where it is in the text (a time read in place) is the same cell.
        if (source >= 0) {
          const { from, to, texts } = lean.spans!;
          expect(whole.rows.map((_, i) => (from[i] >= 0 ? text.slice(from[i], to[i]) : texts.get(i)))).toEqual(whole.rows.map((row) => row[source]));
        }
        if (source >= 0) expect(lean.picked[1]).toEqual(whole.rows.map((row) => row[source]));
        for (const key of ['fieldCounts', 'starts', 'ends', 'flags', 'problems'] as const) expect(lean[key]).toEqual(whole[key]);
        // A row's own text reads as the same row (how a row that must be written anew is read).
        whole.rows.forEach((row, i) => expect(readDelimited(text.slice(whole.starts[i], whole.ends[i]), { delimiter: ',', width, all: true }).rows[0]).toEqual(row));
      }),
      { numRuns: 3000 },
    );
  });

  it('cuts chunks where the reader ends rows, whatever pieces the bytes come in', async () => {
    await fc.assert(
      fc.asyncProperty(hostileText, fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 4 }), fc.constantFrom(1, 7, 64), async (text, pieces, target) => {
        const whole = read(text, 3);
        const rows: string[][] = [];
        const problems: string[] = [];
        for await (const chunk of rowAlignedChunks(inPieces(enc.encode(text), pieces), { format: 'csv', delimiter: ',' }, target)) {
          const part = read(dec.decode(chunk.bytes), 3);
          for (const p of part.problems) problems.push(`${rows.length + p.index}: ${p.message}`);
          rows.push(...part.rows);
        }
        expect(rows).toEqual(whole.rows);
        expect(problems).toEqual(whole.problems.map((p) => `${p.index}: ${p.message}`));
      }),
      { numRuns: 2000 },
    );
  });
});

async function* inPieces(bytes: Uint8Array, sizes: number[]): AsyncGenerator<Uint8Array> {
  for (let at = 0, k = 0; at < bytes.length; k++) {
    const size = sizes[k % sizes.length];
    yield bytes.slice(at, at + size);
    at += size;
  }
}

/** A whole run of `text`: from a Blob or a stream in pieces, in chunks of `chunkBytes`, here or on `workers` pool workers. */
async function run(text: string, how: { stream?: number[]; chunkBytes: number; workers: number }) {
  const bytes = enc.encode(text);
  const input = await openChunkedInput(how.stream ? inPieces(bytes, how.stream) : new Blob([bytes]), 'csv', how.chunkBytes);
  const settings = { explain: true, columns: outputHeaderOf(input.format, true).columns };
  const processor = how.workers
    ? new WorkerPoolProcessor(inThreadPorts(how.workers), { ...settings, bundleJson: BUNDLE_JSON, format: input.format })
    : new LocalChunkProcessor(new Classifier(bundle), input.format, settings);
  const parts: string[] = [];
  const summary = await runChunked({ input, processor, explain: true, onOutput: (d) => void parts.push(typeof d === 'string' ? d : dec.decode(d)) });
  return { output: parts.join(''), rows: summary.rows, warnings: summary.warnings };
}

describe('the same rows from every way in', () => {
  it('gives the same output for any chunking, stream pieces and worker count, and it reads back one row per input row', async () => {
    const body = fc
      .array(fc.oneof(hostileText, fc.constantFrom('User User7 logged in.', 'Backup completed', '"GET /api HTTP/1.1" 500', 'x,y,z,w')), { maxLength: 12 })
      .map((lines) => lines.join('\n'));
    await fc.assert(
      fc.asyncProperty(
        body,
        fc.constantFrom('\n', '\r\n'),
        fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 3 }),
        fc.integer({ min: 8, max: 200 }),
        fc.integer({ min: 1, max: 3 }),
        async (text, headerEnd, pieces, chunkBytes, workers) => {
          const csv = `source,log_message,n${headerEnd}${text}`;
          const reference = await run(csv, { chunkBytes: 1 << 20, workers: 0 });
          for (const how of [{ chunkBytes, workers: 0 }, { stream: pieces, chunkBytes, workers: 0 }, { chunkBytes, workers }]) {
            expect(await run(csv, how)).toEqual(reference);
          }
          // An independent reader (told the delimiter, which its own guess can get wrong) sees the
          // header, then one row per row counted, each with the header's columns and the three
          // added ones: the label in target_label.
          const back = Papa.parse<string[]>(reference.output, { delimiter: ',' }).data.filter((row) => !(row.length === 1 && row[0] === ''));
          expect(back[0]).toEqual(['source', 'log_message', 'n', 'target_label', 'tier', 'confidence']);
          expect(back).toHaveLength(reference.rows + 1);
          const labels = new Set([...bundle.labels, 'Unclassified']);
          for (const row of back.slice(1)) {
            expect(row).toHaveLength(6);
            expect(labels.has(row[3])).toBe(true);
          }
          // …and the cells the run read.
          const cells = read(csv.slice(csv.indexOf(headerEnd) + headerEnd.length), 3).rows;
          expect(back.slice(1).map((row) => row.slice(0, 3))).toEqual(cells);
        },
      ),
      { numRuns: 120 },
    );
  }, 240_000);

  it('reads 60,001 rows with a stray quote in each as 60,001 rows, from a file or a stream, on any workers', async () => {
    let csv = 'ts,source,log_message\n';
    for (let i = 0; i <= 60_000; i++) csv += `2024-01-01,web,"GET /x/${i} HTTP/1.1" 404 ${i % 7 ? 'ok' : 'slow'}\n`;
    const file = await run(csv, { chunkBytes: 1 << 20, workers: 0 });
    expect(file.rows).toBe(60_001);
    expect(await run(csv, { stream: [65_536, 1000, 7], chunkBytes: 1 << 20, workers: 0 })).toEqual(file);
    expect(await run(csv, { chunkBytes: 100_000, workers: 2 })).toEqual(file);
    expect(file.warnings[0]).toEqual({ row: 1, message: 'has text after the closing quote of field 3; it is kept in that field' });
  }, 120_000);
});
