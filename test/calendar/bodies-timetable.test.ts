// The 2024 and 2026 timetables of both bodies, day by day: their deadlines are declared in
// their own methodology files (with their own clauses), and must give exactly the dates
// worked out by hand for the model's declarations in deadlines.test.ts.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadCalendar, parseMethodologyDeadlines, yearTimetable, type CalendarRules, type DeadlineDeclarations } from '../../src/calendar/index.js';
import { loadResolved } from '../../src/methodology/index.js';

const calendar = loadCalendar();
const fixturePath = 'test/calendar/fixtures/model-methodology.yaml';
const fixture = parseMethodologyDeadlines(readFileSync(fixturePath, 'utf8'), fixturePath);
if (!fixture.ok) throw new Error('fixture does not load');

function rows(deadlines: DeadlineDeclarations, rules: CalendarRules, year: number): string[] {
  return yearTimetable(deadlines, rules, year, calendar).entries.map((e) => `${e.date ?? 'undated'} ${e.deadlineId} ${e.period.label}`);
}

describe('the timetables of both bodies', () => {
  for (const id of ['almaty-akimat-2023', 'enbekshikazakh-maslikhat-2023']) {
    const loaded = loadResolved(id);
    if (!loaded.ok) throw new Error(id);
    const { deadlines, calendarRules } = loaded.methodology;
    for (const year of [2024, 2026]) {
      it(`${id} ${year}`, () => {
        const expected = rows(fixture.methodology.deadlines as DeadlineDeclarations, fixture.methodology.calendarRules as CalendarRules, year);
        expect(expected.length).toBeGreaterThan(20);
        expect(rows(deadlines, calendarRules, year)).toEqual(expected);
      });
    }
  }

  it('cites each body\'s own clause for the same deadline', () => {
    const clauseOf = (id: string) => {
      const loaded = loadResolved(id);
      if (!loaded.ok) throw new Error(id);
      return loaded.methodology.deadlines.quarterlyEvaluation.basis.clause;
    };
    expect(clauseOf('almaty-akimat-2023')).toBe('5');
    expect(clauseOf('enbekshikazakh-maslikhat-2023')).toBe('4');
  });
});
