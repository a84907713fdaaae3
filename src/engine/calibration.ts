// Calibration (clauses 38–43): the members' proposals are counted; a proposal backed by
// more than half of the members becomes the final score; otherwise the methodology's
// tie rule decides. Corrections go only in the directions the methodology allows.
import { describeBasis } from '../methodology/clause.js';
import { orList, t } from '../i18n/index.js';
import type { Methodology } from '../methodology/types.generated.js';
import type { Calibration } from './input.generated.js';
import { roundTo } from './numbers.js';
import { problem } from './problems.js';
import type { Problem, TraceStep } from './types.js';

export interface CalibrationDecision {
  votes: { score: number; count: number }[];
  decidedBy: 'majority' | 'tieRule';
  tieRule?: string;
  finalScore: number;
  direction: 'up' | 'down' | 'unchanged';
  problems: Problem[];
  trace: TraceStep[];
}

export function decideCalibration(
  methodology: Methodology,
  personId: string,
  calibrationCase: Calibration,
  contestedScore: number,
  field = 'calibrations',
): CalibrationDecision {
  const { calibration, scores } = methodology;
  const place = { person: personId, period: calibrationCase.period, method: calibrationCase.method };
  const tally = new Map<number, number>();
  const outside = calibrationCase.members.findIndex((m) => m.proposal < scores.min || m.proposal > scores.max);
  if (outside >= 0) {
    const member = calibrationCase.members[outside];
    return {
      votes: [],
      decidedBy: 'tieRule',
      finalScore: contestedScore,
      direction: 'unchanged',
      trace: [],
      problems: [
        problem(
          'calibration.proposal-outside-scale',
          t('calibration.proposal-outside-scale', {
            member: member.name,
            proposal: String(member.proposal),
            min: String(scores.min),
            max: String(scores.max),
          }),
          t('calibration.proposal-outside-scale.hint', { min: String(scores.min), max: String(scores.max) }),
          { ...place, field: `${field}.members.${outside}.proposal`, clause: describeBasis(scores.basis) },
        ),
      ],
    };
  }
  for (const member of calibrationCase.members) {
    const proposal = roundTo(member.proposal, scores.precision, scores.rounding);
    tally.set(proposal, (tally.get(proposal) ?? 0) + 1);
  }
  const votes = [...tally].map(([score, count]) => ({ score, count })).sort((a, b) => b.count - a.count || a.score - b.score);
  const members = calibrationCase.members.length;
  const majority = votes.find((v) => v.count * 2 > members);
  const trace: TraceStep[] = [];
  const problems: Problem[] = [];
  let finalScore: number;
  let decidedBy: CalibrationDecision['decidedBy'];
  if (majority) {
    finalScore = majority.score;
    decidedBy = 'majority';
    trace.push({
      rule: 'calibration.majority',
      clause: describeBasis(calibration.voting.basis),
      inputs: { members, votes },
      result: finalScore,
      note: `${majority.count} of ${members} members`,
    });
  } else {
    decidedBy = 'tieRule';
    const topCount = votes[0]?.count ?? 0;
    const tied = votes.filter((v) => v.count === topCount).map((v) => v.score);
    const chairProposal = calibrationCase.chair
      ? calibrationCase.members.find((m) => m.name === calibrationCase.chair)?.proposal
      : undefined;
    switch (calibration.tie.rule) {
      case 'evaluatorScoreStands':
        finalScore = contestedScore;
        break;
      case 'lowerScore':
        finalScore = Math.min(...tied);
        break;
      case 'higherScore':
        finalScore = Math.max(...tied);
        break;
      case 'chairDecides':
        if (chairProposal === undefined) {
          problems.push(
            problem('calibration.no-chair', t('calibration.no-chair'), t('calibration.no-chair.hint'), {
              ...place,
              field: `${field}.chair`,
              clause: describeBasis(calibration.tie.basis),
            }),
          );
          finalScore = contestedScore;
        } else finalScore = roundTo(chairProposal, scores.precision, scores.rounding);
        break;
    }
    trace.push({
      rule: `calibration.tie.${calibration.tie.rule}`,
      clause: describeBasis(calibration.tie.basis),
      inputs: { members, votes, contestedScore },
      result: finalScore,
      note: 'no proposal has more than half of the votes',
    });
  }
  const contested = roundTo(contestedScore, scores.precision, scores.rounding);
  const direction = finalScore > contested ? 'up' : finalScore < contested ? 'down' : 'unchanged';
  if (direction !== 'unchanged' && !calibration.corrections.directions.includes(direction)) {
    problems.push(
      problem(
        'calibration.direction-not-allowed',
        t('calibration.direction-not-allowed', {
          direction: directionWords()[direction],
          contested: String(contested),
          final: String(finalScore),
        }),
        t('calibration.direction-not-allowed.hint', {
          directions: orList(calibration.corrections.directions.map((d) => directionWords()[d])),
        }),
        { ...place, field, clause: describeBasis(calibration.corrections.basis) },
      ),
    );
    finalScore = contested;
  }
  return {
    votes,
    decidedBy,
    tieRule: decidedBy === 'tieRule' ? calibration.tie.rule : undefined,
    finalScore,
    direction: finalScore > contested ? 'up' : finalScore < contested ? 'down' : 'unchanged',
    problems,
    trace,
  };
}

/** The directions of a correction, in words. */
const directionWords = (): Record<'up' | 'down', string> => ({ up: t('calibration.direction.up'), down: t('calibration.direction.down') });
