// How the year is formed (methods.<id>.year), on model-2025's quarterly method with the
// rule varied in memory: which quarters count, and whether the quarters scored under an
// earlier methodology count in the year of a change (earlierMethodologies).
import { describe, expect, it } from 'vitest';
import { loadCalendar } from '../../src/calendar/index.js';
import { evaluate, type EvaluationInput, type MethodResult } from '../../src/engine/index.js';
import { loadResolved, type Methodology } from '../../src/methodology/index.js';

function load(id: string): Methodology {
  const loaded = loadResolved(id);
  if (!loaded.ok) throw new Error(`${id} does not load`);
  return loaded.methodology;
}

const calendar = loadCalendar();
const model2018 = load('model-2018');
const model2025 = load('model-2025');
const why = { quality: 'а', deadlines: 'б', independence: 'в', discipline: 'г' };
const scores = (n: number) => ({ quality: n, deadlines: n, independence: n, discipline: n });
const quarterly = (n: number) => ({
  quarterly: { sheets: ['directManager', 'unitHead'].map((role) => ({ role, scores: scores(n), justifications: why })) },
});
const differentiation = (n: number) => ({ differentiation: { scores: scores(n), justification: 'Негіздеме' } });

function withYear(year: Partial<NonNullable<Methodology['methods'][string]['year']>>): Methodology {
  const m = structuredClone(model2025);
  m.methods.quarterly.year = { ...m.methods.quarterly.year!, ...year };
  return m;
}

function yearOf(methodologies: Methodology[], year: number, quarters: object): MethodResult {
  const input = {
    year,
    people: [{ id: 'S1', name: 'Сынақ Адам', positionCategory: 'C-O-5', appointedOn: '2019-01-01', quarters }],
  } as unknown as EvaluationInput;
  const result = evaluate(methodologies, input, calendar).people[0].results.find((r) => r.period === 'year' && r.method === 'quarterly');
  if (!result) throw new Error('no yearly result');
  return result;
}

describe('methods.<id>.year', () => {
  const change = { Q1: differentiation(4), Q2: differentiation(5), Q3: quarterly(3), Q4: quarterly(2) };

  it('the year of a change: earlier quarters count by default', () => {
    const year = yearOf([model2018, model2025], 2025, change);
    expect(year.quarters?.map((q) => q.period)).toEqual(['Q1', 'Q2', 'Q3', 'Q4']);
    expect(year.score).toBe(3.5); // (4 + 5 + 3 + 2) / 4
  });

  it('the year of a change: earlierMethodologies: ignore keeps only the later methodology’s quarters', () => {
    const year = yearOf([model2018, withYear({ earlierMethodologies: 'ignore' })], 2025, change);
    expect(year.quarters?.map((q) => q.period)).toEqual(['Q3', 'Q4']);
    expect(year.score).toBe(2.5); // (3 + 2) / 2
  });

  it('quarters: only the quarters listed count', () => {
    const all = { Q1: quarterly(4), Q2: quarterly(4), Q3: quarterly(4), Q4: quarterly(1) };
    expect(yearOf([model2025], 2026, all).score).toBe(3.25);
    const year = yearOf([withYear({ quarters: ['Q1', 'Q2', 'Q3'] })], 2026, all);
    expect(year.quarters?.map((q) => q.period)).toEqual(['Q1', 'Q2', 'Q3']);
    expect(year.score).toBe(4);
  });
});
