import { describe, expect, it } from 'vitest';
import { decideCalibration } from '../../src/engine/calibration.js';
import type { Calibration } from '../../src/engine/input.generated.js';
import { loadResolved, type Methodology } from '../../src/methodology/index.js';

function load(id: string): Methodology {
  const result = loadResolved(id);
  if (!result.ok) throw new Error(id);
  return result.methodology;
}
const almaty = load('almaty-akimat-2023');
const members = (...proposals: number[]) =>
  proposals.map((proposal, i) => ({ name: `Member ${i + 1}`, proposal })) as Calibration['members'];
const caseOf = (...proposals: number[]): Calibration => ({
  period: 'Q2',
  method: 'differentiation',
  appliedOn: '2024-07-15',
  members: members(...proposals),
});

describe('calibration', () => {
  it('adopts a proposal backed by more than half of the members, upwards or downwards', () => {
    expect(decideCalibration(almaty, 'P', caseOf(4.2, 4.2, 3.5), 3.5)).toMatchObject({
      decidedBy: 'majority',
      finalScore: 4.2,
      direction: 'up',
    });
    expect(decideCalibration(almaty, 'P', caseOf(2.8, 2.8, 2.8, 3.5, 3.5), 3.5)).toMatchObject({
      decidedBy: 'majority',
      finalScore: 2.8,
      direction: 'down',
    });
  });

  it('keeps the contested score on a tie (evaluatorScoreStands, a setting where the texts are silent)', () => {
    const decision = decideCalibration(almaty, 'P', caseOf(4.2, 4.2, 3.5, 3.5), 3.5);
    expect(decision).toMatchObject({ decidedBy: 'tieRule', tieRule: 'evaluatorScoreStands', finalScore: 3.5, direction: 'unchanged' });
    expect(decision.trace[0].clause).toContain('setting');
  });

  it('does not count half the members as a majority', () => {
    expect(decideCalibration(almaty, 'P', caseOf(4, 4, 3, 2), 3).decidedBy).toBe('tieRule');
  });

  it('applies another tie rule when a body chooses one', () => {
    const chair: Methodology = {
      ...almaty,
      calibration: { ...almaty.calibration, tie: { rule: 'chairDecides', basis: { clause: '41' } } },
    };
    const c = { ...caseOf(4.5, 3), chair: 'Member 1' };
    expect(decideCalibration(chair, 'P', c, 3).finalScore).toBe(4.5);
    const lower: Methodology = { ...almaty, calibration: { ...almaty.calibration, tie: { rule: 'lowerScore', basis: { clause: '41' } } } };
    expect(decideCalibration(lower, 'P', caseOf(4.5, 3), 4).finalScore).toBe(3);
  });

  it('refuses a correction in a direction the methodology does not allow', () => {
    const upOnly: Methodology = {
      ...almaty,
      calibration: { ...almaty.calibration, corrections: { directions: ['up'], basis: { clause: '42' } } },
    };
    const decision = decideCalibration(upOnly, 'P', caseOf(2, 2, 2), 3);
    expect(decision.finalScore).toBe(3);
    expect(decision.problems.map((p) => p.code)).toEqual(['calibration.direction-not-allowed']);
  });
});
