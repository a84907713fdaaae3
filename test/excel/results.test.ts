// results.xlsx: a sheet per period and method with the score, the band (coloured by
// conditional formatting, labels in Kazakh from the methodology), the eligibility decision
// and its rule, the deadlines with late ones highlighted; the year; the problems with
// their place; for the 360 only the competency averages, never a response.
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultCalendarPath, loadCalendar } from '../../src/calendar/index.js';
import { evaluate, type EvaluationResult } from '../../src/engine/index.js';
import type { Methodology } from '../../src/methodology/index.js';
import { readIntakeWorkbook } from '../../src/excel/read.js';
import { ResultsWorkbook, writeResultsWorkbook } from '../../src/excel/results.js';
import { examples, exampleWorkbook, runSoffice } from './helpers.js';

const calendar = loadCalendar(defaultCalendarPath());
const dir = mkdtempSync(join(tmpdir(), 'bagalau-results-'));

async function resultsOf(
  name: string,
): Promise<{ result: EvaluationResult; methodologies: Methodology[]; file: string; wb: ExcelJS.Workbook }> {
  const example = examples.find((e) => e.name === name)!;
  const intake = join(dir, `${name}-intake.xlsx`);
  const { methodologies } = await exampleWorkbook(example, intake);
  const read = await readIntakeWorkbook(intake, methodologies);
  const result = evaluate(methodologies, read.input!, calendar);
  const file = join(dir, `${name}-results.xlsx`);
  await writeResultsWorkbook(result, methodologies, file, { locate: (id, field) => read.locate(read.indexOf(id)!, field) });
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return { result, methodologies, file, wb };
}

/** The rows of a results sheet as objects by column title (row 2 holds the titles). */
function rows(ws: ExcelJS.Worksheet): Record<string, unknown>[] {
  const titles: string[] = [];
  ws.getRow(2).eachCell((cell, col) => {
    titles[col] = String(cell.value);
  });
  const out: Record<string, unknown>[] = [];
  for (let r = 3; r <= ws.rowCount; r++) {
    const row: Record<string, unknown> = {};
    ws.getRow(r).eachCell((cell, col) => {
      row[titles[col]] = cell.value;
    });
    if (Object.keys(row).length) out.push(row);
  }
  return out;
}

