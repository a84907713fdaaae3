// Plain-text renderings of a year timetable: an aligned table for people, CSV for spreadsheets.
// Headings, weekdays, periods and bases are in the language of the run; deadline titles and
// role names come from the methodology in that language (Kazakh where it has none).
import type { DatedTimetableEntry, TimetablePeriod, UndatableTimetableEntry, YearTimetable } from './deadlines.js';
import type { LegalBasis } from './types.js';
import { parseIsoDate, weekdayName } from './isoDate.js';
import { describeBasis as describeMethodologyBasis } from '../methodology/clause.js';
import { andList, currentLanguage, localText, periodName, t } from '../i18n/index.js';

/** How ids of the methodology read in the timetable: role ids as the roles' titles, category ids as the categories'. */
export interface TimetableNames {
  role?: (id: string) => string;
  category?: (id: string) => string;
}

/**
 * A basis in words: a clause of the body's own act as "clause 5"; one it inherits names the
 * act it belongs to ("clause 5 of model-2018"), since the body's clause 5 may say something else.
 */
export function describeBasis(basis: LegalBasis | undefined, ownId?: string): string {
  if (!basis) return '';
  const source = (basis as { source?: string }).source;
  return describeMethodologyBasis(basis, { withSource: source !== undefined && source !== ownId, language: currentLanguage() });
}

function isWeekendName(isoDate: string): boolean {
  const weekday = weekdayName(isoDate);
  return weekday === 'Saturday' || weekday === 'Sunday';
}

/** "Mon" / "дс" / "пн": the weekday in the language of the run, short or in full. */
function weekdayIn(isoDate: string, form: 'short' | 'long'): string {
  return parseIsoDate(isoDate)
    .setLocale(currentLanguage())
    .toFormat(form === 'short' ? 'ccc' : 'cccc');
}

/** "Q1 2026" / "2026 жылғы 1-тоқсан" / "1 квартал 2026"; the year as it is. */
export function periodLabel(period: TimetablePeriod): string {
  return period.id === 'year' ? period.label : periodName(period.id, period.start.slice(0, 4));
}

function titleOf(entry: { title: { kk: string; ru?: string; en?: string }; deadlineId: string }): string {
  return localText(entry.title) || entry.deadlineId;
}

/** The responsible role's name, or the roles' names joined in the run's language. */
export const roleName = (names: TimetableNames, ids: string | string[] | undefined) =>
  ids === undefined ? '' : andList([ids].flat().map((id) => names.role?.(id) ?? id));
/** The responsible role ids for a spreadsheet: one, or several separated by spaces (as appliesTo). */
const roleIds = (ids: string | string[] | undefined) => (ids === undefined ? '' : [ids].flat().join(' '));
export const categoryNames = (names: TimetableNames, ids: string[]) => ids.map((id) => names.category?.(id) ?? id);

function alignedTable(header: string[], rows: string[][]): string {
  const widths = header.map((cell, column) => Math.max(cell.length, ...rows.map((row) => row[column].length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => cell.padEnd(widths[column]))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n');
}

export function renderTimetableTable(timetable: YearTimetable, heading: string, names: TimetableNames = {}): string {
  const dated = timetable.entries.filter((entry): entry is DatedTimetableEntry => entry.date !== undefined);
  const undatable = timetable.entries.filter((entry): entry is UndatableTimetableEntry => entry.date === undefined);
  const sections = [
    `${heading}\n`,
    alignedTable(
      [
        t('schedule.head.date'),
        t('schedule.head.day'),
        t('schedule.head.period'),
        t('schedule.head.deadline'),
        t('schedule.head.responsible'),
        t('schedule.head.appliesTo'),
        t('schedule.head.basis'),
      ],
      dated.map((entry) => [
        entry.date,
        weekdayIn(entry.date, 'short') + (isWeekendName(entry.date) ? '*' : ''),
        periodLabel(entry.period),
        titleOf(entry),
        roleName(names, entry.responsible),
        entry.appliesTo ? categoryNames(names, entry.appliesTo).join(', ') : t('schedule.appliesToAll'),
        describeBasis(entry.basis, timetable.methodologyId),
      ]),
    ),
  ];
  if (dated.some((entry) => isWeekendName(entry.date))) {
    sections.push(t('schedule.weekendNote'));
  }
  if (undatable.length > 0) {
    sections.push(
      `\n${t('schedule.undatable')}\n` +
        undatable.map((entry) => `  ${periodLabel(entry.period)}  ${titleOf(entry)}: ${entry.problem}`).join('\n'),
    );
  }
  if (timetable.eventRules.length > 0) {
    sections.push(
      `\n${t('schedule.eventRules')}\n` +
        timetable.eventRules
          .map((rule) => `  ${titleOf(rule)}: ${rule.rule}${rule.basis ? ` (${describeBasis(rule.basis, timetable.methodologyId)})` : ''}`)
          .join('\n'),
    );
  }
  return sections.join('\n') + '\n';
}

/**
 * The timetable as rows for a CSV file (the header first): one per dated deadline, per
 * undatable one and per event rule. The header and the words are in the language of the run;
 * ids (deadline, responsible role, categories) stay ids, for spreadsheets that look them up.
 * The command line writes them with its CSV writer.
 */
export function timetableCsvRows(timetable: YearTimetable): string[][] {
  const header = [
    t('schedule.csv.date'),
    t('schedule.csv.weekday'),
    t('schedule.csv.period'),
    t('schedule.csv.deadline'),
    t('schedule.csv.titleKk'),
    t('schedule.csv.titleEn'),
    t('schedule.csv.responsible'),
    t('schedule.csv.appliesTo'),
    t('schedule.csv.rule'),
    t('schedule.csv.basis'),
    t('schedule.csv.problem'),
  ];
  const rows = [
    ...timetable.entries.map((entry) => [
      entry.date ?? '',
      entry.date ? weekdayIn(entry.date, 'long') : '',
      periodLabel(entry.period),
      entry.deadlineId,
      entry.title.kk ?? '',
      entry.title.en ?? '',
      roleIds(entry.responsible),
      entry.appliesTo?.join(' ') ?? '',
      entry.rule,
      describeBasis(entry.basis, timetable.methodologyId),
      entry.date === undefined ? entry.problem : '',
    ]),
    ...timetable.eventRules.map((rule) => [
      '',
      '',
      t('schedule.eachCase'),
      rule.deadlineId,
      rule.title.kk ?? '',
      rule.title.en ?? '',
      roleIds(rule.responsible),
      rule.appliesTo?.join(' ') ?? '',
      rule.rule,
      describeBasis(rule.basis, timetable.methodologyId),
      '',
    ]),
  ];
  return [header, ...rows];
}
