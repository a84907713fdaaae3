// bagalau validate | lint | show | diff: the methodology files.
import Table from 'cli-table3';
import type { Command } from 'commander';
import { stringify } from 'yaml';
import { isValidIsoDate } from '../calendar/isoDate.js';
import { diffMethodologies } from '../methodology/diff.js';
import { bundledMethodologyIds, lintMethodology, loadResolved, type Diagnostic } from '../methodology/index.js';
import { findingsFormat, printSarif } from './findingsFormat.js';
import { localText, t } from '../i18n/index.js';
import { ExitCode, exitCodeFor, printDiagnostics, printJson, summaryLine, type Io } from './output.js';

const isoDate = (value: string): string => {
  // A real day of the calendar: 2024-02-30 has the right shape but is no date.
  if (!isValidIsoDate(value)) throw new Error(t('lint.on.invalid', { value }));
  return value;
};

export function registerMethodologyCommands(program: Command, io: Io, today: () => string): void {
  program
    .command('list')
    .description(t('help.list'))
    .option('--json', t('help.json'))
    .action((options: { json?: boolean }) => {
      const rows = bundledMethodologyIds().map((id) => {
        const loaded = loadResolved(id);
        if (!loaded.ok) return { id, title: t('list.unloadable', { id }), from: '', until: '' };
        const m = loaded.methodology;
        return {
          id,
          title: localText(m.title),
          from: m.inForce.from,
          until: m.repealedBy ? t('list.repealedFrom', { date: m.repealedBy.effectiveFrom }) : (m.inForce.until ?? ''),
        };
      });
      if (options.json) {
        printJson(io, rows);
        return;
      }
      const table = new Table({
        head: [t('list.head.id'), t('list.head.from'), t('list.head.until'), t('list.head.title')],
        style: { head: [], border: [] },
        wordWrap: true,
        colWidths: [32, 15, 26, Math.max(30, (io.columns ?? 120) - 80)],
      });
      for (const r of rows) table.push([r.id, r.from, r.until, r.title]);
      io.out(table.toString() + '\n');
    });

  program
    .command('validate')
    .description(t('help.validate'))
    .argument('<files...>', t('help.methodologyFiles'))
    .option('--json', t('help.findings.json'))
    .option('--format <format>', t('help.findings.format'))
    .option('--quiet', t('help.findings.quiet'))
    .action((files: string[], options: { json?: boolean; format?: string; quiet?: boolean }) => {
      const format = findingsFormat(io, 'validate', options);
      if (!format) return;
      const reports = files.map((file) => ({ file, result: loadResolved(file) }));
      const all: Diagnostic[] = reports.flatMap((r) => r.result.diagnostics);
      if (format === 'json')
        printJson(
          io,
          reports.map(({ file, result }) => ({ file, valid: result.ok, diagnostics: result.diagnostics })),
        );
      else if (format === 'sarif') printSarif(io, all);
      else {
        printDiagnostics(io, all);
        if (!options.quiet)
          for (const { file, result } of reports) {
            io.out(
              result.ok
                ? `${file}: ${result.methodology.extends ? t('validate.validExtends', { parent: result.methodology.extends }) : t('validate.valid')}\n`
                : `${file}: ${t('validate.notValid', { summary: summaryLine(result.diagnostics) })}\n`,
            );
          }
      }
      io.exitCode = exitCodeFor(all);
    });

  program
    .command('lint')
    .description(t('help.lint'))
    .argument('<files...>', t('help.methodologyFiles'))
    .option('--on <date>', t('help.lint.on'), isoDate)
    .option('--strict', t('help.lint.strict'))
    .option('--verbose', t('help.lint.verbose'))
    .option('--json', t('help.findings.json'))
    .option('--format <format>', t('help.findings.format'))
    .option('--quiet', t('help.findings.quiet'))
    .action(
      (
        files: string[],
        options: { on?: string; strict?: boolean; verbose?: boolean; json?: boolean; format?: string; quiet?: boolean },
      ) => {
        const format = findingsFormat(io, 'lint', options);
        if (!format) return;
        const on = options.on ?? today();
        const reports = files.map((file) => ({ file, ...lintMethodology(file, { on, verbose: options.verbose }) }));
        const all = reports.flatMap((r) => r.diagnostics);
        if (format === 'json')
          printJson(
            io,
            reports.map(({ file, result, diagnostics }) => ({ file, valid: result.ok, on, diagnostics })),
          );
        else if (format === 'sarif') printSarif(io, all);
        else {
          printDiagnostics(io, all);
          if (!options.quiet)
            for (const r of reports) io.out(`${r.file}: ${r.diagnostics.length === 0 ? t('lint.clean') : summaryLine(r.diagnostics)}\n`);
        }
        io.exitCode = exitCodeFor(all, options.strict);
      },
    );

  program
    .command('show')
    .description(t('help.show'))
    .argument('<file>', t('help.methodologyFile'))
    .option('--json', t('help.show.json'))
    .action((file: string, options: { json?: boolean }) => {
      const result = loadResolved(file);
      printDiagnostics(io, result.diagnostics);
      if (!result.ok) {
        io.exitCode = exitCodeFor(result.diagnostics) || ExitCode.findings;
        return;
      }
      if (options.json) printJson(io, result.methodology);
      else io.out(stringify(result.methodology, { lineWidth: 0 }));
    });

  program
    .command('diff')
    .description(t('help.diff'))
    .argument('<a>', t('help.diff.a'))
    .argument('<b>', t('help.diff.b'))
    .option('--with-basis', t('help.diff.withBasis'))
    .option('--json', t('help.diff.json'))
    .action((a: string, b: string, options: { withBasis?: boolean; json?: boolean }) => {
      const left = loadResolved(a),
        right = loadResolved(b);
      const problems = [...left.diagnostics, ...right.diagnostics].filter((d) => d.severity === 'error');
      if (!left.ok || !right.ok) {
        printDiagnostics(io, problems);
        io.exitCode = exitCodeFor(problems) || ExitCode.findings;
        return;
      }
      const rows = diffMethodologies(left.methodology, right.methodology, { withBasis: options.withBasis });
      if (options.json) {
        printJson(io, { a: left.methodology.id, b: right.methodology.id, rows });
        return;
      }
      const width = Math.max(100, io.columns ?? 160);
      const settingWidth = Math.floor(width * 0.28),
        valueWidth = Math.floor((width - settingWidth - 10) / 2);
      const table = new Table({
        head: [t('diff.head.setting'), left.methodology.id, right.methodology.id],
        colWidths: [settingWidth, valueWidth, valueWidth],
        wordWrap: true,
        wrapOnWordBoundary: true,
        style: { head: [], border: [] },
      });
      const withClause = (value: string, clause?: string) => (clause ? `${value}\n[${clause}]` : value);
      for (const row of rows)
        table.push([
          row.usedIn?.length ? `${row.setting}\nused in: ${row.usedIn.join('; ')}` : row.setting,
          withClause(row.a, row.aClause),
          withClause(row.b, row.bClause),
        ]);
      io.out(`${t('diff.summary', { count: rows.length, a: left.methodology.id, b: right.methodology.id })}\n${table.toString()}\n`);
    });
}
