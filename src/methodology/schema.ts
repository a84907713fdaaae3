// The methodology JSON Schema is the single source of truth of the format: the
// validator, the resolver (which maps are open collections), the linter (which
// fields refer to roles, forms, …) and `diff` (titles of settings) all read it here.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { splitPointer } from './pointer.js';

export type SchemaNode = Record<string, any>;

export const methodologySchemaPath = fileURLToPath(new URL('../../schemas/methodology.schema.json', import.meta.url));

let cached: SchemaNode | undefined;
export function methodologySchema(): SchemaNode {
  cached ??= JSON.parse(readFileSync(methodologySchemaPath, 'utf8')) as SchemaNode;
  return cached;
}

function deref(root: SchemaNode, node: SchemaNode | undefined): SchemaNode | undefined {
  let current = node;
  for (let guard = 0; current && typeof current.$ref === 'string' && guard < 20; guard++) {
    const target = current.$ref.replace(/^#\/\$defs\//, '');
    const { $ref: _ignored, ...siblings } = current;
    current = { ...root.$defs[target], ...siblings };
  }
  return current;
}

/** The schema of the child `key` of an object or array described by `node`. */
export function childSchema(root: SchemaNode, node: SchemaNode | undefined, key: string): SchemaNode | undefined {
  const resolved = deref(root, node);
  if (!resolved) return undefined;
  if (resolved.properties && key in resolved.properties) return deref(root, resolved.properties[key]);
  if (resolved.items && /^\d+$/.test(key)) return deref(root, resolved.items);
  if (resolved.additionalProperties && typeof resolved.additionalProperties === 'object') return deref(root, resolved.additionalProperties);
  // Conditions: if/then/else branches describe the same object.
  for (const branch of [resolved.then, resolved.else]) {
    const found = branch ? childSchema(root, branch, key) : undefined;
    if (found) return found;
  }
  return undefined;
}

export function schemaAtPointer(pointer: string, root = methodologySchema()): SchemaNode | undefined {
  let node: SchemaNode | undefined = root;
  for (const segment of splitPointer(pointer)) {
    node = childSchema(root, node, segment);
    if (!node) return undefined;
  }
  return deref(root, node);
}

/** An open collection (roles, deadlines, competencies …): entries are ids chosen by the author. */
export function isOpenMap(node: SchemaNode | undefined): boolean {
  return !!node && !node.properties && typeof node.additionalProperties === 'object';
}

/** The human title of the setting at a pointer, e.g. "Eligibility › Minimum time in post › Months". */
export function titleAtPointer(pointer: string, root = methodologySchema()): string {
  const titles: string[] = [];
  let node: SchemaNode | undefined = root;
  for (const segment of splitPointer(pointer)) {
    const parentWasOpenMap = isOpenMap(deref(root, node));
    const rawChild: SchemaNode | undefined = (() => {
      const resolved = deref(root, node);
      return resolved?.properties?.[segment];
    })();
    node = childSchema(root, node, segment);
    if (parentWasOpenMap || /^\d+$/.test(segment)) titles.push(/^\d+$/.test(segment) ? `row ${Number(segment) + 1}` : segment);
    else titles.push(rawChild?.title ?? node?.title ?? segment);
  }
  return titles.join(' › ');
}

export interface ReferenceField {
  pointer: string;
  value: string;
  refersTo: string;
}

/** Every value in `data` whose schema says it refers to an entry elsewhere (refersTo). */
export function referenceFields(data: unknown, root = methodologySchema()): ReferenceField[] {
  const out: ReferenceField[] = [];
  const walk = (value: unknown, node: SchemaNode | undefined, rawNode: SchemaNode | undefined, pointer: string) => {
    const refersTo = rawNode?.refersTo ?? node?.refersTo;
    if (typeof value === 'string' && refersTo) out.push({ pointer, value, refersTo });
    if (value && typeof value === 'object') {
      const resolved = deref(root, node);
      for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
        const raw = Array.isArray(value) ? resolved?.items : (resolved?.properties?.[key] ?? resolved?.additionalProperties);
        walk(child, childSchema(root, node, key), typeof raw === 'object' ? raw : undefined, `${pointer}/${key}`);
      }
    }
  };
  walk(data, root, root, '');
  return out;
}
