/**
 * A progress line on standard error while a long input is read: bytes and lines so far, rewritten
 * in place. Only on a terminal – a log or a pipe gets the summary alone.
 */
export interface ProgressLine {
  update(bytesDone: number, lines: number): void;
  done(): void;
}

/** At most one redraw per this many milliseconds. */
const INTERVAL_MS = 250;

export function progressLine(bytesTotal: number, stream: NodeJS.WriteStream = process.stderr): ProgressLine {
  if (!stream.isTTY) return { update() {}, done() {} };
  let last = 0;
  let shown = false;
  return {
    update(bytesDone, lines) {
      const now = Date.now();
      if (now - last < INTERVAL_MS) return;
      last = now;
      shown = true;
      const share = bytesTotal > 0 ? ` (${Math.min(100, Math.floor((bytesDone / bytesTotal) * 100))}%)` : '';
      stream.write(`\r${lines.toLocaleString('en-US')} lines read${share}\x1b[K`);
    },
    done() {
      if (shown) stream.write('\r\x1b[K');
    },
  };
}
