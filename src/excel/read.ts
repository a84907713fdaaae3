// Reads an intake workbook back into the evaluation input (schemas/evaluation.schema.json),
// exactly as a YAML file is read: every problem is located as `intake.xlsx › Sheet!C12`
// with what is wrong, the clause involved and what to do; a mistake in one person's rows
// sets that person aside (reported), never the others; nothing is dropped without a word
// (rows without a person, columns and sheets bagalau does not read are reported).
//
// The columns are found by the keys of the third header row (or, when that row is gone,
// by their titles), so inserted, moved or hidden columns, changed titles and empty
// trailing rows do not matter. Cells are read by cells.ts: numbers stored as text,
// decimal commas, dates typed as text.
//
// Where each field of the input was written is kept per row (the sheet and row of a
// record: a person, an evaluator's sheet, a KPI, a response…) and turned into a cell only
// when asked (`locate`), so reading 10,000 people does not build a million positions.
import { basename } from 'node:path';
import type { Calibration, EvaluationInput, EvaluatorSheet, MethodData, Person, QuarterData, WorkPlan } from '../engine/input.generated.js';
import { describeBasis } from '../methodology/clause.js';
import { formatDiagnostic } from '../methodology/diagnostic.js';
import type { Diagnostic, Methodology, SourcePosition } from '../methodology/index.js';
import {
  cellAddress,
  cleanText,
  decimalsOf,
  isBlank,
  parseBoolean,
  parseDate,
  parseNumber,
  parseText,
  type Parsed,
  type RawValue,
} from './cells.js';
import { t } from '../i18n/index.js';
import { categoryOf } from './fill.js';
import {
  GENERAL_ROWS,
  INTAKE_FORMAT,
  KEY_ROW,
  QUARTERS,
  SHEET_NAMES,
  intakeLayout,
  type ColumnSpec,
  type IntakeLayout,
  type Quarter,
  type SheetSpec,
} from './layout.js';
import { loadWorkbook, type LoadedSheet, type LoadedWorkbook } from './load.js';

/** A place in a workbook: `file` as given, the sheet, the cell; `line` and `col` are its row and column (1-based). */
export interface CellPosition extends SourcePosition {
  sheet: string;
  cell: string;
}

export type IntakeDiagnostic = Diagnostic & { at?: CellPosition | SourcePosition };

/** `intake.xlsx › Sheet!C12` */
export function formatPlace(at: CellPosition | SourcePosition): string {
  return 'cell' in at && at.cell ? `${at.file} › ${at.sheet}!${at.cell}` : `${at.file}:${at.line}:${at.col}`;
}

/** A diagnostic with its place in the workbook form, its clause and what to do. */
export function formatIntakeDiagnostic(d: IntakeDiagnostic): string {
  return formatDiagnostic(d);
}

/** What the workbook says about itself, before the methodologies are opened. */
export interface IntakeHeader {
  /** The methodologies as the General sheet names them (ids or paths relative to the workbook). */
  methodologies: string[];
  year?: number;
  /** What the template was made for (from the workbook's document properties). */
  madeFor?: { methodologies: string[]; year?: number };
}

export interface IntakeRead {
  file: string;
  /** The input with the people whose rows are valid; undefined when the workbook is unusable. */
  input?: EvaluationInput;
  /** Problems not of one person (the workbook, a sheet, a column, a row without a person), and such warnings. */
  diagnostics: IntakeDiagnostic[];
  /** People set aside because of mistakes in their rows (`index`: their row among the people). */
  rejected: { index: number; id?: string; name?: string; diagnostics: IntakeDiagnostic[] }[];
  /** Warnings about people who are evaluated all the same. */
  warnings: { index: number; id?: string; diagnostics: IntakeDiagnostic[] }[];
  /** The cell of a field of person `index`, from the engine's field paths (quarters.Q1.<method>.sheets.1.scores.<parameter>). */
  locate(index: number, field?: string): CellPosition | undefined;
  /** The index (row among the people, counting those set aside) of the person with this id. */
  indexOf(id: string): number | undefined;
  /** People rows read, kept for evaluation, set aside. */
  counts: { people: number; read: number; setAside: number };
}

export interface ReadOptions {
  /** The file name the places carry (default: the path as given). */
  displayName?: string;
}

const FORBIDDEN_IDS = new Set([
  'constructor',
  '__defineGetter__',
  '__defineSetter__',
  'hasOwnProperty',
  '__lookupGetter__',
  '__lookupSetter__',
  'isPrototypeOf',
  'propertyIsEnumerable',
  'toString',
  'valueOf',
  '__proto__',
  'toLocaleString',
]);
const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
const POSITION_CATEGORY = /^[A-Z](-[A-Z0-9]+)+$/;
/** Cyrillic letters typed for the Latin ones they look like (С-О-4 for C-O-4). */
const LOOKALIKES: Record<string, string> = {
  А: 'A',
  В: 'B',
  С: 'C',
  Е: 'E',
  О: 'O',
  Д: 'D',
  Р: 'R',
  Н: 'H',
  К: 'K',
  М: 'M',
  Т: 'T',
  Х: 'X',
};

/** Opens an intake workbook: its header first, so the caller can open the methodologies it names. */
export async function openIntakeWorkbook(
  path: string,
  options: ReadOptions = {},
): Promise<{ header?: IntakeHeader; workbook?: IntakeWorkbook; diagnostics: IntakeDiagnostic[] }> {
  const file = options.displayName ?? path;
  let loaded: LoadedWorkbook;
  try {
    loaded = await loadWorkbook(path);
  } catch (error) {
    return {
      diagnostics: [
        {
          severity: 'error',
          code: 'file.unreadable-workbook',
          at: { file, line: 1, col: 1 },
          message: t('file.unreadable-workbook', { file: basename(path), reason: (error as Error).message.split('\n')[0] }),
          hint: t('file.unreadable-workbook.hint'),
        },
      ],
    };
  }
  const workbook = new IntakeWorkbook(file, loaded);
  return { header: workbook.header, workbook, diagnostics: workbook.headerDiagnostics };
}

/**
 * Opens and reads an intake workbook under the methodologies given, or those `open` returns for
 * the ones the workbook names (undefined: they could not be opened; `open` has said why).
 */
export async function readIntakeWorkbook(
  path: string,
  methodologies: Methodology[] | ((header: IntakeHeader) => Methodology[] | undefined),
  options: ReadOptions = {},
): Promise<IntakeRead> {
  const opened = await openIntakeWorkbook(path, options);
  const file = options.displayName ?? path;
  if (!opened.workbook || !opened.header) return unusable(file, opened.diagnostics);
  if (typeof methodologies === 'function' && opened.header.methodologies.length === 0) {
    return unusable(file, [
      ...opened.diagnostics,
      {
        severity: 'error',
        code: 'input.no-methodology',
        at: opened.workbook.placeOfGeneral('methodology') ?? { file, line: 1, col: 1 },
        message: t('input.no-methodology.workbook'),
        hint: t('input.no-methodology.workbook.hint', { sheet: SHEET_NAMES.general }),
      },
    ]);
  }
  const list = typeof methodologies === 'function' ? methodologies(opened.header) : methodologies;
  if (!list || list.length === 0) return unusable(file, opened.diagnostics);
  return opened.workbook.read(list);
}

function unusable(file: string, diagnostics: IntakeDiagnostic[]): IntakeRead {
  return {
    file,
    diagnostics,
    rejected: [],
    warnings: [],
    locate: () => undefined,
    indexOf: () => undefined,
    counts: { people: 0, read: 0, setAside: 0 },
  };
}

