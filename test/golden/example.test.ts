// Golden files: the example body's results and summary, as bagalau writes them. A change
// in any figure, status, trace or message shows up here as a diff to review; after a
// deliberate change, refresh them with: UPDATE_GOLDEN=1 npx vitest run test/golden
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { runCliIn } from '../helpers/cli.js';

const root = join(import.meta.dirname, '../..');

const examples = [
  { input: 'examples/baiterek-akimat/evaluation-2026.yaml', golden: 'baiterek-2026' },
  // The law in force today: a body extending model-2025, two evaluators per quarter.
  { input: 'examples/zhaiyq-akimat/evaluation-2026.yaml', golden: 'zhaiyq-2026' },
  // The year of the change: Q1–Q2 under the body's 2023 methodology, Q3–Q4 and the year under its 2025 one.
  { input: 'examples/zhaiyq-akimat/evaluation-2025.yaml', golden: 'zhaiyq-2025' },
];

describe.each(examples)('golden outputs of the example body $golden', ({ input, golden: goldenName }) => {
  it(`evaluate ${input}`, async () => {
    const out = mkdtempSync(join(tmpdir(), 'bagalau-golden-'));
    await runCliIn(root, ['evaluate', input, '--out', out]); // file names in the results are relative, as a user would type them
    for (const name of ['results.json', 'summary.csv']) {
      const actual = readFileSync(join(out, name), 'utf8');
      const golden = join(import.meta.dirname, `${goldenName}.${name}`);
      if (process.env.UPDATE_GOLDEN) writeFileSync(golden, actual);
      expect(actual, `${name} differs from test/golden/${goldenName}.${name}`).toBe(readFileSync(golden, 'utf8'));
    }
  });
});

describe('the results file format', () => {
  it.each(examples)('the results.json of $golden follows schemas/results.schema.json', ({ golden }) => {
    const schema = JSON.parse(readFileSync(join(root, 'schemas/results.schema.json'), 'utf8'));
    const validate = new Ajv2020.default({ allErrors: true, strict: true }).compile(schema);
    const results = JSON.parse(readFileSync(join(import.meta.dirname, `${golden}.results.json`), 'utf8'));
    expect(validate(results), JSON.stringify(validate.errors?.slice(0, 5), null, 1)).toBe(true);
  });
});
