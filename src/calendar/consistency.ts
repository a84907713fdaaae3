// Checks a calendar file for mistakes the JSON schema cannot see: dates in the wrong
// year, broken pairings, moved days without their holiday, a wrong working-day count.
// Each issue carries the JSON path of the offending value so load.ts can point at it.
import { LUXON_WEEKDAY, WorkingCalendar } from './calendar.js';
import type { CalendarFile } from './calendarFile.js';
import type { JsonPath } from './errors.js';
import { formatDateWithWeekday, isValidIsoDate, parseIsoDate } from './isoDate.js';
import { localText, t } from '../i18n/index.js';

export interface CalendarIssue {
  path: JsonPath;
  message: string;
}

export function checkCalendarConsistency(file: CalendarFile): CalendarIssue[] {
  const issues: CalendarIssue[] = [];
  const report = (path: JsonPath, message: string) => issues.push({ path, message });
  const weekend = new Set(file.weekend.map((day) => LUXON_WEEKDAY[day]));
  const isWeekend = (date: string) => weekend.has(parseIsoDate(date).weekday);

  const { firstYear, lastYear } = file.coverage;
  if (firstYear > lastYear) {
    report(['coverage', 'lastYear'], t('calendar.coverage-reversed', { first: String(firstYear), last: String(lastYear) }));
    return issues;
  }
  for (let year = firstYear; year <= lastYear; year++) {
    if (!(String(year) in file.years)) {
      report(['years'], t('calendar.year-missing', { year: String(year), first: String(firstYear), last: String(lastYear) }));
    }
  }

  // Index every dated entry first so pairings can be checked across years.
  const nonWorking = new Map<string, { kind: string; pairedWith?: string; path: JsonPath }>();
  const extraWorking = new Map<string, { pairedWith: string; path: JsonPath }>();
  const seenAt = new Map<string, JsonPath>();
  const datesAreValid = (year: string, date: string, path: JsonPath): boolean => {
    if (!isValidIsoDate(date)) {
      report(path, t('calendar.not-a-date', { date }));
      return false;
    }
    if (date.slice(0, 4) !== year) {
      report(path, t('calendar.wrong-year', { date, year: String(year), actual: date.slice(0, 4) }));
      return false;
    }
    const earlier = seenAt.get(date);
    if (earlier) {
      report(path, t('calendar.twice', { date, earlier: `/${earlier.join('/')}` }));
      return false;
    }
    seenAt.set(date, path);
    return true;
  };

  for (const [year, content] of Object.entries(file.years)) {
    const yearNumber = Number(year);
    if (yearNumber < firstYear || yearNumber > lastYear) {
      report(['years', year], t('calendar.outside-coverage', { year: String(year), first: String(firstYear), last: String(lastYear) }));
    }
    content.nonWorkingDays.forEach((entry, index) => {
      const path: JsonPath = ['years', year, 'nonWorkingDays', index];
      if (!datesAreValid(year, entry.date, [...path, 'date'])) return;
      nonWorking.set(entry.date, { kind: entry.kind, pairedWith: entry.pairedWith, path });
      if (!(entry.source.act in file.acts)) {
        report([...path, 'source', 'act'], t('calendar.unknown-act', { act: entry.source.act, acts: Object.keys(file.acts).join(', ') }));
      }
      if ((entry.kind === 'moved' || entry.kind === 'transferred') && isWeekend(entry.date)) {
        report([...path, 'date'], t('calendar.day-off-on-weekend', { kind: entry.kind, date: formatDateWithWeekday(entry.date) }));
      }
    });
    (content.extraWorkingDays ?? []).forEach((entry, index) => {
      const path: JsonPath = ['years', year, 'extraWorkingDays', index];
      if (!datesAreValid(year, entry.date, [...path, 'date'])) return;
      extraWorking.set(entry.date, { pairedWith: entry.pairedWith, path });
      if (!(entry.source.act in file.acts)) {
        report([...path, 'source', 'act'], t('calendar.unknown-act', { act: entry.source.act, acts: Object.keys(file.acts).join(', ') }));
      }
      if (!isWeekend(entry.date)) {
        report([...path, 'date'], t('calendar.extra-working-day', { date: formatDateWithWeekday(entry.date) }));
      }
    });
  }

  // Moved days: each names a weekend holiday, and each weekend holiday has its moved day.
  const weekendHolidaysMoved = new Map<string, number>();
  for (const [year, content] of Object.entries(file.years)) {
    content.nonWorkingDays.forEach((entry, index) => {
      if (entry.kind === 'holiday' && isValidIsoDate(entry.date) && isWeekend(entry.date)) {
        weekendHolidaysMoved.set(entry.date, weekendHolidaysMoved.get(entry.date) ?? 0);
      }
      if (entry.kind !== 'moved' || entry.movedFrom === undefined) return;
      const path: JsonPath = ['years', year, 'nonWorkingDays', index, 'movedFrom'];
      const origin = nonWorking.get(entry.movedFrom);
      if (!origin || origin.kind !== 'holiday') {
        report(path, t('calendar.moved-from-unknown', { date: entry.movedFrom }));
      } else if (!isWeekend(entry.movedFrom)) {
        report(path, t('calendar.moved-from-weekday', { date: formatDateWithWeekday(entry.movedFrom) }));
      } else if (entry.movedFrom >= entry.date) {
        report(path, t('calendar.moved-before', { date: entry.date, from: entry.movedFrom }));
      }
    });
  }
  for (const content of Object.values(file.years)) {
    for (const entry of content.nonWorkingDays) {
      if (entry.kind === 'moved' && entry.movedFrom && weekendHolidaysMoved.has(entry.movedFrom)) {
        weekendHolidaysMoved.set(entry.movedFrom, (weekendHolidaysMoved.get(entry.movedFrom) ?? 0) + 1);
      }
    }
  }
  for (const [year, content] of Object.entries(file.years)) {
    content.nonWorkingDays.forEach((entry, index) => {
      const count = weekendHolidaysMoved.get(entry.date);
      if (entry.kind !== 'holiday' || count === undefined || count === 1) return;
      const path: JsonPath = ['years', year, 'nonWorkingDays', index, 'date'];
      report(
        path,
        count === 0
          ? t('calendar.holiday-not-moved', { name: localText(entry.name), day: formatDateWithWeekday(entry.date), date: entry.date })
          : t('calendar.holiday-moved-twice', { count, date: entry.date }),
      );
    });
  }

  // Transfers: a transferred day off and an extra working day always come in pairs.
  for (const [date, entry] of nonWorking) {
    if (entry.kind !== 'transferred' || entry.pairedWith === undefined) continue;
    const partner = extraWorking.get(entry.pairedWith);
    if (!partner || partner.pairedWith !== date) {
      report([...entry.path, 'pairedWith'], t('calendar.transferred-unpaired', { date, paired: entry.pairedWith }));
    }
  }
  for (const [date, entry] of extraWorking) {
    const partner = nonWorking.get(entry.pairedWith);
    if (!partner || partner.kind !== 'transferred' || partner.pairedWith !== date) {
      report([...entry.path, 'pairedWith'], t('calendar.extra-unpaired', { date, paired: entry.pairedWith }));
    }
  }

  for (const [year, content] of Object.entries(file.years)) {
    (content.notDaysOff ?? []).forEach((entry, index) => {
      const path: JsonPath = ['years', year, 'notDaysOff', index, 'date'];
      if (!isValidIsoDate(entry.date)) report(path, t('calendar.not-a-date', { date: entry.date }));
      else if (nonWorking.has(entry.date)) report(path, t('calendar.both', { date: entry.date }));
    });
  }

  // The declared count catches a forgotten or mistyped date; only meaningful once the rest is sound.
  if (issues.length === 0) {
    const calendar = new WorkingCalendar(file, 'calendar');
    for (const [year, content] of Object.entries(file.years)) {
      const counted = calendar.workingDaysInYear(Number(year));
      if (counted !== content.workingDays) {
        report(
          ['years', year, 'workingDays'],
          t('calendar.working-days', { year: String(year), declared: String(content.workingDays), counted: String(counted) }),
        );
      }
    }
  }
  return issues;
}
