// Writes the intake workbook: a read-me in Kazakh and Russian, the General sheet, and a
// sheet per part of the input the methodology asks for (people, units, absences, work
// plans, one per method and period, the anonymous survey responses, calibration), with
// three header rows (titles, column titles, the keys the reader finds columns by), frozen
// panes, widths that fit Kazakh titles, and data validation wherever the methodology
// fixes the values. Empty, or filled from an existing input (fill.ts).
import ExcelJS from 'exceljs';
import { cellAddress, columnLetters } from './cells.js';
import type { CellInput, FilledWorkbook, RowInput } from './fill.js';
import {
  FIRST_DATA_ROW,
  GENERAL_ROWS,
  HEADER_ROWS,
  INTAKE_FORMAT,
  KEY_ROW,
  SHEET_NAMES,
  type ChoiceList,
  type ColumnSpec,
  type IntakeLayout,
  type SheetSpec,
} from './layout.js';

export interface TemplateOptions {
  /** The methodologies as the General sheet names them (ids, or paths relative to the workbook). */
  methodologyRefs: string[];
  /** Rows to write (an input laid out by fillIntake). */
  fill?: FilledWorkbook;
  /** Rows below the data that get the validation (default: 1000, or as many as the data and 500 more). */
  spareRows?: number;
  /** The workbook's creation date (fixed by the tests and the committed example). */
  created?: Date;
}

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
const GROUP_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFBDD7EE' } };
const KEY_FONT: Partial<ExcelJS.Font> = { size: 8, color: { argb: 'FF808080' } };
const INFO_FONT: Partial<ExcelJS.Font> = { italic: true, color: { argb: 'FF595959' } };
const DATE_FORMAT = 'dd.mm.yyyy';

/** The width (in characters) that shows a title on a few lines: wide enough for its longest word. */
export function widthFor(column: ColumnSpec): number {
  // Bold Cyrillic letters are wider than the width unit (the digit 0): a word of n letters needs about 1.2n.
  const word = Math.ceil(longestWord(column.title.kk) * 1.2) + 2;
  if (column.width) return Math.max(column.width, word);
  return Math.min(40, Math.max(10, word, Math.ceil(column.title.kk.length / 3)));
}

const longestWord = (text: string) => Math.max(0, ...text.split(/\s+/).map((w) => [...w].length));

/** Lines a text takes in a column of `width` characters. */
function linesFor(text: string, width: number): number {
  let lines = 1;
  let used = 0;
  for (const word of text.split(/\s+/)) {
    const length = [...word].length;
    if (used > 0 && used + 1 + length > width) {
      lines++;
      used = length;
    } else used += (used > 0 ? 1 : 0) + length;
  }
  return lines;
}

/** A value as the cell stores it: dates as dates, choices by their label, yes/no in Kazakh. */
function cellValue(column: ColumnSpec, value: CellInput): ExcelJS.CellValue {
  if (value === undefined) return null;
  if (column.type === 'date' && typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const [y, m, d] = value.split('-').map(Number);
    return new Date(Date.UTC(y, m - 1, d));
  }
  if (column.type === 'boolean' && typeof value === 'boolean') return value ? 'иә' : 'жоқ';
  if (column.choices && typeof value === 'string') return column.choices.items.find((c) => c.value === value)?.label ?? value;
  return value;
}

/** Where the lists for the list validations are kept (a hidden sheet, written last): one column per list. */
class Lists {
  private readonly columns = new Map<string, { list: ChoiceList; col: number }>();

  constructor(layout: IntakeLayout) {
    for (const sheet of layout.sheets)
      for (const column of sheet.columns) {
        if (column.choices && !column.info && !this.columns.has(column.choices.name))
          this.columns.set(column.choices.name, { list: column.choices, col: this.columns.size + 1 });
      }
  }

  rangeOf(list: ChoiceList): string {
    const { col } = this.columns.get(list.name)!;
    const letters = columnLetters(col);
    return `'${SHEET_NAMES.lists}'!$${letters}$2:$${letters}$${Math.max(2, list.items.length + 1)}`;
  }

