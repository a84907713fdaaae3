// View models: pure functions from a methodology and (for filled forms) the engine's
// results and the submitted input to exactly the data a template prints. A form is found by
// the id the methodology gives it; its kind says which view model and which template print
// it, its method which results it shows. Everything a body words differently — the header,
// the titles, the role titles, the body's name, the bands, the KPI table, the parameters,
// the questionnaires and the sentences of each form (forms.*.wording) — is read from the
// methodology, so one template per kind of sheet serves every body and every method.
import type { MethodData, Person as InputPerson, QuarterData } from '../engine/input.generated.js';
import type { EvaluatorSheet } from '../engine/results.generated.js';
import type { CalibrationOutcome, MethodResult, PersonResult } from '../engine/types.js';
import type { Methodology } from '../methodology/index.js';
import { radarChart } from './radar.js';
import { QUARTERS, capitalise, fromNumber, kzDate, kzNumber, kzScore, periodLabel, quarterLabel, surnameInitials, uncapitalise } from './text.js';

type Form = Methodology['forms'][string];
type Method = Methodology['methods'][string];
type Text = { kk: string };
export type FormKind = Form['kind'];

/** What every form prints around its own content. */
export interface FormFrame {
  formId: string;
  kind: FormKind;
  template: string;
  annex?: number;
  /** The header block, split so that its last word and "N-қосымша" never part. */
  header: { lead: string; tail: string };
  title: string;
  bodyName: string;
  /** The confidentiality mark, on forms that show results. */
  mark?: string;
  blank: boolean;
  /** A line in the footer of the page: "1 / 2 бет". */
  pageWord: string;
  /** The KPI tables (work plan, KPI sheet) have 13 columns: printed landscape. */
  orientation: 'portrait' | 'landscape';
}

/** The data one template needs: the frame and the form's own fields. */
export type FormView = FormFrame & Record<string, unknown>;

/** A person's data for the filled forms: the result of the engine and, when known, what was submitted. */
export interface FilledSource {
  year: number;
  person: PersonResult;
  input?: InputPerson;
  /** The unit's name, from the input's units. */
  unitName?: string;
  /** The period the form is for: "Q1".."Q4" or "year". */
  period: string;
  /** For the calibration protocol: the case. */
  calibration?: { result: MethodResult; outcome: CalibrationOutcome };
  /** Results of the person's other quarters (the KPI sheet prints the actual values of every quarter). */
  allResults?: MethodResult[];
}

/** A text of the methodology with its {placeholders} filled. */
export interface Printed {
  /** keep: a filled value of one word ("1-ден"), which must not break at its hyphen. */
  parts: { text: string; keep: boolean }[];
}

/** forms.*.wording, filled, as the templates print it. */
export interface WordingView {
  intro: Printed[];
  note?: Printed;
  closing?: Printed;
  columns: Record<string, Printed>;
  labels: Record<string, Printed>;
}

export interface Signature {
  role: string;
  name: string;
  date: string;
}

/** One form of a methodology, with the method it prints, while its view is built. */
interface FormContext {
  m: Methodology;
  id: string;
  form: Form;
  methodId?: string;
  method?: Method;
}

const BLANK = '';

/** The template of a kind: workPlan → work-plan. */
export const kindTemplate = (kind: string) => kind.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

// The two KPI tables have 13 columns, which only fit across the page.
const LANDSCAPE_KINDS = new Set<FormKind>(['workPlan', 'kpiSheet']);

function contextOf(m: Methodology, id: string): FormContext {
  const form = m.forms[id];
  if (!form || form.remove) throw new Error(`the methodology ${m.id} has no form "${id}"`);
  const method = form.method !== undefined ? m.methods[form.method] : undefined;
  if (form.method !== undefined && !method) throw new Error(`the form "${id}" of ${m.id} prints the method "${form.method}", which the methodology does not declare`);
  return { m, id, form, methodId: form.method, method };
}

