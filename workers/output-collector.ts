/**
 * Collects the output CSV's text chunks into a Blob. Text is folded into Blob parts every few
 * megabytes so that a million-row output is not held twice as JS strings.
 */
export class OutputCollector {
  private parts: Blob[] = [];
  private pending: (string | Uint8Array<ArrayBuffer>)[] = [];
  private pendingLength = 0;

  constructor(private readonly flushAt = 4 * 1024 * 1024) {}

  push(chunk: string | Uint8Array<ArrayBuffer>): void {
    this.pending.push(chunk);
    this.pendingLength += chunk.length;
    if (this.pendingLength >= this.flushAt) this.flush();
  }

  finish(): Blob {
    this.flush();
    return new Blob(this.parts, { type: 'text/csv;charset=utf-8' });
  }

  private flush(): void {
    if (this.pending.length === 0) return;
    this.parts.push(new Blob(this.pending));
    this.pending = [];
    this.pendingLength = 0;
  }
}
