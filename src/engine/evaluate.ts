// The engine's entry point: one or more methodologies, the data a body submitted for a
// year, and the working-day calendar in; results out. Pure: no files, no clock. One
// person's bad data is reported for that person and never stops the others.
//
// Everything the engine attaches is wired by the methodology: which methods a category
// uses, their kinds (methods/index.ts), the deadline each is due by, the yearly result,
// the familiarisation, appeal and calibration deadlines. No method, deadline or role id
// is written here.
import { CalendarCoverageError, type WorkingCalendar } from '../calendar/index.js';
import { describeBasis } from '../methodology/clause.js';
import { localText, periodName, t } from '../i18n/index.js';
import { inForceOn } from '../methodology/inForce.js';
import type { Methodology } from '../methodology/types.generated.js';
import { chooseBand } from './bands.js';
import { decideCalibration } from './calibration.js';
import { buildContext, type EngineContext } from './context.js';
import { addDays, quarterPeriod, quarters, yearPeriod, type Period } from './dates.js';
import { anchoredDeadline, deadlineDate, deadlineResult } from './deadlines.js';
import { decideEligibility } from './eligibility.js';
import { absenceDuringEvaluation, computeFacts } from './facts.js';
import { personFields, type EvaluationInput, type Person, type QuarterData } from './input.generated.js';
import { methodEvaluators, type DeclaredMethod } from './methods/index.js';
import { mean } from './numbers.js';
import { own } from './own.js';
import { problem, type ProblemPlace } from './problems.js';
import type { DeadlineResult, EvaluationResult, MethodResult, PeriodId, PersonResult, Problem, QuarterId } from './types.js';

export interface EvaluateOptions {
  /** Evaluate periods in which no methodology is in force (they are refused otherwise). */
  allowOutOfForce?: boolean;
}

interface PeriodPlan {
  id: PeriodId;
  period: Period;
  /** The methodology the period is evaluated under: the one in force on its last day. */
  context: EngineContext;
  refused: boolean;
  /** The day after the period: the evaluation window runs from it to the deadline. */
  windowStart: string;
  /** Per method id: the date its evaluation of this period is due (computed once, shared by everyone). */
  due: Map<string, string>;
  /** Per method id: the input fields its messages name (built once, not per person). */
  fields: Map<string, PeriodFields>;
}

interface PeriodFields {
  data: string;
  evaluatedOn: string;
  communicatedOn: string;
  actualsSentOn: string;
}

function fieldsOf(plan: PeriodPlan, methodId: string, legacyYearly: boolean): PeriodFields {
  const key = legacyYearly ? `legacy:${methodId}` : methodId;
  let fields = plan.fields.get(key);
  if (!fields) {
    const data = plan.id === 'year' ? (legacyYearly ? methodId : `annual.${methodId}`) : `quarters.${plan.id}.${methodId}`;
    const dates = plan.id === 'year' ? data : `quarters.${plan.id}`;
    fields = {
      data,
      evaluatedOn: `${dates}.evaluatedOn`,
      communicatedOn: `${dates}.communicatedOn`,
      actualsSentOn: `${dates}.actualsSentOn`,
    };
    plan.fields.set(key, fields);
  }
  return fields;
}

export { inForceOn };

export function evaluate(
  methodologies: Methodology | Methodology[],
  input: EvaluationInput,
  calendar: WorkingCalendar,
  options: EvaluateOptions = {},
): EvaluationResult {
  const list = Array.isArray(methodologies) ? methodologies : [methodologies];
  return evaluateWithContexts(
    list.map((m) => buildContext(m, calendar)),
    input,
    options,
  );
}

export function evaluateWithContext(context: EngineContext, input: EvaluationInput, options: EvaluateOptions = {}): EvaluationResult {
  return evaluateWithContexts([context], input, options);
}

/** The methodology in force on `date`: of those in force, the one that entered into force last. */
function contextOn(contexts: EngineContext[], date: string): EngineContext | undefined {
  return contexts
    .filter((c) => inForceOn(c.methodology, date))
    .sort((a, b) => (a.methodology.inForce.from < b.methodology.inForce.from ? 1 : -1))[0];
}

