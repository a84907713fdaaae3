// `bagalau schedule`: the evaluation timetable of a year for one methodology, as a
// table, CSV or an iCalendar file.
import { Command, InvalidArgumentError, Option } from 'commander';
import {
  CalendarFileError,
  CIVIL_CODE_CALENDAR_RULES,
  defaultCalendarPath,
  displayPath,
  formatDiagnostic,
  loadCalendar,
  parseMethodologyDeadlines,
  readTextFile,
  renderTimetableCsv,
  renderTimetableIcs,
  renderTimetableTable,
  yearTimetable,
  type CalendarRules,
  type DeadlineDeclarations,
  type FileDiagnostic,
  type WorkingCalendar,
} from '../calendar/index.js';
import {
  formatDiagnostic as formatMethodologyDiagnostic,
  loadResolved,
  type Diagnostic as MethodologyDiagnostic,
} from '../methodology/index.js';
import { ExitCode, processIo, type Io } from './output.js';

/** What the command needs of a methodology; both loaders below provide it. */
export interface MethodologyForSchedule {
  id?: string;
  title?: { kk: string; en?: string; ru?: string };
  calendarRules?: CalendarRules;
  deadlines?: DeadlineDeclarations;
}

export type ScheduleMethodologyLoader = (
  pathOrId: string,
) => { ok: true; methodology: MethodologyForSchedule } | { ok: false; diagnostics: readonly unknown[] };

/** The methodology stage's loader: resolves `extends` and validates against the methodology schema. */
export const loadResolvedMethodology: ScheduleMethodologyLoader = (pathOrId) => {
  const result = loadResolved(pathOrId);
  // The schema allows exactly one offset key, which is what the calendar's union type says.
  return result.ok ? { ok: true, methodology: result.methodology as unknown as MethodologyForSchedule } : result;
};

/**
 * Reads only `calendarRules` and `deadlines` from one YAML file, without `extends` or the
 * methodology schema: for small files that are not whole methodologies (test fixtures).
 * Making it the command's loader is one line: the default of `loadMethodology` below.
 */
export const readMethodologyDeadlinesFile: ScheduleMethodologyLoader = (path) => {
  const read = readTextFile(path, 'methodology file', 'check the --methodology path');
  if ('diagnostic' in read) return { ok: false, diagnostics: [read.diagnostic] };
  return parseMethodologyDeadlines(read.text, displayPath(path));
};

/** Diagnostics of either loader: the methodology stage's (severity, code, at, hint) or the calendar's (file, line, column). */
function diagnosticText(diagnostic: unknown): string {
  const candidate = diagnostic as Partial<FileDiagnostic> & Partial<MethodologyDiagnostic>;
  if (candidate.severity !== undefined && candidate.code !== undefined) {
    return formatMethodologyDiagnostic(diagnostic as MethodologyDiagnostic);
  }
  if (candidate.file !== undefined && candidate.line !== undefined && candidate.column !== undefined) {
    return formatDiagnostic(diagnostic as FileDiagnostic);
  }
  return candidate.message ?? String(diagnostic);
}

export type ScheduleFormat = 'table' | 'csv' | 'ics';

export interface ScheduleDependencies {
  /** Default: loadResolvedMethodology. */
  loadMethodology?: ScheduleMethodologyLoader;
  /** DTSTAMP of the .ics events; default: the clock. */
  now?: () => Date;
}

interface ScheduleOptions {
  methodology: string;
  year: number;
  format: ScheduleFormat;
  calendar?: string;
}

function parseYear(value: string): number {
  if (!/^\d{4}$/.test(value)) throw new InvalidArgumentError(`"${value}" is not a year; write four digits, e.g. --year 2024`);
  return Number(value);
}

function runSchedule(options: ScheduleOptions, io: Io, dependencies: Required<ScheduleDependencies>): void {
  let calendar: WorkingCalendar;
  try {
    calendar = loadCalendar(options.calendar ?? defaultCalendarPath());
  } catch (error) {
    if (!(error instanceof CalendarFileError)) throw error;
    io.err(`${error.message}\n`);
    io.exitCode = ExitCode.unusable;
    return;
  }
  if (!calendar.covers(`${options.year}-01-01`)) {
    io.err(`${options.year} is outside the working-day calendar ${calendar.label}, which covers ${calendar.firstYear}–${calendar.lastYear}; add the year's non-working days to the calendar file or pass another one with --calendar\n`);
    io.exitCode = ExitCode.unusable;
    return;
  }

  const loaded = dependencies.loadMethodology(options.methodology);
  if (!loaded.ok) {
    io.err(loaded.diagnostics.map(diagnosticText).join('\n') + '\n');
    io.exitCode = ExitCode.unusable;
    return;
  }
  const methodology = loaded.methodology;
  const calendarRules = methodology.calendarRules ?? CIVIL_CODE_CALENDAR_RULES;
  if (!methodology.calendarRules) {
    io.err(`note: ${options.methodology} has no calendarRules; counting by the Civil Code (art. 187: from the day after the event; art. 188: a deadline on a non-working day moves to the next working day)\n`);
  }
  const timetable = yearTimetable(methodology.deadlines ?? {}, calendarRules, options.year, calendar);
  const name = `${methodology.title?.kk ?? methodology.id ?? options.methodology}: ${options.year}`;

  if (options.format === 'csv') io.out(renderTimetableCsv(timetable));
  else if (options.format === 'ics') {
    io.out(renderTimetableIcs(timetable, { calendarId: methodology.id ?? 'methodology', calendarName: name, generatedAt: dependencies.now() }));
  } else io.out(renderTimetableTable(timetable, `Evaluation timetable ${name} (calendar ${calendar.label})`));

  const undatable = timetable.entries.filter((entry) => entry.date === undefined);
  if (undatable.length > 0) {
    io.err(`${undatable.length} deadline(s) of ${options.year} cannot be dated and are ${options.format === 'ics' ? 'left out' : 'listed without a date'}:\n` +
      undatable.map((entry) => `  ${entry.period.label} ${entry.deadlineId}: ${entry.date === undefined ? entry.problem : ''}`).join('\n') + '\n');
    io.exitCode = Math.max(io.exitCode, ExitCode.findings);
  }
}

/**
 * Adds `schedule` to the program. Exit codes (through io.exitCode): 2 when the calendar,
 * the methodology or the year cannot be used, 1 when some deadlines cannot be dated
 * because they fall beyond the calendar, 0 otherwise.
 */
export function registerSchedule(program: Command, io: Io = processIo(), dependencies: ScheduleDependencies = {}): Command {
  const resolved: Required<ScheduleDependencies> = {
    loadMethodology: dependencies.loadMethodology ?? loadResolvedMethodology,
    now: dependencies.now ?? (() => new Date()),
  };
  return program
    .command('schedule')
    .description("print a body's evaluation timetable for a year, with dates counted on the working-day calendar")
    .requiredOption('--methodology <path>', 'methodology YAML file (or the id of a bundled methodology)')
    .requiredOption('--year <yyyy>', 'calendar year whose quarters and annual evaluation are scheduled', parseYear)
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'csv', 'ics']).default('table'))
    .option('--calendar <path>', 'working-day calendar file (default: calendars/kz.yaml of bagalau)')
    .action((options: ScheduleOptions) => runSchedule(options, io, resolved));
}