/** The form's method, which must be of the kind its template is made for. */
function methodOf(ctx: FormContext, kind: Method['kind']): { methodId: string; method: Method } {
  if (!ctx.method || !ctx.methodId) throw new Error(`the form "${ctx.id}" (${ctx.form.kind}) names no method to print`);
  if (ctx.method.kind !== kind) throw new Error(`the form "${ctx.id}" is a ${ctx.form.kind}, which prints a ${kind} method, but "${ctx.methodId}" is of kind ${ctx.method.kind}`);
  return { methodId: ctx.methodId, method: ctx.method };
}

function frame(ctx: FormContext, blank: boolean, showsResults: boolean): FormFrame {
  const { m, form } = ctx;
  const headerText = (form.header?.kk ?? m.formHeader.kk).trim();
  const words = headerText.split(/\s+/);
  const last = words.pop() ?? '';
  return {
    formId: ctx.id,
    kind: form.kind,
    template: form.template ?? kindTemplate(form.kind),
    annex: form.annex,
    header: form.annex !== undefined ? { lead: words.join(' '), tail: `${last} ${form.annex}-қосымша` } : { lead: '', tail: '' },
    title: form.title.kk,
    bodyName: m.body.name.kk,
    mark: showsResults && !blank ? m.confidentiality.mark?.kk : undefined,
    blank,
    pageWord: 'бет',
    orientation: LANDSCAPE_KINDS.has(form.kind) ? 'landscape' : 'portrait',
  };
}

/** "{scaleMax}" in a text of the methodology → the value; a name the form does not know is printed as written. */
export function fill(text: Text | undefined, values: Record<string, string>): Printed | undefined {
  if (!text) return undefined;
  const parts: Printed['parts'] = [];
  let last = 0;
  for (const match of text.kk.matchAll(/\{([A-Za-z][A-Za-z0-9]*)\}/g)) {
    const value = values[match[1]];
    if (value === undefined) continue;
    if (match.index > last) parts.push({ text: text.kk.slice(last, match.index), keep: false });
    parts.push({ text: value, keep: !/\s/.test(value) });
    last = match.index + match[0].length;
  }
  if (last < text.kk.length) parts.push({ text: text.kk.slice(last), keep: false });
  return { parts };
}

export const plainText = (printed: Printed | undefined) => printed?.parts.map((p) => p.text).join('') ?? '';

function wording(ctx: FormContext, values: Record<string, string> = {}): WordingView {
  const w = ctx.form.wording ?? {};
  const map = (entries: Record<string, Text> | undefined) => Object.fromEntries(Object.entries(entries ?? {}).map(([k, t]) => [k, fill(t, values)!]));
  return {
    intro: (w.intro ?? []).map((t) => fill(t, values)!),
    note: fill(w.note, values),
    closing: fill(w.closing, values),
    columns: map(w.columns),
    labels: map(w.labels),
  };
}

const roleTitle = (m: Methodology, key: string | undefined) => capitalise((key && m.roles[key]?.title.kk) || '');
const bandLabels = (m: Methodology) => Object.values(m.bands.levels).sort((a, b) => b.min - a.min);

/** "(функционалдық міндеттерін тиімді атқарады, …, … (қанағаттанарлықсыз баға))" as the sheets print it. */
function bandChoices(m: Methodology): string {
  const labels = bandLabels(m).map((b) => uncapitalise(b.label.kk) + (b.unsatisfactory ? ' (қанағаттанарлықсыз баға)' : ''));
  return `(${labels.join(', ')})`;
}

function result(source: FilledSource, method: string | undefined, period = source.period): MethodResult | undefined {
  return (source.allResults ?? source.person.results).find((r) => r.method === method && r.period === period);
}

function personFields(source: FilledSource | undefined) {
  if (!source) return { name: BLANK, position: BLANK, unit: BLANK, initials: BLANK };
  return {
    name: source.person.name,
    position: source.person.position ?? source.input?.position ?? '',
    unit: source.unitName ?? source.person.unit ?? '',
    initials: surnameInitials(source.person.name),
  };
}

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/** What was submitted for the form's quarter: the quarter's dates and the method's own data. */
function quarterInput(source: FilledSource | undefined, methodId: string | undefined): { quarter?: QuarterData; data?: MethodData } {
  const quarter = source?.input?.quarters?.[source.period];
  const data = methodId !== undefined ? quarter?.[methodId] : undefined;
  return { quarter, data: isObject(data) ? (data as MethodData) : undefined };
}

