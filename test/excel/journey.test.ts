// A new user, no YAML: `bagalau template` for the body's methodology, the workbook filled in
// as a person would (dropdown labels, decimal commas, dates typed as text), read back,
// evaluated, and the forms printed to PDF ready to sign; results.xlsx beside them.
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultCalendarPath, loadCalendar } from '../../src/calendar/index.js';
import { main } from '../../src/cli/main.js';
import { evaluate } from '../../src/engine/index.js';
import { withIntakePlaces, writeResultsWorkbook } from '../../src/excel/index.js';
import { readIntakeWorkbook } from '../../src/excel/read.js';
import { findChromium } from '../../src/forms/browser.js';
import { FormPrinter } from '../../src/forms/printer.js';
import { parseFormList, planDocuments, renderDocuments } from '../../src/forms/render.js';
import { methodologyPath } from '../../src/methodology/index.js';
import { flat, pdfText } from '../forms/pdf-tools.js';
import { capturingIo } from '../helpers/cli.js';
import { methodology, root } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'bagalau-journey-'));
const intake = join(dir, 'intake.xlsx');
let printer: FormPrinter;

beforeAll(async () => {
  findChromium();
  printer = await FormPrinter.launch({ pages: 1 });
}, 60_000);

afterAll(async () => {
  await printer?.close();
});

/** A row of a sheet by the keys of its third header row. */
function write(ws: ExcelJS.Worksheet, row: number, values: Record<string, string | number>): void {
  const keys = new Map<string, number>();
  ws.getRow(3).eachCell((cell, col) => keys.set(String(cell.value), col));
  for (const [key, value] of Object.entries(values)) ws.getRow(row).getCell(keys.get(key)!).value = value;
}

describe('from bagalau template to forms ready to sign, without YAML', () => {
  it('makes the workbook, reads it as filled in, evaluates it and prints the forms', async () => {
    const { io } = capturingIo();
    expect(
      await main(
        ['template', '--methodology', join(root, 'examples/zhaiyq-akimat/zhaiyq-akimat-2025.yaml'), '--year', '2026', '--out', intake],
        io,
      ),
    ).toBe(0);

    // The HR officer fills it in.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(intake);
    wb.getWorksheet('Жалпы')!.getCell('C4').value = 'Жайық ауданының әкімдігі';
    write(wb.getWorksheet('Бөлімшелер')!, 4, { id: 'finance', name: 'Қаржы бөлімі', corpsBServants: 2 });
    const people = wb.getWorksheet('Қызметшілер')!;
    write(people, 4, {
      id: 'A1',
      name: 'Сейітқали Әсел Бауыржанқызы',
      position: 'Бас маман',
      positionCategory: 'C-O-4',
      unit: 'finance',
      appointedOn: '01.03.2020',
    });
    const m = methodology('examples/zhaiyq-akimat/zhaiyq-akimat-2025.yaml');
    const [methodId, method] = Object.entries(m.methods).find(([, d]) => d.period === 'quarter')!;
    const q1 = wb.getWorksheet(`Q1 ${methodId}`)!;
    const parameters = Object.keys(method.sheet!.parameters);
    method.evaluators!.roles.forEach((role, k) => {
      write(q1, 4 + k, {
        person: 'A1',
        role: m.roles[role].title.kk,
        evaluator: k === 0 ? 'Төлеуов Бақыт Ерланұлы' : 'Нұрғалиев Дархан Маратұлы',
        evaluatedOn: k === 0 ? '10.04.2026' : '15.04.2026',
        ...Object.fromEntries(
          parameters.flatMap((id, n) => [
            [`scores.${id}`, n % 2 ? '4,5' : 4],
            [`justifications.${id}`, 'Ескертулер жоқ'],
          ]),
        ),
        ...(k === 0 ? { communicatedOn: '16.04.2026' } : {}),
      });
    });
    await wb.xlsx.writeFile(intake);

    // bagalau reads it, under the methodology the workbook names.
    const read = await readIntakeWorkbook(intake, (header) =>
      header.methodologies.map((ref) => methodology(methodologyPath(ref, dirname(intake)))),
    );
    expect(read.diagnostics).toEqual([]);
    expect(read.rejected).toEqual([]);
    const result = withIntakePlaces(evaluate([m], read.input!, loadCalendar(defaultCalendarPath())), read);
    expect(
      result.people.flatMap((p) => [...p.problems, ...p.results.flatMap((r) => r.problems)]).filter((p) => p.severity === 'error'),
    ).toEqual([]);
    const q1Result = result.people[0].results.find((r) => r.period === 'Q1' && r.method === methodId)!;
    expect(q1Result.status).toBe('evaluated');
    expect(q1Result.score).toBeGreaterThan(4);

    // The forms, ready to sign; the results workbook beside them.
    const docs = planDocuments(m, { forms: parseFormList(m, 'all') }, result, read.input);
    const outcome = await renderDocuments(docs, join(dir, 'forms'), { printer });
    expect(outcome.failed).toEqual([]);
    expect(outcome.written.length).toBeGreaterThan(0);
    const sheet = docs.find((d) => d.file.includes('Q1'))!;
    const text = flat(pdfText(join(dir, 'forms', sheet.file)));
    expect(text).toContain('Сейітқали Әсел Бауыржанқызы');
    expect(text).toContain('Төлеуов Бақыт Ерланұлы');
    await writeResultsWorkbook(result, [m], join(dir, 'results.xlsx'));
    expect(existsSync(join(dir, 'results.xlsx'))).toBe(true);
  }, 120_000);
});
