// results.xlsx: the evaluation's results as a workbook for the HR service — one sheet per
// period and method (the score, the band, the eligibility decision and its rule, the
// deadlines with late ones highlighted), a sheet of the year, one per yearly method (360:
// the competency averages and the weakest, never a response), and the problems with their
// place. Band colours are conditional formatting on the band's label, labels and titles in
// Kazakh from the methodology. Written with exceljs's streaming writer, row by row.
import ExcelJS from 'exceljs';
import type { DeadlineResult, EvaluationResult, MethodResult, PersonResult } from '../engine/index.js';
import type { Methodology, SourcePosition } from '../methodology/index.js';
import { cellAddress, columnLetters } from './cells.js';
import { QUARTERS, sheetName } from './layout.js';
import type { CellPosition } from './read.js';

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

interface Column {
  title: string;
  width: number;
  value: (person: PersonResult, result: MethodResult | undefined) => ExcelJS.CellValue;
  /** A date column: late ones highlighted by `late`. */
  date?: boolean;
  late?: (person: PersonResult, result: MethodResult | undefined) => boolean;
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
    { title: 'Калибрлеуден кейінгі баға', width: 12, number: '0.00', value: (_, r) => r?.calibration?.finalScore ?? null },
  ];
}

function problemColumns(): Column[] {
  return [
    { title: 'Қателер', width: 8, value: (_, r) => r?.problems.filter((p) => p.severity === 'error').length || null },
    { title: 'Ескертулер', width: 10, value: (_, r) => r?.problems.filter((p) => p.severity === 'warning').length || null },
  ];
}

