// What `bagalau evaluate` prints besides the results file: problems in the
// file:line:col form (summary.csv is written by csv.ts, the one CSV writer), the summary
// table (counts per method and period, per unit) and, with --table full, one row a person.
// Rows and lines are made person by person, so they stream; nothing here lays out a table
// of the whole body at once.
import type { EvaluationResult, PersonResult, Problem } from '../engine/index.js';
import { andList, currentLanguage, localText, t, type MessageId } from '../i18n/index.js';
import type { Methodology } from '../methodology/index.js';
import { formatDiagnostic } from '../methodology/index.js';
import { problemDiagnostic } from './findingsFormat.js';

/** The methodology of the results, or in the year of a change each one with its periods ("a (Q1, Q2) and b (Q3, Q4, year)"). */
export function methodologiesUsed(top: Pick<EvaluationResult, 'methodology' | 'methodologies'>): string {
  const used = top.methodologies ?? [];
  if (used.length < 2) return top.methodology.id;
  return andList(used.map((m) => `${m.id} (${m.periods.join(', ')})`));
}

export function allProblems(person: PersonResult): Problem[] {
  return [...person.problems, ...person.results.flatMap((r) => r.problems)];
}

export function formatProblem(p: Problem): string {
  return formatDiagnostic(problemDiagnostic(p));
}

/** Statuses without a score, in words that fit a narrow column (the CSV and JSON have the full ones). */
const SHORT_STATUS: Record<string, MessageId | ''> = {
  notEvaluated: 'status.short.notEvaluated',
  notInPost: 'status.short.notInPost',
  noKpi: 'status.short.noKpi',
  notApplicable: '',
  missing: 'status.short.missing',
  refused: 'status.short.refused',
  error: 'status.short.error',
  deferred: 'status.short.deferred',
};

/** A status in the words of the table; undefined for a status it has no word for. */
function shortStatus(status: string): string | undefined {
  const id = Object.hasOwn(SHORT_STATUS, status) ? SHORT_STATUS[status] : undefined;
  return id === undefined ? undefined : id === '' ? '' : t(id);
}

/** What a result counts as: its band when it has a score (or "score" without a band), else its status. */
export function outcomeOf(r: { score?: number; band?: string; status: string }): string {
  return r.score !== undefined ? (r.band ?? 'score') : r.status;
}

/** What a person counts for in the summary: "method\tperiod\toutcome" for each result, a line each. */
export function tally(person: PersonResult): string {
  let out = '';
  for (const r of person.results) out += `${r.method}\t${r.period}\t${outcomeOf(r)}\n`;
  return out;
}

function fit(text: string, width: number): string {
  const chars = [...text];
  return chars.length > width ? chars.slice(0, Math.max(1, width - 1)).join('') + '…' : text + ' '.repeat(width - chars.length);
}

function cell(person: PersonResult, period: string, quarterly: (method: string) => boolean): string {
  const r = person.results.find((x) => x.period === period && quarterly(x.method));
  if (!r) return '';
  return r.score !== undefined ? `${r.score.toFixed(2)}${r.calibration ? '*' : ''}` : (shortStatus(r.status) ?? r.status);
}

/** The widths of the full table's columns: the person's gets what the terminal leaves. */
function widths(yearly: string[], columns: number): number[] {
  return [
    Math.max(24, Math.min(40, columns - 114 - 11 * yearly.length)),
    9,
    11,
    11,
    11,
    11,
    9,
    15,
    ...yearly.map((id) => Math.max(9, id.length)),
    10,
  ];
}

export function tableHead(yearly: string[], columns: number): string {
  const w = widths(yearly, columns);
  const quarter = (n: number) => t('table.head.quarter', { quarter: String(n) });
  const head = [
    t('table.head.person'),
    t('table.head.category'),
    quarter(1),
    quarter(2),
    quarter(3),
    quarter(4),
    t('table.head.year'),
    t('table.head.band'),
    ...yearly,
    t('table.head.problems'),
  ];
  const line = w.map((n) => '─'.repeat(n)).join('─┼─');
  return `${head
    .map((h, k) => fit(h, w[k]))
    .join(' │ ')
    .trimEnd()}\n${line}\n`;
}

