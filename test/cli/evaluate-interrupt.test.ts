// An interrupted evaluate (Ctrl+C, kill) leaves no temporary file in --out: the files it was
// writing are removed, a results.json of an earlier run stays as it was. Runs the built CLI
// on a generated body large enough to be stopped midway, with and without workers.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { model2025People, model2025Units, writePopulation } from '../../bench/population.js';

const root = join(import.meta.dirname, '../..');
const scratch = mkdtempSync(join(tmpdir(), 'bagalau-evaluate-interrupt-'));
const input = join(scratch, 'body.json');
writePopulation(input, 'json', { methodology: 'model-2025', year: 2026, units: model2025Units(20_000) }, model2025People(20_000, 2026));

describe.each([
  ['SIGINT', '0'],
  ['SIGTERM', '1'],
  ['SIGHUP', '2'],
] as const)('evaluate interrupted by %s (workers: %s)', (signal, workers) => {
  it('removes the files it was writing and keeps the earlier results', async () => {
    const out = join(scratch, `out-${signal}`);
    const child0 = spawn(process.execPath, ['bin/bagalau.js', 'evaluate', 'examples/zhaiyq-akimat/evaluation-2026.yaml', '--out', out], {
      cwd: root,
      stdio: 'ignore',
    });
    await new Promise((resolve) => child0.on('exit', resolve));
    const earlier = readFileSync(join(out, 'results.json'));
    writeFileSync(join(out, 'keep.txt'), 'not bagalau’s');

    const child = spawn(process.execPath, ['bin/bagalau.js', 'evaluate', input, '--out', out, '--workers', workers, '--quiet'], {
      cwd: root,
      env: { ...process.env, BAGALAU_LANG: 'en' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    // wait until the results are being written: a temporary file in --out
    for (let i = 0; i < 600 && !readdirSync(out).some((f) => f.endsWith('.tmp')); i++) await new Promise((r) => setTimeout(r, 50));
    expect(
      readdirSync(out).some((f) => f.endsWith('.tmp')),
      'the run never began writing',
    ).toBe(true);
    child.kill(signal);
    const code = await exited;
    expect(code, stderr).toBe({ SIGINT: 130, SIGTERM: 143, SIGHUP: 129 }[signal]);
    expect(stderr).toMatch(/the files being written were removed/);
    expect(readdirSync(out).sort()).toEqual(['keep.txt', 'results.json', 'summary.csv']);
    expect(readFileSync(join(out, 'results.json')).equals(earlier), 'the earlier results.json changed').toBe(true);
  }, 120_000);
});
