// Excel in and out: the intake workbook made from the methodology (template), read back
// with every problem located as `intake.xlsx › Sheet!C12` (read), and the results as a
// workbook (results). See docs/excel.md.
import type { EvaluationResult, PersonResult, Problem } from '../engine/index.js';
import type { IntakeDiagnostic, IntakeRead } from './read.js';

export { fillIntake, categoryOf, type FilledWorkbook } from './fill.js';
export { intakeLayout, INTAKE_FORMAT, SHEET_NAMES, type IntakeLayout, type SheetSpec, type ColumnSpec } from './layout.js';
export { writeIntakeWorkbook, type TemplateOptions } from './template.js';
export {
  formatIntakeDiagnostic,
  formatPlace,
  openIntakeWorkbook,
  readIntakeWorkbook,
  IntakeWorkbook,
  type CellPosition,
  type IntakeDiagnostic,
  type IntakeHeader,
  type IntakeRead,
  type ReadOptions,
} from './read.js';
export {
  ResultsWorkbook,
  forResultsWorkbook,
  resultsWorkbookLine,
  writeResultsWorkbook,
  type ResultsTopOf,
  type ResultsWorkbookOptions,
} from './results.js';

/** An input file the CLI reads as an intake workbook (rather than YAML or JSON). */
export function isWorkbookPath(path: string): boolean {
  return /\.xlsx$/i.test(path);
}

function asProblem(d: IntakeDiagnostic, person?: string): Problem {
  return {
    code: d.code,
    severity: d.severity === 'error' ? 'error' : 'warning',
    ...(person !== undefined && { person }),
    message: d.message,
    hint: d.hint ?? '',
    ...(d.clause !== undefined && { clause: d.clause }),
    ...(d.at !== undefined && { at: d.at }),
  };
}

/**
 * The result of evaluating a workbook's input as the CLI reports it: every problem of a
 * person at the cell its field was written in (`at` with `sheet` and `cell` besides
 * `file`, `line` = row and `col`), the reading's warnings with the person they concern,
 * the people set aside with their problems, and everyone in the order of the people sheet.
 * The workbook's own problems (a sheet, a column, a row without a person) are added to the
 * result's problems.
 */
export function withIntakePlaces(result: EvaluationResult, read: IntakeRead): EvaluationResult {
  const people: PersonResult[] = [...result.people];
  for (const rejected of read.rejected) {
    people.push({
      id: rejected.id ?? `#${rejected.index + 1}`,
      name: rejected.name ?? '',
      positionCategory: '',
      results: [],
      problems: rejected.diagnostics.map((d) => asProblem(d, rejected.id)),
    });
  }
  const index = (p: PersonResult) =>
    read.indexOf(p.id) ?? read.rejected.find((r) => (r.id ?? `#${r.index + 1}`) === p.id)?.index ?? Infinity;
  people.sort((a, b) => index(a) - index(b));
  for (const person of people) {
    const i = read.indexOf(person.id);
    if (i === undefined) continue;
    for (const p of [...person.problems, ...person.results.flatMap((r) => r.problems)]) if (!p.at) p.at = read.locate(i, p.field);
    const warnings = read.warnings.find((w) => w.index === i);
    if (warnings && !read.rejected.some((r) => r.index === i))
      person.problems.unshift(...warnings.diagnostics.map((d) => asProblem(d, person.id)));
  }
  return { ...result, people, problems: [...read.diagnostics.map((d) => asProblem(d)), ...result.problems] };
}
