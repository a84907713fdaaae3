// The engine's entry point: a methodology, the data a body submitted for a year, and
// the working-day calendar in; results out. Pure: no files, no clock. One person's bad
// data is reported for that person and never stops the others.
import { CalendarCoverageError, type WorkingCalendar } from '../calendar/index.js';
import { describeBasis } from '../methodology/clause.js';
import type { Methodology } from '../methodology/types.generated.js';
import { chooseBand } from './bands.js';
import { decideCalibration } from './calibration.js';
import { buildContext, type EngineContext } from './context.js';
import { addDays, quarterPeriod, quarters, yearPeriod, type Period } from './dates.js';
import { deadlineDate, deadlineResult } from './deadlines.js';
import { evaluateDifferentiationQuarter } from './differentiation.js';
import { decideEligibility } from './eligibility.js';
import { absenceDuringEvaluation, computeFacts } from './facts.js';
import type { EvaluationInput, Person } from './input.generated.js';
import { evaluateKpiQuarter } from './kpi.js';
import { mean } from './numbers.js';
import { problem } from './problems.js';
import { evaluateSurvey } from './survey360.js';
import type { DeadlineResult, EvaluationResult, Method, MethodResult, PeriodId, PersonResult, Problem, QuarterId } from './types.js';

export interface EvaluateOptions {
  /** Evaluate periods in which the methodology is not in force (it is refused otherwise). */
  allowOutOfForce?: boolean;
}

/** The deadline ids the engine attaches to results; each must be declared by the methodology. */
const EVALUATION_DEADLINE = { quarter: 'quarterlyEvaluation', year: 'annual360' } as const;
const APPEAL = 'appeal', CALIBRATION_DECISION = 'calibrationDecision', CALIBRATION_SESSION = 'calibrationSession', PROTOCOL_POSTING = 'protocolPosting';

interface PeriodPlan {
  id: PeriodId;
  period: Period;
  evaluationDeadline: string;
  /** The day after the period: the evaluation window runs from it to the deadline. */
  windowStart: string;
  refused: boolean;
}

export function inForceOn(methodology: Methodology, date: string): boolean {
  if (date < methodology.inForce.from) return false;
  if (methodology.inForce.until && date > methodology.inForce.until) return false;
  if (methodology.repealedBy && date >= methodology.repealedBy.effectiveFrom) return false;
  return true;
}

export function evaluate(methodology: Methodology, input: EvaluationInput, calendar: WorkingCalendar, options: EvaluateOptions = {}): EvaluationResult {
  const context = buildContext(methodology, calendar);
  return evaluateWithContext(context, input, options);
}

export function evaluateWithContext(context: EngineContext, input: EvaluationInput, options: EvaluateOptions = {}): EvaluationResult {
  const { methodology } = context;
  const result: EvaluationResult = { methodology: { id: methodology.id, title: methodology.title.kk }, body: input.body, year: input.year, people: [], problems: [] };
  const quarterIds = (input.quarters as QuarterId[] | undefined) ?? quarters.filter((q) => input.people.some((p) => p.quarters?.[q]));
  const wants360 = input.people.some((p) => p.survey360);
  const plans: PeriodPlan[] = [];
  try {
    for (const id of quarterIds) {
      const period = quarterPeriod(input.year, id);
      plans.push({ id, period, evaluationDeadline: deadlineDate(context, EVALUATION_DEADLINE.quarter, period.end)!.date, windowStart: addDays(period.end, 1), refused: false });
    }
    const year = yearPeriod(input.year);
    plans.push({ id: 'year', period: year, evaluationDeadline: deadlineDate(context, EVALUATION_DEADLINE.year, year.end)!.date, windowStart: addDays(year.end, 1), refused: false });
  } catch (error) {
    if (!(error instanceof CalendarCoverageError)) throw error;
    result.problems.push(problem('calendar.not-covered', error.message, 'add the year to the working-day calendar (calendars/kz.yaml), or evaluate a year it covers', {}));
    return result;
  }
  for (const plan of plans) {
    if (inForceOn(methodology, plan.period.end) || options.allowOutOfForce) continue;
    if (plan.id === 'year' && !wants360 && quarterIds.length === 0) continue;
    plan.refused = true;
    const end = methodology.repealedBy?.effectiveFrom ?? methodology.inForce.until;
    result.problems.push(problem('methodology.not-in-force',
      `${methodology.id} is not in force on ${plan.period.end}, the last day of ${plan.id === 'year' ? `the year ${input.year}` : `${plan.id} ${input.year}`} (in force from ${methodology.inForce.from}${end ? `; no longer from ${end}` : ''}); this period is not evaluated`,
      'evaluate the period under the methodology that was in force then, or pass --allow-out-of-force to evaluate it anyway', { period: plan.id }));
  }
  for (const person of input.people) {
    try {
      result.people.push(evaluatePerson(context, input, person, plans, wants360));
    } catch (error) {
      // A defect of bagalau must not cost the others their results.
      result.people.push({ id: person.id, name: person.name, positionCategory: person.positionCategory, results: [], problems: [problem('internal', `bagalau could not evaluate this person: ${(error as Error).message}`, 'report this to the bagalau maintainers with the input', { person: person.id })] });
    }
  }
  return result;
}