export class IntakeWorkbook {
  readonly header: IntakeHeader;
  readonly headerDiagnostics: IntakeDiagnostic[] = [];
  private readonly general = new Map<string, { value: RawValue; at: CellPosition }>();

  constructor(
    readonly file: string,
    private readonly loaded: LoadedWorkbook,
  ) {
    const madeFor = this.madeFor();
    const sheet = loaded.sheet(SHEET_NAMES.general);
    if (sheet) {
      for (let r = 1; r <= sheet.rowCount; r++) {
        const key = parseText(sheet.value(r, 1));
        if (key.ok && GENERAL_ROWS.some((g) => g.key === key.value))
          this.general.set(key.value, { value: sheet.value(r, 3), at: placeOf(file, sheet.name, r, 3) });
      }
    }
    const refs =
      this.generalText('methodology')
        ?.split(/[,;\n]/)
        .map((s) => s.trim())
        .filter(Boolean) ?? [];
    let year: number | undefined;
    const yearCell = this.general.get('year');
    if (yearCell && !isBlank(yearCell.value)) {
      const parsed = parseNumber(yearCell.value);
      if (parsed.ok && Number.isInteger(parsed.value) && parsed.value >= 2000 && parsed.value <= 2100) year = parsed.value;
      else
        this.headerDiagnostics.push({
          severity: 'error',
          code: 'intake.year',
          at: yearCell.at,
          message: t('intake.year', { value: this.generalText('year') ?? '' }),
          hint: t('intake.year.hint'),
        });
    }
    year ??= madeFor?.year;
    this.header = { methodologies: refs.length ? refs : (madeFor?.methodologies ?? []), year, madeFor };
    if (!sheet && !madeFor && !loaded.sheet(SHEET_NAMES.people)) {
      this.headerDiagnostics.push({
        severity: 'error',
        code: 'intake.not-an-intake',
        at: { file, line: 1, col: 1 },
        message: t('intake.not-an-intake', { file: basename(file), general: SHEET_NAMES.general, people: SHEET_NAMES.people }),
        hint: t('intake.not-an-intake.hint'),
      });
    } else if (this.header.year === undefined && !this.headerDiagnostics.some((d) => d.code === 'intake.year')) {
      this.headerDiagnostics.push({
        severity: 'error',
        code: 'intake.year',
        at: yearCell?.at ?? { file, line: 1, col: 1 },
        message: t('intake.year.missing'),
        hint: t('intake.year.missing.hint', { sheet: SHEET_NAMES.general }),
      });
    }
  }

  private madeFor(): IntakeHeader['madeFor'] {
    const { subject, keywords } = this.loaded.properties;
    if (subject !== INTAKE_FORMAT || !keywords) return undefined;
    const methodology = /methodology=([A-Za-z0-9_.+-]+)/.exec(keywords)?.[1]?.split('+').filter(Boolean) ?? [];
    const year = /year=(\d{4})/.exec(keywords)?.[1];
    return { methodologies: methodology, year: year ? Number(year) : undefined };
  }

  placeOfGeneral(key: string): CellPosition | undefined {
    return this.general.get(key)?.at;
  }

  private generalText(key: string): string | undefined {
    const cell = this.general.get(key);
    if (!cell || isBlank(cell.value)) return undefined;
    const text = parseText(cell.value);
    return text.ok ? text.value : undefined;
  }

  /** Reads the people and their data under `methodologies` (those the workbook names, or others given). */
  read(methodologies: Methodology[]): IntakeRead {
    return new Reading(this.file, this.loaded, this.header, this.headerDiagnostics, this.general, methodologies).run();
  }
}

function placeOf(file: string, sheet: string, row: number, col: number): CellPosition {
  return { file, sheet, cell: cellAddress(row, col), line: row, col };
}

/** Where diagnostics go: a person's (errors set them aside) or the workbook's. */
interface Sink {
  add(d: IntakeDiagnostic): void;
}

/** A sheet being read: its spec, its cells, its columns by key. */
interface SheetIn {
  spec: SheetSpec;
  grid: LoadedSheet;
  /** Column number of each key. */
  col: Map<string, number>;
  columns: { spec: ColumnSpec; col: number }[];
  /** Column spec of each key. */
  specs: Map<string, ColumnSpec>;
  /** Column number of the person code (or the first column). */
  personCol: number;
  /** The first row of data (after the key row). */
  firstRow: number;
}

/** A record's row: the sheet and row it was written on, and the column its own field points to. */
interface RowRef {
  sheet: SheetIn;
  row: number;
  col: number;
}

/** A person being read: their record and where its parts were written. */
class PersonEntry implements Sink {
  id?: string;
  name?: string;
  readonly person: Record<string, unknown> = {};
  /** Record (field prefix) → its row; a field under it is found by its column. */
  readonly rows = new Map<string, RowRef>();
  /** Fields written once for several rows (a quarter's dates…): where they were given. */
  readonly cells = new Map<string, { value: unknown; ref: RowRef }>();
  readonly errors: IntakeDiagnostic[] = [];
  readonly warnings: IntakeDiagnostic[] = [];
  constructor(readonly index: number) {}
  add(d: IntakeDiagnostic): void {
    (d.severity === 'error' ? this.errors : this.warnings).push(d);
  }
  row(prefix: string, ref: RowRef): void {
    if (!this.rows.has(prefix)) this.rows.set(prefix, ref);
  }
}

/** The workbook's own problems: errors that are not one person's are kept here; the row is skipped by the caller. */
class TopSink implements Sink {
  errors = 0;
  constructor(private readonly list: IntakeDiagnostic[]) {}
  add(d: IntakeDiagnostic): void {
    if (d.severity === 'error') this.errors++;
    this.list.push(d);
  }
}

/** Field names of the input that a column of another key fills (per kind of record). */
const FIELD_COLUMNS: Record<string, Record<string, string>> = {
  evaluatorSheet: { name: 'evaluator' },
  workPlanKpi: { id: 'kpi', name: 'kpiName', plan: 'plan.Q1', deadline: 'deadline.Q1' },
  member: { name: 'member', position: 'memberPosition' },
  calibration: { members: 'member' },
  response: {},
  none: {},
};

class Reading {
  private readonly diagnostics: IntakeDiagnostic[] = [];
  private readonly top: TopSink;
  private readonly people: PersonEntry[] = [];
  private readonly byId = new Map<string, PersonEntry>();
  private readonly kindOfRecord = new Map<string, string>();
  private layout!: IntakeLayout;
  private readonly date1904: boolean;

  constructor(
    private readonly file: string,
    private readonly loaded: LoadedWorkbook,
    private readonly header: IntakeHeader,
    headerDiagnostics: IntakeDiagnostic[],
    private readonly general: Map<string, { value: RawValue; at: CellPosition }>,
    private readonly methodologies: Methodology[],
  ) {
    this.diagnostics.push(...headerDiagnostics);
    this.top = new TopSink(this.diagnostics);
    this.date1904 = loaded.date1904;
  }

  private place(sheet: string, row: number, col: number): CellPosition {
    return placeOf(this.file, sheet, row, col);
  }

  private at(s: SheetIn, row: number, key: string): CellPosition {
    return this.place(s.grid.name, row, s.col.get(key) ?? s.personCol);
  }