export function evaluateWithContexts(contexts: EngineContext[], input: EvaluationInput, options: EvaluateOptions = {}): EvaluationResult {
  const latest = [...contexts].sort((a, b) => (a.methodology.inForce.from < b.methodology.inForce.from ? 1 : -1))[0];
  const result: EvaluationResult = {
    methodology: { id: latest.methodology.id, title: latest.methodology.title.kk },
    body: input.body,
    year: input.year,
    people: [],
    problems: [],
  };
  const quarterIds = input.quarters ?? quarters.filter((q) => input.people.some((p) => p.quarters?.[q]));
  const plans: PeriodPlan[] = [];
  const planFor = (id: PeriodId, period: Period) => {
    const inForce = contextOn(contexts, period.end);
    plans.push({
      id,
      period,
      context: inForce ?? latest,
      refused: !inForce && !options.allowOutOfForce,
      windowStart: addDays(period.end, 1),
      due: new Map(),
      fields: new Map(),
    });
  };
  for (const id of quarterIds) planFor(id, quarterPeriod(input.year, id));
  planFor('year', yearPeriod(input.year));
  // The calendar must cover every deadline of the year: checked once, before any person.
  try {
    for (const plan of plans) {
      for (const [id, method] of Object.entries(plan.context.methodology.methods)) {
        plan.due.set(id, method.deadline ? deadlineDate(plan.context, method.deadline, plan.period.end)!.date : plan.period.end);
        if (plan.id === 'year' && method.year?.deadline) deadlineDate(plan.context, method.year.deadline, plan.period.end);
      }
    }
  } catch (error) {
    if (!(error instanceof CalendarCoverageError)) throw error;
    result.problems.push(problem('calendar.not-covered', error.message, t('calendar.not-covered.hint'), {}));
    return result;
  }
  const yearlyWanted = new Map<string, boolean>();
  const wantsYearly = (methodId: string) => {
    let wanted = yearlyWanted.get(methodId);
    if (wanted === undefined) yearlyWanted.set(methodId, (wanted = input.people.some((p) => yearlyData(p, methodId).data !== undefined)));
    return wanted;
  };
  const yearPlan = plans.find((p) => p.id === 'year')!;
  for (const plan of plans) {
    if (!plan.refused) continue;
    if (plan.id === 'year' && quarterIds.length === 0 && !Object.keys(plan.context.methodology.methods).some(wantsYearly)) continue;
    const m = plan.context.methodology;
    const end = m.repealedBy?.effectiveFrom ?? m.inForce.until;
    const names = contexts.map((c) => c.methodology.id).join(', ');
    result.problems.push(
      problem(
        'methodology.not-in-force',
        t(contexts.length > 1 ? 'methodology.not-in-force.several' : end ? 'methodology.not-in-force.ended' : 'methodology.not-in-force', {
          names,
          methodology: m.id,
          date: plan.period.end,
          period: periodName(plan.id, input.year),
          from: m.inForce.from,
          end: end ?? '',
        }),
        t('methodology.not-in-force.hint'),
        { period: plan.id },
      ),
    );
  }
  if (contexts.length > 1) {
    result.methodologies = contexts.map((c) => ({
      id: c.methodology.id,
      title: c.methodology.title.kk,
      periods: plans.filter((p) => p.context === c && !p.refused).map((p) => p.id),
    }));
  }
  const run: PersonRun = { input, plans, yearPlan, wantsYearly, several: contexts.length > 1 };
  for (const person of input.people) {
    try {
      result.people.push(evaluatePerson(run, person));
    } catch (error) {
      // A defect of bagalau must not cost the others their results.
      result.people.push({
        id: person.id,
        name: person.name,
        positionCategory: person.positionCategory,
        results: [],
        problems: [problem('internal', t('internal', { reason: (error as Error).message }), t('internal.hint'), { person: person.id })],
      });
    }
  }
  return result;
}

interface PersonRun {
  input: EvaluationInput;
  plans: PeriodPlan[];
  yearPlan: PeriodPlan;
  wantsYearly: (methodId: string) => boolean;
  several: boolean;
}

/** Where a quarterly method's data sits: quarters.Qn.<method id>. */
function quarterMethodData(quarter: QuarterData | undefined, methodId: string): unknown {
  const q = quarter as Record<string, unknown> | undefined;
  return q && Object.hasOwn(q, methodId) ? q[methodId] : undefined;
}

