import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadCalendar, parseIsoDate, toIsoDate } from '../../src/calendar/index.js';

const calendar = loadCalendar();

// Start dates in 2023–2026 and up to 150 working days leave room before the end of 2027.
const startDate = fc.integer({ min: 0, max: 4 * 365 }).map((offset) => toIsoDate(parseIsoDate('2023-01-01').plus({ days: offset })));
const workingDayCount = fc.integer({ min: 1, max: 150 });

describe('working-day arithmetic properties', () => {
  it('addWorkingDays lands on a working day after the start for n ≥ 1', () => {
    fc.assert(
      fc.property(startDate, workingDayCount, (date, n) => {
        const result = calendar.addWorkingDays(date, n);
        expect(calendar.isWorkingDay(result)).toBe(true);
        expect(result > date).toBe(true);
      }),
    );
  });

  it('addWorkingDays is strictly increasing in n', () => {
    fc.assert(
      fc.property(startDate, workingDayCount, workingDayCount, (date, a, b) => {
        fc.pre(a !== b);
        const [small, large] = a < b ? [a, b] : [b, a];
        expect(calendar.addWorkingDays(date, small) < calendar.addWorkingDays(date, large)).toBe(true);
      }),
    );
  });

  it('workingDaysBetween inverts addWorkingDays, forwards and backwards', () => {
    fc.assert(
      fc.property(startDate, workingDayCount, (date, n) => {
        expect(calendar.workingDaysBetween(date, calendar.addWorkingDays(date, n))).toBe(n);
        const later = toIsoDate(parseIsoDate(date).plus({ days: 300 }));
        expect(calendar.workingDaysBetween(later, calendar.addWorkingDays(later, -n))).toBe(-n);
      }),
    );
  });

  it('n working days before a working day and n after it come back to it', () => {
    fc.assert(
      fc.property(startDate, workingDayCount, (date, n) => {
        const workingDay = calendar.nextWorkingDay(toIsoDate(parseIsoDate(date).plus({ days: 250 })));
        expect(calendar.addWorkingDays(calendar.addWorkingDays(workingDay, -n), n)).toBe(workingDay);
      }),
    );
  });

  it('nextWorkingDay and previousWorkingDay bracket the date with working days', () => {
    fc.assert(
      fc.property(startDate, (date) => {
        const next = calendar.nextWorkingDay(date);
        const previous = calendar.previousWorkingDay(toIsoDate(parseIsoDate(date).plus({ days: 30 })));
        expect(calendar.isWorkingDay(next) && next >= date).toBe(true);
        expect(calendar.isWorkingDay(previous)).toBe(true);
        expect(calendar.isWorkingDay(date)).toBe(next === date);
      }),
    );
  });
});
