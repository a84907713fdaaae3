// `bagalau template`: the intake workbook of a year, made from the methodology — a sheet
// per part of the input and per method and period, headed in Kazakh, with data validation
// wherever the methodology fixes the values. Empty, or (--from) filled with an input that a
// body kept in YAML or JSON until now.
import { existsSync } from 'node:fs';
import { dirname, extname, relative, resolve } from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import type { EvaluationInput } from '../engine/index.js';
import { looksLikePath, type Methodology } from '../methodology/index.js';
import { readSourceFile } from '../methodology/source.js';
import { FileWriteError, produceAtomically } from '../io/files.js';
import { openMethodologies } from './open.js';
import { ExitCode, printDiagnostics, type Io } from './output.js';

interface TemplateOptions {
  methodology?: string[];
  year?: number;
  out: string;
  from?: string;
  force?: boolean;
}

function parseYear(value: string): number {
  if (!/^\d{4}$/.test(value)) throw new InvalidArgumentError(`"${value}" is not a year; write four digits, e.g. --year 2026`);
  return Number(value);
}

/** How the workbook names a methodology: a bundled one by its id, a body's file by its path from the workbook's folder. */
function referenceFrom(out: string, reference: string, writtenIn?: string): string {
  if (!looksLikePath(reference)) return reference;
  const absolute = writtenIn ? resolve(dirname(writtenIn), reference) : resolve(reference);
  return relative(dirname(resolve(out)), absolute)
    .split('\\')
    .join('/');
}

export async function runTemplate(io: Io, options: TemplateOptions): Promise<number> {
  if (extname(options.out).toLowerCase() !== '.xlsx') {
    io.err(`bagalau: --out must name an .xlsx file, not "${options.out}"\n`);
    return ExitCode.unusable;
  }
  if (existsSync(options.out) && !options.force) {
    io.err(`bagalau: ${options.out} exists; it may hold data already typed in. Choose another name, or pass --force to replace it\n`);
    return ExitCode.unusable;
  }
  let input: EvaluationInput | undefined;
  if (options.from) {
    const source = readSourceFile(options.from, { what: 'an evaluation input', maxBytes: 1024 ** 3 });
    if (source.data === undefined) {
      printDiagnostics(io, source.diagnostics);
      return ExitCode.unusable;
    }
    const data = source.data as Partial<EvaluationInput>;
    if (
      typeof data !== 'object' ||
      data === null ||
      !Array.isArray(data.people) ||
      data.people.some((p) => typeof p !== 'object' || p === null)
    ) {
      printDiagnostics(io, [
        {
          severity: 'error',
          code: 'input.shape',
          at: { file: options.from, line: 1, col: 1 },
          message: 'the file is not an evaluation input: it needs a list of people',
          hint: 'write the input as schemas/evaluation.schema.json describes it (methodology, year, people)',
        },
      ]);
      return ExitCode.unusable;
    }
    input = data as EvaluationInput;
  }
  const year = options.year ?? input?.year;
  if (year === undefined) {
    io.err('bagalau: give the year with --year YYYY\n');
    return ExitCode.unusable;
  }
  if (!options.methodology?.length && !input) {
    io.err('bagalau: give the methodology with --methodology ID|PATH (repeat it for the year of a change)\n');
    return ExitCode.unusable;
  }
  const methodologies: Methodology[] | undefined = openMethodologies(io, options.methodology, input ?? {}, options.from ?? '.');
  if (!methodologies) return ExitCode.unusable;
  const references = options.methodology?.length
    ? options.methodology.map((r) => referenceFrom(options.out, r))
    : (input!.methodologies ?? [input!.methodology!]).map((r) => referenceFrom(options.out, r, options.from));

  // The workbook machinery (exceljs) is loaded only by this command.
  const [{ intakeLayout }, { fillIntake }, { writeIntakeWorkbook }] = await Promise.all([
    import('../excel/layout.js'),
    import('../excel/fill.js'),
    import('../excel/template.js'),
  ]);
  const layout = intakeLayout(methodologies, year);
  const filled = input ? fillIntake(layout, input) : undefined;
  if (filled) {
    // The workbook names the methodologies from where it is written.
    filled.general.methodology = references.join(', ');
  }
  try {
    // Written under a temporary name and renamed: a failed write leaves no half workbook.
    await produceAtomically(options.out, (temporary) =>
      writeIntakeWorkbook(layout, temporary, { methodologyRefs: references, fill: filled }),
    );
  } catch (error) {
    if (!(error instanceof FileWriteError)) throw error;
    io.err(`bagalau: cannot write ${options.out}: ${error.message}\n    what to do: ${error.hint}\n`);
    return ExitCode.unusable;
  }
  const sheets = layout.sheets.map((s) => s.name);
  io.out(`${options.out}: intake workbook for ${methodologies.map((m) => m.id).join(' and ')}, ${year} — sheets ${sheets.join(', ')}\n`);
  if (layout.outOfForce.length) {
    io.err(
      `warning: ${methodologies.map((m) => m.id).join(', ')} ${methodologies.length > 1 ? 'are' : 'is'} not in force on the last day of ${layout.outOfForce.join(', ')} ${year}; those periods are evaluated only with --allow-out-of-force\n`,
    );
  }
  let code: number = ExitCode.clean;
  if (filled) {
    const rows = [...filled.rows.values()].reduce((n, r) => n + r.length, 0);
    io.out(`filled from ${options.from}: ${input!.people.length} people, ${rows} rows\n`);
    for (const field of filled.unrepresentable) {
      printDiagnostics(io, [
        {
          severity: 'warning',
          code: 'template.not-carried',
          at: { file: options.from!, line: 1, col: 1 },
          message: `${field} has no cell in the workbook of ${methodologies.map((m) => m.id).join(', ')}: it is not carried over`,
          hint: "check that the input follows the methodology's methods; enter it in the workbook by hand if it belongs there",
        },
      ]);
      code = ExitCode.findings;
    }
  }
  io.out(`${filled ? 'check it' : 'fill it in (the sheet «Нұсқаулық» says how)'}, then: bagalau evaluate ${options.out} --out results\n`);
  return code;
}

export function registerTemplate(program: Command, io: Io): void {
  program
    .command('template')
    .description(
      'write the intake workbook (.xlsx) of a year, made from the methodology: people, units, absences, work plans, a sheet per method and period, survey responses, calibration',
    )
    .option(
      '--methodology <id|path...>',
      'methodology (repeat it for the year of a change); default with --from: the one(s) the input names',
    )
    .option('--year <yyyy>', "the year evaluated (default with --from: the input's year)", parseYear)
    .requiredOption('--out <file.xlsx>', 'the workbook to write')
    .option('--from <input>', 'fill the workbook with an evaluation input written in YAML or JSON')
    .option('--force', 'replace the --out file if it exists')
    .action(async (options: TemplateOptions) => {
      io.exitCode = await runTemplate(io, options);
    });
}
