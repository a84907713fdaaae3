// Reading a calendar file: the only module of the calendar library that touches files.
// YAML is parsed with the core schema so that 2024-05-08 stays the string '2024-05-08'.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv2020 from 'ajv/dist/2020.js';
import type { ValidateFunction } from 'ajv';
import { LineCounter, parseDocument } from 'yaml';
import { WorkingCalendar } from './calendar.js';
import type { CalendarFile } from './calendarFile.js';
import { checkCalendarConsistency } from './consistency.js';
import { CalendarFileError, type FileDiagnostic } from './errors.js';
import { issueDiagnostics, schemaDiagnostics, yamlSyntaxDiagnostics } from './yamlDiagnostics.js';

/** The repository root, found from this module so it works from src/ (tsx) and dist/ alike. */
export function packageRoot(): string {
  let directory = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(directory, 'package.json')) || !existsSync(join(directory, 'schemas'))) {
    const parent = dirname(directory);
    if (parent === directory) throw new Error('cannot find the bagalau package root (a folder with package.json and schemas/) above ' + fileURLToPath(import.meta.url));
    directory = parent;
  }
  return directory;
}

export const DEFAULT_CALENDAR_PATH = 'calendars/kz.yaml';

export function defaultCalendarPath(): string {
  return join(packageRoot(), DEFAULT_CALENDAR_PATH);
}

let calendarValidator: ValidateFunction | undefined;

function validateAgainstSchema(data: unknown): ValidateFunction {
  if (!calendarValidator) {
    const schema = JSON.parse(readFileSync(join(packageRoot(), 'schemas', 'calendar.schema.json'), 'utf8'));
    const ajv = new Ajv2020.default({ allErrors: true, verbose: true, strict: true, strictRequired: false });
    calendarValidator = ajv.compile(schema);
  }
  calendarValidator(data);
  return calendarValidator;
}

export type CalendarParseResult =
  | { ok: true; calendar: WorkingCalendar; file: CalendarFile }
  | { ok: false; diagnostics: FileDiagnostic[] };

/**
 * Parses and checks calendar YAML text. `fileLabel` names the file in messages and in
 * CalendarCoverageError (e.g. "calendars/kz.yaml").
 */
export function parseCalendarSource(source: string, fileLabel: string): CalendarParseResult {
  const lineCounter = new LineCounter();
  const document = parseDocument(source, { schema: 'core', uniqueKeys: true, lineCounter, prettyErrors: true });
  if (document.errors.length > 0) return { ok: false, diagnostics: yamlSyntaxDiagnostics(document, fileLabel) };

  const data = document.toJS({ maxAliasCount: 100 });
  const validate = validateAgainstSchema(data);
  if (validate.errors && validate.errors.length > 0) {
    return { ok: false, diagnostics: schemaDiagnostics(validate.errors, document, lineCounter, fileLabel) };
  }
  const file = data as CalendarFile;
  const issues = checkCalendarConsistency(file);
  if (issues.length > 0) return { ok: false, diagnostics: issueDiagnostics(issues, document, lineCounter, fileLabel) };
  return { ok: true, calendar: new WorkingCalendar(file, fileLabel), file };
}

/** How to name a file in messages: relative to the working directory when it is below it. */
export function displayPath(path: string): string {
  const absolute = resolve(path);
  const fromCwd = relative(process.cwd(), absolute);
  return fromCwd && !fromCwd.startsWith('..') && !isAbsolute(fromCwd) ? fromCwd : absolute;
}

/** A file's text, or the diagnostic that says why it cannot be read ("what" names the file for the user). */
export function readTextFile(path: string, what: string, advice: string): { text: string } | { diagnostic: FileDiagnostic } {
  try {
    return { text: readFileSync(path, 'utf8') };
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : (error as Error).message;
    return { diagnostic: { file: displayPath(path), line: 1, column: 1, message: `cannot read the ${what} (${reason}); ${advice}` } };
  }
}

/** Reads, parses and checks a calendar file; throws CalendarFileError listing every problem. */
export function loadCalendar(path: string = defaultCalendarPath()): WorkingCalendar {
  const label = displayPath(path);
  const read = readTextFile(path, 'calendar file', 'check the path');
  if ('diagnostic' in read) throw new CalendarFileError([read.diagnostic]);
  const source = read.text;
  const result = parseCalendarSource(source, label);
  if (!result.ok) throw new CalendarFileError(result.diagnostics);
  return result.calendar;
}