function evaluatePerson(context: EngineContext, input: EvaluationInput, person: Person, plans: PeriodPlan[], wants360: boolean): PersonResult {
  const { methodology } = context;
  const categoryId = context.categoryOfPosition.get(person.positionCategory) ?? context.catchAllCategory;
  const out: PersonResult = { id: person.id, name: person.name, position: person.position, positionCategory: person.positionCategory, unit: person.unit, results: [], problems: [] };
  if (!categoryId) {
    out.problems.push(problem('category.unknown-position', `position category ${person.positionCategory} belongs to no category of this methodology`,
      `use a position category listed under categories (${[...context.categoryOfPosition.keys()].join(', ')})`, { person: person.id, field: 'positionCategory', clause: describeBasis(Object.values(methodology.categories)[0].basis) }));
    return out;
  }
  const category = methodology.categories[categoryId];
  out.category = categoryId;
  out.categoryTitle = category.title.kk;
  for (const [index, absence] of (person.absences ?? []).entries()) {
    if (!context.absenceKinds.has(absence.kind)) {
      out.problems.push(problem('absence.unknown-kind', `the absence "${absence.kind}" is not one of the kinds the methodology lists, so it changes nothing`,
        `use one of: ${[...context.absenceKinds].join(', ')}`, { person: person.id, field: `absences.${index}.kind`, clause: describeBasis(methodology.eligibility.absence.basis) }, 'warning'));
    }
  }
  const unitSize = person.unit ? input.units?.[person.unit]?.corpsBServants : undefined;
  // Which methods are scored per quarter is the methodology's (methods.*.period).
  const quarterMethods = (category.methods as Method[]).filter((m) => methodology.methods[m]?.period === 'quarter');
  for (const plan of plans.filter((p) => p.id !== 'year')) {
    for (const method of quarterMethods) out.results.push(evaluateQuarter(context, input, person, categoryId, plan, method, unitSize));
  }
  const yearPlan = plans.find((p) => p.id === 'year')!;
  for (const calibration of person.calibrations ?? []) if (calibration.period !== 'year') applyCalibration(context, person, out, calibration);
  for (const method of quarterMethods) if (plans.some((p) => p.id !== 'year')) out.results.push(yearResult(context, person, out.results, method, yearPlan));
  if (wants360 && category.methods.includes('survey360')) out.results.push(evaluate360(context, input, person, categoryId, category.questionnaire!, yearPlan, unitSize));
  for (const calibration of person.calibrations ?? []) if (calibration.period === 'year') applyCalibration(context, person, out, calibration);
  return out;
}

function baseResult(method: Method, period: PeriodId): MethodResult {
  return { method, period, status: 'evaluated', deadlines: [], problems: [], trace: [] };
}

function applyBand(context: EngineContext, result: MethodResult, raw: number): void {
  const band = chooseBand(context.methodology, raw);
  result.score = band.score;
  result.band = band.band;
  result.bandLabel = band.bandLabel;
  result.trace.push(band.trace);
}

