// Methodology test cases (OpenFisca style): YAML files under methodologies/tests/<methodology-id>/,
// each a list of cases — an evaluation input and the results expected for it, worked out by
// hand from the legal texts. The runner evaluates each input with the engine and reports every
// expected figure the engine did not produce (person, key, field, expected, actual).
// Format: docs/cases.md. A case's input may be an intake workbook (`input: intake.xlsx`, made
// by bagalau template, relative to the case file): it is read as `evaluate` reads it, and
// its mistakes refuse the case, each at its cell.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { displayPath as display } from '../calendar/load.js';
import { andList, t } from '../i18n/index.js';
import { MAX_FILE_BYTES, parseSource, readTextFile } from '../methodology/source.js';
import { formatDiagnostic, type Diagnostic } from '../methodology/diagnostic.js';
import { loadCalendar, type WorkingCalendar } from '../calendar/index.js';
import { loadResolved, type Methodology } from '../methodology/index.js';
import { evaluate } from '../engine/index.js';
import type { EvaluationInput } from '../engine/input.generated.js';
import type { CellPosition } from '../excel/read.js';
import type { SourcePosition } from '../methodology/index.js';
import { checkEvaluationInput } from '../input/records.js';
import type { EvaluationResult, MethodResult, PersonResult } from '../engine/types.js';

export const DEFAULT_CASES_DIR = 'methodologies/tests';

/** Expected results of one person: `<period>.<method>` (e.g. "Q1.kpi", "year.survey360") → partial MethodResult; a key without a dot is a field of the person's result (e.g. category). */
export type PersonExpectation = Record<string, unknown>;

export interface CaseOptions {
  allowOutOfForce?: boolean;
}

export interface MethodologyCase {
  name: string;
  clause?: string;
  options?: CaseOptions;
  /** An evaluation input without `methodology` (the methodology is the folder's name); from `workbook` once read. */
  input: Omit<EvaluationInput, 'methodology'> & { methodology?: string };
  /** The intake workbook the input is read from (`input: intake.xlsx`): its path, and as written. */
  workbook?: { path: string; written: string };
  /** Person id → expectations; the key "$evaluation" is matched against the whole result (e.g. its problems). */
  expect: Record<string, PersonExpectation>;
  /** The methodology id: the name of the folder holding the case file. */
  methodology: string;
  file: string;
  line: number;
  column: number;
}

/** A case (or a file) that cannot be run, located as file:line:col. */
export interface CaseLoadError {
  file: string;
  line: number;
  column: number;
  /** A stable code, e.g. cases.expect-missing, schema.additional-property. */
  code: string;
  message: string;
  hint?: string;
  /** For a mistake in a case's intake workbook: its cell (`intake.xlsx › Sheet!C12`). */
  place?: CellPosition | SourcePosition;
}

export interface CaseLoadResult {
  cases: MethodologyCase[];
  errors: CaseLoadError[];
}

export interface Mismatch {
  /** Person id, or "$evaluation", or "" when the case could not be evaluated at all. */
  person: string;
  /** `<period>.<method>` or a person field; "" for the whole case. */
  key: string;
  /** Path inside the result, e.g. "score", "eligibility.rule", "problems[kpi.count]". */
  field: string;
  expected: unknown;
  actual: unknown;
}

export interface CaseRun {
  case: MethodologyCase;
  mismatches: Mismatch[];
  passed: boolean;
}

export interface CasesReport {
  runs: CaseRun[];
  errors: CaseLoadError[];
  passed: number;
  failed: number;
}

export type EvaluateFn = (
  methodology: Methodology | Methodology[],
  input: EvaluationInput,
  calendar: WorkingCalendar,
  options?: CaseOptions,
) => EvaluationResult;

export function caseLoadDiagnostic(e: CaseLoadError): Diagnostic {
  return {
    severity: 'error',
    code: e.code,
    message: e.message,
    hint: e.hint,
    at: e.place ?? { file: e.file, line: e.line, col: e.column },
  };
}

export function formatLoadError(e: CaseLoadError): string {
  return formatDiagnostic(caseLoadDiagnostic(e));
}

// ---------------------------------------------------------------------------------------
// Loading

