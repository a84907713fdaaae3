// results.xlsx: the evaluation's results as a workbook for the HR service — one sheet per
// period and method (the score, the band, the eligibility decision and its rule, the
// deadlines with late ones highlighted), a sheet of the year, one per yearly method (360:
// the competency averages and the weakest, never a response), and the problems with their
// place. Band colours are conditional formatting on the band's label, labels and titles in
// Kazakh from the methodology. Written with exceljs's streaming writer, row by row.
//
// People are added one at a time (as `bagalau evaluate` streams them, from any input form)
// and kept in a temporary file, not in memory: the columns of a sheet (its deadlines, its
// competencies) are known only once everyone has been seen, so the sheets are laid out at
// the end, each read back from its own file.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type ExcelJS from 'exceljs';
import type { EvaluationResult, PersonResult, Problem } from '../engine/index.js';
import type { Methodology, SourcePosition } from '../methodology/index.js';
import { cellAddress, columnLetters } from './cells.js';
import { QUARTERS, sheetName } from './layout.js';
import type { CellPosition } from './read.js';
import { LineSpool } from './spool.js';

export interface ResultsWorkbookOptions {
  /** Where a person's field was written (the input's locate): used for problems without `at`. */
  locate?: (personId: string, field?: string) => CellPosition | SourcePosition | undefined;
  /** Problems of the input as a whole that are not in the result (e.g. the intake's own). */
  problems?: { severity: string; code: string; message: string; clause?: string; hint?: string; at?: CellPosition | SourcePosition }[];
  /** The creation date of the workbook (fixed by the tests). */
  created?: Date;
}

/** Statuses and decisions in Kazakh (the words of the results format). */
const STATUS_KK: Record<string, string> = {
  evaluated: 'бағаланды',
  withoutParticipation: 'қатысуынсыз бағаланды',
  deferred: 'кейінге қалдырылды',
  notEvaluated: 'бағалау жүргізілмейді',
  notInPost: 'лауазымда болмаған',
  noKpi: 'НМИ белгіленбейді',
  notApplicable: 'қолданылмайды',
  missing: 'деректер ұсынылмады',
  refused: 'әдістеме күшінде емес',
  error: 'қате: деректерді түзетіңіз',
};

const LATE_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFC7CE' } };
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
/** Band colours from the best band to the worst. */
const BAND_COLOURS = ['FFC6EFCE', 'FFE2EFDA', 'FFFFEB9C', 'FFFCE4D6', 'FFFFC7CE'];
const DATE_FORMAT = 'dd.mm.yyyy';
const ROWS_BETWEEN_DRAINS = 500;

interface Column {
  title: string;
  width: number;
  value: (person: WorkbookPerson, result: WorkbookResult | undefined) => ExcelJS.CellValue;
  /** A date column: late ones highlighted by `late`. */
  date?: boolean;
  late?: (person: WorkbookPerson, result: WorkbookResult | undefined) => boolean;
  number?: string;
  band?: boolean;
}

const toDate = (iso: string | undefined): Date | null => {
  if (!iso) return null;
  const [y, m, d] = iso.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d));
};

/** The short title of a deadline: its Kazakh title up to the dash that begins its term. */
const shortTitle = (title: string) => title.split(' — ')[0];

function personColumns(): Column[] {
  return [
    { title: 'Коды', width: 12, value: (p) => p.id },
    { title: 'Т.А.Ә.', width: 32, value: (p) => p.name },
    { title: 'Лауазымы', width: 24, value: (p) => p.position ?? null },
    { title: 'Бөлімше', width: 12, value: (p) => p.unit ?? null },
    { title: 'Санаты', width: 24, value: (p) => p.categoryTitle ?? p.positionCategory },
  ];
}

