// Derives the TypeScript types of the file formats from their JSON Schemas, so a
// format is defined once (schemas/) and the code follows it.
// `npm run gen:types` rewrites the files; test/methodology/generated-types.test.ts
// fails when they are stale.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { compile } from 'json-schema-to-typescript';
import { authoringSchemaPath, renderAuthoringSchema } from './authoring-schema.js';

export const generatedTypes = [
  { schema: 'schemas/methodology.schema.json', output: 'src/methodology/types.generated.ts', name: 'Methodology' },
  { schema: 'schemas/evaluation.schema.json', output: 'src/engine/input.generated.ts', name: 'EvaluationInput' },
  { schema: 'schemas/results.schema.json', output: 'src/engine/results.generated.ts', name: 'EvaluationResult' },
];

const root = fileURLToPath(new URL('..', import.meta.url));

export async function renderTypes(schemaPath: string, name: string): Promise<string> {
  const raw = JSON.parse(readFileSync(root + schemaPath, 'utf8'));
  const schema = nameTypesAfterDefinitions(raw, name);
  return (
    (await compile(schema, name, {
      bannerComment: `/* Generated from ${schemaPath} by scripts/gen-types.ts — do not edit; run npm run gen:types. */`,
      additionalProperties: false,
      unreachableDefinitions: true,
      style: { singleQuote: true, printWidth: 100 },
      cwd: root + 'schemas',
    })) + ownKeysOf(raw)
  );
}

// The engine tells a person's own fields from a method's data (kept under the method's id
// by inputs before 2026) by this list, so it is generated from the schema too.
function ownKeysOf(schema: any): string {
  const person = schema.$defs?.person?.properties;
  if (!person) return '';
  const own = Object.keys(person).filter((key) => !person[key].deprecated);
  return `\n/** The person fields of the input format (deprecated ones excluded). */\nexport const personFields: ReadonlySet<string> = new Set(${JSON.stringify(own)});\n`;
}

// Property titles are for people (editors, `bagalau diff`); as type names they would
// give aliases like `Months`. Types are named after the $defs instead.
function nameTypesAfterDefinitions(schema: any, name: string): any {
  const stripTitles = (node: any): any => {
    if (Array.isArray(node)) return node.map(stripTitles);
    if (node === null || typeof node !== 'object') return node;
    // A $ref with sibling keywords (a description, refersTo…) would become a type of its own
    // (Text1, Text2…): for the types, a reference is the type it names.
    if (typeof node.$ref === 'string') return { $ref: node.$ref };
    const out: any = {};
    for (const [key, value] of Object.entries(node)) {
      if (key === 'title' || key === 'refersTo') continue;
      out[key] =
        key === 'properties' || key === '$defs'
          ? Object.fromEntries(Object.entries(value as object).map(([k, v]) => [k, stripTitles(v)]))
          : stripTitles(value);
    }
    return out;
  };
  const result = stripTitles(schema);
  result.title = name;
  for (const [key, def] of Object.entries<any>(result.$defs ?? {})) {
    def.title = key.charAt(0).toUpperCase() + key.slice(1);
  }
  return result;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  for (const { schema, output, name } of generatedTypes) {
    writeFileSync(root + output, await renderTypes(schema, name));
    console.log(`${output} ← ${schema}`);
  }
  writeFileSync(root + authoringSchemaPath, renderAuthoringSchema());
  console.log(`${authoringSchemaPath} ← schemas/methodology.schema.json`);
}
