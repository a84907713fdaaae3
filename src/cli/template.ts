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
import { t } from '../i18n/index.js';

interface TemplateOptions {
  methodology?: string[];
  year?: number;
  out: string;
  from?: string;
  force?: boolean;
}

function parseYear(value: string): number {
  if (!/^\d{4}$/.test(value)) throw new InvalidArgumentError(t('schedule.year.invalid', { value }));
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
    io.err(`bagalau: ${t('template.out.notXlsx', { out: options.out })}\n`);
    return ExitCode.unusable;
  }
  if (existsSync(options.out) && !options.force) {
    io.err(`bagalau: ${t('template.out.exists', { out: options.out })}\n`);
    return ExitCode.unusable;
  }
  let input: EvaluationInput | undefined;
  if (options.from) {
    const source = readSourceFile(options.from, { what: t('file.kind.input'), maxBytes: 1024 ** 3 });
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
          message: t('input.shape'),
          hint: t('input.shape.hint'),
        },
      ]);
      return ExitCode.unusable;
    }
    input = data as EvaluationInput;
  }
  const year = options.year ?? input?.year;
  if (year === undefined) {
    io.err(`bagalau: ${t('template.year.missing')}\n`);
    return ExitCode.unusable;
  }
  if (!options.methodology?.length && !input) {
    io.err(`bagalau: ${t('template.methodology.missing')}\n`);
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
    io.err(
      `bagalau: ${t('template.cannotWrite', { out: options.out, reason: error.message })}\n    ${t('diagnostic.hint')}: ${error.hint}\n`,
    );
    return ExitCode.unusable;
  }
  const sheets = layout.sheets.map((s) => s.name);
  const ids = methodologies.map((m) => m.id).join(', ');
  io.out(`${options.out}: ${t('template.written', { methodologies: ids, year: String(year), sheets: sheets.join(', ') })}\n`);
  if (layout.outOfForce.length) {
    io.err(`warning: ${t('template.outOfForce', { methodologies: ids, periods: layout.outOfForce.join(', '), year: String(year) })}\n`);
  }
  let code: number = ExitCode.clean;
  if (filled) {
    const rows = [...filled.rows.values()].reduce((n, r) => n + r.length, 0);
    io.out(`${t('template.filled', { from: options.from!, people: input!.people.length, rows })}\n`);
    for (const field of filled.unrepresentable) {
      printDiagnostics(io, [
        {
          severity: 'warning',
          code: 'template.not-carried',
          at: { file: options.from!, line: 1, col: 1 },
          message: t('template.not-carried', { field, methodologies: ids }),
          hint: t('template.not-carried.hint'),
        },
      ]);
      code = ExitCode.findings;
    }
  }
  io.out(`${t(filled ? 'template.next.check' : 'template.next.fill', { out: options.out })}\n`);
  return code;
}

export function registerTemplate(program: Command, io: Io): void {
  program
    .command('template')
    .description(t('help.template'))
    .option('--methodology <id|path...>', t('help.template.methodology'))
    .option('--year <yyyy>', t('help.template.year'), parseYear)
    .requiredOption('--out <file.xlsx>', t('help.template.out'))
    .option('--from <input>', t('help.template.from'))
    .option('--force', t('help.template.force'))
    .action(async (options: TemplateOptions) => {
      io.exitCode = await runTemplate(io, options);
    });
}
