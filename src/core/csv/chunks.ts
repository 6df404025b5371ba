/**
 * Reads any input as a sequence of decoded text chunks, so nothing ever holds a whole file:
 * a Blob/File (browser, worker, Node) is read slice by slice, a Node stream or any async
 * iterable of bytes as it comes, a string in slices. UTF-16 files are recognised by their BOM;
 * everything else is read as UTF-8, with invalid bytes replaced rather than fatal.
 */

export type InputSource = Blob | string | AsyncIterable<Uint8Array | string>;

export interface TextChunk {
  text: string;
  /** Input bytes (characters, for a string) consumed so far. */
  bytesDone: number;
}

export const CHUNK_BYTES = 1 << 20;

export function inputSize(input: InputSource): number | null {
  if (typeof input === 'string') return input.length;
  if (typeof Blob !== 'undefined' && input instanceof Blob) return input.size;
  return null;
}

function encodingOf(firstBytes: Uint8Array): string {
  if (firstBytes[0] === 0xff && firstBytes[1] === 0xfe) return 'utf-16le';
  if (firstBytes[0] === 0xfe && firstBytes[1] === 0xff) return 'utf-16be';
  return 'utf-8';
}

async function* byteChunks(input: Exclude<InputSource, string>, chunkBytes: number): AsyncGenerator<Uint8Array | string> {
  if (typeof Blob !== 'undefined' && input instanceof Blob) {
    for (let offset = 0; offset < input.size; offset += chunkBytes) {
      yield new Uint8Array(await input.slice(offset, offset + chunkBytes).arrayBuffer());
    }
    return;
  }
  yield* input as AsyncIterable<Uint8Array | string>;
}

export async function* textChunks(input: InputSource, chunkBytes = CHUNK_BYTES): AsyncGenerator<TextChunk> {
  if (typeof input === 'string') {
    // Strip a BOM the way the byte decoder does, so every input kind yields the same text.
    const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
    for (let offset = 0; offset < text.length; offset += chunkBytes) {
      yield { text: text.slice(offset, offset + chunkBytes), bytesDone: Math.min(text.length, offset + chunkBytes) };
    }
    return;
  }
  let decoder: TextDecoder | null = null;
  let bytesDone = 0;
  for await (const chunk of byteChunks(input, chunkBytes)) {
    if (typeof chunk === 'string') {
      bytesDone += chunk.length;
      yield { text: chunk, bytesDone };
      continue;
    }
    decoder ??= new TextDecoder(encodingOf(chunk));
    bytesDone += chunk.byteLength;
    yield { text: decoder.decode(chunk, { stream: true }), bytesDone };
  }
  const rest = decoder?.decode() ?? '';
  if (rest) yield { text: rest, bytesDone };
}