/** The case files under a folder (recursively), or the file itself. */
export function caseFiles(path: string): string[] {
  if (!existsSync(path)) return [];
  // Anything but a folder is read as a case file, which says what it is if it is not one (a device, a pipe).
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((entry) => {
      const full = join(path, entry.name);
      if (entry.isDirectory()) return caseFiles(full);
      return /\.ya?ml$/.test(entry.name) ? [full] : [];
    });
}

/** Reads every case file under `dir` (a folder per methodology, or one of them, or one file). */
export function loadCases(dir: string): CaseLoadResult {
  const result: CaseLoadResult = { cases: [], errors: [] };
  if (!existsSync(dir)) {
    result.errors.push({
      file: display(dir),
      line: 1,
      column: 1,
      code: 'cases.not-found',
      message: t('cases.not-found', { cases: DEFAULT_CASES_DIR }),
    });
    return result;
  }
  for (const file of caseFiles(dir)) {
    const loaded = loadCaseFile(file);
    result.cases.push(...loaded.cases);
    result.errors.push(...loaded.errors);
  }
  return result;
}

/** Parses one case file; the methodology is the name of the folder that holds it. */
export function loadCaseFile(file: string, source?: string): CaseLoadResult {
  const label = display(file);
  const methodology = basename(dirname(resolve(file)));
  const result: CaseLoadResult = { cases: [], errors: [] };
  // Read as methodologies are: a regular UTF-8 file of at most 2 MiB (not a device, not UTF-16), said in words otherwise.
  const text = source ?? readTextFile(file, t('file.kind.case'), MAX_FILE_BYTES);
  if (typeof text !== 'string') {
    result.errors.push({ file: label, line: 1, column: 1, code: text.code, message: text.message, hint: text.hint });
    return result;
  }
  // The same YAML reader as methodologies: positions, duplicate keys, size and alias limits.
  const parsed = parseSource(label, text);
  const at = (pointer: string) => {
    const origin = parsed.origins.get(pointer)?.value;
    return { line: origin?.line ?? 1, column: origin?.col ?? 1 };
  };
  if (parsed.data === undefined) {
    for (const d of parsed.diagnostics)
      result.errors.push({ file: label, line: d.at?.line ?? 1, column: d.at?.col ?? 1, code: 'cases.yaml', message: `${d.message}` });
    return result;
  }
  if (parsed.data === null) return result; // an empty file holds no cases
  if (!Array.isArray(parsed.data)) {
    result.errors.push({
      file: label,
      ...at(''),
      code: 'cases.not-a-list',
      message: t('cases.not-a-list'),
    });
    return result;
  }
  parsed.data.forEach((item: unknown, index: number) => {
    const where = { file: label, ...at(`/${index}`) };
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      result.errors.push({ ...where, code: 'cases.not-a-case', message: t('cases.not-a-case', { case: String(index + 1) }) });
      return;
    }
    const c = item as Record<string, unknown>;
    const name = typeof c.name === 'string' && c.name.trim() !== '' ? c.name : undefined;
    const label2 = name ? t('cases.label.named', { name }) : t('cases.label.numbered', { case: String(index + 1) });
    const problems: { code: string; message: string }[] = [];
    if (!name) problems.push({ code: 'cases.name-missing', message: t('cases.name-missing', { case: label2 }) });
    const workbook = typeof c.input === 'string' && /\.xlsx$/i.test(c.input) ? c.input : undefined;
    if (!workbook && (!('input' in c) || typeof c.input !== 'object' || c.input === null || Array.isArray(c.input))) {
      problems.push({
        code: 'cases.input-missing',
        message: t('cases.input-missing', { case: label2 }),
      });
    }
    if (!('expect' in c) || c.expect === null || c.expect === undefined) {
      problems.push({
        code: 'cases.expect-missing',
        message: t('cases.expect-missing', { case: label2 }),
      });
    } else if (typeof c.expect !== 'object' || Array.isArray(c.expect) || Object.keys(c.expect).length === 0) {
      problems.push({ code: 'cases.expect-invalid', message: t('cases.expect-invalid', { case: label2 }) });
    } else {
      for (const [person, value] of Object.entries(c.expect as Record<string, unknown>)) {
        if (typeof value !== 'object' || value === null || Array.isArray(value)) {
          problems.push({
            code: 'cases.expect-invalid',
            message: t('cases.expect-invalid.person', { case: label2, person }),
          });
        }
      }
    }
    const allowed = new Set(['name', 'clause', 'options', 'input', 'expect', 'description']);
    for (const key of Object.keys(c))
      if (!allowed.has(key))
        problems.push({
          code: 'cases.unknown-key',
          message: t('cases.unknown-key', { case: label2, key, allowed: [...allowed].join(', ') }),
        });
    if (problems.length > 0) {
      for (const problem of problems) result.errors.push({ ...where, ...problem });
      return;
    }
    // The input as `evaluate` would read it (the methodology is the folder's): a misspelt key is an error at its place.
    // A workbook is checked cell by cell when it is read (readCaseWorkbooks).
    const input = { methodology, ...(c.input as Record<string, unknown>) };
    const origin = (pointer: string) => parsed.origins.get(`/${index}/input${pointer}`) ?? parsed.origins.get(`/${index}/input`);
    const mistakes = workbook ? [] : checkEvaluationInput(input, origin).filter((d) => d.severity === 'error');
    if (mistakes.length > 0) {
      for (const d of mistakes)
        result.errors.push({
          file: label,
          line: d.at?.line ?? where.line,
          column: d.at?.col ?? where.column,
          code: d.code,
          message: `${label2}: ${d.message}`,
          hint: d.hint,
        });
      return;
    }
    result.cases.push({
      name: name!,
      clause: c.clause === undefined ? undefined : String(c.clause),
      options: c.options as CaseOptions | undefined,
      input: workbook ? { year: 0, people: [] } : (c.input as MethodologyCase['input']),
      ...(workbook && { workbook: { path: resolve(dirname(file), workbook), written: workbook } }),
      expect: c.expect as MethodologyCase['expect'],
      methodology,
      ...where,
    });
  });
  return result;
}

