// Finds the people of an evaluation input without parsing it: the file is read as bytes,
// a chunk at a time, and each person's record is located (byte range, line and column of
// its first character). Everything else in the file is the header (methodology, year,
// units…). The records are then parsed one by one, in workers when it pays
// (src/input/records.ts), so no string ever holds the whole file and memory does not grow
// with the body.
//
// Three layouts are understood:
//   - JSON: an object whose "people" is an array; any layout (one line, pretty, one person a line);
//   - YAML: "people:" at the top level followed by a block list ("  - id: …"), the way
//     people write it; anything else (a flow list, anchors across people…) is read whole;
//   - NDJSON (.ndjson, .jsonl): a header object on the first line, then one person a line.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

export type InputFormat = 'json' | 'yaml' | 'ndjson';

/** Where one person's record is written. */
export interface RecordSpan {
  /** Byte offsets of the record in the file, end exclusive. */
  start: number;
  end: number;
  /** Line (1-based) and column (1-based, in UTF-16 code units like every position of bagalau) of its first character. */
  line: number;
  col: number;
}

/** How a position in the header text maps back to the file. */
export interface HeaderText {
  text: string;
  /** Where, in `text`, the people were cut out (the first position after them)… */
  cutLine: number;
  cutCol: number;
  /** …and where that position is in the file. */
  resumeLine: number;
  resumeCol: number;
}

export const CHUNK_BYTES = 8 << 20;

/** Reads bytes [start, end) of an open file. */
export function readRange(fd: number, start: number, end: number): Buffer {
  const buffer = Buffer.allocUnsafe(end - start);
  let done = 0;
  while (done < buffer.length) {
    const n = readSync(fd, buffer, done, buffer.length - done, start + done);
    if (n === 0) break;
    done += n;
  }
  return done === buffer.length ? buffer : buffer.subarray(0, done);
}

/** Maps a position in the header text to the file. */
export function headerPosition(header: HeaderText, line: number, col: number): { line: number; col: number } {
  if (line < header.cutLine || (line === header.cutLine && col < header.cutCol)) return { line, col };
  if (line === header.cutLine) return { line: header.resumeLine, col: Math.max(1, header.resumeCol + (col - header.cutCol)) };
  return { line: header.resumeLine + (line - header.cutLine), col };
}

/**
 * The people's records of a file, found chunk by chunk: `next()` returns the records found
 * in the next chunk (possibly none), or undefined at the end of the file. `header()` is
 * complete once the scan has ended; `headerPrefix()` (the file up to the people) is known
 * as soon as the first record is.
 */
export interface RecordScanner {
  readonly format: InputFormat;
  readonly size: number;
  readonly fd: number;
  /** Bytes scanned so far. */
  readonly scanned: number;
  next(): RecordSpan[] | undefined;
  /** The header as known so far (before the end of the scan: the part before the people). */
  header(): HeaderText;
  /** True when the file is not laid out as expected (e.g. a YAML flow list of people): read it whole instead. */
  readonly unsupported?: string;
  close(): void;
}

/** `chunkBytes`: how much is read at a time (tests read a few bytes at a time to cross every boundary). */
export function openScanner(file: string, format: InputFormat, chunkBytes = CHUNK_BYTES): RecordScanner {
  const fd = openSync(file, 'r');
  const size = fstatSync(fd).size;
  try {
    if (format === 'json') return new JsonScanner(fd, size, chunkBytes);
    if (format === 'ndjson') return new LineScanner(fd, size, chunkBytes);
    return new YamlScanner(fd, size, chunkBytes);
  } catch (error) {
    closeSync(fd);
    throw error;
  }
}

/** UTF-16 length of bytes [from, to) of `buffer`. */
function units(buffer: Buffer, from: number, to: number): number {
  if (to <= from) return 0;
  let n = 0;
  for (let i = from; i < to; i++) {
    const b = buffer[i];
    if ((b & 0xc0) !== 0x80) n += b >= 0xf0 ? 2 : 1;
  }
  return n;
}