/** One row of the full table (--table full): fixed widths, a cell too long is cut with "…". */
export function tableRow(person: PersonResult, quarterlyMethods: string[], yearly: string[], columns: number): string {
  const w = widths(yearly, columns);
  const quarterly = (method: string) => quarterlyMethods.includes(method);
  const year = person.results.find((x) => x.period === 'year' && quarterly(x.method));
  const errors = allProblems(person).filter((p) => p.severity === 'error').length;
  const cells = [
    `${person.id} ${person.name}`,
    person.category ?? '—',
    cell(person, 'Q1', quarterly),
    cell(person, 'Q2', quarterly),
    cell(person, 'Q3', quarterly),
    cell(person, 'Q4', quarterly),
    year?.score !== undefined ? year.score.toFixed(2) : (shortStatus(year?.status ?? '') ?? year?.status ?? ''),
    year?.band ?? '',
    ...yearly.map((id) => cell(person, 'year', (m) => m === id)),
    errors ? t('count.errors', { count: errors }) : '',
  ];
  return (
    cells
      .map((c, k) => fit(c, w[k]))
      .join(' │ ')
      .trimEnd() + '\n'
  );
}

/** The legend under the full table. */
export function tableLegend(): string {
  return t('table.legend', { notEvaluated: t('status.short.notEvaluated'), notInPost: t('status.short.notInPost') }) + '\n';
}

/**
 * What the ids in the tables stand for, in the language of the run (the methodology's
 * texts, Kazakh where it has none): its bands and categories, a line each.
 */
export function methodologyLegend(methodology: Pick<Methodology, 'bands' | 'categories'>): string {
  const entries = (heading: string, texts: [string, string][]) =>
    texts.length ? [heading, ...texts.map(([id, text]) => `  ${id} — ${text}`)] : [];
  const lines = [
    ...entries(
      t('table.legend.bands'),
      Object.entries(methodology.bands.levels).map(([id, level]) => [id, localText(level.label)]),
    ),
    ...entries(
      t('table.legend.categories'),
      Object.entries(methodology.categories).map(([id, category]) => [id, localText(category.title)]),
    ),
  ];
  return lines.length ? lines.join('\n') + '\n' : '';
}

/** Counts gathered person by person for the summary table. */
export class Tally {
  people = 0;
  setAside = 0;
  errors = 0;
  warnings = 0;
  /** People by unit, whether they have errors, and what they count for: many people share one (a handful of bands). */
  private readonly kinds = new Map<string, number>();
  private readonly problemCodes = new Map<string, number>();

  add(person: { tally: string; unit?: string; errors: number; warnings: number; valid: boolean; codes: string }): void {
    this.people++;
    if (!person.valid) this.setAside++;
    this.errors += person.errors;
    this.warnings += person.warnings;
    const kind = `${person.unit ?? ''}\u0000${person.errors ? 1 : 0}\u0000${person.tally}`;
    this.kinds.set(kind, (this.kinds.get(kind) ?? 0) + 1);
    if (person.codes) for (const code of person.codes.split('\n')) this.problemCodes.set(code, (this.problemCodes.get(code) ?? 0) + 1);
  }

  /** Results by "method\tperiod\toutcome". */
  get byResult(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const [kind, count] of this.kinds) {
      for (const t of kind.split('\u0000')[2].split('\n')) if (t) counts.set(t, (counts.get(t) ?? 0) + count);
    }
    return counts;
  }

  /** Per unit: people, people with errors, and yearly results by "method\toutcome". */
  get byUnit(): Map<string, Map<string, number>> {
    const units = new Map<string, Map<string, number>>();
    const add = (map: Map<string, number>, key: string, count: number) => map.set(key, (map.get(key) ?? 0) + count);
    for (const [kind, count] of this.kinds) {
      const [unitId, errors, tallied] = kind.split('\u0000');
      const unit = units.get(unitId) ?? new Map<string, number>();
      units.set(unitId, unit);
      add(unit, 'people', count);
      if (errors === '1') add(unit, 'errors', count);
      for (const t of tallied.split('\n')) {
        const [method, period, outcome] = t.split('\t');
        if (period === 'year') add(unit, `${method}\t${outcome}`, count);
      }
    }
    return units;
  }

  get codes(): Map<string, number> {
    return this.problemCodes;
  }
}

const n = (x: number) => x.toLocaleString(currentLanguage());

