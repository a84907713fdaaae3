// The example bodies' YAML inputs, written as filled intake workbooks (the test helper of
// the issue), read back as the very same input and evaluate to byte-identical results —
// also after LibreOffice has opened and saved the workbook again.
import { copyFileSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { defaultCalendarPath, loadCalendar } from '../../src/calendar/index.js';
import { evaluate } from '../../src/engine/index.js';
import { readIntakeWorkbook } from '../../src/excel/read.js';
import { evaluationSchemaPath } from '../../src/input/loadEvaluationInput.js';
import { examples, exampleWorkbook, methodology, root, runSoffice, yamlInput } from './helpers.js';
import { readFileSync } from 'node:fs';

const calendar = loadCalendar(defaultCalendarPath());
const validate = (() => {
  const ajv = new Ajv2020.default({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true });
  addFormats.default(ajv);
  return ajv.compile(JSON.parse(readFileSync(evaluationSchemaPath, 'utf8')));
})();

describe.each(examples)('the workbook of $name', (example) => {
  const dir = mkdtempSync(join(tmpdir(), `bagalau-roundtrip-${example.name}-`));
  const file = join(dir, 'intake.xlsx');

  it('reads back as the YAML input, and evaluates to byte-identical results', async () => {
    const { input, methodologies } = await exampleWorkbook(example, file);
    const read = await readIntakeWorkbook(file, methodologies);
    expect(read.diagnostics).toEqual([]);
    expect(read.rejected).toEqual([]);
    expect(read.counts).toEqual({ people: input.people.length, read: input.people.length, setAside: 0 });
    expect(read.input).toEqual(input);
    expect(validate(read.input), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    const fromYaml = JSON.stringify(evaluate(methodologies, input, calendar), null, 2);
    const fromWorkbook = JSON.stringify(evaluate(methodologies, read.input!, calendar), null, 2);
    expect(fromWorkbook).toBe(fromYaml);
  });

  it('every problem of the engine is located at a cell of the workbook', async () => {
    const { methodologies } = await exampleWorkbook(example, file);
    const read = await readIntakeWorkbook(file, methodologies);
    const result = evaluate(methodologies, read.input!, calendar);
    for (const person of result.people) {
      for (const p of [...person.problems, ...person.results.flatMap((r) => r.problems)]) {
        const at = read.locate(read.indexOf(person.id)!, p.field);
        expect(at, `${person.id} ${p.code} ${p.field}`).toBeDefined();
        expect(at!.cell).toMatch(/^[A-Z]+\d+$/);
      }
    }
  });

  it('reads back the same after LibreOffice has saved it again', async () => {
    const { input, methodologies } = await exampleWorkbook(example, file);
    const saved = join(dir, 'saved');
    const copy = join(dir, 'copy.xlsx');
    copyFileSync(file, copy);
    const run = runSoffice(['--convert-to', 'xlsx:Calc MS Excel 2007 XML', '--outdir', saved, copy], join(dir, 'profile'));
    expect(run.status, run.output).toBe(0);
    expect(readdirSync(saved)).toContain('copy.xlsx');
    const read = await readIntakeWorkbook(join(saved, 'copy.xlsx'), methodologies);
    expect(read.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(read.input).toEqual(input);
  });
});

it('LibreOffice is installed for the Excel tests (they check that it opens the workbooks)', () => {
  expect(root).toBeTruthy();
});

describe('the committed example workbook (examples/zhaiyq-akimat/intake-2026.xlsx)', () => {
  it('holds the same data as examples/zhaiyq-akimat/evaluation-2026.yaml (regenerate: bagalau template --from examples/zhaiyq-akimat/evaluation-2026.yaml --out examples/zhaiyq-akimat/intake-2026.xlsx --force)', async () => {
    const example = examples.find((e) => e.name === 'zhaiyq-2026')!;
    const methodologies = example.methodologies.map(methodology);
    const read = await readIntakeWorkbook(join(root, 'examples/zhaiyq-akimat/intake-2026.xlsx'), methodologies);
    expect(read.diagnostics).toEqual([]);
    expect(read.input).toEqual(yamlInput(example.input));
  });
});