abstract class ChunkedScanner implements RecordScanner {
  abstract readonly format: InputFormat;
  protected buffer: Buffer;
  /** File offset of buffer[0], and how many bytes of the buffer are filled. */
  protected base = 0;
  protected filled = 0;
  scanned = 0;
  unsupported?: string;
  protected prefixEnd = -1;
  protected suffixStart = -1;
  protected cut = { line: 1, col: 1 };
  protected resume = { line: 1, col: 1 };
  protected ended = false;

  constructor(
    readonly fd: number,
    readonly size: number,
    chunkBytes = CHUNK_BYTES,
  ) {
    this.buffer = Buffer.allocUnsafe(chunkBytes);
  }

  protected fill(): boolean {
    if (this.scanned >= this.size) return false;
    this.base = this.scanned;
    this.filled = readSync(this.fd, this.buffer, 0, Math.min(this.buffer.length, this.size - this.scanned), this.scanned);
    if (this.filled === 0) return false;
    return true;
  }

  /** A line longer than the chunk: the chunk grows to hold it. */
  protected grow(): void {
    this.buffer = Buffer.allocUnsafe(this.buffer.length * 2);
  }

  abstract next(): RecordSpan[] | undefined;

  header(): HeaderText {
    const prefixEnd = this.prefixEnd < 0 ? this.size : this.prefixEnd;
    let text = readRange(this.fd, 0, prefixEnd).toString('utf8');
    if (this.prefixEnd >= 0) {
      text += this.closing();
      if (this.suffixStart >= 0) text += readRange(this.fd, this.suffixStart, this.size).toString('utf8');
      else if (!this.ended) text += this.provisionalEnd();
    }
    return {
      text: text.replace(/^\uFEFF/, ''),
      cutLine: this.cut.line,
      cutCol: this.cut.col,
      resumeLine: this.resume.line,
      resumeCol: this.resume.col,
    };
  }

  /** What stands for the people in the header text. */
  protected closing(): string {
    return '';
  }
  /** Before the scan ends, what closes the header text (the rest of the file is not known yet). */
  protected provisionalEnd(): string {
    return '';
  }

  close(): void {
    closeSync(this.fd);
  }
}

/** The bytes that end a run of a JSON string's characters: the quote, the backslash, a line feed. */
const STRING_STOP = new Uint8Array(256);
STRING_STOP[0x22] = 1;
STRING_STOP[0x5c] = 1;
STRING_STOP[0x0a] = 1;

/** Inside a record, the bytes that matter: a quote, a bracket, a line feed. */
const DEEP_STOP = new Uint8Array(256);
for (const b of [0x22, 0x7b, 0x5b, 0x7d, 0x5d, 0x0a]) DEEP_STOP[b] = 1;

/** JSON: a byte-level state machine that follows strings and brackets only. */
class JsonScanner extends ChunkedScanner {
  readonly format = 'json' as const;
  private depth = 0;
  private inString = false;
  private escaped = false;
  private line = 1;
  /** The current line's start and how many UTF-16 units lie between it and `colOffset`. */
  private lineStart = 0;
  private colOffset = 0;
  private colUnits = 0;
  /** Top-level keys: where the current one starts, and whether the value being read is the people's. */
  private keyStart = -1;
  private expectKey = false;
  private lastKeyIsPeople = false;
  private awaitingPeopleValue = false;
  private inPeople = false;
  private peopleDone = false;
  private itemStart = -1;
  private itemLine = 0;
  private itemCol = 0;
  private scalarItem = false;

