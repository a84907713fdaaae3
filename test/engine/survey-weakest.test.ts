// The weakest competencies of a 360 (clause 37) and the methodology's rule for equal averages
// at the cut (survey.weakest.ties): annexes 7 and 8 mark every one of them.
import { describe, expect, it } from 'vitest';
import { weakestCompetencies } from '../../src/engine/methods/survey.js';
import { loadResolved } from '../../src/methodology/index.js';

const line = (id: string, average: number) => ({ id, title: id, answers: 9, average });
// H04 of the example: rows 5, 6 and 11 are all 3,89, row 10 is the lowest.
const averages = [line('c1', 4.22), line('c5', 3.89), line('c6', 3.89), line('c10', 3.56), line('c11', 3.89), line('c12', 4)];
const order = ['c1', 'c5', 'c6', 'c10', 'c11', 'c12'];

describe('weakest competencies', () => {
  it('includeAll: every average equal to the last one taken is taken too', () => {
    expect(weakestCompetencies(averages, order, { count: 3, ties: 'includeAll' })).toEqual(['c10', 'c5', 'c6', 'c11']);
  });

  it('questionnaireOrder: exactly count, the first in the questionnaire among equals', () => {
    expect(weakestCompetencies(averages, order, { count: 3, ties: 'questionnaireOrder' })).toEqual(['c10', 'c5', 'c6']);
  });

  it('no tie at the cut: exactly count with either rule', () => {
    const distinct = [line('a', 3), line('b', 3.5), line('c', 3.7), line('d', 3.9)];
    expect(weakestCompetencies(distinct, ['a', 'b', 'c', 'd'], { count: 3, ties: 'includeAll' })).toEqual(['a', 'b', 'c']);
  });

  it('the 2018 model states its rule (includeAll) with a basis, and its bodies inherit it', () => {
    for (const id of ['model-2018', 'almaty-akimat-2023', 'enbekshikazakh-maslikhat-2023']) {
      const loaded = loadResolved(id);
      if (!loaded.ok) throw new Error(id);
      const survey = Object.values(loaded.methodology.methods).find((m) => m.kind === 'survey')!.survey!;
      expect(survey.weakest.ties, id).toBe('includeAll');
      expect(survey.weakest.basis.note, id).toMatch(/equal/);
      // the act grades no 360 result: no band is given to it
      expect(survey.result.band, id).toBe('none');
    }
  });
});