function outcomeColumns(): Column[] {
  return [
    { title: 'Мәртебесі', width: 20, value: (_, r) => (r ? (STATUS_KK[r.status] ?? r.status) : null) },
    { title: 'Шешім (ереже)', width: 22, value: (_, r) => r?.eligibility?.rule ?? null },
    { title: 'Шешімнің себебі', width: 40, value: (_, r) => r?.eligibility?.reason ?? null },
    { title: 'Тармақ', width: 22, value: (_, r) => r?.eligibility?.clause ?? null },
  ];
}

function scoreColumns(): Column[] {
  return [
    { title: 'Баға', width: 8, number: '0.00', value: (_, r) => r?.score ?? null },
    { title: 'Деңгейі', width: 44, band: true, value: (_, r) => r?.bandLabel ?? null },
    { title: 'Калибрлеуден кейінгі баға', width: 12, number: '0.00', value: (_, r) => r?.calibratedScore ?? null },
  ];
}

function problemColumns(): Column[] {
  return [
    { title: 'Қателер', width: 8, value: (_, r) => r?.errors || null },
    { title: 'Ескертулер', width: 10, value: (_, r) => r?.warnings || null },
  ];
}

/** Two columns per deadline the results of a sheet carry (id → title, in the order met): the date due and the date done (late ones highlighted). */
function deadlineColumns(deadlines: Map<string, string>): Column[] {
  return [...deadlines].flatMap(([id, title]): Column[] => {
    const find = (r: WorkbookResult | undefined) => r?.deadlines.find((d) => d.id === id);
    return [
      { title: `${shortTitle(title)}: мерзімі`, width: 14, date: true, value: (_, r) => toDate(find(r)?.date) },
      {
        title: `${shortTitle(title)}: орындалды`,
        width: 14,
        date: true,
        value: (_, r) => toDate(find(r)?.actual),
        late: (_, r) => find(r)?.late === true,
      },
    ];
  });
}

/** The columns of a method's kind: the parameters and each evaluator's score, the KPIs, the competencies. */
function kindColumns(methodology: Methodology | undefined, methodId: string, competencies: Map<string, string>): Column[] {
  const method = methodology?.methods[methodId];
  if (method?.kind === 'parameters' && method.sheet) {
    const roles = method.evaluators && method.evaluators.roles.length > 1 ? method.evaluators.roles : [];
    return [
      ...Object.entries(method.sheet.parameters).map(([id, p]): Column => ({
        title: p.title.kk,
        width: 14,
        number: '0.00',
        value: (_, r) => r?.parameters?.find((x) => x.id === id)?.score ?? null,
      })),
      ...roles.map((role): Column => ({
        title: `${methodology!.roles[role]?.title.kk ?? role}: балл`,
        width: 14,
        number: '0.00',
        value: (_, r) => r?.sheets?.find((s) => s.role === role)?.score ?? null,
      })),
    ];
  }
  if (method?.kind === 'kpi') {
    return [
      { title: 'НМИ саны', width: 8, value: (_, r) => r?.kpis?.length ?? null },
      {
        title: 'НМИ: орындалуы, % → баға',
        width: 48,
        value: (_, r) => r?.kpis?.map((k) => `${k.id}: ${k.percent}% → ${k.score}`).join('; ') || null,
      },
    ];
  }
  if (method?.kind === 'survey') {
    return [
      { title: 'Респонденттер', width: 12, value: (_, r) => r?.respondents ?? null },
      ...[...competencies].map(([id, title]): Column => ({
        title,
        width: 14,
        number: '0.00',
        value: (_, r) => r?.competencies?.find((c) => c.id === id)?.average ?? null,
      })),
      {
        title: 'Ең аз дамыған құзыреттер',
        width: 40,
        value: (_, r) => r?.weakest?.map((id) => r.competencies?.find((c) => c.id === id)?.title ?? id).join('; ') || null,
      },
    ];
  }
  return [];
}

class SheetWriter {
  private row = 0;
  constructor(
    readonly ws: ExcelJS.Worksheet,
    readonly columns: Column[],
  ) {}

