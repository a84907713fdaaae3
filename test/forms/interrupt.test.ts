// An interrupted render (Ctrl+C, kill) leaves nothing behind: no Chromium process of its
// own, no profile folder, no half-written PDF in --out. Runs the built CLI as a user does.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');

/** Processes whose command line mentions `text` (Chromium started with a profile under it). */
function processesMentioning(text: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(text)) pids.push(Number(entry));
    } catch {
      /* the process ended meanwhile */
    }
  }
  return pids;
}

describe.each(['SIGINT', 'SIGTERM'] as const)('render interrupted by %s', (signal) => {
  it('closes Chromium, removes its profile and leaves only whole PDFs', async () => {
    // A temporary folder of this run's own: Chromium's profile is made inside it.
    const scratch = mkdtempSync(join(tmpdir(), 'bagalau-interrupt-'));
    const out = join(scratch, 'out');
    const child = spawn(
      process.execPath,
      ['bin/bagalau.js', 'render', 'examples/baiterek-akimat/evaluation-2026.yaml', '--forms', 'all', '--out', out, '--pages', '2'],
      { cwd: root, env: { ...process.env, TMPDIR: scratch }, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    // wait until printing has begun: a first PDF in --out
    for (let i = 0; i < 600 && !(existsSync(out) && readdirSync(out).some((f) => f.endsWith('.pdf'))); i++)
      await new Promise((r) => setTimeout(r, 100));
    expect(processesMentioning(scratch).length, stderr).toBeGreaterThan(0);
    child.kill(signal);
    const code = await exited;
    await new Promise((r) => setTimeout(r, 500));
    expect(code, stderr).toBe(signal === 'SIGINT' ? 130 : 143);
    expect(processesMentioning(scratch), 'Chromium processes left running').toEqual([]);
    expect(
      readdirSync(scratch).filter((f) => f.startsWith('bagalau-chromium-')),
      'profile folders left',
    ).toEqual([]);
    const files = readdirSync(out);
    expect(
      files.filter((f) => !f.endsWith('.pdf')),
      'partial files left',
    ).toEqual([]);
    for (const f of files) expect(readFileSync(join(out, f)).subarray(-6).toString('latin1'), f).toMatch(/%%EOF/);
  }, 120_000);
});
