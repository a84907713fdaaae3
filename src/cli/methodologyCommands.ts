// bagalau validate | lint | show | diff: the methodology files.
import Table from 'cli-table3';
import type { Command } from 'commander';
import { stringify } from 'yaml';
import { isValidIsoDate } from '../calendar/isoDate.js';
import { diffMethodologies } from '../methodology/diff.js';
import { bundledMethodologyIds, lintMethodology, loadResolved, type Diagnostic } from '../methodology/index.js';
import { findingsFormat, printSarif } from './findingsFormat.js';
import { ExitCode, exitCodeFor, printDiagnostics, printJson, summaryLine, type Io } from './output.js';

const isoDate = (value: string): string => {
  // A real day of the calendar: 2024-02-30 has the right shape but is no date.
  if (!isValidIsoDate(value))
    throw new Error(`--on takes a date written YYYY-MM-DD, e.g. 2026-11-24 (got "${value}", which is not a day of the calendar)`);
  return value;
};

export function registerMethodologyCommands(program: Command, io: Io, today: () => string): void {
  program
    .command('list')
    .description('list the bundled methodologies: id, title, and when each is in force')
    .option('--json', 'print JSON')
    .action((options: { json?: boolean }) => {
      const rows = bundledMethodologyIds().map((id) => {
        const loaded = loadResolved(id);
        if (!loaded.ok) return { id, title: '(cannot be loaded: bagalau lint ' + id + ')', from: '', until: '' };
        const m = loaded.methodology;
        return {
          id,
          title: m.title.en ?? m.title.kk,
          from: m.inForce.from,
          until: m.repealedBy ? `repealed from ${m.repealedBy.effectiveFrom}` : (m.inForce.until ?? ''),
        };
      });
      if (options.json) {
        printJson(io, rows);
        return;
      }
      const table = new Table({
        head: ['Id', 'In force from', 'Until', 'Title'],
        style: { head: [], border: [] },
        wordWrap: true,
        colWidths: [32, 15, 26, Math.max(30, (io.columns ?? 120) - 80)],
      });
      for (const r of rows) table.push([r.id, r.from, r.until, r.title]);
      io.out(table.toString() + '\n');
    });

  program
    .command('validate')
    .description('check methodology files: YAML, extends, and the JSON Schema')
    .argument('<files...>', 'methodology files (or ids of bundled methodologies)')
    .option('--json', 'print the findings as JSON (the same as --format json)')
    .option('--format <format>', 'text (file:line:col: error: message [code], on stderr), json or sarif (SARIF 2.1.0, on stdout)')
    .option('--quiet', 'print the findings only, not the line per file')
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
                ? `${file}: valid${result.methodology.extends ? ` (extends ${result.methodology.extends})` : ''}\n`
                : `${file}: NOT valid — ${summaryLine(result.diagnostics)}\n`,
            );
          }
      }
      io.exitCode = exitCodeFor(all);
    });

  program
    .command('lint')
    .description('validate, then look for gaps, overlaps, unknown references, mixed-script words and repealed acts')
    .argument('<files...>', 'methodology files (or ids of bundled methodologies)')
    .option('--on <date>', 'the date on which the methodology should be in force (default: today)', isoDate)
    .option('--strict', 'exit 1 on warnings too')
    .option('--verbose', "notes list what they count (e.g. the rules that still cite the model's clauses)")
    .option('--json', 'print the findings as JSON (the same as --format json)')
    .option('--format <format>', 'text (file:line:col: error: message [code], on stderr), json or sarif (SARIF 2.1.0, on stdout)')
    .option('--quiet', 'print the findings only, not the line per file')
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
            for (const r of reports) io.out(`${r.file}: ${r.diagnostics.length === 0 ? 'clean' : summaryLine(r.diagnostics)}\n`);
        }
        io.exitCode = exitCodeFor(all, options.strict);
      },
    );

  program
    .command('show')
    .description('print the resolved methodology (extends applied), with the source of every basis')
    .argument('<file>', 'methodology file (or id of a bundled methodology)')
    .option('--json', 'print JSON instead of YAML')
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
    .description('the resolved difference between two methodologies, setting by setting')
    .argument('<a>', 'first methodology (file or id)')
    .argument('<b>', 'second methodology (file or id)')
    .option('--with-basis', 'also list settings that differ only in their clause numbers')
    .option('--json', 'print the rows as JSON')
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
        head: ['Setting', left.methodology.id, right.methodology.id],
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
      io.out(`${rows.length} setting(s) differ between ${left.methodology.id} and ${right.methodology.id}\n${table.toString()}\n`);
    });
}
