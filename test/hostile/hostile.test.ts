// The hostile corpus (test/hostile/corpus.yaml): bad and hostile inputs against every
// command. Each gives its exit code and its own located message — never a raw library or
// system message — echoes nothing of a file it should not have read, and writes nothing
// but what it was asked to write, where it was asked to.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { capturingIo } from '../helpers/cli.js';
// @ts-expect-error a plain .mjs helper shared with the shell
import { makeHostileFiles } from './make-files.mjs';

interface HostileCase {
  name: string;
  /** The command line; $OUT is the case's own output folder (absent until the command makes it). */
  run: string[];
  exit: number;
  /** A part of the first line printed (stderr, or stdout when stderr is empty). */
  first: string;
  /** Parts of other lines of the output. */
  also?: string[];
  /** Text that must appear nowhere in the output (a secret of a file read by mistake, a raw system message). */
  never?: string[];
  /** What is in the way before the command runs, relative to the case's folder: "out" is $OUT. */
  given?: { file?: string; folder?: string }[];
  /** The files $OUT holds afterwards (none of them temporary). */
  written?: string[];
  /** A file of $OUT that must hold a text. */
  holds?: { file: string; text: string };
}

const here = import.meta.dirname;
const files = join(here, 'files');
const corpus = parse(readFileSync(join(here, 'corpus.yaml'), 'utf8')) as HostileCase[];
const scratch = mkdtempSync(join(tmpdir(), 'bagalau-hostile-'));

/** Every file and folder under `dir`, relative to it. */
function tree(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort();
}

async function run(argv: string[], temporary: string): Promise<{ code: number; out: string; err: string }> {
  const { io, text } = capturingIo({ columns: 120 });
  const cwd = process.cwd();
  const systemTemporary = process.env.TMPDIR;
  process.chdir(files);
  // The system's temporary folder, for this case alone: whatever is left in it afterwards was left by bagalau.
  process.env.TMPDIR = temporary;
  try {
    const code = await main(argv, io, () => '2026-12-01');
    return { code, out: text.out, err: text.err };
  } finally {
    process.chdir(cwd);
    if (systemTemporary === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = systemTemporary;
  }
}

beforeAll(() => {
  makeHostileFiles(files);
});

afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

describe('hostile and broken inputs', () => {
  it('has at least 80 cases, one name each, and every command among them', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(80);
    expect(new Set(corpus.map((c) => c.name)).size).toBe(corpus.length);
    const commands = new Set(corpus.map((c) => c.run[0]));
    for (const command of ['validate', 'lint', 'show', 'diff', 'schedule', 'evaluate', 'render', 'test', 'template'])
      expect(commands, command).toContain(command);
  });

  it.each(corpus.map((c, k) => [c.name, c, k] as const))('%s', async (_name, c, k) => {
    const folder = join(scratch, `case-${k}`);
    const temporary = join(folder, 'tmp');
    mkdirSync(temporary, { recursive: true });
    for (const g of c.given ?? []) {
      if (g.folder) mkdirSync(join(folder, g.folder), { recursive: true });
      if (g.file) {
        mkdirSync(dirname(join(folder, g.file)), { recursive: true });
        writeFileSync(join(folder, g.file), 'in the way\n');
      }
    }
    const before = { files: tree(files), folder: tree(folder) };
    const outDir = join(folder, 'out');
    const { code, out, err } = await run(
      c.run.map((a) => a.replace('$OUT', outDir)),
      temporary,
    );
    // The first line on stderr, or on stdout for a command that succeeds quietly.
    const first = (err.trim() ? err : out).split('\n').find((line) => line.trim() !== '') ?? '';
    expect(first, err).toContain(c.first);
    expect(code, err).toBe(c.exit);
    for (const part of c.also ?? []) expect(out + err).toContain(part);
    for (const text of [...(c.never ?? []), 'EACCES', 'EISDIR', 'ENOTDIR', 'EEXIST', 'ENOENT', 'at Object.', '\u001b'])
      expect(out + err).not.toContain(text);

    // Nothing written beside the inputs, in the system's temporary folder, or next to $OUT.
    expect(tree(files), 'files written in the folder bagalau ran in').toEqual(before.files);
    expect(tree(temporary), 'files left in the temporary folder').toEqual([]);
    const made = tree(folder).filter((p) => !before.folder.includes(p) && p !== 'out' && !p.startsWith(`out/`) && !p.startsWith('out\\'));
    expect(made, 'files written outside $OUT').toEqual([]);
    const inOut = tree(folder)
      .filter((p) => p.startsWith('out/') && !before.folder.includes(p))
      .map((p) => p.slice('out/'.length));
    expect(
      inOut.filter((p) => p.endsWith('.tmp')),
      'temporary files left in $OUT',
    ).toEqual([]);
    if (c.written) expect(inOut.sort()).toEqual([...c.written].sort());
    if (c.holds) expect(readFileSync(join(outDir, c.holds.file), 'utf8')).toContain(c.holds.text);
  });
});
