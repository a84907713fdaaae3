// Validates a resolved methodology against the JSON Schema and turns each ajv error
// into a sentence a legal officer can act on, placed at the line that caused it.
import type { ErrorObject, ValidateFunction } from 'ajv';
import { compiledValidators } from './compiledValidator.js';
import type { Diagnostic, SourcePosition } from './diagnostic.js';
import { displayPath, getAtPointer, joinPointer, parentPointer, splitPointer } from './pointer.js';
import type { ResolvedSource } from './resolve.js';
import { didYouMean as suggestIn } from './resolve.js';
import { currentLanguage, t, type MessageId } from '../i18n/index.js';
import { methodologySchema, schemaAtPointer, type SchemaNode } from './schema.js';
import { clauseAt } from './clause.js';
import { RESERVED_KEYS } from './source.js';

let compiled: ValidateFunction | undefined;
function validator(): ValidateFunction {
  // Compiled once and kept (compiledValidator.ts): compiling takes longer than the rest of `validate`.
  // refersTo is an annotation read by the linter (src/methodology/lint/references.ts); movedTo
  // names where a setting of an older format now lives (its message says so); tsType gives
  // the generated type where an if/then/else says more than json-schema-to-typescript reads.
  compiled ??= compiledValidators({
    name: 'methodology',
    schema: methodologySchema(),
    formats: true,
    keywords: ['refersTo', 'movedTo', 'tsType'],
    options: { allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true },
  }).root;
  return compiled;
}

export function validateResolved(resolved: ResolvedSource): Diagnostic[] {
  const data = resolved.data;
  const validate = validator();
  if (validate(data) === true) return [];
  return translateAjvErrors(validate.errors ?? [], data, (pointer) => resolved.originOf(pointer), methodologySchema());
}

type OriginLookup = (pointer: string) => { key?: SourcePosition; value: SourcePosition } | undefined;

/** ajv errors → diagnostics placed at the line that caused them, for any of our schemas. */
export function translateAjvErrors(errors: ErrorObject[], data: unknown, originOf: OriginLookup, schema: SchemaNode): Diagnostic[] {
  return selectErrors(errors).map((error) => toDiagnostic(error, data, originOf, schema));
}

/**
 * A file that is some other kind of file (a list, a single value, or keys none of which is
 * one of `known`): one line that says so, echoing nothing of it (it may hold secrets, and
 * a single value would be the whole file). Undefined for a file of the kind.
 */
export function foreignFile(
  file: string,
  data: unknown,
  known: string[],
  kind: { what: string; keys: string; hint: string },
): Diagnostic | undefined {
  // Not a mapping at all, or a mapping with none of the format's keys: the same refusal, worded for each.
  const message =
    data === null || typeof data !== 'object' || Array.isArray(data)
      ? 'file.not-a-document'
      : Object.keys(data).some((key) => known.includes(key))
        ? undefined
        : 'file.not-a-document.keys';
  if (!message) return undefined;
  return {
    severity: 'error',
    code: 'file.not-a-document',
    at: { file, line: 1, col: 1 },
    message: t(message, { file, what: kind.what, keys: kind.keys }),
    hint: kind.hint,
  };
}

/** What a file of `schema` is, in a message: "a methodology", "an evaluation input", "a working-day calendar". */
function documentKind(schema: SchemaNode): string {
  // The kind is a select of the catalogue's message (each language words it): input, calendar, or a methodology.
  const title = typeof schema.title === 'string' ? schema.title : '';
  return title.startsWith('Evaluation input') ? 'input' : title.startsWith('Working-day calendar') ? 'calendar' : 'methodology';
}

