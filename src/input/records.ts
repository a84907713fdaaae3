// Reads an evaluation input a record at a time: the header (methodology, year, units…)
// and then each person's record, found by src/input/scan.ts. A record is parsed without
// positions (JSON.parse, or js-yaml for YAML: both fast); a problem is placed by walking
// the record's text to the one key it is about (src/input/locate.ts), from where the
// scanner found the record, so every problem is still located at file:line:col. Only a
// record that is not valid JSON or YAML, or written in a way that walk does not follow, is
// parsed again with the `yaml` library, which says where and why. A mistake in one
// person's record sets that person aside; the others go on.
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';
import { describeFileError } from '../io/files.js';
import { textProblem } from '../io/text.js';
import type { ValidateFunction } from 'ajv';
import { load as loadYaml } from 'js-yaml';
import type { Diagnostic, SourcePosition } from '../methodology/diagnostic.js';
import type { SchemaNode } from '../methodology/schema.js';
import { duplicateKeyProblem, parseSource } from '../methodology/source.js';
import { splitPointer } from '../methodology/pointer.js';
import { foreignFile, translateAjvErrors } from '../methodology/validate.js';
import { t } from '../i18n/index.js';
import type { EvaluationInput, Person } from '../engine/input.generated.js';
import { compiledValidators } from '../methodology/compiledValidator.js';
import { findDuplicateKey, findInJson, findInYaml, NotUnderstood, type FoundAt } from './locate.js';
import { headerPosition, type HeaderText, type InputFormat, type RecordSpan } from './scan.js';

export const evaluationSchemaPath = fileURLToPath(new URL('../../schemas/evaluation.schema.json', import.meta.url));

/** An evaluation input may be this large; methodologies and calendars keep their 2 MiB. */
export const MAX_INPUT_BYTES = 1024 ** 3;

interface Validators {
  root: ValidateFunction;
  person: ValidateFunction;
  schema: SchemaNode;
}
let validators: Validators | undefined;
function compiled(): Validators {
  if (!validators) {
    const schema = JSON.parse(readFileSync(evaluationSchemaPath, 'utf8')) as SchemaNode;
    const { root, parts } = compiledValidators({
      name: 'evaluation',
      schema,
      formats: true,
      parts: { person: '#/$defs/person' },
      options: { allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true },
    });
    validators = { root, person: parts.person, schema };
  }
  return validators;
}

/** json, ndjson (.ndjson, .jsonl) or yaml, from the name and, failing that, the first byte. */
export function detectFormat(file: string): InputFormat {
  const ext = extname(file).toLowerCase();
  if (ext === '.ndjson' || ext === '.jsonl') return 'ndjson';
  if (ext === '.json') return 'json';
  if (ext === '.yaml' || ext === '.yml') return 'yaml';
  const fd = openSync(file, 'r');
  try {
    const head = Buffer.alloc(64);
    const n = readSync(fd, head, 0, 64, 0);
    const first = head
      .toString('utf8', 0, n)
      .replace(/^\uFEFF/, '')
      .trimStart()[0];
    return first === '{' ? 'json' : 'yaml';
  } finally {
    closeSync(fd);
  }
}

/** How much of an input is looked at for its encoding before it is read. */
const SNIFF_BYTES = 64 << 10;

/**
 * A file that cannot be an evaluation input, or undefined: missing or unreadable, not a
 * regular file (a folder, a device such as /dev/zero), over 1 GiB, empty, saved as UTF-16,
 * or not text at all (a binary file, or another encoding such as Windows-1251). Only the
 * start of the file is read for this; nothing of its content is echoed.
 */