/** Where a yearly method's data sits: annual.<method id>, or (inputs before 2026) <method id> on the person. */
function yearlyData(person: Person, methodId: string): { data: unknown; field: string } {
  if (person.annual && Object.hasOwn(person.annual, methodId)) return { data: person.annual[methodId], field: `annual.${methodId}` };
  const own = person as unknown as Record<string, unknown>;
  return Object.hasOwn(own, methodId) && typeof own[methodId] === 'object'
    ? { data: own[methodId], field: methodId }
    : { data: undefined, field: `annual.${methodId}` };
}

/** The person's category under a methodology; the first time for each methodology, what is wrong with it is reported. */
function checkCategory(context: EngineContext, person: Person, out: PersonResult, checked: EngineContext[]): string | undefined {
  const categoryId = categoryOf(context, person);
  if (checked.includes(context)) return categoryId;
  checked.push(context);
  const { methodology } = context;
  if (!categoryId) {
    out.problems.push(
      problem(
        'category.unknown-position',
        t('category.unknown-position', { position: person.positionCategory, methodology: methodology.id }),
        t('category.unknown-position.hint', { positions: [...context.categoryOfPosition.keys()].join(', ') }),
        { person: person.id, field: 'positionCategory', clause: describeBasis(Object.values(methodology.categories)[0].basis) },
      ),
    );
    return undefined;
  }
  out.category = categoryId;
  out.categoryTitle = methodology.categories[categoryId].title.kk;
  if (person.absences) {
    for (const [index, absence] of person.absences.entries()) {
      if (
        !context.absenceKinds.has(absence.kind) &&
        !out.problems.some((p) => p.code === 'absence.unknown-kind' && p.field === `absences.${index}.kind`)
      ) {
        out.problems.push(
          problem(
            'absence.unknown-kind',
            t('absence.unknown-kind', { kind: absence.kind, methodology: methodology.id }),
            t('engine.useOneOf', { values: [...context.absenceKinds].join(', ') }),
            { person: person.id, field: `absences.${index}.kind`, clause: describeBasis(methodology.eligibility.absence.basis) },
          ),
        );
      }
    }
  }
  return categoryId;
}

function methodsOf(context: EngineContext, categoryId: string, period: 'quarter' | 'year'): string[] {
  return context.methodsOfCategory.get(categoryId)![period];
}

function categoryOf(context: EngineContext, person: Person): string | undefined {
  return context.categoryOfPosition.get(person.positionCategory) ?? context.catchAllCategory;
}

function evaluatePerson(run: PersonRun, person: Person): PersonResult {
  const { input, plans, yearPlan } = run;
  const out: PersonResult = {
    id: person.id,
    name: person.name,
    position: person.position,
    positionCategory: person.positionCategory,
    unit: person.unit,
    results: [],
    problems: [],
  };
  const checked: EngineContext[] = [];
  const unit = person.unit !== undefined ? own(input.units, person.unit) : undefined;
  if (person.unit !== undefined && !unit) {
    out.problems.push(
      problem(
        'unit.unknown',
        t('unit.unknown', { unit: person.unit }),
        input.units
          ? t('unit.unknown.hint.units', { unit: person.unit, units: Object.keys(input.units).join(', ') })
          : t('unit.unknown.hint', { unit: person.unit }),
        { person: person.id, field: 'unit' },
        'warning',
      ),
    );
  }
  const unitSize = unit?.corpsBServants;

  for (const plan of plans) {
    if (plan.id === 'year') continue;
    const categoryId = checkCategory(plan.context, person, out, checked);
    if (!categoryId) continue;
    for (const methodId of methodsOf(plan.context, categoryId, 'quarter'))
      out.results.push(evaluatePeriod(run, plan, person, categoryId, methodId, unitSize));
  }
  reportDataWithoutMethod(run, person, out);
  for (const calibration of person.calibrations ?? []) if (calibration.period !== 'year') applyCalibration(run, person, out, calibration);
  const yearCategory = checkCategory(yearPlan.context, person, out, checked);
  if (yearCategory) {
    if (plans.some((p) => p.id !== 'year')) {
      for (const methodId of methodsOf(yearPlan.context, yearCategory, 'quarter'))
        out.results.push(yearResult(run, person, out.results, methodId));
    }
    for (const methodId of methodsOf(yearPlan.context, yearCategory, 'year')) {
      if (run.wantsYearly(methodId)) out.results.push(evaluatePeriod(run, yearPlan, person, yearCategory, methodId, unitSize));
    }
  }
  for (const calibration of person.calibrations ?? []) if (calibration.period === 'year') applyCalibration(run, person, out, calibration);
  return out;
}

