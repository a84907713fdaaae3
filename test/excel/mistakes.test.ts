// A workbook with 25 distinct mistakes (fixtures/mistakes.yaml, each beside the cell where
// it must be reported): exactly those errors come out, located as Sheet!Cell with their
// message, while everyone else is evaluated; what spreadsheets do to values (decimal
// commas, dates and numbers typed as text, formulas, merged headers, blank trailing rows)
// is read as meant.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import YAML from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultCalendarPath, loadCalendar } from '../../src/calendar/index.js';
import { evaluate, type EvaluationResult } from '../../src/engine/index.js';
import type { Methodology } from '../../src/methodology/index.js';
import { withIntakePlaces } from '../../src/excel/index.js';
import { readIntakeWorkbook, type IntakeRead } from '../../src/excel/read.js';
import { examples, exampleWorkbook } from './helpers.js';

interface Write {
  sheet: string;
  cell: string;
  value?: string | number;
  formula?: string;
  result?: number;
}
interface Entry {
  write?: Write;
  append?: { sheet: string; values: Record<string, string | number> };
  merge?: { sheet: string; range: string };
  expect?: { at: string; code: string; message: string };
  read?: { person: string; field: string; value: unknown };
  warning?: { at: string; code: string };
}
const fixture = YAML.parse(readFileSync(join(import.meta.dirname, 'fixtures/mistakes.yaml'), 'utf8')) as {
  mistakes: Entry[];
  handled: Entry[];
};
const calendar = loadCalendar(defaultCalendarPath());

async function apply(file: string, entries: Entry[], out: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  for (const entry of entries) {
    if (entry.write) {
      const ws = wb.getWorksheet(entry.write.sheet)!;
      const cell = ws.getCell(entry.write.cell);
      cell.value = entry.write.formula
        ? { formula: entry.write.formula, result: entry.write.result }
        : entry.write.value === ''
          ? null
          : entry.write.value!;
    }
    if (entry.append) {
      const ws = wb.getWorksheet(entry.append.sheet)!;
      let last = ws.rowCount;
      while (last > 3 && !ws.getRow(last).hasValues) last--;
      for (const [col, value] of Object.entries(entry.append.values)) ws.getCell(`${col}${last + 1}`).value = value;
    }
    if (entry.merge) wb.getWorksheet(entry.merge.sheet)!.mergeCells(entry.merge.range);
  }
  await wb.xlsx.writeFile(out);
}

interface Found {
  at: string;
  code: string;
  message: string;
  severity: string;
}

/** Every problem of reading and evaluating a workbook, with its place Sheet!Cell. */
async function problemsOf(
  file: string,
  methodologies: Methodology[],
): Promise<{ read: IntakeRead; problems: Found[]; evaluated: number; result: EvaluationResult }> {
  const read = await readIntakeWorkbook(file, methodologies);
  const problems: Found[] = [];
  const add = (d: { at?: object; code: string; message: string; severity: string }) =>
    problems.push({
      at: d.at && 'cell' in d.at ? `${(d.at as unknown as { sheet: string }).sheet}!${(d.at as unknown as { cell: string }).cell}` : '?',
      code: d.code,
      message: d.message,
      severity: d.severity,
    });
  for (const d of read.diagnostics) add(d);
  for (const r of read.rejected) for (const d of r.diagnostics) add(d);
  for (const w of read.warnings) for (const d of w.diagnostics) add(d);
  const result = evaluate(methodologies, read.input!, calendar);
  for (const person of result.people) {
    for (const p of [...person.problems, ...person.results.flatMap((r) => r.problems)])
      add({ ...p, at: read.locate(read.indexOf(person.id)!, p.field) });
  }
  return { read, problems, evaluated: result.people.length, result };
}

