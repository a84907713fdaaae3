// The facts eligibility conditions are written over (schemas/methodology.schema.json
// $defs/fact), computed for one person, period and method.
import type { Person } from './input.generated.js';
import type { EngineContext } from './context.js';
import { addDays, maxDate, minDate, overlaps, wholeMonths, yearPeriod, type Period } from './dates.js';
import type { Method } from './types.js';

export interface FactInputs {
  person: Person;
  category: string;
  year: number;
  period: Period;
  method: Method;
  /** The evaluation deadline of the period (clause 5). */
  evaluationDeadline: string;
  /** The day after the period ends (computed once per period by the caller). */
  evaluationWindowStart?: string;
  unitSize?: number;
}

export function computeFacts(context: EngineContext, inputs: FactInputs): Record<string, unknown> {
  const { person, period, year } = inputs;
  const eligibility = context.methodology.eligibility;
  const inPostFrom = maxDate(person.appointedOn, period.start);
  const inPostTo = minDate(person.leftOn ?? period.end, period.end);
  const workPlanYear = yearPeriod(year);
  const evaluationWindow: Period = { start: inputs.evaluationWindowStart ?? addDays(period.end, 1), end: inputs.evaluationDeadline };
  const absence = (person.absences ?? []).find(
    (a) => context.absenceKinds.has(a.kind) && overlaps({ start: a.from, end: a.to }, evaluationWindow),
  );
  // The methodology is a fact too (conditions compare with its values), but it is not a
  // fact about the person: it is inherited from a shared prototype, so it is neither
  // copied per person nor written into the results (JSON keeps own properties only).
  const facts = Object.create(context.methodologyFact) as Record<string, unknown>;
  facts.monthsInPostInPeriod = wholeMonths(inPostFrom, inPostTo, eligibility.minimumTimeInPost.counting);
  facts.monthsFromAppointmentToPeriodEnd = wholeMonths(
    maxDate(person.appointedOn, workPlanYear.start),
    workPlanYear.end,
    (eligibility.kpiMinimumRemaining ?? eligibility.minimumTimeInPost).counting,
  );
  facts.appointedDuringPeriod = person.appointedOn > workPlanYear.start;
  facts.absentDuringEvaluation = absence !== undefined;
  facts.absenceKind = absence?.kind ?? null;
  facts.dismissedBeforeDeadline = person.leftOn !== undefined && person.leftOn <= inputs.evaluationDeadline;
  facts.category = inputs.category;
  facts.positionCategory = person.positionCategory;
  facts.method = inputs.method;
  facts.unitSize = inputs.unitSize ?? null;
  return facts;
}

/** The absence that makes the person absent during the evaluation, if any (for the deferred deadline). */
export function absenceDuringEvaluation(context: EngineContext, person: Person, period: Period, evaluationDeadline: string) {
  const window: Period = { start: addDays(period.end, 1), end: evaluationDeadline };
  return (person.absences ?? []).find((a) => context.absenceKinds.has(a.kind) && overlaps({ start: a.from, end: a.to }, window));
}
