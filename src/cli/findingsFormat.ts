// How a command prints its findings: text (GCC's "file:line:col: error: message [code]", on
// stderr), json (the command's own JSON on stdout) or sarif (one SARIF 2.1.0 log on stdout,
// for CI annotations). Shared by validate, lint, test and evaluate.
import type { Diagnostic } from '../methodology/index.js';
import type { Problem } from '../engine/index.js';
import { ExitCode, type Io } from './output.js';
import { sarifText } from './sarif.js';
import { t } from '../i18n/index.js';

export type FindingsFormat = 'text' | 'json' | 'sarif';
export const FINDINGS_FORMATS: readonly FindingsFormat[] = ['text', 'json', 'sarif'];

/** The format from --format and --json; undefined (after a usage error on stderr) when they disagree or the format is unknown. */
export function findingsFormat(io: Io, command: string, options: { json?: boolean; format?: string }): FindingsFormat | undefined {
  const format = options.format ?? (options.json ? 'json' : 'text');
  if (!(FINDINGS_FORMATS as readonly string[]).includes(format)) {
    io.err(`bagalau ${command}: ${t('findings.format.invalid', { value: format })}\n`);
    io.exitCode = ExitCode.unusable;
    return undefined;
  }
  if (options.json && format !== 'json') {
    io.err(`bagalau ${command}: ${t('cli.twoOutputs', { format })}\n`);
    io.exitCode = ExitCode.unusable;
    return undefined;
  }
  return format as FindingsFormat;
}

/** From now on, diagnostics printed through printDiagnostics are gathered for one SARIF log. */
export function collectDiagnostics(io: Io): void {
  io.collected = [];
}

/** Prints the gathered diagnostics as one SARIF log on stdout, and stops gathering. */
export function printSarif(io: Io, more: readonly Diagnostic[] = []): void {
  const all = [...(io.collected ?? []), ...more];
  io.collected = undefined;
  io.out(sarifText(all));
}

/** An evaluation problem as a diagnostic: the person, period, method and field lead its message. */
export function problemDiagnostic(p: Problem): Diagnostic {
  const who = [p.person && t('problem.person', { person: p.person }), p.period, p.method, p.field && t('problem.field', { field: p.field })]
    .filter(Boolean)
    .join(', ');
  return {
    severity: p.severity,
    code: p.code,
    message: `${who ? `${who}: ` : ''}${p.message}`,
    clause: p.clause,
    hint: p.hint,
    at: p.at ? { ...p.at } : undefined,
  };
}
