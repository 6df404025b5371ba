/**
 * Saving a big output where the user picks, streamed: the File System Access API's save
 * picker where the browser has it (Chromium). The picker must open from the click itself, before
 * any await; the file is then written from the output's stream, never held whole in memory.
 */
interface SaveFileHandle {
  /** The name the user gave the file. */
  name?: string;
  createWritable(): Promise<WritableStream<Uint8Array>>;
}
type ShowSaveFilePicker = (options: { suggestedName: string; types?: { description: string; accept: Record<string, string[]> }[] }) => Promise<SaveFileHandle>;

export function canPickSaveLocation(): boolean {
  return typeof (globalThis as { showSaveFilePicker?: unknown }).showSaveFilePicker === 'function';
}

/** Opens the picker (call it first thing in a click handler); null when the user cancels it. */
export async function pickSaveLocation(suggestedName: string): Promise<SaveFileHandle | null> {
  const pick = (globalThis as unknown as { showSaveFilePicker: ShowSaveFilePicker }).showSaveFilePicker;
  try {
    return await pick({ suggestedName, types: [{ description: 'CSV file', accept: { 'text/csv': ['.csv'] } }] });
  } catch (error) {
    if ((error as Error).name === 'AbortError') return null;
    throw error;
  }
}

/** Streams `blob` (the OPFS output file) into the picked file. */
export async function writeToPicked(handle: SaveFileHandle, blob: Blob): Promise<void> {
  const writable = await handle.createWritable();
  await blob.stream().pipeTo(writable);
}
