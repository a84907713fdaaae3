import { describe, expect, it } from 'vitest';
import {
  computeDeadline,
  DeadlineDeclarationError,
  loadCalendar,
  yearTimetable,
  type CalendarRules,
  type DeadlineDeclarations,
} from '../../src/calendar/index.js';
import { loadResolved } from '../../src/methodology/index.js';

const calendar = loadCalendar();
// The model methodology's own declarations: the dates below were worked out by hand from them.
const model = loadResolved('model-2018');
if (!model.ok) throw new Error(JSON.stringify(model.diagnostics));
const { deadlines, calendarRules }: { deadlines: DeadlineDeclarations; calendarRules: CalendarRules } = model.methodology;

/** "date deadlineId period" rows of a timetable, for day-by-day comparison. */
function rows(year: number): string[] {
  return yearTimetable(deadlines, calendarRules, year, calendar).entries.map(
    (entry) => `${entry.date ?? 'undated'} ${entry.deadlineId} ${entry.period.label}`,
  );
}

describe('computeDeadline', () => {
  it('moves a deadline that falls on a Sunday to the next working day and says why (art. 188)', () => {
    const result = computeDeadline({ ...deadlines.notifyHeads, id: 'notifyHeads' }, '2026-06-30', calendar, calendarRules);
    // 5 July 2026 is a Sunday and Monday 6 July is Capital Day.
    expect(result.date).toBe('2026-07-07');
    expect(result.trace.ruleId).toBe('notifyHeads');
    expect(result.trace.basis).toMatchObject({ clause: '27', source: 'model-2018' });
    expect(result.trace.anchorDate).toBe('2026-06-30');
    expect(result.trace.steps).toEqual([
      'periodEnd: Tuesday 30 June 2026',
      '5th day of the following month → Sunday 5 July 2026',
      '5 July 2026 is a Sunday → moved to Tuesday 7 July 2026 (next working day, Civil Code art. 188; calendarRules.nonWorkingDay)',
    ]);
  });

  it('names the holiday when the date is one', () => {
    const result = computeDeadline({ ...deadlines.quarterlyEvaluation, id: 'q' }, '2025-02-28', calendar, calendarRules);
    // 10 March 2025 is the day off moved from Women's Day (Saturday 8 March).
    expect(result.date).toBe('2025-03-11');
    expect(result.trace.steps.at(-1)).toContain('10 March 2025 is a Monday, Day off moved from Saturday 8 March');
  });

  it('starts working-day terms the day after the event and lists the days off it skips', () => {
    const result = computeDeadline({ ...deadlines.appeal, id: 'appeal' }, '2024-05-03', calendar, calendarRules);
    // Sat 4 May (made working), Mon 6, Fri 10, Mon 13, Tue 14.
    expect(result.date).toBe('2024-05-14');
    expect(result.trace.steps.join('\n')).toContain('Saturday 4 May 2024 counted');
    expect(result.trace.steps.join('\n')).toContain('Wednesday 8 May 2024 not counted: Day off transferred from Saturday 4 May');
  });

  it('counts the event day itself when termStartsDayAfterEvent is false', () => {
    const rules: CalendarRules = { ...calendarRules, termStartsDayAfterEvent: false };
    expect(computeDeadline(deadlines.familiarisation, '2024-06-10', calendar, rules).date).toBe('2024-06-11');
    expect(computeDeadline(deadlines.familiarisation, '2024-06-10', calendar, calendarRules).date).toBe('2024-06-12');
  });

  it('applies a per-deadline nonWorkingDay override', () => {
    const bringForward = { ...deadlines.quarterlyEvaluation, nonWorkingDay: 'previous' as const };
    expect(computeDeadline(bringForward, '2026-09-30', calendar, calendarRules).date).toBe('2026-10-09');
    const keep = { ...deadlines.quarterlyEvaluation, nonWorkingDay: 'keep' as const };
    expect(computeDeadline(keep, '2026-09-30', calendar, calendarRules).date).toBe('2026-10-10');
  });

  it('keeps documents 3 years, moving the last day off a weekend', () => {
    // 3 years after Wednesday 10 July 2024 is Saturday 10 July 2027 → Monday 12 July 2027.
    expect(computeDeadline(deadlines.retention, '2024-07-10', calendar, calendarRules).date).toBe('2027-07-12');
  });

  it('takes the last day of a short month for a day it does not have', () => {
    const day31 = { ...deadlines.quarterlyEvaluation, offset: { dayOfFollowingMonth: 31 } };
    const result = computeDeadline(day31, '2025-01-15', calendar, calendarRules);
    expect(result.date).toBe('2025-02-28');
    expect(result.trace.steps[1]).toContain('the month has only 28 days');
  });

  it('refuses an offset with two counting instructions', () => {
    const broken = { ...deadlines.appeal, id: 'appeal', offset: { workingDays: 5, calendarDays: 3 } as never };
    expect(() => computeDeadline(broken, '2024-05-03', calendar, calendarRules)).toThrow(DeadlineDeclarationError);
    expect(() => computeDeadline(broken, '2024-05-03', calendar, calendarRules)).toThrow('exactly one of');
  });
});

