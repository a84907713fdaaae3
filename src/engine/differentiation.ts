// Differentiation method (clauses 29–33, annex 4): the four parameters scored on the
// scale, with a justification; the score is their mean.
import { describeBasis } from '../methodology/clause.js';
import type { Methodology } from '../methodology/types.generated.js';
import type { Person, QuarterData } from './input.generated.js';
import { mean } from './numbers.js';
import { problem } from './problems.js';
import type { ParameterLine, Problem, QuarterId, TraceStep } from './types.js';

export interface DifferentiationOutcome {
  score?: number;
  parameters: ParameterLine[];
  justification?: string;
  problems: Problem[];
  trace: TraceStep[];
}

export function evaluateDifferentiationQuarter(methodology: Methodology, person: Person, quarter: QuarterData['differentiation'] & object, period: QuarterId): DifferentiationOutcome {
  const { differentiation } = methodology;
  const place = { person: person.id, period, method: 'differentiation' as const };
  const problems: Problem[] = [];
  const parameters: ParameterLine[] = [];
  const field = `quarters.${period}.differentiation`;
  for (const [id, parameter] of Object.entries(differentiation.parameters)) {
    const score = quarter.scores[id];
    if (score === undefined) {
      problems.push(problem('differentiation.missing-parameter', `no score for the parameter "${parameter.title.kk}" (${id})`,
        `add ${field}.scores.${id}`, { ...place, field: `${field}.scores`, clause: describeBasis(differentiation.basis) }));
      continue;
    }
    if (score < differentiation.scale.min || score > differentiation.scale.max) {
      problems.push(problem('differentiation.score-outside-scale', `the score ${score} for "${parameter.title.kk}" is outside the scale ${differentiation.scale.min}–${differentiation.scale.max}`,
        `score between ${differentiation.scale.min} and ${differentiation.scale.max}`, { ...place, field: `${field}.scores.${id}`, clause: describeBasis(differentiation.scale.basis) }));
      continue;
    }
    parameters.push({ id, title: parameter.title.kk, score });
  }
  for (const id of Object.keys(quarter.scores)) {
    if (!(id in differentiation.parameters)) {
      problems.push(problem('differentiation.unknown-parameter', `"${id}" is not a parameter of this methodology`,
        `use the parameters ${Object.keys(differentiation.parameters).join(', ')}`, { ...place, field: `${field}.scores.${id}`, clause: describeBasis(differentiation.basis) }));
    }
  }
  if (differentiation.justification.required && !quarter.justification?.trim()) {
    problems.push(problem('differentiation.justification-missing', 'the score has no justification', `write the justification in ${field}.justification`,
      { ...place, field: `${field}.justification`, clause: describeBasis(differentiation.justification.basis) }));
  }
  if (problems.length > 0) return { parameters, justification: quarter.justification, problems, trace: [] };
  const score = mean(parameters.map((p) => p.score));
  return {
    score, parameters, justification: quarter.justification, problems,
    trace: [{ rule: 'differentiation.score', clause: describeBasis(differentiation.aggregation.basis), inputs: { parameters }, result: score, note: 'sum of the parameter scores divided by their number' }],
  };
}