/** A method the methodology stopped (or had not yet started) using on the period's last day. */
function methodNotInUse(context: EngineContext, method: Method, plan: PeriodPlan, result: MethodResult): boolean {
  const declared = context.methodology.methods[method];
  const end = plan.period.end;
  if (!declared || (declared.from && end < declared.from) || (declared.until && end > declared.until)) {
    result.status = 'notApplicable';
    result.trace.push({ rule: 'methods.inUse', clause: declared ? describeBasis(declared.basis) : undefined, inputs: { periodEnd: end, from: declared?.from, until: declared?.until }, note: `the ${method} method is not used on ${end}` });
    return true;
  }
  return false;
}

function evaluateQuarter(context: EngineContext, input: EvaluationInput, person: Person, category: string, plan: PeriodPlan, method: Method, unitSize: number | undefined): MethodResult {
  const quarter = plan.id as QuarterId;
  const result = baseResult(method, quarter);
  if (plan.refused) { result.status = 'refused'; return result; }
  if (methodNotInUse(context, method, plan, result)) return result;
  const place = { person: person.id, period: quarter, method };
  const facts = computeFacts(context, { person, category, year: input.year, period: plan.period, method, evaluationDeadline: plan.evaluationDeadline, evaluationWindowStart: plan.windowStart, unitSize });
  const { eligibility, trace, deadline } = decideEligibility(context, facts, method);
  result.eligibility = eligibility;
  result.trace.push(trace);
  if (eligibility.decision === 'notEvaluated' || eligibility.decision === 'noKpi') { result.status = eligibility.decision; return result; }
  const data = person.quarters?.[quarter];
  const submitted = method === 'kpi' ? data?.kpi : data?.differentiation;

  // The evaluation deadline: the quarter's, or N working days after the return from an absence.
  let evaluationDeadline: DeadlineResult | undefined;
  if (eligibility.decision === 'deferred' && deadline) {
    const absence = absenceDuringEvaluation(context, person, plan.period, plan.evaluationDeadline);
    const returnDay = absence ? returnToWork(context, person, absence, result.problems, place) : plan.evaluationDeadline;
    if (returnDay) evaluationDeadline = deadlineResult(context, deadline, returnDay, data?.evaluatedOn, place, result.problems, `quarters.${quarter}.evaluatedOn`);
  } else {
    evaluationDeadline = deadlineResult(context, EVALUATION_DEADLINE.quarter, plan.period.end, data?.evaluatedOn, place, result.problems, `quarters.${quarter}.evaluatedOn`);
  }
  if (evaluationDeadline) result.deadlines.push(evaluationDeadline);
  result.status = eligibility.decision === 'evaluated' ? 'evaluated' : eligibility.decision;

  if (!submitted) {
    if (eligibility.decision !== 'deferred') {
      result.status = 'missing';
      result.problems.push(problem('data.missing', `no ${method === 'kpi' ? 'KPI values and scores' : 'differentiation scores'} were submitted for ${quarter}`,
        `add quarters.${quarter}.${method}`, { ...place, field: `quarters.${quarter}`, clause: describeBasis(context.methodology.methods[method]!.basis) }, 'warning'));
    }
    return result;
  }
  const outcome = method === 'kpi'
    ? evaluateKpiQuarter(context.methodology, person, quarter, data)
    : evaluateDifferentiationQuarter(context.methodology, person, data!.differentiation!, quarter);
  result.problems.push(...outcome.problems);
  result.trace.push(...outcome.trace);
  if ('kpis' in outcome) result.kpis = outcome.kpis;
  if ('parameters' in outcome) { result.parameters = outcome.parameters; result.justification = outcome.justification; }
  if (outcome.score === undefined) { result.status = 'error'; return result; }
  applyBand(context, result, outcome.score);
  attachFamiliarisation(context, result, data?.evaluatedOn ?? evaluationDeadline?.date, data?.communicatedOn, place, `quarters.${quarter}.communicatedOn`);
  return result;
}