// ---------------------------------------------------------------------------------------
// Matching

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isPrimitive = (v: unknown) => v === null || (typeof v !== 'object' && typeof v !== 'function');

function sameScalar(expected: unknown, actual: unknown): boolean {
  if (typeof expected === 'number' && typeof actual === 'number') return Math.abs(expected - actual) < 1e-9;
  return expected === actual;
}

/** How an array's items are named in a mismatch: their code or id when they have one. */
function summarise(value: unknown): unknown {
  if (!Array.isArray(value)) return value;
  return value.map((item) => (isPlainObject(item) ? (item.code ?? item.id ?? item) : item));
}

function describeItem(item: unknown): string {
  if (isPlainObject(item)) return String(item.code ?? item.id ?? JSON.stringify(item));
  return String(item);
}

/** Every key of `expected` must be in `actual` with an equal value (deep, partial). Mismatches are appended to `out`. */
export function matchPartial(expected: unknown, actual: unknown, path: string, out: Omit<Mismatch, 'person' | 'key'>[]): void {
  if (expected === null) {
    if (actual !== null && actual !== undefined) out.push({ field: path, expected: null, actual: summarise(actual) });
    return;
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) {
      out.push({ field: path, expected, actual });
      return;
    }
    // An empty list means "none" (e.g. problems: []).
    if (expected.length === 0) {
      if (actual.length > 0) out.push({ field: path, expected, actual: summarise(actual) });
      return;
    }
    // Arrays of plain values (e.g. weakest: [agility, …]) compare as equal arrays.
    if (expected.every(isPrimitive) && actual.every(isPrimitive)) {
      if (expected.length !== actual.length || expected.some((e, i) => !sameScalar(e, actual[i])))
        out.push({ field: path, expected, actual });
      return;
    }
    // Otherwise each expected item must match some actual item; a string matches an object by its code or id.
    for (const item of expected) {
      const found = actual.some((candidate) => {
        if (typeof item === 'string' && isPlainObject(candidate)) return candidate.code === item || candidate.id === item;
        const sub: Omit<Mismatch, 'person' | 'key'>[] = [];
        matchPartial(item, candidate, '', sub);
        return sub.length === 0;
      });
      if (!found) out.push({ field: `${path}[${describeItem(item)}]`, expected: item, actual: summarise(actual) });
    }
    return;
  }
  if (isPlainObject(expected)) {
    if (!isPlainObject(actual)) {
      out.push({ field: path, expected, actual });
      return;
    }
    for (const [key, value] of Object.entries(expected)) matchPartial(value, actual[key], path ? `${path}.${key}` : key, out);
    return;
  }
  if (!sameScalar(expected, actual)) out.push({ field: path, expected, actual: summarise(actual) });
}

