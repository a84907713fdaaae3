// The CLI as the tests run it: an in-memory Io that captures stdout, stderr and the exit code,
// and main run on it with a fixed clock.
import { join } from 'node:path';
import { main } from '../../src/cli/main.js';
import type { Io } from '../../src/cli/output.js';
import type { Environment } from '../../src/i18n/index.js';

/** What a capturing Io says of its "terminal": each is set on the Io only when given. */
export interface CapturingOptions {
  /** Terminal width, for tables (Io.columns). */
  columns?: number;
  /** stderr is a terminal: progress is drawn (Io.progress). */
  progress?: boolean;
}

/** An Io whose writes gather in `text.out` and `text.err`. */
export function capturingIo(options: CapturingOptions = {}): { io: Io; text: { out: string; err: string } } {
  const text = { out: '', err: '' };
  const io: Io = {
    out: (t) => {
      text.out += t;
    },
    err: (t) => {
      text.err += t;
    },
    exitCode: 0,
    ...(options.columns === undefined ? {} : { columns: options.columns }),
    ...(options.progress === undefined ? {} : { progress: options.progress }),
  };
  return { io, text };
}

/** `bagalau ...argv` on a capturing Io (160 columns) with today fixed at `today`, and the environment `env` when given. */
export async function runCli(argv: string[], today = '2026-11-24', env?: Environment) {
  const { io, text } = capturingIo({ columns: 160 });
  const code = await main(argv, io, () => today, env);
  return { code, out: text.out, err: text.err };
}

/** The repository's root: the folder a user runs the examples from. */
export const repositoryRoot = join(import.meta.dirname, '../..');

/** `runCli` from the folder `cwd` (file names in the results are relative to it, as a user would type them). */
export async function runCliIn(cwd: string, argv: string[], today?: string, env?: Environment) {
  const before = process.cwd();
  process.chdir(cwd);
  try {
    return await runCli(argv, today, env);
  } finally {
    process.chdir(before);
  }
}
