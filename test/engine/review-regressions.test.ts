// Regressions found in review: each case once gave a wrong result without a word.
import { describe, expect, it } from 'vitest';
import { loadCalendar } from '../../src/calendar/index.js';
import { evaluate, type EvaluationInput, type MethodResult } from '../../src/engine/index.js';
import { loadResolved, type Methodology } from '../../src/methodology/index.js';

const calendar = loadCalendar();
const loaded = loadResolved('almaty-akimat-2023');
if (!loaded.ok) throw new Error('almaty');
const almaty: Methodology = loaded.methodology;
const scores = { quality: 3, deadlines: 3, independence: 3, discipline: 3 };
const run = (people: EvaluationInput['people']) => evaluate(almaty, { methodology: 'x', year: 2026, people }, calendar).people;
const find = (results: MethodResult[], period: string, method: string) => results.find((r) => r.period === period && r.method === method)!;
const members = (...proposals: number[]) =>
  proposals.map((proposal, i) => ({ name: `M${i}`, proposal })) as [{ name: string; proposal: number }];

describe('review regressions', () => {
  it('refuses a calibration proposal outside the score domain instead of applying it', () => {
    const [person] = run([
      {
        id: 'S',
        name: 'S',
        positionCategory: 'C-O-5',
        appointedOn: '2020-01-01',
        quarters: { Q1: { communicatedOn: '2026-04-10', differentiation: { scores, justification: 'x' } } },
        calibrations: [{ period: 'Q1', method: 'differentiation', appliedOn: '2026-04-14', members: members(7, 7, 3) }],
      },
    ]);
    const q1 = find(person.results, 'Q1', 'differentiation');
    expect(q1.score).toBe(3);
    expect(q1.problems.map((p) => [p.code, p.field])).toContainEqual([
      'calibration.proposal-outside-scale',
      'calibrations.0.members.0.proposal',
    ]);
  });

  it('does not count empty questionnaires as respondents', () => {
    const full = { communication: { s1: 'always', s2: 'always', s3: 'always' } };
    const [person] = run([
      {
        id: 'S',
        name: 'S',
        positionCategory: 'C-O-5',
        appointedOn: '2020-01-01',
        survey360: {
          responses: [
            { group: 'directManager', answers: full },
            { group: 'peer', answers: {} },
            { group: 'peer', answers: {} },
            { group: 'self', answers: full },
          ],
        },
      },
    ]);
    const survey = find(person.results, 'year', 'survey360');
    expect(survey).toMatchObject({ status: 'refused', respondents: 1 });
    expect(survey.problems.map((p) => p.code)).toEqual(expect.arrayContaining(['survey.empty-response', 'survey.too-few-respondents']));
  });

  it('counts the deferred KPI deadline from the end of back-to-back absences', () => {
    const kpis = [1, 2, 3].map((n) => ({ id: `k${n}`, name: `K${n}`, plan: { Q1: 10 } }));
    const [head] = run([
      {
        id: 'H',
        name: 'H',
        positionCategory: 'D-3',
        appointedOn: '2020-01-01',
        workPlan: { kpis },
        absences: [
          { kind: 'annualLeave', from: '2026-04-01', to: '2026-04-05' },
          { kind: 'sickLeave', from: '2026-04-06', to: '2026-04-30' },
        ],
        quarters: {
          Q1: {
            evaluatedOn: '2026-05-08',
            kpi: { k1: { actual: 10, score: 5 }, k2: { actual: 10, score: 5 }, k3: { actual: 10, score: 5 } },
          },
        },
      },
    ]);
    // Back on Monday 4 May 2026 (1 May is a holiday); 5 working days: 5, 6, 8, 11, 12 May (7 and 9 May are off).
    const q1 = find(head.results, 'Q1', 'kpi');
    expect(q1.deadlines[0].id).toBe('deferredKpiEvaluation');
    expect(q1.deadlines[0].late).toBe(false);
    expect(q1.deadlines[0].date > '2026-05-04').toBe(true);
  });

  it('reports KPI values of an unknown KPI and a quarter with nothing planned', () => {
    const kpis = [1, 2, 3].map((n) => ({ id: `k${n}`, name: `K${n}`, plan: { Q1: 10 } }));
    const [head] = run([
      {
        id: 'H',
        name: 'H',
        positionCategory: 'D-3',
        appointedOn: '2020-01-01',
        workPlan: { kpis },
        quarters: {
          Q1: {
            kpi: { k1: { actual: 10, score: 5 }, k2: { actual: 10, score: 5 }, k3: { actual: 10, score: 5 }, k9: { actual: 1, score: 5 } },
          },
          Q2: { kpi: { k1: { actual: 10, score: 5 } } },
        },
      },
    ]);
    expect(find(head.results, 'Q1', 'kpi').problems.map((p) => p.code)).toContain('kpi.unknown-kpi');
    expect(find(head.results, 'Q2', 'kpi').problems.map((p) => p.code)).toEqual(expect.arrayContaining(['kpi.nothing-planned']));
  });

  it('does not apply a calibration applied for after the appeal term, unless admitted', () => {
    const person = (admittedLate?: boolean) => ({
      id: 'S',
      name: 'S',
      positionCategory: 'C-O-5',
      appointedOn: '2020-01-01',
      quarters: { Q1: { communicatedOn: '2026-04-07', differentiation: { scores, justification: 'x' } } },
      calibrations: [
        {
          period: 'Q1' as const,
          method: 'differentiation' as const,
          appliedOn: '2026-09-30',
          ...(admittedLate ? { admittedLate } : {}),
          members: members(4.5, 4.5, 3),
        },
      ],
    });
    const late = find(run([person()])[0].results, 'Q1', 'differentiation');
    expect(late.score).toBe(3);
    expect(late.problems.map((p) => p.code)).toContain('calibration.appeal-late');
    expect(find(run([person(true)])[0].results, 'Q1', 'differentiation').score).toBe(4.5);
  });

  it("keeps a person's results when one date is outside the calendar", () => {
    const [person] = run([
      {
        id: 'S',
        name: 'S',
        positionCategory: 'C-O-5',
        appointedOn: '2020-01-01',
        quarters: { Q1: { evaluatedOn: '2062-04-07', differentiation: { scores, justification: 'x' } } },
      },
    ]);
    const q1 = find(person.results, 'Q1', 'differentiation');
    expect(q1).toMatchObject({ status: 'evaluated', score: 3 });
    expect(q1.problems.map((p) => p.code)).toContain('date.outside-calendar');
  });
});
