// What the commands that apply a methodology (evaluate, render, schedule) open first: the
// methodology — loaded, validated and linted, since a methodology with lint errors (a band
// gap, an unknown deadline anchor) would give wrong results — and the calendar. A problem
// is printed where it is and the command stops. Both are kept, as they are once checked,
// in the user's cache folder (src/io/cache.ts): a run that finds them skips the YAML
// parser, the schema and the lint (most of the start-up of a small evaluation).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { displayPath } from '../calendar/load.js';
import { CalendarFileError, defaultCalendarPath, loadCalendar, WorkingCalendar } from '../calendar/index.js';
import { cachedByContent } from '../io/cache.js';
import { lintMethodology, methodologyPath, type Diagnostic, type Methodology } from '../methodology/index.js';
import { printDiagnostics, type Io } from './output.js';
import { t } from '../i18n/index.js';

/**
 * `reference` is an id of a bundled methodology or a path; a relative path written inside
 * a file (the `methodology:` of an evaluation input) is relative to that file.
 */
export function openMethodology(io: Io, reference: string, writtenIn?: string): Methodology | undefined {
  const path = methodologyPath(reference, writtenIn ? dirname(resolve(writtenIn)) : undefined);
  // The in-force date is checked per evaluated period by the engine, not here.
  let errors: Diagnostic[] = [];
  const methodology = cachedByContent('linted-methodology', path, () => {
    const { result, diagnostics } = lintMethodology(path);
    errors = diagnostics.filter((d) => d.severity === 'error');
    return result.ok && errors.length === 0
      ? { value: result.methodology, files: result.resolved.chain.map((source) => source.file) }
      : undefined;
  });
  if (methodology) {
    sources.set(methodology, { file: displayPath(path), sha256: createHash('sha256').update(readFileSync(path)).digest('hex') });
    return methodology;
  }
  printDiagnostics(io, errors);
  io.err(`bagalau: ${t('input.methodologyUnusable', { reference, path })}\n`);
  return undefined;
}

/** The file each opened methodology was read from, and its SHA-256: results.json records them. */
const sources = new WeakMap<Methodology, { file: string; sha256: string }>();
export const sourceOf = (methodology: Methodology) => sources.get(methodology);

/**
 * The methodologies of an evaluation: those given with --methodology (repeatable), else
 * the input's methodologies list, else its methodology. Undefined after saying why one is unusable.
 */
export function openMethodologies(
  io: Io,
  given: string[] | undefined,
  input: { methodology?: string; methodologies?: string[] },
  writtenIn: string,
): Methodology[] | undefined {
  const references = given?.length ? given : (input.methodologies ?? (input.methodology ? [input.methodology] : []));
  if (references.length === 0) {
    printDiagnostics(io, [
      {
        severity: 'error',
        code: 'input.no-methodology',
        at: { file: writtenIn, line: 1, col: 1 },
        message: t('input.no-methodology'),
        hint: t('input.no-methodology.hint'),
      },
    ]);
    return undefined;
  }
  const opened: Methodology[] = [];
  for (const reference of references) {
    const methodology = given?.length ? openMethodology(io, reference) : openMethodology(io, reference, writtenIn);
    if (!methodology) return undefined;
    opened.push(methodology);
  }
  return opened;
}

/** The working-day calendar, or undefined after saying why it is unusable. */
export function openCalendar(io: Io, path: string = defaultCalendarPath()): WorkingCalendar | undefined {
  try {
    const file = cachedByContent('checked-calendar', path, () => ({ value: loadCalendar(path).file, files: [] }));
    return new WorkingCalendar(file!, displayPath(path));
  } catch (error) {
    if (error instanceof CalendarFileError) printDiagnostics(io, error.diagnostics);
    else io.err(`bagalau: ${(error as Error).message}\n`);
    return undefined;
  }
}