/** Data submitted for a method that the methodology of the period does not have, or the person's category does not use. */
function reportDataWithoutMethod(run: PersonRun, person: Person, out: PersonResult): void {
  for (const plan of run.plans) {
    if (plan.id === 'year') continue;
    const data = person.quarters?.[plan.id] as Record<string, unknown> | undefined;
    if (!data) continue;
    const { methodology } = plan.context;
    const categoryId = categoryOf(plan.context, person);
    const used: string[] = categoryId ? methodology.categories[categoryId].methods : [];
    for (const key in data) {
      if (typeof data[key] !== 'object' || data[key] === null || used.includes(key)) continue;
      const known = Object.hasOwn(methodology.methods, key);
      out.problems.push(
        problem(
          'data.method-not-used',
          known
            ? t('data.method-not-used.category', {
                quarter: plan.id,
                method: key,
                methodology: methodology.id,
                category: String(categoryId),
              })
            : t('data.method-not-used.quarter', {
                quarter: plan.id,
                method: key,
                methodology: methodology.id,
                year: String(run.input.year),
              }),
          known
            ? t('data.method-not-used.category.hint')
            : t('data.method-not-used.quarter.hint', { methodology: methodology.id, methods: Object.keys(methodology.methods).join(', ') }),
          { person: person.id, period: plan.id, field: `quarters.${plan.id}.${key}` },
        ),
      );
    }
  }
  const yearMethods = run.yearPlan.context.methodology.methods;
  if (person.annual)
    for (const key in person.annual) {
      if (own(yearMethods, key)?.period === 'year') continue;
      out.problems.push(
        problem(
          'data.method-not-used',
          t('data.method-not-used.annual', { method: key, methodology: run.yearPlan.context.methodology.id }),
          t('data.method-not-used.annual.hint', {
            methodology: run.yearPlan.context.methodology.id,
            methods:
              Object.keys(yearMethods)
                .filter((id) => yearMethods[id].period === 'year')
                .join(', ') || t('engine.none'),
          }),
          { person: person.id, period: 'year', field: `annual.${key}` },
        ),
      );
    }
  // The individual work plan is the data of a KPI method: under methodologies with none, it is not used.
  const contexts = [...run.plans.map((p) => p.context), run.yearPlan.context];
  if (person.workPlan && !contexts.some((c) => Object.values(c.methodology.methods).some((m) => m.kind === 'kpi'))) {
    const ids = [...new Set(contexts.map((c) => c.methodology.id))].join(', ');
    out.problems.push(
      problem(
        'data.method-not-used',
        t('data.method-not-used.workPlan', { methodologies: ids }),
        t('data.method-not-used.workPlan.hint', { methodologies: ids, methods: Object.keys(yearMethods).join(', ') }),
        { person: person.id, period: 'year', field: 'workPlan' },
      ),
    );
  }
  const legacy = person as unknown as Record<string, unknown>;
  for (const key in legacy) {
    if (!personFields.has(key) && typeof legacy[key] === 'object' && !Array.isArray(legacy[key]) && !Object.hasOwn(yearMethods, key)) {
      out.problems.push(
        problem(
          'data.method-not-used',
          t('data.method-not-used.legacy', { method: key, methodology: run.yearPlan.context.methodology.id }),
          t('data.method-not-used.legacy.hint', {
            methodology: run.yearPlan.context.methodology.id,
            methods: Object.keys(yearMethods).join(', '),
          }),
          { person: person.id, period: 'year', field: key },
        ),
      );
    }
  }
}

function baseResult(run: PersonRun, plan: PeriodPlan, method: string, period: PeriodId): MethodResult {
  const result: MethodResult = { method, period, status: 'evaluated', deadlines: [], problems: [], trace: [] };
  if (run.several) result.methodology = plan.context.methodology.id;
  return result;
}

function applyBand(context: EngineContext, result: MethodResult, raw: number): void {
  const band = chooseBand(context.methodology, raw);
  result.score = band.score;
  result.band = band.band;
  result.bandLabel = band.bandLabel;
  result.trace.push(band.trace);
}

/** A method the methodology stopped (or had not yet started) using on the period's last day. */
function methodNotInUse(declared: DeclaredMethod, methodId: string, plan: PeriodPlan, result: MethodResult): boolean {
  const end = plan.period.end;
  if ((declared.from && end < declared.from) || (declared.until && end > declared.until)) {
    result.status = 'notApplicable';
    result.trace.push({
      rule: 'methods.inUse',
      clause: describeBasis(declared.basis),
      inputs: { periodEnd: end, from: declared.from, until: declared.until },
      note: `the ${methodId} method is not used on ${end}`,
    });
    return true;
  }
  return false;
}