/** Two columns per deadline the results of a sheet carry: the date due and the date done (late ones highlighted). */
function deadlineColumns(results: MethodResult[]): Column[] {
  const deadlines = new Map<string, string>();
  for (const r of results) for (const d of r.deadlines) if (!deadlines.has(d.id)) deadlines.set(d.id, d.title);
  return [...deadlines].flatMap(([id, title]): Column[] => {
    const find = (r: MethodResult | undefined): DeadlineResult | undefined => r?.deadlines.find((d) => d.id === id);
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
function kindColumns(methodology: Methodology | undefined, methodId: string, results: MethodResult[]): Column[] {
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
    const competencies = new Map<string, string>();
    for (const r of results) for (const c of r.competencies ?? []) if (!competencies.has(c.id)) competencies.set(c.id, c.title);
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

  add(person: PersonResult, result: MethodResult | undefined): void {
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

/**
 * A person's result without what the workbook does not show (the trace, the facts, the steps
 * of each deadline): what is kept until the workbook is written, and what a worker thread
 * sends for it.
 */
export function forResultsWorkbook(person: PersonResult): PersonResult {
  return {
    ...person,
    results: person.results.map((r) => ({
      ...r,
      trace: [],
      ...(r.eligibility && { eligibility: { ...r.eligibility, facts: {} } }),
      deadlines: r.deadlines.map((d) => ({ ...d, steps: [] })),
      ...(r.calibration && { calibration: { ...r.calibration, deadlines: [] } }),
    })),
  };
}

/**
 * results.xlsx built person by person (as `bagalau evaluate` streams them): `add` each
 * person's result in order, then `write`. Only what the workbook shows is kept meanwhile.
 */
export class ResultsWorkbook {
  private readonly people: PersonResult[] = [];

  constructor(
    private readonly top: ResultsTopOf,
    private readonly methodologies: Methodology[],
    private readonly options: ResultsWorkbookOptions = {},
  ) {}

  add(person: PersonResult): void {
    this.people.push(forResultsWorkbook(person));
  }

  async write(path: string): Promise<void> {
    await writeWorkbook({ ...this.top, people: this.people }, this.methodologies, path, this.options);
  }
}

/** Writes results.xlsx. `methodologies`: those the results were evaluated under (for titles, parameters and bands). */
export async function writeResultsWorkbook(
  result: EvaluationResult,
  methodologies: Methodology[],
  path: string,
  options: ResultsWorkbookOptions = {},
): Promise<void> {
  await writeWorkbook(result, methodologies, path, options);
}

async function writeWorkbook(
  result: EvaluationResult,
  methodologies: Methodology[],
  path: string,
  options: ResultsWorkbookOptions,
): Promise<void> {
  const { people } = result;
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useStyles: true, useSharedStrings: true });
  const created = options.created ?? new Date();
  Object.assign(wb, {
    creator: 'bagalau',
    lastModifiedBy: 'bagalau',
    created,
    modified: created,
    title: `${result.methodology.id} — ${result.year}`,
    subject: 'bagalau-results/1',
    keywords: `bagalau-results methodology=${result.methodology.id} year=${result.year}`,
  });
  const byId = new Map(methodologies.map((m) => [m.id, m]));
  const latest = byId.get(result.methodology.id) ?? methodologies.at(-1);
  const methodologyOf = (r: MethodResult) => (r.methodology ? byId.get(r.methodology) : undefined) ?? latest;
  const bands = bandColours(methodologies);
  const taken = new Set<string>();
  const mark = latest?.confidentiality.mark?.kk ?? '';

  // The information sheet.
  const info = wb.addWorksheet(sheetName('Ақпарат', taken));
  info.columns = [{ width: 34 }, { width: 90 }];
  const infoRows: [string, string][] = [
    ['Бағалау нәтижелері', mark],
    ['Мемлекеттік орган', result.body ?? ''],
    ['Жыл', String(result.year)],
    [
      'Әдістеме',
      (result.methodologies ?? [result.methodology])
        .map((m) => `${m.id} — ${m.title}${'periods' in m ? ` (${(m as { periods: string[] }).periods.join(', ')})` : ''}`)
        .join('; '),
    ],
    ['Қызметшілер саны', String(result.people.length)],
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

  // One sheet per period and method, in the order of the periods.
  const pairs: { period: string; method: string }[] = [];
  for (const period of [...QUARTERS, 'year']) {
    for (const person of result.people)
      for (const r of person.results) {
        if (r.period !== period || pairs.some((p) => p.period === period && p.method === r.method)) continue;
        pairs.push({ period, method: r.method });
      }
  }
  const yearlyOfQuarterly = pairs.filter((p) => p.period === 'year' && pairs.some((q) => q.period !== 'year' && q.method === p.method));
  for (const { period, method } of pairs.filter((p) => p.period !== 'year' || !yearlyOfQuarterly.includes(p))) {
    const results = result.people.flatMap((p) => p.results.filter((r) => r.period === period && r.method === method));
    const methodology = results[0] ? methodologyOf(results[0]) : latest;
    const declared = methodology?.methods[method];
    const columns = [
      ...personColumns(),
      ...outcomeColumns(),
      ...kindColumns(methodology, method, results),
      ...scoreColumns(),
      ...deadlineColumns(results),
      ...problemColumns(),
    ];
    const ws = wb.addWorksheet(sheetName(period === 'year' ? method : `${period} ${method}`, taken), {
      views: [{ state: 'frozen', xSplit: 2, ySplit: 2, topLeftCell: cellAddress(3, 3) }],
    });
    const writer = new SheetWriter(ws, columns);
    writer.header(
      `${declared?.title.kk ?? method} — ${period === 'year' ? `${result.year} ж.` : `${result.year} ж. ${period.slice(1)}-тоқсан`}${mark ? ` — ${mark}` : ''}`,
    );
    for (const person of result.people) {
      const r = person.results.find((x) => x.period === period && x.method === method);
      if (r) writer.add(person, r);
    }
    writer.finish(bands);
  }

  // The year: each quarterly method's yearly result with the quarters it counts.
  if (yearlyOfQuarterly.length) {
    const columns: Column[] = [...personColumns()];
    for (const { method } of yearlyOfQuarterly) {
      const title = latest?.methods[method]?.title.kk ?? method;
      const find = (p: PersonResult) => p.results.find((r) => r.period === 'year' && r.method === method);
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
        ...deadlineColumns(people.flatMap((p) => p.results.filter((r) => r.period === 'year' && r.method === method))).map((c): Column => ({
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
    writer.header(`${result.year} жылдың қорытындысы${mark ? ` — ${mark}` : ''}`);
    for (const person of result.people) writer.add(person, undefined);
    // Each band column gets the colours (the writer colours the first; the others here).
    const bandColumns = columns.map((c, k) => (c.band ? k : -1)).filter((k) => k >= 0);
    for (const k of bandColumns.slice(1)) {
      const letters = columnLetters(k + 1);
      ws.addConditionalFormatting({
        ref: `${letters}3:${letters}${result.people.length + 2}`,
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
  problems.columns = [
    { width: 10 },
    { width: 26 },
    { width: 10 },
    { width: 8 },
    { width: 16 },
    { width: 36 },
    { width: 26 },
    { width: 70 },
    { width: 30 },
    { width: 50 },
  ];
  const head = problems.addRow(['Түрі', 'Коды', 'Қызметші', 'Кезең', 'Әдіс', 'Өріс', 'Орны', 'Не дұрыс емес', 'Тармақ', 'Не істеу керек']);
  head.eachCell((cell) => {
    cell.font = { bold: true };
    cell.fill = HEADER_FILL;
  });
  head.commit();
  const problemRow = (p: {
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
  }) => {
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
  for (const p of result.problems) problemRow(p);
  for (const person of result.people) for (const p of [...person.problems, ...person.results.flatMap((r) => r.problems)]) problemRow(p);
  problems.commit();
  await wb.commit();
}
