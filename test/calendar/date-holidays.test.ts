// Cross-check of calendars/kz.yaml against the date-holidays package (new Holidays('KZ')).
// date-holidays computes holidays from rules and knows nothing of the yearly acts, so the
// differences below are expected; they are documented in docs/calendar.md too. The test
// fails on any other difference, in either direction, so a mistyped date in our file or
// a change in date-holidays is noticed.
import Holidays from 'date-holidays';
import { describe, expect, it } from 'vitest';
import { loadCalendar } from '../../src/calendar/index.js';

const calendar = loadCalendar();
const years = [2023, 2024, 2025, 2026, 2027];

const DOCUMENTED_DIFFERENCES = {
  /** date-holidays already makes 15 March Constitution Day in 2026; by the 2026 Constitution it is one only from 2027. */
  holidaysOnlyInDateHolidays: ['2026-03-15'],
  holidaysOnlyInOurs: [] as string[],
  /**
   * 2026-03-16: the substitute for that 15 March. 2026-03-23, 2027-03-23: date-holidays
   * moves a weekend Nauryz day to the next weekday even when it is itself Nauryz day 3;
   * by art. 5 of the law the moved days follow the whole three-day block.
   */
  movedOnlyInDateHolidays: ['2026-03-16', '2026-03-23', '2027-03-23'],
  movedOnlyInOurs: ['2026-03-25', '2027-03-24'],
  /** Transfers of days off (decree / ministerial order) are not in date-holidays at all. */
  transferredOnlyInOurs: ['2023-07-07', '2024-05-08', '2025-01-03'],
  /** Nor are weekend days made working. */
  extraWorkingDaysOnlyInOurs: ['2023-07-01', '2024-05-04', '2025-01-05'],
};

const dateHolidays = new Holidays('KZ');

function theirs(year: number, substitute: boolean): string[] {
  return [
    ...new Set(
      dateHolidays
        .getHolidays(year)
        .filter((holiday) => holiday.type === 'public' && Boolean(holiday.substitute) === substitute)
        .map((holiday) => holiday.date.slice(0, 10)),
    ),
  ].sort();
}

function ours(year: number, kinds: string[]): string[] {
  return calendar.file.years[String(year)].nonWorkingDays
    .filter((entry) => kinds.includes(entry.kind))
    .map((entry) => entry.date)
    .sort();
}

function onlyIn(left: string[], right: string[]): string[] {
  return left.filter((date) => !right.includes(date));
}

function inYear(dates: string[], year: number): string[] {
  return dates.filter((date) => date.startsWith(String(year)));
}

describe.each(years)('date-holidays KZ %i', (year) => {
  it('has the same fixed public and religious holidays, except the documented differences', () => {
    const our = ours(year, ['holiday', 'religious']);
    const their = theirs(year, false);
    expect(onlyIn(their, our)).toEqual(inYear(DOCUMENTED_DIFFERENCES.holidaysOnlyInDateHolidays, year));
    expect(onlyIn(our, their)).toEqual(inYear(DOCUMENTED_DIFFERENCES.holidaysOnlyInOurs, year));
  });

  it('moves weekend holidays to the same days, except the documented differences', () => {
    const our = ours(year, ['moved']);
    const their = theirs(year, true);
    expect(onlyIn(their, our)).toEqual(inYear(DOCUMENTED_DIFFERENCES.movedOnlyInDateHolidays, year));
    expect(onlyIn(our, their)).toEqual(inYear(DOCUMENTED_DIFFERENCES.movedOnlyInOurs, year));
  });

  it('lacks the transfers of days off and the weekend days made working', () => {
    const everything = dateHolidays.getHolidays(year).map((holiday) => holiday.date.slice(0, 10));
    expect(ours(year, ['transferred'])).toEqual(inYear(DOCUMENTED_DIFFERENCES.transferredOnlyInOurs, year));
    for (const date of inYear(DOCUMENTED_DIFFERENCES.transferredOnlyInOurs, year)) expect(everything).not.toContain(date);
    const extra = (calendar.file.years[String(year)].extraWorkingDays ?? []).map((entry) => entry.date);
    expect(extra).toEqual(inYear(DOCUMENTED_DIFFERENCES.extraWorkingDaysOnlyInOurs, year));
  });
});