/**
 * The first working day back after an absence and every absence that continues it (annual
 * leave followed by sick leave is one absence for "5 working days after the return").
 */
function returnToWork(context: EngineContext, person: Person, absence: { to: string }, problems: Problem[], place: { person: string; period: PeriodId; method: Method }): string | undefined {
  let end = absence.to;
  try {
    for (;;) {
      const back = context.calendar.nextWorkingDay(addDays(end, 1));
      const continued = (person.absences ?? []).find((a) => context.absenceKinds.has(a.kind) && a.from <= back && a.to > end);
      if (!continued) return back;
      end = continued.to;
    }
  } catch (error) {
    if (!(error instanceof CalendarCoverageError)) throw error;
    problems.push(problem('date.outside-calendar', `the return from the absence ending ${end} cannot be placed on the working-day calendar: ${error.message}`,
      'check the dates of the absences', { ...place, field: 'absences' }));
    return undefined;
  }
}

function attachFamiliarisation(context: EngineContext, result: MethodResult, evaluationEnd: string | undefined, communicatedOn: string | undefined, place: { person: string; period: PeriodId; method: Method }, field: string): void {
  const id = context.methodology.familiarisation.deadline;
  if (!evaluationEnd) return;
  const familiarisation = deadlineResult(context, id, evaluationEnd, communicatedOn, place, result.problems, field);
  if (familiarisation) result.deadlines.push(familiarisation);
  if (communicatedOn) {
    const appeal = deadlineResult(context, APPEAL, communicatedOn, undefined, place, result.problems);
    if (appeal) result.deadlines.push(appeal);
  }
}

function yearResult(context: EngineContext, person: Person, results: MethodResult[], method: Method, plan: PeriodPlan): MethodResult {
  const result = baseResult(method, 'year');
  const scored = results.filter((r) => r.method === method && r.period !== 'year' && r.score !== undefined);
  const clause = describeBasis(context.methodology.methods[method]!.basis);
  if (plan.refused) { result.status = 'refused'; return result; }
  if (scored.length === 0) {
    result.status = 'notEvaluated';
    result.trace.push({ rule: 'year.mean', clause, note: 'no quarter of the year has a score' });
    return result;
  }
  result.quarters = scored.map((r) => ({ period: r.period as QuarterId, score: r.score! }));
  const raw = mean(scored.map((r) => r.score!));
  result.trace.push({ rule: 'year.mean', clause, inputs: Object.fromEntries(result.quarters.map((q) => [q.period, q.score])), result: raw, note: 'the final score is the average of the quarterly scores' });
  applyBand(context, result, raw);
  return result;
}

function evaluate360(context: EngineContext, input: EvaluationInput, person: Person, category: string, questionnaire: string, plan: PeriodPlan, unitSize: number | undefined): MethodResult {
  const result = baseResult('survey360', 'year');
  if (plan.refused) { result.status = 'refused'; return result; }
  if (methodNotInUse(context, 'survey360', plan, result)) return result;
  const place = { person: person.id, period: 'year' as const, method: 'survey360' as const };
  const facts = computeFacts(context, { person, category, year: input.year, period: plan.period, method: 'survey360', evaluationDeadline: plan.evaluationDeadline, evaluationWindowStart: plan.windowStart, unitSize });
  const { eligibility, trace } = decideEligibility(context, facts, 'survey360');
  result.eligibility = eligibility;
  result.trace.push(trace);
  if (eligibility.decision === 'notEvaluated' || eligibility.decision === 'noKpi') { result.status = eligibility.decision; return result; }
  const evaluation = deadlineResult(context, EVALUATION_DEADLINE.year, plan.period.end, person.survey360?.evaluatedOn, place, result.problems, 'survey360.evaluatedOn');
  if (evaluation) result.deadlines.push(evaluation);
  if (!person.survey360) {
    result.status = 'missing';
    result.problems.push(problem('data.missing', 'no 360 responses were submitted', 'add survey360.responses', { ...place, field: 'survey360', clause: describeBasis(context.methodology.survey360.basis) }, 'warning'));
    return result;
  }
  const outcome = evaluateSurvey(context.methodology, person, questionnaire);
  result.problems.push(...outcome.problems);
  result.trace.push(...outcome.trace);
  result.respondents = outcome.respondents;
  result.competencies = outcome.competencies;
  result.weakest = outcome.weakest;
  result.status = outcome.status === 'evaluated' ? (eligibility.decision === 'evaluated' ? 'evaluated' : eligibility.decision) : outcome.status;
  if (outcome.score === undefined) return result;
  if (context.methodology.survey360.result.band === 'sameBands') applyBand(context, result, outcome.score);
  else result.score = outcome.score;
  attachFamiliarisation(context, result, person.survey360.evaluatedOn ?? evaluation?.date, person.survey360.communicatedOn, place, 'survey360.communicatedOn');
  return result;
}