  next(): RecordSpan[] | undefined {
    if (this.ended) return undefined;
    if (!this.fill()) {
      this.ended = true;
      return this.finish();
    }
    const out: RecordSpan[] = [];
    const buf = this.buffer;
    const n = this.filled;
    const base = this.base;
    // The state that every byte touches lives in locals; the rest is read when something happens.
    let depth = this.depth;
    let inString = this.inString;
    let i = 0;
    if (this.escaped) {
      this.escaped = false;
      i = 1;
    }
    if (base === 0 && n >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) {
      i = 3;
      this.colOffset = 3;
    }
    while (i < n) {
      let b = buf[i];
      if (inString) {
        while (STRING_STOP[b] === 0) {
          if (++i >= n) break;
          b = buf[i];
        }
        if (i >= n) break;
        if (b === 0x5c) {
          i += 2;
          if (i > n) this.escaped = true;
          continue;
        }
        i++;
        if (b === 0x0a) {
          this.newline(base + i - 1);
          continue;
        } // not valid JSON; keeps the lines right for the error
        inString = false;
        if (depth > 2) continue; // a string inside a record: nothing else to note
        if (this.keyStart >= 0) {
          const keyEnd = base + i - 1;
          this.lastKeyIsPeople =
            keyEnd - this.keyStart - 1 === 6 &&
            (this.keyStart >= base
              ? buf.toString('latin1', this.keyStart - base + 1, keyEnd - base)
              : readRange(this.fd, this.keyStart + 1, keyEnd).toString('latin1')) === 'people';
          this.keyStart = -1;
        }
        if (this.scalarItem && depth === 2) out.push(this.endItem(base + i));
        continue;
      }
      if (depth > 2) {
        // Inside a person's record: only strings, brackets and line feeds matter (most bytes).
        while (DEEP_STOP[b] === 0) {
          if (++i >= n) break;
          b = buf[i];
        }
        if (i >= n) break;
        if (b === 0x22) {
          inString = true;
          i++;
          continue;
        }
        if (b === 0x0a) {
          this.newline(base + i);
          i++;
          continue;
        }
        if (b === 0x7b || b === 0x5b) {
          depth++;
          i++;
          continue;
        }
        depth--;
        if (depth === 2 && this.itemStart >= 0) out.push(this.endItem(base + i + 1));
        i++;
        continue;
      }
      if (b === 0x20 || b === 0x09 || b === 0x0d || b === 0x0a) {
        if (this.scalarItem && depth === 2) out.push(this.endItem(base + i));
        if (b === 0x0a) this.newline(base + i);
        i++;
        continue;
      }
      // Where an item of the people starts.
      if (depth === 2 && this.inPeople && this.itemStart < 0 && b !== 0x2c && b !== 0x5d) this.startItem(base + i, buf);
      if (b === 0x22) {
        inString = true;
        if (depth === 1 && this.expectKey) {
          this.keyStart = base + i;
          this.expectKey = false;
        }
      } else if (b === 0x7b || b === 0x5b) {
        if (this.awaitingPeopleValue) {
          this.awaitingPeopleValue = false;
          if (b === 0x5b) {
            this.inPeople = true;
            this.prefixEnd = base + i + 1;
            this.cut = { line: this.line, col: this.colAt(base + i + 1, buf) };
          }
        }
        depth++;
        if (depth === 1) this.expectKey = true;
      } else if (b === 0x7d || b === 0x5d) {
        if (this.scalarItem && depth === 2) out.push(this.endItem(base + i));
        depth--;
        if (depth === 2 && this.itemStart >= 0) out.push(this.endItem(base + i + 1));
        else if (depth === 1 && b === 0x5d && this.inPeople) {
          this.inPeople = false;
          this.peopleDone = true;
          this.suffixStart = base + i;
          this.resume = { line: this.line, col: this.colAt(base + i, buf) };
        }
      } else if (b === 0x2c) {
        if (this.scalarItem && depth === 2) out.push(this.endItem(base + i));
        if (depth === 1) this.expectKey = true;
      } else if (b === 0x3a) {
        if (depth === 1 && this.lastKeyIsPeople && !this.peopleDone && !this.inPeople) this.awaitingPeopleValue = true;
        this.lastKeyIsPeople = false;
      } else if (this.awaitingPeopleValue) this.awaitingPeopleValue = false; // people is not a list: the schema says so
      i++;
    }
    this.depth = depth;
    this.inString = inString;
    // The column of what comes next is counted from the end of this chunk.
    this.colUnits += units(buf, Math.max(this.colOffset, base) - base, n);
    this.colOffset = base + n;
    this.scanned = base + n;
    return out;
  }