  run(): IntakeRead {
    const result = (input?: EvaluationInput): IntakeRead => {
      const rejected = this.people
        .filter((p) => p.errors.length > 0)
        .map((p) => ({ index: p.index, id: p.id, name: p.name, diagnostics: p.errors }));
      const warnings = this.people.filter((p) => p.warnings.length > 0).map((p) => ({ index: p.index, id: p.id, diagnostics: p.warnings }));
      return {
        file: this.file,
        input,
        diagnostics: this.diagnostics,
        rejected,
        warnings,
        locate: (index, field) => this.locate(index, field),
        indexOf: (id) => this.byId.get(id)?.index,
        counts: { people: this.people.length, read: this.people.length - rejected.length, setAside: rejected.length },
      };
    };
    if (this.diagnostics.some((d) => d.severity === 'error')) return result();
    const year = this.header.year!;
    const ids = this.methodologies.map((m) => m.id);
    const madeFor = this.header.madeFor;
    if (madeFor && (madeFor.methodologies.join(',') !== ids.join(',') || (madeFor.year !== undefined && madeFor.year !== year))) {
      const differs = madeFor.methodologies.join(',') !== ids.join(',');
      this.diagnostics.push({
        severity: 'error',
        code: 'intake.other-methodology',
        at: (differs ? this.general.get('methodology')?.at : this.general.get('year')?.at) ?? { file: this.file, line: 1, col: 1 },
        message: differs
          ? t('intake.other-methodology', {
              madeFor: madeFor.methodologies.join(', '),
              madeForYear: madeFor.year ? ` (${madeFor.year})` : '',
              methodologies: ids.join(', '),
            })
          : t('intake.other-methodology.year', { madeForYear: String(madeFor.year), year: String(year) }),
        hint: t(madeFor.year ? 'intake.other-methodology.hint.year' : 'intake.other-methodology.hint', {
          madeFor: madeFor.methodologies.join(', '),
          madeForYear: String(madeFor.year ?? ''),
          methodologies: ids.join(', '),
          command: `bagalau template --methodology ${ids.join(' --methodology ')} --year ${year}`,
        }),
      });
      return result();
    }
    this.layout = intakeLayout(this.methodologies, year);
    const input: EvaluationInput = { year, people: [] };
    this.readGeneral(input);
    this.checkSheets();
    for (const spec of this.layout.sheets) {
      if (spec.kind === 'general') continue;
      const s = this.open(spec);
      if (!s) continue;
      switch (spec.kind) {
        case 'people':
          this.readPeople(s);
          break;
        case 'units':
          this.readUnits(s, input);
          break;
        case 'signatories':
          this.readSignatories(s, input);
          break;
        case 'absences':
          this.readAbsences(s);
          break;
        case 'workPlan':
          this.readWorkPlans(s);
          break;
        case 'parameters':
          this.readParameters(s);
          break;
        case 'kpi':
          this.readKpis(s);
          break;
        case 'survey':
          this.readSurvey(s);
          break;
        case 'calibration':
          this.readCalibrations(s);
          break;
      }
    }
    input.people = this.people.filter((p) => p.errors.length === 0).map((p) => p.person as unknown as Person);
    return result(input);
  }

  // ---- the General sheet -------------------------------------------------------------

  private readGeneral(input: EvaluationInput): void {
    const refs = this.header.methodologies;
    if (refs.length === 1) input.methodology = refs[0];
    else if (refs.length > 1) input.methodologies = refs as [string, ...string[]];
    const body = this.general.get('body');
    if (body && !isBlank(body.value)) {
      const text = parseText(body.value);
      if (text.ok) input.body = text.value;
    }
    const quarters = this.general.get('quarters');
    if (quarters && !isBlank(quarters.value)) {
      const text = parseText(quarters.value);
      const written = text.ok ? text.value : '';
      const list = written
        .split(/[,;\s]+/)
        .filter(Boolean)
        .map((q) => q.toUpperCase().replace(/^(\d)$/, 'Q$1'));
      if (list.length === 0 || list.some((q) => !QUARTERS.includes(q as Quarter))) {
        this.diagnostics.push({
          severity: 'error',
          code: 'intake.quarters',
          at: quarters.at,
          message: t('intake.quarters', { value: written }),
          hint: t('intake.quarters.hint'),
        });
      } else if (new Set(list).size !== list.length) {
        this.diagnostics.push({
          severity: 'error',
          code: 'intake.quarters',
          at: quarters.at,
          message: t('intake.quarters.twice', { value: written }),
          hint: t('intake.quarters.twice.hint'),
        });
      } else input.quarters = list as Quarter[];
    }
    const formed = this.general.get('yearResultsFormedOn');
    if (formed && !isBlank(formed.value)) {
      const parsed = parseDate(formed.value, this.date1904);
      if (parsed.ok) input.yearResultsFormedOn = parsed.value;
      else
        this.diagnostics.push({
          severity: 'error',
          code: 'intake.date',
          at: formed.at,
          message: t('intake.date.formedOn', { problem: parsed.problem }),
          hint: parsed.hint,
        });
    }
  }

  /** Sheets of the layout missing from the workbook, and sheets with data that bagalau does not read. */
  private checkSheets(): void {
    const known = new Set([...this.layout.sheets.map((s) => s.name), SHEET_NAMES.readMe, SHEET_NAMES.lists]);
    for (const s of this.layout.sheets) {
      if (this.loaded.sheet(s.name)) continue;
      const required = s.kind === 'people';
      this.diagnostics.push({
        severity: required ? 'error' : 'warning',
        code: 'intake.sheet-missing',
        at: { file: this.file, line: 1, col: 1 },
        message: t(required ? 'intake.sheet-missing' : 'intake.sheet-missing.optional', { sheet: s.name, title: s.title.kk }),
        hint: t('intake.sheet-missing.hint', { sheet: s.name }),
      });
    }
    for (const sheet of this.loaded.sheets) {
      if (known.has(sheet.name) || sheet.rowCount === 0) continue;
      const similar = this.layout.sheets.find((s) => s.name.toLowerCase() === sheet.name.trim().toLowerCase());
      this.diagnostics.push({
        severity: similar ? 'error' : 'warning',
        code: 'intake.sheet-unknown',
        at: this.place(sheet.name, 1, 1),
        message: t('intake.sheet-unknown', { sheet: sheet.name }),
        hint: similar
          ? t('intake.sheet-unknown.rename', { sheet: similar.name })
          : t('intake.sheet-unknown.hint', {
              sheets: this.layout.sheets
                .filter((s) => s.kind !== 'general')
                .map((s) => `«${s.name}»`)
                .join(', '),
            }),
      });
    }
  }

  // ---- sheets, columns and rows ------------------------------------------------------