describe('results.xlsx of a body on the 2018 model (KPIs, differentiation, 360, calibration)', () => {
  let r: Awaited<ReturnType<typeof resultsOf>>;
  beforeAll(async () => {
    r = await resultsOf('baiterek-2026');
  }, 120_000);

  it('has a sheet per period and method, the year, the 360 and the problems', () => {
    expect(r.wb.worksheets.map((w) => w.name)).toEqual(
      [
        'Ақпарат',
        'Q1 kpi',
        'Q1 differentiation',
        'Q2 kpi',
        'Q2 differentiation',
        'Q3 kpi',
        'Q3 differentiation',
        'Q4 kpi',
        'Q4 differentiation',
        'survey360',
        'Жыл',
        'Мәселелер',
      ].map((n) =>
        n.replace(
          'kpi',
          Object.keys(r.methodologies[0].methods).find((id) => r.methodologies[0].methods[id].kind === 'kpi')!,
        ),
      ),
    );
  });

  it('gives each person their score, band label, status and rule', () => {
    for (const sheet of r.wb.worksheets.filter((w) => /^Q\d /.test(w.name))) {
      const [period, method] = sheet.name.split(' ');
      const expected = r.result.people.flatMap((p) =>
        p.results.filter((x) => x.period === period && x.method === method).map((x) => ({ p, x })),
      );
      const got = rows(sheet);
      expect(got.map((g) => g['Коды'])).toEqual(expected.map((e) => e.p.id));
      got.forEach((g, k) => {
        const { x } = expected[k];
        expect(g['Баға'] ?? undefined).toBe(x.score);
        expect(g['Деңгейі'] ?? undefined).toBe(x.bandLabel);
        expect(g['Шешім (ереже)'] ?? undefined).toBe(x.eligibility?.rule);
      });
    }
    const s08 = rows(r.wb.getWorksheet('Q2 differentiation')!).find((g) => g['Коды'] === 'S08')!;
    expect(s08['Мәртебесі']).toBe('бағалау жүргізілмейді');
    expect(s08['Шешім (ереже)']).toBeTruthy();
  });

  it('colours the bands by conditional formatting on their Kazakh labels', () => {
    const ws = r.wb.getWorksheet('Q1 differentiation')!;
    const cf = (
      ws as unknown as {
        conditionalFormattings: {
          ref: string;
          rules: { type: string; formulae: string[]; style: { fill: { bgColor: { argb: string } } } }[];
        }[];
      }
    ).conditionalFormattings;
    expect(cf).toHaveLength(1);
    const labels = Object.values(r.methodologies[0].bands.levels).map((b) => b.label.kk);
    expect(cf[0].rules.map((rule) => /="(.*)"$/.exec(rule.formulae[0])![1])).toEqual(expect.arrayContaining(labels));
    expect(new Set(cf[0].rules.map((rule) => rule.style.fill.bgColor.argb)).size).toBe(labels.length);
  });

  it('highlights the late deadlines', () => {
    const ws = r.wb.getWorksheet('Q1 differentiation')!;
    const s12 = r.result.people.find((p) => p.id === 'S12')!.results.find((x) => x.period === 'Q1')!;
    const late = s12.deadlines.find((d) => d.late)!;
    const titles: string[] = [];
    ws.getRow(2).eachCell((cell, col) => {
      titles[col] = String(cell.value);
    });
    const col = titles.findIndex((t) => t === `${late.title.split(' — ')[0]}: орындалды`);
    let row = 3;
    while (ws.getRow(row).getCell(1).value !== 'S12') row++;
    const cell = ws.getRow(row).getCell(col);
    expect((cell.value as Date).toISOString().slice(0, 10)).toBe(late.actual);
    expect((cell.fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFFFC7CE');
    const onTime = ws.getRow(3).getCell(col);
    expect((onTime.fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb).not.toBe('FFFFC7CE');
  });

  it('lists every problem with its place in the intake workbook, its clause and what to do', () => {
    const ws = r.wb.getWorksheet('Мәселелер')!;
    const all = r.result.people.flatMap((p) => [...p.problems, ...p.results.flatMap((x) => x.problems)]);
    expect(ws.rowCount - 1).toBe(all.length + r.result.problems.length);
    const h02 = [...Array(ws.rowCount).keys()]
      .map((k) => ws.getRow(k + 1))
      .find((row) => row.getCell(3).value === 'H02' && row.getCell(2).value === 'kpi.score-outside-range')!;
    expect(h02.getCell(7).value).toBe('Q2 kpi!F9');
    expect(String(h02.getCell(9).value)).toContain('annex 3');
    expect(String(h02.getCell(10).value)).toContain('give the score 5');
  });

  it('shows the 360 competency averages and the weakest, never a response', () => {
    const ws = r.wb.getWorksheet('survey360')!;
    const h01 = rows(ws).find((g) => g['Коды'] === 'H01')!;
    const result = r.result.people.find((p) => p.id === 'H01')!.results.find((x) => x.method === 'survey360')!;
    for (const c of result.competencies!) expect(h01[c.title]).toBe(c.average);
    expect(h01['Респонденттер']).toBe(result.respondents);
    // No answer option and no respondent group is written anywhere in the workbook.
    const survey = Object.values(r.methodologies[0].methods).find((m) => m.kind === 'survey')!.survey!;
    const forbidden = new Set([
      ...Object.values(survey.answers).map((a) => a.label.kk),
      ...Object.values(survey.respondentGroups).map((g) => g.title.kk),
    ]);
    for (const sheet of r.wb.worksheets)
      sheet.eachRow((row) =>
        row.eachCell((cell) => expect(forbidden.has(String(cell.value)), `${sheet.name}!${cell.address}`).toBe(false)),
      );
  });

  it('gives the year of each quarterly method with the quarters it counts', () => {
    const year = rows(r.wb.getWorksheet('Жыл')!);
    const h01 = year.find((g) => g['Коды'] === 'H01')!;
    const kpiYear = r.result.people.find((p) => p.id === 'H01')!.results.find((x) => x.period === 'year' && x.method === 'kpi')!;
    const title = r.methodologies[0].methods.kpi.title.kk;
    expect(h01[`${title}: жылдық баға`]).toBe(kpiYear.score);
    expect(h01[`${title}: тоқсандар`]).toBe(kpiYear.quarters!.map((q) => `${q.period} ${q.score.toFixed(2)}`).join('; '));
  });

  it('is the same when built person by person, as evaluate streams them', async () => {
    const file = join(dir, 'streamed.xlsx');
    const workbook = new ResultsWorkbook(r.result, r.methodologies);
    for (const person of r.result.people) workbook.add(person);
    await workbook.write(file);
    const streamed = new ExcelJS.Workbook();
    await streamed.xlsx.readFile(file);
    expect(streamed.worksheets.map((w) => w.name)).toEqual(r.wb.worksheets.map((w) => w.name));
    const values = (wb: ExcelJS.Workbook) => wb.worksheets.map((w) => w.getSheetValues().map((row) => JSON.stringify(row)));
    // The problems sheet differs only in the place (the full writer was given locate).
    expect(values(streamed).slice(0, -1)).toEqual(values(r.wb).slice(0, -1));
  });

  it('LibreOffice converts every sheet', () => {
    const out = join(dir, 'lo-results');
    const run = runSoffice(
      ['--convert-to', 'csv:Text - txt - csv (StarCalc):59,34,76,1,,0,false,true,false,false,false,-1', '--outdir', out, r.file],
      join(dir, 'profile'),
    );
    expect(run.status, run.output).toBe(0);
    expect(readdirSync(out)).toHaveLength(r.wb.worksheets.length);
  });
});

describe('results.xlsx of a body on model-2025 (two evaluators)', () => {
  it("has each evaluator's score beside the combined one", async () => {
    const r = await resultsOf('zhaiyq-2026');
    const methodId = Object.keys(r.methodologies[0].methods).find((id) => r.methodologies[0].methods[id].period === 'quarter')!;
    const method = r.methodologies[0].methods[methodId];
    const q1 = rows(r.wb.getWorksheet(`Q1 ${methodId}`)!);
    const z01 = q1.find((g) => g['Коды'] === 'Z01')!;
    const result = r.result.people.find((p) => p.id === 'Z01')!.results.find((x) => x.period === 'Q1')!;
    for (const role of method.evaluators!.roles)
      expect(z01[`${r.methodologies[0].roles[role].title.kk}: балл`]).toBe(result.sheets!.find((s) => s.role === role)!.score);
    expect(z01['Баға']).toBe(result.score);
  });
});
