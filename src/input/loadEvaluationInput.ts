// Reads the data a body submits (YAML or JSON) with positions, and validates it against
// schemas/evaluation.schema.json. A mistake inside one person's record sets that person
// aside (reported with the person, file, line and column); the others go on.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { Diagnostic } from '../methodology/diagnostic.js';
import { splitPointer } from '../methodology/pointer.js';
import type { SchemaNode } from '../methodology/schema.js';
import { readSourceFile, type SourceFile } from '../methodology/source.js';
import { translateAjvErrors } from '../methodology/validate.js';
import type { EvaluationInput, Person } from '../engine/input.generated.js';

export const evaluationSchemaPath = fileURLToPath(new URL('../../schemas/evaluation.schema.json', import.meta.url));

let schema: SchemaNode | undefined;
let validate: ReturnType<InstanceType<typeof Ajv2020.default>['compile']> | undefined;
function validator() {
  if (!validate) {
    schema = JSON.parse(readFileSync(evaluationSchemaPath, 'utf8')) as SchemaNode;
    const ajv = new Ajv2020.default({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true });
    addFormats.default(ajv);
    validate = ajv.compile(schema);
  }
  return { validate, schema: schema! };
}

export interface LoadedInput {
  source: SourceFile;
  /** The input with only the people whose records are valid; undefined when the file is unusable. */
  input?: EvaluationInput;
  /** People set aside because of mistakes in their records. */
  rejected: { index: number; id?: string; name?: string; diagnostics: Diagnostic[] }[];
  /** Problems with the file as a whole (unreadable, not YAML, top-level mistakes). */
  diagnostics: Diagnostic[];
  /** file:line:col of a field of person `index`, e.g. "quarters.Q2.kpi.k1.score". */
  locate(index: number, field?: string): Diagnostic['at'];
}

export function loadEvaluationInput(file: string): LoadedInput {
  const source = readSourceFile(file);
  const locate = (index: number, field?: string) => {
    const segments = field ? field.split('.') : [];
    for (let n = segments.length; n >= 0; n--) {
      const origin = source.origins.get(`/people/${index}${segments.slice(0, n).map((s) => '/' + s).join('')}`);
      if (origin) return origin.key ?? origin.value;
    }
    return undefined;
  };
  const base = { source, rejected: [], locate };
  if (source.data === undefined) return { ...base, diagnostics: source.diagnostics };
  const { validate, schema: root } = validator();
  if (validate(source.data)) return setAsideDuplicates({ ...base, input: source.data as EvaluationInput, diagnostics: source.diagnostics }, file);

  const originOf = (pointer: string) => {
    const origin = source.origins.get(pointer);
    return origin ? { ...origin, file } : undefined;
  };
  const all = translateAjvErrors(validate.errors ?? [], source.data, originOf, root);
  const byPerson = new Map<number, Diagnostic[]>();
  const topLevel: Diagnostic[] = [...source.diagnostics];
  for (const d of all) {
    const [first, second] = splitPointer(d.pointer ?? '');
    if (first === 'people' && second !== undefined && /^\d+$/.test(second)) {
      const index = Number(second);
      byPerson.set(index, [...(byPerson.get(index) ?? []), d]);
    } else topLevel.push(d);
  }
  const data = source.data as EvaluationInput;
  if (topLevel.some((d) => d.severity === 'error') || !Array.isArray(data.people)) return { ...base, diagnostics: topLevel };
  const rejected = [...byPerson].map(([index, diagnostics]) => {
    const person = data.people[index] as Partial<Person> | undefined;
    return { index, id: typeof person?.id === 'string' ? person.id : undefined, name: typeof person?.name === 'string' ? person.name : undefined, diagnostics };
  });
  const kept = data.people.filter((_, index) => !byPerson.has(index));
  return setAsideDuplicates({ ...base, input: { ...data, people: kept }, rejected, diagnostics: topLevel }, file);
}

/** Two records with one id cannot both be evaluated: the later one is set aside, naming the first. */
function setAsideDuplicates(loaded: LoadedInput, file: string): LoadedInput {
  const all = (loaded.source.data as { people: Partial<Person>[] }).people;
  const firstIndex = new Map<string, number>();
  const duplicates = new Set<Partial<Person>>();
  all.forEach((person, index) => {
    if (typeof person?.id !== 'string') return;
    const first = firstIndex.get(person.id);
    if (first === undefined) { firstIndex.set(person.id, index); return; }
    duplicates.add(person);
    const at = loaded.locate(index, 'id');
    const firstAt = loaded.locate(first, 'id');
    loaded.rejected.push({
      index, id: person.id, name: typeof person.name === 'string' ? person.name : undefined,
      diagnostics: [{
        severity: 'error', code: 'input.duplicate-id', at: at ? { ...at, file } : undefined, pointer: `/people/${index}/id`,
        message: `the id ${person.id} is used twice: people item ${first + 1}${firstAt ? ` (line ${firstAt.line})` : ''} and item ${index + 1}`,
        hint: 'give every person a different id; this record is set aside',
      }],
    });
  });
  if (duplicates.size === 0 || !loaded.input) return loaded;
  return { ...loaded, input: { ...loaded.input, people: loaded.input.people.filter((p) => !duplicates.has(p)) } };
}
