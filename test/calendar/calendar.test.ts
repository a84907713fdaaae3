import { describe, expect, it } from 'vitest';
import { CalendarCoverageError, InvalidDateError, loadCalendar } from '../../src/calendar/index.js';

const calendar = loadCalendar();

describe('working days per year (calendars/kz.yaml)', () => {
  it.each([
    [2023, 246],
    [2024, 249],
    [2025, 246],
    [2026, 247],
    // provisional: the law alone, no transfer decided yet
    [2027, 247],
  ])('%i has %i working days', (year, expected) => {
    expect(calendar.workingDaysInYear(year)).toBe(expected);
  });
});

describe('transfers of days off', () => {
  it.each([
    ['2023-07-07', '2023-07-01'],
    ['2024-05-08', '2024-05-04'],
    ['2025-01-03', '2025-01-05'],
  ])('%s is off and the weekend day %s is working', (dayOff, workingWeekendDay) => {
    expect(calendar.isWorkingDay(dayOff)).toBe(false);
    expect(calendar.isWorkingDay(workingWeekendDay)).toBe(true);
    const status = calendar.dayStatus(dayOff);
    expect(status.because === 'listed' && status.entry.kind).toBe('transferred');
  });

  it('counts the Saturday made working: 1 working day after Friday 3 May 2024 is Saturday 4 May', () => {
    expect(calendar.addWorkingDays('2024-05-03', 1)).toBe('2024-05-04');
    expect(calendar.addWorkingDays('2024-05-04', 1)).toBe('2024-05-06');
    expect(calendar.addWorkingDays('2024-05-06', 1)).toBe('2024-05-10');
  });
});

describe('moved days and changes of the law', () => {
  it('moves both weekend Nauryz days of 2026 after the whole block: 24 and 25 March', () => {
    for (const date of ['2026-03-21', '2026-03-22', '2026-03-23', '2026-03-24', '2026-03-25']) {
      expect(calendar.isWorkingDay(date), date).toBe(false);
    }
    expect(calendar.isWorkingDay('2026-03-26')).toBe(true);
    const moved = calendar.dayStatus('2026-03-25');
    expect(moved.because === 'listed' && moved.entry.movedFrom).toBe('2026-03-22');
  });

  it('keeps 31 August 2026 a working day (Constitution Day of 30 August dropped)', () => {
    expect(calendar.isWorkingDay('2026-08-31')).toBe(true);
  });

  it('keeps 16 March 2026 a working day (15 March is Constitution Day only from 2027)', () => {
    expect(calendar.isWorkingDay('2026-03-16')).toBe(true);
    expect(calendar.isWorkingDay('2027-03-15')).toBe(false);
  });

  it('does not move a religious day off: 17 June 2024 was a working day', () => {
    expect(calendar.isWorkingDay('2024-06-17')).toBe(true);
  });

  it('marks the entries the facts could not confirm as unverified', () => {
    const unverified = Object.values(calendar.file.years)
      .flatMap((year) => year.nonWorkingDays)
      .filter((entry) => entry.verified === false)
      .map((entry) => entry.date);
    expect(unverified).toEqual(['2026-05-27', '2027-03-15', '2027-05-16']);
    const notDayOff = calendar.file.years['2026'].notDaysOff?.find((entry) => entry.date === '2026-08-31');
    expect(notDayOff?.verified).toBe(false);
  });
});

describe('counting', () => {
  it('starts a term the day after the event (art. 187): 1 working day after a Friday is the Monday', () => {
    expect(calendar.addWorkingDays('2024-06-07', 1)).toBe('2024-06-10');
    expect(calendar.addWorkingDays('2024-06-07', 0)).toBe('2024-06-07');
  });

  it('counts backwards for negative n', () => {
    expect(calendar.addWorkingDays('2024-04-10', -5)).toBe('2024-04-03');
    expect(calendar.addWorkingDays('2025-01-10', -5)).toBe('2024-12-31');
  });

  it('gives the day itself or the next/previous working day', () => {
    expect(calendar.nextWorkingDay('2024-06-10')).toBe('2024-06-10');
    expect(calendar.nextWorkingDay('2024-07-06')).toBe('2024-07-09');
    expect(calendar.previousWorkingDay('2024-07-08')).toBe('2024-07-05');
  });

  it('counts working days between two dates, departure day excluded, arrival included', () => {
    expect(calendar.workingDaysBetween('2024-05-03', '2024-05-10')).toBe(3);
    expect(calendar.workingDaysBetween('2024-05-10', '2024-05-03')).toBe(-3);
    expect(calendar.workingDaysBetween('2024-05-10', '2024-05-10')).toBe(0);
    // 1 January 2023 is a Sunday, so leaving it out still counts the whole year.
    expect(calendar.workingDaysBetween('2023-01-01', '2023-12-31')).toBe(246);
  });
});

describe('coverage', () => {
  it('refuses a date in a year the calendar does not cover, naming the file and the years', () => {
    expect(() => calendar.isWorkingDay('2029-01-05')).toThrow(CalendarCoverageError);
    expect(() => calendar.isWorkingDay('2029-01-05')).toThrow(
      "2029-01-05 is outside the working-day calendar calendars/kz.yaml, which covers 2023–2027; add the year's non-working days to the calendar file",
    );
    expect(calendar.covers('2029-01-05')).toBe(false);
    expect(calendar.covers('2027-12-31')).toBe(true);
  });

  it('refuses to count past the last covered day instead of guessing', () => {
    expect(() => calendar.addWorkingDays('2027-12-31', 1)).toThrow('2028-01-01 is outside');
    expect(() => calendar.addWorkingDays('2023-01-03', -1)).toThrow('2022-12-31 is outside');
    expect(() => calendar.workingDaysInYear(2022)).toThrow(CalendarCoverageError);
  });

  it('rejects malformed dates with what to write instead', () => {
    expect(() => calendar.isWorkingDay('2024-02-30')).toThrow(InvalidDateError);
    expect(() => calendar.isWorkingDay('10.04.2024')).toThrow('write it as YYYY-MM-DD');
  });
});
