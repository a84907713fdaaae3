import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chooseBand } from '../../src/engine/bands.js';
import { roundTo } from '../../src/engine/numbers.js';
import { loadResolved, type Methodology } from '../../src/methodology/index.js';

function load(id: string): Methodology {
  const result = loadResolved(id);
  if (!result.ok) throw new Error(id);
  return result.methodology;
}

describe('bands', () => {
  for (const id of ['model-2018', 'almaty-akimat-2023', 'enbekshikazakh-maslikhat-2023']) {
    const methodology = load(id);
    it(`${id}: every score in [0, 5] gets exactly one band (property)`, () => {
      fc.assert(
        fc.property(fc.double({ min: 0, max: 5, noNaN: true }), (score) => {
          const chosen = chooseBand(methodology, score);
          const rounded = chosen.score;
          const matching = Object.values(methodology.bands.levels).filter((l) => l.min <= rounded + 1e-9 && rounded <= l.max + 1e-9);
          return chosen.band !== undefined && matching.length === 1;
        }),
        { numRuns: 2000 },
      );
    });
  }

  const almaty = load('almaty-akimat-2023');
  it('puts 3.99 in "proper" and 4.00 in "effective"', () => {
    expect(chooseBand(almaty, 3.99).band).toBe('proper');
    expect(chooseBand(almaty, 4).band).toBe('effective');
  });

  it('rounds 3.995 half up to 4.00 before choosing (clause 8 prints two decimals)', () => {
    expect(chooseBand(almaty, 3.995)).toMatchObject({ score: 4, band: 'effective' });
    expect(chooseBand(almaty, 3.994999)).toMatchObject({ score: 3.99, band: 'proper' });
  });

  it('gives the Kazakh label and the clause in the trace', () => {
    const chosen = chooseBand(almaty, 1.5);
    expect(chosen.bandLabel).toContain('қанағаттанарлықсыз');
    expect(chosen.trace.clause).toContain('clause 8 of almaty-akimat-2023');
  });

  it('rounds half up at any precision without binary drift (property)', () => {
    // (2n + 1) / 200 is exactly half-way between n/100 and (n+1)/100: it must round up.
    fc.assert(fc.property(fc.integer({ min: 0, max: 50000 }), (n) => roundTo((2 * n + 1) / 200, 2) === (n + 1) / 100));
    fc.assert(fc.property(fc.integer({ min: 0, max: 50000 }), (n) => roundTo(n / 100, 2) === n / 100));
    expect(roundTo(1.005, 2)).toBe(1.01);
    expect(roundTo(2.675, 2)).toBe(2.68);
  });
});
