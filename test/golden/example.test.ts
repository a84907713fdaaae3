// Golden files: the example body's results and summary, as bagalau writes them. A change
// in any figure, status, trace or message shows up here as a diff to review; after a
// deliberate change, refresh them with: UPDATE_GOLDEN=1 npx vitest run test/golden
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { Io } from '../../src/cli/output.js';

const root = join(import.meta.dirname, '../..');

describe('golden outputs of the example body', () => {
  it('evaluate examples/baiterek-akimat/evaluation-2026.yaml', async () => {
    const out = mkdtempSync(join(tmpdir(), 'bagalau-golden-'));
    const io: Io = { out: () => {}, err: () => {}, exitCode: 0, columns: 160 };
    const cwd = process.cwd();
    process.chdir(root); // file names in the results are relative, as a user would type them
    try {
      await main(['evaluate', 'examples/baiterek-akimat/evaluation-2026.yaml', '--out', out], io, () => '2026-11-24');
    } finally {
      process.chdir(cwd);
    }
    for (const name of ['results.json', 'summary.csv']) {
      const actual = readFileSync(join(out, name), 'utf8');
      const golden = join(import.meta.dirname, `baiterek-2026.${name}`);
      if (process.env.UPDATE_GOLDEN) writeFileSync(golden, actual);
      expect(actual, `${name} differs from test/golden/baiterek-2026.${name}`).toBe(readFileSync(golden, 'utf8'));
    }
  });
});

describe('the results file format', () => {
  it('the example\'s results.json follows schemas/results.schema.json', () => {
    const schema = JSON.parse(readFileSync(join(root, 'schemas/results.schema.json'), 'utf8'));
    const validate = new Ajv2020.default({ allErrors: true, strict: true }).compile(schema);
    const results = JSON.parse(readFileSync(join(import.meta.dirname, 'baiterek-2026.results.json'), 'utf8'));
    expect(validate(results), JSON.stringify(validate.errors?.slice(0, 5), null, 1)).toBe(true);
  });
});