/** A yearly method's data: annual.<method>, or <method> on the person in inputs written before methods had ids of their own. */
function yearlyInput(source: FilledSource | undefined, methodId: string | undefined): { communicatedOn?: string; evaluatedOn?: string } | undefined {
  if (!source?.input || methodId === undefined) return undefined;
  const annual = source.input.annual?.[methodId];
  if (annual) return annual;
  const own = (source.input as unknown as Record<string, unknown>)[methodId];
  return isObject(own) ? (own as { communicatedOn?: string }) : undefined;
}

/** The one evaluator of a sheet filled the single-evaluator way: the method's data or the quarter's. */
function singleEvaluator(ctx: FormContext, source: FilledSource | undefined): { name: string; date: string } {
  // A survey's respondents are anonymous and the input names no one who compiled the result.
  if (!source || ctx.method?.kind === 'survey') return { name: '', date: '' };
  const { quarter, data } = quarterInput(source, ctx.methodId);
  return { name: data?.evaluator ?? quarter?.evaluator ?? '', date: data?.evaluatedOn ?? quarter?.evaluatedOn ?? '' };
}

/** The day the evaluated person was told the result: the quarter's, or the yearly method's. */
function informedOn(ctx: FormContext, source: FilledSource | undefined): string | undefined {
  if (!source) return undefined;
  if (source.period === 'year') return yearlyInput(source, ctx.methodId)?.communicatedOn;
  return quarterInput(source, ctx.methodId).quarter?.communicatedOn;
}

/**
 * The signature lines: the form's `signatures`, or (on the evaluation sheets) the method's
 * evaluators followed by the roles that sign without scoring. A form's wording.labels.<role>
 * replaces the role's title on its line ("Танысты: …").
 */
function signatures(ctx: FormContext, source: FilledSource | undefined, current: MethodResult | undefined, byDefault: boolean): Signature[] {
  const evaluators = ctx.method?.evaluators;
  const roles = ctx.form.signatures ?? (byDefault && evaluators ? [...evaluators.roles, ...(evaluators.signedBy ?? [])] : []);
  const labels = ctx.form.wording?.labels ?? {};
  const approver = ctx.method?.kpi?.workPlanApprovedBy;
  return roles.flatMap((role): Signature[] => {
    const label = labels[role]?.kk ?? roleTitle(ctx.m, role);
    if (evaluators?.roles.includes(role)) {
      const sheets = current?.sheets?.filter((s) => s.role === role) ?? [];
      if (sheets.length) {
        // a delegate or a substitute signs under their own title (the sheet's)
        return sheets.map((s) => ({ role: labels[role]?.kk ?? capitalise(s.roleTitle), name: surnameInitials(s.name), date: kzDate(s.evaluatedOn) }));
      }
      const one = singleEvaluator(ctx, source);
      return [{ role: label, name: surnameInitials(one.name), date: kzDate(one.date) }];
    }
    if (role === approver) return [{ role: label, name: source?.input?.workPlan?.approvedBy ?? '', date: kzDate(source?.input?.workPlan?.approvedOn) }];
    // The evaluated person signs that they have seen the result; any other signer signs by hand.
    if (ctx.m.roles[role]?.isEvaluatedPerson) return [{ role: label, name: surnameInitials(source?.person.name), date: kzDate(informedOn(ctx, source)) }];
    return [{ role: label, name: '', date: '' }];
  });
}

