// `bagalau schedule`: the evaluation timetable of a year for one methodology, as a
// table, CSV or an iCalendar file.
import { Command, InvalidArgumentError, Option } from 'commander';
import {
  DeadlineDeclarationError,
  renderTimetableIcs,
  renderTimetableTable,
  periodLabel,
  timetableCsvRows,
  yearTimetable,
} from '../calendar/index.js';
import { localText, t } from '../i18n/index.js';
import { CSV_STYLES, csvRows, type CsvStyle } from './csv.js';
import { openCalendar, openMethodology } from './open.js';
import { inForceOn } from '../methodology/inForce.js';
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
  csvStyle: CsvStyle;
  calendar?: string;
}

function parseYear(value: string): number {
  if (!/^\d{4}$/.test(value)) throw new InvalidArgumentError(t('schedule.year.invalid', { value }));
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
      t('schedule.year.outsideCalendar', {
        year: String(options.year),
        calendar: calendar.label,
        first: String(calendar.firstYear),
        last: String(calendar.lastYear),
      }) + '\n',
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
    io.err(
      `bagalau: ${t('schedule.deadlineDeclaration', { problem: error.message, deadline: error.deadlineId, file: options.methodology })}\n`,
    );
    io.exitCode = ExitCode.unusable;
    return;
  }
  const name = `${localText(methodology.title)}: ${options.year}`;
  const names = {
    role: (id: string) => localText(methodology.roles[id]?.title) || id,
    category: (id: string) => localText(methodology.categories[id]?.title) || id,
  };

  if (options.format === 'csv') io.out(csvRows(timetableCsvRows(timetable), options.csvStyle));
  else if (options.format === 'ics') {
    io.out(renderTimetableIcs(timetable, { calendarId: methodology.id, calendarName: name, generatedAt: dependencies.now(), names }));
  } else io.out(renderTimetableTable(timetable, t('schedule.heading', { name, calendar: calendar.label }), names));

  // A year (or part of one) the methodology does not govern: the timetable is what its rules would give, not what applies.
  const from = methodology.inForce.from;
  const until = methodology.inForce.until ?? methodology.repealedBy?.effectiveFrom;
  const yearStart = `${options.year}-01-01`;
  const yearEnd = `${options.year}-12-31`;
  if (!inForceOn(methodology, yearStart) || !inForceOn(methodology, yearEnd)) {
    // In force for one unbroken span: none of the year if not on the year's first day it could be.
    const none = from > yearEnd || !inForceOn(methodology, from > yearStart ? from : yearStart);
    io.err(
      `bagalau: ${t(none ? 'schedule.notInForce' : 'schedule.partlyInForce', {
        methodology: methodology.id,
        year: String(options.year),
        from,
        until: until ?? 'none',
      })}\n`,
    );
    // Wholly outside its force the timetable misleads (exit 1); partly, it is a warning.
    if (none) io.exitCode = Math.max(io.exitCode, ExitCode.findings);
  }

  const undatable = timetable.entries.filter((entry) => entry.date === undefined);
  if (undatable.length > 0) {
    io.err(
      t(options.format === 'ics' ? 'schedule.undatable.leftOut' : 'schedule.undatable.listed', {
        count: undatable.length,
        year: String(options.year),
      }) +
        '\n' +
        undatable
          .map((entry) => `  ${periodLabel(entry.period)} ${entry.deadlineId}: ${entry.date === undefined ? entry.problem : ''}`)
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
    .description(t('help.schedule'))
    .requiredOption('--methodology <path>', t('help.schedule.methodology'))
    .requiredOption('--year <yyyy>', t('help.schedule.year'), parseYear)
    .addOption(new Option('--format <format>', t('help.schedule.format')).choices(['table', 'csv', 'ics']).default('table'))
    .addOption(
      new Option('--csv-style <style>', 'with --format csv: excel (BOM, ";": Excel in Kazakh or Russian) or rfc4180 (",")')
        .choices(CSV_STYLES)
        .default('excel'),
    )
    .option('--calendar <path>', t('help.schedule.calendar'))
    .action((options: ScheduleOptions) => runSchedule(options, io, resolved));
}