  header(title: string): void {
    // Formats by column (a style per cell would cost a lookup per cell).
    this.ws.columns = this.columns.map((c) => ({
      width: c.width,
      ...(c.date ? { style: { numFmt: DATE_FORMAT } } : c.number ? { style: { numFmt: c.number } } : {}),
    }));
    const titleRow = this.ws.addRow([title]);
    titleRow.getCell(1).font = { bold: true, size: 12 };
    titleRow.commit();
    const head = this.ws.addRow(this.columns.map((c) => c.title));
    head.eachCell((cell) => {
      cell.font = { bold: true };
      cell.fill = HEADER_FILL;
      cell.alignment = { wrapText: true, vertical: 'top' };
    });
    head.height = 15 * Math.min(6, Math.max(...this.columns.map((c) => Math.ceil(c.title.length / Math.max(1, c.width - 1))))) + 4;
    head.commit();
    this.row = 2;
  }

  add(person: WorkbookPerson, result: WorkbookResult | undefined): void {
    const values = this.columns.map((c) => c.value(person, result));
    const row = this.ws.addRow(values);
    this.columns.forEach((c, k) => {
      if (values[k] === null || !c.late?.(person, result)) return;
      const cell = row.getCell(k + 1);
      cell.fill = LATE_FILL;
      cell.font = { bold: true, color: { argb: 'FF9C0006' } };
      cell.note = 'мерзімі өтіп кеткен / просрочено';
    });
    row.commit();
    this.row++;
  }

  /** Band colours by the band's label, and frozen headers. */
  finish(bands: { label: string; colour: string }[]): void {
    const bandColumn = this.columns.findIndex((c) => c.band);
    if (bandColumn >= 0 && this.row > 2) {
      const letters = columnLetters(bandColumn + 1);
      this.ws.addConditionalFormatting({
        ref: `${letters}3:${letters}${this.row}`,
        rules: bands.map((b, k) => ({
          type: 'expression',
          priority: k + 1,
          formulae: [`$${letters}3="${b.label.replace(/"/g, '""')}"`],
          style: { fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: b.colour } } },
        })),
      });
    }
    this.ws.commit();
  }
}

/** The band labels of the methodologies with their colours, best first. */
function bandColours(methodologies: Methodology[]): { label: string; colour: string }[] {
  const out: { label: string; colour: string }[] = [];
  for (const m of methodologies) {
    const levels = Object.values(m.bands.levels).sort((a, b) => b.min - a.min);
    levels.forEach((level, k) => {
      const colour = level.unsatisfactory ? BAND_COLOURS.at(-1)! : BAND_COLOURS[Math.min(k, BAND_COLOURS.length - 2)];
      if (!out.some((o) => o.label === level.label.kk)) out.push({ label: level.label.kk, colour });
    });
  }
  return out;
}

function place(at: CellPosition | SourcePosition | undefined): string | null {
  if (!at) return null;
  return 'cell' in at && at.cell ? `${at.sheet}!${at.cell}` : `${at.file}:${at.line}:${at.col}`;
}

/** What results.xlsx needs of the result besides the people. */
export type ResultsTopOf = Pick<EvaluationResult, 'methodology' | 'year' | 'body' | 'methodologies' | 'problems'>;

type Locate = ResultsWorkbookOptions['locate'];

/** What a sheet's rows show of a person: the person columns. */
type PersonHead = Pick<PersonResult, 'id' | 'name' | 'position' | 'unit' | 'categoryTitle' | 'positionCategory'>;