// ——— workPlan: the individual work plan of KPIs ———
function workPlan(ctx: FormContext, source?: FilledSource): FormView {
  const { methodId, method } = methodOf(ctx, 'kpi');
  const settings = method.kpi!;
  const kpis = source?.input?.workPlan?.kpis;
  const blankRow = (n: number) => ({ n, name: '', source: '', unit: '', plan: QUARTERS.map(() => ''), deadline: QUARTERS.map(() => ''), expectedResult: '' });
  const rows = kpis
    ? kpis.map((k, i) => ({
      n: i + 1, name: k.name, source: k.source ?? '', unit: k.unit ?? '',
      plan: QUARTERS.map((q) => kzNumber(k.plan[q])),
      deadline: QUARTERS.map((q) => kzDate(k.deadline?.[q])),
      expectedResult: k.expectedResult ?? '',
    }))
    // without the submitted plan, what the results hold: the plan of the quarter evaluated
    : ((source && source.person.results.find((r) => r.method === methodId && r.kpis))?.kpis ?? []).map((k, i) => ({
      ...blankRow(i + 1), name: k.name, plan: QUARTERS.map((q) => (q === source?.period ? kzNumber(k.plan) : '')),
    }));
  return {
    ...frame(ctx, !source, false),
    wording: wording(ctx, scaleValues(settings.scale, { countMin: String(settings.count.min), countMax: String(settings.count.max) })),
    approver: { role: roleTitle(ctx.m, settings.workPlanApprovedBy), name: source?.input?.workPlan?.approvedBy ?? '', date: kzDate(source?.input?.workPlan?.approvedOn) },
    year: source ? String(source.year) : '',
    person: personFields(source),
    quarters: QUARTERS.map(quarterLabel),
    rows: rows.length ? rows : Array.from({ length: source ? 0 : settings.count.max }, (_, i) => blankRow(i + 1)),
    signatures: signatures(ctx, source, undefined, false),
  };
}

/** The placeholders a scale gives the wording: {scaleMin}, {scaleMax}, {scaleFrom} ("0-ден"). */
function scaleValues(scale: { min: number; max: number }, more: Record<string, string> = {}, prefix = 'scale'): Record<string, string> {
  return { [`${prefix}Min`]: kzNumber(scale.min), [`${prefix}Max`]: kzNumber(scale.max), [`${prefix}From`]: fromNumber(scale.min).replace('.', ','), ...more };
}

// ——— kpiSheet: the KPI evaluation sheet ———
function kpiSheet(ctx: FormContext, source?: FilledSource): FormView {
  const { methodId, method } = methodOf(ctx, 'kpi');
  const settings = method.kpi!;
  const current = source ? result(source, methodId) : undefined;
  const planned = source?.input?.workPlan?.kpis;
  const lines = current?.kpis ?? [];
  const ids = planned ? planned.map((k) => k.id) : lines.map((l) => l.id);
  const rows = ids.map((id, i) => {
    const plan = planned?.find((k) => k.id === id);
    const line = lines.find((l) => l.id === id);
    const actual = QUARTERS.map((q) => {
      const r = source && result(source, methodId, q);
      const v = r?.kpis?.find((l) => l.id === id)?.actual;
      return v === undefined ? '' : kzNumber(v);
    });
    return {
      n: i + 1, name: plan?.name ?? line?.name ?? '', unit: plan?.unit ?? '',
      plan: QUARTERS.map((q) => (plan ? kzNumber(plan.plan[q]) : q === source?.period ? kzNumber(line?.plan) : '')),
      actual, percent: line ? kzNumber(line.percent) : '', score: line ? kzScore(line.score) : '',
    };
  });
  const blankRows = Array.from({ length: settings.count.max }, (_, i) => ({ n: i + 1, name: '', unit: '', plan: QUARTERS.map(() => ''), actual: QUARTERS.map(() => ''), percent: '', score: '' }));
  const person = personFields(source);
  return {
    ...frame(ctx, !source, true),
    wording: wording(ctx, scaleValues(settings.scale, { countMin: String(settings.count.min), countMax: String(settings.count.max) })),
    personLine: source ? [person.name, person.position].filter(Boolean).join(', ') : '',
    periodLine: source ? periodLabel(source.year, source.period) : '',
    quarters: QUARTERS.map(quarterLabel),
    rows: source ? rows : blankRows,
    finalScore: current?.score !== undefined ? kzScore(current.score) : '',
    bandLabel: current?.bandLabel ?? '',
    bandChoices: bandChoices(ctx.m),
    signatures: signatures(ctx, source, current, true),
  };
}

