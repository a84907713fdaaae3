// A diagnostic is what a legal/HR author reads: where (file:line:col), what is wrong,
// which clause is involved, and what to do. Every stage (load, resolve, validate, lint)
// reports through this one shape.
import { t } from '../i18n/index.js';

export type Severity = 'error' | 'warning' | 'info';

export interface SourcePosition {
  file: string;
  line: number;
  col: number;
  /** In a workbook (an intake .xlsx): the sheet and the cell; line is then the row. */
  sheet?: string;
  cell?: string;
}

/** "file:line:col", or "intake.xlsx › Sheet!C12" in a workbook. */
export function formatPosition(at: SourcePosition): string {
  return at.cell ? `${at.file} › ${at.sheet}!${at.cell}` : `${at.file}:${at.line}:${at.col}`;
}

export interface Diagnostic {
  severity: Severity;
  /** Stable code, e.g. "yaml.duplicate-key", "schema.required", "lint.range-gap". */
  code: string;
  message: string;
  /** File, line and column; absent only when no file is involved (e.g. a missing file name). */
  at?: SourcePosition;
  /** JSON pointer into the (resolved) methodology, when the problem is inside it. */
  pointer?: string;
  /** The clause involved, in words, e.g. "clause 6 of almaty-akimat-2023". */
  clause?: string;
  /** What to do about it. */
  hint?: string;
}

/** The word GCC prints for a severity: "error", "warning", or "note" (for info). */
export function severityWord(severity: Severity): 'error' | 'warning' | 'note' {
  return severity === 'info' ? 'note' : severity;
}

/**
 * GCC's form, which editors and CI read (VS Code's $gcc problem matcher):
 * "file:line:col: error: message [code]", on one line; the clause and what to do follow
 * on indented lines, which the matchers skip. A workbook cell is "intake.xlsx › Sheet!C12: …";
 * a diagnostic without a place is "error: message [code]". Informational findings are GCC's
 * "note", which $gcc (like GCC's own notes) does not take for a problem.
 */
export function formatDiagnostic(d: Diagnostic): string {
  const where = d.at ? `${formatPosition(d.at)}: ` : '';
  const message = d.message.replace(/\s*\n\s*/g, ' ');
  // The severity word and the code stay as editors and CI read them; the labels below are the reader's language.
  const lines = [`${where}${severityWord(d.severity)}: ${message} [${d.code}]`];
  if (d.clause) lines.push(`    ${t('diagnostic.clause')}: ${d.clause}`);
  if (d.hint) lines.push(`    ${t('diagnostic.hint')}: ${d.hint.replace(/\s*\n\s*/g, ' ')}`);
  return lines.join('\n');
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  const fa = a.at?.file ?? '',
    fb = b.at?.file ?? '';
  if (fa !== fb) return fa < fb ? -1 : 1;
  return (a.at?.line ?? 0) - (b.at?.line ?? 0) || (a.at?.col ?? 0) - (b.at?.col ?? 0) || a.code.localeCompare(b.code);
}