/** What the workbook shows of a result, and no more (no trace, facts, justifications, deadline steps, names of evaluators). */
export interface WorkbookResult {
  period: string;
  method: string;
  methodology?: string;
  status: string;
  eligibility?: { rule?: string; reason?: string; clause?: string };
  parameters?: { id: string; score?: number }[];
  sheets?: { role: string; score?: number }[];
  kpis?: { id: string; percent?: number; score?: number }[];
  respondents?: number;
  competencies?: { id: string; title: string; average?: number }[];
  weakest?: string[];
  score?: number;
  bandLabel?: string;
  calibratedScore?: number;
  quarters?: { period: string; score: number }[];
  deadlines: { id: string; title: string; date?: string; actual?: string; late?: boolean }[];
  errors: number;
  warnings: number;
}

/** What the workbook shows of a person: the person columns, the results, and every problem (the person's, then each result's). */
export interface WorkbookPerson extends PersonHead {
  results: WorkbookResult[];
  problems: ProblemLike[];
}

const count = (problems: Problem[], severity: string) => problems.reduce((n, p) => n + (p.severity === severity ? 1 : 0), 0);

/** A person's result as the workbook shows it, each problem given its place by `locate` when it has none. */
export function forResultsWorkbook(person: PersonResult, locate?: Locate): WorkbookPerson {
  const placed = (p: Problem): ProblemLike => {
    const { code, severity, message, clause, hint, at, person: who, period, method, field } = p;
    const where = at ?? (locate && who !== undefined ? locate(who, field) : undefined);
    return { severity, code, message, clause, hint, at: where, person: who, period, method, field };
  };
  return {
    ...headOf(person),
    results: person.results.map((r): WorkbookResult => ({
      period: r.period,
      method: r.method,
      methodology: r.methodology,
      status: r.status,
      eligibility: r.eligibility && { rule: r.eligibility.rule, reason: r.eligibility.reason, clause: r.eligibility.clause },
      parameters: r.parameters?.map((x) => ({ id: x.id, score: x.score })),
      sheets: r.sheets?.map((x) => ({ role: x.role, score: x.score })),
      kpis: r.kpis?.map((x) => ({ id: x.id, percent: x.percent, score: x.score })),
      respondents: r.respondents,
      competencies: r.competencies?.map((x) => ({ id: x.id, title: x.title, average: x.average })),
      weakest: r.weakest,
      score: r.score,
      bandLabel: r.bandLabel,
      calibratedScore: r.calibration?.finalScore,
      quarters: r.quarters?.map((q) => ({ period: q.period, score: q.score })),
      deadlines: r.deadlines.map((d) => ({ id: d.id, title: d.title, date: d.date, actual: d.actual, late: d.late })),
      errors: count(r.problems, 'error'),
      warnings: count(r.problems, 'warning'),
    })),
    problems: [...person.problems, ...person.results.flatMap((r) => r.problems)].map(placed),
  };
}

/** A person's line for `ResultsWorkbook.addLines`: made where the person is evaluated (a worker thread too). */
export function resultsWorkbookLine(person: PersonResult, locate?: Locate): string {
  return JSON.stringify(forResultsWorkbook(person, locate)) + '\n';
}

const headOf = (p: PersonHead): PersonHead => ({
  id: p.id,
  name: p.name,
  position: p.position,
  unit: p.unit,
  categoryTitle: p.categoryTitle,
  positionCategory: p.positionCategory,
});

/** A sheet of one period and method while its rows are gathered. */
interface SheetPlan {
  period: string;
  method: string;
  /** The methodology of its first result (a sheet of the year of a change has one). */
  methodology?: string;
  rows: LineSpool;
  /** Deadline id → title, and competency id → title, in the order met. */
  deadlines: Map<string, string>;
  competencies: Map<string, string>;
}

/**
 * results.xlsx built person by person: `add` (or `addLines`) each person's result in the
 * order of the input, then `write` once; `discard` when the run is abandoned. Memory does
 * not grow with the body: people go to a temporary file, and each sheet is written from its
 * own file.
 */
export class ResultsWorkbook {
  private readonly dir = mkdtempSync(join(tmpdir(), 'bagalau-results-xlsx-'));
  private readonly people = new LineSpool(join(this.dir, 'people.ndjson'));

