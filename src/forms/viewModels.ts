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
import {
  QUARTERS,
  capitalise,
  fromNumber,
  kzClause,
  kzDate,
  kzNumber,
  kzScore,
  periodLabel,
  quarterLabel,
  surnameInitials,
  uncapitalise,
} from './text.js';

type Form = Methodology['forms'][string];
type Method = Methodology['methods'][string];
type Text = { kk: string };
type Wording = NonNullable<Form['wording']>;
export type FormKind = Form['kind'];

/** What every form prints around its own content. */
export interface FormFrame {
  formId: string;
  kind: FormKind;
  template: string;
  /** The annex number; true for an annex whose number is not known. */
  annex?: number | true;
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
  /** The PDF's Author: the body. */
  author: string;
  /** The PDF's Subject: the person and the period ("" on a blank form). */
  subject: string;
  /**
   * Above the signatures (a line the acts do not print): the form's title, the person and the
   * period, so that a page with signatures says what is signed and for whom.
   */
  signedFor: { title: string; person: string; period: string };
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
  /** For the calibration protocol: the case (no outcome: a case the engine did not apply, its proposals outside the scale). */
  calibration?: { result: MethodResult; outcome?: CalibrationOutcome };
  /** Results of the person's other quarters (the KPI sheet prints the actual values of the quarters up to its own). */
  allResults?: MethodResult[];
  /** Who signs for a role that does not score (the input's signatories). */
  signatories?: Record<string, { name: string; position?: string }>;
}

/** A text of the methodology with its {placeholders} filled. */
export interface Printed {
  /** keep: a filled value of one word ("1-ден"), which must not break at its hyphen; strong: a value printed in bold. */
  parts: { text: string; keep: boolean; strong?: boolean }[];
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
  /** Printed under the line instead of a date: "қатысуынсыз бағаланды". */
  note?: string;
}

/** A score changed (or kept) by a calibration session, as the sheet prints it under the evaluator's score. */
export interface CalibratedView {
  /** The evaluator's score, which the sheet shows. */
  original: string;
  final: string;
  changed: boolean;
  /** The protocol: the date it was signed (or of the session). */
  protocolDate: string;
}

/** The texts a form prints, each the form's own (forms.<id>.wording), else its kind's, else every form's (formWording). */
interface FormTexts {
  intro?: Text[];
  note?: Text;
  closing?: Text;
  columns: Record<string, Text>;
  labels: Record<string, Text>;
  rows: NonNullable<Wording['rows']>;
}

/** One form of a methodology, with the method it prints, while its view is built. */
interface FormContext {
  m: Methodology;
  id: string;
  form: Form;
  methodId?: string;
  method?: Method;
  texts: FormTexts;
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
  if (form.method !== undefined && !method)
    throw new Error(`the form "${id}" of ${m.id} prints the method "${form.method}", which the methodology does not declare`);
  return { m, id, form, methodId: form.method, method, texts: textsOf(m, form.kind, form.wording) };
}

/**
 * The wording a form prints: formWording.all, then formWording.<kind>, then the form's own
 * wording, each replacing the one before key by key (intro, note, closing, columns.<key>,
 * labels.<key>, rows.<id>).
 */
function textsOf(m: Methodology, kind: FormKind, own?: Wording): FormTexts {
  const texts: FormTexts = { columns: {}, labels: {}, rows: {} };
  for (const w of [m.formWording?.all, m.formWording?.[kind], own]) {
    if (!w) continue;
    if (w.intro) texts.intro = w.intro;
    if (w.note) texts.note = w.note;
    if (w.closing) texts.closing = w.closing;
    Object.assign(texts.columns, w.columns);
    Object.assign(texts.labels, w.labels);
    Object.assign(texts.rows, w.rows);
  }
  return texts;
}

/** A label of the form, its {placeholders} filled, as plain text ("" where the methodology gives none). */
const labelText = (ctx: FormContext, key: string, values: Record<string, string> = {}) => plainText(fill(ctx.texts.labels[key], values));

/** The form's method, which must be of the kind its template is made for. */
function methodOf(ctx: FormContext, kind: Method['kind']): { methodId: string; method: Method } {
  if (!ctx.method || !ctx.methodId) throw new Error(`the form "${ctx.id}" (${ctx.form.kind}) names no method to print`);
  if (ctx.method.kind !== kind)
    throw new Error(
      `the form "${ctx.id}" is a ${ctx.form.kind}, which prints a ${kind} method, but "${ctx.methodId}" is of kind ${ctx.method.kind}`,
    );
  return { methodId: ctx.methodId, method: ctx.method };
}