// ——— scoreTable: the allowed-score table of the KPI method ———
function scoreTable(ctx: FormContext, source?: FilledSource): FormView {
  const { methodId, method } = methodOf(ctx, 'kpi');
  const settings = method.kpi!;
  const lines = source ? result(source, methodId)?.kpis ?? [] : [];
  const rows = settings.scoreTable.rows.map((row) => {
    const [percent, score] = row.printed.split('|').map((s) => s.trim());
    const used = lines.filter((l) => l.allowed?.row === row.printed).map((l) => `${l.name} — ${kzNumber(l.percent)} %, ${kzScore(l.score)}`);
    return { percent, score, used, marked: used.length > 0 };
  });
  return {
    ...frame(ctx, !source, !!source),
    wording: wording(ctx, scaleValues(settings.scale)),
    personLine: source ? [source.person.name, periodLabel(source.year, source.period)].join(', ') : '',
    rows,
    anyUsed: rows.some((r) => r.marked),
    signatures: signatures(ctx, source, undefined, false),
  };
}

// ——— parameterSheet: parameters scored on a scale, by one evaluator or several ———
interface SheetColumn {
  role: string;
  name: string;
  initials: string;
  score: string;
  sheet?: EvaluatorSheet;
}

function parameterSheet(ctx: FormContext, source?: FilledSource): FormView {
  const { methodId, method } = methodOf(ctx, 'parameters');
  const settings = method.sheet!;
  const current = source ? result(source, methodId) : undefined;
  const parameters = Object.entries(settings.parameters).filter(([, p]) => !p.remove);
  const formScale = settings.scale.printedInForm ?? settings.scale;
  const values = { ...scaleValues(settings.scale), ...scaleValues(formScale, {}, 'form') };
  const evaluatorRoles = method.evaluators?.roles ?? [];
  // Each evaluator fills a sheet of their own (combine mean or finalRole): one score column each.
  const separateSheets = method.evaluators?.combine === 'mean' || method.evaluators?.combine === 'finalRole';
  const shown = (r: { score?: number } | undefined) => (r?.score !== undefined ? kzScore(r.score) : '');
  const columns: SheetColumn[] = current?.sheets?.length
    ? current.sheets.map((s) => ({ role: capitalise(s.roleTitle), name: s.name ?? '', initials: surnameInitials(s.name), score: shown(s), sheet: s }))
    : !source && separateSheets && evaluatorRoles.length > 1
      ? evaluatorRoles.map((role) => ({ role: roleTitle(ctx.m, role), name: '', initials: '', score: '' }))
      : [];
  const several = columns.length > 1;
  const one = singleEvaluator(ctx, source);
  // the sheet shows the evaluators' score; a calibration session's is printed below it
  const originalScore = current?.calibration ? current.calibration.originalScore : current?.score;
  // a substitute's sheet says for whom they evaluated (substituteFor: the absent evaluator's name)
  const evaluators = columns.length
    ? columns.map((c) => ({ role: c.role, name: c.name, actingFor: surnameInitials(c.sheet?.substituteFor) }))
    : [{ role: roleTitle(ctx.m, evaluatorRoles[0]), name: one.name, actingFor: '' }];
  const rows = parameters.map(([id, p], i) => {
    const own = current?.parameters?.find((x) => x.id === id);
    const scores = several
      ? columns.map((c) => shown(c.sheet?.parameters?.find((x) => x.id === id)))
      : [shown(columns[0]?.sheet?.parameters?.find((x) => x.id === id) ?? own)];
    const justifications = several
      ? columns.flatMap((c) => {
        const text = c.sheet?.parameters?.find((x) => x.id === id)?.justification;
        return text ? [`${c.initials || c.role}: ${text}`] : [];
      })
      : [own?.justification ?? columns[0]?.sheet?.parameters?.find((x) => x.id === id)?.justification].filter((t): t is string => !!t);
    return { n: i + 1, title: p.title.kk, criteria: p.criteria.kk, scores, justifications };
  });
  // The justification of the whole score: the result's, or each evaluator's as submitted.
  const submittedSheets = quarterInput(source, methodId).data?.sheets ?? [];
  const general = several
    ? columns.map((c) => ({ who: c.role, text: submittedSheets.find((s) => s.role === c.sheet?.role)?.justification ?? '' }))
    : [{ who: '', text: current?.justification ?? '' }];
  const perParameter = settings.justification.perParameter === true;
  return {
    ...frame(ctx, !source, true),
    wording: wording(ctx, values),
    personName: source?.person.name ?? '',
    evaluators,
    periodLine: source ? periodLabel(source.year, source.period) : '',
    several,
    scoreColumns: several ? columns.map((c) => c.role) : [''],
    parameters: rows,
    totals: several ? columns.map((c) => c.score) : [originalScore !== undefined ? kzScore(originalScore) : ''],
    combined: several ? { score: originalScore !== undefined ? kzScore(originalScore) : '', span: columns.length } : undefined,
    calibrated: current?.calibration ? { finalScore: kzScore(current.calibration.finalScore), date: kzDate(source?.input?.calibrations?.find((c) => c.period === source.period && c.method === methodId)?.sessionOn) } : undefined,
    bandLabel: current?.bandLabel ?? '',
    bandChoices: bandChoices(ctx.m),
    // With a justification per parameter (the Негіздеме column) the line for the whole score is printed only when written.
    justifications: perParameter ? general.filter((g) => g.text) : general,
    signatures: signatures(ctx, source, current, true),
  };
}