  constructor(
    private readonly top: ResultsTopOf,
    private readonly methodologies: Methodology[],
    private readonly options: ResultsWorkbookOptions = {},
  ) {}

  add(person: PersonResult): void {
    this.people.appendBytes(Buffer.from(resultsWorkbookLine(person, this.options.locate)));
  }

  /** People as `resultsWorkbookLine` made them (UTF-8, a line each). */
  addLines(bytes: Uint8Array): void {
    this.people.appendBytes(bytes);
  }

  /** Writes the workbook at `path` and removes the temporary files (callers write to a temporary name and rename it: produceAtomically). */
  async write(path: string): Promise<void> {
    try {
      await this.writeTo(path);
    } finally {
      this.discard();
    }
  }

  discard(): void {
    this.people.close();
    rmSync(this.dir, { recursive: true, force: true });
  }

  private async writeTo(path: string): Promise<void> {
    const { top, methodologies, options } = this;
    const { default: Excel } = await import('exceljs');

    // The people, once, into a file per sheet (sheets and their columns in the order met).
    const plans = new Map<string, SheetPlan>();
    const year = new LineSpool(join(this.dir, 'year.ndjson'));
    const problemRows = new LineSpool(join(this.dir, 'problems.ndjson'));
    let people = 0;
    this.people.forEach((line) => {
      const person = JSON.parse(line) as WorkbookPerson;
      people++;
      const head = headOf(person);
      for (const r of person.results) {
        const key = `${r.period}\t${r.method}`;
        let plan = plans.get(key);
        if (!plan) {
          plan = {
            period: r.period,
            method: r.method,
            methodology: r.methodology,
            rows: new LineSpool(join(this.dir, `sheet-${plans.size}.ndjson`)),
            deadlines: new Map(),
            competencies: new Map(),
          };
          plans.set(key, plan);
        }
        for (const d of r.deadlines) if (!plan.deadlines.has(d.id)) plan.deadlines.set(d.id, d.title);
        for (const c of r.competencies ?? []) if (!plan.competencies.has(c.id)) plan.competencies.set(c.id, c.title);
        plan.rows.append(JSON.stringify([head, r]));
      }
      year.append(JSON.stringify({ ...head, results: person.results.filter((r) => r.period === 'year'), problems: [] }));
      for (const p of person.problems) problemRows.append(JSON.stringify(p));
    });
    // Every so many rows the zip is let compress what the sheet has written: rows are not held until the sheet ends.
    let written = 0;
    const rowsOf = async (spool: LineSpool, visit: (person: WorkbookPerson, result: WorkbookResult | undefined) => void) => {
      for (const line of spool.lines()) {
        const parsed = JSON.parse(line) as [WorkbookPerson, WorkbookResult] | WorkbookPerson;
        if (Array.isArray(parsed)) visit(parsed[0], parsed[1]);
        else visit(parsed, undefined);
        if (++written % ROWS_BETWEEN_DRAINS === 0) await new Promise((resolve) => setImmediate(resolve));
      }
    };

    try {
      const wb = new Excel.stream.xlsx.WorkbookWriter({ filename: path, useStyles: true, useSharedStrings: true });
      const created = options.created ?? new Date();
      Object.assign(wb, {
        creator: 'bagalau',
        lastModifiedBy: 'bagalau',
        created,
        modified: created,
        title: `${top.methodology.id} — ${top.year}`,
        subject: 'bagalau-results/1',
        keywords: `bagalau-results methodology=${top.methodology.id} year=${top.year}`,
      });
      const byId = new Map(methodologies.map((m) => [m.id, m]));
      const latest = byId.get(top.methodology.id) ?? methodologies.at(-1);
      const bands = bandColours(methodologies);
      const taken = new Set<string>();
      const mark = latest?.confidentiality.mark?.kk ?? '';

      // The information sheet.
      const info = wb.addWorksheet(sheetName('Ақпарат', taken));
      info.columns = [{ width: 34 }, { width: 90 }];
      const infoRows: [string, string][] = [
        ['Бағалау нәтижелері', mark],
        ['Мемлекеттік орган', top.body ?? ''],
        ['Жыл', String(top.year)],
        [
          'Әдістеме',
          (top.methodologies ?? [top.methodology])
            .map((m) => `${m.id} — ${m.title}${'periods' in m ? ` (${(m as { periods: string[] }).periods.join(', ')})` : ''}`)
            .join('; '),
        ],
        ['Қызметшілер саны', String(people)],
        ['', ''],
        ['Деңгейлер (түсі бойынша)', ''],
      ];
      for (const [k, v] of infoRows) {
        const row = info.addRow([k, v]);
        row.getCell(1).font = { bold: true };
        row.commit();
      }
      for (const b of bands) {
        const row = info.addRow(['', b.label]);
        row.getCell(2).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: b.colour } };
        row.commit();
      }
      const legend = info.addRow(['', 'Қызыл: мерзімі өтіп кеткен күн / красным: просроченная дата']);
      legend.getCell(2).fill = LATE_FILL;
      legend.commit();
      info.commit();

