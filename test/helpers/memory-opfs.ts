/**
 * An OPFS directory in memory whose sync access handle copies what it is given, as the browser's
 * does. `capacity`: the bytes the storage takes in all; past them a write takes nothing, as a
 * full disk or quota leaves it.
 */
export function memoryOpfs(capacity = Infinity) {
  const files = new Map<string, Uint8Array<ArrayBuffer>>();
  let used = 0;
  return {
    files,
    async getFileHandle(name: string) {
      return {
        async createSyncAccessHandle() {
          let bytes = new Uint8Array(new ArrayBuffer(0));
          files.set(name, bytes);
          return {
            write(data: Uint8Array, options?: { at?: number }) {
              const at = options?.at ?? 0;
              const room = Math.max(0, Math.min(data.length, capacity - used));
              if (at + room > bytes.length) {
                const grown = new Uint8Array(new ArrayBuffer(Math.max(at + room, bytes.length * 2)));
                grown.set(bytes);
                bytes = grown;
              }
              bytes.set(data.subarray(0, room), at);
              used += room;
              return room;
            },
            truncate: (size: number) => void (bytes = bytes.slice(0, size)),
            close: () => void files.set(name, bytes),
          };
        },
        getFile: async () => new File([files.get(name) ?? new Uint8Array(0)], name),
      };
    },
    async removeEntry(name: string) {
      files.delete(name);
    },
    async *keys() {
      yield* files.keys();
    },
  };
}
