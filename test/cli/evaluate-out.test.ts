// evaluate --out that cannot be written: a file where the folder should be, a folder where
// results.json should be, no permission, a file-size limit. Each is said in words naming
// the path (never "EISDIR: illegal operation…"), exits 2, and leaves no temporary file.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { capturingIo } from '../helpers/cli.js';

const root = join(import.meta.dirname, '../..');
const input = join(root, 'test/hostile/files/input-ok.yaml');
const example = join(root, 'examples/baiterek-akimat/evaluation-2026.yaml');

async function evaluateInto(out: string): Promise<{ code: number; err: string }> {
  const { io, text } = capturingIo({ columns: 120 });
  const code = await main(['evaluate', input, '--out', out, '--table', 'none'], io, () => '2026-12-01');
  return { code, err: text.err };
}

/** Every file under `dir`, to show that nothing (no .tmp) was left. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort();
}

/** The CLI from the sources in a process of its own (for limits and users that cannot be set in-process). */
function cli(args: string[], options: { shell?: string; uid?: number } = {}): { status: number | null; stderr: string } {
  const command = [process.execPath, '--import', 'tsx', join(root, 'src/cli/main.ts'), ...args];
  const quoted = command.map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  const run = options.shell
    ? spawnSync('sh', ['-c', `${options.shell}; exec ${quoted}`], { cwd: root, encoding: 'utf8', uid: options.uid })
    : spawnSync(command[0], command.slice(1), { cwd: root, encoding: 'utf8', uid: options.uid });
  return { status: run.status, stderr: run.stderr };
}

describe('evaluate --out that cannot be written', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'bagalau-out-'));

  it('a file where the output folder should be', async () => {
    writeFileSync(join(scratch, 'a-file'), 'kept');
    const { code, err } = await evaluateInto(join(scratch, 'a-file'));
    expect(err).toContain(`the results cannot be written: ${join(scratch, 'a-file')} exists and is not a folder`);
    expect(err).toContain('what to do: remove it or choose another --out folder');
    expect(err).not.toMatch(/EEXIST|mkdir/);
    expect(code).toBe(2);
  });

  it('a folder under a file', async () => {
    const { code, err } = await evaluateInto(join(scratch, 'a-file', 'results'));
    expect(err).toContain(`a part of ${join(scratch, 'a-file', 'results')} is a file, not a folder`);
    expect(err).not.toContain('ENOTDIR');
    expect(code).toBe(2);
  });

  it('a folder where results.json should be: refused before anything is written', async () => {
    const out = join(scratch, 'taken');
    mkdirSync(join(out, 'results.json'), { recursive: true });
    const { code, err } = await evaluateInto(out);
    expect(err).toContain(`${join(out, 'results.json')} is a folder, not a file`);
    expect(err).not.toContain('EISDIR');
    expect(code).toBe(2);
    expect(filesUnder(out)).toEqual(['results.json']);
  });

  it('a folder the user may not write to', () => {
    const out = join(scratch, 'read-only');
    mkdirSync(out);
    chmodSync(out, 0o555);
    // root may write anywhere: the command runs as nobody then.
    const asRoot = process.getuid?.() === 0;
    if (asRoot) chmodSync(scratch, 0o755);
    const { status, stderr } = cli(['evaluate', input, '--out', out, '--table', 'none'], { uid: asRoot ? 65534 : undefined });
    expect(stderr).toContain(`the results cannot be written: permission to write ${join(out, 'results.json')} is denied`);
    expect(stderr).not.toContain('EACCES');
    expect(status).toBe(2);
    expect(filesUnder(out)).toEqual([]);
  });

  it('a file larger than ulimit -f allows: no results.json, no temporary file', () => {
    const out = join(scratch, 'limited');
    const { status, stderr } = cli(['evaluate', example, '--out', out, '--table', 'none'], { shell: 'ulimit -f 2' });
    expect(stderr).toContain(`${join(out, 'results.json')} is larger than the system allows a file to be (ulimit -f)`);
    expect(stderr).not.toContain('EFBIG');
    expect(status).toBe(2);
    expect(filesUnder(out)).toEqual([]);
  });

  it('writes normally into a folder it may write to', async () => {
    const out = join(scratch, 'fine');
    const { code } = await evaluateInto(out);
    expect(code).toBe(0);
    expect(filesUnder(out)).toEqual(['results.json', 'summary.csv']);
  });
});