      // One sheet per period and method, in the order of the periods (methods in the order met).
      const periods: string[] = [...QUARTERS, 'year'];
      const ordered = [...plans.values()]
        .filter((p) => periods.includes(p.period))
        .sort((a, b) => periods.indexOf(a.period) - periods.indexOf(b.period));
      const quarterly = new Set(ordered.filter((p) => p.period !== 'year').map((p) => p.method));
      const yearlyOfQuarterly = ordered.filter((p) => p.period === 'year' && quarterly.has(p.method));
      for (const plan of ordered.filter((p) => !yearlyOfQuarterly.includes(p))) {
        const { period, method } = plan;
        const methodology = (plan.methodology ? byId.get(plan.methodology) : undefined) ?? latest;
        const declared = methodology?.methods[method];
        const columns = [
          ...personColumns(),
          ...outcomeColumns(),
          ...kindColumns(methodology, method, plan.competencies),
          ...scoreColumns(),
          ...deadlineColumns(plan.deadlines),
          ...problemColumns(),
        ];
        const ws = wb.addWorksheet(sheetName(period === 'year' ? method : `${period} ${method}`, taken), {
          views: [{ state: 'frozen', xSplit: 2, ySplit: 2, topLeftCell: cellAddress(3, 3) }],
        });
        const writer = new SheetWriter(ws, columns);
        writer.header(
          `${declared?.title.kk ?? method} — ${period === 'year' ? `${top.year} ж.` : `${top.year} ж. ${period.slice(1)}-тоқсан`}${mark ? ` — ${mark}` : ''}`,
        );
        await rowsOf(plan.rows, (person, r) => writer.add(person, r));
        writer.finish(bands);
      }