export function checkInputFile(file: string): Diagnostic | undefined {
  const refuse = (code: string, message: string, hint: string): Diagnostic => ({
    severity: 'error',
    code,
    at: { file, line: 1, col: 1 },
    message,
    hint,
  });
  let stat;
  try {
    stat = statSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT')
      return {
        severity: 'error',
        code: 'file.not-found',
        message: t('file.not-found', { file }),
        hint: t('file.not-found.hint'),
      };
    const { message, hint } = describeFileError(error, file, 'read');
    return { severity: 'error', code: 'file.not-readable', message: t('file.not-readable.input', { reason: message }), hint };
  }
  if (!stat.isFile()) {
    return refuse(
      'file.not-a-file',
      t('file.not-a-file', { file, kind: stat.isDirectory() ? 'folder' : 'other' }),
      t('file.not-a-file.hint'),
    );
  }
  if (stat.size > MAX_INPUT_BYTES) {
    return refuse(
      'file.too-large',
      t('file.too-large', { file, size: (stat.size / 1024 ** 3).toFixed(2), limit: String(MAX_INPUT_BYTES / 1024 ** 3) }),
      t('file.too-large.hint'),
    );
  }
  let head: Buffer;
  try {
    const fd = openSync(file, 'r');
    try {
      head = Buffer.alloc(Math.min(stat.size, SNIFF_BYTES));
      head = head.subarray(0, readSync(fd, head, 0, head.length, 0));
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    const { message, hint } = describeFileError(error, file, 'read');
    return refuse('file.not-readable', t('file.not-readable.input', { reason: message }), hint);
  }
  return checkInputText(file, head, stat.size <= SNIFF_BYTES, refuse);
}

/** The encoding checks of `checkInputFile` on the first bytes of the file (`whole`: they are all of it). */
function checkInputText(
  file: string,
  head: Buffer,
  whole: boolean,
  refuse: (code: string, message: string, hint: string) => Diagnostic,
): Diagnostic | undefined {
  const problem = textProblem(file, head, whole, t('file.kind.inputText'));
  if (problem) return problem;
  if (
    whole &&
    head
      .toString('utf8')
      .replace(/^\uFEFF/, '')
      .trim() === ''
  )
    return refuse('file.empty', t('file.empty', { file }), t('file.empty.hint'));
  return undefined;
}

export interface Header {
  /** The input without its people (people: []). */
  data?: Omit<EvaluationInput, 'people'> & { people: [] };
  diagnostics: Diagnostic[];
}

/** Parses and checks the header: its problems are top-level problems (the file is unusable when one is an error). */
export function readHeader(file: string, format: InputFormat, header: HeaderText): Header {
  // The fast parsers first; the `yaml` library, which places every key, only when something is to be reported.
  let data: unknown;
  try {
    data = format === 'yaml' ? loadYaml(header.text, { maxAliases: 100 }) : JSON.parse(header.text);
  } catch {
    data = undefined;
  }
  // JSON.parse keeps the last of a key written twice; the `yaml` library below says where.
  if (format !== 'yaml' && data !== undefined && hasDuplicateKey(header.text, data)) data = undefined;
  if (format === 'ndjson' && data && typeof data === 'object' && !Array.isArray(data) && !('people' in data))
    (data as Record<string, unknown>).people = [];
  const { root, schema } = compiled();
  if (data !== undefined && data !== null && typeof data === 'object' && root(data))
    return { data: data as Header['data'], diagnostics: [] };

  const parsed = parseSource(file, header.text);
  const place = (at: SourcePosition | undefined) => (at ? { file, ...headerPosition(header, at.line, at.col) } : at);
  const diagnostics: Diagnostic[] = parsed.diagnostics.map((d) => ({ ...d, at: place(d.at) }));
  if (parsed.data === undefined) {
    if (header.text.trim() === '' && !diagnostics.length)
      diagnostics.push({
        severity: 'error',
        code: 'file.empty',
        at: { file, line: 1, col: 1 },
        message: t('file.empty', { file }),
        hint: t('file.empty.hint'),
      });
    return { diagnostics };
  }
  data = parsed.data;
  const foreign = foreignFile(file, data, Object.keys((schema.properties ?? {}) as object), {
    what: t('file.kind.input'),
    keys: 'methodology:, year:, people:',
    hint: t('file.not-a-document.input.hint'),
  });
  if (foreign) return { diagnostics: [...diagnostics, foreign] };
  if (format === 'ndjson' && data && typeof data === 'object' && !Array.isArray(data) && !('people' in data))
    (data as Record<string, unknown>).people = [];
  if (root(data)) return { data: data as Header['data'], diagnostics };
  const originOf = (pointer: string) => {
    const origin = parsed.origins.get(pointer);
    return origin ? { key: place(origin.key), value: place(origin.value)!, file } : undefined;
  };
  diagnostics.push(...translateAjvErrors(root.errors ?? [], data, originOf, schema));
  return { data: diagnostics.some((d) => d.severity === 'error') ? undefined : data, diagnostics };
}

/**
 * A whole evaluation input already read (e.g. a methodology test case's `input:`), checked
 * against schemas/evaluation.schema.json as `evaluate` checks a file: every mistake placed
 * by `originOf` (a JSON pointer into the input → where it is written).
 */
export function checkEvaluationInput(
  data: unknown,
  originOf: (pointer: string) => { key?: SourcePosition; value: SourcePosition } | undefined,
): Diagnostic[] {
  const { root, schema } = compiled();
  if (root(data)) return [];
  return translateAjvErrors(root.errors ?? [], data, originOf, schema);
}

/** One person's record as read. */
export interface RecordOutcome {
  index: number;
  span: RecordSpan;
  /** The id and name as written, when they are texts (also for a record set aside). */
  id?: string;
  name?: string;
  /** The record, when it follows the schema. */
  person?: Person;
  /** Why the record is set aside (syntax or schema). */
  diagnostics?: Diagnostic[];
}

/** Where a key and its value are written. */
export interface Origin {
  key?: SourcePosition;
  value: SourcePosition;
}

/** Positions of the keys and values of one record, by JSON pointer from the top of the file (/people/<index>/…). */
export type RecordOrigins = Map<string, Origin>;

/** The position of a key or value of a record, by JSON pointer, found when asked. */
export interface RecordPlaces {
  get(pointer: string): Origin | undefined;
}

export class RecordReader {
  constructor(
    readonly file: string,
    readonly format: InputFormat,
    readonly header: Record<string, unknown>,
  ) {}

  read(text: string, span: RecordSpan, index: number): RecordOutcome {
    const outcome: RecordOutcome = { index, span };
    let value: unknown;
    let positioned: Positioned | undefined;
    try {
      value = this.format === 'yaml' ? itemOf(loadYaml(padded(text, span), { maxAliases: 100 }), text) : JSON.parse(text);
    } catch {
      // The slow parser says where and why (and reads what YAML allows beyond JSON, as before).
      positioned = this.positioned(text, span, index);
      if (positioned.diagnostics.some((d) => d.severity === 'error')) {
        outcome.diagnostics = positioned.diagnostics;
        return outcome;
      }
      value = positioned.data;
    }
    if (value !== null && typeof value === 'object') {
      const { id, name } = value as { id?: unknown; name?: unknown };
      if (typeof id === 'string') outcome.id = id;
      if (typeof name === 'string') outcome.name = name;
    }
    if (this.format !== 'yaml' && !positioned && hasDuplicateKey(text, value)) {
      // JSON.parse keeps the last value of a key written twice; YAML refuses it, and so does this reader.
      outcome.diagnostics = [duplicateKeyProblem(this.position(text, span, findDuplicateKey(text)))];
      return outcome;
    }
    const { person: check, root, schema } = compiled();
    if (check(value)) {
      outcome.person = value as Person;
      return outcome;
    }
    // The errors as the whole-file validation gives them (same wording, "people › item N › …").
    root({ ...this.header, people: [value] });
    const errors = (root.errors ?? [])
      .filter((e) => e.instancePath === '/people/0' || e.instancePath.startsWith('/people/0/'))
      .map((e) => ({ ...e, instancePath: `/people/${index}${e.instancePath.slice('/people/0'.length)}` }));
    const people: unknown[] = [];
    people[index] = value;
    // A schema error is rare: the record is read again with the `yaml` library, which also
    // says what the fast parsers let through (a reserved key, nesting too deep for it).
    positioned ??= this.positioned(text, span, index);
    // A record the positioning parser cannot read (nested too deeply for it) is set aside with that reason.
    if (positioned.diagnostics.some((d) => d.severity === 'error')) {
      outcome.diagnostics = positioned.diagnostics;
      return outcome;
    }
    const origins = positioned.origins;
    const originOf = (pointer: string) => origins.get(pointer) ?? origins.get(`/people/${index}`);
    outcome.diagnostics = translateAjvErrors(errors, { ...this.header, people }, originOf, schema);
    return outcome;
  }

  /** Positions of all the record's keys and values (parsed again, with the `yaml` library). */
  origins(text: string, span: RecordSpan, index: number): RecordOrigins {
    return this.positioned(text, span, index).origins;
  }

  /** Positions of the record's keys and values, each found when asked by walking the text (the `yaml` library only if the walk cannot). */
  places(text: string, span: RecordSpan, index: number): RecordPlaces {
    const prefix = `/people/${index}`;
    const source = this.format === 'yaml' ? padded(text, span) : text;
    let fallback: RecordOrigins | undefined;
    const at = (offset: number) => this.position(source, span, offset);
    return {
      get: (pointer) => {
        if (pointer !== prefix && !pointer.startsWith(prefix + '/')) return undefined;
        if (!fallback) {
          const path = splitPointer(pointer.slice(prefix.length));
          let found: FoundAt | undefined;
          try {
            found = this.format === 'yaml' ? findInYaml(source, path) : findInJson(source, path);
          } catch (error) {
            // Nested too deeply for the walk (RangeError): the yaml library says so too.
            if (!(error instanceof NotUnderstood) && !(error instanceof RangeError)) throw error;
            fallback = this.origins(text, span, index);
          }
          if (!fallback) return found && { key: found.key === undefined ? undefined : at(found.key), value: at(found.value) };
        }
        return fallback.get(pointer);
      },
    };
  }

  /** file:line:col of an offset in a record's text (a YAML record's text padded to its column). */
  private position(text: string, span: RecordSpan, offset: number): SourcePosition {
    let line = 0;
    let lineStart = 0;
    for (let nl = text.indexOf('\n'); nl >= 0 && nl < offset; nl = text.indexOf('\n', nl + 1)) {
      line++;
      lineStart = nl + 1;
    }
    const col = offset - lineStart + 1;
    return { file: this.file, line: span.line + line, col: line === 0 && this.format !== 'yaml' ? col + span.col - 1 : col };
  }

  private positioned(text: string, span: RecordSpan, index: number): Positioned {
    const source = parseSource(this.file, padded(text, span, this.format));
    const move = (at: SourcePosition): SourcePosition => ({
      file: this.file,
      line: at.line + span.line - 1,
      col: at.line === 1 && this.format !== 'yaml' ? at.col + span.col - 1 : at.col,
    });
    const diagnostics = source.diagnostics.map((d) => ({ ...d, at: d.at && move(d.at) }));
    const origins: RecordOrigins = new Map();
    // A YAML item is a list of one; a JSON record is the value itself.
    const item = this.format === 'yaml' && Array.isArray(source.data);
    const prefix = item ? '/0' : '';
    for (const [pointer, origin] of source.origins) {
      if (item && pointer !== prefix && !pointer.startsWith(prefix + '/')) continue;
      origins.set(`/people/${index}${pointer.slice(prefix.length)}`, { key: origin.key && move(origin.key), value: move(origin.value) });
    }
    return { data: item ? (source.data as unknown[])[0] : source.data, origins, diagnostics };
  }
}

interface Positioned {
  data: unknown;
  origins: RecordOrigins;
  diagnostics: Diagnostic[];
}

/** A YAML record is an item of the people list ("  - id: …"): the list of one is read; a record cut out of a flow list is the node itself. */
function itemOf(value: unknown, text: string): unknown {
  return Array.isArray(value) && /^\s*-(\s|$)/.test(text) ? value[0] : value;
}

/** A YAML record cut out of the middle of a line keeps its column: the line is padded before it. */
function padded(text: string, span: RecordSpan, format: InputFormat = 'yaml'): string {
  return format === 'yaml' && span.col > 1 ? ' '.repeat(span.col - 1) + text : text;
}

/**
 * Whether a JSON text has a key written twice in one object (JSON.parse kept the last).
 * Every key has one colon outside strings: when the colons of the text are as many as the
 * keys `value` has, none is written twice; only otherwise (a colon inside a text, or a key
 * twice) is the text walked.
 */
function hasDuplicateKey(text: string, value: unknown): boolean {
  let colons = 0;
  for (let i = text.indexOf(':'); i >= 0; i = text.indexOf(':', i + 1)) colons++;
  let keys: number;
  try {
    keys = countKeys(value);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    keys = -1; // nested too deeply to count: looked for in the text
  }
  return colons !== keys && findDuplicateKey(text) >= 0;
}

function countKeys(value: unknown): number {
  if (value === null || typeof value !== 'object') return 0;
  let n = 0;
  if (Array.isArray(value)) {
    for (const item of value) n += countKeys(item);
    return n;
  }
  for (const key in value) n += 1 + countKeys((value as Record<string, unknown>)[key]);
  return n;
}

/** file:line:col of a field of a record ("quarters.Q2.kpi.k1.score"): the deepest part of it that is written. */
export function locateField(origins: RecordPlaces, index: number, field?: string): SourcePosition | undefined {
  const segments = field ? field.split('.') : [];
  for (let n = segments.length; n >= 0; n--) {
    const origin = origins.get(
      `/people/${index}${segments
        .slice(0, n)
        .map((s) => '/' + s)
        .join('')}`,
    );
    if (origin) return origin.key ?? origin.value;
  }
  return undefined;
}
