// Reading a calendar file: the only module of the calendar library that touches files.
// YAML is parsed with the core schema so that 2024-05-08 stays the string '2024-05-08'.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ValidateFunction } from 'ajv';
import { WorkingCalendar } from './calendar.js';
import type { CalendarFile } from './calendarFile.js';
import { checkCalendarConsistency } from './consistency.js';
import { CalendarFileError } from './errors.js';
import { t } from '../i18n/index.js';
import { hasErrors, type Diagnostic } from '../methodology/diagnostic.js';
import type { SchemaNode } from '../methodology/schema.js';
import { parseSource, readSourceFile, type SourceFile } from '../methodology/source.js';
import { compiledValidators } from '../methodology/compiledValidator.js';
import { foreignFile, translateAjvErrors } from '../methodology/validate.js';

/** The repository root, found from this module so it works from src/ (tsx) and dist/ alike. */
export function packageRoot(): string {
  let directory = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(directory, 'package.json')) || !existsSync(join(directory, 'schemas'))) {
    const parent = dirname(directory);
    if (parent === directory)
      throw new Error(
        'cannot find the bagalau package root (a folder with package.json and schemas/) above ' + fileURLToPath(import.meta.url),
      );
    directory = parent;
  }
  return directory;
}

export const DEFAULT_CALENDAR_PATH = 'calendars/kz.yaml';

export function defaultCalendarPath(): string {
  return join(packageRoot(), DEFAULT_CALENDAR_PATH);
}

let compiled: { validate: ValidateFunction; schema: SchemaNode } | undefined;

function calendarValidator() {
  if (!compiled) {
    const schema = JSON.parse(readFileSync(join(packageRoot(), 'schemas', 'calendar.schema.json'), 'utf8')) as SchemaNode;
    compiled = {
      validate: compiledValidators({ name: 'calendar', schema, options: { allErrors: true, strict: true, strictRequired: false } }).root,
      schema,
    };
  }
  return compiled;
}

export type CalendarParseResult = { ok: true; calendar: WorkingCalendar; file: CalendarFile } | { ok: false; diagnostics: Diagnostic[] };

/**
 * Parses and checks calendar YAML text with the same reader and the same error wording as
 * methodology files. `fileLabel` names the file in messages and in CalendarCoverageError
 * (e.g. "calendars/kz.yaml").
 */
export function parseCalendarSource(source: string, fileLabel: string): CalendarParseResult {
  return checkCalendar(parseSource(fileLabel, source), fileLabel);
}

function checkCalendar(parsed: SourceFile, fileLabel: string): CalendarParseResult {
  if (parsed.data === undefined || hasErrors(parsed.diagnostics)) return { ok: false, diagnostics: parsed.diagnostics };
  const originOf = (pointer: string) => {
    const origin = parsed.origins.get(pointer);
    return origin ? { ...origin, file: parsed.file } : undefined;
  };
  const { validate, schema } = calendarValidator();
  const foreign = foreignFile(parsed.file, parsed.data, Object.keys((schema.properties ?? {}) as object), {
    what: t('file.kind.calendar'),
    keys: 'country:, title:, years:',
    hint: t('file.not-a-document.calendar.hint'),
  });
  if (foreign) return { ok: false, diagnostics: [foreign] };
  if (!validate(parsed.data)) return { ok: false, diagnostics: translateAjvErrors(validate.errors ?? [], parsed.data, originOf, schema) };
  const file = parsed.data as CalendarFile;
  const issues = checkCalendarConsistency(file);
  if (issues.length > 0) {
    return {
      ok: false,
      diagnostics: issues.map((issue) => {
        const segments = issue.path.map(String);
        let at;
        for (let n = segments.length; n >= 0 && !at; n--)
          at = originOf(
            segments
              .slice(0, n)
              .map((s) => `/${s}`)
              .join(''),
          )?.value;
        return {
          severity: 'error' as const,
          code: 'calendar.inconsistent',
          pointer: segments.map((s) => `/${s}`).join(''),
          at,
          message: issue.message,
        };
      }),
    };
  }
  return { ok: true, calendar: new WorkingCalendar(file, fileLabel), file };
}

/** How to name a file in messages: relative to the working directory when it is below it. */
export function displayPath(path: string): string {
  const absolute = resolve(path);
  const fromCwd = relative(process.cwd(), absolute);
  return fromCwd && !fromCwd.startsWith('..') && !isAbsolute(fromCwd) ? fromCwd : absolute;
}

/** Reads, parses and checks a calendar file; throws CalendarFileError listing every problem. */
export function loadCalendar(path: string = defaultCalendarPath()): WorkingCalendar {
  const label = displayPath(path);
  const parsed = readSourceFile(path, { what: t('file.kind.calendarFile') });
  const result = checkCalendar(
    { ...parsed, file: label, diagnostics: parsed.diagnostics.map((d) => (d.at ? { ...d, at: { ...d.at, file: label } } : d)) },
    label,
  );
  if (!result.ok) throw new CalendarFileError(result.diagnostics);
  return result.calendar;
}