  write(ws: ExcelJS.Worksheet): void {
    const entries = [...this.columns.values()];
    ws.columns = entries.map(({ list }) => ({ width: Math.min(60, Math.max(12, ...list.items.map((i) => i.label.length + 2))) }));
    const rows = Math.max(0, ...entries.map(({ list }) => list.items.length));
    const head = ws.getRow(1);
    for (const { list, col } of entries) {
      head.getCell(col).value = list.name;
      head.getCell(col).font = { bold: true };
    }
    head.commit();
    for (let k = 0; k < rows; k++) {
      const row = ws.getRow(k + 2);
      for (const { list, col } of entries) if (list.items[k]) row.getCell(col).value = list.items[k].label;
      row.commit();
    }
  }
}

function validationOf(
  column: ColumnSpec,
  address: string,
  lists: Lists,
  sheets: Map<string, { sheet: SheetSpec; lastRow: number }>,
): ExcelJS.DataValidation | undefined {
  const common = { allowBlank: true, showErrorMessage: true, errorStyle: 'stop' as string, errorTitle: 'bagalau' };
  const range = column.range;
  switch (column.type) {
    case 'score': {
      if (!range) return undefined;
      const conditions = [
        `ISNUMBER(${address})`,
        `${address}>=${range.min}`,
        ...(range.max !== undefined ? [`${address}<=${range.max}`] : []),
        ...(range.precision !== undefined ? [`ROUND(${address},${range.precision})=${address}`] : []),
      ];
      return {
        ...common,
        type: 'custom',
        formulae: [`AND(${conditions.join(',')})`],
        error: `${range.min}–${range.max} аралығындағы сан, үтірден кейін ${range.precision ?? 2} таңбаға дейін. / Число от ${range.min} до ${range.max}, не более ${range.precision ?? 2} знаков после запятой.`,
      };
    }
    case 'integer':
      return { ...common, type: 'whole', operator: 'greaterThanOrEqual', formulae: [range?.min ?? 0], error: 'Бүтін сан. / Целое число.' };
    case 'number':
      return { ...common, type: 'decimal', operator: 'between', formulae: [-1e12, 1e12], error: 'Сан. / Число.' };
    case 'date': {
      const years = column.years ?? { from: 1950, to: 2100 };
      return {
        ...common,
        type: 'date',
        operator: 'between',
        formulae: [new Date(Date.UTC(years.from, 0, 1)), new Date(Date.UTC(years.to, 11, 31))],
        error: `${years.from}–${years.to} жылдардағы күн, КК.АА.ЖЖЖЖ. / Дата ${years.from}–${years.to} гг., ДД.ММ.ГГГГ.`,
      };
    }
    case 'choice':
    case 'boolean': {
      if (!column.choices) return undefined;
      return {
        ...common,
        type: 'list',
        formulae: [lists.rangeOf(column.choices)],
        errorStyle: column.choices.strict ? 'stop' : 'information',
        error: column.choices.strict
          ? 'Тізімнен таңдаңыз. / Выберите из списка.'
          : 'Тізімде жоқ мән: дұрыс екенін тексеріңіз. / Значения нет в списке: проверьте.',
      };
    }
    case 'id': {
      if (!column.refersTo) return undefined;
      const target = [...sheets.values()].find((s) => s.sheet.kind === column.refersTo);
      if (!target) return undefined;
      return {
        ...common,
        type: 'list',
        formulae: [`'${target.sheet.name}'!$A$${FIRST_DATA_ROW}:$A$${target.lastRow}`],
        errorStyle: 'warning',
        error: `«${target.sheet.name}» парағында жоқ код. / Кода нет на листе «${target.sheet.name}».`,
      };
    }
    default:
      return undefined;
  }
}

