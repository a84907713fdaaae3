// bagalau evaluate: the data a body submitted for a year → results (JSON and a CSV
// summary) and a summary table. Every problem names the person, period, field, clause
// and place in the file; one person's bad data never stops the others.
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import Table from 'cli-table3';
import type { Command } from 'commander';
import { defaultCalendarPath } from '../calendar/index.js';
import { evaluate, type EvaluationResult, type PersonResult, type Problem } from '../engine/index.js';
import { loadEvaluationInput } from '../input/loadEvaluationInput.js';
import { formatDiagnostic } from '../methodology/index.js';
import type { Methodology } from '../methodology/index.js';
import { openCalendar, openMethodologies } from './open.js';
import { ExitCode, printDiagnostics, type Io } from './output.js';

interface EvaluateOptions {
  methodology?: string[];
  out?: string;
  json?: boolean;
  calendar?: string;
  allowOutOfForce?: boolean;
}

export function registerEvaluate(program: Command, io: Io): void {
  program.command('evaluate')
    .description('evaluate the data a body submitted for a year: eligibility, scores, bands, 360, calibration, deadlines')
    .argument('<input>', 'evaluation input (YAML or JSON, see schemas/evaluation.schema.json)')
    .option('--methodology <id|path...>', 'methodology to apply; repeat it for a year in which the body changed methodology (default: the one(s) the input names)')
    .option('--out <dir>', 'write results.json and summary.csv to this folder')
    .option('--json', 'print the full results as JSON on stdout')
    .option('--calendar <path>', 'working-day calendar', defaultCalendarPath())
    .option('--allow-out-of-force', 'evaluate periods in which the methodology is not in force')
    .action((inputFile: string, options: EvaluateOptions) => {
      io.exitCode = runEvaluate(io, inputFile, options);
    });
}

export function runEvaluate(io: Io, inputFile: string, options: EvaluateOptions): number {
  const loaded = loadEvaluationInput(inputFile);
  printDiagnostics(io, loaded.diagnostics);
  if (!loaded.input) return ExitCode.unusable;

  const methodologies = openMethodologies(io, options.methodology, loaded.input, inputFile);
  if (!methodologies) return ExitCode.unusable;
  const calendar = openCalendar(io, options.calendar);
  if (!calendar) return ExitCode.unusable;

  const result = evaluate(methodologies, loaded.input, calendar, { allowOutOfForce: options.allowOutOfForce });
  const uncovered = result.problems.find((p) => p.code === 'calendar.not-covered');
  if (uncovered) {
    io.err(formatProblem(uncovered) + '\n');
    return ExitCode.unusable;
  }
  // The people whose records were refused by the schema appear with their problems.
  for (const rejected of loaded.rejected) {
    result.people.push({
      id: rejected.id ?? `#${rejected.index + 1}`, name: rejected.name ?? '', positionCategory: '', results: [],
      problems: rejected.diagnostics.map((d) => ({ code: d.code, severity: 'error', person: rejected.id, message: d.message, hint: d.hint ?? '', clause: d.clause, at: d.at })),
    });
  }
  const originalIndex = new Map<string, number>();
  ((loaded.source.data as { people?: { id?: unknown }[] }).people ?? []).forEach((p, index) => { if (typeof p?.id === 'string' && !originalIndex.has(p.id)) originalIndex.set(p.id, index); });
  const order = new Map([...originalIndex].map(([id, index]) => [id, index]));
  result.people.sort((a, b) => (order.get(a.id) ?? Infinity) - (order.get(b.id) ?? Infinity) || a.id.localeCompare(b.id));
  for (const person of result.people) {
    for (const p of allProblems(person)) if (!p.at && p.person !== undefined) p.at = loaded.locate(originalIndex.get(p.person) ?? -1, p.field);
  }

  const problems = [...result.problems, ...result.people.flatMap(allProblems)];
  for (const p of problems) io.err(formatProblem(p) + '\n');
  if (options.out) writeOutputs(options.out, result);
  if (options.json) io.out(JSON.stringify(result, null, 2) + '\n');
  else io.out(summaryTable(result, methodologies, io.columns) + '\n');
  const errors = problems.filter((p) => p.severity === 'error').length;
  const warnings = problems.length - errors;
  io.err(`${result.people.length} people evaluated under ${result.methodology.id} for ${result.year}: ${errors} error(s), ${warnings} warning(s)${options.out ? `; results in ${options.out}` : ''}\n`);
  return errors > 0 ? ExitCode.findings : ExitCode.clean;
}

export function allProblems(person: PersonResult): Problem[] {
  return [...person.problems, ...person.results.flatMap((r) => r.problems)];
}

