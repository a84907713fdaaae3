// bagalau evaluate intake.xlsx: the HR service's workbook (made by `bagalau template`) read
// with every problem at its cell, evaluated like any input, and written as results.json,
// summary.csv and results.xlsx. A workbook holds one body's year, so it is read whole;
// exceljs is loaded only for it. `render` and `test` read a workbook input the same way
// (readWorkbookInput).
import { join } from 'node:path';
import { evaluate, type EvaluationResult } from '../engine/index.js';
import { FileWriteError, produceAtomically, writeAtomically } from '../io/files.js';
import type { IntakeRead } from '../excel/read.js';
import type { Methodology } from '../methodology/index.js';
import { summaryCsv, type CsvStyle } from './csv.js';
import { allProblems, methodologiesUsed } from './evaluateOutput.js';
import { problemDiagnostic } from './findingsFormat.js';
import { openCalendar, openMethodologies, sourceOf } from './open.js';
import { ExitCode, printDiagnostics, type Io } from './output.js';
import { t } from '../i18n/index.js';
import { resultsFileText, type ResultsForm } from './resultsFile.js';

export const isWorkbookInput = (file: string) => /\.xlsx$/i.test(file);

export interface WorkbookEvaluateOptions {
  methodology?: string[];
  out?: string;
  json?: boolean;
  calendar?: string;
  allowOutOfForce?: boolean;
  csvStyle?: CsvStyle;
  /** results.xlsx beside the results (auto and yes: written; no: not). */
  xlsx?: 'auto' | 'yes' | 'no';
  quiet?: boolean;
  /** The form of the results file, as for any input (default json; --json prints the expanded form unless given). */
  format?: ResultsForm;
}

/**
 * An intake workbook read as an evaluation input, under `methodologies` (given, or named by
 * --methodology, else those the workbook's General sheet names). The workbook's own problems
 * are printed at their cells; those of the people set aside are in `read.rejected` (and in
 * the result once `withIntakePlaces` has placed them). Undefined when it cannot be used.
 */
export async function readWorkbookInput(
  io: Io,
  file: string,
  methodologies: { ids?: string[] } | { opened: Methodology[] } = {},
): Promise<{ read: IntakeRead & { input: NonNullable<IntakeRead['input']> }; methodologies: Methodology[] } | undefined> {
  const excel = await import('../excel/index.js');
  let opened: Methodology[] | undefined = 'opened' in methodologies ? methodologies.opened : undefined;
  const read = await excel.readIntakeWorkbook(
    file,
    opened ??
      ((header) =>
        (opened = openMethodologies(
          io,
          'ids' in methodologies ? methodologies.ids : undefined,
          header.methodologies.length > 1 ? { methodologies: header.methodologies } : { methodology: header.methodologies[0] },
          file,
        ))),
  );
  printDiagnostics(io, read.diagnostics);
  if (!read.input || !opened) return undefined;
  return { read: read as IntakeRead & { input: NonNullable<IntakeRead['input']> }, methodologies: opened };
}

export async function runEvaluateWorkbook(io: Io, file: string, options: WorkbookEvaluateOptions): Promise<number> {
  const excel = await import('../excel/index.js');
  const intake = await readWorkbookInput(io, file, { ids: options.methodology });
  if (!intake) return ExitCode.unusable;
  const { read, methodologies } = intake;
  const calendar = openCalendar(io, options.calendar);
  if (!calendar) return ExitCode.unusable;

  const result: EvaluationResult = excel.withIntakePlaces(
    evaluate(methodologies, read.input, calendar, { allowOutOfForce: options.allowOutOfForce }),
    read,
  );
  const uncovered = result.problems.find((p) => p.code === 'calendar.not-covered');
  if (uncovered) {
    printDiagnostics(io, [problemDiagnostic(uncovered)]);
    return ExitCode.unusable;
  }
  const latest = methodologies.find((m) => m.id === result.methodology.id) ?? methodologies[methodologies.length - 1];
  result.methodology = { ...result.methodology, ...sourceOf(latest) };

  const problems = [...result.problems, ...result.people.flatMap(allProblems)];
  printDiagnostics(io, problems.map(problemDiagnostic));
  if (options.out) {
    const opened = methodologies;
    const form = options.format ?? 'json';
    try {
      writeAtomically(join(options.out, form === 'ndjson' ? 'results.ndjson' : 'results.json'), resultsFileText(result, form));
      writeAtomically(join(options.out, 'summary.csv'), summaryCsv(result, options.csvStyle ?? 'excel'));
      if (options.xlsx !== 'no')
        await produceAtomically(join(options.out, 'results.xlsx'), (temporary) => excel.writeResultsWorkbook(result, opened, temporary));
    } catch (error) {
      if (!(error instanceof FileWriteError)) throw error;
      io.err(`bagalau: ${t('cli.resultsNotWritten', { reason: error.message })}\n    ${t('diagnostic.hint')}: ${error.hint}\n`);
      return ExitCode.unusable;
    }
  }
  if (options.json) io.out(resultsFileText(result, options.format ?? 'expanded'));
  const errors = problems.filter((p) => p.severity === 'error').length;
  const { people, read: evaluated, setAside } = read.counts;
  const counts = {
    file,
    people,
    evaluated,
    setAside,
    methodology: methodologiesUsed(result),
    year: String(result.year),
    errors,
    warnings: problems.length - errors,
    out: options.out ?? '',
  };
  if (!options.quiet) io.err(t(options.out ? 'evaluate.workbook.done.out' : 'evaluate.workbook.done', counts) + '\n');
  return errors > 0 ? ExitCode.findings : ExitCode.clean;
}