/** ajv reports every failed branch of if/oneOf/anyOf; keep the errors that say something. */
function selectErrors(errors: ErrorObject[]): ErrorObject[] {
  const kept: ErrorObject[] = [];
  const factPaths = new Set<string>();
  for (const e of errors) {
    if (e.keyword === 'if') continue;
    // A reserved name as a key fails the id's `not` inside propertyNames: the propertyNames error says it.
    if (e.keyword === 'not' && errors.some((o) => o.keyword === 'propertyNames' && o.instancePath === e.instancePath)) continue;
    if (e.schemaPath.startsWith('#/$defs/fact/')) {
      if (!factPaths.has(e.instancePath)) {
        factPaths.add(e.instancePath);
        kept.push({ ...e, keyword: 'fact' });
      }
      continue;
    }
    if (e.keyword === 'required' && e.schemaPath.includes('/anyOf/')) continue; // reported by the anyOf itself
    // A malformed date fails both its pattern and its format: one message is enough.
    if (e.keyword === 'format' && errors.some((o) => o.keyword === 'pattern' && o.instancePath === e.instancePath)) continue;
    if (
      (e.keyword === 'oneOf' || e.keyword === 'anyOf') &&
      errors.some(
        (o) =>
          o !== e &&
          o.instancePath.startsWith(e.instancePath) &&
          !o.schemaPath.includes('/anyOf/') &&
          o.keyword !== e.keyword &&
          o.keyword !== 'if',
      )
    )
      continue;
    kept.push(e);
  }
  return kept;
}

