// `bagalau schedule`: the evaluation timetable of a year for one methodology, as a
// table, CSV or an iCalendar file.
import { readFileSync } from 'node:fs';
import { Command, InvalidArgumentError, Option } from 'commander';
import {
  CalendarFileError,
  CIVIL_CODE_CALENDAR_RULES,
  defaultCalendarPath,
  displayPath,
  formatDiagnostic,
  loadCalendar,
  parseMethodologyDeadlines,
  renderTimetableCsv,
  renderTimetableIcs,
  renderTimetableTable,
  yearTimetable,
  type MethodologyDeadlinesResult,
  type WorkingCalendar,
} from '../calendar/index.js';

/**
 * Reads a methodology file for its calendarRules and deadlines. Returns the same shape as
 * loadResolved in src/methodology/index.ts; switching to it is this one line:
 *   const loadMethodology = loadResolved;   // import { loadResolved } from '../methodology/index.js'
 */
const loadMethodology: (path: string) => MethodologyDeadlinesResult | { ok: false; diagnostics: unknown[] } = readMethodologyFile;

function readMethodologyFile(path: string): MethodologyDeadlinesResult {
  const label = displayPath(path);
  let source: string;
  try {
    source = readFileSync(path, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : (error as Error).message;
    return { ok: false, diagnostics: [{ file: label, line: 1, column: 1, message: `cannot read the methodology file (${reason}); check the --methodology path` }] };
  }
  return parseMethodologyDeadlines(source, label);
}

/** Diagnostics from either loader: ours ({file,line,column,message}) or src/methodology's (with `at`). */
function diagnosticText(diagnostic: unknown): string {
  const candidate = diagnostic as { file?: string; line?: number; column?: number; message?: string; at?: { file: string; line: number; col: number }; hint?: string };
  if (candidate.file !== undefined && candidate.line !== undefined && candidate.column !== undefined) {
    return formatDiagnostic(candidate as { file: string; line: number; column: number; message: string });
  }
  const where = candidate.at ? `${candidate.at.file}:${candidate.at.line}:${candidate.at.col}: ` : '';
  return `${where}${candidate.message ?? String(diagnostic)}${candidate.hint ? `; ${candidate.hint}` : ''}`;
}

export type ScheduleFormat = 'table' | 'csv' | 'ics';

/** Where the command writes, so tests can capture it; defaults to the process. */
export interface ScheduleIo {
  out(text: string): void;
  err(text: string): void;
  setExitCode(code: number): void;
  now(): Date;
}

const processIo: ScheduleIo = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  setExitCode: (code) => {
    process.exitCode = code;
  },
  now: () => new Date(),
};

function parseYear(value: string): number {
  if (!/^\d{4}$/.test(value)) throw new InvalidArgumentError(`"${value}" is not a year; write four digits, e.g. --year 2024`);
  return Number(value);
}

interface ScheduleOptions {
  methodology: string;
  year: number;
  format: ScheduleFormat;
  calendar?: string;
}

function runSchedule(options: ScheduleOptions, io: ScheduleIo): void {
  let calendar: WorkingCalendar;
  try {
    calendar = loadCalendar(options.calendar ?? defaultCalendarPath());
  } catch (error) {
    if (!(error instanceof CalendarFileError)) throw error;
    io.err(`${error.message}\n`);
    io.setExitCode(1);
    return;
  }
  if (!calendar.covers(`${options.year}-01-01`)) {
    io.err(`${options.year} is outside the working-day calendar ${calendar.label}, which covers ${calendar.firstYear}–${calendar.lastYear}; add the year's non-working days to the calendar file or pass another one with --calendar\n`);
    io.setExitCode(1);
    return;
  }

  const loaded = loadMethodology(options.methodology);
  if (!loaded.ok) {
    io.err(loaded.diagnostics.map(diagnosticText).join('\n') + '\n');
    io.setExitCode(1);
    return;
  }
  const methodology = loaded.methodology;
  const calendarRules = methodology.calendarRules ?? CIVIL_CODE_CALENDAR_RULES;
  if (!methodology.calendarRules) {
    io.err(`note: ${displayPath(options.methodology)} has no calendarRules; counting by the Civil Code (art. 187: from the day after the event; art. 188: a deadline on a non-working day moves to the next working day)\n`);
  }
  const timetable = yearTimetable(methodology.deadlines ?? {}, calendarRules, options.year, calendar);
  const name = `${methodology.title?.kk ?? methodology.id ?? displayPath(options.methodology)}: ${options.year}`;

  if (options.format === 'csv') io.out(renderTimetableCsv(timetable));
  else if (options.format === 'ics') {
    io.out(renderTimetableIcs(timetable, { calendarId: methodology.id ?? 'methodology', calendarName: name, generatedAt: io.now() }));
  } else io.out(renderTimetableTable(timetable, `Evaluation timetable ${name} (calendar ${calendar.label})`));

  const undatable = timetable.entries.filter((entry) => entry.date === undefined);
  if (undatable.length > 0) {
    io.err(`${undatable.length} deadline(s) of ${options.year} cannot be dated and are ${options.format === 'ics' ? 'left out' : 'listed without a date'}:\n` +
      undatable.map((entry) => `  ${entry.period.label} ${entry.deadlineId}: ${entry.date === undefined ? entry.problem : ''}`).join('\n') + '\n');
    io.setExitCode(1);
  }
}

export function registerSchedule(program: Command, io: ScheduleIo = processIo): Command {
  return program
    .command('schedule')
    .description("print a body's evaluation timetable for a year, with dates counted on the working-day calendar")
    .requiredOption('--methodology <path>', 'methodology YAML file')
    .requiredOption('--year <yyyy>', 'calendar year whose quarters and annual evaluation are scheduled', parseYear)
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'csv', 'ics']).default('table'))
    .option('--calendar <path>', 'working-day calendar file (default: calendars/kz.yaml of bagalau)')
    .action((options: ScheduleOptions) => runSchedule(options, io));
}