/**
 * A period in which the person was not in the post on any day — appointed after its last day,
 * or gone before its first — is not theirs: "not in post", not an eligibility decision. A
 * period partly in post is left to the methodology's rules (too short a time in post is
 * their "not evaluated"). Data submitted for such a period is reported, since it is ignored.
 */
function notInPost(run: PersonRun, plan: PeriodPlan, person: Person, methodId: string, result: MethodResult): boolean {
  const { start, end } = plan.period;
  const before = person.appointedOn > end;
  const after = person.leftOn !== undefined && person.leftOn < start;
  if (!before && !after) return false;
  const inWords = periodName(plan.id, run.input.year);
  const why = before
    ? t('data.not-in-post.appointed', { date: person.appointedOn, period: inWords, end })
    : t('data.not-in-post.left', { date: String(person.leftOn), period: inWords, start });
  result.status = 'notInPost';
  result.trace.push({
    rule: 'post.tenure',
    inputs: {
      appointedOn: person.appointedOn,
      ...(person.leftOn !== undefined && { leftOn: person.leftOn }),
      periodStart: start,
      periodEnd: end,
    },
    result: 'notInPost',
    note: `not in post: ${why}`,
  });
  const data = plan.id === 'year' ? yearlyData(person, methodId) : undefined;
  const submitted = plan.id === 'year' ? data!.data : quarterMethodData(person.quarters?.[plan.id], methodId);
  if (submitted !== undefined) {
    const field = plan.id === 'year' ? data!.field : `quarters.${plan.id}.${methodId}`;
    result.problems.push(
      problem(
        'data.not-in-post',
        t('data.not-in-post', { field, period: inWords, why }),
        before ? t('data.not-in-post.appointed.hint') : t('data.not-in-post.left.hint'),
        { person: person.id, period: plan.id, method: methodId, field },
        'warning',
      ),
    );
  }
  return true;
}