describe('yearTimetable', () => {
  it('dates the 2024 quarters day by day', () => {
    expect(rows(2024)).toEqual([
      '2024-01-16 kpiSetting 2024', // 1–2 Jan New Year; 10th working day from 3 Jan
      '2024-04-03 kpiActualsToEvaluator Q1 2024', // 5 working days before 10 April
      '2024-04-05 notifyHeads Q1 2024',
      '2024-04-10 quarterlyEvaluation Q1 2024',
      '2024-04-10 notifyServants Q1 2024',
      '2024-07-02 kpiActualsToEvaluator Q2 2024', // skips Monday 8 July (Capital Day moved)
      '2024-07-05 notifyHeads Q2 2024',
      '2024-07-10 quarterlyEvaluation Q2 2024',
      '2024-07-10 notifyServants Q2 2024',
      '2024-10-03 kpiActualsToEvaluator Q3 2024',
      '2024-10-07 notifyHeads Q3 2024', // 5 October is a Saturday
      '2024-10-10 quarterlyEvaluation Q3 2024',
      '2024-10-10 notifyServants Q3 2024',
      '2024-12-31 kpiActualsToEvaluator Q4 2024', // 1–3 and 7 January 2025 are off, Sunday 5 January works
      '2025-01-05 notifyHeads Q4 2024', // Sunday 5 January 2025 is a working day (transfer)
      '2025-01-10 quarterlyEvaluation Q4 2024',
      '2025-01-10 notifyServants Q4 2024',
      '2025-01-10 annual360 2024',
    ]);
  });

  it('dates the 2026 quarters day by day', () => {
    expect(rows(2026)).toEqual([
      '2026-01-19 kpiSetting 2026', // 1–2 Jan New Year, 7 Jan Christmas
      '2026-04-03 kpiActualsToEvaluator Q1 2026',
      '2026-04-06 notifyHeads Q1 2026', // 5 April is a Sunday
      '2026-04-10 quarterlyEvaluation Q1 2026',
      '2026-04-10 notifyServants Q1 2026',
      '2026-07-02 kpiActualsToEvaluator Q2 2026', // skips Monday 6 July (Capital Day)
      '2026-07-07 notifyHeads Q2 2026', // Sunday 5 July, Capital Day 6 July
      '2026-07-10 quarterlyEvaluation Q2 2026',
      '2026-07-10 notifyServants Q2 2026',
      '2026-10-05 notifyHeads Q3 2026',
      '2026-10-05 kpiActualsToEvaluator Q3 2026', // 5 working days before Monday 12 October
      '2026-10-12 quarterlyEvaluation Q3 2026', // 10 October is a Saturday
      '2026-10-12 notifyServants Q3 2026',
      '2026-12-30 kpiActualsToEvaluator Q4 2026', // 1, 4 and 7 January 2027 are off
      '2027-01-05 notifyHeads Q4 2026',
      '2027-01-11 quarterlyEvaluation Q4 2026', // 10 January 2027 is a Sunday
      '2027-01-11 notifyServants Q4 2026',
      '2027-01-11 annual360 2026',
    ]);
  });

  it('states event-anchored deadlines as rules without a date', () => {
    const { eventRules } = yearTimetable(deadlines, calendarRules, 2024, calendar);
    expect(eventRules.map((rule) => `${rule.deadlineId}: ${rule.rule}`)).toEqual([
      'kpiSettingAfterAppointment: 10 working days after the appointment',
      'kpiPosting: 5 working days after the approval of the KPIs',
      'deferredKpiEvaluation: 5 working days after the return to work',
      'familiarisation: 2 working days after the end of the evaluation',
      'appeal: 5 working days after the familiarisation with the results',
      'calibrationDecision: 3 working days after the application',
      'calibrationSession: 10 working days after the application',
      'protocolPosting: 3 working days after the signing of the protocol',
      'retention: 3 years after the end of the evaluation',
    ]);
  });

  it('lists what falls beyond the calendar without a date instead of guessing', () => {
    const timetable = yearTimetable(deadlines, calendarRules, 2027, calendar);
    const undated = timetable.entries.filter((entry) => entry.date === undefined);
    expect(undated.map((entry) => `${entry.deadlineId} ${entry.period.label}`)).toEqual([
      'quarterlyEvaluation Q4 2027',
      'notifyHeads Q4 2027',
      'notifyServants Q4 2027',
      'kpiActualsToEvaluator Q4 2027',
      'annual360 2027',
    ]);
    expect(undated[0].date === undefined && undated[0].problem).toContain('2028-01-10 is outside the working-day calendar');
  });

  it('refuses unknown anchors and cycles', () => {
    const unknown = { ...deadlines, appeal: { ...deadlines.appeal, anchor: 'familiarization' } };
    expect(() => yearTimetable(unknown, calendarRules, 2024, calendar)).toThrow('anchor "familiarization" is neither an event');
    const cycle = {
      a: { ...deadlines.appeal, anchor: 'b' },
      b: { ...deadlines.appeal, anchor: 'a' },
    };
    expect(() => yearTimetable(cycle, calendarRules, 2024, calendar)).toThrow('a → b → a');
  });
});
