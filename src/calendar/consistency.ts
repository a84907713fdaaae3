// Checks a calendar file for mistakes the JSON schema cannot see: dates in the wrong
// year, broken pairings, moved days without their holiday, a wrong working-day count.
// Each issue carries the JSON path of the offending value so load.ts can point at it.
import { LUXON_WEEKDAY, WorkingCalendar } from './calendar.js';
import type { CalendarFile } from './calendarFile.js';
import type { JsonPath } from './errors.js';
import { formatDateWithWeekday, isValidIsoDate, parseIsoDate } from './isoDate.js';

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
    report(['coverage', 'lastYear'], `coverage ends in ${lastYear}, before it starts in ${firstYear}; swap the two years`);
    return issues;
  }
  for (let year = firstYear; year <= lastYear; year++) {
    if (!(String(year) in file.years)) {
      report(
        ['years'],
        `year ${year} is within the coverage ${firstYear}–${lastYear} but has no entry under "years"; add its non-working days or narrow "coverage"`,
      );
    }
  }

  // Index every dated entry first so pairings can be checked across years.
  const nonWorking = new Map<string, { kind: string; pairedWith?: string; path: JsonPath }>();
  const extraWorking = new Map<string, { pairedWith: string; path: JsonPath }>();
  const seenAt = new Map<string, JsonPath>();
  const datesAreValid = (year: string, date: string, path: JsonPath): boolean => {
    if (!isValidIsoDate(date)) {
      report(path, `${date} is not a real calendar date; correct it`);
      return false;
    }
    if (date.slice(0, 4) !== year) {
      report(path, `${date} is listed under year ${year}; move it to year ${date.slice(0, 4)}`);
      return false;
    }
    const earlier = seenAt.get(date);
    if (earlier) {
      report(path, `${date} is listed twice (also at /${earlier.join('/')}); keep a single entry`);
      return false;
    }
    seenAt.set(date, path);
    return true;
  };

  for (const [year, content] of Object.entries(file.years)) {
    const yearNumber = Number(year);
    if (yearNumber < firstYear || yearNumber > lastYear) {
      report(['years', year], `year ${year} is listed but the coverage is ${firstYear}–${lastYear}; extend "coverage" to include it`);
    }
    content.nonWorkingDays.forEach((entry, index) => {
      const path: JsonPath = ['years', year, 'nonWorkingDays', index];
      if (!datesAreValid(year, entry.date, [...path, 'date'])) return;
      nonWorking.set(entry.date, { kind: entry.kind, pairedWith: entry.pairedWith, path });
      if (!(entry.source.act in file.acts)) {
        report(
          [...path, 'source', 'act'],
          `unknown act "${entry.source.act}"; declare it under "acts" or use one of: ${Object.keys(file.acts).join(', ')}`,
        );
      }
      if ((entry.kind === 'moved' || entry.kind === 'transferred') && isWeekend(entry.date)) {
        report(
          [...path, 'date'],
          `a ${entry.kind} day off must fall on a working weekday, but ${formatDateWithWeekday(entry.date)} is a weekend day; check the date`,
        );
      }
    });
    (content.extraWorkingDays ?? []).forEach((entry, index) => {
      const path: JsonPath = ['years', year, 'extraWorkingDays', index];
      if (!datesAreValid(year, entry.date, [...path, 'date'])) return;
      extraWorking.set(entry.date, { pairedWith: entry.pairedWith, path });
      if (!(entry.source.act in file.acts)) {
        report(
          [...path, 'source', 'act'],
          `unknown act "${entry.source.act}"; declare it under "acts" or use one of: ${Object.keys(file.acts).join(', ')}`,
        );
      }
      if (!isWeekend(entry.date)) {
        report(
          [...path, 'date'],
          `an extra working day must be a weekend day made working, but ${formatDateWithWeekday(entry.date)} is already a working weekday; check the date`,
        );
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
        report(
          path,
          `movedFrom ${entry.movedFrom} is not a holiday listed in this calendar; list the holiday (kind: holiday) or correct the date`,
        );
      } else if (!isWeekend(entry.movedFrom)) {
        report(
          path,
          `movedFrom ${formatDateWithWeekday(entry.movedFrom)} is not a weekend day, so no day off is moved from it; correct the date or the kind`,
        );
      } else if (entry.movedFrom >= entry.date) {
        report(
          path,
          `a day off is moved to after the holiday (art. 5 of the law on holidays), but ${entry.date} is not after ${entry.movedFrom}`,
        );
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
          ? `${entry.name.en} falls on ${formatDateWithWeekday(entry.date)} but no moved day off names it (movedFrom: ${entry.date}); add the moved day`
          : `${count} moved days name ${entry.date} in movedFrom; a holiday moves to a single day`,
      );
    });
  }

  // Transfers: a transferred day off and an extra working day always come in pairs.
  for (const [date, entry] of nonWorking) {
    if (entry.kind !== 'transferred' || entry.pairedWith === undefined) continue;
    const partner = extraWorking.get(entry.pairedWith);
    if (!partner || partner.pairedWith !== date) {
      report(
        [...entry.path, 'pairedWith'],
        `transferred day ${date} is paired with ${entry.pairedWith}, but no extra working day ${entry.pairedWith} is paired back with ${date}; add it under extraWorkingDays`,
      );
    }
  }
  for (const [date, entry] of extraWorking) {
    const partner = nonWorking.get(entry.pairedWith);
    if (!partner || partner.kind !== 'transferred' || partner.pairedWith !== date) {
      report(
        [...entry.path, 'pairedWith'],
        `extra working day ${date} is paired with ${entry.pairedWith}, but no transferred day off ${entry.pairedWith} is paired back with ${date}; add it under nonWorkingDays (kind: transferred)`,
      );
    }
  }

  for (const [year, content] of Object.entries(file.years)) {
    (content.notDaysOff ?? []).forEach((entry, index) => {
      const path: JsonPath = ['years', year, 'notDaysOff', index, 'date'];
      if (!isValidIsoDate(entry.date)) report(path, `${entry.date} is not a real calendar date; correct it`);
      else if (nonWorking.has(entry.date)) report(path, `${entry.date} is listed both as not a day off and as a non-working day; keep one`);
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
          `year ${year} declares ${content.workingDays} working days but its entries give ${counted}; look for a missing or mistyped date, or correct the count`,
        );
      }
    }
  }
  return issues;
}