function toDiagnostic(error: ErrorObject, data: unknown, originOf: OriginLookup, schema: SchemaNode): Diagnostic {
  const base = error.instancePath;
  const params = error.params;
  let pointer = base;
  let message: string;
  let hint: string;
  const value = getAtPointer(data, base);
  const language = currentLanguage();
  const where = displayPath(base, data, language);
  const shown = (v: unknown) => (typeof v === 'string' ? `"${v}"` : JSON.stringify(v));
  // "did you mean …? ", before what to do (the schema's own names, so no translation).
  const didYouMean = (word: unknown, candidates: readonly string[]) => (typeof word === 'string' ? suggestIn(word, candidates) : '');
  switch (error.keyword) {
    case 'required': {
      const missing = String(params.missingProperty);
      message = t('schema.required', { where, missing });
      // The schema's descriptions and titles are English: shown as they are.
      const sub = schemaAtPointer(joinPointer(base, missing), schema);
      hint = t('schema.required.hint', { missing }) + (sub?.description ? ` — ${sub.description}` : sub?.title ? ` (${sub.title})` : '');
      break;
    }
    case 'additionalProperties': {
      const extra = String(params.additionalProperty);
      pointer = joinPointer(base, extra);
      const allowed = Object.keys(schemaAtPointer(base, schema)?.properties ?? {});
      message =
        base === ''
          ? t('schema.additionalProperties.top', { extra, kind: documentKind(schema) })
          : t('schema.additionalProperties', { extra, where });
      hint = didYouMean(extra, allowed) + t('schema.additionalProperties.hint', { allowed: allowed.join(', ') });
      break;
    }
    case 'propertyNames': {
      const name = String(params.propertyName);
      pointer = joinPointer(base, name);
      message = t('schema.propertyNames', { name, where });
      hint = RESERVED_KEYS.has(name) ? t('schema.propertyNames.reserved.hint') : t('schema.propertyNames.hint');
      break;
    }
    case 'type': {
      const words: Record<string, MessageId> = {
        integer: 'schema.type.integer',
        number: 'schema.type.number',
        string: 'schema.type.string',
        boolean: 'schema.type.boolean',
        object: 'schema.type.object',
        array: 'schema.type.array',
        null: 'schema.type.null',
      };
      const expected = String(params.type)
        .split(',')
        .map((type) => (Object.hasOwn(words, type) ? t(words[type]) : type))
        .join(t('schema.type.or'));
      message = t('schema.type', { where, expected, value: shown(value) });
      hint = params.type === 'string' && typeof value !== 'string' ? t('schema.type.quotes.hint') : t('schema.type.hint', { expected });
      // "4,5" typed with a decimal comma, as Kazakh and Russian keyboards do.
      if (/number|integer/.test(String(params.type)) && typeof value === 'string' && /^\s*-?\d+,\d+\s*$/.test(value)) {
        hint = t('schema.type.decimalComma.hint', { number: value.trim().replace(',', '.') });
      }
      break;
    }
    case 'enum':
      message = t('schema.enum', { where, value: shown(value) });
      hint = didYouMean(value, params.allowedValues.map(String)) + t('schema.enum.hint', { allowed: params.allowedValues.join(', ') });
      break;
    case 'fact': {
      const facts = (schema.$defs.fact.oneOf as { const: string; description: string }[]).map((f) => f.const);
      message = t('schema.fact', { where, value: shown(value) });
      hint = didYouMean(value, facts) + t('schema.enum.hint', { allowed: facts.join(', ') });
      break;
    }
    case 'const':
      message = t('schema.const', { where, allowed: shown(params.allowedValue), value: shown(value) });
      hint = t('schema.const.hint', { allowed: shown(params.allowedValue) });
      break;
    case 'pattern':
    case 'format': {
      const sub = schemaAtPointer(base, schema);
      message = t('schema.pattern', { where, value: shown(value) });
      // Every pattern of the schemas has a description in words (test/schemas.test.ts); a raw regex is the last resort.
      hint =
        sub?.description ??
        (params.format === 'date'
          ? t('schema.format.date.hint')
          : t('schema.pattern.hint', { pattern: String(params.pattern ?? params.format) }));
      break;
    }
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      message = t('schema.limit', { where, value: shown(value), comparison: String(params.comparison), limit: String(params.limit) });
      hint = t('schema.limit.hint', { comparison: String(params.comparison), limit: String(params.limit) });
      break;
    case 'minItems':
      message = t('schema.minItems', { where, limit: Number(params.limit) });
      hint = t('schema.minItems.hint');
      break;
    case 'maxItems':
      message = t('schema.maxItems', { where, limit: Number(params.limit) });
      hint = t('schema.maxItems.hint');
      break;
    case 'uniqueItems':
      message = t('schema.uniqueItems', { where, first: String(params.j + 1), second: String(params.i + 1) });
      hint = t('schema.uniqueItems.hint');
      break;
    case 'minLength':
      message = t('schema.minLength', { where });
      hint = t('schema.minLength.hint');
      break;
    case 'minProperties':
    case 'maxProperties': {
      const sub = schemaAtPointer(base, schema);
      message = t(error.keyword === 'minProperties' ? 'schema.minProperties' : 'schema.maxProperties', {
        where,
        limit: Number(params.limit),
      });
      hint =
        sub?.properties && params.limit === 1 && error.keyword === 'maxProperties'
          ? t('schema.maxProperties.one.hint', { allowed: Object.keys(sub.properties).join(', ') })
          : (sub?.description ?? t('schema.properties.hint'));
      break;
    }
    case 'anyOf': {
      const sub = schemaAtPointer(base, schema);
      message = t('schema.anyOf', { where });
      hint = sub?.description ?? t('schema.anyOf.hint');
      const alternatives = (sub?.anyOf ?? []) as SchemaNode[];
      if (
        alternatives.length > 0 &&
        alternatives.every((b) => Array.isArray(b.required) && b.required.length === 1 && Object.keys(b).length === 1)
      ) {
        const names = alternatives.map((b) => `"${b.required[0]}"`).join(t('schema.type.or'));
        message = t('schema.anyOf.missing', { where, names });
        hint = t('schema.anyOf.missing.hint', { names });
      }
      if (splitPointer(base).at(-1) === 'basis') {
        message = t('schema.anyOf.basis', { where });
        hint = t('schema.anyOf.basis.hint', {
          clause: 'basis: { clause: "6" }',
          annex: 'basis: { annex: 3 }',
          setting: `basis: { setting: true, note: "${t('schema.anyOf.basis.why')}" }`,
        });
      }
      break;
    }
    case 'not': {
      if (typeof value === 'string' && RESERVED_KEYS.has(value)) {
        message = t('schema.not.reserved', { where, value });
        hint = t('schema.not.reserved.hint');
        break;
      }
      const movedTo = schemaAtPointer(base, schema)?.movedTo;
      if (movedTo) {
        message = t('schema.not.movedTo', { where, movedTo: String(movedTo) });
        hint = t('schema.not.movedTo.hint', { movedTo: String(movedTo) });
        break;
      }
      message = t('schema.not', { where });
      hint = schemaAtPointer(base, schema)?.description ?? t('schema.not.hint');
      if (value && typeof value === 'object' && 'positionCategories' in value) {
        message = t('schema.not.categories', { where });
        hint = t('schema.not.categories.hint');
      }
      break;
    }
    default:
      message = `${where}: ${error.message ?? 'is not valid'}`;
      hint = t('schema.other.hint');
  }
  const origin = originOf(pointer) ?? originOf(parentPointer(pointer)) ?? originOf('');
  const at = error.keyword === 'additionalProperties' || error.keyword === 'propertyNames' ? (origin?.key ?? origin?.value) : origin?.value;
  return { severity: 'error', code: `schema.${error.keyword}`, message, hint, pointer, at, clause: clauseAt(data, pointer) };
}