function writeHeader(ws: ExcelJS.Worksheet, spec: SheetSpec): void {
  const { columns } = spec;
  ws.columns = columns.map((column) => ({
    width: widthFor(column),
    style: {
      ...(column.type === 'date' ? { numFmt: DATE_FORMAT } : column.type === 'id' || column.type === 'text' ? { numFmt: '@' } : {}),
      ...(column.info ? { font: INFO_FONT } : {}),
    },
  }));
  const titleRow = ws.getRow(1);
  titleRow.getCell(1).value = spec.title.kk + (spec.title.ru ? ` / ${spec.title.ru}` : '');
  titleRow.getCell(1).font = { bold: true, size: 12 };
  // Group titles (a parameter over its score and justification, a competency over its statements).
  for (let start = 0; start < columns.length;) {
    const group = columns[start].group;
    let end = start;
    while (end + 1 < columns.length && group && columns[end + 1].group?.kk === group.kk) end++;
    if (group) {
      const cell = titleRow.getCell(start + 1);
      cell.value = group.kk;
      cell.fill = GROUP_FILL;
      cell.font = { bold: true };
      cell.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
      if (end > start) ws.mergeCells(1, start + 1, 1, end + 1);
    }
    start = end + 1;
  }
  if (columns.some((c) => c.group)) titleRow.height = 45;
  titleRow.commit();
  const head = ws.getRow(2);
  const keys = ws.getRow(KEY_ROW);
  let lines = 1;
  columns.forEach((column, k) => {
    const width = widthFor(column);
    const cell = head.getCell(k + 1);
    cell.value = column.title.kk + (column.required ? ' *' : '');
    cell.font = { bold: true, ...(column.info ? { italic: true } : {}) };
    cell.fill = HEADER_FILL;
    cell.alignment = { wrapText: true, vertical: 'top' };
    cell.border = { bottom: { style: 'thin' } };
    const note = [column.title.ru, column.note?.kk, column.note?.ru].filter(Boolean).join('\n');
    if (note) cell.note = note;
    lines = Math.max(lines, linesFor(cell.value, width - 1));
    const key = keys.getCell(k + 1);
    key.value = column.key;
    key.font = KEY_FONT;
  });
  head.height = Math.min(409, 15 * lines + 4);
  head.commit();
  keys.commit();
}

function frozen(spec: SheetSpec): Partial<ExcelJS.WorksheetView>[] {
  return [
    {
      state: 'frozen',
      xSplit: spec.kind === 'general' ? 0 : Math.min(2, spec.columns.length),
      ySplit: HEADER_ROWS,
      topLeftCell: cellAddress(FIRST_DATA_ROW, spec.kind === 'general' ? 1 : Math.min(3, spec.columns.length)),
    },
  ];
}

function writeRow(ws: ExcelJS.Worksheet, spec: SheetSpec, rowNumber: number, row: RowInput): void {
  const r = ws.getRow(rowNumber);
  spec.columns.forEach((column, k) => {
    const value = cellValue(column, row[column.key]);
    if (value === null) return;
    // Dates and informative columns take their format from the column's style.
    r.getCell(k + 1).value = value;
  });
  r.commit();
}

