// KPI method (clauses 23–28, annexes 2 and 3): % achieved per KPI, the range of scores
// annex 3 allows for it, the evaluator's score checked against that range, and the
// quarter score as the mean of the KPI scores.
import { describeBasis } from '../../methodology/clause.js';
import { andList, localText, t } from '../../i18n/index.js';
import { mean, roundTo } from '../numbers.js';
import { problem } from '../problems.js';
import type { KpiLine, Problem, QuarterId, TraceStep } from '../types.js';
import { settingsOf, type DeclaredMethod, type MethodCall, type MethodEvaluator } from './method.js';

type KpiSettings = NonNullable<DeclaredMethod['kpi']>;
type ScoreTable = KpiSettings['scoreTable'];
type TableRow = ScoreTable['rows'][number];

export interface KpiQuarterOutcome {
  score?: number;
  kpis: KpiLine[];
  problems: Problem[];
  trace: TraceStep[];
}

export function percentAchieved(kpi: KpiSettings, plan: number, actual: number, lowerIsBetter: boolean): number | undefined {
  const { precision } = kpi.achievement;
  if (lowerIsBetter) {
    // Nothing of what should be low happened (no complaints at all): the best achievement,
    // which annex 3 calls "100 and above".
    if (actual === 0) return 100;
    return roundTo((plan / actual) * 100, precision);
  }
  if (plan === 0) return undefined;
  return roundTo((actual / plan) * 100, precision);
}

/** The annex 3 row of a percentage, or the two rows around the gap it falls in. */
export function findRow(table: ScoreTable, percent: number): { row: TableRow; index: number } | { below?: TableRow; above?: TableRow } {
  const step = 10 ** table.precision;
  const p = Math.round(Math.min(percent, Number.MAX_SAFE_INTEGER / step) * step);
  let below: TableRow | undefined, above: TableRow | undefined;
  for (const [index, row] of table.rows.entries()) {
    const min = Math.round(row.percent.min * step);
    const max = row.percent.max === undefined ? Infinity : Math.round(row.percent.max * step);
    if (min <= p && p <= max) return { row, index };
    if (max < p && (!below || max > Math.round((below.percent.max ?? Infinity) * step))) below = row;
    if (min > p && (!above || min < Math.round(above.percent.min * step))) above = row;
  }
  return { below, above };
}

/** Data of a KPI method for a quarter: { <KPI id>: { actual, score } }. */
type KpiData = Record<string, { actual: number; score: number }>;

export const kpiEvaluator: MethodEvaluator = {
  kind: 'kpi',
  evaluate(call: MethodCall) {
    const outcome = evaluateKpiQuarter(call);
    return { score: outcome.score, problems: outcome.problems, trace: outcome.trace, details: { kpis: outcome.kpis } };
  },
};