  private newline(offset: number): void {
    this.line++;
    this.lineStart = offset + 1;
    this.colOffset = offset + 1;
    this.colUnits = 0;
  }

  /** The 1-based column of `offset` (on the current line, in the current chunk). */
  private colAt(offset: number, buf: Buffer): number {
    const from = Math.max(this.colOffset, this.base) - this.base;
    this.colUnits += units(buf, from, offset - this.base);
    this.colOffset = offset;
    return this.colUnits + 1;
  }

  private startItem(offset: number, buf: Buffer): void {
    this.itemStart = offset;
    this.itemLine = this.line;
    this.itemCol = this.colAt(offset, buf);
    const b = buf[offset - this.base];
    // A number, true, false or null ends at the next separator; a string at its closing quote.
    this.scalarItem = b !== 0x7b && b !== 0x5b;
  }

  private endItem(end: number): RecordSpan {
    const span = { start: this.itemStart, end, line: this.itemLine, col: this.itemCol };
    this.itemStart = -1;
    this.scalarItem = false;
    return span;
  }

  /** At the end of the file: an unfinished record is still a record (its parse reports where it breaks). */
  private finish(): RecordSpan[] | undefined {
    if (this.inPeople && this.itemStart >= 0) return [this.endItem(this.size)];
    return [];
  }

  protected closing(): string {
    return '';
  }
  protected provisionalEnd(): string {
    return ']}';
  }
}

/** Scanners that look at whole lines: each chunk is read from the start of the line it cut. */
abstract class LinesScanner extends ChunkedScanner {
  /** The number of the last line read. */
  protected line = 0;
  /** Where the line the last chunk cut starts. */
  private carryStart = 0;

  /**
   * Reads the next chunk and calls `onLine` with the bounds (in the buffer, the line feed
   * excluded) of each line it holds whole, and of the file's last line; a line longer than
   * the chunk makes the chunk grow. False at the end of the file.
   */
  protected nextLines(onLine: (from: number, to: number) => void): boolean {
    if (this.carryStart >= this.size) return false;
    this.scanned = this.carryStart;
    if (!this.fill()) return false;
    const last = this.base + this.filled >= this.size;
    let i = 0;
    for (;;) {
      let nl = this.buffer.indexOf(0x0a, i);
      if (nl < 0 || nl >= this.filled) {
        if (!last) {
          if (i === 0) {
            this.grow();
            return this.nextLines(onLine);
          }
          break;
        }
        nl = this.filled;
      }
      this.line++;
      onLine(i, nl);
      i = nl + 1;
      if (i >= this.filled) break;
    }
    this.carryStart = this.base + Math.min(i, this.filled);
    this.scanned = this.carryStart;
    return true;
  }
}

/** NDJSON: the first non-empty line is the header, every other non-empty line a person. */
class LineScanner extends LinesScanner {
  readonly format = 'ndjson' as const;
  private sawHeader = false;

  next(): RecordSpan[] | undefined {
    if (this.ended) return undefined;
    const out: RecordSpan[] = [];
    const found = this.nextLines((from, nl) => {
      const buf = this.buffer; // read here: a line longer than the chunk replaces it
      let end = nl;
      if (end > from && buf[end - 1] === 0x0d) end--;
      let start = from;
      if (this.base + start === 0 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) start = 3;
      const blank = !/\S/.test(buf.toString('latin1', start, Math.min(end, start + 64)));
      if (!blank || end - start > 64) {
        if (!this.sawHeader) {
          this.sawHeader = true;
          this.prefixEnd = this.base + end;
          this.cut = { line: this.line, col: end - start + 1 };
          this.suffixStart = this.size;
        } else out.push({ start: this.base + start, end: this.base + end, line: this.line, col: 1 });
      }
    });
    if (!found) {
      this.ended = true;
      return undefined;
    }
    return out;
  }

  header(): HeaderText {
    const text =
      this.prefixEnd < 0
        ? ''
        : readRange(this.fd, 0, this.prefixEnd)
            .toString('utf8')
            .replace(/^\uFEFF/, '');
    return { text, cutLine: this.cut.line, cutCol: this.cut.col, resumeLine: this.line + 1, resumeCol: 1 };
  }
}