function frame(ctx: FormContext, blank: boolean, showsResults: boolean, source?: FilledSource, period?: string): FormFrame {
  const { m, form } = ctx;
  const periodText = source ? periodLabel(source.year, period ?? source.period) : '';
  const headerText = (form.header?.kk ?? m.formHeader.kk).trim();
  const words = headerText.split(/\s+/);
  const last = words.pop() ?? '';
  return {
    formId: ctx.id,
    kind: form.kind,
    template: form.template ?? kindTemplate(form.kind),
    annex: form.annex,
    // An annex whose number is not known (annex: true) still names the body's methodology.
    header:
      form.annex !== undefined
        ? {
            lead: words.join(' '),
            tail: `${last} ${form.annex === true ? labelText(ctx, 'annexUnnumbered') : labelText(ctx, 'annex', { annex: String(form.annex) })}`,
          }
        : { lead: '', tail: '' },
    title: form.title.kk,
    bodyName: m.body.name.kk,
    mark: showsResults && !blank ? m.confidentiality.mark?.kk : undefined,
    blank,
    pageWord: labelText(ctx, 'page'),
    // (a KPI sheet printed as the act prints it, its table continued below, fits a portrait page)
    orientation: LANDSCAPE_KINDS.has(form.kind) && !(form.kind === 'kpiSheet' && ctx.texts.labels.continuation) ? 'landscape' : 'portrait',
    author: m.body.name.kk,
    subject: source ? [source.person.name, periodText].filter(Boolean).join(', ') : '',
    signedFor: { title: form.title.kk, person: source?.person.name ?? '', period: periodText },
  };
}

/**
 * "{scaleMax}" in a text of the methodology → the value; a name the form does not know is
 * printed as written. The values named in `strong` are printed in bold.
 */
export function fill(text: Text | undefined, values: Record<string, string>, strong: string[] = []): Printed | undefined {
  if (!text) return undefined;
  const parts: Printed['parts'] = [];
  let last = 0;
  for (const match of text.kk.matchAll(/\{([A-Za-z][A-Za-z0-9]*)\}/g)) {
    const value = values[match[1]];
    if (value === undefined) continue;
    if (match.index > last) parts.push({ text: text.kk.slice(last, match.index), keep: false });
    if (value) parts.push({ text: value, keep: !/\s/.test(value), ...(strong.includes(match[1]) ? { strong: true } : {}) });
    last = match.index + match[0].length;
  }
  if (last < text.kk.length) parts.push({ text: text.kk.slice(last), keep: false });
  return { parts };
}

export const plainText = (printed: Printed | undefined) => printed?.parts.map((p) => p.text).join('') ?? '';