describe('a workbook with 25 mistakes', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bagalau-mistakes-'));
  let baseline: Found[];
  let found: Awaited<ReturnType<typeof problemsOf>>;
  let methodologies: Methodology[];

  beforeAll(async () => {
    const base = join(dir, 'base.xlsx');
    ({ methodologies } = await exampleWorkbook(
      examples.find((e) => e.name === 'baiterek-2026')!,
      base,
    ));
    baseline = (await problemsOf(base, methodologies)).problems;
    const mistaken = join(dir, 'mistakes.xlsx');
    await apply(base, [...fixture.mistakes, ...fixture.handled], mistaken);
    found = await problemsOf(mistaken, methodologies);
  }, 120_000);

  const errors = (list: Found[]) => list.filter((p) => p.severity === 'error');
  const expected = fixture.mistakes.filter((m) => m.expect).map((m) => m.expect!);

  it('has 25 distinct mistakes, each at its own cell', () => {
    expect(expected).toHaveLength(25);
    expect(new Set(expected.map((e) => e.at)).size).toBe(25);
  });

  it('the example on its own has only its two deliberate errors (H02 and S13)', () => {
    expect(
      errors(baseline)
        .map((p) => p.code)
        .sort(),
    ).toEqual(['kpi.score-outside-range', 'survey.too-few-respondents']);
  });

  it.each(expected)('$at: $code', (mistake) => {
    const match = found.problems.filter((p) => p.at === mistake.at && p.code === mistake.code);
    expect(match, `found at ${mistake.at}: ${JSON.stringify(found.problems.filter((p) => p.at === mistake.at))}`).toHaveLength(1);
    expect(match[0].message).toContain(mistake.message);
  });

  it("gives exactly those errors, besides the example's own", () => {
    const key = (p: { at: string; code: string }) => `${p.at} ${p.code}`;
    const want = [...errors(baseline).map(key), ...expected.map(key)].sort();
    expect(errors(found.problems).map(key).sort()).toEqual(want);
  });

  it('evaluates everyone whose rows are right, and counts those set aside', () => {
    const setAside = found.read.rejected.map((r) => r.id).sort();
    expect(setAside).toEqual([
      'H03',
      'H05',
      'H06',
      'S08',
      'S09',
      'S10',
      'S11',
      'S12',
      'S14',
      'S15',
      'S16',
      'S19',
      'S20',
      'S21',
      'S22',
      'S23',
    ]);
    expect(found.read.counts).toEqual({ people: 30, read: 30 - setAside.length, setAside: setAside.length });
    expect(found.evaluated).toBe(30 - setAside.length);
  });

  it.each(fixture.handled.filter((h) => h.read).map((h) => ({ ...h.read!, at: `${h.write!.sheet}!${h.write!.cell}` })))(
    '$at is read as $value',
    ({ person, field, value, at }) => {
      const record = found.read.input!.people.find((p) => p.id === person) as unknown as Record<string, unknown>;
      const got = field.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], record);
      expect(got).toEqual(value);
      expect(errors(found.problems).filter((p) => p.at === at)).toEqual([]);
    },
  );

  it('withIntakePlaces gives the result as the CLI reports it: everyone, in the order of the people sheet, each problem at its cell', () => {
    const placed = withIntakePlaces(structuredClone(found.result), found.read);
    expect(placed.people.map((p) => p.id)).toEqual([
      'H01',
      'H02',
      'H03',
      'H04',
      'H05',
      'H06',
      ...Array.from({ length: 24 }, (_, k) => `S${String(k + 7).padStart(2, '0')}`),
    ]);
    const all = [...placed.problems, ...placed.people.flatMap((p) => [...p.problems, ...p.results.flatMap((r) => r.problems)])];
    const key = (p: { at?: object; code: string }) => `${(p.at as { sheet: string }).sheet}!${(p.at as { cell: string }).cell} ${p.code}`;
    expect(
      all
        .filter((p) => p.severity === 'error')
        .map(key)
        .sort(),
    ).toEqual(
      errors(found.problems)
        .map((p) => `${p.at} ${p.code}`)
        .sort(),
    );
    expect(placed.people.find((p) => p.id === 'S19')!.problems[0]).toMatchObject({
      code: 'intake.date',
      at: { sheet: 'Қызметшілер', cell: 'F22', line: 22, col: 6 },
    });
  });

  it('warns where it read a value otherwise than written', () => {
    for (const h of fixture.handled.filter((x) => x.warning)) {
      expect(found.problems.some((p) => p.severity === 'warning' && p.at === h.warning!.at && p.code === h.warning!.code)).toBe(true);
    }
  });
});
