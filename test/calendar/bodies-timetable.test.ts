// The 2024 and 2026 timetables of both bodies, day by day: their deadlines are declared in
// their own methodology files (with their own clauses), and must give exactly the dates
// worked out by hand for the model's declarations in deadlines.test.ts.
import { describe, expect, it } from 'vitest';
import { loadCalendar, yearTimetable, type CalendarRules, type DeadlineDeclarations } from '../../src/calendar/index.js';
import { loadResolved } from '../../src/methodology/index.js';

const calendar = loadCalendar();
const model = loadResolved('model-2018');
if (!model.ok) throw new Error('model-2018 does not load');

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
        const expected = rows(model.methodology.deadlines, model.methodology.calendarRules, year);
        expect(expected.length).toBeGreaterThan(17);
        expect(rows(deadlines, calendarRules, year)).toEqual(expected);
      });
    }
  }

  it("cites each body's own clause for the same deadline", () => {
    const clauseOf = (id: string) => {
      const loaded = loadResolved(id);
      if (!loaded.ok) throw new Error(id);
      return loaded.methodology.deadlines.quarterlyEvaluation.basis.clause;
    };
    expect(clauseOf('almaty-akimat-2023')).toBe('5');
    expect(clauseOf('enbekshikazakh-maslikhat-2023')).toBe('4');
  });
});
