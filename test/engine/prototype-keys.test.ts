// Property: a name every object has (constructor, toString, __proto__…) placed at any
// position of submitted data keyed by the person's own words gives a located problem or
// leaves the figures as they were; it never reads an inherited member.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadCalendar } from '../../src/calendar/index.js';
import { evaluate, type EvaluationInput, type PersonResult } from '../../src/engine/index.js';
import { loadResolved } from '../../src/methodology/index.js';

const loaded = loadResolved('almaty-akimat-2023');
if (!loaded.ok) throw new Error('almaty does not load');
const methodology = loaded.methodology;
const calendar = loadCalendar();
const inherited = Object.getOwnPropertyNames(Object.prototype);

const survey = methodology.methods.survey360.survey!;
const competencies = survey.questionnaires.servants.competencies;
const answers = (answer: string) =>
  Object.fromEntries(
    Object.entries(competencies).map(([c, competency]) => [
      c,
      Object.fromEntries(Object.keys(competency.indicators).map((s) => [s, answer])),
    ]),
  );

function person(): Record<string, any> {
  return {
    id: 'S1',
    name: 'Сынақ Адам',
    positionCategory: 'C-O-5',
    appointedOn: '2020-01-01',
    unit: 'u1',
    quarters: {
      Q1: { differentiation: { scores: { quality: 4, deadlines: 4, independence: 5, discipline: 4 }, justification: 'Негіздеме' } },
    },
    survey360: {
      responses: ['directManager', 'peer', 'peer', 'subordinate'].map((group) => ({ group, answers: answers('mostOfTheTime') })),
    },
  };
}

/** The places where submitted words are looked up: each puts `name` there. */
const places: Record<string, (p: Record<string, any>, name: string) => void> = {
  'a parameter': (p, name) => {
    p.quarters.Q1.differentiation.scores[name] = 5;
  },
  'a method of the quarter': (p, name) => {
    p.quarters.Q1[name] = { scores: { quality: 1 } };
  },
  'a respondent group': (p, name) => {
    p.survey360.responses[0].group = name;
  },
  'a competency': (p, name) => {
    p.survey360.responses[1].answers[name] = { s1: 'always' };
  },
  'a statement': (p, name) => {
    p.survey360.responses[1].answers[Object.keys(competencies)[0]][name] = 'always';
  },
  'an answer': (p, name) => {
    p.survey360.responses[2].answers[Object.keys(competencies)[0]][Object.keys(Object.values(competencies)[0].indicators)[0]] = name;
  },
  'a unit': (p, name) => {
    p.unit = name;
  },
  'an absence kind': (p, name) => {
    p.absences = [{ kind: name, from: '2024-04-01', to: '2024-04-05' }];
  },
};

function run(p: Record<string, any>): PersonResult {
  const input = {
    methodology: methodology.id,
    year: 2024,
    quarters: ['Q1'],
    units: { u1: { name: 'Бөлім', corpsBServants: 10 } },
    people: [p],
  } as unknown as EvaluationInput;
  return evaluate(methodology, input, calendar).people[0];
}

const figures = (r: PersonResult) => r.results.map((x) => `${x.period} ${x.method} ${x.status} ${x.score ?? ''}`);
const baseline = run(person());

describe('names every object has, in submitted data', () => {
  it('the baseline person is evaluated without problems', () => {
    expect(baseline.results.every((r) => r.problems.every((p) => p.severity !== 'error'))).toBe(true);
  });

  it('give a located problem or unchanged figures, wherever they are written', () => {
    fc.assert(
      fc.property(fc.constantFrom(...inherited), fc.constantFrom(...Object.keys(places)), (name, place) => {
        const p = person();
        places[place](p, name);
        const result = run(p);
        const problems = [...result.problems, ...result.results.flatMap((r) => r.problems)];
        const located = problems.some((x) => x.field !== undefined && x.code !== 'internal');
        expect(
          problems.some((x) => x.code === 'internal'),
          `${place} = ${name}`,
        ).toBe(false);
        expect(
          located || JSON.stringify(figures(result)) === JSON.stringify(figures(baseline)),
          `${place} = ${name}: ${JSON.stringify(figures(result))}`,
        ).toBe(true);
        expect(result.results.some((r) => r.score !== undefined && Number.isNaN(r.score))).toBe(false);
      }),
      { numRuns: 300 },
    );
  });
});
