// Reads one methodology file: YAML with the position of every key and value, so that
// any later finding can be reported as file:line:col.
import { readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Node } from 'yaml';
import type { Diagnostic, SourcePosition } from './diagnostic.js';
import { joinPointer } from './pointer.js';
import { textProblem } from '../io/text.js';
import { t, type MessageId } from '../i18n/index.js';

let yamlModule: typeof import('yaml') | undefined;
/**
 * The `yaml` library, loaded by the first text it reads (a tenth of a second): a run whose
 * methodology and calendar come from the cache and whose records are well written never
 * needs it.
 */
export function yamlLibrary(): typeof import('yaml') {
  return (yamlModule ??= createRequire(import.meta.url)('yaml') as typeof import('yaml'));
}

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

export interface ReadOptions {
  /** What the file is, in messages: "a methodology file", "a calendar file", "an evaluation input". */
  what?: string;
  /** The largest file read (checked before reading, so a device or a huge file costs nothing). */
  maxBytes?: number;
}

export function readSourceFile(file: string, options: ReadOptions = {}): SourceFile {
  const what = options.what ?? t('file.kind.methodology');
  const maxBytes = options.maxBytes ?? MAX_FILE_BYTES;
  const text = readTextFile(file, what, maxBytes);
  return typeof text === 'string' ? parseSource(file, text) : failed(file, text);
}

/**
 * The text of a regular UTF-8 file of at most `maxBytes`, or the diagnostic that says why
 * not: a device (/dev/zero), a folder, a missing or unreadable file, UTF-16, or too large.
 */
export function readTextFile(file: string, what: string, maxBytes: number): string | Diagnostic {
  const at = { file, line: 1, col: 1 };
  let stats;
  try {
    stats = statSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'EACCES'
      ? {
          severity: 'error',
          code: 'file.not-readable',
          message: t('file.not-readable.permission', { file }),
          hint: t('file.not-readable.permission.hint'),
        }
      : {
          severity: 'error',
          code: 'file.not-found',
          message: t('file.not-found', { file }),
          hint: t('file.not-found.lookedFor.hint'),
        };
  }
  if (!stats.isFile()) {
    return {
      severity: 'error',
      code: 'file.not-regular',
      at,
      message: t('file.not-regular', { file, kind: stats.isDirectory() ? 'folder' : 'other', what }),
      hint: t('file.not-regular.hint', { what }),
    };
  }
  if (stats.size > maxBytes) {
    const size = (n: number) => (n >= 1024 ** 3 ? `${+(n / 1024 ** 3).toFixed(1)} GiB` : `${+(n / 1024 / 1024).toFixed(1)} MiB`);
    return {
      severity: 'error',
      code: 'file.too-large',
      at,
      message: t('file.too-large.sized', { file, size: size(stats.size), what, limit: size(maxBytes) }),
      hint: t('file.rightFile.hint'),
    };
  }
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    return {
      severity: 'error',
      code: 'file.not-readable',
      at,
      message: t('file.not-readable.refused', {
        file,
        reason: (error as NodeJS.ErrnoException).code === 'EACCES' ? 'permission' : 'other',
      }),
      hint: t('file.not-readable.refused.hint'),
    };
  }
  const notText = textProblem(file, bytes, true, what);
  if (notText) return notText;
  const text = bytes.toString('utf8');
  if (text.replace(/^\uFEFF/, '').trim() === '') {
    return { severity: 'error', code: 'file.empty', at, message: t('file.empty', { file }), hint: t('file.empty.named.hint', { what }) };
  }
  // A UTF-8 byte-order mark (Windows editors add one) is not part of the text.
  return text.replace(/^\uFEFF/, '');
}

