// ISO calendar dates ('YYYY-MM-DD') as plain strings at the API boundary; luxon
// does the arithmetic in UTC so that no time zone or DST change can shift a day.
import { DateTime } from 'luxon';
import { currentLanguage } from '../i18n/index.js';

const ISO_DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

export class InvalidDateError extends Error {
  constructor(
    readonly input: unknown,
    context?: string,
  ) {
    super(`${JSON.stringify(input)}${context ? ` (${context})` : ''} is not a valid date; ` + `write it as YYYY-MM-DD, e.g. 2024-04-10`);
    this.name = 'InvalidDateError';
  }
}

export function parseIsoDate(isoDate: string, context?: string): DateTime {
  if (typeof isoDate !== 'string' || !ISO_DATE_PATTERN.test(isoDate)) {
    throw new InvalidDateError(isoDate, context);
  }
  const parsed = DateTime.fromISO(isoDate, { zone: 'utc' });
  if (!parsed.isValid) throw new InvalidDateError(isoDate, context);
  return parsed;
}

export function isValidIsoDate(isoDate: unknown): isoDate is string {
  if (typeof isoDate !== 'string' || !ISO_DATE_PATTERN.test(isoDate)) return false;
  return DateTime.fromISO(isoDate, { zone: 'utc' }).isValid;
}

export function toIsoDate(date: DateTime): string {
  return date.toISODate() as string;
}

/** "Sunday" */
export function weekdayName(isoDate: string): string {
  return parseIsoDate(isoDate).setLocale('en').toFormat('cccc');
}

/** "10 June 2024" */
export function formatLongDate(isoDate: string): string {
  return parseIsoDate(isoDate).setLocale(currentLanguage()).toFormat('d MMMM yyyy');
}

/** "Sunday 10 June 2024" */
export function formatDateWithWeekday(isoDate: string): string {
  return parseIsoDate(isoDate).setLocale(currentLanguage()).toFormat('cccc d MMMM yyyy');
}
