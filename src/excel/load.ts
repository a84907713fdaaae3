// Opens a workbook for reading: its sheets as grids of cell values, its document
// properties, and its date system. The reader (read.ts) sees only this, so the way the
// file is parsed can change without touching it.
//
// The sheets are read with exceljs's streaming reader (row by row, the shared strings and
// styles cached): a body of 10,000 people reads in a few seconds, where loading the whole
// workbook model (data validations expanded cell by cell) takes several times longer and
// gigabytes. The streaming reader does not read the document properties, so the one small
// part they are in (docProps/core.xml) is taken from the zip here.
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { Readable } from 'node:stream';
import { createInflateRaw, inflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import type { RawValue } from './cells.js';

export interface LoadedSheet {
  name: string;
  /** The last row and column that hold anything. */
  rowCount: number;
  columnCount: number;
  value(row: number, col: number): RawValue;
  /** Puts a value in a cell (the reader fills a merged cell's value down into the rows it covers). */
  setValue(row: number, col: number, value: RawValue): void;
  /** The merged ranges of the sheet (exceljs's streaming reader leaves them out; they are read from the sheet's XML). */
  merges: CellRange[];
}

/** A rectangle of cells, 1-based. */
export interface CellRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export interface LoadedWorkbook {
  sheets: LoadedSheet[];
  sheet(name: string): LoadedSheet | undefined;
  properties: { subject?: string; keywords?: string; title?: string };
  /** Serial day numbers count from 1904 (old Mac workbooks). */
  date1904: boolean;
}

/** The largest workbook read (bytes): well above a body of 100,000 people. */
export const MAX_WORKBOOK_BYTES = 512 * 1024 * 1024;

/** The most its parts may unpack to. */
export const MAX_UNPACKED_BYTES = 2 * 1024 * 1024 * 1024;

export class WorkbookFileError extends Error {}

class GridSheet implements LoadedSheet {
  rowCount = 0;
  columnCount = 0;
  readonly rows: RawValue[][] = [];
  merges: CellRange[] = [];
  constructor(
    readonly name: string,
    readonly part?: string,
  ) {}
  value(row: number, col: number): RawValue {
    return this.rows[row]?.[col];
  }
  setValue(row: number, col: number, value: RawValue): void {
    (this.rows[row] ??= [])[col] = value;
    this.rowCount = Math.max(this.rowCount, row);
    this.columnCount = Math.max(this.columnCount, col);
  }
}

export async function loadWorkbook(path: string): Promise<LoadedWorkbook> {
  let stat;
  try {
    stat = statSync(path);
  } catch (error) {
    throw new WorkbookFileError(
      (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'there is no such file' : 'it cannot be opened (check its permissions)',
    );
  }
  if (!stat.isFile()) throw new WorkbookFileError('it is not a regular file');
  if (stat.size > MAX_WORKBOOK_BYTES) throw new WorkbookFileError(`it is larger than ${MAX_WORKBOOK_BYTES / 2 ** 20} MiB`);
  const head = Buffer.alloc(4);
  const fd = openSync(path, 'r');
  try {
    readSync(fd, head, 0, 4, 0);
  } finally {
    closeSync(fd);
  }
  if (head.readUInt32LE(0) === 0xe011cfd0)
    throw new WorkbookFileError('it is an old Excel 97–2003 workbook (.xls) or a password-protected one');
  if (head.readUInt32LE(0) !== 0x04034b50) throw new WorkbookFileError('it is not an .xlsx file (an .xlsx file is a zip archive)');
  // What the parts unpack to is checked before anything is unpacked (a small file may unpack to gigabytes).
  const entries = zipDirectory(path);
  if (!entries) throw new WorkbookFileError('its zip directory cannot be read (the file is damaged or cut short)');
  const unpacked = entries.reduce((n, e) => n + e.size, 0);
  if (unpacked > MAX_UNPACKED_BYTES)
    throw new WorkbookFileError(
      `it unpacks to ${Math.round(unpacked / 2 ** 20)} MiB, more than the ${MAX_UNPACKED_BYTES / 2 ** 20} MiB read`,
    );
  if (!entries.some((e) => e.name === 'xl/workbook.xml'))
    throw new WorkbookFileError('it is a zip archive but not a workbook (it has no xl/workbook.xml)');

  // exceljs names a streamed sheet only when it has read xl/workbook.xml before the sheet's
  // part, which depends on the order of the zip's entries (and, under load, on timing): a
  // sheet could come out as "Sheet3". The names are taken from workbook.xml here instead,
  // keyed by the part each sheet is read from (announced by the 'entry' event just before).
  const names = sheetNamesByPart(path);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(repacked(path, entries), {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'cache',
    worksheets: 'emit',
    entries: 'emit',
  });
  let part: string | undefined;
  (reader as unknown as NodeJS.EventEmitter).on('entry', (entry: { type: string; id?: string | number }) => {
    if (entry.type === 'worksheet') part = String(entry.id);
  });
  const sheets: GridSheet[] = [];
  for await (const worksheet of reader) {
    const ws = worksheet as unknown as AsyncIterable<ExcelJS.Row> & { name: string };
    const sheet = new GridSheet((part !== undefined ? names.get(part) : undefined) ?? ws.name, part);
    sheets.push(sheet);
    for await (const row of ws) {
      const values: RawValue[] = [];
      row.eachCell({ includeEmpty: false }, (cell, col) => {
        values[col] = cell.value;
        if (col > sheet.columnCount) sheet.columnCount = col;
      });
      if (values.length === 0) continue;
      sheet.rows[row.number] = values;
      if (row.number > sheet.rowCount) sheet.rowCount = row.number;
    }
  }
  for (const sheet of sheets) {
    const entry = entries.find((e) => e.name === `xl/worksheets/sheet${sheet.part}.xml`);
    if (entry) sheet.merges = await mergedRanges(path, entry);
  }
  const order = [...names.values()];
  sheets.sort((a, b) => rank(order, a.name) - rank(order, b.name));
  const byName = new Map(sheets.map((s) => [s.name, s as LoadedSheet]));
  const core = readZipEntry(path, 'docProps/core.xml')?.toString('utf8') ?? '';
  const property = (tag: string) => {
    const match = new RegExp(`<(?:\\w+:)?${tag}(?:\\s[^>]*)?>([\\s\\S]*?)</(?:\\w+:)?${tag}>`).exec(core);
    return match ? decodeXml(match[1]) : undefined;
  };
  return {
    sheets,
    sheet: (name) => byName.get(name),
    properties: { subject: property('subject'), keywords: property('keywords'), title: property('title') },
    date1904: /<(?:\w+:)?workbookPr\s[^>]*\bdate1904="(?:1|true)"/.test(readZipEntry(path, 'xl/workbook.xml')?.toString('utf8') ?? ''),
  };
}

/**
 * The parts exceljs reads, as a zip stream it can parse safely: each local header carries
 * the sizes and checksum from the central directory, and the workbook, its relationships,
 * shared strings and styles come before the sheets.
 *
 * Why: exceljs reads a workbook front to back (unzipper's Parse). Writers that stream (exceljs
 * itself, archiver) leave the sizes out of the local headers and put them after the data, so
 * the parser must search the data for the end of each part; in our CI that search cut a sheet
 * short and lost the sheets after it, intermittently. And a sheet stored before the workbook
 * part is spooled to a temporary file until the names are known.
 */
function repacked(path: string, entries: ZipEntry[]): Readable {
  const first = ['xl/workbook.xml', 'xl/_rels/workbook.xml.rels', 'xl/sharedStrings.xml', 'xl/styles.xml'];
  const wanted = [
    ...first.flatMap((name) => entries.filter((e) => e.name === name)),
    ...entries.filter((e) => /^xl\/worksheets\/sheet\d+\.xml$/.test(e.name)),
  ];
  function* parts(): Generator<Buffer> {
    for (const entry of wanted) {
      const name = Buffer.from(entry.name, 'utf8');
      const header = Buffer.alloc(30);
      header.writeUInt32LE(0x04034b50, 0);
      header.writeUInt16LE(20, 4);
      header.writeUInt16LE((entry.flags & ~0x08) | 0x800, 6); // sizes known; the name is UTF-8
      header.writeUInt16LE(entry.method, 8);
      header.writeUInt32LE(entry.crc, 14);
      header.writeUInt32LE(entry.compressed, 18);
      header.writeUInt32LE(entry.size, 22);
      header.writeUInt16LE(name.length, 26);
      yield Buffer.concat([header, name]);
      yield* storedBytes(path, entry);
    }
    const end = Buffer.alloc(22); // an empty central directory: the end of the archive
    end.writeUInt32LE(0x06054b50, 0);
    yield end;
  }
  return Readable.from(parts(), { objectMode: false });
}

/** The bytes of a part as stored in the zip (compressed, unless stored). */
function* storedBytes(path: string, entry: ZipEntry): Generator<Buffer> {
  const fd = openSync(path, 'r');
  try {
    const local = Buffer.alloc(30);
    readSync(fd, local, 0, 30, entry.local);
    if (local.readUInt32LE(0) !== 0x04034b50) throw new WorkbookFileError(`its part ${entry.name} cannot be found (the file is damaged)`);
    let position = entry.local + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
    for (let left = entry.compressed; left > 0;) {
      const chunk = Buffer.alloc(Math.min(left, 1 << 20));
      const read = readSync(fd, chunk, 0, chunk.length, position);
      if (read === 0) throw new WorkbookFileError(`its part ${entry.name} is cut short (the file is damaged)`);
      yield read === chunk.length ? chunk : chunk.subarray(0, read);
      position += read;
      left -= read;
    }
  } finally {
    closeSync(fd);
  }
}

const MERGE_CELL = /<(?:\w+:)?mergeCell\s[^>]*?\bref="([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?"/g;

/** The merged ranges a sheet's XML lists (<mergeCell ref="A4:A6"/>), read as the part is unpacked, a chunk at a time. */
async function mergedRanges(path: string, entry: ZipEntry): Promise<CellRange[]> {
  const ranges: CellRange[] = [];
  const stored = Readable.from(storedBytes(path, entry));
  const text = entry.method === 0 ? stored : stored.pipe(createInflateRaw());
  let carry = '';
  for await (const chunk of text as AsyncIterable<Buffer>) {
    // latin1: the references are ASCII, and no character is cut between chunks.
    const window = carry + chunk.toString('latin1');
    let end = 0;
    for (const m of window.matchAll(MERGE_CELL)) {
      const [top, left] = [Number(m[2]), columnNumber(m[1])];
      ranges.push({ top, left, bottom: m[4] ? Number(m[4]) : top, right: m[3] ? columnNumber(m[3]) : left });
      end = m.index + m[0].length;
    }
    // What may be the start of a reference cut by the chunk's end is looked at again with the next chunk.
    carry = window.slice(Math.max(end, window.length - 200));
  }
  return ranges;
}

function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + ch.charCodeAt(0) - 64;
  return n;
}

function rank(order: string[], name: string): number {
  const k = order.indexOf(name);
  return k < 0 ? order.length : k;
}

/** The sheets' names by the number of the part they are stored in (xl/worksheets/sheetN.xml → N), in the workbook's order. */
function sheetNamesByPart(path: string): Map<string, string> {
  const workbook = readZipEntry(path, 'xl/workbook.xml')?.toString('utf8') ?? '';
  const rels = readZipEntry(path, 'xl/_rels/workbook.xml.rels')?.toString('utf8') ?? '';
  const attribute = (tag: string, name: string) => new RegExp(`\\s(?:\\w+:)?${name}="([^"]*)"`).exec(tag)?.[1];
  const targets = new Map<string, string>();
  for (const [tag] of rels.matchAll(/<(?:\w+:)?Relationship\s[^>]*>/g)) {
    const id = attribute(tag, 'Id');
    const part = /worksheets\/sheet(\d+)\.xml$/.exec(attribute(tag, 'Target') ?? '')?.[1];
    if (id && part) targets.set(id, part);
  }
  const names = new Map<string, string>();
  for (const [tag] of workbook.matchAll(/<(?:\w+:)?sheet\s[^>]*>/g)) {
    const name = attribute(tag, 'name');
    const part = targets.get(attribute(tag, 'id') ?? '');
    if (name !== undefined && part) names.set(part, decodeXml(name));
  }
  return names;
}

function decodeXml(text: string): string {
  return text.replace(/&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-fA-F]+);/g, (_, e: string) => {
    if (e === 'lt') return '<';
    if (e === 'gt') return '>';
    if (e === 'amp') return '&';
    if (e === 'quot') return '"';
    if (e === 'apos') return "'";
    return String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
  });
}

