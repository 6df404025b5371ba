/**
 * The API key never shows in an error message, whatever the server puts in its body: the key
 * plain, JSON-escaped (once or twice), URL-encoded, as HTML entities, with tags inside it, in
 * pieces, anywhere – also where the message is cut. "Never shows" is checked strictly: no 4
 * consecutive characters of the key survive, in the text as it is or as a reader would decode it.
 */
import { describe, expect, it } from 'vitest';
import { hideSecret, MIN_RUN } from '../../../src/core/llm/hide-secret.ts';
import { LlmHttpError, OpenAiClient } from '../../../src/core/llm/openai-client.ts';

// Characters that JSON, URLs and HTML each write differently.
const KEY = 'gsk_e2e/SECRET+9f8e=7d6c_a1b2"q&Z';
const FILLER =
  'The request could not be completed because the credentials supplied with it were not accepted by this service. ' +
  'Check the account settings, make sure the value is copied without spaces, and try again later. If the problem ' +
  'persists, contact support with the request id shown below and the time of the failure. Thank you for waiting. ';

const hex = (c: string) => c.charCodeAt(0).toString(16).padStart(2, '0');

/** The key in every spelling a body may use. */
const FORMS: Record<string, string> = {
  plain: KEY,
  'JSON string': JSON.stringify(KEY).slice(1, -1).replace(/\//g, '\\/'),
  'JSON \\u escapes': [...KEY].map((c) => `\\u00${hex(c)}`).join(''),
  'JSON, some escaped': [...KEY].map((c, i) => (i % 3 === 0 ? `\\u00${hex(c)}` : c === '"' ? '\\"' : c)).join(''),
  'URL-encoded': encodeURIComponent(KEY),
  'all percent-encoded': [...KEY].map((c) => `%${hex(c).toUpperCase()}`).join(''),
  'HTML entities': KEY.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/\//g, '&#47;').replace(/\+/g, '&#x2B;'),
  'HTML with tags inside': [...KEY].map((c, i) => (i % 5 === 4 ? `<b>${c}</b>` : c === '&' ? '&amp;' : c)).join(''),
  'HTML with a line break and a span inside': `${KEY.slice(0, 9)}<span class="k">\n${KEY.slice(9, 20)}</span>${KEY.slice(20)}`,
  mixed: [...KEY].map((c, i) => [c, `%${hex(c)}`, `&#${c.charCodeAt(0)};`, `<i></i>${c}`][i % 4]).join(''),
  'its first characters': KEY.slice(0, 12),
  'its last characters': KEY.slice(-8),
  'a server-masked key': `${KEY.slice(0, 8)}**********${KEY.slice(-4)}`,
};

/** The text as a reader would see it: tags dropped, URL, JSON and HTML escapes decoded. */
function decoded(text: string): string {
  return text
    .replace(/<[^<>]*>/g, '')
    .replace(/\s+/g, '')
    .replace(/%([0-9a-fA-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)))
    .replace(/\\u([0-9a-fA-F]{4})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)))
    .replace(/\\(["/\\])/g, '$1')
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCharCode(Number(d)))
    .replace(/&#x([0-9a-fA-F]+);/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16)))
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}

/** Every run of MIN_RUN characters of the key found in `text` or its decoded form. */
function keyPieces(text: string): string[] {
  const found: string[] = [];
  for (const view of [text, decoded(text)]) {
    for (let i = 0; i + MIN_RUN <= KEY.length; i++) if (view.includes(KEY.slice(i, i + MIN_RUN))) found.push(KEY.slice(i, i + MIN_RUN));
  }
  return found;
}

/** Positions to put the key at: the start, everywhere around the 300-character cut, the end. */
const POSITIONS = [0, 1, 37, 120, ...Array.from({ length: 60 }, (_, i) => 250 + i), 299, 300, 301, FILLER.length];

describe('hideSecret', () => {
  it('the check itself finds every form of the key before it is hidden', () => {
    for (const [name, form] of Object.entries(FORMS)) expect(keyPieces(form), name).not.toEqual([]);
  });

  it('leaves no 4 characters of the key, in any form, at any position', () => {
    for (const [name, form] of Object.entries(FORMS)) {
      for (const at of POSITIONS) {
        const text = FILLER.slice(0, at) + form + FILLER.slice(at);
        expect(keyPieces(hideSecret(text, KEY)), `${name} at ${at}`).toEqual([]);
      }
    }
  });

  it('keeps the rest of the text as it was', () => {
    const text = `Invalid key ${FORMS['HTML with tags inside']} for <b>this</b> account &amp; region %41.`;
    expect(hideSecret(text, KEY)).toBe('Invalid key *** for <b>this</b> account &amp; region %41.');
    expect(hideSecret(FILLER, KEY)).toBe(FILLER);
    expect(hideSecret(`${KEY}${KEY}`, KEY)).toBe('******');
    // Any piece of 4 or more: the server's own masking, or a body cut short.
    expect(hideSecret('Key gsk_e2e/SE… refused', KEY)).toBe('Key ***… refused');
    // A key too short to tell apart from ordinary text is left alone.
    expect(hideSecret('abc abc', 'abc')).toBe('abc abc');
  });

  it('is linear on long bodies', () => {
    const body = `${'<'.repeat(50_000)}${'%4'.repeat(50_000)}${'a'.repeat(100_000)}${KEY}`;
    const t0 = performance.now();
    expect(hideSecret(body, 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab').length).toBeGreaterThan(0);
    expect(hideSecret(body, KEY).endsWith('***')).toBe(true);
    expect(performance.now() - t0).toBeLessThan(2000);
  });
});

describe('the client’s errors never hold the key', () => {
  /** An error body the server sends: plain text, OpenAI's JSON, or an HTML page. */
  const BODIES: Record<string, (text: string) => string> = {
    text: (text) => text,
    'OpenAI JSON': (text) => `{"error":{"message":"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}","type":"invalid_request_error"}}`,
    'raw JSON text': (text) => `{"error":{"message":"${text}"}}`,
    'HTML page': (text) => `<!doctype html><html><head><title>401</title></head><body><h1>Unauthorized</h1><p>${text}</p></body></html>`,
  };

  it('for the key in every form and position of a 401, 400 or 500 body', async () => {
    let checked = 0;
    for (const [bodyName, wrap] of Object.entries(BODIES)) {
      for (const [name, form] of Object.entries(FORMS)) {
        for (const at of POSITIONS) {
          const body = wrap(FILLER.slice(0, at) + form + FILLER.slice(at));
          for (const status of [401, 400, 500]) {
            const client = new OpenAiClient({
              baseUrl: 'https://llm.example/v1',
              apiKey: KEY,
              model: 'm',
              retries: 0,
              fetch: async () => new Response(body, { status }),
            });
            const error = await client.listModels().catch((e: unknown) => e);
            expect(error).toBeInstanceOf(LlmHttpError);
            expect(keyPieces((error as Error).message), `${bodyName}, ${name} at ${at}, ${status}: ${(error as Error).message}`).toEqual([]);
            checked++;
          }
        }
      }
    }
    expect(checked).toBe(Object.keys(BODIES).length * Object.keys(FORMS).length * POSITIONS.length * 3);
  });

  it('for a network error that quotes the key', async () => {
    const client = new OpenAiClient({
      baseUrl: 'https://llm.example/v1',
      apiKey: KEY,
      model: 'm',
      retries: 0,
      fetch: async () => {
        throw new TypeError(`fetch failed: header Authorization: Bearer ${encodeURIComponent(KEY)}, key ${FORMS['HTML with tags inside']} ${FILLER}`);
      },
    });
    const error = (await client.listModels().catch((e: unknown) => e)) as Error;
    expect(error.message).toMatch(/could not be reached/);
    expect(keyPieces(error.message)).toEqual([]);
  });
});
