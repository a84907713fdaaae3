// Merged cells as people make them: a person's code merged down over the rows of their
// evaluators, title cells merged over several columns. exceljs's streaming reader does not
// see merges, so the reader takes them from the sheet's XML: a code merged down is read in
// every row it covers, merged titles are only for the eye, and a merge across data columns
// is reported at its cell. The same after LibreOffice has saved the workbook again.
import { copyFileSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { EvaluationInput } from '../../src/engine/index.js';
import { loadWorkbook } from '../../src/excel/load.js';
import { readIntakeWorkbook } from '../../src/excel/read.js';
import type { Methodology } from '../../src/methodology/index.js';
import { examples, exampleWorkbook, runSoffice } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'bagalau-merged-'));
const example = examples.find((e) => e.name === 'zhaiyq-2026')!;
let input: EvaluationInput;
let methodologies: Methodology[];
let sheetName: string;

/** The column of a key (third header row). */
function column(ws: ExcelJS.Worksheet, key: string): number {
  let found = 0;
  ws.getRow(3).eachCell((cell, col) => {
    if (cell.value === key) found = col;
  });
  if (!found) throw new Error(`no column ${key} on ${ws.name}`);
  return found;
}

/** The example's workbook with every person's code merged down over their evaluator rows of a quarter, and title cells merged. */
async function mergedWorkbook(file: string): Promise<{ merges: string[] }> {
  ({ input, methodologies } = await exampleWorkbook(example, file));
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const methodId = Object.keys(methodologies[0].methods).find((id) => methodologies[0].methods[id].period === 'quarter')!;
  sheetName = `Q1 ${methodId}`;
  const ws = wb.getWorksheet(sheetName)!;
  const person = column(ws, 'person');
  const merges: string[] = [];
  for (let r = 4; r < ws.rowCount; r++) {
    let end = r;
    const code = ws.getRow(r).getCell(person).value;
    while (code && ws.getRow(end + 1).getCell(person).value === code) end++;
    if (end === r) continue;
    for (let k = r + 1; k <= end; k++) ws.getRow(k).getCell(person).value = null;
    ws.mergeCells(r, person, end, person);
    merges.push(`${ws.getRow(r).getCell(person).address}:${ws.getRow(end).getCell(person).address}`);
    r = end;
  }
  // Titles merged by the officer: two column titles, and a title merged down over the key row would hide a key (not done here).
  ws.unMergeCells('A1:B1');
  ws.mergeCells('A2:B2');
  wb.getWorksheet('Қызметшілер')!.mergeCells('A1:D1');
  await wb.xlsx.writeFile(file);
  return { merges };
}

describe('merged cells', () => {
  const file = join(dir, 'merged.xlsx');
  let merges: string[];
  beforeAll(async () => {
    ({ merges } = await mergedWorkbook(file));
  }, 120_000);

  it('the loader lists the merged ranges of each sheet', async () => {
    expect(merges.length).toBeGreaterThan(3);
    const loaded = await loadWorkbook(file);
    const sheet = loaded.sheet(sheetName)!;
    const ranges = sheet.merges.map((m) => `${String.fromCharCode(64 + m.left)}${m.top}:${String.fromCharCode(64 + m.right)}${m.bottom}`);
    expect(ranges).toEqual(expect.arrayContaining([...merges, 'A2:B2']));
  });

  it('reads a code merged down over the evaluator rows in every row, and merged titles as nothing', async () => {
    const read = await readIntakeWorkbook(file, methodologies);
    expect(read.diagnostics).toEqual([]);
    expect(read.rejected).toEqual([]);
    expect(read.input).toEqual(input);
  });

  it('reads the same after LibreOffice has saved the merged workbook again', async () => {
    const copy = join(dir, 'lo.xlsx');
    copyFileSync(file, copy);
    const saved = join(dir, 'saved');
    const run = runSoffice(['--convert-to', 'xlsx:Calc MS Excel 2007 XML', '--outdir', saved, copy], join(dir, 'profile'));
    expect(run.status, run.output).toBe(0);
    expect(readdirSync(saved)).toContain('lo.xlsx');
    const loaded = await loadWorkbook(join(saved, 'lo.xlsx'));
    expect(loaded.sheet(sheetName)!.merges.length).toBeGreaterThanOrEqual(merges.length);
    const read = await readIntakeWorkbook(join(saved, 'lo.xlsx'), methodologies);
    expect(read.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(read.rejected).toEqual([]);
    expect(read.input).toEqual(input);
  });

  it('reports cells merged across data columns at their place, and reads the rest', async () => {
    const across = join(dir, 'across.xlsx');
    copyFileSync(file, across);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(across);
    const people = wb.getWorksheet('Қызметшілер')!;
    const position = column(people, 'position');
    // The position typed over the position and the category of the second person.
    people.getRow(5).getCell(position + 1).value = null;
    people.mergeCells(5, position, 5, position + 1);
    await wb.xlsx.writeFile(across);
    const read = await readIntakeWorkbook(across, methodologies);
    const merged = read.diagnostics.find((d) => d.code === 'intake.merged-across-columns')!;
    expect(merged).toBeDefined();
    expect(merged.severity).toBe('warning');
    expect(merged.at).toMatchObject({ sheet: 'Қызметшілер', cell: people.getRow(5).getCell(position).address });
    expect(merged.message).toContain('merged across columns');
    // The person whose category is now empty is set aside (the category is required); the others are read.
    expect(read.rejected.map((r) => r.index)).toEqual([1]);
    expect(read.counts.read).toBe(input.people.length - 1);
  });
});
