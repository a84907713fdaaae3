// View models: pure functions from a methodology and (for filled forms) the engine's
// results and the submitted input to exactly the data a template prints. Everything a body
// words differently — the header, the form titles, the role titles, the body's name, the
// bands, the KPI table, the parameters, the questionnaires — is read from the methodology,
// so one set of templates serves every body. Templates only place the data.
import type { EvaluationInput, Person as InputPerson } from '../engine/input.generated.js';
import type { CalibrationOutcome, MethodResult, PersonResult } from '../engine/types.js';
import type { Methodology } from '../methodology/index.js';
import { radarChart } from './radar.js';
import { QUARTERS, capitalise, fromNumber, kzDate, kzNumber, kzScore, periodLabel, quarterLabel, surnameInitials, uncapitalise } from './text.js';

export type FormKey = 'annex1' | 'annex2' | 'annex3' | 'annex4' | 'annex5' | 'annex6' | 'annex7' | 'annex8' | 'calibrationProtocol';
export const FORM_KEYS: FormKey[] = ['annex1', 'annex2', 'annex3', 'annex4', 'annex5', 'annex6', 'annex7', 'annex8', 'calibrationProtocol'];

/** What every form prints around its own content. */
export interface FormFrame {
  formKey: FormKey;
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
  /** The KPI tables of annexes 1 and 2 have 13 columns: printed landscape. */
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
  /** Results of the person's other quarters (annex 2 prints the actual values of every quarter). */
  allResults?: MethodResult[];
}

const BLANK = '';

function frame(m: Methodology, formKey: FormKey, blank: boolean, showsResults: boolean): FormFrame {
  const form = m.forms[formKey];
  if (!form) throw new Error(`the methodology ${m.id} has no form "${formKey}"`);
  const headerText = (form.header?.kk ?? m.formHeader.kk).trim();
  const words = headerText.split(/\s+/);
  const annexWord = form.annex !== undefined ? `${form.annex}-қосымша` : '';
  const last = words.pop() ?? '';
  return {
    formKey,
    template: form.template ?? formKey,
    annex: form.annex,
    header: form.annex !== undefined ? { lead: words.join(' '), tail: `${last} ${annexWord}` } : { lead: '', tail: '' },
    title: form.title.kk,
    bodyName: m.body.name.kk,
    mark: showsResults && !blank ? m.confidentiality.mark?.kk : undefined,
    blank,
    pageWord: 'бет',
    orientation: formKey === 'annex1' || formKey === 'annex2' ? 'landscape' : 'portrait',
  };
}

const role = (m: Methodology, key: string) => capitalise(m.roles[key]?.title.kk ?? '');
const bandLabels = (m: Methodology) => Object.values(m.bands.levels).sort((a, b) => b.min - a.min);

/** "(функционалдық міндеттерін тиімді атқарады, …, … (қанағаттанарлықсыз баға))" as annexes 2 and 4 print it. */
function bandChoices(m: Methodology): string {
  const labels = bandLabels(m).map((b) => uncapitalise(b.label.kk) + (b.unsatisfactory ? ' (қанағаттанарлықсыз баға)' : ''));
  return `(${labels.join(', ')})`;
}