export function parseSource(file: string, text: string): SourceFile {
  const { LineCounter, parseDocument } = yamlLibrary();
  const lineCounter = new LineCounter();
  // 'core' keeps dates such as 2023-05-25 as strings; uniqueKeys rejects duplicate keys.
  let doc;
  try {
    doc = parseDocument(text, { lineCounter, schema: 'core', uniqueKeys: true, prettyErrors: false, merge: false });
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    return failed(file, tooDeep(file), text);
  }
  const at = (offset: number): SourcePosition => {
    const { line, col } = lineCounter.linePos(offset);
    return { file, line, col };
  };
  const diagnostics: Diagnostic[] = [];
  for (const error of doc.errors) {
    const offset = error.code === 'MISSING_CHAR' ? (openingQuoteBefore(text, error.pos[0]) ?? error.pos[0]) : error.pos[0];
    diagnostics.push(yamlProblem(file, error.code, error.message, at(offset), 'error'));
  }
  for (const warning of doc.warnings) diagnostics.push(yamlProblem(file, warning.code, warning.message, at(warning.pos[0]), 'warning'));
  if (diagnostics.some((d) => d.severity === 'error')) return { file, text, data: undefined, origins: new Map(), diagnostics };

  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIASES });
  } catch (error) {
    if (error instanceof RangeError) return failed(file, tooDeep(file), text);
    return failed(
      file,
      {
        severity: 'error',
        code: 'yaml.too-many-aliases',
        at: { file, line: 1, col: 1 },
        message: t('yaml.too-many-aliases', { file }),
        hint: t('yaml.too-many-aliases.hint', { max: String(MAX_ALIASES) }),
      },
      text,
    );
  }
  const origins = new Map<string, NodeOrigin>();
  try {
    if (doc.contents) collectOrigins(doc.contents, '', undefined, origins, at);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    return failed(file, tooDeep(file), text);
  }
  // A reserved key refuses the data but keeps the positions, so whoever re-reads a record
  // only to place a problem still finds where the key is written.
  const reserved: Diagnostic[] = [];
  if (doc.contents) reservedKeys(doc.contents, reserved, at);
  if (reserved.length > 0) return { file, text, data: undefined, origins, diagnostics: [...diagnostics, ...reserved] };
  return { file, text, data, origins, diagnostics };
}