function findResult(person: PersonResult, key: string): MethodResult | undefined {
  const dot = key.indexOf('.');
  const period = key.slice(0, dot),
    method = key.slice(dot + 1);
  return person.results.find((r) => r.period === period && r.method === method);
}

/** Compares an evaluation result with a case's expectations. */
export function compareWithExpectations(expect: MethodologyCase['expect'], result: EvaluationResult): Mismatch[] {
  const mismatches: Mismatch[] = [];
  for (const [personId, expectations] of Object.entries(expect)) {
    if (personId === '$evaluation') {
      const { people: _people, ...rest } = result;
      const out: Omit<Mismatch, 'person' | 'key'>[] = [];
      matchPartial(expectations, rest, '', out);
      mismatches.push(...out.map((m) => ({ person: personId, key: '', ...m })));
      continue;
    }
    const person = result.people.find((p) => p.id === personId);
    if (!person) {
      mismatches.push({
        person: personId,
        key: '',
        field: '(person)',
        expected: 'a result for this person',
        actual: `no such person in the result (people: ${result.people.map((p) => p.id).join(', ') || 'none'})`,
      });
      continue;
    }
    for (const [key, expected] of Object.entries(expectations)) {
      const out: Omit<Mismatch, 'person' | 'key'>[] = [];
      if (key.includes('.')) {
        const actual = findResult(person, key);
        if (!actual) {
          if (expected !== null) {
            const have = person.results.map((r) => `${r.period}.${r.method}`).join(', ') || 'none';
            out.push({ field: '(result)', expected: 'a result', actual: `no ${key} result (results: ${have})` });
          }
        } else if (expected === null) {
          out.push({ field: '(result)', expected: 'no result', actual: actual.status });
        } else {
          matchPartial(expected, actual, '', out);
        }
      } else {
        matchPartial(expected, (person as unknown as Record<string, unknown>)[key], key, out);
      }
      mismatches.push(...out.map((m) => ({ person: personId, key, ...m, field: m.field || key })));
    }
  }
  return mismatches;
}

// ---------------------------------------------------------------------------------------
// Running

/** Evaluates one case and returns what differs from its expectations (empty when it passes). */
export function runCase(
  c: MethodologyCase,
  methodology: Methodology,
  calendar: WorkingCalendar,
  evaluateFn: EvaluateFn = evaluate,
): Mismatch[] {
  if (c.workbook && c.input.people.length === 0 && c.input.year === 0)
    return [
      {
        person: '',
        key: '',
        field: '(input)',
        expected: `the input read from ${c.workbook.written}`,
        actual: 'not read (readCaseWorkbooks)',
      },
    ];
  const input = { ...c.input, methodology: methodology.id } as EvaluationInput;
  // A case of the year of a change lists the earlier methodologies too (input.methodologies).
  const earlier = (c.input.methodologies ?? []).filter((id) => id !== methodology.id).map((id) => loadResolved(id));
  const unusable = earlier.find((m) => !m.ok);
  if (unusable && !unusable.ok)
    return [
      {
        person: '',
        key: '',
        field: '(methodologies)',
        expected: 'every methodology of input.methodologies',
        actual: unusable.diagnostics
          .filter((d) => d.severity === 'error')
          .map((d) => d.message)
          .join('; '),
      },
    ];
  let result: EvaluationResult;
  try {
    result = evaluateFn(
      earlier.length ? [...earlier.map((m) => (m as { methodology: Methodology }).methodology), methodology] : methodology,
      input,
      calendar,
      c.options,
    );
  } catch (error) {
    return [
      {
        person: '',
        key: '',
        field: '(evaluate)',
        expected: 'an evaluation result',
        actual: `the engine threw: ${(error as Error).message}`,
      },
    ];
  }
  return compareWithExpectations(c.expect, result);
}

export interface RunAllOptions {
  calendar?: WorkingCalendar;
  evaluateFn?: EvaluateFn;
}

/**
 * Reads the input of each case given as an intake workbook, under the methodologies the
 * workbook names (the case's folder must be one of them). A case whose workbook cannot be
 * read, or has a mistake (an error of the workbook or of a person), is refused: it is left
 * out of the cases returned, and each mistake is an error at its cell.
 */
