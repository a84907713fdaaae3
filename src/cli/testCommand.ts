// bagalau test [DIR]: runs the methodology test cases (methodologies/tests/<methodology-id>/*.yaml).
import { existsSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import type { Command } from 'commander';
import { caseLoadDiagnostic, DEFAULT_CASES_DIR, formatMismatch, runAllCases, type CaseRun } from '../cases/cases.js';
import type { Diagnostic } from '../methodology/index.js';
import { findingsFormat, printSarif } from './findingsFormat.js';
import { ExitCode, printDiagnostics, printJson, type Io } from './output.js';
import { t } from '../i18n/index.js';

export function registerTestCommand(program: Command, io: Io): void {
  program
    .command('test')
    .description(t('help.test'))
    .argument('[dir]', t('help.test.dir'), DEFAULT_CASES_DIR)
    .option('--json', t('help.test.json'))
    .option('--format <format>', t('help.test.format'))
    .option('--quiet', t('help.test.quiet'))
    .action(async (dir: string, options: { json?: boolean; format?: string; quiet?: boolean }) => {
      const format = findingsFormat(io, 'test', options);
      if (!format) return;
      if (!existsSync(dir)) {
        io.err(`bagalau test: ${t('test.notFound', { dir, cases: DEFAULT_CASES_DIR })}\n`);
        io.exitCode = ExitCode.unusable;
        return;
      }
      const report = await runAllCases(dir);
      const failed = report.failed > 0 || report.errors.length > 0;
      // A file that cannot be read as a case file at all (a device, UTF-16, binary) is unusable input, as for every command.
      const unreadable = report.errors.some((e) => e.code?.startsWith('file.') === true);
      io.exitCode = unreadable ? ExitCode.unusable : failed ? ExitCode.findings : ExitCode.clean;
      if (format === 'json') {
        printJson(io, {
          passed: report.passed,
          failed: report.failed,
          errors: report.errors,
          cases: report.runs.map((r) => ({
            name: r.case.name,
            methodology: r.case.methodology,
            clause: r.case.clause,
            at: `${r.case.file}:${r.case.line}:${r.case.column}`,
            ...(r.case.workbook && { workbook: r.case.workbook.written }),
            passed: r.passed,
            mismatches: r.mismatches,
          })),
        });
        return;
      }
      const problems = [...report.errors.map(caseLoadDiagnostic), ...report.runs.filter((r) => !r.passed).map(failureDiagnostic)];
      if (format === 'sarif') {
        printSarif(io, problems);
        return;
      }
      printDiagnostics(io, problems);
      let file = '';
      for (const run of report.runs) {
        if (options.quiet && run.passed) continue;
        if (run.case.file !== file) {
          file = run.case.file;
          io.out(`${relative(process.cwd(), resolve(file)) || file}\n`);
        }
        io.out(
          `  ${run.passed ? '✓' : '✗'} ${run.case.name}${run.case.clause ? ` (${t('basis.clause', { clause: run.case.clause })})` : ''}\n`,
        );
        if (!run.passed) {
          io.out(`      ${t('test.at', { place: `${run.case.file}:${run.case.line}:${run.case.column}` })}\n`);
          for (const m of run.mismatches) io.out(`      ${formatMismatch(m)}\n`);
        }
      }
      io.out(
        t('test.summary', { passed: report.passed, failed: report.failed, refused: report.errors.length, cases: report.runs.length }) +
          '\n',
      );
    });
}

/** A failed case as a diagnostic at the case: its mismatches in the message, a line for the editor. */
function failureDiagnostic(run: CaseRun): Diagnostic {
  return {
    severity: 'error',
    code: 'cases.mismatch',
    at: { file: run.case.file, line: run.case.line, col: run.case.column },
    message: t('cases.mismatch', { name: run.case.name, mismatches: run.mismatches.map(formatMismatch).join('; ') }),
    clause: run.case.clause
      ? t('basis.ofSource', { basis: t('basis.clause', { clause: run.case.clause }), source: run.case.methodology })
      : undefined,
    hint: t('cases.mismatch.hint'),
  };
}