  /** A sheet with its columns found by their keys (or titles); undefined after saying why it cannot be read. */
  private open(spec: SheetSpec): SheetIn | undefined {
    const grid = this.loaded.sheet(spec.name);
    if (!grid) return undefined;
    const known = new Map(spec.columns.map((c) => [c.key, c]));
    // The key row: the third, unless rows were inserted above or the keys deleted.
    let keyRow = 0;
    let best = 0;
    for (let r = 1; r <= Math.min(10, grid.rowCount); r++) {
      let count = 0;
      for (let c = 1; c <= grid.columnCount; c++) {
        const text = parseText(grid.value(r, c));
        if (text.ok && known.has(text.value)) count++;
      }
      if (count > best) {
        best = count;
        keyRow = r;
      }
    }
    if (keyRow) this.unmerge(grid, keyRow);
    const columns: SheetIn['columns'] = [];
    const col = new Map<string, number>();
    if (keyRow) {
      for (let c = 1; c <= grid.columnCount; c++) {
        const text = parseText(grid.value(keyRow, c));
        if (!text.ok || text.value === '') {
          // A column without a key (its key cell merged into a neighbour's, or cleared) is not read: say so if it has values.
          if (this.columnHasData(grid, keyRow, c)) {
            this.diagnostics.push({
              severity: 'warning',
              code: 'intake.column-without-key',
              at: this.place(grid.name, keyRow, c),
              message: t('intake.column-without-key', {
                column: cellAddress(keyRow, c).replace(/\d+$/, ''),
                sheet: grid.name,
                row: String(keyRow),
              }),
              hint: t('intake.column-without-key.hint'),
            });
          }
          continue;
        }
        const column = known.get(text.value);
        if (!column) {
          if (this.columnHasData(grid, keyRow, c))
            this.diagnostics.push({
              severity: 'warning',
              code: 'intake.column-unknown',
              at: this.place(grid.name, keyRow, c),
              message: t('intake.column-unknown', { column: text.value, sheet: grid.name }),
              hint: t('intake.column-unknown.hint', {
                columns: spec.columns
                  .filter((x) => !x.info)
                  .map((x) => x.key)
                  .join(', '),
              }),
            });
          continue;
        }
        const first = col.get(column.key);
        if (first !== undefined) {
          this.diagnostics.push({
            severity: 'error',
            code: 'intake.column-twice',
            at: this.place(grid.name, keyRow, c),
            message: t('intake.column-twice', { column: column.key, title: column.title.kk, first: cellAddress(keyRow, first) }),
            hint: t('intake.column-twice.hint'),
          });
          continue;
        }
        col.set(column.key, c);
        columns.push({ spec: column, col: c });
      }
    } else {
      // No key row: the columns by their titles (Kazakh or Russian) in the first rows.
      const norm = (s: string) =>
        s
          .toLowerCase()
          .replace(/\s*\*$/, '')
          .replace(/\s+/g, ' ')
          .trim();
      const titles = new Map<string, ColumnSpec>();
      for (const c of spec.columns) {
        titles.set(norm(c.title.kk), c);
        if (c.title.ru) titles.set(norm(c.title.ru), c);
      }
      for (let r = 1; r <= Math.min(10, grid.rowCount); r++) {
        const found: SheetIn['columns'] = [];
        for (let c = 1; c <= grid.columnCount; c++) {
          const text = parseText(grid.value(r, c));
          const column = text.ok ? titles.get(norm(text.value)) : undefined;
          if (column && !found.some((f) => f.spec === column)) found.push({ spec: column, col: c });
        }
        if (found.length > columns.length) {
          columns.length = 0;
          columns.push(...found);
          keyRow = r;
        }
      }
      for (const c of columns) col.set(c.spec.key, c.col);
      if (columns.length > 0) {
        this.diagnostics.push({
          severity: 'warning',
          code: 'intake.keys-missing',
          at: this.place(grid.name, keyRow, 1),
          message: t('intake.keys-missing', { sheet: grid.name, row: String(keyRow) }),
          hint: t('intake.keys-missing.hint'),
        });
      }
    }
    if (columns.length === 0) {
      if (grid.rowCount > 0)
        this.diagnostics.push({
          severity: 'error',
          code: 'intake.no-columns',
          at: this.place(grid.name, KEY_ROW, 1),
          message: t('intake.no-columns', { sheet: grid.name }),
          hint: t('intake.no-columns.hint'),
        });
      return undefined;
    }
    for (const c of spec.columns) {
      if (!c.required || col.has(c.key)) continue;
      this.diagnostics.push({
        severity: 'error',
        code: 'intake.column-missing',
        at: this.place(grid.name, keyRow, grid.columnCount + 1),
        message: t('intake.column-missing', { title: c.title.kk, column: c.key, sheet: grid.name }),
        hint: t('intake.column-missing.hint'),
      });
      return undefined;
    }
    return {
      spec,
      grid,
      col,
      columns,
      specs: new Map(columns.map((c) => [c.spec.key, c.spec])),
      personCol: col.get('person') ?? col.get('id') ?? columns[0].col,
      firstRow: keyRow + 1,
    };
  }

  /**
   * Merged cells below the key row. Merged down one column (a person's code over the rows of
   * their evaluators), the value is read in every row that has data. Merged across columns,
   * only the first column's value would be read: said, so nothing is lost unseen. Title rows
   * may be merged as anyone likes; a key cell covered by a merge is reported with its column.
   */
  private unmerge(grid: LoadedSheet, keyRow: number): void {
    for (const m of grid.merges) {
      if (m.bottom <= keyRow) continue;
      const top = Math.max(m.top, keyRow + 1);
      if (m.left === m.right) {
        const value = grid.value(m.top, m.left);
        if (m.top <= keyRow || value === undefined || value === null) continue;
        for (let r = top + 1; r <= m.bottom; r++) if (this.rowHasData(grid, r)) grid.setValue(r, m.left, value);
        continue;
      }
      const range = `${cellAddress(m.top, m.left)}:${cellAddress(m.bottom, m.right)}`;
      this.diagnostics.push({
        severity: 'warning',
        code: 'intake.merged-across-columns',
        at: this.place(grid.name, top, m.left),
        message: t('intake.merged-across-columns', {
          range,
          sheet: grid.name,
          cell: cellAddress(m.top, m.left),
          from: cellAddress(keyRow, m.left + 1).replace(/\d+$/, ''),
          to: cellAddress(keyRow, m.right).replace(/\d+$/, ''),
          rows: m.bottom > top ? 'several' : 'one',
        }),
        hint: t('intake.merged-across-columns.hint'),
      });
    }
  }

  private rowHasData(grid: LoadedSheet, row: number): boolean {
    for (let c = 1; c <= grid.columnCount; c++) {
      const v = grid.value(row, c);
      if (v !== undefined && v !== null && v !== '') return true;
    }
    return false;
  }

  private columnHasData(sheet: LoadedSheet, keyRow: number, col: number): boolean {
    for (let r = keyRow + 1; r <= sheet.rowCount; r++) if (!isBlank(sheet.value(r, col))) return true;
    return false;
  }

  /** The rows with data of a sheet (informative columns alone do not make a row; they are reported). */
  private *rowsOf(s: SheetIn): Generator<number> {
    for (let r = s.firstRow; r <= s.grid.rowCount; r++) {
      let any = 0;
      let data = false;
      for (const c of s.columns) {
        if (isBlank(s.grid.value(r, c.col))) continue;
        any ||= c.col;
        if (!c.spec.info) {
          data = true;
          break;
        }
      }
      if (!any) continue;
      if (!data) {
        this.diagnostics.push({
          severity: 'warning',
          code: 'intake.row-without-data',
          at: this.place(s.grid.name, r, any),
          message: t('intake.row-without-data', { row: String(r), sheet: s.grid.name }),
          hint: t('intake.row-without-data.hint'),
        });
        continue;
      }
      yield r;
    }
  }

  private blank(s: SheetIn, row: number, key: string): boolean {
    const c = s.col.get(key);
    return c === undefined || isBlank(s.grid.value(row, c));
  }

  // ---- cells --------------------------------------------------------------------------

