// Issue 13.6 / 9.6: progress on stderr when stderr is a terminal (Io.progress), drawn by
// cli-progress through the Io; nothing when it is not a terminal; --quiet silences progress
// and the closing count, never the problems.
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { Io } from '../../src/cli/output.js';
import { EVALUATE_PROGRESS, RENDER_PROGRESS, startProgress } from '../../src/cli/progress.js';
import { findChromium } from '../../src/forms/browser.js';
import { capturingIo } from '../helpers/cli.js';

const example = 'examples/zhaiyq-akimat/evaluation-2026.yaml';
// The escape sequences a terminal gets: ESC followed by [ or 7/8.
// eslint-disable-next-line no-control-regex -- escapes are what is checked
const ESCAPE = /\x1b[[78]/;

/** A capturing Io on a terminal 160 columns wide; stderr is a terminal when `progress`. */
const terminal = (progress: boolean) => capturingIo({ columns: 160, progress });

describe('startProgress', () => {
  it('draws the done count, the elapsed time and an estimate, and clears the line at the end', () => {
    const { io, text } = terminal(true);
    const bar = startProgress(io, { total: 5, format: RENDER_PROGRESS })!;
    expect(bar).toBeDefined();
    bar.update(3);
    bar.stop();
    bar.stop();
    expect(text.err).toMatch(/0\/5 forms \| \d+s elapsed \| about \S+ left/);
    expect(text.err).toMatch(/3\/5 forms/);
    // cleared: the last thing written erases the line
    expect(text.err.endsWith('\x1b[2K')).toBe(true);
    expect(text.out).toBe('');
  });

  it('draws nothing when stderr is not a terminal, when quiet, or with nothing to do', () => {
    expect(startProgress(terminal(false).io, { total: 5, format: RENDER_PROGRESS })).toBeUndefined();
    expect(startProgress(terminal(true).io, { total: 5, format: RENDER_PROGRESS }, true)).toBeUndefined();
    expect(startProgress(terminal(true).io, { total: 0, format: RENDER_PROGRESS })).toBeUndefined();
  });
});

describe('bagalau evaluate: progress', () => {
  const run = async (io: Io, ...extra: string[]) => main(['evaluate', example, '--batch-size', '2', ...extra], io, () => '2026-11-24');

  it('shows people evaluated, the share of the input, the time spent and left on a terminal, then clears it', async () => {
    const { io, text } = terminal(true);
    await run(io);
    const err = text.err;
    expect(err).toMatch(/0% of the input \| 0 people evaluated \| 0s elapsed/);
    expect(err).toMatch(/100% of the input \| 6 people evaluated \| \d+s elapsed \| about \S+ left/);
    // the bar is cleared before the problems and the count are printed
    const cleared = err.lastIndexOf('\x1b[2K');
    expect(cleared).toBeGreaterThan(0);
    expect(err.indexOf('error: person Z04')).toBeGreaterThan(cleared);
    expect(err).toMatch(/6 people evaluated under zhaiyq-akimat-2025 for 2026/);
  });

  it('writes no progress when stderr is not a terminal', async () => {
    const { io, text } = terminal(false);
    await run(io);
    expect(text.err).not.toMatch(ESCAPE);
    expect(text.err).toMatch(/6 people evaluated under/);
  });

  it('--quiet: no progress and no closing count, the problems still', async () => {
    const { io, text } = terminal(true);
    const code = await run(io, '--quiet', '--table', 'none');
    expect(code).toBe(1);
    expect(text.err).not.toMatch(ESCAPE);
    expect(text.err).not.toMatch(/people evaluated/);
    expect(text.err).toMatch(/evaluation-2026\.yaml:\d+:\d+: error: person Z04/);
    expect(EVALUATE_PROGRESS).toContain('{people} people evaluated');
  });
});

describe('bagalau render: progress', () => {
  findChromium();
  const fixture = fileURLToPath(new URL('../forms/fixtures/evaluation-2023.yaml', import.meta.url));

  it('shows forms printed of the total on a terminal; --quiet prints only the files', async () => {
    const shown = terminal(true);
    const dir = mkdtempSync(join(tmpdir(), 'render-progress-'));
    await main(['render', fixture, '--forms', '2,4', '--out', dir], shown.io);
    expect(shown.text.err).toMatch(/0\/2 forms \| \d+s elapsed/);
    expect(shown.text.err).toMatch(/2\/2 forms/);
    expect(shown.text.err).toMatch(/2 PDF\(s\) written/);

    const quiet = terminal(true);
    const again = mkdtempSync(join(tmpdir(), 'render-progress-'));
    await main(['render', fixture, '--forms', '2,4', '--out', again, '--quiet'], quiet.io);
    expect(quiet.text.err).not.toMatch(ESCAPE);
    expect(quiet.text.err).not.toMatch(/PDF\(s\) written/);
    expect(
      quiet.text.out
        .trim()
        .split('\n')
        .map((f) => basename(f))
        .sort(),
    ).toEqual(readdirSync(again).sort());
  }, 120_000);
});