interface ZipEntry {
  name: string;
  flags: number;
  crc: number;
  method: number;
  compressed: number;
  size: number;
  local: number;
}

/** The entries of a zip archive, from its central directory at the end of the file; undefined when it cannot be read. */
export function zipDirectory(path: string): ZipEntry[] | undefined {
  const fd = openSync(path, 'r');
  try {
    const size = statSync(path).size;
    const tailSize = Math.min(size, 65_557);
    const tail = Buffer.alloc(tailSize);
    readSync(fd, tail, 0, tailSize, size - tailSize);
    let end = -1;
    for (let k = tailSize - 22; k >= 0; k--)
      if (tail.readUInt32LE(k) === 0x06054b50) {
        end = k;
        break;
      }
    if (end < 0) return undefined;
    const count = tail.readUInt16LE(end + 10);
    const directorySize = tail.readUInt32LE(end + 12);
    const directoryOffset = tail.readUInt32LE(end + 16);
    if (directoryOffset + directorySize > size) return undefined;
    const directory = Buffer.alloc(directorySize);
    readSync(fd, directory, 0, directorySize, directoryOffset);
    const entries: ZipEntry[] = [];
    for (let p = 0, n = 0; n < count; n++) {
      if (p + 46 > directory.length || directory.readUInt32LE(p) !== 0x02014b50) return undefined;
      const nameLength = directory.readUInt16LE(p + 28);
      entries.push({
        flags: directory.readUInt16LE(p + 8),
        crc: directory.readUInt32LE(p + 16),
        method: directory.readUInt16LE(p + 10),
        compressed: directory.readUInt32LE(p + 20),
        size: directory.readUInt32LE(p + 24),
        local: directory.readUInt32LE(p + 42),
        name: directory.toString('utf8', p + 46, p + 46 + nameLength).replace(/^\//, ''),
      });
      p += 46 + nameLength + directory.readUInt16LE(p + 30) + directory.readUInt16LE(p + 32);
    }
    return entries;
  } finally {
    closeSync(fd);
  }
}

/**
 * One small entry of a zip archive (the document properties). Undefined when it is absent
 * or stored in a way this does not read (the workbook is then taken to have no properties).
 */
export function readZipEntry(path: string, name: string): Buffer | undefined {
  const entry = zipDirectory(path)?.find((e) => e.name === name);
  if (!entry || entry.compressed > 16 * 1024 * 1024 || entry.size > 64 * 1024 * 1024) return undefined;
  const fd = openSync(path, 'r');
  try {
    const header = Buffer.alloc(30);
    readSync(fd, header, 0, 30, entry.local);
    if (header.readUInt32LE(0) !== 0x04034b50) return undefined;
    const data = Buffer.alloc(entry.compressed);
    readSync(fd, data, 0, entry.compressed, entry.local + 30 + header.readUInt16LE(26) + header.readUInt16LE(28));
    if (entry.method === 0) return data;
    if (entry.method === 8) return inflateRawSync(data, { maxOutputLength: 64 * 1024 * 1024 });
    return undefined;
  } finally {
    closeSync(fd);
  }
}