function result(source: FilledSource, method: string, period = source.period): MethodResult | undefined {
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

const evaluatorName = (source: FilledSource | undefined, period: string) => {
  const q = source?.input?.quarters?.[period];
  return q?.differentiation?.evaluator ?? q?.evaluator ?? '';
};

// ——— Annex 1: the head's individual work plan ———
export function annex1(m: Methodology, source?: FilledSource): FormView {
  const kpis = source?.input?.workPlan?.kpis;
  const rows = kpis
    ? kpis.map((k, i) => ({
      n: i + 1, name: k.name, source: k.source ?? '', unit: k.unit ?? '',
      plan: QUARTERS.map((q) => kzNumber(k.plan[q])),
      deadline: QUARTERS.map((q) => kzDate(k.deadline?.[q])),
      expectedResult: k.expectedResult ?? '',
    }))
    : ((source && source.person.results.find((r) => r.method === 'kpi' && r.kpis))?.kpis ?? []).map((k, i) => ({
      n: i + 1, name: k.name, source: '', unit: '', plan: QUARTERS.map((q) => (q === source?.period ? kzNumber(k.plan) : '')), deadline: QUARTERS.map(() => ''), expectedResult: '',
    }));
  const blankRows = source ? 0 : m.kpi.count.max;
  return {
    ...frame(m, 'annex1', !source, false),
    approver: { role: role(m, m.kpi.workPlanApprovedBy ?? 'superiorManager'), name: source?.input?.workPlan?.approvedBy ?? '', date: kzDate(source?.input?.workPlan?.approvedOn) },
    year: source ? String(source.year) : '',
    person: personFields(source),
    quarters: QUARTERS.map(quarterLabel),
    rows: rows.length ? rows : Array.from({ length: blankRows }, (_, i) => ({ n: i + 1, name: '', source: '', unit: '', plan: QUARTERS.map(() => ''), deadline: QUARTERS.map(() => ''), expectedResult: '' })),
  };
}

// ——— Annex 2: the KPI evaluation sheet ———
export function annex2(m: Methodology, source?: FilledSource): FormView {
  const current = source ? result(source, 'kpi') : undefined;
  const planned = source?.input?.workPlan?.kpis;
  const lines = current?.kpis ?? [];
  const ids = planned ? planned.map((k) => k.id) : lines.map((l) => l.id);
  const rows = ids.map((id, i) => {
    const plan = planned?.find((k) => k.id === id);
    const line = lines.find((l) => l.id === id);
    const actual = QUARTERS.map((q) => {
      const r = source && result(source, 'kpi', q);
      const v = r?.kpis?.find((l) => l.id === id)?.actual;
      return v === undefined ? '' : kzNumber(v);
    });
    return {
      n: i + 1, name: plan?.name ?? line?.name ?? '', unit: plan?.unit ?? '',
      plan: QUARTERS.map((q) => (plan ? kzNumber(plan.plan[q]) : q === source?.period ? kzNumber(line?.plan) : '')),
      actual, percent: line ? kzNumber(line.percent) : '', score: line ? kzScore(line.score) : '',
    };
  });
  const blankRows = Array.from({ length: m.kpi.count.max }, (_, i) => ({ n: i + 1, name: '', unit: '', plan: QUARTERS.map(() => ''), actual: QUARTERS.map(() => ''), percent: '', score: '' }));
  const person = personFields(source);
  return {
    ...frame(m, 'annex2', !source, true),
    personLine: source ? [person.name, person.position].filter(Boolean).join(', ') : '',
    periodLine: source ? periodLabel(source.year, source.period) : '',
    quarters: QUARTERS.map(quarterLabel),
    rows: source ? rows : blankRows,
    finalScore: current?.score !== undefined ? kzScore(current.score) : '',
    bandLabel: current?.bandLabel ?? '',
    bandChoices: bandChoices(m),
    signatures: [
      { role: role(m, 'evaluatedPerson'), name: person.initials, date: kzDate(source?.input?.quarters?.[source.period]?.communicatedOn) },
      { role: role(m, m.kpi.evaluator ?? 'evaluator'), name: surnameInitials(evaluatorName(source, source?.period ?? '')), date: kzDate(source?.input?.quarters?.[source?.period ?? '']?.evaluatedOn) },
    ],
  };
}

// ——— Annex 3: the allowed-score table ———
export function annex3(m: Methodology, source?: FilledSource): FormView {
  const lines = source ? result(source, 'kpi')?.kpis ?? [] : [];
  const rows = m.kpi.scoreTable.rows.map((row) => {
    const [percent, score] = row.printed.split('|').map((s) => s.trim());
    const used = lines.filter((l) => l.allowed?.row === row.printed).map((l) => `${l.name} — ${kzNumber(l.percent)} %, ${kzScore(l.score)}`);
    return { percent, score, used, marked: used.length > 0 };
  });
  return {
    ...frame(m, 'annex3', !source, !!source),
    personLine: source ? [source.person.name, periodLabel(source.year, source.period)].join(', ') : '',
    rows,
    anyUsed: rows.some((r) => r.marked),
  };
}

// ——— Annex 4: the differentiation sheet ———
export function annex4(m: Methodology, source?: FilledSource): FormView {
  const current = source ? result(source, 'differentiation') : undefined;
  const params = Object.entries(m.differentiation.parameters).filter(([, p]) => !p.remove);
  const printed = m.differentiation.scale.printedInForm ?? m.differentiation.scale;
  const justification = current?.justification ?? '';
  return {
    ...frame(m, 'annex4', !source, true),
    personName: source?.person.name ?? '',
    evaluatorRole: role(m, m.differentiation.evaluator),
    evaluatorName: evaluatorName(source, source?.period ?? ''),
    periodLine: source ? periodLabel(source.year, source.period) : '',
    scaleMax: m.differentiation.scale.max,
    scaleHeader: { from: fromNumber(printed.min), to: printed.max },
    parameters: params.map(([id, p], i) => ({
      n: i + 1, title: p.title.kk, criteria: p.criteria.kk,
      score: current?.parameters?.find((x) => x.id === id)?.score !== undefined ? kzScore(current.parameters!.find((x) => x.id === id)!.score) : '',
    })),
    average: current?.score !== undefined ? kzScore(current.calibration ? current.calibration.originalScore : current.score) : '',
    calibrated: current?.calibration ? { finalScore: kzScore(current.calibration.finalScore), date: kzDate(source?.input?.calibrations?.find((c) => c.period === source.period && c.method === 'differentiation')?.sessionOn) } : undefined,
    bandLabel: current?.bandLabel ?? '',
    bandChoices: bandChoices(m),
    justification,
    signatures: [
      { role: role(m, 'evaluatedPerson'), name: surnameInitials(source?.person.name), date: kzDate(source?.input?.quarters?.[source.period]?.communicatedOn) },
      { role: role(m, m.differentiation.evaluator), name: surnameInitials(evaluatorName(source, source?.period ?? '')), date: kzDate(source?.input?.quarters?.[source?.period ?? '']?.evaluatedOn) },
    ],
  };
}

// ——— Annexes 5 and 6: the 360 questionnaires ———
function questionnaireKey(m: Methodology, formKey: 'annex5' | 'annex6' | 'annex7' | 'annex8'): string {
  const entry = Object.entries(m.survey360.questionnaires).find(([, q]) => q.form === formKey || q.resultForm === formKey);
  if (!entry) throw new Error(`no questionnaire of ${m.id} uses the form ${formKey}`);
  return entry[0];
}

function questionnaire(m: Methodology, formKey: 'annex5' | 'annex6', source?: FilledSource): FormView {
  const q = m.survey360.questionnaires[questionnaireKey(m, formKey)];
  const survey = source ? result(source, 'survey360', 'year') : undefined;
  const answers = Object.values(m.survey360.answers).filter((a) => !a.remove).sort((a, b) => a.points - b.points).map((a) => a.label.kk);
  return {
    ...frame(m, formKey, !source, !!survey?.competencies),
    personName: source?.person.name ?? '',
    periodLine: source ? periodLabel(source.year, 'year') : '',
    answers,
    answersInline: answers.join('; '),
    competencies: Object.entries(q.competencies).filter(([, c]) => !c.remove).map(([id, c], i) => {
      const average = survey?.competencies?.find((x) => x.id === id)?.average;
      return { n: i + 1, title: c.title.kk, indicators: Object.values(c.indicators).map((s) => s.text.kk), average: average !== undefined ? kzScore(average) : '' };
    }),
    respondents: survey?.respondents,
  };
}
export const annex5 = (m: Methodology, source?: FilledSource) => questionnaire(m, 'annex5', source);
export const annex6 = (m: Methodology, source?: FilledSource) => questionnaire(m, 'annex6', source);

// ——— Annexes 7 and 8: the 360 results with the radar chart ———
function survey360Result(m: Methodology, formKey: 'annex7' | 'annex8', source?: FilledSource): FormView {
  const q = m.survey360.questionnaires[questionnaireKey(m, formKey)];
  const survey = source ? result(source, 'survey360', 'year') : undefined;
  const competencies = Object.entries(q.competencies).filter(([, c]) => !c.remove).map(([id, c], i) => {
    const average = survey?.competencies?.find((x) => x.id === id)?.average;
    return { n: i + 1, id, title: c.title.kk, value: average, average: average !== undefined ? kzScore(average) : '', weak: !!survey?.weakest?.includes(id) };
  });
  const answers = Object.values(m.survey360.answers).filter((a) => !a.remove);
  const min = Math.min(...answers.map((a) => a.points));
  const max = Math.max(...answers.map((a) => a.points));
  return {
    ...frame(m, formKey, !source, true),
    personName: source?.person.name ?? '',
    periodLine: source ? periodLabel(source.year, 'year') : '',
    competencies,
    radar: radarChart(competencies.map((c) => ({ label: String(c.n), value: c.value })), { min: 0, max, rings: max, floor: min }),
    score: survey?.score !== undefined ? kzScore(survey.score) : '',
    bandLabel: survey?.bandLabel ?? '',
    respondents: survey?.respondents !== undefined ? String(survey.respondents) : '',
    weakest: competencies.filter((c) => c.weak).map((c) => c.title),
    signatures: [
      { role: role(m, 'hrService'), name: '', date: '' },
      { role: `Танысты: ${uncapitalise(role(m, 'evaluatedPerson'))}`, name: surnameInitials(source?.person.name), date: kzDate(source?.input?.survey360?.communicatedOn) },
    ],
  };
}
export const annex7 = (m: Methodology, source?: FilledSource) => survey360Result(m, 'annex7', source);
export const annex8 = (m: Methodology, source?: FilledSource) => survey360Result(m, 'annex8', source);

// ——— The calibration session protocol ———
const DIRECTION: Record<string, string> = {
  up: 'бағалау жоғарылау жағына қарай түзетілді',
  down: 'бағалау төмендеу жағына қарай түзетілді',
  unchanged: 'бағалау өзгеріссіз қалдырылды',
};

export function calibrationProtocol(m: Methodology, source?: FilledSource): FormView {
  const outcome = source?.calibration?.outcome;
  const methodResult = source?.calibration?.result;
  const submitted = source?.input?.calibrations?.find((c) => c.period === methodResult?.period && c.method === methodResult?.method);
  const bandOf = (score: number) => bandLabels(m).find((b) => score >= b.min && score <= b.max)?.label.kk ?? '';
  const members = submitted
    ? submitted.members.map((x, i) => ({ n: i + 1, name: x.name, position: x.position ?? '', proposal: kzScore(x.proposal), initials: surnameInitials(x.name) }))
    : outcome
      ? outcome.votes.flatMap((v) => Array.from({ length: v.count }, () => v.score)).map((score, i) => ({ n: i + 1, name: '', position: '', proposal: kzScore(score), initials: '' }))
      : Array.from({ length: 5 }, (_, i) => ({ n: i + 1, name: '', position: '', proposal: '', initials: '' }));
  const majority = outcome ? `Қорытынды баға қатысушылардың басым дауысымен қабылданды.` : '';
  const tie = outcome?.decidedBy === 'tieRule'
    ? 'Ұсыныстардың ешқайсысы басым дауыс алмағандықтан, бағалаушы адамның қойған бағасы өзгеріссіз қалдырылды.'
    : '';
  return {
    ...frame(m, 'calibrationProtocol', !source, true),
    personName: source?.person.name ?? '',
    position: source ? personFields(source).position : '',
    unit: source ? personFields(source).unit : '',
    method: methodResult ? m.methods[methodResult.method]?.title.kk ?? methodResult.method : '',
    periodLine: source && methodResult ? periodLabel(source.year, methodResult.period) : '',
    appliedOn: kzDate(outcome?.appliedOn ?? submitted?.appliedOn),
    decidedOn: kzDate(submitted?.decidedOn),
    sessionOn: kzDate(submitted?.sessionOn),
    approverRole: role(m, m.calibration.decisionBy),
    organizerRole: role(m, m.calibration.organizer),
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

export const VIEW_MODELS: Record<FormKey, (m: Methodology, source?: FilledSource) => FormView> = {
  annex1, annex2, annex3, annex4, annex5, annex6, annex7, annex8, calibrationProtocol,
};
