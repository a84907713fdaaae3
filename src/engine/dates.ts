// Dates are ISO strings (YYYY-MM-DD) everywhere; luxon does the calendar arithmetic.
import { DateTime } from 'luxon';
import { toIsoDate as iso } from '../calendar/isoDate.js';
import type { QuarterId } from './types.js';

const cache = new Map<string, DateTime>();
export function day(iso: string): DateTime {
  let parsed = cache.get(iso);
  if (!parsed) {
    parsed = DateTime.fromISO(iso, { zone: 'utc' });
    if (cache.size > 50_000) cache.clear();
    cache.set(iso, parsed);
  }
  return parsed;
}

/** Adding days needs no calendar rules, and runs for every person: plain UTC arithmetic. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}
export const minDate = (a: string, b: string): string => (a < b ? a : b);
export const maxDate = (a: string, b: string): string => (a > b ? a : b);

export const quarters: readonly QuarterId[] = ['Q1', 'Q2', 'Q3', 'Q4'];

export interface Period {
  start: string;
  end: string;
}

export function quarterPeriod(year: number, quarter: QuarterId): Period {
  const index = quarters.indexOf(quarter);
  const start = DateTime.utc(year, index * 3 + 1, 1);
  return { start: iso(start), end: iso(start.plus({ months: 3 }).minus({ days: 1 })) };
}

export function yearPeriod(year: number): Period {
  return { start: `${year}-01-01`, end: `${year}-12-31` };
}

/**
 * Whole months in post from `from` to `to`, both days included.
 * calendarMonths: n months are complete on the day before the same day-number n months
 * later (15 Feb–14 Mar is one month); when that month has no such day, on its last day
 * (31 Jan–29 Feb 2024 is one month, 31 Jan–28 Feb 2024 is not; 31 Jan–28 Feb 2023 is).
 * thirtyDays: every 30 calendar days count as a month.
 */
export function wholeMonths(from: string, to: string, counting: 'calendarMonths' | 'thirtyDays'): number {
  // Most people share the same few (from, to) pairs — the period's bounds — so the
  // luxon arithmetic runs once per pair.
  const key = `${from}|${to}|${counting}`;
  let months = monthsMemo.get(key);
  if (months === undefined) {
    months = countWholeMonths(from, to, counting);
    if (monthsMemo.size > 100_000) monthsMemo.clear();
    monthsMemo.set(key, months);
  }
  return months;
}

const monthsMemo = new Map<string, number>();

function countWholeMonths(from: string, to: string, counting: 'calendarMonths' | 'thirtyDays'): number {
  if (to < from) return 0;
  const start = day(from);
  const end = day(to);
  if (counting === 'thirtyDays') return Math.floor((end.diff(start, 'days').days + 1) / 30);
  const reachedOn = (n: number) => {
    const target = start.plus({ months: n });
    return target.day !== start.day ? target : target.minus({ days: 1 });
  };
  let months = Math.max(0, (end.year - start.year) * 12 + (end.month - start.month) - 1);
  while (months > 0 && reachedOn(months) > end) months--;
  while (reachedOn(months + 1) <= end) months++;
  return months;
}

/** Whether two inclusive date ranges share at least one day. */
export function overlaps(a: Period, b: Period): boolean {
  return a.start <= b.end && b.start <= a.end;
}
