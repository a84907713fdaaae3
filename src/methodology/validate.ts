// Validates a resolved methodology against the JSON Schema and turns each ajv error
// into a sentence a legal officer can act on, placed at the line that caused it.
import type { ErrorObject, ValidateFunction } from 'ajv';
import { compiledValidators } from './compiledValidator.js';
import type { Diagnostic, SourcePosition } from './diagnostic.js';
import { displayPath, getAtPointer, joinPointer, parentPointer, splitPointer } from './pointer.js';
import type { ResolvedSource } from './resolve.js';
import { suggest } from './resolve.js';
import { methodologySchema, schemaAtPointer, type SchemaNode } from './schema.js';
import { clauseAt } from './clause.js';
import { RESERVED_KEYS } from './source.js';

let compiled: ValidateFunction | undefined;
function validator(): ValidateFunction {
  // Compiled once and kept (compiledValidator.ts): compiling takes longer than the rest of `validate`.
  // refersTo is an annotation read by the linter (src/methodology/lint/references.ts); movedTo
  // names where a setting of an older format now lives (its message says so).
  compiled ??= compiledValidators({
    name: 'methodology',
    schema: methodologySchema(),
    formats: true,
    keywords: ['refersTo', 'movedTo'],
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
  const at = { file, line: 1, col: 1 };
  if (data === null || typeof data !== 'object' || Array.isArray(data))
    return {
      severity: 'error',
      code: 'file.not-a-document',
      at,
      message: `${file} is not ${kind.what}: the file must be a set of keys (${kind.keys} …), not a list or a single value`,
      hint: kind.hint,
    };
  if (!Object.keys(data).some((key) => known.includes(key)))
    return {
      severity: 'error',
      code: 'file.not-a-document',
      at,
      message: `${file} is not ${kind.what}: none of its top-level keys is a key of ${kind.what} (${kind.keys} …)`,
      hint: kind.hint,
    };
  return undefined;
}

/** What a file of `schema` is, in a message: "a methodology", "an evaluation input", "a working-day calendar". */
function documentKind(schema: SchemaNode): string {
  const title = typeof schema.title === 'string' && !schema.title.startsWith('Methodology') ? schema.title.toLowerCase() : 'methodology';
  return `${/^[aeiou]/.test(title) ? 'an' : 'a'} ${title}`;
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
  const where = displayPath(base, data);
  const shown = (v: unknown) => (typeof v === 'string' ? `"${v}"` : JSON.stringify(v));
  switch (error.keyword) {
    case 'required': {
      const missing = String(params.missingProperty);
      message = `${where} is missing "${missing}"`;
      const sub = schemaAtPointer(joinPointer(base, missing), schema);
      hint = `add "${missing}:"${sub?.description ? ` — ${sub.description}` : sub?.title ? ` (${sub.title})` : ''}`;
      break;
    }
    case 'additionalProperties': {
      const extra = String(params.additionalProperty);
      pointer = joinPointer(base, extra);
      const allowed = Object.keys(schemaAtPointer(base, schema)?.properties ?? {});
      message = `"${extra}" is not a setting of ${where === 'the top of the file' ? documentKind(schema) : where}`;
      hint = `${suggest(extra, allowed)}remove it or correct the spelling; allowed here: ${allowed.join(', ')}`;
      break;
    }
    case 'propertyNames': {
      const name = String(params.propertyName);
      pointer = joinPointer(base, name);
      message = `"${name}" cannot be used as an id in ${where}`;
      hint = RESERVED_KEYS.has(name)
        ? 'this name is one every object has in the language bagalau is written in; choose another id'
        : 'ids are written in camelCase: letters and digits, starting with a lowercase letter (e.g. hrService, annex4)';
      break;
    }
    case 'type': {
      const words: Record<string, string> = {
        integer: 'a whole number',
        number: 'a number',
        string: 'a text',
        boolean: 'true or false',
        object: 'a block of settings',
        array: 'a list',
        null: 'empty',
      };
      const expected = String(params.type)
        .split(',')
        .map((t) => words[t] ?? t)
        .join(' or ');
      message = `${where} must be ${expected}, but it is ${shown(value)}`;
      hint = params.type === 'string' && typeof value !== 'string' ? 'put the value in quotes, e.g. "2/315"' : `write ${expected} here`;
      // "4,5" typed with a decimal comma, as Kazakh and Russian keyboards do.
      if (/number|integer/.test(String(params.type)) && typeof value === 'string' && /^\s*-?\d+,\d+\s*$/.test(value)) {
        hint = `write ${value.trim().replace(',', '.')}, with a decimal point instead of the comma`;
      }
      break;
    }
    case 'enum':
      message = `${where} is ${shown(value)}, which is not one of the allowed values`;
      hint = `${typeof value === 'string' ? suggest(value, params.allowedValues.map(String)) : ''}use one of: ${params.allowedValues.join(', ')}`;
      break;
    case 'fact': {
      const facts = schema.$defs.fact.oneOf as { const: string; description: string }[];
      message = `${where}: ${shown(value)} is not a fact bagalau knows`;
      hint = `${
        typeof value === 'string'
          ? suggest(
              value,
              facts.map((f) => f.const),
            )
          : ''
      }use one of: ${facts.map((f) => f.const).join(', ')}`;
      break;
    }
    case 'const':
      message = `${where} must be ${shown(params.allowedValue)}, but it is ${shown(value)}`;
      hint = `write ${shown(params.allowedValue)} or leave the key out`;
      break;
    case 'pattern':
    case 'format': {
      const sub = schemaAtPointer(base, schema);
      message = `${where} is ${shown(value)}, which is not written as expected`;
      // Every pattern of the schemas has a description in words (test/schemas.test.ts); a raw regex is the last resort.
      hint =
        sub?.description ??
        (params.format === 'date'
          ? 'write a date as YYYY-MM-DD, e.g. 2026-04-20'
          : `write it in the form ${params.pattern ?? params.format}`);
      break;
    }
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      message = `${where} is ${shown(value)}; it must be ${params.comparison} ${params.limit}`;
      hint = `write a value ${params.comparison} ${params.limit}`;
      break;
    case 'minItems':
    case 'maxItems':
      message = `${where} must list ${error.keyword === 'minItems' ? 'at least' : 'at most'} ${params.limit} item(s)`;
      hint = error.keyword === 'minItems' ? 'add the missing items' : 'remove the extra items';
      break;
    case 'uniqueItems':
      message = `${where} lists the same value twice (items ${params.j + 1} and ${params.i + 1})`;
      hint = 'remove the repeated item';
      break;
    case 'minLength':
      message = `${where} is empty`;
      hint = 'write the text, or remove the key';
      break;
    case 'minProperties':
    case 'maxProperties': {
      const sub = schemaAtPointer(base, schema);
      message = `${where} must have ${error.keyword === 'minProperties' ? 'at least' : 'at most'} ${params.limit} entr${params.limit === 1 ? 'y' : 'ies'}`;
      hint =
        sub?.properties && params.limit === 1 && error.keyword === 'maxProperties'
          ? `use exactly one of: ${Object.keys(sub.properties).join(', ')}`
          : (sub?.description ?? 'correct the number of entries');
      break;
    }
    case 'anyOf': {
      const sub = schemaAtPointer(base, schema);
      message = `${where} is incomplete`;
      hint = sub?.description ?? 'see the schema for what is allowed here';
      const alternatives = (sub?.anyOf ?? []) as SchemaNode[];
      if (
        alternatives.length > 0 &&
        alternatives.every((b) => Array.isArray(b.required) && b.required.length === 1 && Object.keys(b).length === 1)
      ) {
        const names = alternatives.map((b) => `"${b.required[0]}"`);
        message = `${where} is missing ${names.join(' or ')}`;
        hint = `add ${names.join(' or ')}`;
      }
      if (splitPointer(base).at(-1) === 'basis') {
        message = `${where} names no clause, annex, law or setting`;
        hint =
          'write e.g. basis: { clause: "6" }, or basis: { annex: 3 }, or — where the texts are silent — basis: { setting: true, note: "why" }';
      }
      break;
    }
    case 'not': {
      if (typeof value === 'string' && RESERVED_KEYS.has(value)) {
        message = `${where} is "${value}", a name every object has in the language bagalau is written in; it cannot be an id`;
        hint = 'choose another id';
        break;
      }
      const movedTo = schemaAtPointer(base, schema)?.movedTo;
      if (movedTo) {
        message = `${where} is written in an older format: this setting has moved to ${movedTo}`;
        hint = `move the block under ${movedTo} (see methodologies/model-2018.yaml for the layout)`;
        break;
      }
      message = `${where} has a combination of keys that is not allowed`;
      hint = schemaAtPointer(base, schema)?.description ?? 'keep only one of the alternatives';
      if (value && typeof value === 'object' && 'positionCategories' in value) {
        message = `${where} has both positionCategories and allOtherPositions`;
        hint = 'a category either lists its position categories or takes every other position (allOtherPositions: true), not both';
      }
      break;
    }
    default:
      message = `${where}: ${error.message ?? 'is not valid'}`;
      hint = 'see the schema (schemas/methodology.schema.json) for what is allowed here';
  }
  const origin = originOf(pointer) ?? originOf(parentPointer(pointer)) ?? originOf('');
  const at = error.keyword === 'additionalProperties' || error.keyword === 'propertyNames' ? (origin?.key ?? origin?.value) : origin?.value;
  return { severity: 'error', code: `schema.${error.keyword}`, message, hint, pointer, at, clause: clauseAt(data, pointer) };
}
