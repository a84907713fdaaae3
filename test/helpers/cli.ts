// The CLI as the tests run it: an in-memory Io that captures stdout, stderr and the exit code,
// and main run on it with a fixed clock.
import { main } from '../../src/cli/main.js';
import type { Io } from '../../src/cli/output.js';

/** An Io whose writes gather in `text.out` and `text.err`; `columns` is set only when given. */
export function capturingIo(columns?: number): { io: Io; text: { out: string; err: string } } {
  const text = { out: '', err: '' };
  const io: Io = {
    out: (t) => {
      text.out += t;
    },
    err: (t) => {
      text.err += t;
    },
    exitCode: 0,
    ...(columns === undefined ? {} : { columns }),
  };
  return { io, text };
}

/** `bagalau ...argv` on a capturing Io (160 columns) with today fixed at `today`. */
export async function runCli(argv: string[], today = '2026-11-24') {
  const { io, text } = capturingIo(160);
  const code = await main(argv, io, () => today);
  return { code, out: text.out, err: text.err };
}