// ——— questionnaire and surveyResult: the survey's questionnaire and its result ———
function questionnaireOf(ctx: FormContext, method: Method) {
  const questionnaires = method.survey!.questionnaires;
  const id = ctx.form.questionnaire
    ?? Object.entries(questionnaires).find(([, q]) => !q.remove && (q.form === ctx.id || q.resultForm === ctx.id))?.[0];
  const q = id !== undefined ? questionnaires[id] : undefined;
  if (!q) throw new Error(`no questionnaire of ${ctx.m.id} is printed on the form "${ctx.id}" (give the form a questionnaire, or the questionnaire form: ${ctx.id})`);
  return q;
}

function surveyValues(method: Method): Record<string, string> {
  const survey = method.survey!;
  return { answers: answerLabels(method).join('; '), respondentsMin: String(survey.respondents.min), respondentsMax: String(survey.respondents.max) };
}

const answerLabels = (method: Method) => Object.values(method.survey!.answers).filter((a) => !a.remove).sort((a, b) => a.points - b.points).map((a) => a.label.kk);

function questionnaire(ctx: FormContext, source?: FilledSource): FormView {
  const { methodId, method } = methodOf(ctx, 'survey');
  const q = questionnaireOf(ctx, method);
  const survey = source ? result(source, methodId, 'year') : undefined;
  return {
    ...frame(ctx, !source, !!survey?.competencies),
    wording: wording(ctx, surveyValues(method)),
    personName: source?.person.name ?? '',
    periodLine: source ? periodLabel(source.year, 'year') : '',
    answers: answerLabels(method),
    competencies: Object.entries(q.competencies).filter(([, c]) => !c.remove).map(([id, c], i) => {
      const average = survey?.competencies?.find((x) => x.id === id)?.average;
      return { n: i + 1, title: c.title.kk, indicators: Object.values(c.indicators).filter((s) => !s.remove).map((s) => s.text.kk), average: average !== undefined ? kzScore(average) : '' };
    }),
    respondents: survey?.respondents,
    signatures: signatures(ctx, source, survey, false),
  };
}

function surveyResult(ctx: FormContext, source?: FilledSource): FormView {
  const { methodId, method } = methodOf(ctx, 'survey');
  const q = questionnaireOf(ctx, method);
  const survey = source ? result(source, methodId, 'year') : undefined;
  const competencies = Object.entries(q.competencies).filter(([, c]) => !c.remove).map(([id, c], i) => {
    const average = survey?.competencies?.find((x) => x.id === id)?.average;
    return { n: i + 1, id, title: c.title.kk, value: average, average: average !== undefined ? kzScore(average) : '', weak: !!survey?.weakest?.includes(id) };
  });
  const points = Object.values(method.survey!.answers).filter((a) => !a.remove).map((a) => a.points);
  const min = Math.min(...points);
  const max = Math.max(...points);
  return {
    ...frame(ctx, !source, true),
    wording: wording(ctx, surveyValues(method)),
    personName: source?.person.name ?? '',
    periodLine: source ? periodLabel(source.year, 'year') : '',
    competencies,
    radar: radarChart(competencies.map((c) => ({ label: String(c.n), value: c.value })), { min: 0, max, rings: max, floor: min }),
    score: survey?.score !== undefined ? kzScore(survey.score) : '',
    bandLabel: survey?.bandLabel ?? '',
    respondents: survey?.respondents !== undefined ? String(survey.respondents) : '',
    weakest: competencies.filter((c) => c.weak).map((c) => c.title),
    signatures: signatures(ctx, source, survey, true),
  };
}