export function formatProblem(p: Problem): string {
  const where = p.at ? `${p.at.file}:${p.at.line}:${p.at.col}: ` : '';
  const who = [p.person && `person ${p.person}`, p.period, p.method, p.field && `field ${p.field}`].filter(Boolean).join(', ');
  return formatDiagnostic({ severity: p.severity, code: p.code, message: `${who ? `${who}: ` : ''}${p.message}`, clause: p.clause, hint: p.hint, at: p.at ? { ...p.at } : undefined })
    .replace(/^/, where && !p.at ? where : '');
}

/** Statuses without a score, in words that fit a narrow column (the CSV and JSON have the full ones). */
const shortStatus: Record<string, string> = {
  notEvaluated: 'not eval.', noKpi: 'no KPI', notApplicable: '', missing: 'missing', refused: 'refused', error: 'ERROR', deferred: 'deferred',
};

function cell(person: PersonResult, period: string, methods: string[]): string {
  const r = person.results.find((x) => x.period === period && methods.includes(x.method));
  if (!r) return '';
  return r.score !== undefined ? `${r.score.toFixed(2)}${r.calibration ? '*' : ''}` : shortStatus[r.status] ?? r.status;
}

/** The columns come from the methodologies: the quarterly methods fill Q1–Q4 and Year, each yearly method has a column of its own. */
export function summaryTable(result: EvaluationResult, methodologies: Methodology[], columns = 160): string {
  const methodIds = (period: 'quarter' | 'year') => [...new Set(methodologies.flatMap((m) => Object.entries(m.methods).filter(([, d]) => d.period === period).map(([id]) => id)))];
  const quarterly = methodIds('quarter');
  // A yearly method gets a column when some result has it (in 2025, the 2018 model's 360 was not evaluated).
  const yearly = methodIds('year').filter((id) => result.people.some((p) => p.results.some((r) => r.method === id)));
  const table = new Table({
    head: ['Person', 'Category', 'Q1', 'Q2', 'Q3', 'Q4', 'Year', 'Band', ...yearly, 'Problems'],
    style: { head: [], border: [] }, wordWrap: true,
    colWidths: [Math.max(24, Math.min(40, columns - 106 - 9 * yearly.length)), 10, 11, 11, 11, 11, 11, 16, ...yearly.map((id) => Math.max(9, id.length + 2)), 10],
  });
  for (const person of result.people) {
    const year = person.results.find((x) => x.period === 'year' && quarterly.includes(x.method));
    const errors = allProblems(person).filter((p) => p.severity === 'error').length;
    table.push([
      `${person.id} ${person.name}`, person.category ?? '—',
      cell(person, 'Q1', quarterly), cell(person, 'Q2', quarterly), cell(person, 'Q3', quarterly), cell(person, 'Q4', quarterly),
      year?.score !== undefined ? year.score.toFixed(2) : shortStatus[year?.status ?? ''] ?? year?.status ?? '', year?.band ?? '',
      ...yearly.map((id) => cell(person, 'year', [id])), errors ? `${errors} error(s)` : '',
    ]);
  }
  return `${result.methodology.title} — ${result.year}\n${table.toString()}\n* calibrated; "not eval." not evaluated (see the rule in results.json); scores of people evaluated without their participation or deferred are shown as scores`;
}

export function summaryCsv(result: EvaluationResult): string {
  const quote = (v: unknown) => {
    const s = v === undefined || v === null ? '' : String(v);
    return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const lines = [['person', 'name', 'category', 'period', 'method', 'status', 'rule', 'score', 'band', 'calibrated', 'errors', 'warnings'].join(',')];
  for (const person of result.people) {
    if (person.results.length === 0) lines.push([person.id, person.name, person.category, '', '', 'error', '', '', '', '', person.problems.length, 0].map(quote).join(','));
    for (const r of person.results) {
      lines.push([person.id, person.name, person.category, r.period, r.method, r.status, r.eligibility?.rule, r.score?.toFixed(2), r.band, r.calibration ? 'yes' : '',
        r.problems.filter((p) => p.severity === 'error').length, r.problems.filter((p) => p.severity === 'warning').length].map(quote).join(','));
    }
  }
  return lines.join('\n') + '\n';
}

/** Written to a temporary name and renamed, so a reader never sees half a file. */
function writeAtomically(file: string, content: string): void {
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, content);
  renameSync(temporary, file);
}

function writeOutputs(dir: string, result: EvaluationResult): void {
  mkdirSync(dir, { recursive: true });
  writeAtomically(join(dir, 'results.json'), JSON.stringify(result, null, 2) + '\n');
  writeAtomically(join(dir, 'summary.csv'), summaryCsv(result));
}