function evaluatePeriod(
  run: PersonRun,
  plan: PeriodPlan,
  person: Person,
  category: string,
  methodId: string,
  unitSize: number | undefined,
): MethodResult {
  const { context } = plan;
  const declared = context.methodology.methods[methodId];
  const result = baseResult(run, plan, methodId, plan.id);
  if (plan.refused) {
    result.status = 'refused';
    return result;
  }
  if (methodNotInUse(declared, methodId, plan, result)) return result;
  if (notInPost(run, plan, person, methodId, result)) return result;
  const isQuarter = plan.id !== 'year';
  const place: ProblemPlace & { person: string; period: PeriodId; method: string } = {
    person: person.id,
    period: plan.id,
    method: methodId,
  };
  const evaluationDeadline = plan.due.get(methodId)!;
  const facts = computeFacts(context, {
    person,
    category,
    year: run.input.year,
    period: plan.period,
    method: methodId,
    evaluationDeadline,
    evaluationWindowStart: plan.windowStart,
    unitSize,
  });
  const { eligibility, trace, deadline } = decideEligibility(context, facts, methodId);
  result.eligibility = eligibility;
  result.trace.push(trace);
  if (eligibility.decision === 'notEvaluated' || eligibility.decision === 'noKpi') {
    result.status = eligibility.decision;
    return result;
  }

  const quarterDates = isQuarter ? person.quarters?.[plan.id as QuarterId] : undefined;
  const data = isQuarter ? quarterMethodData(quarterDates, methodId) : yearlyData(person, methodId).data;
  const fields = fieldsOf(plan, methodId, !isQuarter && !(person.annual && Object.hasOwn(person.annual, methodId)) && data !== undefined);
  const field = fields.data;
  const dated = (isQuarter ? quarterDates : data) as { evaluatedOn?: string; communicatedOn?: string } | undefined;
  const evaluatedOn = dated?.evaluatedOn ?? lastSheetDate(data);

  // The evaluation deadline: the method's, or the one of the eligibility rule (N working days after the return from an absence).
  let due: DeadlineResult | undefined;
  if (eligibility.decision === 'deferred' && deadline) {
    const absence = absenceDuringEvaluation(context, person, plan.period, evaluationDeadline);
    const returnDay = absence ? returnToWork(context, person, absence, result.problems, place) : evaluationDeadline;
    if (returnDay) due = deadlineResult(context, deadline, returnDay, evaluatedOn, place, result.problems, fields.evaluatedOn);
  } else if (declared.deadline) {
    due = deadlineResult(context, declared.deadline, plan.period.end, evaluatedOn, place, result.problems, fields.evaluatedOn);
  }
  if (due) result.deadlines.push(due);
  if (isQuarter) attachNotification(context, declared, category, plan, quarterDates?.notifiedOn, result, place);
  if (isQuarter && declared.kpi?.workPlan?.actualsDeadline && quarterDates?.actualsSentOn) {
    const actuals = anchoredDeadline(
      context,
      declared.kpi.workPlan.actualsDeadline,
      { periodEnd: plan.period.end, periodStart: plan.period.start },
      quarterDates.actualsSentOn,
      place,
      result.problems,
      fields.actualsSentOn,
    );
    if (actuals) result.deadlines.push(actuals);
  }
  result.status = eligibility.decision === 'evaluated' ? 'evaluated' : eligibility.decision;

  if (data === undefined) {
    if (eligibility.decision !== 'deferred') {
      result.status = 'missing';
      result.problems.push(
        problem(
          'data.missing',
          t('data.missing', {
            title: localText(declared.title),
            method: methodId,
            period: plan.id === 'year' ? String(run.input.year) : plan.id,
          }),
          t('data.missing.hint', { field }),
          { ...place, field: isQuarter ? `quarters.${plan.id}` : field, clause: describeBasis(declared.basis) },
          'warning',
        ),
      );
    }
    return result;
  }
  const outcome = methodEvaluators[declared.kind].evaluate({
    methodology: context.methodology,
    methodId,
    method: declared,
    person,
    period: plan.id,
    category,
    data,
    field,
  });
  result.problems.push(...outcome.problems);
  result.trace.push(...outcome.trace);
  Object.assign(result, outcome.details);
  if (outcome.status && outcome.status !== 'evaluated') {
    result.status = outcome.status;
    if (outcome.score === undefined) return result;
  }
  if (outcome.score === undefined) {
    if (!outcome.status) result.status = 'error';
    return result;
  }
  if (declared.survey && declared.survey.result.band !== 'sameBands') result.score = outcome.score;
  else applyBand(context, result, outcome.score);
  attachFamiliarisation(context, result, evaluatedOn ?? due?.date, dated?.communicatedOn, place, fields.communicatedOn);
  return result;
}

/** With one sheet per evaluator, the evaluation ends with the last sheet. */
function lastSheetDate(data: unknown): string | undefined {
  const sheets = typeof data === 'object' && data !== null ? (data as { sheets?: { evaluatedOn?: string }[] }).sheets : undefined;
  let last: string | undefined;
  for (const sheet of sheets ?? []) if (sheet.evaluatedOn && (!last || sheet.evaluatedOn > last)) last = sheet.evaluatedOn;
  return last;
}

/** The notification deadline of the person's category, when the input records the notification. */
function attachNotification(
  context: EngineContext,
  declared: DeclaredMethod,
  category: string,
  plan: PeriodPlan,
  notifiedOn: string | undefined,
  result: MethodResult,
  place: ProblemPlace,
): void {
  if (!notifiedOn) return;
  const id = (declared.notification ?? []).find((d) => {
    const appliesTo = context.methodology.deadlines[d]?.appliesTo;
    return !appliesTo || appliesTo.includes(category);
  });
  if (!id) return;
  const notification = anchoredDeadline(
    context,
    id,
    { periodEnd: plan.period.end, periodStart: plan.period.start },
    notifiedOn,
    place,
    result.problems,
    `quarters.${plan.id}.notifiedOn`,
  );
  if (notification) result.deadlines.push(notification);
}

/**
 * The first working day back after an absence and every absence that continues it (annual
 * leave followed by sick leave is one absence for "5 working days after the return").
 */
function returnToWork(
  context: EngineContext,
  person: Person,
  absence: { to: string },
  problems: Problem[],
  place: ProblemPlace,
): string | undefined {
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
    problems.push(
      problem(
        'date.outside-calendar',
        t('date.outside-calendar.return', { end, reason: error.message }),
        t('date.outside-calendar.return.hint'),
        { ...place, field: 'absences' },
      ),
    );
    return undefined;
  }
}

