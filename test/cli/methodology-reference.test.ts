// Which methodology file an evaluation uses depends on the input, never on the folder the
// command runs in; results.json records the file and its SHA-256.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readResultsFile } from '../../src/cli/resultsFile.js';
import { runCli } from '../helpers/cli.js';

const root = join(import.meta.dirname, '../..');

async function evaluateIn(cwd: string, input: string, out: string) {
  const before = process.cwd();
  process.chdir(cwd);
  try {
    return (await runCli(['evaluate', input, '--out', out], '2026-12-01')).code;
  } finally {
    process.chdir(before);
  }
}

describe('the methodology an input names', () => {
  it('is found beside the input, not in the current folder, and recorded with its SHA-256', async () => {
    const stray = mkdtempSync(join(tmpdir(), 'bagalau-stray-'));
    // A stray copy in the current folder with another minimum time in post (1 month, not 2).
    const body = readFileSync(join(root, 'examples/baiterek-akimat/baiterek-akimat-2025.yaml'), 'utf8');
    writeFileSync(join(stray, 'baiterek-akimat-2025.yaml'), body.replace(/months: 2/, 'months: 1'));
    const input = join(root, 'examples/baiterek-akimat/evaluation-2026.yaml');
    await evaluateIn(stray, input, join(stray, 'out'));
    const results = readResultsFile(join(stray, 'out', 'results.json'));
    const s08 = results.people.find((p) => p.id === 'S08')!;
    expect(s08.results.find((r) => r.period === 'Q2')?.status).toBe('notEvaluated'); // the body's own 2 months
    expect(results.methodology.file).toBe(join(root, 'examples/baiterek-akimat/baiterek-akimat-2025.yaml'));
    expect(results.methodology.sha256).toMatch(/^[0-9a-f]{64}$/);
  });
});
