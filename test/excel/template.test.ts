// bagalau template: the intake workbook's sheets and columns come from the methodology's
// methods (a body's own method included), headed in Kazakh, validated where the methodology
// fixes the values, with frozen headers, a read-me in Kazakh and Russian, and the
// methodology and year in its properties; LibreOffice opens it.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { intakeLayout } from '../../src/excel/layout.js';
import { readIntakeWorkbook } from '../../src/excel/read.js';
import { writeIntakeWorkbook } from '../../src/excel/template.js';
import { methodologyPath, type Methodology } from '../../src/methodology/index.js';
import { capturingIo } from '../helpers/cli.js';
import { methodology, root, runSoffice, yamlInput } from './helpers.js';

async function open(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

/** The data validation of the range's first cell, and that it covers the range's last one (exceljs reads them cell by cell). */
function validationAt(ws: ExcelJS.Worksheet, range: string): ExcelJS.DataValidation | undefined {
  const model = (ws as unknown as { dataValidations: { model: Record<string, ExcelJS.DataValidation> } }).dataValidations.model;
  const [first, last] = range.split(':');
  expect(model[last], `${ws.name}!${last}`).toEqual(model[first]);
  return model[first];
}

/** The key row (3) of a sheet: column letter → key. */
function keys(ws: ExcelJS.Worksheet): Map<string, string> {
  const found = new Map<string, string>();
  ws.getRow(3).eachCell((cell) => found.set(String(cell.value), cell.address.replace(/\d+$/, '')));
  return found;
}

const dir = mkdtempSync(join(tmpdir(), 'bagalau-template-'));

describe('bagalau template --methodology model-2025 --year 2026', () => {
  const file = join(dir, 'model-2025.xlsx');
  const m2025 = methodology('model-2025');

  it('writes the workbook and says what to do next', async () => {
    const { io, text } = capturingIo();
    expect(await main(['template', '--methodology', 'model-2025', '--year', '2026', '--out', file], io)).toBe(0);
    expect(text.out).toContain('bagalau evaluate');
    expect(existsSync(file)).toBe(true);
  });

  it('has a sheet per quarter for the quarterly method, headed with its criteria in Kazakh', async () => {
    const wb = await open(file);
    const [methodId, method] = Object.entries(m2025.methods).find(([, d]) => d.period === 'quarter')!;
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      'Нұсқаулық',
      'Жалпы',
      'Қызметшілер',
      'Бөлімшелер',
      'Болмаған кезеңдер',
      'Қол қоюшылар',
      ...['Q1', 'Q2', 'Q3', 'Q4'].map((q) => `${q} ${methodId}`),
      'Калибрлеу',
      'Тізімдер',
    ]);
    const ws = wb.getWorksheet(`Q2 ${methodId}`)!;
    const k = keys(ws);
    for (const [id, parameter] of Object.entries(method.sheet!.parameters)) {
      expect(String(ws.getCell(`${k.get(`scores.${id}`)}2`).value)).toContain(parameter.title.kk);
      // each parameter's title stands above its score and its justification (merged)
      expect(ws.getCell(`${k.get(`scores.${id}`)}1`).value).toBe(parameter.title.kk);
      expect(k.has(`justifications.${id}`)).toBe(true);
    }
    // one row per evaluator: the role is a list of the method's evaluators
    const role = validationAt(ws, `${k.get('role')}4:${k.get('role')}1003`)!;
    expect(role.type).toBe('list');
    const lists = wb.getWorksheet('Тізімдер')!;
    expect(lists.state).toBe('hidden');
    const [, column] = /!\$([A-Z]+)\$2/.exec(String(role.formulae[0]))!;
    const listed: string[] = [];
    lists.getColumn(column).eachCell((cell, row) => {
      if (row > 1 && cell.value !== null) listed.push(String(cell.value));
    });
    expect(listed).toEqual(method.evaluators!.roles.map((r) => m2025.roles[r].title.kk));
  });

  it('validates scores by the scale and precision, dates, and the lists the methodology fixes', async () => {
    const wb = await open(file);
    const [methodId, method] = Object.entries(m2025.methods).find(([, d]) => d.period === 'quarter')!;
    const ws = wb.getWorksheet(`Q1 ${methodId}`)!;
    const k = keys(ws);
    const first = Object.keys(method.sheet!.parameters)[0];
    const col = k.get(`scores.${first}`)!;
    const score = validationAt(ws, `${col}4:${col}1003`)!;
    expect(score.type).toBe('custom');
    expect(score.formulae[0]).toBe(
      `AND(ISNUMBER(${col}4),${col}4>=${method.sheet!.scale.min},${col}4<=${method.sheet!.scale.max},ROUND(${col}4,${m2025.scores.precision})=${col}4)`,
    );
    expect(validationAt(ws, `${k.get('evaluatedOn')}4:${k.get('evaluatedOn')}1003`)!.type).toBe('date');
    const people = wb.getWorksheet('Қызметшілер')!;
    const pk = keys(people);
    const category = validationAt(people, `${pk.get('positionCategory')}4:${pk.get('positionCategory')}1003`)!;
    expect(category.type).toBe('list');
    expect(category.errorStyle).toBe('information'); // a catch-all category: other position categories are allowed
    const absences = wb.getWorksheet('Болмаған кезеңдер')!;
    const kind = validationAt(absences, `C4:C1003`)!;
    expect(kind.type).toBe('list');
    expect(kind.errorStyle).toBe('stop');
    expect(validationAt(absences, 'A4:A1003')!.formulae[0]).toBe("'Қызметшілер'!$A$4:$A$1003");
  });

  it('freezes the header rows, fits the Kazakh titles, and says how to fill it in, in Kazakh and Russian', async () => {
    const wb = await open(file);
    for (const ws of wb.worksheets.filter((w) => !['Нұсқаулық', 'Тізімдер'].includes(w.name))) {
      expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
      ws.getRow(2).eachCell((cell) => {
        const longest = Math.max(
          ...String(cell.value)
            .split(/\s+/)
            .map((w) => [...w].length),
        );
        expect(ws.getColumn(cell.col).width, `${ws.name}!${cell.address}`).toBeGreaterThanOrEqual(Math.min(longest + 1, 40));
        expect(cell.alignment?.wrapText).toBe(true);
      });
    }
    const readMe = wb.getWorksheet('Нұсқаулық')!;
    const text = readMe.getSheetValues().flat().join('\n');
    expect(text).toContain('Қалай толтыру керек');
    expect(text).toContain('Как заполнять');
    expect(text).toContain('model-2025');
  });

  it('carries the methodology and the year in its properties', async () => {
    const wb = await open(file);
    expect(wb.subject).toBe('bagalau-intake/1');
    expect(wb.keywords).toContain('methodology=model-2025');
    expect(wb.keywords).toContain('year=2026');
    const general = wb.getWorksheet('Жалпы')!;
    expect(general.getCell('C5').value).toBe(2026);
    expect(general.getCell('C6').value).toBe('model-2025');
  });

  it('reads back empty, without a problem', async () => {
    const read = await readIntakeWorkbook(file, [m2025]);
    expect(read.diagnostics).toEqual([]);
    expect(read.input?.people).toEqual([]);
    expect(read.input?.methodology).toBe('model-2025');
  });

  it('says when it is read under another methodology than the one it was made for', async () => {
    const read = await readIntakeWorkbook(file, [methodology('model-2018')]);
    expect(read.input).toBeUndefined();
    expect(read.diagnostics).toMatchObject([{ code: 'intake.other-methodology', at: { sheet: 'Жалпы', cell: 'C6' } }]);
    expect(read.diagnostics[0].message).toContain('the workbook was made for model-2025 (2026), not for model-2018');
  });

  it('refuses to replace a workbook that exists, unless --force', async () => {
    const { io, text } = capturingIo();
    expect(await main(['template', '--methodology', 'model-2025', '--year', '2026', '--out', file], io)).toBe(2);
    expect(text.err).toContain('--force');
  });
});

