// Reads the `calendarRules` and `deadlines` of a methodology from YAML text, for the
// schedule command until the methodology loader (src/methodology) is used instead.
// Only these two keys are checked here; the full methodology schema is not applied.
import Ajv2020 from 'ajv/dist/2020.js';
import type { ValidateFunction } from 'ajv';
import { LineCounter, parseDocument } from 'yaml';
import { checkDeadlineDeclarations } from './deadlines.js';
import type { FileDiagnostic } from './errors.js';
import type { CalendarRules, DeadlineDeclarations } from './types.js';
import { issueDiagnostics, locatePath, schemaDiagnostics, yamlSyntaxDiagnostics } from './yamlDiagnostics.js';

/** What the schedule command needs of a methodology. */
export interface MethodologyDeadlines {
  id?: string;
  title?: { kk: string; en?: string; ru?: string };
  calendarRules?: CalendarRules;
  deadlines: DeadlineDeclarations;
}

/** Same shape as src/methodology's loadResolved result, so either can feed the command. */
export type MethodologyDeadlinesResult =
  | { ok: true; methodology: MethodologyDeadlines }
  | { ok: false; diagnostics: FileDiagnostic[] };

/** Civil Code art. 187–188: the law's own counting rules, used when a methodology states none. */
export const CIVIL_CODE_CALENDAR_RULES: CalendarRules = {
  termStartsDayAfterEvent: true,
  nonWorkingDay: 'next',
  basis: { law: 'Civil Code of the Republic of Kazakhstan (General Part)', article: '187, 188' },
};

const nonWorkingDayRule = { enum: ['next', 'previous', 'keep'] };
const wholeNumber = { type: 'integer', minimum: 0 };

// Mirrors the `calendarRules` and `deadline` definitions of schemas/methodology.schema.json.
const deadlinesSchema = {
  type: 'object',
  required: ['deadlines'],
  properties: {
    id: { type: 'string' },
    calendarRules: {
      type: 'object',
      required: ['termStartsDayAfterEvent', 'nonWorkingDay'],
      properties: {
        termStartsDayAfterEvent: { type: 'boolean' },
        nonWorkingDay: nonWorkingDayRule,
        basis: { type: 'object' },
      },
      additionalProperties: false,
    },
    deadlines: {
      type: 'object',
      propertyNames: { pattern: '^[a-z][A-Za-z0-9]*$' },
      additionalProperties: {
        type: 'object',
        required: ['title', 'anchor', 'offset'],
        properties: {
          title: { type: 'object', required: ['kk'], properties: { kk: { type: 'string' }, en: { type: 'string' }, ru: { type: 'string' } }, additionalProperties: false },
          anchor: { type: 'string', pattern: '^[a-z][A-Za-z0-9]*$' },
          offset: {
            type: 'object',
            minProperties: 1,
            maxProperties: 1,
            additionalProperties: false,
            properties: {
              workingDays: wholeNumber,
              workingDaysBefore: wholeNumber,
              calendarDays: wholeNumber,
              dayOfFollowingMonth: { type: 'integer', minimum: 1, maximum: 31 },
              years: wholeNumber,
            },
          },
          nonWorkingDay: nonWorkingDayRule,
          responsible: { type: 'string' },
          appliesTo: { type: 'array', items: { type: 'string' } },
          basis: { type: 'object' },
        },
      },
    },
  },
};

let validator: ValidateFunction | undefined;

export function parseMethodologyDeadlines(source: string, fileLabel: string): MethodologyDeadlinesResult {
  const lineCounter = new LineCounter();
  const document = parseDocument(source, { schema: 'core', uniqueKeys: true, lineCounter, prettyErrors: true });
  if (document.errors.length > 0) return { ok: false, diagnostics: yamlSyntaxDiagnostics(document, fileLabel) };
  const data = document.toJS({ maxAliasCount: 100 }) as Record<string, unknown> | null;
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    return { ok: false, diagnostics: [{ file: fileLabel, line: 1, column: 1, message: 'a methodology file must be a YAML mapping (key: value lines); this one is not' }] };
  }
  if (!('deadlines' in data)) {
    const hint = 'extends' in data
      ? 'this file extends another methodology; the schedule command reads deadlines only from the file itself until it uses the methodology loader, so point it at the base file or copy the deadlines'
      : 'add a "deadlines:" section';
    const { line, column } = locatePath(document, lineCounter, []);
    return { ok: false, diagnostics: [{ file: fileLabel, line, column, message: `no "deadlines" in this methodology, so there is nothing to schedule; ${hint}` }] };
  }
  validator ??= new Ajv2020.default({ allErrors: true, verbose: true, strict: false }).compile(deadlinesSchema);
  if (!validator(data)) {
    return { ok: false, diagnostics: schemaDiagnostics(validator.errors ?? [], document, lineCounter, fileLabel) };
  }
  const methodology = data as unknown as MethodologyDeadlines;
  const issues = checkDeadlineDeclarations(methodology.deadlines);
  if (issues.length > 0) return { ok: false, diagnostics: issueDiagnostics(issues, document, lineCounter, fileLabel) };
  return { ok: true, methodology };
}
