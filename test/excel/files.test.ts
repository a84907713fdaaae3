// Files that are not intake workbooks: refused in one located line that says what to do,
// never a crash; a workbook that is not bagalau's is told so.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { loadWorkbook, readZipEntry, zipDirectory } from '../../src/excel/load.js';
import { readIntakeWorkbook } from '../../src/excel/read.js';
import { main } from '../../src/cli/main.js';
import { capturingIo } from '../helpers/cli.js';
import { methodology } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'bagalau-files-'));
const m = methodology('model-2025');

/** A zip archive of the given entries (deflated), for files that look like workbooks. */
function zip(entries: Record<string, string | Buffer>, declaredSize?: number): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of Object.entries(entries)) {
    const data = Buffer.isBuffer(content) ? content : Buffer.from(content);
    const packed = deflateRawSync(data);
    const nameBytes = Buffer.from(name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(declaredSize ?? data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    locals.push(local, nameBytes, packed);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt16LE(8, 10);
    entry.writeUInt32LE(packed.length, 20);
    entry.writeUInt32LE(declaredSize ?? data.length, 24);
    entry.writeUInt16LE(nameBytes.length, 28);
    entry.writeUInt32LE(offset, 42);
    central.push(entry, nameBytes);
    offset += 30 + nameBytes.length + packed.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(central.length / 2, 8);
  end.writeUInt16LE(central.length / 2, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

describe('files that are not intake workbooks', () => {
  it.each([
    ['empty.xlsx', Buffer.alloc(0), 'it is not an .xlsx file'],
    ['text.xlsx', Buffer.from('id;name\nZ01;Ахметов\n'), 'it is not an .xlsx file'],
    [
      'old.xlsx',
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]),
      'an old Excel 97–2003 workbook (.xls) or a password-protected one',
    ],
    ['archive.xlsx', zip({ 'readme.txt': 'hello' }), 'it is a zip archive but not a workbook'],
    ['bomb.xlsx', zip({ 'xl/workbook.xml': '<workbook/>', 'xl/worksheets/sheet1.xml': 'x' }, 0xfffffff0), 'it unpacks to'],
    ['cut.xlsx', zip({ 'xl/workbook.xml': '<workbook/>' }).subarray(0, 40), 'its zip directory cannot be read'],
  ])('%s', async (name, bytes, says) => {
    const file = join(dir, name);
    writeFileSync(file, bytes);
    const read = await readIntakeWorkbook(file, [m]);
    expect(read.input).toBeUndefined();
    expect(read.diagnostics).toHaveLength(1);
    expect(read.diagnostics[0]).toMatchObject({ severity: 'error', code: 'file.unreadable-workbook', at: { file, line: 1, col: 1 } });
    expect(read.diagnostics[0].message).toContain(says);
    expect(read.diagnostics[0].hint).toContain('.xlsx');
  });

  it('a file that is not there', async () => {
    const read = await readIntakeWorkbook(join(dir, 'missing.xlsx'), [m]);
    expect(read.diagnostics[0].message).toContain('there is no such file');
  });

  it('a folder', async () => {
    const read = await readIntakeWorkbook(dir, [m]);
    expect(read.diagnostics[0].message).toContain('it is not a regular file');
  });

  it('a workbook that bagalau did not make', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Sheet1').addRow(['id', 'name']);
    const file = join(dir, 'other.xlsx');
    await wb.xlsx.writeFile(file);
    const read = await readIntakeWorkbook(file, [m]);
    expect(read.input).toBeUndefined();
    expect(read.diagnostics[0]).toMatchObject({ code: 'intake.not-an-intake' });
    expect(read.diagnostics[0].hint).toContain('bagalau template');
  });
});

describe('a workbook whose parts are stored in another order or with absolute targets', () => {
  it('reads every sheet under its own name (exceljs alone would call them Sheet1, Sheet2…)', async () => {
    const made = join(dir, 'made.xlsx');
    const { io } = capturingIo();
    expect(await main(['template', '--methodology', 'model-2025', '--year', '2026', '--out', made], io)).toBe(0);
    const parts = new Map(zipDirectory(made)!.map((e) => [e.name, readZipEntry(made, e.name)!]));
    // workbook.xml last, the sheets in reverse order, and the relationships with absolute targets (as some writers store them)
    const rels = parts
      .get('xl/_rels/workbook.xml.rels')!
      .toString('utf8')
      .replace(/Target="worksheets\//g, 'Target="/xl/worksheets/');
    const names = [...parts.keys()].filter((n) => n !== 'xl/workbook.xml');
    const sheetsFirst = [
      ...names.filter((n) => n.startsWith('xl/worksheets/sheet')).reverse(),
      ...names.filter((n) => !n.startsWith('xl/worksheets/sheet')),
    ];
    const entries: Record<string, Buffer | string> = {};
    for (const n of sheetsFirst) entries[n] = n === 'xl/_rels/workbook.xml.rels' ? rels : parts.get(n)!;
    entries['xl/workbook.xml'] = parts.get('xl/workbook.xml')!;
    const reordered = join(dir, 'reordered.xlsx');
    writeFileSync(reordered, zip(entries));
    const read = await readIntakeWorkbook(reordered, [m]);
    expect(read.diagnostics).toEqual([]);
    expect(read.input?.methodology).toBe('model-2025');
    const loaded = await loadWorkbook(reordered);
    const original = await loadWorkbook(made);
    expect(loaded.sheets.map((s) => s.name)).toEqual(original.sheets.map((s) => s.name));
    expect(loaded.sheets.map((s) => s.name)).toContain('Қызметшілер');
  });
});