describe('the sheets come from the methodology', () => {
  it('model-2018: KPI and differentiation sheets per quarter, a work plan, the 360 per questionnaire with its statements', () => {
    const m = methodology('model-2018');
    const layout = intakeLayout([m], 2024);
    const survey = Object.entries(m.methods).find(([, d]) => d.kind === 'survey')!;
    const names = layout.sheets.map((s) => s.name);
    for (const [id, d] of Object.entries(m.methods)) {
      if (d.period === 'quarter') for (const q of ['Q1', 'Q2', 'Q3', 'Q4']) expect(names).toContain(`${q} ${id}`);
    }
    expect(layout.sheets.filter((s) => s.kind === 'workPlan')).toHaveLength(1);
    const surveySheets = layout.sheets.filter((s) => s.kind === 'survey');
    expect(surveySheets.map((s) => s.questionnaireId)).toEqual(Object.keys(survey[1].survey!.questionnaires));
    for (const s of surveySheets) {
      const questionnaire = survey[1].survey!.questionnaires[s.questionnaireId!];
      const statements = Object.entries(questionnaire.competencies).flatMap(([c, comp]) =>
        Object.entries(comp.indicators).map(([i, ind]) => ({ key: `answers.${c}.${i}`, title: ind.text.kk, group: comp.title.kk })),
      );
      expect(
        s.columns.filter((c) => c.key.startsWith('answers.')).map((c) => ({ key: c.key, title: c.title.kk, group: c.group!.kk })),
      ).toEqual(statements);
      // answers from the methodology's options; no column for a respondent's name
      expect(s.columns.find((c) => c.key.startsWith('answers.'))!.choices!.items.map((i) => i.label)).toEqual(
        Object.values(survey[1].survey!.answers).map((a) => a.label.kk),
      );
      expect(s.columns.map((c) => c.key)).toEqual([
        'person',
        'name',
        'group',
        ...statements.map((x) => x.key),
        'evaluatedOn',
        'communicatedOn',
      ]);
    }
  });

  it("a body's own method gets its sheets, with its parameters and its scale", () => {
    const m: Methodology = methodology(join(root, 'test/forms/fixtures/forms-quarterly-2024.yaml'));
    const own = Object.entries(m.methods).find(
      ([id, d]) => d.kind === 'parameters' && d.evaluators!.roles.length === 2 && !methodology('model-2018').methods[id],
    )!;
    const layout = intakeLayout([m], 2024);
    const sheet = layout.sheets.find((s) => s.name === `Q1 ${own[0]}`)!;
    expect(sheet.perEvaluator).toBe(true);
    const scores = sheet.columns.filter((c) => c.key.startsWith('scores.'));
    expect(scores.map((c) => c.key)).toEqual(Object.keys(own[1].sheet!.parameters).map((id) => `scores.${id}`));
    expect(scores[0].range).toMatchObject({ min: own[1].sheet!.scale.min, max: own[1].sheet!.scale.max });
  });

  it('the year of a change: each quarter with the methods of the methodology in force on its last day', () => {
    const earlier = methodology('examples/zhaiyq-akimat/zhaiyq-akimat-2023.yaml');
    const later = methodology('examples/zhaiyq-akimat/zhaiyq-akimat-2025.yaml');
    const layout = intakeLayout([earlier, later], 2025);
    const methodsOf = (q: string) => layout.sheets.filter((s) => s.period === q).map((s) => s.methodId);
    expect(methodsOf('Q2')).toEqual(
      Object.entries(earlier.methods)
        .filter(([, d]) => d.period === 'quarter')
        .map(([id]) => id),
    );
    expect(methodsOf('Q3')).toEqual(
      Object.entries(later.methods)
        .filter(([, d]) => d.period === 'quarter')
        .map(([id]) => id),
    );
  });
});

