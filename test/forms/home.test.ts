// render with a HOME that cannot be used: puppeteer reads its configuration under HOME
// when it is loaded and used to stop with a stack trace (ENOTDIR, EACCES). The forms print
// anyway, and nothing is written into HOME.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');
/** tsx, named by its file: the command runs outside the project (whose .puppeteerrc.cjs would spare puppeteer the look under HOME). */
const tsx = pathToFileURL(createRequire(join(root, 'package.json')).resolve('tsx')).href;

function renderBlank(cwdOutsideTheProject: string, out: string, home: string, uid?: number): { status: number | null; stderr: string } {
  const run = spawnSync(
    process.execPath,
    ['--import', tsx, join(root, 'src/cli/main.ts'), 'render', 'model-2025', '--blank', '--forms', 'all', '--out', out],
    { cwd: cwdOutsideTheProject, encoding: 'utf8', env: { ...process.env, HOME: home }, uid, timeout: 60_000 },
  );
  return { status: run.status, stderr: run.stderr };
}

describe('render with an unusable HOME', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'bagalau-home-test-'));
  chmodSync(scratch, 0o755);

  it('HOME is a file (ENOTDIR): the forms are printed', () => {
    const home = join(scratch, 'home-is-a-file');
    writeFileSync(home, 'not a folder');
    const out = join(scratch, 'out-file-home');
    const { status, stderr } = renderBlank(scratch, out, home);
    expect(stderr).not.toMatch(/ENOTDIR|at .*\.js:\d+/);
    expect(status, stderr).toBe(0);
    expect(readdirSync(out).filter((f) => f.endsWith('.pdf')).length).toBeGreaterThan(0);
  });

  it('HOME cannot be read (EACCES): the forms are printed and nothing is written into HOME', () => {
    const home = join(scratch, 'locked-home');
    mkdirSync(home);
    const out = join(scratch, 'out-locked-home');
    mkdirSync(out);
    // Root reads any folder: the command runs as nobody then, with a HOME nobody cannot read.
    const asRoot = process.getuid?.() === 0;
    chmodSync(home, asRoot ? 0o700 : 0o000);
    if (asRoot) chmodSync(out, 0o777);
    const { status, stderr } = renderBlank(scratch, out, home, asRoot ? 65534 : undefined);
    chmodSync(home, 0o700);
    expect(stderr).not.toMatch(/EACCES|at .*\.js:\d+/);
    expect(status, stderr).toBe(0);
    expect(readdirSync(out).filter((f) => f.endsWith('.pdf')).length).toBeGreaterThan(0);
    expect(readdirSync(home)).toEqual([]);
  });
});
