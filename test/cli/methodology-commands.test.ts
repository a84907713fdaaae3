// The CLI as a user meets it: messages, --json, and the exit codes 0 clean,
// 1 findings, 2 unusable input or usage.
import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const root = join(import.meta.dirname, '../..');
const broken = (name: string) => join(root, 'test/methodology/broken', `${name}.yaml`);

async function run(...argv: string[]) {
  return runCli(argv);
}

describe('bagalau validate', () => {
  it('exits 0 on the bundled methodologies', async () => {
    const { code, out } = await run(
      'validate',
      'methodologies/model-2018.yaml',
      'methodologies/almaty-akimat-2023.yaml',
      'methodologies/enbekshikazakh-maslikhat-2023.yaml',
    );
    expect(code).toBe(0);
    expect(out).toContain('methodologies/almaty-akimat-2023.yaml: valid (extends model-2018)');
  });

  it('exits 1 with a located message on an invalid methodology', async () => {
    const { code, err } = await run('validate', broken('months-not-number'));
    expect(code).toBe(1);
    expect(err).toMatch(
      /months-not-number\.yaml:10:13: error: eligibility › minimumTimeInPost › months must be a whole number, but it is "one".* \[schema\.type\]$/m,
    );
    expect(err).toContain('clause: clause 5 of months-not-number');
    expect(err).toContain('what to do:');
  });

  it('exits 2 when the file is not YAML or cannot be read', async () => {
    expect((await run('validate', broken('unclosed-quote'))).code).toBe(2);
    expect((await run('validate', 'no/such/file.yaml')).code).toBe(2);
  });

  it('prints machine-readable findings with --json', async () => {
    const { out } = await run('validate', '--json', broken('unknown-top-key'));
    const [report] = JSON.parse(out);
    expect(report.valid).toBe(false);
    expect(report.diagnostics[0]).toMatchObject({ code: 'schema.additionalProperties', at: { line: 8, col: 1 } });
  });
});

describe('bagalau lint', () => {
  it('reports the annex 3 gap for Almaty as a warning and exits 0', async () => {
    const { code, err } = await run('lint', 'methodologies/almaty-akimat-2023.yaml');
    expect(code).toBe(0);
    expect(err).toContain('44.50–44.99 % uncovered');
  });

  it('exits 1 on warnings with --strict', async () => {
    expect((await run('lint', '--strict', 'almaty-akimat-2023')).code).toBe(1);
  });

  it('exits 1 on lint errors', async () => {
    const { code, err } = await run('lint', broken('band-gap'));
    expect(code).toBe(1);
    expect(err).toContain('no band covers scores 3.00–3.09');
  });

  it('reports that Enbekshikazakh is repealed on the given date', async () => {
    const { err } = await run('lint', '--on', '2024-01-10', 'enbekshikazakh-maslikhat-2023');
    expect(err).toContain('was repealed by шешім No. 10-46 of 2023-11-17');
  });

  it('refuses a malformed --on date as a usage error', async () => {
    const { code, err } = await run('lint', '--on', '24.11.2026', 'model-2018');
    expect(code).toBe(2);
    expect(err).toContain('YYYY-MM-DD');
  });
});

describe('bagalau show and diff', () => {
  it('shows the resolved methodology with the source of each basis', async () => {
    const { code, out } = await run('show', '--json', 'enbekshikazakh-maslikhat-2023');
    expect(code).toBe(0);
    const m = JSON.parse(out);
    expect(m.eligibility.minimumTimeInPost).toMatchObject({ months: 3, basis: { clause: '5', source: 'enbekshikazakh-maslikhat-2023' } });
    expect(m.forms.annex3.basis.source).toBe('model-2018');
  });

  it('prints the difference of two bodies as a table', async () => {
    const { code, out } = await run('diff', 'almaty-akimat-2023', 'enbekshikazakh-maslikhat-2023', '--lang', 'kk');
    expect(code).toBe(0);
    // The settings' names come from the schema (English); the acts' texts in the language asked for.
    expect(out).toMatch(/Eligibility › Minimum time in post ›\s*│ 1\s/);
    expect(out).toContain('мәслихат төрағасы');
    expect(out).toMatch(/almaty-akimat-2023 және enbekshikazakh-maslikhat-2023 арасында \d+ баптау ерекшеленеді/);
  });

  it('gives the rows as JSON with --json', async () => {
    const { out } = await run('diff', '--json', 'almaty-akimat-2023', 'enbekshikazakh-maslikhat-2023');
    const { rows } = JSON.parse(out);
    expect(rows.find((r: { pointer: string }) => r.pointer === '/eligibility/minimumTimeInPost/months')).toMatchObject({ a: '1', b: '3' });
  });

  it('exits 2 on an unknown command', async () => {
    expect((await run('frobnicate')).code).toBe(2);
  });
});

describe('the compiled bagalau command', () => {
  it('starts from dist/ and validates', () => {
    execFileSync('node', ['scripts/setup.mjs', '--quiet'], { cwd: root, stdio: 'inherit' });
    const result = spawnSync('node', ['bin/bagalau.js', 'validate', 'methodologies/model-2018.yaml'], { cwd: root, encoding: 'utf8' });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('valid');
  });
});