// ——— calibrationProtocol: the protocol of a calibration session (of any method) ———
const DIRECTION: Record<string, string> = {
  up: 'бағалау жоғарылау жағына қарай түзетілді',
  down: 'бағалау төмендеу жағына қарай түзетілді',
  unchanged: 'бағалау өзгеріссіз қалдырылды',
};

function calibrationProtocol(ctx: FormContext, source?: FilledSource): FormView {
  const { m } = ctx;
  const outcome = source?.calibration?.outcome;
  const methodResult = source?.calibration?.result;
  const submitted = source?.input?.calibrations?.find((c) => c.period === methodResult?.period && c.method === methodResult?.method);
  const bandOf = (score: number) => bandLabels(m).find((b) => score >= b.min && score <= b.max)?.label.kk ?? '';
  const members = submitted
    ? submitted.members.map((x, i) => ({ n: i + 1, name: x.name, position: x.position ?? '', proposal: kzScore(x.proposal), initials: surnameInitials(x.name) }))
    : outcome
      ? outcome.votes.flatMap((v) => Array.from({ length: v.count }, () => v.score)).map((score, i) => ({ n: i + 1, name: '', position: '', proposal: kzScore(score), initials: '' }))
      : Array.from({ length: 5 }, (_, i) => ({ n: i + 1, name: '', position: '', proposal: '', initials: '' }));
  const majority = outcome ? 'Қорытынды баға қатысушылардың басым дауысымен қабылданды.' : '';
  const tie = outcome?.decidedBy === 'tieRule'
    ? 'Ұсыныстардың ешқайсысы басым дауыс алмағандықтан, бағалаушы адамның қойған бағасы өзгеріссіз қалдырылды.'
    : '';
  return {
    ...frame(ctx, !source, true),
    wording: wording(ctx),
    personName: source?.person.name ?? '',
    position: source ? personFields(source).position : '',
    unit: source ? personFields(source).unit : '',
    method: methodResult ? m.methods[methodResult.method]?.title.kk ?? methodResult.method : '',
    periodLine: source && methodResult ? periodLabel(source.year, methodResult.period) : '',
    appliedOn: kzDate(outcome?.appliedOn ?? submitted?.appliedOn),
    decidedOn: kzDate(submitted?.decidedOn),
    sessionOn: kzDate(submitted?.sessionOn),
    approverRole: roleTitle(m, m.calibration.decisionBy),
    organizerRole: roleTitle(m, m.calibration.organizer),
    chair: submitted?.chair ?? '',
    chairInitials: surnameInitials(submitted?.chair),
    signingMembers: members.filter((x) => !submitted?.chair || x.name !== submitted.chair),
    members,
    original: outcome ? { score: kzScore(outcome.originalScore), band: bandOf(outcome.originalScore) } : undefined,
    votes: outcome ? outcome.votes.map((v) => ({ score: kzScore(v.score), count: v.count })) : [],
    decision: outcome ? { score: kzScore(outcome.finalScore), band: outcome.bandLabel, direction: DIRECTION[outcome.direction], majority, tie } : undefined,
    appeal: m.calibration.appealOfDecision?.text.kk ?? '',
  };
}

const VIEW_MODELS: Record<FormKind, (ctx: FormContext, source?: FilledSource) => FormView> = {
  workPlan, kpiSheet, scoreTable, parameterSheet, questionnaire, surveyResult, calibrationProtocol,
};

/** What the form `formId` of the methodology prints: blank without a source, filled with one. */
export function formView(m: Methodology, formId: string, source?: FilledSource): FormView {
  const ctx = contextOf(m, formId);
  return VIEW_MODELS[ctx.form.kind](ctx, source);
}

/** The forms of a methodology, in the order it lists them. */
export const formIds = (m: Methodology) => Object.entries(m.forms).filter(([, f]) => !f.remove).map(([id]) => id);