export function evaluateKpiQuarter(call: MethodCall): KpiQuarterOutcome {
  const { person, field: dataField } = call;
  const quarter = call.period as QuarterId;
  const kpi = settingsOf(call.method, 'kpi');
  const data = call.data as KpiData | undefined;
  const tableClause = describeBasis(kpi.scoreTable.basis);
  const place = { person: person.id, period: quarter, method: call.methodId };
  const problems: Problem[] = [];
  const trace: TraceStep[] = [];
  const kpis = person.workPlan?.kpis ?? [];
  if (kpis.length < kpi.count.min || kpis.length > kpi.count.max) {
    problems.push(
      problem(
        'kpi.count',
        t('kpi.count', { count: kpis.length, min: String(kpi.count.min), max: String(kpi.count.max) }),
        t('kpi.count.hint', { min: String(kpi.count.min), max: String(kpi.count.max) }),
        { ...place, field: 'workPlan.kpis', clause: describeBasis(kpi.count.basis) },
      ),
    );
  }
  const lines: KpiLine[] = [];
  for (const [index, plannedKpi] of kpis.entries()) {
    const plan = plannedKpi.plan[quarter];
    if (plan === undefined) continue; // nothing planned for this quarter
    const field = `${dataField}.${plannedKpi.id}`;
    const entry = data && Object.hasOwn(data, plannedKpi.id) ? data[plannedKpi.id] : undefined;
    if (!entry) {
      problems.push(
        problem(
          'kpi.missing-actual',
          t('kpi.missing-actual', { name: plannedKpi.name, id: plannedKpi.id, quarter }),
          t('kpi.missing-actual.hint', { field }),
          { ...place, field, clause: describeBasis(kpi.basis) },
        ),
      );
      continue;
    }
    const lowerIsBetter = plannedKpi.lowerIsBetter ?? false;
    if (lowerIsBetter && kpi.achievement.lowerIsBetter === 'notAllowed') {
      problems.push(
        problem(
          'kpi.lower-is-better-not-allowed',
          t('kpi.lower-is-better-not-allowed', { id: plannedKpi.id }),
          t('kpi.lower-is-better-not-allowed.hint'),
          { ...place, field: `workPlan.kpis.${index}.lowerIsBetter`, clause: describeBasis(kpi.achievement.basis) },
        ),
      );
      continue;
    }
    const percent = percentAchieved(kpi, plan, entry.actual, lowerIsBetter);
    if (percent === undefined) {
      problems.push(
        problem('kpi.plan-zero', t('kpi.plan-zero', { id: plannedKpi.id, quarter }), t('kpi.plan-zero.hint'), {
          ...place,
          field: `workPlan.kpis.${index}.plan.${quarter}`,
          clause: describeBasis(kpi.achievement.basis),
        }),
      );
      continue;
    }
    const line: KpiLine = {
      id: plannedKpi.id,
      name: plannedKpi.name,
      lowerIsBetter,
      plan,
      actual: entry.actual,
      percent,
      score: entry.score,
    };
    lines.push(line);
    trace.push({ rule: 'kpi.percentAchieved', clause: describeBasis(kpi.achievement.basis), inputs: { kpi: line }, result: percent });
    if (entry.score < kpi.scale.min || entry.score > kpi.scale.max) {
      problems.push(
        problem(
          'kpi.score-outside-scale',
          t('kpi.score-outside-scale', {
            score: String(entry.score),
            id: plannedKpi.id,
            min: String(kpi.scale.min),
            max: String(kpi.scale.max),
          }),
          t('engine.scoreBetween', { min: String(kpi.scale.min), max: String(kpi.scale.max) }),
          { ...place, field: `${field}.score`, clause: describeBasis(kpi.scale.basis) },
        ),
      );
      continue;
    }
    const found = findRow(kpi.scoreTable, percent);
    if (!('row' in found) && (!found.below || !found.above)) {
      problems.push(
        problem(
          'kpi.percent-outside-table',
          t('kpi.percent-outside-table', {
            id: plannedKpi.id,
            percent: String(percent),
            actual: String(entry.actual),
            plan: String(plan),
            table: localText(kpi.scoreTable.title),
          }),
          t('kpi.percent-outside-table.hint'),
          { ...place, field, clause: tableClause },
        ),
      );
      continue;
    }
    if (!('row' in found)) {
      const neighbours = [found.above && `"${found.above.printed}"`, found.below && `"${found.below.printed}"`].filter(
        (n): n is string => !!n,
      );
      problems.push(
        problem(
          'kpi.percent-in-gap',
          t('kpi.percent-in-gap', {
            id: plannedKpi.id,
            percent: String(percent),
            table: kpi.scoreTable.title.kk,
            neighbours: andList(neighbours),
          }),
          t('kpi.percent-in-gap.hint'),
          { ...place, field, clause: tableClause },
        ),
      );
      continue;
    }
    line.allowed = { min: found.row.score.min, max: found.row.score.max, row: found.row.printed };
    trace.push({ rule: 'kpi.allowedRange', clause: tableClause, inputs: { kpi: plannedKpi.id, percent }, result: line.allowed });
    const step = 10 ** kpi.scoreTable.precision;
    const scaled = Math.round(entry.score * step);
    if (scaled < Math.round(found.row.score.min * step) || scaled > Math.round(found.row.score.max * step)) {
      const range =
        found.row.score.min === found.row.score.max
          ? t('kpi.score-outside-range.only', { score: String(found.row.score.min) })
          : `${found.row.score.min}–${found.row.score.max}`;
      problems.push(
        problem(
          'kpi.score-outside-range',
          t('kpi.score-outside-range', {
            id: plannedKpi.id,
            score: String(entry.score),
            percent: String(percent),
            table: localText(kpi.scoreTable.title),
            range,
            row: found.row.printed,
          }),
          found.row.score.min === found.row.score.max
            ? t('kpi.score-outside-range.hint.one', { score: String(found.row.score.min) })
            : t('kpi.score-outside-range.hint', { range }),
          { ...place, field: `${field}.score`, clause: tableClause },
        ),
      );
    }
  }
  for (const id of Object.keys(data ?? {})) {
    if (!kpis.some((k) => k.id === id)) {
      problems.push(
        problem(
          'kpi.unknown-kpi',
          t('kpi.unknown-kpi', { field: dataField, id }),
          t('kpi.unknown-kpi.hint', { ids: kpis.map((k) => k.id).join(', ') || t('engine.none') }),
          { ...place, field: `${dataField}.${id}`, clause: describeBasis(kpi.basis) },
        ),
      );
    }
  }
  if (lines.length === 0 && problems.length === 0) {
    problems.push(
      problem('kpi.nothing-planned', t('kpi.nothing-planned', { quarter }), t('kpi.nothing-planned.hint', { quarter }), {
        ...place,
        field: 'workPlan.kpis',
        clause: describeBasis(kpi.basis),
      }),
    );
  }
  if (problems.some((p) => p.severity === 'error') || lines.length === 0) return { kpis: lines, problems, trace };
  const score = mean(lines.map((l) => l.score));
  trace.push({
    rule: 'kpi.quarterScore',
    clause: describeBasis(kpi.aggregation.basis),
    inputs: { scores: lines.map((l) => l.score) },
    result: score,
    note: 'sum of the KPI scores divided by the number of KPIs',
  });
  return { score, kpis: lines, problems, trace };
}
