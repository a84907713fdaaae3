// Lines kept in a temporary file rather than in memory, read back one at a time: what
// results.xlsx needs of 100,000 people is written as they are evaluated and laid out into
// sheets at the end, without holding the body.
import { closeSync, openSync, readSync, rmSync, writeSync } from 'node:fs';

/** Pending text is written once it reaches this many characters. */
const FLUSH_AT = 1 << 20;
const READ_CHUNK = 1 << 20;

export class LineSpool {
  private fd?: number;
  private pending: string[] = [];
  private pendingSize = 0;

  constructor(readonly path: string) {
    this.fd = openSync(path, 'w+');
  }

  /** One line (without its line feed). */
  append(line: string): void {
    this.pending.push(line, '\n');
    this.pendingSize += line.length + 1;
    if (this.pendingSize >= FLUSH_AT) this.flush();
  }

  /** Whole lines, each ending in a line feed, as UTF-8 bytes. */
  appendBytes(bytes: Uint8Array): void {
    this.flush();
    writeAll(this.fd!, bytes);
  }

  private flush(): void {
    if (this.pending.length === 0) return;
    writeAll(this.fd!, Buffer.from(this.pending.join('')));
    this.pending = [];
    this.pendingSize = 0;
  }

  /** Every line in order. */
  forEach(visit: (line: string) => void): void {
    for (const line of this.lines()) visit(line);
  }

  /** Every line in order, one at a time. */
  *lines(): Generator<string> {
    this.flush();
    let chunk = Buffer.allocUnsafe(READ_CHUNK);
    // Bytes of a line begun in the previous chunk are moved to the front of the next.
    let kept = 0;
    for (let position = 0; ;) {
      if (kept === chunk.length) {
        const bigger = Buffer.allocUnsafe(chunk.length * 2);
        chunk.copy(bigger, 0, 0, kept);
        chunk = bigger;
      }
      const n = readSync(this.fd!, chunk, kept, chunk.length - kept, position);
      const end = kept + n;
      position += n;
      let start = 0;
      for (let lf = chunk.indexOf(0x0a, start); lf >= 0 && lf < end; lf = chunk.indexOf(0x0a, start)) {
        if (lf > start) yield chunk.toString('utf8', start, lf);
        start = lf + 1;
      }
      if (n === 0) {
        if (end > start) yield chunk.toString('utf8', start, end);
        return;
      }
      kept = end - start;
      chunk.copy(chunk, 0, start, end);
    }
  }

  close(): void {
    if (this.fd === undefined) return;
    closeSync(this.fd);
    this.fd = undefined;
    rmSync(this.path, { force: true });
  }
}

function writeAll(fd: number, bytes: Uint8Array): void {
  for (let done = 0; done < bytes.length;) done += writeSync(fd, bytes, done, bytes.length - done);
}
