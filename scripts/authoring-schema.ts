// The schema of a file an author writes when extending another methodology, derived from
// schemas/methodology.schema.json (which describes the resolved methodology): the same
// keys and types, but nothing required that can be inherited, and `null` allowed wherever
// the resolver lets a body drop an inherited setting. Editors point body files at it
// (`# yaml-language-server: $schema=../schemas/methodology-authoring.schema.json`), so
// they agree with bagalau. `npm run gen:types` writes it; a test fails when it is stale.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
export const authoringSchemaPath = 'schemas/methodology-authoring.schema.json';

/** What a body file must state itself: its identity is never inherited. */
const OWN_KEYS = ['id', 'extends', 'title', 'body', 'act', 'inForce'];

export function authoringSchema(): Record<string, unknown> {
  const full = JSON.parse(readFileSync(root + 'schemas/methodology.schema.json', 'utf8'));
  const relax = (node: any, isRoot = false): any => {
    if (Array.isArray(node)) return node.map((n) => relax(n));
    if (node === null || typeof node !== 'object') return node;
    const out: any = {};
    // Conditions that require keys (a method of kind kpi needs kpi:) can be met by the parent.
    const conditionRequires = ['if', 'then', 'else'].some((k) => k in node && JSON.stringify(node[k]).includes('"required"'));
    for (const [key, value] of Object.entries<any>(node)) {
      if (key === 'required' && !isRoot) continue;
      if (conditionRequires && (key === 'if' || key === 'then' || key === 'else')) continue;
      if (key === 'allOf' && Array.isArray(value) && value.every((branch) => branch.if)) continue;
      if (key === 'properties') {
        out.properties = Object.fromEntries(
          Object.entries<any>(value).map(([name, sub]) => [
            name,
            // null drops an inherited setting (key: null); identity keys are always written. An
            // if/else rather than anyOf: a wrong value gets the messages of the setting alone.
            isRoot && OWN_KEYS.includes(name) ? relax(sub) : { if: { type: 'null' }, else: relax(sub) },
          ]),
        );
        continue;
      }
      out[key] = relax(value);
    }
    return out;
  };
  const schema = relax(full, true);
  schema.$id = 'urn:bagalau:schema:methodology-authoring';
  schema.title = 'Methodology file of a body (extends another)';
  schema.description =
    'What an author writes in a file that extends another methodology: only what differs, each change with its basis. Generated from methodology.schema.json by scripts/authoring-schema.ts.';
  schema.required = OWN_KEYS;
  return schema;
}

export const renderAuthoringSchema = () => JSON.stringify(authoringSchema(), null, 2) + '\n';
