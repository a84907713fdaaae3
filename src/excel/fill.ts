// An evaluation input (YAML or JSON, schemas/evaluation.schema.json) laid out as the rows
// of an intake workbook: how a body that kept its data in YAML moves to the workbook
// (`bagalau template --from`), and how the tests prove that a workbook read back gives the
// very same input. Whatever the layout has no cell for is listed, never dropped silently.
import { personFields, type EvaluationInput, type MethodData, type Person, type QuarterData } from '../engine/input.generated.js';
import type { Methodology } from '../methodology/index.js';
import { QUARTERS, type IntakeLayout, type Quarter, type SheetSpec } from './layout.js';

/** A cell as the filler gives it: dates as YYYY-MM-DD, choices by their value (id). */
export type CellInput = string | number | boolean | undefined;
export type RowInput = Record<string, CellInput>;

export interface FilledWorkbook {
  /** Rows per sheet name, in the order they are written. */
  rows: Map<string, RowInput[]>;
  /** The General sheet's values by key. */
  general: Record<string, CellInput>;
  /** What the layout has no cell for (field paths of the input). */
  unrepresentable: string[];
}

/** The category of a position category under a methodology. */
export function categoryOf(methodology: Methodology, positionCategory: string): string | undefined {
  let catchAll: string | undefined;
  for (const [id, category] of Object.entries(methodology.categories)) {
    if (category.positionCategories?.includes(positionCategory)) return id;
    if (category.allOtherPositions) catchAll ??= id;
  }
  return catchAll;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const keysOfSheet = new WeakMap<SheetSpec, Set<string>>();
/** The column keys of a sheet. */
function keysOf(sheet: SheetSpec): Set<string> {
  let keys = keysOfSheet.get(sheet);
  if (!keys) keysOfSheet.set(sheet, (keys = new Set(sheet.columns.map((c) => c.key))));
  return keys;
}

export function fillIntake(layout: IntakeLayout, input: EvaluationInput): FilledWorkbook {
  const rows = new Map<string, RowInput[]>(layout.sheets.map((s) => [s.name, []]));
  const unrepresentable: string[] = [];
  const sheetOf = (kind: SheetSpec['kind']) => layout.sheets.find((s) => s.kind === kind)!;
  const push = (sheet: SheetSpec, row: RowInput) => rows.get(sheet.name)!.push(row);
  const quarterSheets = (q: string) => layout.sheets.filter((s) => (s.kind === 'parameters' || s.kind === 'kpi') && s.period === q);

  const general: Record<string, CellInput> = {
    body: input.body,
    year: input.year,
    methodology: input.methodologies ? input.methodologies.join(', ') : input.methodology,
    quarters: input.quarters?.join(', '),
    yearResultsFormedOn: input.yearResultsFormedOn,
  };
  for (const key of Object.keys(input))
    if (
      ![
        '$schema',
        'methodology',
        'methodologies',
        'body',
        'year',
        'quarters',
        'units',
        'signatories',
        'people',
        'yearResultsFormedOn',
      ].includes(key)
    )
      unrepresentable.push(key);

  for (const [id, unit] of Object.entries(input.units ?? {}))
    push(sheetOf('units'), { id, name: unit.name, corpsBServants: unit.corpsBServants });
  for (const [role, signatory] of Object.entries(input.signatories ?? {}))
    push(sheetOf('signatories'), { role, name: signatory.name, position: signatory.position });

  input.people.forEach((person: Person, index) => {
    const at = (field: string) => unrepresentable.push(`people.${index}.${field}`);
    const who = { person: person.id, name: person.name };
    push(sheetOf('people'), {
      id: person.id,
      name: person.name,
      position: person.position,
      positionCategory: person.positionCategory,
      unit: person.unit,
      appointedOn: person.appointedOn,
      leftOn: person.leftOn,
    });
    for (const absence of person.absences ?? [])
      push(sheetOf('absences'), { ...who, kind: absence.kind, from: absence.from, to: absence.to });

    if (person.workPlan) {
      const sheet = layout.sheets.find((s) => s.kind === 'workPlan');
      if (!sheet) at('workPlan');
      else {
        const plan = person.workPlan;
        const head: RowInput = { approvedOn: plan.approvedOn, approvedBy: plan.approvedBy, postedOn: plan.postedOn };
        if (plan.kpis.length === 0) push(sheet, { ...who, ...head });
        plan.kpis.forEach((kpi, k) => {
          const row: RowInput = {
            ...who,
            kpi: kpi.id,
            kpiName: kpi.name,
            source: kpi.source,
            unit: kpi.unit,
            lowerIsBetter: kpi.lowerIsBetter,
            expectedResult: kpi.expectedResult,
            ...(k === 0 ? head : {}),
          };
          for (const [q, value] of Object.entries(kpi.plan))
            if (QUARTERS.includes(q as Quarter)) row[`plan.${q}`] = value;
            else at(`workPlan.kpis.${k}.plan.${q}`);
          for (const [q, value] of Object.entries(kpi.deadline ?? {}))
            if (QUARTERS.includes(q as Quarter)) row[`deadline.${q}`] = value;
            else at(`workPlan.kpis.${k}.deadline.${q}`);
          push(sheet, row);
        });
      }
    }

    for (const [q, quarter] of Object.entries<QuarterData>(person.quarters ?? {})) {
      const sheets = quarterSheets(q);
      const methodKeys = Object.keys(quarter).filter((k) => isObject(quarter[k]));
      const dates: RowInput = {
        evaluatedOn: quarter.evaluatedOn,
        communicatedOn: quarter.communicatedOn,
        notifiedOn: quarter.notifiedOn,
        actualsSentOn: quarter.actualsSentOn,
        evaluator: quarter.evaluator,
      };
      for (const key of Object.keys(quarter)) if (!isObject(quarter[key]) && !(key in dates)) at(`quarters.${q}.${key}`);
      let datesWritten = false;
      /** The quarter's own fields go on the first row written for the quarter, where the sheet has their column. */
      const withDates = (sheet: SheetSpec, row: RowInput, methodData?: MethodData): RowInput => {
        if (datesWritten) return row;
        datesWritten = true;
        const out = { ...row };
        for (const [key, value] of Object.entries(dates)) {
          if (value === undefined) continue;
          // On a sheet of one evaluator per person, the evaluator column is the method's own (methodData.evaluator).
          if (key === 'evaluator' && sheet.kind === 'parameters') {
            at(`quarters.${q}.evaluator`);
            continue;
          }
          if (key === 'evaluatedOn' && sheet.kind === 'parameters' && sheet.perEvaluator) {
            at(`quarters.${q}.evaluatedOn`);
            continue;
          }
          if (!keysOf(sheet).has(key)) {
            at(`quarters.${q}.${key}`);
            continue;
          }
          out[key] = value;
        }
        if (methodData?.evaluatedOn !== undefined && out.evaluatedOn === undefined && sheet.kind === 'parameters' && !sheet.perEvaluator)
          out.evaluatedOn = methodData.evaluatedOn;
        else if (methodData?.evaluatedOn !== undefined) at(`quarters.${q}.${sheet.methodId}.evaluatedOn`);
        return out;
      };
      for (const methodId of methodKeys) {
        const sheet = sheets.find((s) => s.methodId === methodId);
        const data = quarter[methodId] as MethodData;
        if (!sheet) {
          at(`quarters.${q}.${methodId}`);
          continue;
        }
        if (sheet.kind === 'kpi') {
          const entries = Object.entries(data).filter(([, v]) => isObject(v)) as [string, { actual: number; score: number }][];
          for (const key of Object.keys(data))
            if (!isObject((data as Record<string, unknown>)[key])) at(`quarters.${q}.${methodId}.${key}`);
          const kpiName = (id: string) => person.workPlan?.kpis.find((k) => k.id === id)?.name;
          if (entries.length === 0) push(sheet, withDates(sheet, { ...who }));
          for (const [kpi, value] of entries)
            push(sheet, withDates(sheet, { ...who, kpi, kpiName: kpiName(kpi), actual: value.actual, score: value.score }));
        } else if (sheet.perEvaluator) {
          for (const key of Object.keys(data)) if (key !== 'sheets') at(`quarters.${q}.${methodId}.${key}`);
          for (const [n, s] of (data.sheets ?? []).entries()) {
            const row: RowInput = {
              ...who,
              role: s.role,
              evaluator: s.name,
              delegatedTo: s.delegatedTo,
              actingFor: s.actingFor,
              evaluatedOn: s.evaluatedOn,
              justification: s.justification,
            };
            for (const [id, score] of Object.entries(s.scores)) row[`scores.${id}`] = score;
            for (const [id, text] of Object.entries(s.justifications ?? {})) row[`justifications.${id}`] = text;
            for (const key of Object.keys(row))
              if (row[key] !== undefined && !keysOf(sheet).has(key)) at(`quarters.${q}.${methodId}.sheets.${n}.${key}`);
            push(sheet, withDates(sheet, row));
          }
        } else {
          for (const key of Object.keys(data))
            if (!['scores', 'justification', 'justifications', 'evaluator', 'delegatedBy', 'evaluatedOn'].includes(key))
              at(`quarters.${q}.${methodId}.${key}`);
          const row: RowInput = { ...who, evaluator: data.evaluator, delegatedBy: data.delegatedBy, justification: data.justification };
          for (const [id, score] of Object.entries(data.scores ?? {})) row[`scores.${id}`] = score;
          for (const [id, text] of Object.entries(data.justifications ?? {})) row[`justifications.${id}`] = text;
          for (const key of Object.keys(row)) if (row[key] !== undefined && !keysOf(sheet).has(key)) at(`quarters.${q}.${methodId}.${key}`);
          push(sheet, withDates(sheet, row, data));
        }
      }
      if (!datesWritten && Object.values(dates).some((v) => v !== undefined)) {
        // Dates of a quarter without method data: on the sheet of a method of the person's category.
        const methodology = layout.periodMethodology[q as Quarter];
        const category = methodology ? categoryOf(methodology, person.positionCategory) : undefined;
        const sheet = sheets.find((s) => category && methodology.categories[category].methods.includes(s.methodId!)) ?? sheets[0];
        if (!sheet) at(`quarters.${q}`);
        else push(sheet, withDates(sheet, { ...who }));
      }
    }

    const yearly: [
      string,
      string,
      { responses: { group: string; answers: Record<string, Record<string, string>> }[]; evaluatedOn?: string; communicatedOn?: string },
    ][] = [];
    for (const [methodId, data] of Object.entries(person.annual ?? {})) yearly.push([methodId, `annual.${methodId}`, data]);
    const legacy = person as unknown as Record<string, unknown>;
    for (const key of Object.keys(legacy)) {
      if (personFields.has(key)) continue;
      if (isObject(legacy[key]) && Array.isArray((legacy[key] as { responses?: unknown }).responses))
        yearly.push([key, key, legacy[key] as never]);
      else at(key);
    }
    for (const [methodId, field, data] of yearly) {
      const methodology = layout.periodMethodology.year;
      const category = categoryOf(methodology, person.positionCategory);
      const method = methodology.methods[methodId];
      const questionnaireId =
        category && method?.survey
          ? (methodology.categories[category].questionnaire ?? Object.keys(method.survey.questionnaires)[0])
          : undefined;
      const sheet = layout.sheets.find((s) => s.kind === 'survey' && s.methodId === methodId && s.questionnaireId === questionnaireId);
      if (!sheet) {
        at(field);
        continue;
      }
      const head: RowInput = { evaluatedOn: data.evaluatedOn, communicatedOn: data.communicatedOn };
      data.responses.forEach((response, r) => {
        const row: RowInput = { ...who, group: response.group, ...(r === 0 ? head : {}) };
        for (const [competency, statements] of Object.entries(response.answers)) {
          for (const [statement, answer] of Object.entries(statements)) {
            const key = `answers.${competency}.${statement}`;
            if (!keysOf(sheet).has(key)) at(`${field}.responses.${r}.answers.${competency}.${statement}`);
            else row[key] = answer;
          }
        }
        push(sheet, row);
      });
      if (data.responses.length === 0) push(sheet, { ...who, ...head });
    }

    for (const calibration of person.calibrations ?? []) {
      const head: RowInput = {
        ...who,
        period: calibration.period,
        method: calibration.method,
        appliedOn: calibration.appliedOn,
        admittedLate: calibration.admittedLate,
        decidedOn: calibration.decidedOn,
        sessionOn: calibration.sessionOn,
        protocolSignedOn: calibration.protocolSignedOn,
        protocolPostedOn: calibration.protocolPostedOn,
        chair: calibration.chair,
      };
      for (const member of calibration.members)
        push(sheetOf('calibration'), { ...head, member: member.name, memberPosition: member.position, proposal: member.proposal });
    }
  });
  return { rows, general, unrepresentable };
}
