// The engine as a whole: results explained, bad records isolated, repealed acts refused.
import { describe, expect, it } from 'vitest';
import { loadCalendar } from '../../src/calendar/index.js';
import { evaluate, type EvaluationInput, type MethodResult } from '../../src/engine/index.js';
import { loadResolved, type Methodology } from '../../src/methodology/index.js';

const calendar = loadCalendar();
function load(id: string): Methodology {
  const result = loadResolved(id);
  if (!result.ok) throw new Error(id);
  return result.methodology;
}
const almaty = load('almaty-akimat-2023');
const enbekshikazakh = load('enbekshikazakh-maslikhat-2023');
const scores = { quality: 4, deadlines: 4, independence: 4, discipline: 4 };
const servant = (id: string, appointedOn: string, extra: object = {}) => ({
  id,
  name: `Person ${id}`,
  positionCategory: 'C-O-5',
  appointedOn,
  quarters: { Q3: { differentiation: { scores, justification: 'жақсы' } } },
  ...extra,
});
const find = (results: MethodResult[], period: string, method: string) => results.find((r) => r.period === period && r.method === method)!;

describe('evaluate', () => {
  it('explains a decision with the rule, the facts and the clause', () => {
    const input: EvaluationInput = { methodology: 'almaty-akimat-2023', year: 2024, people: [servant('P1', '2024-09-01')] };
    const [person] = evaluate(almaty, input, calendar).people;
    const q3 = find(person.results, 'Q3', 'differentiation');
    expect(q3).toMatchObject({ status: 'evaluated', score: 4, band: 'effective' });
    expect(q3.eligibility?.facts.monthsInPostInPeriod).toBe(1);
    expect(q3.trace.map((t) => t.rule)).toEqual(['eligibility', 'parameters.score', 'bands']);
    expect(q3.trace.find((t) => t.rule === 'bands')?.clause).toBe('clause 8 of almaty-akimat-2023');
  });

  it("applies each body's minimum time in post: one month in Almaty, three in Enbekshikazakh", () => {
    const input: EvaluationInput = { methodology: 'x', year: 2023, people: [servant('P1', '2023-08-15')] };
    const inAlmaty = find(evaluate(almaty, input, calendar).people[0].results, 'Q3', 'differentiation');
    const inEnbekshikazakh = find(evaluate(enbekshikazakh, input, calendar).people[0].results, 'Q3', 'differentiation');
    expect(inAlmaty.status).toBe('evaluated');
    expect(inEnbekshikazakh).toMatchObject({
      status: 'notEvaluated',
      eligibility: { rule: 'shortTenure', clause: 'clause 5 of enbekshikazakh-maslikhat-2023' },
    });
  });

  it("keeps evaluating the others when one person's data is wrong", () => {
    const bad = servant('BAD', '2020-01-01', {
      quarters: { Q3: { differentiation: { scores: { ...scores, quality: 7 }, justification: 'x' } } },
    });
    const input: EvaluationInput = { methodology: 'x', year: 2024, people: [servant('A', '2020-01-01'), bad, servant('B', '2020-01-01')] };
    const people = evaluate(almaty, input, calendar).people;
    expect(people.map((p) => find(p.results, 'Q3', 'differentiation').status)).toEqual(['evaluated', 'error', 'evaluated']);
    const problem = find(people[1].results, 'Q3', 'differentiation').problems[0];
    expect(problem).toMatchObject({
      code: 'parameters.score-outside-scale',
      person: 'BAD',
      period: 'Q3',
      field: 'quarters.Q3.differentiation.scores.quality',
    });
    expect(problem.clause).toContain('clause 32');
    expect(problem.hint).toBeTruthy();
  });

  it('refuses periods in which the methodology is not in force, unless told otherwise', () => {
    const input: EvaluationInput = {
      methodology: 'x',
      year: 2023,
      people: [
        {
          ...servant('P1', '2020-01-01'),
          quarters: { Q3: { differentiation: { scores, justification: 'x' } }, Q4: { differentiation: { scores, justification: 'x' } } },
        },
      ],
    };
    const refused = evaluate(enbekshikazakh, input, calendar);
    expect(refused.problems.map((p) => [p.code, p.period])).toEqual([
      ['methodology.not-in-force', 'Q4'],
      ['methodology.not-in-force', 'year'],
    ]);
    expect(find(refused.people[0].results, 'Q3', 'differentiation').status).toBe('evaluated');
    expect(find(refused.people[0].results, 'Q4', 'differentiation').status).toBe('refused');
    const allowed = evaluate(enbekshikazakh, input, calendar, { allowOutOfForce: true });
    expect(allowed.problems).toEqual([]);
    expect(find(allowed.people[0].results, 'Q4', 'differentiation').status).toBe('evaluated');
  });

  it('gives the same output for the same input', () => {
    const input: EvaluationInput = { methodology: 'x', year: 2024, people: [servant('A', '2020-01-01'), servant('B', '2024-09-20')] };
    expect(JSON.stringify(evaluate(almaty, input, calendar))).toBe(JSON.stringify(evaluate(almaty, input, calendar)));
  });

  it('counts the 360 without the self-assessment and keeps no respondent identity', () => {
    const answers = (answer: string) => ({ communication: { s1: answer, s2: answer, s3: answer } });
    const person = {
      ...servant('P1', '2020-01-01'),
      survey360: {
        responses: [
          { group: 'self', answers: answers('always') },
          { group: 'directManager', answers: answers('rarely') },
          { group: 'peer', answers: answers('halfTheTime') },
          { group: 'subordinate', answers: answers('mostOfTheTime') },
        ],
      },
    };
    const result = evaluate(almaty, { methodology: 'x', year: 2024, people: [person] }, calendar);
    const survey = find(result.people[0].results, 'year', 'survey360');
    expect(survey.respondents).toBe(3);
    expect(survey.competencies?.find((c) => c.id === 'communication')).toMatchObject({ answers: 9, average: 3 });
    const text = JSON.stringify(result);
    for (const word of ['directManager', 'subordinate', '"peer"', '"self"']) expect(text).not.toContain(word);
  });

  it('defers the KPI evaluation of a head absent during the evaluation to five working days after return', () => {
    const head = {
      id: 'H',
      name: 'Head',
      positionCategory: 'D-3',
      appointedOn: '2020-01-01',
      absences: [{ kind: 'sickLeave', from: '2024-04-01', to: '2024-04-19' }],
      workPlan: { kpis: [1, 2, 3].map((n) => ({ id: `k${n}`, name: `KPI ${n}`, plan: { Q1: 10 } })) },
      quarters: { Q1: { kpi: { k1: { actual: 10, score: 5 }, k2: { actual: 10, score: 5 }, k3: { actual: 10, score: 5 } } } },
    };
    const q1 = find(evaluate(almaty, { methodology: 'x', year: 2024, people: [head] }, calendar).people[0].results, 'Q1', 'kpi');
    expect(q1).toMatchObject({ status: 'deferred', score: 5, eligibility: { rule: 'absentKpiDeferred' } });
    // Back on Monday 22 April 2024; five working days after it: Monday 29 April.
    expect(q1.deadlines[0]).toMatchObject({ id: 'deferredKpiEvaluation', date: '2024-04-29' });
  });
});

describe('methods in use', () => {
  it('does not apply a method outside the dates the methodology uses it (e.g. after a reform)', () => {
    const reformed: Methodology = {
      ...almaty,
      methods: { ...almaty.methods, differentiation: { ...almaty.methods.differentiation, until: '2024-06-30' } },
    };
    const person = {
      ...servant('P1', '2020-01-01'),
      quarters: { Q2: { differentiation: { scores, justification: 'x' } }, Q3: { differentiation: { scores, justification: 'x' } } },
    };
    const results = evaluate(reformed, { methodology: 'x', year: 2024, people: [person] }, calendar).people[0].results;
    expect(find(results, 'Q2', 'differentiation').status).toBe('evaluated');
    expect(find(results, 'Q3', 'differentiation')).toMatchObject({ status: 'notApplicable', trace: [{ rule: 'methods.inUse' }] });
  });
});