  /** The value of a cell as its column's type wants, or undefined after reporting why not. */
  private value(s: SheetIn, row: number, key: string, sink: Sink, required?: boolean): unknown {
    const c = s.col.get(key);
    if (c === undefined) return undefined;
    const raw = s.grid.value(row, c);
    const spec = s.specs.get(key)!;
    if (isBlank(raw)) {
      if (required ?? spec.required)
        sink.add({
          severity: 'error',
          code: 'intake.required',
          at: this.place(s.grid.name, row, c),
          message: t('intake.required', { title: spec.title.kk }),
          hint: t('intake.required.hint', { title: spec.title.kk, ru: spec.title.ru ? ` (${spec.title.ru})` : '' }),
        });
      return undefined;
    }
    const parsed = this.parse(spec, raw);
    if (!parsed.ok) {
      sink.add({
        severity: 'error',
        code: parsed.code,
        at: this.place(s.grid.name, row, c),
        message: `«${spec.title.kk}»: ${parsed.problem}`,
        hint: parsed.hint,
        clause: spec.choices?.clause ?? spec.range?.clause,
      });
      return undefined;
    }
    if (spec.type === 'score' && spec.range?.precision !== undefined && decimalsOf(parsed.value as number) > spec.range.precision) {
      sink.add({
        severity: 'warning',
        code: 'intake.precision',
        at: this.place(s.grid.name, row, c),
        message: t('intake.precision', {
          title: spec.title.kk,
          value: String(parsed.value),
          precision: String(spec.range.precision),
          what: spec.range.what ?? t('intake.precision.scores'),
        }),
        hint: t('intake.precision.hint', { precision: String(spec.range.precision) }),
        clause: spec.range.clause,
      });
    }
    return parsed.value;
  }

  private parse(
    spec: ColumnSpec,
    raw: RawValue,
  ): { ok: true; value: unknown } | { ok: false; problem: string; hint: string; code: string } {
    switch (spec.type) {
      case 'text': {
        const text = parseText(raw);
        return text.ok ? text : failed(text, 'intake.value');
      }
      case 'id': {
        const text = parseText(raw);
        if (!text.ok) return failed(text, 'intake.id');
        if (!ID_PATTERN.test(text.value) || FORBIDDEN_IDS.has(text.value))
          return failed(
            {
              problem: t('intake.id', { value: text.value }),
              hint: t('intake.id.hint'),
            },
            'intake.id',
          );
        return text;
      }
      case 'date': {
        const parsed = parseDate(raw, this.date1904);
        return parsed.ok ? parsed : failed(parsed, 'intake.date');
      }
      case 'number':
      case 'integer':
      case 'score': {
        const parsed = parseNumber(raw);
        if (!parsed.ok) return failed(parsed, 'intake.number');
        if (spec.type === 'integer' && (!Number.isInteger(parsed.value) || parsed.value < (spec.range?.min ?? -Infinity)))
          return failed(
            {
              problem: t('intake.number.whole', { value: String(parsed.value), min: String(spec.range?.min ?? 0) }),
              hint: t('intake.number.whole.hint'),
            },
            'intake.number',
          );
        return parsed;
      }
      case 'boolean': {
        const parsed = parseBoolean(raw);
        return parsed.ok ? parsed : failed(parsed, 'intake.value');
      }
      case 'choice': {
        const parsed = this.choice(spec, raw);
        return parsed.ok ? parsed : failed(parsed, 'intake.choice');
      }
    }
  }

  private choice(spec: ColumnSpec, raw: RawValue): Parsed<string> {
    const text = parseText(raw);
    if (!text.ok) return text;
    const wanted = text.value.toLowerCase().replace(/\s+/g, ' ');
    const list = spec.choices!;
    let index = (list as { index?: Map<string, string> }).index;
    if (!index) {
      index = new Map();
      for (const item of list.items) for (const alias of item.aliases) index.set(alias.toLowerCase().replace(/\s+/g, ' '), item.value);
      (list as { index?: Map<string, string> }).index = index;
    }
    const found = index.get(wanted);
    if (found !== undefined) return { ok: true, value: found };
    if (!list.strict) return { ok: true, value: text.value };
    const shown = list.items
      .slice(0, 12)
      .map((i) => (i.label === i.value ? i.value : `${i.label} (${i.value})`))
      .join('; ');
    return {
      ok: false,
      problem: t('intake.choice', { value: text.value }),
      hint: t('intake.choice.hint', { choices: `${shown}${list.items.length > 12 ? '; …' : ''}` }),
    };
  }

  // ---- people ------------------------------------------------------------------------

  private readPeople(s: SheetIn): void {
    for (const row of this.rowsOf(s)) {
      const entry = new PersonEntry(this.people.length);
      this.people.push(entry);
      entry.row('', { sheet: s, row, col: s.personCol });
      this.kindOfRecord.set('', 'none');
      const idText = parseText(s.grid.value(row, s.col.get('id')!));
      const id = this.value(s, row, 'id', entry) as string | undefined;
      entry.id = id ?? (idText.ok && idText.value ? idText.value : undefined);
      const name = this.value(s, row, 'name', entry) as string | undefined;
      entry.name = name;
      const set = (key: string, value: unknown) => {
        if (value !== undefined) entry.person[key] = value;
      };
      set('id', id);
      set('name', name);
      set('position', this.value(s, row, 'position', entry));
      set('positionCategory', this.positionCategory(s, row, entry));
      set('unit', this.value(s, row, 'unit', entry));
      set('appointedOn', this.value(s, row, 'appointedOn', entry));
      set('leftOn', this.value(s, row, 'leftOn', entry));
      if (entry.id === undefined) continue;
      const first = this.byId.get(entry.id);
      if (first) {
        const firstRef = first.rows.get('')!;
        entry.add({
          severity: 'error',
          code: 'input.duplicate-id',
          at: this.at(s, row, 'id'),
          message: t('input.duplicate-id.workbook', {
            id: entry.id,
            first: `${firstRef.sheet.grid.name}!${cellAddress(firstRef.row, firstRef.col)}`,
          }),
          hint: t('input.duplicate-id.workbook.hint'),
        });
      } else this.byId.set(entry.id, entry);
    }
  }

  private positionCategory(s: SheetIn, row: number, entry: PersonEntry): string | undefined {
    const value = this.value(s, row, 'positionCategory', entry) as string | undefined;
    if (value === undefined) return undefined;
    const clause = s.spec.columns.find((c) => c.key === 'positionCategory')!.choices?.clause;
    const at = this.at(s, row, 'positionCategory');
    let category = value.toUpperCase().replace(/\s+/g, '').replace(/[–—]/g, '-');
    if (/[А-ЯЁ]/.test(category)) {
      const latin = category.replace(/[А-ЯЁ]/g, (c) => LOOKALIKES[c] ?? c);
      if (POSITION_CATEGORY.test(latin)) {
        entry.add({
          severity: 'warning',
          code: 'intake.cyrillic-category',
          at,
          message: t('intake.cyrillic-category', { value, latin }),
          hint: t('intake.cyrillic-category.hint', { latin }),
          clause,
        });
        category = latin;
      }
    }
    if (!POSITION_CATEGORY.test(category)) {
      entry.add({
        severity: 'error',
        code: 'intake.position-category',
        at,
        message: t('intake.position-category', { value }),
        hint: t('intake.position-category.hint'),
        clause,
      });
      return undefined;
    }
    return category;
  }