/** The read-me: how to fill the workbook in, in Kazakh and Russian. */
function writeReadMe(ws: ExcelJS.Worksheet, layout: IntakeLayout, refs: string[]): void {
  ws.columns = [{ width: 90 }, { width: 90 }];
  const latest = layout.methodologies.at(-1)!;
  const lines: [string, string, boolean?][] = [
    ['bagalau — бағалау деректерін толтыру кітабы', 'bagalau — книга для заполнения данных оценки', true],
    [
      `Әдістеме: ${layout.methodologies.map((m) => `${m.id} — ${m.title.kk}`).join('; ')}`,
      `Методика: ${layout.methodologies.map((m) => `${m.id} — ${m.title.ru ?? m.title.kk}`).join('; ')}`,
    ],
    [
      `Жыл: ${layout.year}. Кітап осы әдістеме мен жылға жасалған; басқа әдістемеге жаңасын жасаңыз: bagalau template --methodology … --year …`,
      `Год: ${layout.year}. Книга сделана для этой методики и года; для другой методики сделайте новую: bagalau template --methodology … --year …`,
    ],
    ['', ''],
    ['Қалай толтыру керек', 'Как заполнять', true],
    [
      '1. Әр парақтың алғашқы үш жолы — тақырыптар; 3-жолдағы сұр кілттерді өзгертпеңіз және жоймаңыз: bagalau бағандарды солар арқылы табады.',
      '1. Первые три строки каждого листа — заголовки; серые ключи в 3-й строке не меняйте и не удаляйте: по ним bagalau находит столбцы.',
    ],
    [
      '2. Деректер 4-жолдан басталады. Бос жолдар өткізіліп жіберіледі. * белгісі бар бағандар міндетті.',
      '2. Данные начинаются с 4-й строки. Пустые строки пропускаются. Столбцы со знаком * обязательны.',
    ],
    [
      '3. Күндер: КК.АА.ЖЖЖЖ (мысалы, 10.04.2026) немесе ұяшықтан таңдаңыз. Бөлшек сандар үтірмен де, нүктемен де жазыла береді (4,5 немесе 4.5).',
      '3. Даты: ДД.ММ.ГГГГ (например, 10.04.2026) или выберите в ячейке. Дробные числа можно писать и с запятой, и с точкой (4,5 или 4.5).',
    ],
    [
      '4. Тізімі бар ұяшықтарда мәнді тізімнен таңдаңыз (санат, болмау түрі, бағалаушының рөлі, жауап нұсқасы…).',
      '4. В ячейках со списком выберите значение из списка (категория, вид отсутствия, роль оценивающего, вариант ответа…).',
    ],
    [
      '5. Әр қызметшінің коды «Қызметшілер» парағында бір рет жазылады; басқа парақтарда сол код көрсетіледі. «Т.А.Ә. (анықтама үшін)» бағаны тек тексеру үшін.',
      '5. Код каждого служащего указывается один раз на листе «Қызметшілер»; на других листах указывается этот код. Столбец «Ф.И.О. (для справки)» — только для проверки.',
    ],
    [
      '6. Парақтардың атауын өзгертпеңіз. Жаңа парақтар оқылмайды (bagalau олар туралы ескертеді).',
      '6. Не переименовывайте листы. Новые листы не читаются (bagalau предупредит о них).',
    ],
    [
      '7. 360 сауалнамасы жасырын: респонденттің аты-жөні жазылмайды, тек тобы мен жауаптары.',
      '7. Опрос 360 анонимный: имя респондента не указывается, только группа и ответы.',
    ],
    [
      '8. Толтырған соң: bagalau evaluate intake.xlsx --out нәтижелер — әр қате парақ пен ұяшық бойынша көрсетіледі (мысалы, intake.xlsx › Қызметшілер!C12).',
      '8. После заполнения: bagalau evaluate intake.xlsx --out результаты — каждая ошибка указывается с листом и ячейкой (например, intake.xlsx › Қызметшілер!C12).',
    ],
    ['', ''],
    ['Парақтар', 'Листы', true],
    ...layout.sheets.map((s): [string, string] => [`«${s.name}» — ${s.title.kk}`, `«${s.name}» — ${s.title.ru ?? s.title.kk}`]),
    ['', ''],
    [
      `Әдістемедегі шкала: ${latest.scores.min}–${latest.scores.max}, ${latest.scores.precision} ондық таңба.`,
      `Шкала методики: ${latest.scores.min}–${latest.scores.max}, ${latest.scores.precision} знака после запятой.`,
    ],
    [
      `Жасалды: bagalau template --methodology ${refs.join(' --methodology ')} --year ${layout.year}`,
      `Создано: bagalau template --methodology ${refs.join(' --methodology ')} --year ${layout.year}`,
    ],
  ];
  lines.forEach(([kk, ru, bold], k) => {
    const row = ws.getRow(k + 1);
    row.getCell(1).value = kk;
    row.getCell(2).value = ru;
    for (const n of [1, 2]) {
      row.getCell(n).alignment = { wrapText: true, vertical: 'top' };
      if (bold) row.getCell(n).font = { bold: true, size: k === 0 ? 14 : 11 };
    }
    row.height = 15 * Math.max(linesFor(kk, 88), linesFor(ru, 88)) + 3;
    row.commit();
  });
}