/** YAML: "people:" at the top level, then a block list; records start at each "- " of the list's indentation. */
class YamlScanner extends LinesScanner {
  readonly format = 'yaml' as const;
  private state: 'before' | 'firstItem' | 'people' | 'after' = 'before';
  private itemIndent = -1;
  private items = 0;
  private current?: { start: number; line: number };
  private lastContentEnd = 0;
  /** Where the previous line ends (its line feed), and its line number. */
  private previousEnd = 0;

  next(): RecordSpan[] | undefined {
    if (this.ended) return undefined;
    const out: RecordSpan[] = [];
    const found = this.nextLines((from, nl) => {
      // The buffer is read here: a line longer than the chunk replaces it.
      this.onLine(this.buffer, from, nl, out);
      this.previousEnd = this.base + nl;
    });
    return found ? out : this.end();
  }

  private onLine(buf: Buffer, from: number, to: number, out: RecordSpan[]): void {
    if (this.state === 'after') return;
    let indent = 0;
    while (from + indent < to && buf[from + indent] === 0x20) indent++;
    const first = from + indent < to ? buf[from + indent] : -1;
    if (this.state === 'before') {
      if (indent !== 0) return;
      if (first === 0x70 /* p */ || first === 0x22 || first === 0x27) {
        const text = buf.toString('utf8', from, Math.min(to, from + 200)).replace(/\r$/, '');
        const key = /^(people|"people"|'people')\s*:/.exec(text);
        if (!key) return;
        if (key[1] !== 'people') {
          this.unsupported = 'the key "people" is quoted';
          this.state = 'after';
          return;
        }
        if (!/^people\s*:\s*(#.*)?$/.test(text)) {
          this.unsupported = 'people is not written as a block list ("people:" then "  - id: …" lines)';
          this.state = 'after';
          return;
        }
        const colon = text.indexOf(':');
        this.prefixEnd = this.base + from + Buffer.byteLength(text.slice(0, colon + 1));
        this.cut = { line: this.line, col: colon + 2 };
        this.state = 'firstItem';
      } else if (first === 0x2d && buf[from + 1] === 0x2d && buf[from + 2] === 0x2d && this.line > 1) {
        this.unsupported = 'the file holds several YAML documents';
        this.state = 'after';
      }
      return;
    }
    if (first === -1 || first === 0x0d || first === 0x23 /* # */) return;
    const next = buf[from + indent + 1];
    const isItem = first === 0x2d /* - */ && (from + indent + 1 >= to || next === 0x20 || next === 0x0d);
    if (this.state === 'firstItem') {
      if (!isItem) {
        this.endPeople();
        return;
      }
      this.itemIndent = indent;
      this.state = 'people';
    }
    if (indent === this.itemIndent && isItem) {
      if (this.current) out.push(this.closeItem());
      this.current = { start: this.base + from, line: this.line };
      this.items++;
    } else if (indent < this.itemIndent || (indent === this.itemIndent && !isItem)) {
      if (this.current) out.push(this.closeItem());
      this.endPeople();
      return;
    }
    this.lastContentEnd = this.base + to;
  }

  /** The line just read is the first of the header's rest: it resumes at the line feed before it. */
  private endPeople(): void {
    this.state = 'after';
    this.suffixStart = this.previousEnd;
    this.resume = { line: this.line - 1, col: 1 };
  }

  private closeItem(): RecordSpan {
    const span = { start: this.current!.start, end: Math.max(this.lastContentEnd, this.current!.start), line: this.current!.line, col: 1 };
    this.current = undefined;
    return span;
  }

  private end(): RecordSpan[] {
    this.ended = true;
    const out = this.current ? [this.closeItem()] : [];
    if (this.suffixStart < 0) this.resume = { line: this.line, col: 1 };
    return out;
  }

  protected closing(): string {
    return this.items > 0 || this.state === 'people' ? ' []' : '';
  }
}