      // The year: each quarterly method's yearly result with the quarters it counts, a row for everyone.
      if (yearlyOfQuarterly.length) {
        const columns: Column[] = [...personColumns()];
        for (const { method, deadlines } of yearlyOfQuarterly) {
          const title = latest?.methods[method]?.title.kk ?? method;
          const find = (p: WorkbookPerson) => p.results.find((r) => r.period === 'year' && r.method === method);
          columns.push(
            {
              title: `${title}: мәртебесі`,
              width: 18,
              value: (p) => {
                const r = find(p);
                return r ? (STATUS_KK[r.status] ?? r.status) : null;
              },
            },
            {
              title: `${title}: тоқсандар`,
              width: 30,
              value: (p) =>
                find(p)
                  ?.quarters?.map((q) => `${q.period} ${q.score.toFixed(2)}`)
                  .join('; ') || null,
            },
            { title: `${title}: жылдық баға`, width: 12, number: '0.00', value: (p) => find(p)?.score ?? null },
            { title: `${title}: деңгейі`, width: 44, band: true, value: (p) => find(p)?.bandLabel ?? null },
            ...deadlineColumns(deadlines).map((c): Column => ({
              ...c,
              value: (p) => c.value(p, find(p)),
              late: c.late ? (p) => c.late!(p, find(p)) : undefined,
            })),
          );
        }
        const ws = wb.addWorksheet(sheetName('Жыл', taken), {
          views: [{ state: 'frozen', xSplit: 2, ySplit: 2, topLeftCell: cellAddress(3, 3) }],
        });
        const writer = new SheetWriter(ws, columns);
        writer.header(`${top.year} жылдың қорытындысы${mark ? ` — ${mark}` : ''}`);
        await rowsOf(year, (person) => writer.add(person, undefined));
        // Each band column gets the colours (the writer colours the first; the others here).
        const bandColumns = columns.map((c, k) => (c.band ? k : -1)).filter((k) => k >= 0);
        for (const k of bandColumns.slice(1)) {
          const letters = columnLetters(k + 1);
          ws.addConditionalFormatting({
            ref: `${letters}3:${letters}${people + 2}`,
            rules: bands.map((b, n) => ({
              type: 'expression',
              priority: n + 1,
              formulae: [`$${letters}3="${b.label.replace(/"/g, '""')}"`],
              style: { fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: b.colour } } },
            })),
          });
        }
        writer.finish(bands);
      }

      // Problems, with their place.
      const problems = wb.addWorksheet(sheetName('Мәселелер', taken), {
        views: [{ state: 'frozen', xSplit: 0, ySplit: 1, topLeftCell: 'A2' }],
      });
      problems.columns = [10, 26, 10, 8, 16, 36, 26, 70, 30, 50].map((width) => ({ width }));
      const head = problems.addRow([
        'Түрі',
        'Коды',
        'Қызметші',
        'Кезең',
        'Әдіс',
        'Өріс',
        'Орны',
        'Не дұрыс емес',
        'Тармақ',
        'Не істеу керек',
      ]);
      head.eachCell((cell) => {
        cell.font = { bold: true };
        cell.fill = HEADER_FILL;
      });
      head.commit();
      const problemRow = (p: ProblemLike) => {
        const at = p.at ?? (p.person !== undefined ? options.locate?.(p.person, p.field) : undefined);
        const row = problems.addRow([
          p.severity === 'error' ? 'қате' : 'ескерту',
          p.code,
          p.person ?? null,
          p.period ?? null,
          p.method ?? null,
          p.field ?? null,
          place(at),
          p.message,
          p.clause ?? null,
          p.hint ?? null,
        ]);
        if (p.severity === 'error') row.getCell(1).fill = LATE_FILL;
        row.commit();
      };
      for (const p of options.problems ?? []) problemRow(p);
      for (const p of top.problems) problemRow(p);
      problemRows.forEach((line) => problemRow(JSON.parse(line) as ProblemLike));
      problems.commit();
      await wb.commit();
    } finally {
      for (const plan of plans.values()) plan.rows.close();
      year.close();
      problemRows.close();
    }
  }
}

interface ProblemLike {
  severity: string;
  code: string;
  message: string;
  clause?: string;
  hint?: string;
  at?: CellPosition | SourcePosition;
  person?: string;
  period?: string;
  method?: string;
  field?: string;
}

/** Writes results.xlsx of a whole result. `methodologies`: those the results were evaluated under (for titles, parameters and bands). */
export async function writeResultsWorkbook(
  result: EvaluationResult,
  methodologies: Methodology[],
  path: string,
  options: ResultsWorkbookOptions = {},
): Promise<void> {
  const workbook = new ResultsWorkbook(result, methodologies, options);
  try {
    for (const person of result.people) workbook.add(person);
  } catch (error) {
    workbook.discard();
    throw error;
  }
  await workbook.write(path);
}
