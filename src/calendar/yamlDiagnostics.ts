// Turns YAML syntax errors and JSON-schema (ajv) errors into `file:line:col: message`
// diagnostics by walking the YAML node tree along the offending JSON path.
import type { ErrorObject } from 'ajv';
import { isMap, isPair, isScalar, isSeq, LineCounter, type Document, type Node } from 'yaml';
import type { FileDiagnostic, JsonPath } from './errors.js';

/**
 * Line and column (1-based) of the value at `path`, or of the deepest node on the way
 * when the path goes further than the document. With `pointAtKey`, the last segment's
 * key is located instead of its value (for "unknown property" errors).
 */
export function locatePath(
  document: Document,
  lineCounter: LineCounter,
  path: JsonPath,
  pointAtKey = false,
): { line: number; column: number } {
  let node: unknown = document.contents;
  let offset = (document.contents as Node | null)?.range?.[0] ?? 0;
  for (let index = 0; index < path.length; index++) {
    const segment = path[index];
    const isLast = index === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === String(segment));
      if (!pair) break;
      const keyNode = pair.key as Node;
      const valueNode = pair.value as Node | null;
      if ((isLast && pointAtKey) || !valueNode?.range) {
        offset = keyNode.range?.[0] ?? offset;
        node = valueNode;
        if (isLast && pointAtKey) break;
        if (!valueNode?.range) break;
        continue;
      }
      offset = valueNode.range[0];
      node = valueNode;
    } else if (isSeq(node)) {
      const item = node.items[Number(segment)] as Node | undefined;
      if (!item?.range) break;
      offset = item.range[0];
      node = item;
    } else {
      break;
    }
  }
  const { line, col } = lineCounter.linePos(offset);
  return { line, column: col };
}

export function yamlSyntaxDiagnostics(document: Document, file: string): FileDiagnostic[] {
  return document.errors.map((error) => {
    const position = error.linePos?.[0] ?? { line: 1, col: 1 };
    const headline = error.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
    return { file, line: position.line, column: position.col, message: `YAML syntax: ${headline}; fix the YAML before anything else is checked` };
  });
}

export function jsonPointerToPath(pointer: string): JsonPath {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function displayPath(path: JsonPath): string {
  return path.length === 0 ? 'the document' : path.join('.');
}

/** An ajv error in plain words, with what to write instead where the schema says. */
function describeSchemaError(error: ErrorObject): { path: JsonPath; pointAtKey: boolean; message: string } {
  const path = jsonPointerToPath(error.instancePath);
  const where = displayPath(path);
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties': {
      const property = String(params.additionalProperty);
      const allowed = error.parentSchema && typeof error.parentSchema === 'object' && 'properties' in error.parentSchema
        ? Object.keys((error.parentSchema as { properties: object }).properties)
        : [];
      return {
        path: [...path, property],
        pointAtKey: true,
        message: `${where}: unknown property "${property}"${allowed.length ? `; allowed here: ${allowed.join(', ')}` : '; remove it'}`,
      };
    }
    case 'required':
      return { path, pointAtKey: false, message: `${where}: missing required property "${String(params.missingProperty)}"; add it` };
    case 'enum':
      return { path, pointAtKey: false, message: `${where}: must be one of ${(params.allowedValues as unknown[]).map(String).join(', ')}` };
    case 'const':
      return { path, pointAtKey: false, message: `${where}: must be ${JSON.stringify(params.allowedValue)}` };
    case 'pattern':
      return {
        path,
        pointAtKey: false,
        message: String(params.pattern).includes('0[1-9]|1[0-2]')
          ? `${where}: must be a date written YYYY-MM-DD`
          : `${where}: must match ${String(params.pattern)}`,
      };
    case 'propertyNames':
      return { path, pointAtKey: false, message: `${where}: a key has the wrong form (${error.message ?? 'invalid name'})` };
    case 'oneOf':
      return { path, pointAtKey: false, message: `${where}: must match exactly one of the allowed forms` };
    default:
      return { path, pointAtKey: false, message: `${where}: ${error.message ?? 'is invalid'}` };
  }
}

export function schemaDiagnostics(
  errors: ErrorObject[],
  document: Document,
  lineCounter: LineCounter,
  file: string,
): FileDiagnostic[] {
  const seen = new Set<string>();
  const diagnostics: FileDiagnostic[] = [];
  // "if" errors only say a "then" failed; the "then" error itself is more precise.
  for (const error of errors.filter((candidate) => candidate.keyword !== 'if')) {
    const described = describeSchemaError(error);
    const { line, column } = locatePath(document, lineCounter, described.path, described.pointAtKey);
    const key = `${line}:${column}:${described.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    diagnostics.push({ file, line, column, message: described.message });
  }
  return diagnostics;
}

export function issueDiagnostics(
  issues: { path: JsonPath; message: string }[],
  document: Document,
  lineCounter: LineCounter,
  file: string,
): FileDiagnostic[] {
  return issues.map((issue) => ({ file, ...locatePath(document, lineCounter, issue.path), message: issue.message }));
}
