// The hostile corpus (test/hostile/corpus.yaml): bad and hostile inputs against every
// command. Each gives its exit code and its own located message — never a raw library or
// system message — and echoes nothing of a file it should not have read.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { Io } from '../../src/cli/output.js';
// @ts-expect-error a plain .mjs helper shared with the shell
import { makeHostileFiles } from './make-files.mjs';

interface HostileCase {
  name: string;
  run: string[];
  exit: number;
  first: string;
  never?: string[];
}

const here = import.meta.dirname;
const files = join(here, 'files');
const corpus = parse(readFileSync(join(here, 'corpus.yaml'), 'utf8')) as HostileCase[];

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '',
    err = '';
  const io: Io = {
    out: (t) => {
      out += t;
    },
    err: (t) => {
      err += t;
    },
    exitCode: 0,
    columns: 120,
  };
  const cwd = process.cwd();
  process.chdir(files);
  try {
    const code = await main(argv, io, () => '2026-12-01');
    return { code, out, err };
  } finally {
    process.chdir(cwd);
  }
}

beforeAll(() => {
  makeHostileFiles(files);
});

describe('hostile and broken inputs', () => {
  it('has a case for each file of the corpus', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(25);
    expect(new Set(corpus.map((c) => c.name)).size).toBe(corpus.length);
  });

  it.each(corpus.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const { code, out, err } = await run(c.run);
    // The first line on stderr, or on stdout for a command that succeeds quietly.
    const first = (err.trim() ? err : out).split('\n').find((line) => line.trim() !== '') ?? '';
    expect(first, err).toContain(c.first);
    expect(code, err).toBe(c.exit);
    for (const secret of c.never ?? []) expect(out + err).not.toContain(secret);
  });
});
