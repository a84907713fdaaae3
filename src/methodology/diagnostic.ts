// A diagnostic is what a legal/HR author reads: where (file:line:col), what is wrong,
// which clause is involved, and what to do. Every stage (load, resolve, validate, lint)
// reports through this one shape.

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

export function formatDiagnostic(d: Diagnostic): string {
  const where = d.at ? `${formatPosition(d.at)}: ` : '';
  const lines = [`${where}${d.severity} [${d.code}] ${d.message}`];
  if (d.clause) lines.push(`    clause: ${d.clause}`);
  if (d.hint) lines.push(`    what to do: ${d.hint}`);
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
