// How the CLI speaks: diagnostics on stderr in the file:line:col form, results on
// stdout, JSON with --json, and the exit codes 0 clean, 1 findings, 2 unusable input.
import { t } from '../i18n/index.js';
import { formatDiagnostic, type Diagnostic } from '../methodology/diagnostic.js';

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
  /** Writes bagalau's own terminal controls (the progress bar's) to stderr as they are; `err` makes escapes in text inert. */
  terminal?(text: string): void;
  /** --format sarif: diagnostics are gathered here (and printed as one SARIF log at the end) instead of printed one by one. */
  collected?: Diagnostic[];
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

/**
 * Text bound for the terminal with its control characters shown, not obeyed: a name or key
 * in a file may hold escape sequences (retitling the window, clearing the screen, hiding a
 * line), and bagalau echoes names and keys. Only CRLF line ends (CSV, .ics) and a carriage
 * return with the erase-line sequence at the start of a write (bagalau's own progress line) pass.
 */
export function inertText(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/^\r(?:\x1b\[K)?|\r\n|[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, (found: string, offset: number) =>
    found === '\r\n' || (offset === 0 && found.startsWith('\r')) ? found : `\\x${found.charCodeAt(0).toString(16).padStart(2, '0')}`,
  );
}

/** `io` with every text it is given made inert (inertText); the exit code is the given io's own. */
export function inertIo(io: Io): Io {
  return {
    out: (text) => io.out(inertText(text)),
    err: (text) => io.err(inertText(text)),
    get exitCode() {
      return io.exitCode;
    },
    set exitCode(code: number) {
      io.exitCode = code;
    },
    // the progress bar's own escapes reach the terminal; text from files never does (out, err)
    terminal: (text) => (io.terminal ? io.terminal(text) : io.err(text)),
    columns: io.columns,
    progress: io.progress,
  };
}

export function printDiagnostics(io: Io, diagnostics: readonly Diagnostic[]): void {
  if (io.collected) {
    io.collected.push(...diagnostics);
    return;
  }
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
  return t('summary.findings', { errors: count('error'), warnings: count('warning'), notes: count('info') });
}
