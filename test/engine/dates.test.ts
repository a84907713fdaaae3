import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, wholeMonths } from '../../src/engine/dates.js';

describe('whole months in post (calendarMonths)', () => {
  const months = (from: string, to: string) => wholeMonths(from, to, 'calendarMonths');

  it('counts 15 Feb – 14 Mar as exactly one month, and one day less as none', () => {
    expect(months('2024-02-15', '2024-03-14')).toBe(1);
    expect(months('2024-02-15', '2024-03-13')).toBe(0);
  });

  it('counts a whole quarter as three months', () => {
    expect(months('2024-01-01', '2024-03-31')).toBe(3);
    expect(months('2024-10-01', '2024-12-31')).toBe(3);
    expect(months('2024-10-02', '2024-12-31')).toBe(2);
  });

  it('handles month ends and leap years', () => {
    expect(months('2024-01-31', '2024-02-28')).toBe(0);
    expect(months('2024-01-31', '2024-02-29')).toBe(1);
    expect(months('2023-01-31', '2023-02-28')).toBe(1);
    expect(months('2024-02-29', '2024-03-28')).toBe(1);
    expect(months('2024-02-29', '2024-03-27')).toBe(0);
    expect(months('2023-12-31', '2024-01-30')).toBe(1);
  });

  it('is 0 for an empty or reversed range', () => {
    expect(months('2024-03-02', '2024-03-01')).toBe(0);
    expect(months('2024-03-01', '2024-03-01')).toBe(0);
  });

  it('counts thirty-day months when the methodology says so', () => {
    expect(wholeMonths('2024-02-01', '2024-03-01', 'thirtyDays')).toBe(1);
    expect(wholeMonths('2024-02-01', '2024-02-29', 'thirtyDays')).toBe(0);
  });

  const date = fc
    .date({ min: new Date('2023-01-01T00:00:00Z'), max: new Date('2027-12-31T00:00:00Z'), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10));

  it('never decreases when the end moves later (property)', () => {
    fc.assert(
      fc.property(date, fc.integer({ min: 0, max: 400 }), fc.integer({ min: 0, max: 60 }), (from, length, extra) => {
        const to = addDays(from, length);
        return months(from, addDays(to, extra)) >= months(from, to);
      }),
    );
  });

  it('agrees with a day count within a month either way (property)', () => {
    fc.assert(
      fc.property(date, fc.integer({ min: 0, max: 800 }), (from, length) => {
        const m = months(from, addDays(from, length));
        const days = length + 1;
        return m * 28 <= days && days < (m + 1) * 31 + 1;
      }),
    );
  });
});
