// The working-day calendar: which dates are working days, and counting in working days.
// Pure: built from an already parsed calendar file (see load.ts for reading one).
import type { DateTime } from 'luxon';
import type { CalendarFile, ExtraWorkingDayEntry, NonWorkingDayEntry, WeekdayName } from './calendarFile.js';
import { CalendarCoverageError } from './errors.js';
import { parseIsoDate, toIsoDate } from './isoDate.js';

/** luxon's weekday numbers (Monday 1 … Sunday 7) of the calendar file's weekday names. */
export const LUXON_WEEKDAY: Record<WeekdayName, number> = {
  monday: 1,
  tuesday: 2,
  wednesday: 3,
  thursday: 4,
  friday: 5,
  saturday: 6,
  sunday: 7,
};

export type DayStatus =
  | { date: string; working: true; because: 'weekday' }
  | { date: string; working: true; because: 'extraWorkingDay'; entry: ExtraWorkingDayEntry }
  | { date: string; working: false; because: 'weekend' }
  | { date: string; working: false; because: 'listed'; entry: NonWorkingDayEntry };

export class WorkingCalendar {
  readonly firstYear: number;
  readonly lastYear: number;
  private readonly weekendDays: Set<number>;
  private readonly nonWorkingDays = new Map<string, NonWorkingDayEntry>();
  private readonly extraWorkingDays = new Map<string, ExtraWorkingDayEntry>();

  /**
   * @param file the parsed calendar file (already validated, see load.ts)
   * @param label how to name the calendar in messages, usually its path
   */
  constructor(
    readonly file: CalendarFile,
    readonly label: string,
  ) {
    this.firstYear = file.coverage.firstYear;
    this.lastYear = file.coverage.lastYear;
    this.weekendDays = new Set(file.weekend.map((day) => LUXON_WEEKDAY[day]));
    for (const year of Object.values(file.years)) {
      for (const entry of year.nonWorkingDays) this.nonWorkingDays.set(entry.date, entry);
      for (const entry of year.extraWorkingDays ?? []) this.extraWorkingDays.set(entry.date, entry);
    }
  }

  covers(isoDate: string): boolean {
    const { year } = parseIsoDate(isoDate);
    return year >= this.firstYear && year <= this.lastYear;
  }

  isWorkingDay(isoDate: string): boolean {
    return this.workingAt(this.coveredDate(isoDate));
  }

  /** Why a date is or is not a working day, with the calendar entry that decides it. */
  dayStatus(isoDate: string): DayStatus {
    const date = this.coveredDate(isoDate);
    const key = toIsoDate(date);
    const extra = this.extraWorkingDays.get(key);
    if (extra) return { date: key, working: true, because: 'extraWorkingDay', entry: extra };
    const listed = this.nonWorkingDays.get(key);
    // A listed holiday on a weekend is off anyway; report the holiday, it is more telling.
    if (listed) return { date: key, working: false, because: 'listed', entry: listed };
    if (this.weekendDays.has(date.weekday)) return { date: key, working: false, because: 'weekend' };
    return { date: key, working: true, because: 'weekday' };
  }

  /** The date itself when it is a working day, otherwise the first working day after it. */
  nextWorkingDay(isoDate: string): string {
    let date = this.coveredDate(isoDate);
    while (!this.workingAt(date)) date = this.step(date, 1);
    return toIsoDate(date);
  }

  /** The date itself when it is a working day, otherwise the last working day before it. */
  previousWorkingDay(isoDate: string): string {
    let date = this.coveredDate(isoDate);
    while (!this.workingAt(date)) date = this.step(date, -1);
    return toIsoDate(date);
  }

  /**
   * The n-th working day after the date, counting from the day after it (Civil Code
   * art. 187: a term starts the day after the event), so addWorkingDays(friday, 1)
   * is the next working Monday. A negative n counts backwards from the day before,
   * giving "n working days before". n = 0 returns the date unchanged.
   */
  addWorkingDays(isoDate: string, workingDays: number): string {
    if (!Number.isInteger(workingDays)) {
      throw new RangeError(`the number of working days must be a whole number, got ${workingDays}`);
    }
    let date = this.coveredDate(isoDate);
    const direction = workingDays < 0 ? -1 : 1;
    let remaining = Math.abs(workingDays);
    while (remaining > 0) {
      date = this.step(date, direction);
      if (this.workingAt(date)) remaining -= 1;
    }
    return toIsoDate(date);
  }

  /**
   * Working days passed when going from `from` to `to`, counting the arrival day and
   * not the departure day; negative when `to` is before `from`. The inverse of
   * addWorkingDays: workingDaysBetween(d, addWorkingDays(d, n)) === n.
   */
  workingDaysBetween(from: string, to: string): number {
    const start = this.coveredDate(from);
    const end = this.coveredDate(to);
    // Forwards: days in (from, to]; backwards: days in [to, from), counted negative.
    const [first, last, sign] = end >= start ? [start.plus({ days: 1 }), end, 1] : [end, start.minus({ days: 1 }), -1];
    let count = 0;
    for (let date = first; date <= last; date = date.plus({ days: 1 })) {
      if (this.workingAt(date)) count += 1;
    }
    return sign * count;
  }

  workingDaysInYear(year: number): number {
    if (!Number.isInteger(year) || year < this.firstYear || year > this.lastYear) {
      throw new CalendarCoverageError(String(year), this.label, this.firstYear, this.lastYear);
    }
    const first = parseIsoDate(`${String(year).padStart(4, '0')}-01-01`);
    let count = 0;
    for (let date = first; date.year === year; date = date.plus({ days: 1 })) {
      if (this.workingAt(date)) count += 1;
    }
    return count;
  }

  private workingAt(date: DateTime): boolean {
    const key = toIsoDate(date);
    if (this.extraWorkingDays.has(key)) return true;
    if (this.nonWorkingDays.has(key)) return false;
    return !this.weekendDays.has(date.weekday);
  }

  private coveredDate(isoDate: string): DateTime {
    const date = parseIsoDate(isoDate);
    this.assertCovered(date);
    return date;
  }

  private step(date: DateTime, days: number): DateTime {
    const next = date.plus({ days });
    this.assertCovered(next);
    return next;
  }

  private assertCovered(date: DateTime): void {
    if (date.year < this.firstYear || date.year > this.lastYear) {
      throw new CalendarCoverageError(toIsoDate(date), this.label, this.firstYear, this.lastYear);
    }
  }
}
