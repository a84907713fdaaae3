// render and test take an intake workbook wherever they take an input, read as evaluate
// reads it: the same forms as from the YAML of the same people, a case whose input is a
// workbook, and every mistake located at its cell.
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import YAML from 'yaml';
import { describe, expect, it } from 'vitest';
import type { EvaluationInput } from '../../src/engine/index.js';
import { fillIntake } from '../../src/excel/fill.js';
import { intakeLayout } from '../../src/excel/layout.js';
import { writeIntakeWorkbook } from '../../src/excel/template.js';
import { methodology, root } from '../excel/helpers.js';
import { runCliIn } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'bagalau-workbook-inputs-'));

const run = (...argv: string[]) => runCliIn(root, argv, '2026-12-01');

const pdfs = (folder: string) =>
  readdirSync(folder)
    .filter((f) => f.endsWith('.pdf'))
    .sort();

describe('bagalau render intake.xlsx', () => {
  const workbook = 'examples/zhaiyq-akimat/intake-2026.xlsx';
  const yaml = 'examples/zhaiyq-akimat/evaluation-2026.yaml';

  it('prints the same forms as from the YAML of the same people, the problems at their cells', async () => {
    const fromYaml = await run('render', yaml, '--forms', 'evaluationSheet', '--out', join(dir, 'yaml'), '--pages', '1');
    const fromWorkbook = await run('render', workbook, '--forms', 'evaluationSheet', '--out', join(dir, 'xlsx'), '--pages', '1');
    expect(fromWorkbook.code).toBe(fromYaml.code);
    expect(pdfs(join(dir, 'xlsx'))).toEqual(pdfs(join(dir, 'yaml')));
    expect(pdfs(join(dir, 'xlsx')).length).toBeGreaterThan(0);
    expect(fromWorkbook.err).not.toMatch(/yaml\./);
  }, 180_000);

  it('takes the workbook as the --input of a results.json', async () => {
    await run('evaluate', workbook, '--out', join(dir, 'results'));
    const printed = await run(
      'render',
      join(dir, 'results', 'results.json'),
      '--input',
      workbook,
      '--forms',
      'evaluationSheet',
      '--out',
      join(dir, 'from-results'),
      '--pages',
      '1',
    );
    expect(printed.err).not.toMatch(/error \[(yaml|schema|input)\./);
    expect(pdfs(join(dir, 'from-results'))).toEqual(pdfs(join(dir, 'xlsx')));
  }, 180_000);
});

/** The first case of model-2025's quarterly cases: its input as a filled workbook, its expectations. */
async function quarterlyCase(folder: string): Promise<{ expect: unknown; intake: string }> {
  const cases = YAML.parse(readFileSync(join(root, 'methodologies/tests/model-2025/quarterly.yaml'), 'utf8')) as {
    input: Omit<EvaluationInput, 'methodology'>;
    expect: unknown;
  }[];
  const input = { ...cases[0].input, methodology: 'model-2025' } as EvaluationInput;
  const layout = intakeLayout([methodology('model-2025')], input.year);
  const intake = join(folder, 'intake.xlsx');
  await writeIntakeWorkbook(layout, intake, { methodologyRefs: ['model-2025'], fill: fillIntake(layout, input) });
  return { expect: cases[0].expect, intake };
}

describe('bagalau test with a case whose input is an intake workbook', () => {
  it('reads the workbook and checks the expectations', async () => {
    const cases = join(dir, 'cases-good');
    mkdirSync(join(cases, 'model-2025'), { recursive: true });
    const { expect: expected } = await quarterlyCase(join(cases, 'model-2025'));
    writeFileSync(
      join(cases, 'model-2025', 'quarterly.yaml'),
      YAML.stringify([{ name: 'two evaluators, from a workbook', input: 'intake.xlsx', expect: expected }]),
    );
    const { code, out, err } = await run('test', cases);
    expect(err).toBe('');
    expect(out).toContain('✓ two evaluators, from a workbook');
    expect(out).toContain('1 passed, 0 failed');
    expect(code).toBe(0);

    // A wrong expectation fails: the workbook's figures are really compared.
    writeFileSync(
      join(cases, 'model-2025', 'quarterly.yaml'),
      YAML.stringify([{ name: 'wrong', input: 'intake.xlsx', expect: { S1: { 'Q3.quarterly': { score: 4.5 } } } }]),
    );
    const wrong = await run('test', cases);
    expect(wrong.code).toBe(1);
    expect(wrong.out).toContain('S1 Q3.quarterly score: expected 4.5, got 4.25');
  }, 120_000);

  it('refuses the case when the workbook has a mistake, naming its cell', async () => {
    const cases = join(dir, 'cases-bad');
    mkdirSync(join(cases, 'model-2025'), { recursive: true });
    const { intake, expect: expected } = await quarterlyCase(join(cases, 'model-2025'));
    // The direct manager's quality score typed in words (a number is expected).
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(intake);
    const ws = wb.getWorksheet('Q3 quarterly')!;
    let column = 0;
    ws.getRow(3).eachCell((cell, col) => {
      if (cell.value === 'scores.quality') column = col;
    });
    const cell = ws.getRow(4).getCell(column);
    expect(cell.value).toBe(5);
    cell.value = 'бес';
    await wb.xlsx.writeFile(intake);
    writeFileSync(
      join(cases, 'model-2025', 'quarterly.yaml'),
      YAML.stringify([{ name: 'broken', input: 'intake.xlsx', expect: expected }]),
    );
    const { code, err, out } = await run('test', cases);
    expect(code).toBe(1);
    expect(err).toContain(`${join(cases, 'model-2025', 'intake.xlsx')} › Q3 quarterly!${cell.address}: error: `);
    expect(err).toContain('(the input of case "broken")');
    expect(out).toContain('0 passed, 0 failed, 1 refused');

    // render names the same cell, and says who is set aside.
    copyFileSync(intake, join(dir, 'broken.xlsx'));
    const printed = await run('render', join(dir, 'broken.xlsx'), '--forms', 'all', '--out', join(dir, 'broken-forms'));
    expect(printed.code).toBe(1);
    expect(printed.err).toContain(`broken.xlsx › Q3 quarterly!${cell.address}: error: `);
    expect(printed.err).toContain('person S1 is set aside');
  }, 120_000);
});