function attachFamiliarisation(
  context: EngineContext,
  result: MethodResult,
  evaluationEnd: string | undefined,
  communicatedOn: string | undefined,
  place: ProblemPlace,
  field: string,
): void {
  const id = context.methodology.familiarisation.deadline;
  if (!evaluationEnd) return;
  const familiarisation = deadlineResult(context, id, evaluationEnd, communicatedOn, place, result.problems, field);
  if (familiarisation) result.deadlines.push(familiarisation);
  const appealId = context.methodology.calibration.deadlines?.appeal;
  if (communicatedOn && appealId) {
    const appeal = deadlineResult(context, appealId, communicatedOn, undefined, place, result.problems);
    if (appeal) result.deadlines.push(appeal);
  }
}

/**
 * The yearly result of a quarterly method: the mean of the evaluated quarters that count
 * (methods.<id>.year). In the year of a change of methodology, the quarters scored under
 * the earlier one count too unless the later one says earlierMethodologies: ignore.
 */
function yearResult(run: PersonRun, person: Person, results: MethodResult[], methodId: string): MethodResult {
  const plan = run.yearPlan;
  const { context } = plan;
  const declared = context.methodology.methods[methodId];
  const rule = declared.year;
  const result = baseResult(run, plan, methodId, 'year');
  const clause = describeBasis(rule?.basis ?? declared.basis);
  if (plan.refused) {
    result.status = 'refused';
    return result;
  }
  const ownId = context.methodology.id;
  const countEarlier = (rule?.earlierMethodologies ?? 'count') === 'count';
  const counted = rule?.quarters;
  const scored = results.filter(
    (r) =>
      r.period !== 'year' &&
      r.score !== undefined &&
      (!counted || counted.includes(r.period)) &&
      (r.methodology === undefined || r.methodology === ownId ? r.method === methodId : countEarlier),
  );
  if (rule?.deadline) {
    const due = deadlineResult(
      context,
      rule.deadline,
      plan.period.end,
      run.input.yearResultsFormedOn,
      { person: person.id, period: 'year', method: methodId },
      result.problems,
      'yearResultsFormedOn',
    );
    if (due) result.deadlines.push(due);
  }
  attachWorkPlanDeadlines(run, person, declared, methodId, result);
  if (scored.length === 0) {
    result.status = 'notEvaluated';
    result.trace.push({ rule: 'year.mean', clause, note: 'no quarter of the year has a score' });
    return result;
  }
  result.quarters = scored.map((r) =>
    r.methodology !== undefined && (r.methodology !== ownId || r.method !== methodId)
      ? { period: r.period as QuarterId, score: r.score!, method: r.method, methodology: r.methodology }
      : { period: r.period as QuarterId, score: r.score! },
  );
  const raw = mean(scored.map((r) => r.score!));
  const earlier = scored.some((r) => r.methodology !== undefined && r.methodology !== ownId);
  result.trace.push({
    rule: 'year.mean',
    clause,
    inputs: Object.fromEntries(result.quarters.map((q) => [q.period, q.score])),
    result: raw,
    note: earlier
      ? `the final score is the average of the quarterly scores, those evaluated under an earlier methodology included (${rule?.earlierMethodologiesBasis ? describeBasis(rule.earlierMethodologiesBasis) : 'earlierMethodologies: count, the default'})`
      : 'the final score is the average of the quarterly scores',
  });
  applyBand(context, result, raw);
  return result;
}

/** KPI setting and posting deadlines of the individual work plan, when the input records those dates. */
function attachWorkPlanDeadlines(run: PersonRun, person: Person, declared: DeclaredMethod, methodId: string, result: MethodResult): void {
  const workPlan = declared.kpi?.workPlan;
  const plan = person.workPlan;
  if (!workPlan || !plan) return;
  const { context } = run.yearPlan;
  const place = { person: person.id, period: 'year' as const, method: methodId };
  const yearStart = `${run.input.year}-01-01`;
  const anchors = {
    yearStart,
    periodStart: yearStart,
    periodEnd: `${run.input.year}-12-31`,
    appointment: person.appointedOn,
    kpiApproval: plan.approvedOn,
  };
  if (plan.approvedOn) {
    // A head appointed after the plan's period began has the deadline counted from the appointment.
    const appointedLater = person.appointedOn > yearStart;
    const setting = (workPlan.settingDeadlines ?? []).find(
      (id) => (context.methodology.deadlines[id]?.anchor === 'appointment') === appointedLater,
    );
    if (setting) {
      const due = anchoredDeadline(context, setting, anchors, plan.approvedOn, place, result.problems, 'workPlan.approvedOn');
      if (due) result.deadlines.push(due);
    }
  }
  if (plan.postedOn && workPlan.postingDeadline) {
    const due = anchoredDeadline(context, workPlan.postingDeadline, anchors, plan.postedOn, place, result.problems, 'workPlan.postedOn');
    if (due) result.deadlines.push(due);
  }
}

