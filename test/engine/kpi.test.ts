import { describe, expect, it } from 'vitest';
import { findRow, percentAchieved } from '../../src/engine/methods/kpi.js';
import { loadResolved, type Methodology } from '../../src/methodology/index.js';

const result = loadResolved('almaty-akimat-2023');
if (!result.ok) throw new Error('almaty does not load');
const almaty: Methodology = result.methodology;
const kpi = almaty.methods.kpi.kpi!;
const table = kpi.scoreTable;
const rowOf = (percent: number) => {
  const found = findRow(table, percent);
  return 'row' in found ? found.row.printed : undefined;
};

describe('KPI percentage and the annex 3 table', () => {
  it('computes actual ÷ plan, and plan ÷ actual when lower is better', () => {
    expect(percentAchieved(kpi, 50, 47.5, false)).toBe(95);
    expect(percentAchieved(kpi, 10, 12.5, true)).toBe(80);
    expect(percentAchieved(kpi, 3, 0, true)).toBe(100); // nothing of what should be low: "100 and above"
    expect(percentAchieved(kpi, 0, 5, false)).toBeUndefined();
    expect(percentAchieved(kpi, 3, 2, false)).toBe(66.67);
  });

  it('finds the row of each percentage, including 100 and above', () => {
    expect(rowOf(100)).toBe('100 және одан жоғары | 5');
    expect(rowOf(250)).toBe('100 және одан жоғары | 5');
    expect(rowOf(1e9)).toBe('100 және одан жоғары | 5');
    expect(rowOf(99.99)).toBe('95–99,99 | 4,75–4,99');
    expect(rowOf(95)).toBe('95–99,99 | 4,75–4,99');
    expect(rowOf(44.49)).toBe('40–44,49 | 2–2,24');
    expect(rowOf(0)).toBe('0–4,99 | 0–0,24');
  });

  it('names the neighbouring rows of a percentage in the printed gap 44.50–44.99', () => {
    for (const percent of [44.5, 44.75, 44.99]) {
      const found = findRow(table, percent);
      expect('row' in found).toBe(false);
      if (!('row' in found)) {
        expect(found.below?.printed).toBe('40–44,49 | 2–2,24');
        expect(found.above?.printed).toBe('45–49,99 | 2,25–2,49');
      }
    }
  });
});