/**
 * The summary table: how many results of each method and period fall in each band (or
 * have no score, by status), then per unit the yearly outcome of each method, then the
 * problems by code. `bands` in the methodology's order.
 */
export function summaryTable(title: string, year: number, tally: Tally, bands: string[], unitNames: Record<string, string>): string {
  const lines: string[] = [`${title} — ${year}`];
  lines.push(t('summary.people', { people: tally.people, setAside: tally.setAside, errors: tally.errors, warnings: tally.warnings }));
  const byResult = tally.byResult;
  const byUnit = tally.byUnit;
  const rows = new Map<string, Map<string, number>>();
  const outcomes = new Set<string>();
  for (const [key, count] of byResult) {
    const [method, period, outcome] = key.split('\t');
    const row = rows.get(`${method}\t${period}`) ?? new Map<string, number>();
    rows.set(`${method}\t${period}`, row);
    row.set(outcome, count);
    outcomes.add(outcome);
  }
  const order = ['Q1', 'Q2', 'Q3', 'Q4', 'year'];
  const columns = [...bands.filter((b) => outcomes.has(b)), ...[...outcomes].filter((o) => !bands.includes(o)).sort()];
  const grid = (head: string[], body: string[][]) => {
    const w = head.map((h, k) => Math.max(h.length, ...body.map((r) => r[k].length)));
    const line = (cells: string[]) =>
      cells
        .map((c, k) => (k < 2 ? c.padEnd(w[k]) : c.padStart(w[k])))
        .join('  ')
        .trimEnd();
    return [line(head), ...body.map(line)];
  };
  if (rows.size) {
    lines.push('', t('summary.byResult'));
    const body = [...rows]
      .sort(([a], [b]) => {
        const [ma, pa] = a.split('\t'),
          [mb, pb] = b.split('\t');
        return ma.localeCompare(mb) || order.indexOf(pa) - order.indexOf(pb);
      })
      .map(([key, row]) => {
        const [method, period] = key.split('\t');
        return [method, periodWord(period), ...columns.map((c) => (row.get(c) ? n(row.get(c)!) : '·'))];
      });
    lines.push(...grid([t('summary.head.method'), t('summary.head.period'), ...columns.map(label)], body).map((l) => '  ' + l));
  }
  const units = [...byUnit.keys()].filter((u) => u !== '');
  if (units.length) {
    const methods = [...new Set([...byResult.keys()].filter((k) => k.split('\t')[1] === 'year').map((k) => k.split('\t')[0]))].sort();
    const yearColumns = methods.flatMap((m) => columns.filter((c) => byResult.has(`${m}\tyear\t${c}`)).map((c) => `${m}\t${c}`));
    lines.push('', t(methods.length > 1 ? 'summary.byUnit.methods' : 'summary.byUnit'));
    const body = [...byUnit]
      .sort(([a], [b]) => (a === '' ? 1 : b === '' ? -1 : a.localeCompare(b)))
      .map(([unit, counts]) => [
        unit || t('summary.noUnit'),
        unitNames[unit] ?? '',
        n(counts.get('people') ?? 0),
        counts.get('errors') ? n(counts.get('errors')!) : '·',
        ...yearColumns.map((c) => (counts.get(c) ? n(counts.get(c)!) : '·')),
      ]);
    const head = [
      t('summary.head.unit'),
      t('summary.head.name'),
      t('summary.head.people'),
      t('summary.head.errors'),
      ...yearColumns.map((c) => (methods.length > 1 ? `${c.split('\t')[0]}: ${label(c.split('\t')[1])}` : label(c.split('\t')[1]))),
    ];
    lines.push(...grid(head, body).map((l) => '  ' + l));
  }
  if (tally.codes.size) {
    lines.push('', t('summary.byCode'));
    for (const [code, count] of [...tally.codes].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])))
      lines.push(`  ${code.padEnd(40)} ${n(count)}`);
  }
  return lines.join('\n') + '\n';
}

/** A period of the summary table in the language of the run: "Q1" / «1-тоқсан» / «1 кв.», "year" / «жыл» / «год». */
function periodWord(period: string): string {
  const quarter = /^Q([1-4])$/.exec(period)?.[1];
  return quarter ? t('table.head.quarter', { quarter }) : period === 'year' ? t('summary.period.year') : period;
}

function label(outcome: string): string {
  const word = shortStatus(outcome);
  return word ? word : outcome;
}