function applyCalibration(
  run: PersonRun,
  person: Person,
  out: PersonResult,
  calibration: NonNullable<Person['calibrations']>[number],
): void {
  const plan = run.plans.find((p) => p.id === calibration.period) ?? run.yearPlan;
  const { context } = plan;
  const index = (person.calibrations ?? []).indexOf(calibration);
  const field = `calibrations.${index}`;
  const place = { person: person.id, period: calibration.period, method: calibration.method };
  const contested = out.results.find((r) => r.period === calibration.period && r.method === calibration.method);
  if (!contested || contested.score === undefined) {
    out.problems.push(
      problem(
        'calibration.no-result',
        t('calibration.no-result', { method: calibration.method, period: calibration.period }),
        t('calibration.no-result.hint'),
        { ...place, field, clause: describeBasis(context.methodology.calibration.basis) },
      ),
    );
    return;
  }
  const ids = context.methodology.calibration.deadlines ?? {};
  const problems: Problem[] = [];
  const deadlines: DeadlineResult[] = [];
  const push = (d: DeadlineResult | undefined) => {
    if (d) deadlines.push(d);
  };
  // The appeal term runs from the familiarisation with the contested result; the input
  // records it per quarter and for yearly methods (yearly results of quarterly methods
  // have no familiarisation date of their own, so their term cannot be checked).
  const communicatedOn =
    calibration.period !== 'year'
      ? person.quarters?.[calibration.period]?.communicatedOn
      : (yearlyData(person, calibration.method).data as { communicatedOn?: string } | undefined)?.communicatedOn;
  if (communicatedOn && ids.appeal) {
    const appeal = deadlineResult(context, ids.appeal, communicatedOn, calibration.appliedOn, place, [], `${field}.appliedOn`);
    push(appeal);
    if (appeal?.late && !calibration.admittedLate) {
      contested.problems.push(
        problem(
          'calibration.appeal-late',
          t('calibration.appeal-late', {
            appliedOn: calibration.appliedOn,
            date: appeal.date,
            title: appeal.title,
            communicatedOn: String(communicatedOn),
          }),
          t('calibration.appeal-late.hint'),
          { ...place, field: `${field}.appliedOn`, clause: appeal.clause },
        ),
      );
      return;
    }
  }
  const decision = decideCalibration(context.methodology, person.id, calibration, contested.score, field);
  problems.push(...decision.problems);
  if (decision.problems.some((p) => p.code === 'calibration.proposal-outside-scale')) {
    contested.problems.push(...problems);
    return;
  }
  if (ids.decision)
    push(deadlineResult(context, ids.decision, calibration.appliedOn, calibration.decidedOn, place, problems, `${field}.decidedOn`));
  if (ids.session)
    push(deadlineResult(context, ids.session, calibration.appliedOn, calibration.sessionOn, place, problems, `${field}.sessionOn`));
  if (calibration.protocolSignedOn && ids.protocolPosting)
    push(
      deadlineResult(
        context,
        ids.protocolPosting,
        calibration.protocolSignedOn,
        calibration.protocolPostedOn,
        place,
        problems,
        `${field}.protocolPostedOn`,
      ),
    );
  const band = chooseBand(context.methodology, decision.finalScore);
  contested.calibration = {
    appliedOn: calibration.appliedOn,
    originalScore: contested.score,
    votes: decision.votes,
    decidedBy: decision.decidedBy,
    tieRule: decision.tieRule,
    finalScore: band.score,
    direction: decision.direction,
    band: band.band ?? '',
    bandLabel: band.bandLabel ?? '',
    deadlines,
  };
  contested.trace.push(...decision.trace, band.trace);
  contested.problems.push(...problems);
  contested.score = band.score;
  contested.band = band.band;
  contested.bandLabel = band.bandLabel;
}