function applyCalibration(context: EngineContext, person: Person, out: PersonResult, calibration: NonNullable<Person['calibrations']>[number]): void {
  const index = (person.calibrations ?? []).indexOf(calibration);
  const field = `calibrations.${index}`;
  const place = { person: person.id, period: calibration.period, method: calibration.method };
  const contested = out.results.find((r) => r.period === calibration.period && r.method === calibration.method);
  if (!contested || contested.score === undefined) {
    out.problems.push(problem('calibration.no-result', `the calibration case contests the ${calibration.method} result of ${calibration.period}, which has no score`,
      'check the period and method of the case', { ...place, field, clause: describeBasis(context.methodology.calibration.basis) }));
    return;
  }
  const problems: Problem[] = [];
  const deadlines: DeadlineResult[] = [];
  const push = (d: DeadlineResult | undefined) => { if (d) deadlines.push(d); };
  // The appeal term runs from the familiarisation with the contested result (clause 13);
  // the input records it per quarter and for the 360 (yearly KPI/differentiation results
  // have no familiarisation date of their own, so their term cannot be checked).
  const communicatedOn = calibration.period !== 'year' ? person.quarters?.[calibration.period]?.communicatedOn
    : calibration.method === 'survey360' ? person.survey360?.communicatedOn : undefined;
  if (communicatedOn) {
    const appeal = deadlineResult(context, APPEAL, communicatedOn, calibration.appliedOn, place, [], `${field}.appliedOn`);
    push(appeal);
    if (appeal?.late && !calibration.admittedLate) {
      contested.problems.push(problem('calibration.appeal-late', `the application of ${calibration.appliedOn} came after the appeal term, which ended on ${appeal.date} (5 working days after familiarisation on ${communicatedOn}); the case is not applied`,
        'if the body admitted the application all the same, write admittedLate: true in the case', { ...place, field: `${field}.appliedOn`, clause: appeal.clause }));
      return;
    }
  }
  const decision = decideCalibration(context.methodology, person.id, calibration, contested.score, field);
  problems.push(...decision.problems);
  if (decision.problems.some((p) => p.code === 'calibration.proposal-outside-scale')) { contested.problems.push(...problems); return; }
  push(deadlineResult(context, CALIBRATION_DECISION, calibration.appliedOn, calibration.decidedOn, place, problems, `${field}.decidedOn`));
  push(deadlineResult(context, CALIBRATION_SESSION, calibration.appliedOn, calibration.sessionOn, place, problems, `${field}.sessionOn`));
  if (calibration.protocolSignedOn) push(deadlineResult(context, PROTOCOL_POSTING, calibration.protocolSignedOn, calibration.protocolPostedOn, place, problems, `${field}.protocolPostedOn`));
  const band = chooseBand(context.methodology, decision.finalScore);
  contested.calibration = {
    appliedOn: calibration.appliedOn, originalScore: contested.score, votes: decision.votes, decidedBy: decision.decidedBy, tieRule: decision.tieRule,
    finalScore: band.score, direction: decision.direction, band: band.band ?? '', bandLabel: band.bandLabel ?? '', deadlines,
  };
  contested.trace.push(...decision.trace, band.trace);
  contested.problems.push(...problems);
  contested.score = band.score;
  contested.band = band.band;
  contested.bandLabel = band.bandLabel;
}