/** Writes the intake workbook to `path`, sheet by sheet and row by row (exceljs's streaming writer). */
export async function writeIntakeWorkbook(layout: IntakeLayout, path: string, options: TemplateOptions): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useStyles: true, useSharedStrings: true });
  const created = options.created ?? new Date();
  const ids = layout.methodologies.map((m) => m.id);
  Object.assign(wb, {
    creator: 'bagalau',
    lastModifiedBy: 'bagalau',
    created,
    modified: created,
    title: `${ids.join(', ')} — ${layout.year}`,
    subject: INTAKE_FORMAT,
    // Words without spaces or commas: office programs may re-join keywords with either.
    keywords: `bagalau-intake methodology=${ids.join('+')} year=${layout.year}`,
    category: 'bagalau',
    description: `Intake workbook of bagalau for ${layout.year} under ${ids.join(', ')}. methodologies: ${options.methodologyRefs.join(', ')}`,
  });

  const readMe = wb.addWorksheet(SHEET_NAMES.readMe, { properties: { tabColor: { argb: 'FF70AD47' } } });
  writeReadMe(readMe, layout, options.methodologyRefs);
  readMe.commit();
  const lists = new Lists(layout);
  const extents = new Map<string, { sheet: SheetSpec; lastRow: number }>();
  for (const spec of layout.sheets) {
    const filled = options.fill?.rows.get(spec.name) ?? [];
    const spare = options.spareRows ?? (filled.length + 500 > 1000 ? 500 : 1000 - filled.length);
    extents.set(spec.name, { sheet: spec, lastRow: FIRST_DATA_ROW + filled.length + spare - 1 });
  }
  for (const spec of layout.sheets) {
    const ws = wb.addWorksheet(spec.name, { views: frozen(spec) });
    writeHeader(ws, spec);
    if (spec.kind === 'general') {
      writeGeneral(ws, layout, options);
      ws.commit();
      continue;
    }
    const filled = options.fill?.rows.get(spec.name) ?? [];
    if (spec.kind === 'signatories' && !options.fill) {
      const roles = spec.columns[0].choices!.items;
      roles.forEach((role, k) => writeRow(ws, spec, FIRST_DATA_ROW + k, { role: role.value, roleTitle: role.label }));
    }
    filled.forEach((row, k) =>
      writeRow(
        ws,
        spec,
        FIRST_DATA_ROW + k,
        spec.kind === 'signatories' ? { ...row, roleTitle: spec.columns[0].choices!.items.find((c) => c.value === row.role)?.label } : row,
      ),
    );
    const { lastRow } = extents.get(spec.name)!;
    spec.columns.forEach((column, k) => {
      if (column.info) return;
      const letters = columnLetters(k + 1);
      const validation = validationOf(column, `${letters}${FIRST_DATA_ROW}`, lists, extents);
      if (validation)
        (ws as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }).dataValidations.add(
          `${letters}${FIRST_DATA_ROW}:${letters}${lastRow}`,
          validation,
        );
    });
    ws.commit();
  }
  const listSheet = wb.addWorksheet(SHEET_NAMES.lists, { state: 'hidden' });
  lists.write(listSheet);
  listSheet.commit();
  await wb.commit();
}

function writeGeneral(ws: ExcelJS.Worksheet, layout: IntakeLayout, options: TemplateOptions): void {
  const values: Record<string, CellInput> = {
    year: layout.year,
    methodology: options.methodologyRefs.join(', '),
    ...options.fill?.general,
  };
  GENERAL_ROWS.forEach(({ key, title }, k) => {
    const row = ws.getRow(FIRST_DATA_ROW + k);
    row.getCell(1).value = key;
    row.getCell(1).font = KEY_FONT;
    row.getCell(2).value = `${title.kk} / ${title.ru}`;
    row.getCell(2).alignment = { wrapText: true, vertical: 'top' };
    row.getCell(2).font = INFO_FONT;
    const value = values[key];
    if (value !== undefined) {
      const cell = row.getCell(3);
      if (key === 'yearResultsFormedOn' && typeof value === 'string') {
        const [y, m, d] = value.split('-').map(Number);
        cell.value = new Date(Date.UTC(y, m - 1, d));
        cell.numFmt = DATE_FORMAT;
      } else cell.value = value;
    }
    row.height = 15 * linesFor(`${title.kk} / ${title.ru}`, 48) + 3;
    row.commit();
  });
}
