// Reads one methodology file: YAML with the position of every key and value, so that
// any later finding can be reported as file:line:col.
import { readFileSync, statSync } from 'node:fs';
import { LineCounter, isMap, isPair, isScalar, isSeq, parseDocument, type Node } from 'yaml';
import type { Diagnostic, SourcePosition } from './diagnostic.js';
import { joinPointer } from './pointer.js';

/** Files larger than this are refused: a methodology is a few hundred KiB at most. */
export const MAX_FILE_BYTES = 2 * 1024 * 1024;
/** Aliases are legal YAML but a methodology needs few; a bound stops "billion laughs". */
export const MAX_ALIASES = 100;

export interface NodeOrigin {
  /** Where the key of a map entry is written (absent for list items and the root). */
  key?: SourcePosition;
  /** Where the value starts. */
  value: SourcePosition;
  /** Character offsets of the value in the file, for finding a word inside a text. */
  range: [number, number];
}

export interface SourceFile {
  file: string;
  text: string;
  data: unknown;
  origins: Map<string, NodeOrigin>;
  diagnostics: Diagnostic[];
}

export function readSourceFile(file: string): SourceFile {
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    return failed(file, {
      severity: 'error', code: 'file.not-found', message: `cannot read ${file}: no such file`,
      hint: 'check the file name and the folder you run bagalau from',
    });
  }
  if (size > MAX_FILE_BYTES) {
    return failed(file, {
      severity: 'error', code: 'file.too-large', at: { file, line: 1, col: 1 },
      message: `${file} is ${(size / 1024 / 1024).toFixed(1)} MiB; a methodology file may be at most ${MAX_FILE_BYTES / 1024 / 1024} MiB`,
      hint: 'check that this is the right file; a methodology is a text of a few hundred KiB at most',
    });
  }
  return parseSource(file, readFileSync(file, 'utf8'));
}

export function parseSource(file: string, text: string): SourceFile {
  const lineCounter = new LineCounter();
  // 'core' keeps dates such as 2023-05-25 as strings; uniqueKeys rejects duplicate keys.
  const doc = parseDocument(text, { lineCounter, schema: 'core', uniqueKeys: true, prettyErrors: false, merge: false });
  const at = (offset: number): SourcePosition => {
    const { line, col } = lineCounter.linePos(offset);
    return { file, line, col };
  };
  const diagnostics: Diagnostic[] = [];
  for (const error of doc.errors) {
    const offset = error.code === 'MISSING_CHAR' ? openingQuoteBefore(text, error.pos[0]) ?? error.pos[0] : error.pos[0];
    diagnostics.push(yamlProblem(file, error.code, error.message, at(offset), 'error'));
  }
  for (const warning of doc.warnings) diagnostics.push(yamlProblem(file, warning.code, warning.message, at(warning.pos[0]), 'warning'));
  if (diagnostics.some((d) => d.severity === 'error')) return { file, text, data: undefined, origins: new Map(), diagnostics };

  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIASES });
  } catch (error) {
    return failed(file, {
      severity: 'error', code: 'yaml.too-many-aliases', at: { file, line: 1, col: 1 },
      message: `${file} uses YAML aliases (*name) too many times: ${(error as Error).message}`,
      hint: `write the values out instead of repeating aliases; at most ${MAX_ALIASES} are allowed`,
    }, text);
  }
  const origins = new Map<string, NodeOrigin>();
  if (doc.contents) collectOrigins(doc.contents as Node, '', undefined, origins, at);
  return { file, text, data, origins, diagnostics };
}

function collectOrigins(
  node: Node, pointer: string, key: SourcePosition | undefined,
  origins: Map<string, NodeOrigin>, at: (offset: number) => SourcePosition,
): void {
  const range = node.range ?? [0, 0, 0];
  origins.set(pointer, { key, value: at(range[0]), range: [range[0], range[1]] });
  if (isMap(node)) {
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const keyNode = pair.key as Node | null;
      const keyText = isScalar(keyNode) ? String(keyNode.value) : String(keyNode);
      const keyPos = keyNode?.range ? at(keyNode.range[0]) : undefined;
      const child = joinPointer(pointer, keyText);
      if (pair.value && typeof pair.value === 'object' && 'range' in (pair.value as object)) {
        collectOrigins(pair.value as Node, child, keyPos, origins, at);
      } else if (keyPos && keyNode?.range) {
        origins.set(child, { key: keyPos, value: keyPos, range: [keyNode.range[0], keyNode.range[1]] });
      }
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, index) => {
      if (item && typeof item === 'object' && 'range' in (item as object)) collectOrigins(item as Node, joinPointer(pointer, index), undefined, origins, at);
    });
  }
}

/** yaml reports an unclosed quote where the file ends; the author needs the line where it opens. */
function openingQuoteBefore(text: string, offset: number): number | undefined {
  const lines = text.slice(0, offset).split('\n');
  let lineStart = offset - lines[lines.length - 1].length;
  for (let i = lines.length - 1; i >= 0; i--) {
    const quotes = [...lines[i].matchAll(/["']/g)];
    if (quotes.length % 2 === 1) return lineStart + (quotes[quotes.length - 1].index ?? 0);
    if (i > 0) lineStart -= lines[i - 1].length + 1;
  }
  return undefined;
}

const yamlAdvice: Record<string, string> = {
  DUPLICATE_KEY: 'a key may appear once in the same block; delete one of them or merge their contents',
  BAD_INDENT: 'indent with spaces, the same number for every key of one block',
  TAB_AS_INDENT: 'YAML indentation must use spaces, not tabs',
  MISSING_CHAR: 'a quote or bracket is not closed; close it on the same line',
  BLOCK_AS_IMPLICIT_KEY: 'a key is missing its colon, or a value is indented too far',
  MULTILINE_IMPLICIT_KEY: 'a key must be on one line and end with a colon',
  UNEXPECTED_TOKEN: 'check the punctuation on this line (quotes, colons, dashes)',
};

function yamlProblem(file: string, code: string, message: string, at: SourcePosition, severity: 'error' | 'warning'): Diagnostic {
  const firstLine = message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
  return {
    severity, code: `yaml.${code.toLowerCase().replace(/_/g, '-')}`, at,
    message: `this is not valid YAML: ${firstLine.replace('Missing closing "quote', 'a quotation mark is not closed')}`,
    hint: yamlAdvice[code] ?? 'correct the YAML syntax at this line; an editor with the YAML extension shows the problem as you type',
  };
}

function failed(file: string, diagnostic: Diagnostic, text = ''): SourceFile {
  return { file, text, data: undefined, origins: new Map(), diagnostics: [diagnostic] };
}
