/**
 * The chunked run on NDJSON input and output, and results read back from the file by byte range
 * (rows, search, far rows). Chunks, the run and reading ahead are in scale.test.ts.
 */
import { resolve } from 'node:path';
import { spawnSync } from 'node:child_process';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { Classifier } from '../../../src/core/classifier.ts';
import { csvLine } from '../../../src/core/csv/format.ts';
import { generateLogs } from '../../../src/core/generate/generator.ts';
import { LocalChunkProcessor } from '../../../src/core/scale/local.ts';
import { outputHeaderOf, runChunked } from '../../../src/core/scale/run-chunked.ts';
import { ScaleResults } from '../../../workers/scale-results.ts';
import { openOutputSink } from '../../../workers/output-sink.ts';
import { bundle, bytesIn, chunkedOutput, dec, enc, generatedCsv, opened, root } from '../../helpers/chunked-run.ts';

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

    // Pattern discovery's read-back: every message, in order, a chunk at a time.
    const back = results.readBack();
    const readMessages: string[] = [];
    for await (const chunk of back.chunks()) readMessages.push(...chunk.messages);
    expect(readMessages.slice(0, back.rows)).toEqual(messages);
    expect(back.ruleMatched.reduce((s, v) => s + v, 0)).toBe(regex);
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
