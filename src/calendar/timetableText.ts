// Plain-text renderings of a year timetable: an aligned table for people, CSV for spreadsheets.
import type { DatedTimetableEntry, UndatableTimetableEntry, YearTimetable } from './deadlines.js';
import type { LegalBasis } from './types.js';
import { weekdayName } from './isoDate.js';
import { describeBasis as describeMethodologyBasis } from '../methodology/clause.js';

/**
 * A basis in words: a clause of the body's own act as "clause 5"; one it inherits names the
 * act it belongs to ("clause 5 of model-2018"), since the body's clause 5 may say something else.
 */
export function describeBasis(basis: LegalBasis | undefined, ownId?: string): string {
  if (!basis) return '';
  const source = (basis as { source?: string }).source;
  return describeMethodologyBasis(basis, { withSource: source !== undefined && source !== ownId });
}

function isWeekendName(isoDate: string): boolean {
  const weekday = weekdayName(isoDate);
  return weekday === 'Saturday' || weekday === 'Sunday';
}

function titleOf(entry: { title: { kk: string; en?: string }; deadlineId: string }): string {
  return entry.title.en ?? entry.title.kk ?? entry.deadlineId;
}

function alignedTable(header: string[], rows: string[][]): string {
  const widths = header.map((cell, column) => Math.max(cell.length, ...rows.map((row) => row[column].length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => cell.padEnd(widths[column]))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n');
}

export function renderTimetableTable(timetable: YearTimetable, heading: string): string {
  const dated = timetable.entries.filter((entry): entry is DatedTimetableEntry => entry.date !== undefined);
  const undatable = timetable.entries.filter((entry): entry is UndatableTimetableEntry => entry.date === undefined);
  const sections = [
    `${heading}\n`,
    alignedTable(
      ['Date', 'Day', 'Period', 'Deadline', 'Responsible', 'Applies to', 'Basis'],
      dated.map((entry) => [
        entry.date,
        weekdayName(entry.date).slice(0, 3) + (isWeekendName(entry.date) ? '*' : ''),
        entry.period.label,
        titleOf(entry),
        entry.responsible ?? '',
        entry.appliesTo?.join(', ') ?? 'all',
        describeBasis(entry.basis, timetable.methodologyId),
      ]),
    ),
  ];
  if (dated.some((entry) => isWeekendName(entry.date))) {
    sections.push('* a Saturday or Sunday that this calendar makes a working day (transfer of days off), or kept by nonWorkingDay: keep');
  }
  if (undatable.length > 0) {
    sections.push(
      '\nCannot be dated with this calendar:\n' +
        undatable.map((entry) => `  ${entry.period.label}  ${titleOf(entry)}: ${entry.problem}`).join('\n'),
    );
  }
  if (timetable.eventRules.length > 0) {
    sections.push(
      '\nCounted from the events of each case:\n' +
        timetable.eventRules
          .map((rule) => `  ${titleOf(rule)}: ${rule.rule}${rule.basis ? ` (${describeBasis(rule.basis, timetable.methodologyId)})` : ''}`)
          .join('\n'),
    );
  }
  return sections.join('\n') + '\n';
}

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** RFC 4180 CSV, one row per dated deadline, per undatable one and per event rule. */
export function renderTimetableCsv(timetable: YearTimetable): string {
  const header = ['date', 'weekday', 'period', 'deadline', 'title_kk', 'title_en', 'responsible', 'applies_to', 'rule', 'basis', 'problem'];
  const rows = [
    ...timetable.entries.map((entry) => [
      entry.date ?? '',
      entry.date ? weekdayName(entry.date) : '',
      entry.period.label,
      entry.deadlineId,
      entry.title.kk ?? '',
      entry.title.en ?? '',
      entry.responsible ?? '',
      entry.appliesTo?.join(' ') ?? '',
      entry.rule,
      describeBasis(entry.basis, timetable.methodologyId),
      entry.date === undefined ? entry.problem : '',
    ]),
    ...timetable.eventRules.map((rule) => [
      '',
      '',
      'each case',
      rule.deadlineId,
      rule.title.kk ?? '',
      rule.title.en ?? '',
      rule.responsible ?? '',
      rule.appliesTo?.join(' ') ?? '',
      rule.rule,
      describeBasis(rule.basis, timetable.methodologyId),
      '',
    ]),
  ];
  return [header, ...rows].map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}