function collectOrigins(
  node: Node,
  pointer: string,
  key: SourcePosition | undefined,
  origins: Map<string, NodeOrigin>,
  at: (offset: number) => SourcePosition,
): void {
  const { isMap, isPair, isScalar, isSeq } = yamlLibrary();
  const range = node.range ?? [0, 0, 0];
  origins.set(pointer, { key, value: at(range[0]), range: [range[0], range[1]] });
  if (isMap(node)) {
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const keyNode = pair.key as Node | null;
      const keyText = isScalar(keyNode) ? String(keyNode.value) : String(keyNode);
      const keyPos = keyNode?.range ? at(keyNode.range[0]) : undefined;
      const child = joinPointer(pointer, keyText);
      if (pair.value && typeof pair.value === 'object' && 'range' in pair.value) {
        collectOrigins(pair.value as Node, child, keyPos, origins, at);
      } else if (keyPos && keyNode?.range) {
        origins.set(child, { key: keyPos, value: keyPos, range: [keyNode.range[0], keyNode.range[1]] });
      }
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, index) => {
      if (item && typeof item === 'object' && 'range' in item)
        collectOrigins(item as Node, joinPointer(pointer, index), undefined, origins, at);
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

/**
 * Names every object inherits (__proto__, constructor, toString…) are refused as keys where
 * they are written: read into an object they would change or shadow what every object has.
 */
export const RESERVED_KEYS: ReadonlySet<string> = new Set(Object.getOwnPropertyNames(Object.prototype));

function reservedKeys(node: Node, diagnostics: Diagnostic[], at: (offset: number) => SourcePosition, depth = 0): void {
  const { isMap, isPair, isScalar, isSeq } = yamlLibrary();
  if (depth > 500) return;
  if (isMap(node)) {
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const key = pair.key as Node | null;
      if (isScalar(key) && RESERVED_KEYS.has(String(key.value))) {
        diagnostics.push({
          severity: 'error',
          code: 'yaml.reserved-key',
          at: at(key.range?.[0] ?? 0),
          message: t('yaml.reserved-key', { key: String(key.value) }),
          hint: t('yaml.reserved-key.hint'),
        });
      }
      if (pair.value && typeof pair.value === 'object') reservedKeys(pair.value as Node, diagnostics, at, depth + 1);
    }
  } else if (isSeq(node)) {
    for (const item of node.items) if (item && typeof item === 'object') reservedKeys(item as Node, diagnostics, at, depth + 1);
  }
}

/** Blocks nested thousands deep exhaust the parser's stack; no real file is like that. */
function tooDeep(file: string): Diagnostic {
  return {
    severity: 'error',
    code: 'yaml.too-deep',
    at: { file, line: 1, col: 1 },
    message: t('yaml.too-deep', { file }),
    hint: t('yaml.too-deep.hint'),
  };
}

/** Our words for the YAML parser's errors, by its error code (its own messages are for programmers): catalogue ids. */
const yamlMessages: Record<string, MessageId> = {
  DUPLICATE_KEY: 'yaml.duplicate-key',
  BAD_INDENT: 'yaml.bad-indent',
  TAB_AS_INDENT: 'yaml.tab-as-indent',
  MISSING_CHAR: 'yaml.missing-char',
  BLOCK_AS_IMPLICIT_KEY: 'yaml.block-as-implicit-key',
  MULTILINE_IMPLICIT_KEY: 'yaml.multiline-implicit-key',
  UNEXPECTED_TOKEN: 'yaml.unexpected-token',
  BAD_SCALAR_START: 'yaml.bad-scalar-start',
  BLOCK_IN_FLOW: 'yaml.block-in-flow',
  MISSING_ANCHOR: 'yaml.missing-anchor',
  BAD_ALIAS: 'yaml.bad-alias',
  KEY_OVER_1024_CHARS: 'yaml.key-over-1024-chars',
  IMPOSSIBLE: 'yaml.impossible',
  RESOURCE_EXHAUSTION: 'yaml.resource-exhaustion',
  TAG_RESOLVE_FAILED: 'yaml.tag-resolve-failed',
  BAD_DIRECTIVE: 'yaml.bad-directive',
  MULTIPLE_DOCS: 'yaml.multiple-docs',
  MULTIPLE_ANCHORS: 'yaml.multiple-anchors',
  MULTIPLE_TAGS: 'yaml.multiple-tags',
  NON_STRING_KEY: 'yaml.non-string-key',
  BAD_COLLECTION_TYPE: 'yaml.bad-collection-type',
  ALIAS_PROPS: 'yaml.alias-props',
  UNEXPECTED_END: 'yaml.unexpected-end',
  BAD_DQ_ESCAPE: 'yaml.bad-dq-escape',
  BLOCK_AS_IMPLICIT_KEY_WARNING: 'yaml.block-as-implicit-key-warning',
};

const yamlAdvice: Record<string, MessageId> = {
  DUPLICATE_KEY: 'yaml.duplicate-key.hint',
  BAD_INDENT: 'yaml.bad-indent.hint',
  TAB_AS_INDENT: 'yaml.tab-as-indent.hint',
  MISSING_CHAR: 'yaml.missing-char.hint',
  BLOCK_AS_IMPLICIT_KEY: 'yaml.block-as-implicit-key.hint',
  MULTILINE_IMPLICIT_KEY: 'yaml.multiline-implicit-key.hint',
  UNEXPECTED_TOKEN: 'yaml.unexpected-token.hint',
};

/** A key written twice in one block (or, in a JSON input, one object): the YAML parser's own words. */
export function duplicateKeyProblem(at: SourcePosition): Diagnostic {
  return yamlProblem(at.file, 'DUPLICATE_KEY', '', at, 'error');
}

function yamlProblem(file: string, code: string, _parserMessage: string, at: SourcePosition, severity: 'error' | 'warning'): Diagnostic {
  const format = /\.(json|ndjson|jsonl)$/i.test(file) ? 'json' : 'yaml';
  return {
    severity,
    code: `yaml.${code.toLowerCase().replace(/_/g, '-')}`,
    at,
    // JSON is read by the YAML parser too; a .json file's user knows it as JSON.
    message: t('yaml.invalid', {
      format,
      problem: t(Object.hasOwn(yamlMessages, code) ? yamlMessages[code] : 'yaml.impossible', { format }),
    }),
    hint: t(Object.hasOwn(yamlAdvice, code) ? yamlAdvice[code] : 'yaml.hint'),
  };
}

function failed(file: string, diagnostic: Diagnostic, text = ''): SourceFile {
  return { file, text, data: undefined, origins: new Map(), diagnostics: [diagnostic] };
}