  /** The person a row is for (by the code in its first column), or undefined after saying why not. */
  private personOf(s: SheetIn, row: number): PersonEntry | undefined {
    const at = this.at(s, row, 'person');
    const text = parseText(s.grid.value(row, s.personCol));
    const id = text.ok ? text.value : '';
    if (!id) {
      this.top.add({
        severity: 'error',
        code: 'intake.no-person',
        at,
        message: t('intake.no-person', { row: String(row), sheet: s.grid.name }),
        hint: t('intake.no-person.hint', { people: SHEET_NAMES.people, cell: at.cell }),
      });
      return undefined;
    }
    const entry = this.byId.get(id);
    if (!entry) {
      this.top.add({
        severity: 'error',
        code: 'intake.unknown-person',
        at,
        message: t('intake.unknown-person', { id, people: SHEET_NAMES.people, row: String(row), sheet: s.grid.name }),
        hint: t('intake.unknown-person.hint', { people: SHEET_NAMES.people }),
      });
      return undefined;
    }
    const nameCol = s.col.get('name');
    if (nameCol !== undefined && entry.name) {
      const name = parseText(s.grid.value(row, nameCol));
      if (name.ok && name.value && norm(name.value) !== norm(entry.name)) {
        entry.add({
          severity: 'warning',
          code: 'intake.name-differs',
          at: this.place(s.grid.name, row, nameCol),
          message: t('intake.name-differs', { name: name.value, id, people: SHEET_NAMES.people, expected: String(entry.name) }),
          hint: t('intake.name-differs.hint', { id }),
        });
      }
    }
    return entry;
  }

  /**
   * A value given once for several rows (a quarter's dates on each of its rows): the first
   * given is kept and its place recorded under `field`; a different one later is an error.
   * True when this is the first.
   */
  private once(entry: PersonEntry, field: string, what: string, value: unknown, s: SheetIn, row: number, key: string): boolean {
    if (value === undefined) return false;
    const first = entry.cells.get(field);
    const ref = { sheet: s, row, col: s.col.get(key) ?? s.personCol };
    if (!first) {
      entry.cells.set(field, { value, ref });
      return true;
    }
    if (first.value !== value) {
      const firstCell = `${first.ref.sheet.grid.name}!${cellAddress(first.ref.row, first.ref.col)}`;
      entry.add({
        severity: 'error',
        code: 'intake.conflict',
        at: this.at(s, row, key),
        message: t('intake.conflict', { value: String(value), first: String(first.value), cell: firstCell, what }),
        hint: t('intake.conflict.hint', { cell: firstCell }),
      });
    }
    return false;
  }

  // ---- units, signatories, absences --------------------------------------------------

  private readUnits(s: SheetIn, input: EvaluationInput): void {
    for (const row of this.rowsOf(s)) {
      const before = this.top.errors;
      const id = this.value(s, row, 'id', this.top) as string | undefined;
      const name = this.value(s, row, 'name', this.top) as string | undefined;
      const size = this.value(s, row, 'corpsBServants', this.top) as number | undefined;
      if (id !== undefined && input.units && Object.hasOwn(input.units, id))
        this.top.add({
          severity: 'error',
          code: 'intake.unit-twice',
          at: this.at(s, row, 'id'),
          message: t('intake.unit-twice', { id }),
          hint: t('intake.unit-twice.hint'),
        });
      if (this.top.errors > before || id === undefined || name === undefined) continue;
      input.units ??= {};
      input.units[id] = size !== undefined ? { name, corpsBServants: size } : { name };
    }
  }

  private readSignatories(s: SheetIn, input: EvaluationInput): void {
    for (const row of this.rowsOf(s)) {
      if (this.blank(s, row, 'name') && this.blank(s, row, 'position')) continue; // the template lists every role
      const before = this.top.errors;
      const role = this.value(s, row, 'role', this.top) as string | undefined;
      const name = this.value(s, row, 'name', this.top, true) as string | undefined;
      const position = this.value(s, row, 'position', this.top) as string | undefined;
      if (role !== undefined && input.signatories && Object.hasOwn(input.signatories, role))
        this.top.add({
          severity: 'error',
          code: 'intake.role-twice',
          at: this.at(s, row, 'role'),
          message: t('intake.role-twice', { role }),
          hint: t('intake.role-twice.hint'),
        });
      if (this.top.errors > before || role === undefined || name === undefined) continue;
      input.signatories ??= {};
      input.signatories[role] = position !== undefined ? { name, position } : { name };
    }
  }

  private readAbsences(s: SheetIn): void {
    for (const row of this.rowsOf(s)) {
      const entry = this.personOf(s, row);
      if (!entry) continue;
      const kind = this.value(s, row, 'kind', entry) as string | undefined;
      const from = this.value(s, row, 'from', entry) as string | undefined;
      const to = this.value(s, row, 'to', entry) as string | undefined;
      const absences = (entry.person.absences ??= []) as { kind: string; from: string; to: string }[];
      const field = `absences.${absences.length}`;
      entry.row(field, { sheet: s, row, col: s.personCol });
      if (kind === undefined || from === undefined || to === undefined) continue;
      if (to < from)
        entry.add({
          severity: 'error',
          code: 'intake.absence-dates',
          at: this.at(s, row, 'to'),
          message: t('intake.absence-dates', { to: String(to), from: String(from) }),
          hint: t('intake.absence-dates.hint'),
        });
      absences.push({ kind, from, to });
    }
  }

  // ---- work plans ----------------------------------------------------------------------

  private readWorkPlans(s: SheetIn): void {
    const planKeys = ['approvedOn', 'approvedBy', 'postedOn'];
    for (const row of this.rowsOf(s)) {
      const entry = this.personOf(s, row);
      if (!entry) continue;
      const plan = (entry.person.workPlan ??= { kpis: [] }) as WorkPlan & Record<string, unknown>;
      entry.row('workPlan', { sheet: s, row, col: s.personCol });
      for (const key of planKeys) {
        const value = this.value(s, row, key, entry);
        if (this.once(entry, `workPlan.${key}`, t('intake.conflict.workPlan'), value, s, row, key)) plan[key] = value;
      }
      let hasKpi = false;
      for (const c of s.columns)
        if (!c.spec.info && c.spec.key !== 'person' && !planKeys.includes(c.spec.key) && !isBlank(s.grid.value(row, c.col))) {
          hasKpi = true;
          break;
        }
      if (!hasKpi) continue;
      const field = `workPlan.kpis.${plan.kpis.length}`;
      entry.row(field, { sheet: s, row, col: s.col.get('kpi')! });
      this.kindOfRecord.set(field.replace(/\d+$/, '#'), 'workPlanKpi');
      const id = this.value(s, row, 'kpi', entry) as string | undefined;
      const name = this.value(s, row, 'kpiName', entry) as string | undefined;
      if (id !== undefined && plan.kpis.some((k) => k.id === id))
        entry.add({
          severity: 'error',
          code: 'intake.kpi-twice',
          at: this.at(s, row, 'kpi'),
          message: t('intake.kpi-twice.plan', { id, person: String(entry.id) }),
          hint: t('intake.kpi-twice.plan.hint'),
        });
      const kpi: Record<string, unknown> = { id: id ?? '', name: name ?? '' };
      for (const key of ['source', 'unit', 'lowerIsBetter']) {
        const value = this.value(s, row, key, entry);
        if (value !== undefined) kpi[key] = value;
      }
      const planned: Record<string, number> = {};
      const deadline: Record<string, string> = {};
      for (const q of QUARTERS) {
        const p = this.value(s, row, `plan.${q}`, entry) as number | undefined;
        if (p !== undefined) planned[q] = p;
        const d = this.value(s, row, `deadline.${q}`, entry) as string | undefined;
        if (d !== undefined) deadline[q] = d;
      }
      kpi.plan = planned;
      if (Object.keys(deadline).length) kpi.deadline = deadline;
      const expected = this.value(s, row, 'expectedResult', entry);
      if (expected !== undefined) kpi.expectedResult = expected;
      plan.kpis.push(kpi as never);
    }
  }

