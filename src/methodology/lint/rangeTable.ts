// The annex 3 table must give exactly one allowed score range for every percentage,
// at the table's precision. Almaty's row "40–44,49" leaves 44.50–44.99 % uncovered.
import type { Diagnostic } from '../diagnostic.js';
import { t } from '../../i18n/index.js';
import { finding, fromSteps, toSteps, type LintRule } from './rule.js';

export const rangeTableCoverage: LintRule = {
  id: 'range-table',
  description: 'The KPI score table covers every percentage from 0 upwards once, and each allowed score lies on the KPI scale.',
  check(context) {
    const out: Diagnostic[] = [];
    for (const [methodId, method] of Object.entries(context.methodology.methods)) {
      if (method.kpi) out.push(...checkTable(context, methodId, method.kpi));
    }
    return out;
  },
};

type KpiSettings = NonNullable<Parameters<LintRule['check']>[0]['methodology']['methods'][string]['kpi']>;

function checkTable(context: Parameters<LintRule['check']>[0], methodId: string, kpi: KpiSettings): Diagnostic[] {
  const table = kpi.scoreTable;
  const out: Diagnostic[] = [];
  const precision = table.precision;
  const rows = table.rows
    .map((row, index) => ({
      row,
      index,
      min: toSteps(row.percent.min, precision),
      max: row.percent.max === undefined ? Infinity : toSteps(row.percent.max, precision),
    }))
    .sort((a, b) => a.min - b.min);
  const pointerOf = (index: number) => `/methods/${methodId}/kpi/scoreTable/rows/${index}`;
  const label = (r: (typeof rows)[number]) => t('lint.range.row', { row: String(r.index + 1), printed: r.row.printed });
  if (rows.length && rows[0].min > 0) {
    out.push(
      finding(
        context,
        'range-gap',
        'warning',
        pointerOf(rows[0].index),
        t('lint.range-gap.start', {
          below: fromSteps(rows[0].min - 1, precision),
          row: label(rows[0]),
          from: fromSteps(rows[0].min, precision),
        }),
        t('lint.range-gap.start.hint'),
      ),
    );
  }
  for (let i = 1; i < rows.length; i++) {
    const previous = rows[i - 1],
      current = rows[i];
    if (previous.max === Infinity) break;
    if (current.min > previous.max + 1) {
      out.push(
        finding(
          context,
          'range-gap',
          'warning',
          pointerOf(previous.index),
          t('lint.range-gap', {
            from: fromSteps(previous.max + 1, precision),
            to: fromSteps(current.min - 1, precision),
            previous: label(previous),
            end: fromSteps(previous.max, precision),
            current: label(current),
            start: fromSteps(current.min, precision),
          }),
          t('lint.range-gap.hint'),
        ),
      );
    } else if (current.min <= previous.max) {
      out.push(
        finding(
          context,
          'range-overlap',
          'error',
          pointerOf(current.index),
          t('lint.range-overlap', {
            from: fromSteps(current.min, precision),
            to: fromSteps(Math.min(previous.max, current.max), precision),
            previous: label(previous),
            current: label(current),
          }),
          t('lint.range-overlap.hint'),
        ),
      );
    }
  }
  const last = rows.at(-1);
  if (last && last.max !== Infinity) {
    out.push(
      finding(
        context,
        'range-gap',
        'warning',
        pointerOf(last.index),
        t('lint.range-gap.top', { end: fromSteps(last.max, precision), row: label(last) }),
        t('lint.range-gap.top.hint'),
      ),
    );
  }
  const scale = kpi.scale;
  for (const r of rows) {
    const step = 10 ** -precision;
    for (const [name, value] of [
      ['percent min', r.row.percent.min],
      ['percent max', r.row.percent.max],
    ] as const) {
      if (value !== undefined && Math.abs(value / step - Math.round(value / step)) > 1e-6) {
        out.push(
          finding(
            context,
            'range-precision',
            'warning',
            pointerOf(r.index),
            t('lint.range-precision', { row: label(r), bound: name, value: String(value), precision: String(precision) }),
            t('lint.range-precision.hint', { precision: String(precision) }),
          ),
        );
      }
    }
    if (scale && (r.row.score.min < scale.min || r.row.score.max > scale.max)) {
      out.push(
        finding(
          context,
          'range-score-outside-scale',
          'error',
          `${pointerOf(r.index)}/score`,
          t('lint.range-score-outside-scale', {
            row: label(r),
            min: String(r.row.score.min),
            max: String(r.row.score.max),
            scaleMin: String(scale.min),
            scaleMax: String(scale.max),
          }),
          t('lint.range-score-outside-scale.hint'),
        ),
      );
    }
  }
  return out;
}