describe('bagalau template --from an input', () => {
  it('fills the workbook, naming the methodology from where the workbook is', async () => {
    const { io, text } = capturingIo();
    const file = join(dir, 'from', 'intake.xlsx');
    const input = 'examples/zhaiyq-akimat/evaluation-2026.yaml';
    expect(await main(['template', '--from', join(root, input), '--out', file], io), text.err).toBe(0);
    expect(text.out).toContain('filled from');
    const read = await readIntakeWorkbook(file, (header) =>
      header.methodologies.map((ref) => methodology(methodologyPath(ref, dirname(file)))),
    );
    const expected = yamlInput(input);
    expect(read.input).toEqual({ ...expected, methodology: read.input!.methodology });
    expect(read.input!.methodology).toMatch(/zhaiyq-akimat-2025\.yaml$/);
  });
});

describe('LibreOffice opens the workbooks', () => {
  const python = spawnSync('python3', ['--version']).status === 0;

  it.each([
    ['model-2025', 2026],
    ['model-2018', 2024],
  ] as const)('the intake workbook of %s converts sheet by sheet, its XML well formed', async (id, year) => {
    const file = join(dir, `lo-${id}.xlsx`);
    await writeIntakeWorkbook(intakeLayout([methodology(id)], year), file, { methodologyRefs: [id] });
    const outDir = join(dir, `lo-${id}`);
    const run = runSoffice(
      ['--convert-to', 'csv:Text - txt - csv (StarCalc):59,34,76,1,,0,false,true,false,false,false,-1', '--outdir', outDir, file],
      join(dir, `profile-${id}`),
    );
    expect(run.status, run.output).toBe(0);
    const wb = await open(file);
    expect(readdirSync(outDir).sort()).toEqual(wb.worksheets.map((w) => `lo-${id}-${w.name}.csv`).sort());
    expect(readFileSync(join(outDir, `lo-${id}-Қызметшілер.csv`), 'utf8').split('\n')[2]).toBe(
      'id;name;position;positionCategory;unit;appointedOn;leftOn',
    );
    if (python) {
      const check = spawnSync(
        'python3',
        [
          '-c',
          'import sys, zipfile, xml.etree.ElementTree as ET\nz = zipfile.ZipFile(sys.argv[1])\nfor n in z.namelist():\n    if n.endswith(".xml") or n.endswith(".rels") or n.endswith(".vml"):\n        ET.fromstring(z.read(n))\nprint(len(z.namelist()))',
          file,
        ],
        { encoding: 'utf8' },
      );
      expect(check.status, check.stderr).toBe(0);
    }
  });

  it('a copy of the committed example workbook', () => {
    const example = join(root, 'examples/zhaiyq-akimat/intake-2026.xlsx');
    if (!existsSync(example)) return;
    const copy = join(dir, 'example.xlsx');
    copyFileSync(example, copy);
    const run = runSoffice(
      [
        '--convert-to',
        'csv:Text - txt - csv (StarCalc):59,34,76,1,,0,false,true,false,false,false,-1',
        '--outdir',
        join(dir, 'lo-example'),
        copy,
      ],
      join(dir, 'profile-example'),
    );
    expect(run.status, run.output).toBe(0);
    expect(readFileSync(join(dir, 'lo-example', 'example-Қызметшілер.csv'), 'utf8')).toContain('Z01;');
  });
});