  // ---- a method's quarter ------------------------------------------------------------

  private quarterOf(entry: PersonEntry, q: string): QuarterData {
    const quarters = (entry.person.quarters ??= {}) as Record<string, QuarterData>;
    return (quarters[q] ??= {});
  }

  /** The quarter's own fields (dates, the KPI evaluator) on a row: once per person and quarter. */
  private quarterFields(entry: PersonEntry, s: SheetIn, row: number, keys: string[]): void {
    const q = s.spec.period!;
    for (const key of keys) {
      if (!s.col.has(key)) continue;
      const value = this.value(s, row, key, entry);
      if (this.once(entry, `quarters.${q}.${key}`, t('intake.conflict.quarter', { quarter: q }), value, s, row, key))
        (this.quarterOf(entry, q) as Record<string, unknown>)[key] = value;
    }
  }

  private scoresOf(s: SheetIn, row: number, entry: PersonEntry, parameterIds: string[], target: Record<string, unknown>): void {
    let scores: Record<string, number> | undefined;
    let justifications: Record<string, string> | undefined;
    for (const id of parameterIds) {
      const score = this.value(s, row, `scores.${id}`, entry) as number | undefined;
      if (score !== undefined) (scores ??= {})[id] = score;
      const text = this.value(s, row, `justifications.${id}`, entry) as string | undefined;
      if (text !== undefined) (justifications ??= {})[id] = text;
    }
    target.scores = scores ?? {};
    if (justifications) target.justifications = justifications;
    const justification = this.value(s, row, 'justification', entry);
    if (justification !== undefined) target.justification = justification;
  }

  private readParameters(s: SheetIn): void {
    const q = s.spec.period!;
    const method = s.spec.methodId!;
    const parameterIds = Object.keys(s.spec.methodology!.methods[method].sheet!.parameters);
    const base = `quarters.${q}.${method}`;
    const quarterKeys = ['communicatedOn', 'notifiedOn'];
    const seen = new Set<PersonEntry>();
    for (const row of this.rowsOf(s)) {
      const entry = this.personOf(s, row);
      if (!entry) continue;
      entry.row(`quarters.${q}`, { sheet: s, row, col: s.personCol });
      if (s.spec.perEvaluator) {
        this.quarterFields(entry, s, row, quarterKeys);
        let hasSheet = false;
        for (const c of s.columns)
          if (!c.spec.info && c.spec.key !== 'person' && !quarterKeys.includes(c.spec.key) && !isBlank(s.grid.value(row, c.col))) {
            hasSheet = true;
            break;
          }
        if (!hasSheet) continue;
        const data = (this.quarterOf(entry, q)[method] ??= { sheets: [] as unknown as [EvaluatorSheet] }) as MethodData & {
          sheets: EvaluatorSheet[];
        };
        const field = `${base}.sheets.${data.sheets.length}`;
        entry.row(base, { sheet: s, row, col: s.personCol });
        entry.row(`${base}.sheets`, { sheet: s, row, col: s.col.get('role')! });
        entry.row(field, { sheet: s, row, col: s.col.get('role')! });
        this.kindOfRecord.set(`${base}.sheets.#`, 'evaluatorSheet');
        const sheetData: Record<string, unknown> = { role: this.value(s, row, 'role', entry) ?? '' };
        for (const [key, to] of [
          ['evaluator', 'name'],
          ['delegatedTo', 'delegatedTo'],
          ['actingFor', 'actingFor'],
          ['evaluatedOn', 'evaluatedOn'],
        ]) {
          const value = this.value(s, row, key, entry);
          if (value !== undefined) sheetData[to] = value;
        }
        this.scoresOf(s, row, entry, parameterIds, sheetData);
        data.sheets.push(sheetData as unknown as EvaluatorSheet);
      } else {
        if (seen.has(entry)) {
          entry.add({
            severity: 'error',
            code: 'intake.row-twice',
            at: this.at(s, row, 'person'),
            message: t('intake.row-twice', { person: String(entry.id), sheet: s.grid.name }),
            hint: t('intake.row-twice.hint'),
          });
          continue;
        }
        seen.add(entry);
        this.quarterFields(entry, s, row, ['evaluatedOn', ...quarterKeys]);
        entry.row(base, { sheet: s, row, col: s.personCol });
        this.kindOfRecord.set(base, 'none');
        let any = false;
        for (const c of s.columns)
          if (/^(scores|justifications)\.|^(justification|evaluator|delegatedBy)$/.test(c.spec.key) && !isBlank(s.grid.value(row, c.col))) {
            any = true;
            break;
          }
        if (!any) continue;
        const data: Record<string, unknown> = {};
        this.scoresOf(s, row, entry, parameterIds, data);
        if (Object.keys(data.scores as object).length === 0) delete data.scores;
        for (const key of ['evaluator', 'delegatedBy']) {
          const value = this.value(s, row, key, entry);
          if (value !== undefined) data[key] = value;
        }
        this.quarterOf(entry, q)[method] = data as MethodData;
      }
    }
  }

  private readKpis(s: SheetIn): void {
    const q = s.spec.period!;
    const method = s.spec.methodId!;
    const base = `quarters.${q}.${method}`;
    for (const row of this.rowsOf(s)) {
      const entry = this.personOf(s, row);
      if (!entry) continue;
      entry.row(`quarters.${q}`, { sheet: s, row, col: s.personCol });
      this.quarterFields(entry, s, row, ['evaluator', 'evaluatedOn', 'actualsSentOn', 'communicatedOn', 'notifiedOn']);
      if (this.blank(s, row, 'kpi') && this.blank(s, row, 'actual') && this.blank(s, row, 'score')) continue;
      const id = this.value(s, row, 'kpi', entry, true) as string | undefined;
      if (id === undefined) continue;
      const field = `${base}.${id}`;
      entry.row(base, { sheet: s, row, col: s.col.get('kpi')! });
      entry.row(field, { sheet: s, row, col: s.col.get('kpi')! });
      const actual = this.value(s, row, 'actual', entry, true) as number | undefined;
      const score = this.value(s, row, 'score', entry, true) as number | undefined;
      const data = (this.quarterOf(entry, q)[method] ??= {}) as Record<string, unknown>;
      if (Object.hasOwn(data, id)) {
        entry.add({
          severity: 'error',
          code: 'intake.kpi-twice',
          at: this.at(s, row, 'kpi'),
          message: t('intake.kpi-twice', { id, person: String(entry.id), quarter: q }),
          hint: t('intake.kpi-twice.hint'),
        });
        continue;
      }
      if (actual !== undefined && score !== undefined) data[id] = { actual, score };
    }
  }

  // ---- surveys -------------------------------------------------------------------------

