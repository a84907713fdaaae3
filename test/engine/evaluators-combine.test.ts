// How the sheets of several evaluators make one score (methods.<id>.evaluators.combine),
// on model-2025's quarterly method with the combine rule varied in memory.
import { describe, expect, it } from 'vitest';
import { loadCalendar } from '../../src/calendar/index.js';
import { evaluate, type EvaluationInput, type MethodResult } from '../../src/engine/index.js';
import { loadResolved, type Methodology } from '../../src/methodology/index.js';

const loaded = loadResolved('model-2025');
if (!loaded.ok) throw new Error('model-2025 does not load');
const calendar = loadCalendar();
const why = { quality: 'а', deadlines: 'б', independence: 'в', discipline: 'г' };
const sheet = (role: string, score: number, evaluatedOn: string) => ({
  role,
  evaluatedOn,
  scores: { quality: score, deadlines: score, independence: score, discipline: score },
  justifications: why,
});

function withCombine(combine: 'mean' | 'finalRole' | 'jointSheet'): Methodology {
  const m = structuredClone(loaded.ok ? loaded.methodology : undefined)!;
  m.methods.quarterly.evaluators = {
    ...m.methods.quarterly.evaluators!,
    combine,
    ...(combine === 'finalRole' ? { finalRole: 'unitHead' } : {}),
  };
  return m;
}

function q1(methodology: Methodology, sheets: object[]): MethodResult {
  const input = {
    methodology: methodology.id,
    year: 2026,
    quarters: ['Q1'],
    people: [
      { id: 'S1', name: 'Сынақ Адам', positionCategory: 'C-O-5', appointedOn: '2020-01-01', quarters: { Q1: { quarterly: { sheets } } } },
    ],
  } as unknown as EvaluationInput;
  return evaluate(methodology, input, calendar).people[0].results.find((r) => r.period === 'Q1')!;
}

describe('evaluators.combine', () => {
  it('mean: the mean of the two sheets', () => {
    const r = q1(withCombine('mean'), [sheet('directManager', 5, '2026-04-10'), sheet('unitHead', 3, '2026-04-15')]);
    expect(r).toMatchObject({ status: 'evaluated', score: 4, combined: 'mean' });
    expect(r.sheets?.map((s) => s.score)).toEqual([5, 3]);
  });

  it("finalRole: the head's score stands; a head scoring before the manager is a warning", () => {
    const r = q1(withCombine('finalRole'), [sheet('directManager', 5, '2026-04-16'), sheet('unitHead', 3, '2026-04-15')]);
    expect(r).toMatchObject({ status: 'evaluated', score: 3, combined: 'finalRole' });
    expect(r.problems.map((p) => [p.code, p.severity])).toEqual([['parameters.final-before-others', 'warning']]);
  });

  it('jointSheet: one sheet for both; two sheets are an error', () => {
    expect(q1(withCombine('jointSheet'), [sheet('unitHead', 4, '2026-04-15')])).toMatchObject({ status: 'evaluated', score: 4 });
    const two = q1(withCombine('jointSheet'), [sheet('directManager', 5, '2026-04-10'), sheet('unitHead', 3, '2026-04-15')]);
    expect(two.status).toBe('error');
    expect(two.problems.map((p) => p.code)).toContain('parameters.joint-sheet-repeated');
  });

  it('a sheet from a role that is not an evaluator is located', () => {
    const r = q1(withCombine('mean'), [sheet('directManager', 5, '2026-04-10'), sheet('hrService', 3, '2026-04-15')]);
    expect(r.status).toBe('error');
    expect(r.problems.find((p) => p.code === 'parameters.unknown-evaluator')?.field).toBe('quarters.Q1.quarterly.sheets.1.role');
  });

  it('the evaluation ends with the last sheet: the deadline is checked against it', () => {
    const r = q1(withCombine('mean'), [sheet('directManager', 5, '2026-04-10'), sheet('unitHead', 3, '2026-04-21')]);
    expect(r.deadlines.find((d) => d.id === 'quarterlyEvaluation')).toMatchObject({ date: '2026-04-20', actual: '2026-04-21', late: true });
  });
});
