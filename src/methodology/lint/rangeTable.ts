// The annex 3 table must give exactly one allowed score range for every percentage,
// at the table's precision. Almaty's row "40–44,49" leaves 44.50–44.99 % uncovered.
import type { Diagnostic } from '../diagnostic.js';
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
  const label = (r: (typeof rows)[number]) => `row ${r.index + 1} ("${r.row.printed}")`;
  if (rows.length && rows[0].min > 0) {
    out.push(
      finding(
        context,
        'range-gap',
        'warning',
        pointerOf(rows[0].index),
        `the KPI score table leaves 0–${fromSteps(rows[0].min - 1, precision)} % uncovered: its lowest row, ${label(rows[0])}, starts at ${fromSteps(rows[0].min, precision)} %`,
        'add a row from 0 %, or the engine will refuse to score a KPI achieved below it',
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
          `the KPI score table leaves ${fromSteps(previous.max + 1, precision)}–${fromSteps(current.min - 1, precision)} % uncovered: ${label(previous)} ends at ${fromSteps(previous.max, precision)} and ${label(current)} starts at ${fromSteps(current.min, precision)}`,
          'if the act prints the table this way, keep the figures as printed: the engine refuses to score a KPI whose achievement falls in the gap and names this table; otherwise correct the row',
        ),
      );
    } else if (current.min <= previous.max) {
      out.push(
        finding(
          context,
          'range-overlap',
          'error',
          pointerOf(current.index),
          `the KPI score table gives two score ranges for ${fromSteps(current.min, precision)}–${fromSteps(Math.min(previous.max, current.max), precision)} %: ${label(previous)} and ${label(current)} overlap`,
          'make each row start one step (at the table precision) after the previous row ends',
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
        `the KPI score table covers nothing above ${fromSteps(last.max, precision)} %: its highest row, ${label(last)}, has an upper bound`,
        'leave out "max" in the highest row to mean "and above"',
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
            `${label(r)}: ${name} ${value} has more decimals than the table precision (${precision})`,
            `round it to ${precision} decimals or raise scoreTable.precision`,
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
          `${label(r)} allows ${r.row.score.min}–${r.row.score.max}, outside the KPI scale ${scale.min}–${scale.max}`,
          'keep every allowed score within kpi.scale',
        ),
      );
    }
  }
  return out;
}
