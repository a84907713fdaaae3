// How the CLI speaks: diagnostics on stderr in the file:line:col form, results on
// stdout, JSON with --json, and the exit codes 0 clean, 1 findings, 2 unusable input.
import { formatDiagnostic, type Diagnostic } from '../methodology/index.js';

export const ExitCode = { clean: 0, findings: 1, unusable: 2 } as const;

/** Where a command writes and what it exits with: process streams in the CLI, buffers in tests. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
  exitCode: number;
  /** Terminal width, for tables. */
  columns?: number;
  /** Show progress on stderr (it is a terminal). */
  progress?: boolean;
}

export function processIo(): Io {
  return {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
    exitCode: 0,
    columns: process.stdout.columns,
    progress: process.stderr.isTTY === true,
  };
}

export function printDiagnostics(io: Io, diagnostics: readonly Diagnostic[]): void {
  for (const d of diagnostics) io.err(formatDiagnostic(d) + '\n');
}

export function printJson(io: Io, value: unknown): void {
  io.out(JSON.stringify(value, null, 2) + '\n');
}

/** A file that cannot be read or parsed is unusable input (2); anything else found is a finding (1). */
export function exitCodeFor(diagnostics: readonly Diagnostic[], strict = false): number {
  if (diagnostics.some((d) => d.severity === 'error' && /^(file|yaml)\./.test(d.code))) return ExitCode.unusable;
  if (diagnostics.some((d) => d.severity === 'error' || (strict && d.severity === 'warning'))) return ExitCode.findings;
  return ExitCode.clean;
}

export function summaryLine(diagnostics: readonly Diagnostic[]): string {
  const count = (s: string) => diagnostics.filter((d) => d.severity === s).length;
  return `${count('error')} error(s), ${count('warning')} warning(s), ${count('info')} note(s)`;
}