export async function readCaseWorkbooks(cases: MethodologyCase[]): Promise<{ cases: MethodologyCase[]; errors: CaseLoadError[] }> {
  if (!cases.some((c) => c.workbook)) return { cases, errors: [] };
  const { readIntakeWorkbook } = await import('../excel/read.js');
  const errors: CaseLoadError[] = [];
  const ready: MethodologyCase[] = [];
  for (const c of cases) {
    if (!c.workbook) {
      ready.push(c);
      continue;
    }
    const where = { file: c.file, line: c.line, column: c.column };
    const of = t('cases.workbook.of', { name: c.name });
    let opened: Methodology[] | undefined;
    const refused: string[] = [];
    const read = await readIntakeWorkbook(
      c.workbook.path,
      (header) => {
        const loaded = header.methodologies.map((ref) => {
          const beside = resolve(dirname(c.workbook!.path), ref);
          return { ref, loaded: loadResolved(existsSync(beside) ? beside : ref) };
        });
        for (const { ref, loaded: l } of loaded) if (!l.ok) refused.push(t('cases.workbook.unloadable', { ref }));
        if (refused.length) return undefined;
        opened = loaded.map(({ loaded: l }) => (l as { methodology: Methodology }).methodology);
        if (!opened.some((m) => m.id === c.methodology))
          refused.push(t('cases.workbook.otherMethodology', { methodologies: andList(opened.map((m) => m.id)), folder: c.methodology }));
        return refused.length ? undefined : opened;
      },
      { displayName: join(dirname(c.file), c.workbook.written) },
    );
    const mistakes = [...read.diagnostics, ...read.rejected.flatMap((r) => r.diagnostics)].filter((d) => d.severity === 'error');
    for (const d of mistakes) errors.push({ ...where, place: d.at, code: d.code, message: `${d.message} ${of}`, hint: d.hint });
    for (const message of refused)
      errors.push({
        ...where,
        code: 'cases.workbook',
        message: t('cases.workbook', { message, of }),
        hint: t('cases.workbook.hint'),
      });
    if (!read.input || !opened || mistakes.length || refused.length) {
      if (!mistakes.length && !refused.length)
        errors.push({ ...where, code: 'cases.workbook', message: t('cases.workbook.unreadable', { file: c.workbook.written, of }) });
      continue;
    }
    const { methodology: _named, methodologies: _listed, ...input } = read.input;
    const ids = opened.map((m) => m.id) as [string, ...string[]];
    ready.push({ ...c, input: { ...input, ...(ids.length > 1 && { methodologies: ids }) } });
  }
  return { cases: ready, errors };
}

/** Loads and runs every case under `rootDir`; a methodology that cannot be loaded fails its cases. */
export async function runAllCases(rootDir: string = DEFAULT_CASES_DIR, options: RunAllOptions = {}): Promise<CasesReport> {
  const loaded = loadCases(rootDir);
  const workbooks = await readCaseWorkbooks(loaded.cases);
  const cases = workbooks.cases;
  const errors = [...loaded.errors, ...workbooks.errors];
  const calendar = options.calendar ?? loadCalendar();
  const methodologies = new Map<string, ReturnType<typeof loadResolved>>();
  const runs: CaseRun[] = cases.map((c) => {
    if (!methodologies.has(c.methodology)) methodologies.set(c.methodology, loadResolved(c.methodology));
    const loaded = methodologies.get(c.methodology)!;
    const mismatches = loaded.ok
      ? runCase(c, loaded.methodology, calendar, options.evaluateFn)
      : [
          {
            person: '',
            key: '',
            field: '(methodology)',
            expected: `the methodology "${c.methodology}" (the case's folder name)`,
            actual:
              loaded.diagnostics
                .filter((d) => d.severity === 'error')
                .map((d) => d.message)
                .join('; ') || 'cannot be loaded',
          },
        ];
    return { case: c, mismatches, passed: mismatches.length === 0 };
  });
  const passed = runs.filter((r) => r.passed).length;
  return { runs, errors, passed, failed: runs.length - passed };
}

const show = (value: unknown): string => (value === undefined ? '(absent)' : typeof value === 'string' ? value : JSON.stringify(value));

/** One line per mismatch, e.g. "P1 Q1.kpi score: expected 4.93, got 4.9". */
export function formatMismatch(m: Mismatch): string {
  const where = [m.person, m.key].filter(Boolean).join(' ');
  return t('cases.mismatch.field', { where: where ? where + ' ' : '', field: m.field, expected: show(m.expected), actual: show(m.actual) });
}
