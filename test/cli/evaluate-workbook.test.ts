// bagalau evaluate intake.xlsx as an HR officer runs it: the committed example workbook
// gives the same figures as the example's YAML, each problem at its cell, and results.xlsx.
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repositoryRoot, runCliIn } from '../helpers/cli.js';
import { readResultsFile } from '../../src/cli/resultsFile.js';

const run = (...argv: string[]) => runCliIn(repositoryRoot, argv, '2026-12-01');

const figures = (file: string) =>
  readResultsFile(file).people.flatMap((p) =>
    p.results.map((r) => `${p.id} ${r.period} ${r.method} ${r.status} ${r.score ?? ''} ${r.band ?? ''}`),
  );

describe('bagalau evaluate intake.xlsx', () => {
  it('evaluates the workbook like the YAML, locating problems at their cells', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bagalau-workbook-'));
    const { code, err } = await run('evaluate', 'examples/zhaiyq-akimat/intake-2026.xlsx', '--out', join(dir, 'x'));
    expect(code).toBe(1); // the example's deliberate mistake
    expect(err).toMatch(/intake-2026\.xlsx › Q2 quarterly!O11: error: person Z04.* \[parameters\.justification-missing\]$/m);
    expect(err).toContain('6 people read, 6 evaluated, 0 set aside');
    expect(existsSync(join(dir, 'x', 'results.xlsx'))).toBe(true);
    await run('evaluate', 'examples/zhaiyq-akimat/evaluation-2026.yaml', '--out', join(dir, 'y'));
    expect(figures(join(dir, 'x', 'results.json'))).toEqual(figures(join(dir, 'y', 'results.json')));
  }, 60_000);

  it('writes the results file in the form asked for, each read back as the same result', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bagalau-workbook-forms-'));
    const workbook = 'examples/zhaiyq-akimat/intake-2026.xlsx';
    await run('evaluate', workbook, '--out', join(dir, 'json'));
    await run('evaluate', workbook, '--out', join(dir, 'ndjson'), '--format', 'ndjson');
    await run('evaluate', workbook, '--out', join(dir, 'expanded'), '--format', 'expanded');
    const expanded = readResultsFile(join(dir, 'expanded', 'results.json'));
    expect(readFileSync(join(dir, 'json', 'results.json'), 'utf8')).toContain('"texts":[');
    expect(readResultsFile(join(dir, 'json', 'results.json'))).toEqual(expanded);
    expect(readResultsFile(join(dir, 'ndjson', 'results.ndjson'))).toEqual(expanded);
    expect((await run('evaluate', workbook, '--format', 'yaml')).code).toBe(2);
  }, 60_000);
});
