// `bagalau schedule`: the evaluation timetable of a year for one methodology, as a
// table, CSV or an iCalendar file.
import { Command, InvalidArgumentError, Option } from 'commander';
import {
  DeadlineDeclarationError,
  renderTimetableCsv,
  renderTimetableIcs,
  renderTimetableTable,
  yearTimetable,
} from '../calendar/index.js';
import { openCalendar, openMethodology } from './open.js';
import { ExitCode, processIo, type Io } from './output.js';

export type ScheduleFormat = 'table' | 'csv' | 'ics';

export interface ScheduleDependencies {
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
  const calendar = openCalendar(io, options.calendar);
  if (!calendar) {
    io.exitCode = ExitCode.unusable;
    return;
  }
  if (!calendar.covers(`${options.year}-01-01`)) {
    io.err(
      `${options.year} is outside the working-day calendar ${calendar.label}, which covers ${calendar.firstYear}–${calendar.lastYear}; add the year's non-working days to the calendar file or pass another one with --calendar\n`,
    );
    io.exitCode = ExitCode.unusable;
    return;
  }
  // Unknown anchors and loops between deadlines are lint errors, reported here at their line.
  const methodology = openMethodology(io, options.methodology);
  if (!methodology) {
    io.exitCode = ExitCode.unusable;
    return;
  }
  let timetable;
  try {
    timetable = {
      ...yearTimetable(methodology.deadlines, methodology.calendarRules, options.year, calendar),
      methodologyId: methodology.id,
    };
  } catch (error) {
    if (!(error instanceof DeadlineDeclarationError)) throw error;
    io.err(`bagalau: ${error.message}; correct deadlines.${error.deadlineId} in ${options.methodology}\n`);
    io.exitCode = ExitCode.unusable;
    return;
  }
  const name = `${methodology.title.kk}: ${options.year}`;

  if (options.format === 'csv') io.out(renderTimetableCsv(timetable));
  else if (options.format === 'ics') {
    io.out(renderTimetableIcs(timetable, { calendarId: methodology.id, calendarName: name, generatedAt: dependencies.now() }));
  } else io.out(renderTimetableTable(timetable, `Evaluation timetable ${name} (calendar ${calendar.label})`));

  const undatable = timetable.entries.filter((entry) => entry.date === undefined);
  if (undatable.length > 0) {
    io.err(
      `${undatable.length} deadline(s) of ${options.year} cannot be dated and are ${options.format === 'ics' ? 'left out' : 'listed without a date'}:\n` +
        undatable
          .map((entry) => `  ${entry.period.label} ${entry.deadlineId}: ${entry.date === undefined ? entry.problem : ''}`)
          .join('\n') +
        '\n',
    );
    io.exitCode = Math.max(io.exitCode, ExitCode.findings);
  }
}

/**
 * Adds `schedule` to the program. Exit codes (through io.exitCode): 2 when the calendar,
 * the methodology or the year cannot be used, 1 when some deadlines cannot be dated
 * because they fall beyond the calendar, 0 otherwise.
 */
export function registerSchedule(program: Command, io: Io = processIo(), dependencies: ScheduleDependencies = {}): Command {
  const resolved: Required<ScheduleDependencies> = { now: dependencies.now ?? (() => new Date()) };
  return program
    .command('schedule')
    .description("print a body's evaluation timetable for a year, with dates counted on the working-day calendar")
    .requiredOption('--methodology <path>', 'methodology YAML file (or the id of a bundled methodology)')
    .requiredOption('--year <yyyy>', 'calendar year whose quarters and annual evaluation are scheduled', parseYear)
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'csv', 'ics']).default('table'))
    .option('--calendar <path>', 'working-day calendar file (default: calendars/kz.yaml of bagalau)')
    .action((options: ScheduleOptions) => runSchedule(options, io, resolved));
}
