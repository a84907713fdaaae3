// Issue 13.4: a quarter before the appointment (or after the departure) is "not in post",
// not the methodology's "not evaluated (shortTenure)"; a quarter partly in post is still
// judged by the methodology's rules.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { loadCalendar } from '../../src/calendar/index.js';
import { summaryCsvLines } from '../../src/cli/csv.js';
import { tableRow, tableLegend, summaryTable, Tally, tally } from '../../src/cli/evaluateOutput.js';
import { evaluate, type EvaluationInput, type MethodResult } from '../../src/engine/index.js';
import type { Person } from '../../src/engine/input.generated.js';
import { writeResultsWorkbook } from '../../src/excel/results.js';
import { parseFormList, planDocuments } from '../../src/forms/render.js';
import { loadResolved, type Methodology } from '../../src/methodology/index.js';

const calendar = loadCalendar();
const loaded = loadResolved('almaty-akimat-2023');
if (!loaded.ok) throw new Error('almaty-akimat-2023 does not load');
const almaty: Methodology = loaded.methodology;
const sheet = { differentiation: { scores: { quality: 4, deadlines: 4, independence: 4, discipline: 4 }, justification: 'жақсы' } };
const person = (id: string, dates: { appointedOn: string; leftOn?: string }, quarters: Person['quarters'] = {}): Person => ({
  id,
  name: `Person ${id}`,
  positionCategory: 'C-O-5',
  ...dates,
  quarters,
});
const find = (results: MethodResult[], period: string) => results.find((r) => r.period === period && r.method === 'differentiation')!;

function run(people: EvaluationInput['people']) {
  return evaluate(almaty, { methodology: 'almaty-akimat-2023', year: 2024, quarters: ['Q1', 'Q2', 'Q3', 'Q4'], people }, calendar);
}

describe('not in post', () => {
  it('marks the quarters before the appointment "not in post", with the dates in the trace', () => {
    const [p] = run([person('MAY', { appointedOn: '2024-05-06' }, { Q3: sheet })]).people;
    const q1 = find(p.results, 'Q1');
    expect(q1.status).toBe('notInPost');
    expect(q1.eligibility).toBeUndefined();
    expect(q1.trace).toEqual([
      {
        rule: 'post.tenure',
        inputs: { appointedOn: '2024-05-06', periodStart: '2024-01-01', periodEnd: '2024-03-31' },
        result: 'notInPost',
        note: 'not in post: appointed on 2024-05-06, after the last day of Q1 2024 (2024-03-31)',
      },
    ]);
    // Q2: in post from 6 May, which Almaty's one month allows; Q3 scored.
    expect(find(p.results, 'Q2').status).not.toBe('notInPost');
    expect(find(p.results, 'Q3')).toMatchObject({ status: 'evaluated', score: 4 });
    // The year is the mean of the scored quarters only.
    expect(find(p.results, 'year').quarters?.map((q) => q.period)).toEqual(['Q3']);
  });

  it('marks the quarters after the departure "not in post"', () => {
    const [p] = run([person('LEFT', { appointedOn: '2020-01-01', leftOn: '2024-05-20' }, { Q1: sheet })]).people;
    expect(find(p.results, 'Q1').status).toBe('evaluated');
    expect(find(p.results, 'Q3').status).toBe('notInPost');
    expect(find(p.results, 'Q4').status).toBe('notInPost');
    expect(find(p.results, 'Q4').trace[0].note).toBe('not in post: left on 2024-05-20, before the first day of Q4 2024 (2024-10-01)');
  });

  it('keeps a quarter partly in post but too short as the methodology decides: shortTenure', () => {
    const [lastDay, firstDay] = run([
      person('LASTDAY', { appointedOn: '2024-03-31' }),
      person('FIRSTDAY', { appointedOn: '2020-01-01', leftOn: '2024-04-01' }),
    ]).people;
    expect(find(lastDay.results, 'Q1')).toMatchObject({ status: 'notEvaluated', eligibility: { rule: 'shortTenure' } });
    expect(find(firstDay.results, 'Q2')).toMatchObject({ status: 'notEvaluated', eligibility: { rule: 'shortTenure' } });
    expect(find(firstDay.results, 'Q3').status).toBe('notInPost');
  });

  it('reports data submitted for a quarter the person was not in post, and ignores it', () => {
    const [p] = run([person('EARLY', { appointedOn: '2024-07-01' }, { Q1: sheet, Q3: sheet })]).people;
    const q1 = find(p.results, 'Q1');
    expect(q1.status).toBe('notInPost');
    expect(q1.score).toBeUndefined();
    expect(q1.problems).toEqual([
      expect.objectContaining({
        code: 'data.not-in-post',
        severity: 'warning',
        field: 'quarters.Q1.differentiation',
        message: expect.stringContaining('appointed on 2024-07-01, after the last day of Q1 2024') as string,
      }),
    ]);
    expect(find(p.results, 'Q3').status).toBe('evaluated');
  });

  it('says "not in post" in the table, summary.csv, the summary and results.xlsx', async () => {
    const result = run([person('MAY', { appointedOn: '2024-05-06' }, { Q3: sheet })]);
    const [p] = result.people;
    const row = tableRow(p, ['differentiation'], [], 160);
    expect(row.split('│').map((c) => c.trim())[2]).toBe('not in post');
    expect(tableLegend()).toContain('"not in post"');
    expect(summaryCsvLines(p, 'rfc4180')).toContain('MAY,Person MAY,servant,Q1,differentiation,notInPost,,');
    const counts = new Tally();
    counts.add({ tally: tally(p), errors: 0, warnings: 0, valid: true, codes: '' });
    expect(summaryTable('t', 2024, counts, Object.keys(almaty.bands.levels), {})).toMatch(/differentiation\s+Q1.*\n/);
    expect(summaryTable('t', 2024, counts, Object.keys(almaty.bands.levels), {})).toContain('not in post');

    const path = join(mkdtempSync(join(tmpdir(), 'bagalau-not-in-post-')), 'results.xlsx');
    await writeResultsWorkbook(result, [almaty], path, { created: new Date(Date.UTC(2024, 0, 1)) });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path);
    const values = wb.worksheets.flatMap((ws) => ws.getSheetValues().flatMap((r) => (Array.isArray(r) ? r : [])));
    expect(values).toContain('лауазымда болмаған');
  });

  it('prints no form for a quarter not in post (no form prints a status without a score)', () => {
    const input: EvaluationInput = {
      methodology: 'almaty-akimat-2023',
      year: 2024,
      quarters: ['Q1', 'Q2', 'Q3', 'Q4'],
      people: [person('MAY', { appointedOn: '2024-05-06' }, { Q3: sheet })],
    };
    const result = evaluate(almaty, input, calendar);
    const files = planDocuments(almaty, { forms: parseFormList(almaty, 'all') }, result, input).map((d) => d.file);
    expect(files.some((f) => f.includes('Q3'))).toBe(true);
    expect(files.filter((f) => f.includes('Q1'))).toEqual([]);
  });
});