  private readSurvey(s: SheetIn): void {
    const method = s.spec.methodId!;
    const methodology = s.spec.methodology!;
    const survey = methodology.methods[method].survey!;
    const answerColumns = s.columns.filter((c) => c.spec.key.startsWith('answers.'));
    const base = `annual.${method}`;
    for (const row of this.rowsOf(s)) {
      const entry = this.personOf(s, row);
      if (!entry) continue;
      // The questionnaire of the person's category.
      const positionCategory = entry.person.positionCategory as string | undefined;
      const category = positionCategory ? categoryOf(methodology, positionCategory) : undefined;
      if (category && methodology.categories[category].methods.includes(method)) {
        const expected = methodology.categories[category].questionnaire ?? Object.keys(survey.questionnaires)[0];
        if (expected !== s.spec.questionnaireId) {
          const right = this.layout.sheets.find((x) => x.kind === 'survey' && x.methodId === method && x.questionnaireId === expected);
          entry.add({
            severity: 'error',
            code: 'intake.other-questionnaire',
            at: this.at(s, row, 'person'),
            clause: describeBasis(methodology.categories[category].basis),
            message: t('intake.other-questionnaire', {
              person: String(entry.id),
              position: String(positionCategory),
              category: methodology.categories[category].title.kk,
              questionnaire: survey.questionnaires[expected]?.title.kk ?? expected,
              sheet: s.grid.name,
            }),
            hint: right
              ? t('intake.other-questionnaire.hint', { person: String(entry.id), sheet: right.name })
              : t('intake.other-questionnaire.check'),
          });
          continue;
        }
      }
      const annual = (entry.person.annual ??= {}) as Record<string, { responses: unknown[] } & Record<string, unknown>>;
      const data = (annual[method] ??= { responses: [] }) as {
        responses: { group: string; answers: Record<string, Record<string, string>> }[];
      } & Record<string, unknown>;
      entry.row(base, { sheet: s, row, col: s.personCol });
      entry.row(`${base}.responses`, { sheet: s, row, col: s.col.get('group')! });
      for (const key of ['evaluatedOn', 'communicatedOn']) {
        const value = this.value(s, row, key, entry);
        if (this.once(entry, `${base}.${key}`, t('intake.conflict.result', { method }), value, s, row, key)) data[key] = value;
      }
      let hasResponse = !this.blank(s, row, 'group');
      for (const c of answerColumns) if (!hasResponse && !isBlank(s.grid.value(row, c.col))) hasResponse = true;
      if (!hasResponse) continue;
      const field = `${base}.responses.${data.responses.length}`;
      entry.row(field, { sheet: s, row, col: s.col.get('group')! });
      this.kindOfRecord.set(`${base}.responses.#`, 'response');
      const group = this.value(s, row, 'group', entry, true) as string | undefined;
      const answers: Record<string, Record<string, string>> = {};
      for (const c of answerColumns) {
        const answer = this.value(s, row, c.spec.key, entry) as string | undefined;
        if (answer === undefined) continue;
        const dot = c.spec.key.indexOf('.', 8);
        (answers[c.spec.key.slice(8, dot)] ??= {})[c.spec.key.slice(dot + 1)] = answer;
      }
      data.responses.push({ group: group ?? '', answers });
    }
  }

  // ---- calibration ---------------------------------------------------------------------

  private readCalibrations(s: SheetIn): void {
    const cases = new Map<string, { calibration: Record<string, unknown> & { members: unknown[] }; field: string }>();
    for (const row of this.rowsOf(s)) {
      const entry = this.personOf(s, row);
      if (!entry) continue;
      const period = this.value(s, row, 'period', entry) as string | undefined;
      const method = this.value(s, row, 'method', entry) as string | undefined;
      if (period === undefined || method === undefined) continue;
      const key = `${entry.index}\u0000${period}\u0000${method}`;
      let found = cases.get(key);
      if (!found) {
        const list = (entry.person.calibrations ??= []) as Calibration[];
        const field = `calibrations.${list.length}`;
        found = { calibration: { period, method, members: [] }, field };
        list.push(found.calibration as unknown as Calibration);
        cases.set(key, found);
        entry.row(field, { sheet: s, row, col: s.col.get('period')! });
        this.kindOfRecord.set('calibrations.#', 'calibration');
      }
      const { calibration, field } = found;
      for (const k of ['appliedOn', 'admittedLate', 'decidedOn', 'sessionOn', 'protocolSignedOn', 'protocolPostedOn', 'chair']) {
        const value = this.value(s, row, k, entry, k === 'appliedOn' && calibration.appliedOn === undefined);
        if (this.once(entry, `${field}.${k}`, t('intake.conflict.calibration', { period, method }), value, s, row, k))
          calibration[k] = value;
      }
      const member: Record<string, unknown> = {};
      const memberField = `${field}.members.${calibration.members.length}`;
      entry.row(memberField, { sheet: s, row, col: s.col.get('member')! });
      this.kindOfRecord.set('calibrations.#.members.#', 'member');
      for (const [k, to] of [
        ['member', 'name'],
        ['memberPosition', 'position'],
        ['proposal', 'proposal'],
      ]) {
        const value = this.value(s, row, k, entry);
        if (value !== undefined) member[to] = value;
      }
      calibration.members.push(member);
    }
    // Key order as a case is written in YAML: members last.
    for (const { calibration } of cases.values()) {
      const members = calibration.members;
      delete (calibration as Record<string, unknown>).members;
      calibration.members = members;
    }
  }

  // ---- where a field is --------------------------------------------------------------

  /**
   * The cell of a field: the longest part of the path written as a cell of its own (a date
   * given once) or as a record's row; then, in that row, the column of the rest of the path.
   */
  locate(index: number, field?: string): CellPosition | undefined {
    const entry = this.people[index];
    if (!entry) return undefined;
    const segments = field ? field.split('.') : [];
    for (let n = segments.length; n >= 0; n--) {
      const prefix = segments.slice(0, n).join('.');
      const cell = entry.cells.get(prefix);
      if (cell) return this.place(cell.ref.sheet.grid.name, cell.ref.row, cell.ref.col);
      const ref = entry.rows.get(prefix);
      if (!ref) continue;
      const rest = segments.slice(n).join('.');
      return this.place(ref.sheet.grid.name, ref.row, rest ? this.columnOf(ref, prefix, rest) : ref.col);
    }
    return undefined;
  }

  /** The column of the field `rest` in the row of the record `prefix`. */
  private columnOf(ref: RowRef, prefix: string, rest: string): number {
    const s = ref.sheet;
    const kind = this.kindOfRecord.get(prefix.replace(/\.\d+(?=\.|$)/g, '.#')) ?? 'none';
    const key = FIELD_COLUMNS[kind]?.[rest] ?? rest;
    const exact = s.col.get(key);
    if (exact !== undefined) return exact;
    if (rest === 'justifications') {
      // A missing justification: the first empty justification cell of the row.
      const empty = s.columns.find((c) => c.spec.key.startsWith('justifications.') && isBlank(s.grid.value(ref.row, c.col)));
      if (empty) return empty.col;
      return s.col.get('justification') ?? ref.col;
    }
    const under = s.columns.find((c) => c.spec.key.startsWith(`${key}.`));
    if (under) return under.col;
    const last = rest.split('.').at(-1)!;
    return s.col.get(FIELD_COLUMNS[kind]?.[last] ?? last) ?? ref.col;
  }
}

function failed(p: { problem: string; hint: string }, code: string): { ok: false; problem: string; hint: string; code: string } {
  return { ok: false, problem: p.problem, hint: p.hint, code };
}

const norm = (s: string) => cleanText(s).toLowerCase().replace(/\s+/g, ' ');