function wording(ctx: FormContext, values: Record<string, string> = {}): WordingView {
  const w = ctx.texts;
  const map = (entries: Record<string, Text> | undefined) =>
    Object.fromEntries(Object.entries(entries ?? {}).map(([k, t]) => [k, fill(t, values)!]));
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
function bandChoices(ctx: FormContext): string {
  const unsatisfactory = labelText(ctx, 'unsatisfactory');
  const labels = bandLabels(ctx.m).map((b) => uncapitalise(b.label.kk) + (b.unsatisfactory && unsatisfactory ? ` ${unsatisfactory}` : ''));
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
  return { quarter, data: isObject(data) ? data : undefined };
}

/** A yearly method's data: annual.<method>, or <method> on the person in inputs written before methods had ids of their own. */
function yearlyInput(
  source: FilledSource | undefined,
  methodId: string | undefined,
): { communicatedOn?: string; evaluatedOn?: string } | undefined {
  if (!source?.input || methodId === undefined) return undefined;
  const annual = source.input.annual?.[methodId];
  if (annual) return annual;
  const own = (source.input as unknown as Record<string, unknown>)[methodId];
  return isObject(own) ? own : undefined;
}

/**
 * The one evaluator of a sheet filled the single-evaluator way: the method's data or the
 * quarter's; else the input's signatory for the role. A survey's respondents are anonymous:
 * its "evaluator" is the role that draws up the result (the HR service), named by the
 * input's signatories and dated when the results were drawn up.
 */
function singleEvaluator(ctx: FormContext, source: FilledSource | undefined, role?: string): { name: string; date: string } {
  if (!source) return { name: '', date: '' };
  const signatory = role !== undefined ? source.signatories?.[role]?.name : undefined;
  if (ctx.method?.kind === 'survey') return { name: signatory ?? '', date: drawnUpOn(ctx, source) ?? '' };
  const { quarter, data } = quarterInput(source, ctx.methodId);
  return { name: data?.evaluator ?? quarter?.evaluator ?? signatory ?? '', date: data?.evaluatedOn ?? quarter?.evaluatedOn ?? '' };
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
function signatures(
  ctx: FormContext,
  source: FilledSource | undefined,
  current: MethodResult | undefined,
  byDefault: boolean,
): Signature[] {
  const evaluators = ctx.method?.evaluators;
  const roles = ctx.form.signatures ?? (byDefault && evaluators ? [...evaluators.roles, ...(evaluators.signedBy ?? [])] : []);
  const labels = ctx.texts.labels;
  const approver = ctx.method?.kpi?.workPlanApprovedBy;
  return roles.flatMap((role): Signature[] => {
    const label = labels[role]?.kk ?? roleTitle(ctx.m, role);
    if (evaluators?.roles.includes(role)) {
      const sheets = current?.sheets?.filter((s) => s.role === role) ?? [];
      if (sheets.length) {
        // a delegate or a substitute signs under their own title (the sheet's)
        return sheets.map((s) => ({
          role: labels[role]?.kk ?? capitalise(s.roleTitle),
          name: surnameInitials(s.name),
          date: kzDate(s.evaluatedOn),
        }));
      }
      const one = singleEvaluator(ctx, source, role);
      return [{ role: label, name: surnameInitials(one.name), date: kzDate(one.date) }];
    }
    if (role === approver)
      return [{ role: label, name: source?.input?.workPlan?.approvedBy ?? '', date: kzDate(source?.input?.workPlan?.approvedOn) }];
    // The evaluated person signs that they have seen the result — but one evaluated without
    // taking part did not: the line stays empty, with the fact under it.
    if (ctx.m.roles[role]?.isEvaluatedPerson) {
      if (current?.status === 'withoutParticipation')
        return [{ role: label, name: surnameInitials(source?.person.name), date: '', note: labelText(ctx, 'withoutParticipation') }];
      return [{ role: label, name: surnameInitials(source?.person.name), date: kzDate(informedOn(ctx, source)) }];
    }
    // Any other signer (the HR service on a 360 result): the name the input gives for the role,
    // dated the day the results were drawn up.
    const signatory = source?.signatories?.[role];
    if (signatory) return [{ role: label, name: surnameInitials(signatory.name), date: kzDate(drawnUpOn(ctx, source)) }];
    return [{ role: label, name: '', date: '' }];
  });
}

/** The day the results of the form's method were drawn up: the method's evaluatedOn for the period. */
function drawnUpOn(ctx: FormContext, source: FilledSource | undefined): string | undefined {
  if (!source) return undefined;
  if (source.period === 'year') return yearlyInput(source, ctx.methodId)?.evaluatedOn;
  const { quarter, data } = quarterInput(source, ctx.methodId);
  return data?.evaluatedOn ?? quarter?.evaluatedOn;
}

/** A calibrated result: the evaluator's score, the session's and the protocol (its date). */
function calibratedView(source: FilledSource | undefined, current: MethodResult | undefined): CalibratedView | undefined {
  const outcome = current?.calibration;
  if (!source || !outcome) return undefined;
  const submitted = source.input?.calibrations?.find((c) => c.period === current.period && c.method === current.method);
  return {
    original: kzScore(outcome.originalScore),
    final: kzScore(outcome.finalScore),
    changed: kzScore(outcome.originalScore) !== kzScore(outcome.finalScore),
    protocolDate: kzDate(submitted?.protocolSignedOn ?? submitted?.sessionOn),
  };
}

/** The line under a calibrated score, in the words of labels.calibratedChanged or labels.calibratedKept. */
function calibratedLine(ctx: FormContext, calibrated: CalibratedView | undefined): Printed | undefined {
  if (!calibrated) return undefined;
  const protocol = calibrated.protocolDate ? labelText(ctx, 'protocol', { date: calibrated.protocolDate }) : '';
  const values = { protocol, final: calibrated.final, original: calibrated.original };
  return fill(ctx.texts.labels[calibrated.changed ? 'calibratedChanged' : 'calibratedKept'], values, ['final']);
}

/**
 * Why a result was not scored the ordinary way, in the methodology's words and with its clause:
 * "Бағалау мерзімі аяқталғанға дейін жұмыстан шығарылған — қатысуынсыз бағаланады
 * (әдістеменің 7-тармағы)." Only for results evaluated without participation or deferred.
 */
function statusNote(ctx: FormContext, current: MethodResult | undefined): string {
  const eligibility = current?.eligibility;
  if (!current || !eligibility || (current.status !== 'withoutParticipation' && current.status !== 'deferred')) return '';
  const rule = eligibility.rule ? ctx.m.eligibility.rules[eligibility.rule] : undefined;
  const title = rule?.title.kk ?? eligibility.reason ?? labelText(ctx, current.status);
  const clause = kzClause(rule?.basis);
  return `${capitalise(title)}${clause ? ` (${clause})` : ''}.`;
}

// ——— workPlan: the individual work plan of KPIs ———
function workPlan(ctx: FormContext, source?: FilledSource): FormView {
  const { methodId, method } = methodOf(ctx, 'kpi');
  const settings = method.kpi!;
  const kpis = source?.input?.workPlan?.kpis;
  const blankRow = (n: number | string) => ({
    n,
    name: '',
    source: '',
    unit: '',
    plan: QUARTERS.map(() => ''),
    deadline: QUARTERS.map(() => ''),
    expectedResult: '',
  });
  const rows = kpis
    ? kpis.map((k, i) => ({
        n: i + 1,
        name: k.name,
        source: k.source ?? '',
        unit: k.unit ?? '',
        plan: QUARTERS.map((q) => kzNumber(k.plan[q])),
        deadline: QUARTERS.map((q) => kzDate(k.deadline?.[q])),
        expectedResult: k.expectedResult ?? '',
      }))
    : // without the submitted plan, what the results hold: the plan of the quarter evaluated
      ((source && source.person.results.find((r) => r.method === methodId && r.kpis))?.kpis ?? []).map((k, i) => ({
        ...blankRow(i + 1),
        name: k.name,
        plan: QUARTERS.map((q) => (q === source?.period ? kzNumber(k.plan) : '')),
      }));
  return {
    ...frame(ctx, !source, false, source),
    wording: wording(ctx, scaleValues(settings.scale, { countMin: String(settings.count.min), countMax: String(settings.count.max) })),
    // the act's approval block has a line for the day ("күні", dd.mm) and one for the year ("жыл")
    approver: {
      role: roleTitle(ctx.m, settings.workPlanApprovedBy),
      name: source?.input?.workPlan?.approvedBy ?? '',
      day: kzDate(source?.input?.workPlan?.approvedOn).slice(0, 5),
      year: source?.input?.workPlan?.approvedOn?.slice(0, 4) ?? '',
    },
    year: source ? String(source.year) : '',
    person: personFields(source),
    quarters: QUARTERS.map(quarterLabel),
    // a blank plan: empty rows to write in, unnumbered (the act's table prints no rows)
    rows: rows.length ? rows : Array.from({ length: source ? 0 : settings.count.max }, () => blankRow('')),
    signatures: signatures(ctx, source, undefined, false),
  };
}

/** The placeholders a scale gives the wording: {scaleMin}, {scaleMax}, {scaleFrom} ("0-ден"). */
function scaleValues(scale: { min: number; max: number }, more: Record<string, string> = {}, prefix = 'scale'): Record<string, string> {
  return {
    [`${prefix}Min`]: kzNumber(scale.min),
    [`${prefix}Max`]: kzNumber(scale.max),
    [`${prefix}From`]: fromNumber(scale.min).replace('.', ','),
    ...more,
  };
}

// ——— kpiSheet: the KPI evaluation sheet ———
function kpiSheet(ctx: FormContext, source?: FilledSource): FormView {
  const { methodId, method } = methodOf(ctx, 'kpi');
  const settings = method.kpi!;
  const current = source ? result(source, methodId) : undefined;
  const planned = source?.input?.workPlan?.kpis;
  const lines = current?.kpis ?? [];
  const ids = planned ? planned.map((k) => k.id) : lines.map((l) => l.id);
  // The sheet of a quarter is signed after that quarter: it shows the work plan's planned
  // values and the actual values of that quarter and the ones before it, never later ones.
  const upTo = QUARTERS.indexOf(source?.period as (typeof QUARTERS)[number]);
  const rows = ids.map((id, i) => {
    const plan = planned?.find((k) => k.id === id);
    const line = lines.find((l) => l.id === id);
    const actual = QUARTERS.map((q, qi) => {
      if (qi > upTo) return '';
      const r = source && result(source, methodId, q);
      const v = r?.kpis?.find((l) => l.id === id)?.actual;
      return v === undefined ? '' : kzNumber(v);
    });
    return {
      n: i + 1,
      name: plan?.name ?? line?.name ?? '',
      unit: plan?.unit ?? '',
      plan: QUARTERS.map((q) => (plan ? kzNumber(plan.plan[q]) : q === source?.period ? kzNumber(line?.plan) : '')),
      actual,
      percent: line ? kzNumber(line.percent) : '',
      score: line ? kzScore(line.score) : '',
    };
  });
  // empty rows to write in, unnumbered (the act's table prints no rows)
  const blankRows = Array.from({ length: settings.count.max }, () => ({
    n: '',
    name: '',
    unit: '',
    plan: QUARTERS.map(() => ''),
    actual: QUARTERS.map(() => ''),
    percent: '',
    score: '',
  }));
  const person = personFields(source);
  const calibrated = calibratedView(source, current);
  return {
    ...frame(ctx, !source, true, source),
    wording: wording(ctx, scaleValues(settings.scale, { countMin: String(settings.count.min), countMax: String(settings.count.max) })),
    personLine: source ? [person.name, person.position].filter(Boolean).join(', ') : '',
    periodLine: source ? periodLabel(source.year, source.period) : '',
    quarters: QUARTERS.map(quarterLabel),
    rows: source ? rows : blankRows,
    // the evaluator's score; a calibration session's is printed under it, with its protocol
    finalScore: calibrated ? calibrated.original : current?.score !== undefined ? kzScore(current.score) : '',
    calibrated,
    calibratedLine: calibratedLine(ctx, calibrated),
    statusNote: statusNote(ctx, current),
    bandLabel: current?.bandLabel ?? '',
    bandChoices: bandChoices(ctx),
    signatures: signatures(ctx, source, current, true),
  };
}

// ——— scoreTable: the allowed-score table of the KPI method ———
function scoreTable(ctx: FormContext, source?: FilledSource): FormView {
  const { methodId, method } = methodOf(ctx, 'kpi');
  const settings = method.kpi!;
  const lines = source ? (result(source, methodId)?.kpis ?? []) : [];
  const rows = settings.scoreTable.rows.map((row) => {
    const [percent, score] = row.printed.split('|').map((s) => s.trim());
    const used = lines
      .filter((l) => l.allowed?.row === row.printed)
      .map((l) => `${l.name} — ${kzNumber(l.percent)}\u00a0%, ${kzScore(l.score)}`);
    return { percent, score, used, marked: used.length > 0 };
  });
  return {
    ...frame(ctx, !source, !!source, source),
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
    ? current.sheets.map((s) => ({
        role: capitalise(s.roleTitle),
        name: s.name ?? '',
        initials: surnameInitials(s.name),
        score: shown(s),
        sheet: s,
      }))
    : !source && separateSheets && evaluatorRoles.length > 1
      ? evaluatorRoles.map((role) => ({ role: roleTitle(ctx.m, role), name: '', initials: '', score: '' }))
      : [];
  const several = columns.length > 1;
  const one = singleEvaluator(ctx, source, evaluatorRoles[0]);
  // the sheet shows the evaluators' score; a calibration session's is printed below it
  const originalScore = current?.calibration ? current.calibration.originalScore : current?.score;
  // a substitute's sheet says for whom they evaluated (substituteFor: the absent evaluator's name)
  // (the role under the name: with several evaluators, or for a delegate or a substitute)
  const evaluators = columns.length
    ? columns.map((c) => {
        const actingFor = surnameInitials(c.sheet?.substituteFor);
        return {
          role: c.role,
          name: c.name,
          actingForLine: actingFor ? fill(ctx.texts.labels.actingFor, { name: actingFor }) : undefined,
          showRole: columns.length > 1 || !!actingFor || c.role !== roleTitle(ctx.m, evaluatorRoles[0]),
        };
      })
    : [{ role: roleTitle(ctx.m, evaluatorRoles[0]), name: one.name, showRole: false }];
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
    const printed = ctx.texts.rows[id];
    return { n: i + 1, title: printed?.title?.kk ?? p.title.kk, criteria: printed?.criteria?.kk ?? p.criteria.kk, scores, justifications };
  });
  // The justification of the whole score: the result's, or each evaluator's as submitted.
  const submittedSheets = quarterInput(source, methodId).data?.sheets ?? [];
  const general = several
    ? columns.map((c) => ({ who: c.role, text: submittedSheets.find((s) => s.role === c.sheet?.role)?.justification ?? '' }))
    : [{ who: '', text: current?.justification ?? '' }];
  const perParameter = settings.justification.perParameter === true;
  return {
    ...frame(ctx, !source, true, source),
    wording: wording(ctx, values),
    personName: source?.person.name ?? '',
    evaluators,
    periodLine: source ? periodLabel(source.year, source.period) : '',
    several,
    scoreColumns: several ? columns.map((c) => c.role) : [''],
    // parameter, criteria, a score column per evaluator, justification (the end of the form spans them)
    columnCount: 3 + (several ? columns.length : 1),
    parameters: rows,
    totals: several ? columns.map((c) => c.score) : [originalScore !== undefined ? kzScore(originalScore) : ''],
    combined: several ? { score: originalScore !== undefined ? kzScore(originalScore) : '', span: columns.length } : undefined,
    calibrated: calibratedView(source, current),
    calibratedLine: calibratedLine(ctx, calibratedView(source, current)),
    statusNote: statusNote(ctx, current),
    bandLabel: current?.bandLabel ?? '',
    bandChoices: bandChoices(ctx),
    // With a justification per parameter (the Негіздеме column) the line for the whole score is printed only when written.
    justifications: perParameter ? general.filter((g) => g.text) : general,
    signatures: signatures(ctx, source, current, true),
  };
}

// ——— questionnaire and surveyResult: the survey's questionnaire and its result ———
function questionnaireOf(ctx: FormContext, method: Method) {
  const questionnaires = method.survey!.questionnaires;
  const id =
    ctx.form.questionnaire ??
    Object.entries(questionnaires).find(([, q]) => !q.remove && (q.form === ctx.id || q.resultForm === ctx.id))?.[0];
  const q = id !== undefined ? questionnaires[id] : undefined;
  if (!q)
    throw new Error(
      `no questionnaire of ${ctx.m.id} is printed on the form "${ctx.id}" (give the form a questionnaire, or the questionnaire form: ${ctx.id})`,
    );
  return q;
}

function surveyValues(method: Method): Record<string, string> {
  const survey = method.survey!;
  return {
    answers: answerLabels(method).join('; '),
    respondentsMin: String(survey.respondents.min),
    respondentsMax: String(survey.respondents.max),
  };
}

const answerLabels = (method: Method) =>
  Object.values(method.survey!.answers)
    .filter((a) => !a.remove)
    .sort((a, b) => a.points - b.points)
    .map((a) => a.label.kk);

/**
 * The questionnaire a respondent fills in about a person. Filled, it names the person and
 * nothing else: the answers are the respondents' and the averages are the result (the
 * surveyResult form), never printed under the address to a respondent.
 */
function questionnaire(ctx: FormContext, source?: FilledSource): FormView {
  const { method } = methodOf(ctx, 'survey');
  const q = questionnaireOf(ctx, method);
  const titles = ctx.texts.rows;
  return {
    ...frame(ctx, !source, false, source, 'year'),
    wording: wording(ctx, surveyValues(method)),
    personName: source?.person.name ?? '',
    periodLine: source ? periodLabel(source.year, 'year') : '',
    answers: answerLabels(method),
    competencies: Object.entries(q.competencies)
      .filter(([, c]) => !c.remove)
      .map(([id, c], i) => {
        const title = titles[id]?.title?.kk ?? c.title.kk;
        return {
          n: i + 1,
          title,
          indicators: Object.values(c.indicators)
            .filter((s) => !s.remove)
            .map((s) => s.text.kk),
          averageLabel: titles[id]?.average?.kk ?? labelText(ctx, 'average', { title }),
        };
      }),
    signatures: signatures(ctx, source, undefined, false),
  };
}

function surveyResult(ctx: FormContext, source?: FilledSource): FormView {
  const { methodId, method } = methodOf(ctx, 'survey');
  const q = questionnaireOf(ctx, method);
  const survey = source ? result(source, methodId, 'year') : undefined;
  const titles = ctx.texts.rows;
  const competencies = Object.entries(q.competencies)
    .filter(([, c]) => !c.remove)
    .map(([id, c], i) => {
      const average = survey?.competencies?.find((x) => x.id === id)?.average;
      return {
        n: i + 1,
        id,
        title: titles[id]?.title?.kk ?? c.title.kk,
        value: average,
        average: average !== undefined ? kzScore(average) : '',
        weak: !!survey?.weakest?.includes(id),
      };
    });
  const weakest = competencies.filter((c) => c.weak).map((c) => c.title);
  const points = Object.values(method.survey!.answers)
    .filter((a) => !a.remove)
    .map((a) => a.points);
  const min = Math.min(...points);
  const max = Math.max(...points);
  const calibrated = calibratedView(source, survey);
  return {
    ...frame(ctx, !source, true, source, 'year'),
    wording: wording(ctx, surveyValues(method)),
    personName: source?.person.name ?? '',
    periodLine: source ? periodLabel(source.year, 'year') : '',
    competencies,
    radar: radarChart(
      competencies.map((c) => ({ label: String(c.n), value: c.value })),
      { min: 0, max, rings: max, floor: min },
    ),
    score: calibrated ? calibrated.original : survey?.score !== undefined ? kzScore(survey.score) : '',
    calibrated,
    calibratedLine: calibratedLine(ctx, calibrated),
    statusNote: statusNote(ctx, survey),
    // a band only where the methodology gives the 360 one (survey.result.band)
    bandLabel: survey?.bandLabel ?? '',
    weakestLine: weakest.length ? fill(ctx.texts.labels.weakest, { weakest: weakest.join(', ') }) : undefined,
    signatures: signatures(ctx, source, survey, true),
  };
}

// ——— calibrationProtocol: the protocol of a calibration session (of any method) ———

/** What the session decided, as one sentence, for each outcome the engine can reach. */
export type DecisionKind =
  | 'majorityUp'
  | 'majorityDown'
  | 'majorityUnchanged'
  | 'majorityNotAllowed'
  | 'tieStands'
  | 'tieLower'
  | 'tieHigher'
  | 'tieChair'
  | 'outsideScale';

/**
 * The decision of a session: the case the engine applied (`outcome`) or, when it was not
 * applied because a proposal lay outside the scale, the submitted proposals. Each sentence is
 * the methodology's: the protocol's labels.<kind> (formWording.calibrationProtocol, or the
 * form's own wording).
 */
export function decisionOf(
  m: Methodology,
  outcome: CalibrationOutcome | undefined,
  proposals: number[],
  contested: number | undefined,
  labels: Record<string, Text> = textsOf(m, 'calibrationProtocol').labels,
): { kind: DecisionKind; text: string } | undefined {
  let kind: DecisionKind;
  const values: Record<string, string> = { min: kzNumber(m.scores.min), max: kzNumber(m.scores.max) };
  if (!outcome) {
    if (contested === undefined || !proposals.some((p) => p < m.scores.min || p > m.scores.max)) return undefined;
    kind = 'outsideScale';
    values.original = kzScore(contested);
  } else {
    const members = outcome.votes.reduce((n, v) => n + v.count, 0);
    const top = [...outcome.votes].sort((a, b) => b.count - a.count)[0];
    Object.assign(values, {
      original: kzScore(outcome.originalScore),
      final: kzScore(outcome.finalScore),
      members: String(members),
      count: String(top?.count ?? 0),
      proposal: top ? kzScore(top.score) : '',
    });
    if (outcome.decidedBy === 'majority') {
      const votedFor = top ? kzScore(top.score) : values.final;
      kind =
        votedFor !== values.final
          ? 'majorityNotAllowed'
          : outcome.direction === 'up'
            ? 'majorityUp'
            : outcome.direction === 'down'
              ? 'majorityDown'
              : 'majorityUnchanged';
    } else {
      kind =
        outcome.tieRule === 'lowerScore'
          ? 'tieLower'
          : outcome.tieRule === 'higherScore'
            ? 'tieHigher'
            : outcome.tieRule === 'chairDecides'
              ? 'tieChair'
              : 'tieStands';
    }
  }
  const text = plainText(fill(labels[kind], values));
  return { kind, text };
}

function calibrationProtocol(ctx: FormContext, source?: FilledSource): FormView {
  const { m } = ctx;
  const outcome = source?.calibration?.outcome;
  const methodResult = source?.calibration?.result;
  const submitted = source?.input?.calibrations?.find((c) => c.period === methodResult?.period && c.method === methodResult?.method);
  const bandOf = (score: number) => bandLabels(m).find((b) => score >= b.min && score <= b.max)?.label.kk ?? '';
  const members = submitted
    ? submitted.members.map((x, i) => ({
        n: i + 1,
        name: x.name,
        position: x.position ?? '',
        proposal: kzScore(x.proposal),
        initials: surnameInitials(x.name),
      }))
    : outcome
      ? outcome.votes
          .flatMap((v) => Array.from({ length: v.count }, () => v.score))
          .map((score, i) => ({ n: i + 1, name: '', position: '', proposal: kzScore(score), initials: '' }))
      : Array.from({ length: 5 }, (_, i) => ({ n: i + 1, name: '', position: '', proposal: '', initials: '' }));
  // the evaluator's score: the calibrated result's original, or (a case not applied) the result as it stands
  const contested = outcome?.originalScore ?? (source && methodResult ? methodResult.score : undefined);
  const votes = outcome ? outcome.votes : submitted ? tally(submitted.members.map((x) => x.proposal)) : [];
  const decision = source
    ? decisionOf(m, outcome, submitted?.members.map((x) => x.proposal) ?? [], contested, ctx.texts.labels)
    : undefined;
  const final = outcome ? outcome.finalScore : decision ? contested : undefined;
  return {
    ...frame(ctx, !source, true, source, methodResult?.period),
    wording: wording(ctx, { decisionBy: roleTitle(m, m.calibration.decisionBy), organizer: roleTitle(m, m.calibration.organizer) }),
    personName: source?.person.name ?? '',
    position: source ? personFields(source).position : '',
    unit: source ? personFields(source).unit : '',
    method: methodResult ? (m.methods[methodResult.method]?.title.kk ?? methodResult.method) : '',
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
    original: contested !== undefined ? { score: kzScore(contested), band: bandOf(contested) } : undefined,
    votes: votes.map((v) => ({ score: kzScore(v.score), count: v.count })),
    decision:
      decision && final !== undefined
        ? { text: decision.text, kind: decision.kind, score: kzScore(final), band: outcome ? outcome.bandLabel : bandOf(final) }
        : undefined,
    bandChoices: bandChoices(ctx),
    appeal: m.calibration.appealOfDecision?.text.kk ?? '',
  };
}

/** The proposals counted by score, most votes first. */
function tally(proposals: number[]): { score: number; count: number }[] {
  const counts = new Map<number, number>();
  for (const p of proposals) counts.set(p, (counts.get(p) ?? 0) + 1);
  return [...counts].map(([score, count]) => ({ score, count })).sort((a, b) => b.count - a.count || a.score - b.score);
}

const VIEW_MODELS: Record<FormKind, (ctx: FormContext, source?: FilledSource) => FormView> = {
  workPlan,
  kpiSheet,
  scoreTable,
  parameterSheet,
  questionnaire,
  surveyResult,
  calibrationProtocol,
};

/** What the form `formId` of the methodology prints: blank without a source, filled with one. */
export function formView(m: Methodology, formId: string, source?: FilledSource): FormView {
  const ctx = contextOf(m, formId);
  return VIEW_MODELS[ctx.form.kind](ctx, source);
}

/** The forms of a methodology, in the order it lists them. */
export const formIds = (m: Methodology) =>
  Object.entries(m.forms)
    .filter(([, f]) => !f.remove)
    .map(([id]) => id);
