// Where a key or value of one person's record is written, found by walking the record's text
// to that one path: no parser builds the record again with every position (the `yaml`
// library did that for each record with a problem, about a sixth of the time of a run with
// many problems). The text is a record the fast parsers have already read (JSON.parse or
// js-yaml), so it is well formed; the walk understands JSON, YAML block maps and lists and
// YAML flow collections with plain or quoted scalars. Anything else (anchors, tags, block
// texts it would have to enter, a key that YAML would read as a number, an empty value…)
// throws `NotUnderstood`, and the caller falls back to the `yaml` library. The positions are
// those the `yaml` library gives: a key where it starts, a value where it starts (a block
// map at its first key, a block list at its first dash), in UTF-16 units like every column
// of bagalau.

/** The record's text is written in a way the walk does not follow: use the full parser. */
export class NotUnderstood extends Error {}

/** Offsets in the record's text of a key (absent for a list item or the record) and of its value. */
export interface FoundAt {
  key?: number;
  value: number;
}

const isBreak = (c: number) => c === 0x0a || c === 0x0d;
const isBlank = (c: number) => c === 0x20 || c === 0x09;
const isFlowIndicator = (c: number) => c === 0x2c || c === 0x5b || c === 0x5d || c === 0x7b || c === 0x7d;
/** Characters that make a node more than a plain scalar or collection: anchor, alias, tag, block text, explicit key, directive, reserved. */
const isSpecialStart = (c: number) =>
  c === 0x26 || c === 0x2a || c === 0x21 || c === 0x7c || c === 0x3e || c === 0x3f || c === 0x25 || c === 0x40 || c === 0x60;

/** Finds `path` (keys and list indexes) in a JSON record (a flow node at its start). Undefined: the record has no such path. */
export function findInJson(text: string, path: readonly string[]): FoundAt | undefined {
  const start = skipFlowSpace(text, 0);
  return path.length === 0 ? { value: start } : findInFlow(text, start, path, 0);
}

/**
 * Finds `path` in a YAML record: an item of the people list ("- id: …", the path is inside
 * the item) or, cut out of a flow list, the node itself. `text` is padded so that its first
 * line starts at the record's column.
 */
export function findInYaml(text: string, path: readonly string[]): FoundAt | undefined {
  let start = skipBlockSpace(text, 0);
  if (start >= text.length) return undefined;
  if (text.charCodeAt(start) === 0x2d && isNodeEnd(text, start + 1)) {
    // The item of a list of one: its node follows the dash.
    const item = itemNode(text, start);
    if (item < 0) throw new NotUnderstood('an empty item');
    start = item;
  }
  return path.length === 0 ? { value: start } : findInBlock(text, start, path, 0);
}

/**
 * The offset of the first key of a JSON text written a second time in the same object, or
 * -1. `text` is valid JSON (JSON.parse has read it).
 */
export function findDuplicateKey(text: string): number {
  const keys: Set<string>[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x7b) keys.push(new Set());
    else if (c === 0x7d) keys.pop();
    else if (c === 0x22) {
      const end = quotedEnd(text, i);
      if (text.charCodeAt(skipFlowSpace(text, end)) === 0x3a) {
        const seen = keys[keys.length - 1];
        const key = quotedValue(text, i, end);
        if (seen.has(key)) return i;
        seen.add(key);
      }
      i = end - 1;
    }
  }
  return -1;
}

// ——— flow collections (JSON, and YAML's { } and [ ]) ———

function findInFlow(text: string, at: number, path: readonly string[], depth: number): FoundAt | undefined {
  const open = text.charCodeAt(at);
  if (open === 0x7b) {
    let i = skipFlowSpace(text, at + 1);
    for (;;) {
      if (text.charCodeAt(i) === 0x7d) return undefined;
      const keyStart = i;
      const keyEnd = flowScalarEnd(text, i);
      const isWanted = keyIs(text, i, keyEnd, path[depth]);
      i = skipFlowSpace(text, keyEnd);
      if (text.charCodeAt(i) !== 0x3a) throw new NotUnderstood('a key without a value in { }');
      const valueStart = skipFlowSpace(text, i + 1);
      const c = text.charCodeAt(valueStart);
      if (c === 0x2c || c === 0x7d) throw new NotUnderstood('an empty value in { }');
      if (isWanted) {
        if (depth + 1 < path.length) return findInFlow(text, valueStart, path, depth + 1);
        return startsWithNode(text, valueStart) ? { key: keyStart, value: valueStart } : notUnderstood('an anchor, alias or tag');
      }
      i = afterFlowEntry(text, skipFlowNode(text, valueStart), 0x7d);
      if (i < 0) return undefined;
    }
  }
  if (open === 0x5b) {
    const wanted = listIndex(path[depth]);
    let i = skipFlowSpace(text, at + 1);
    for (let n = 0; ; n++) {
      if (text.charCodeAt(i) === 0x5d) return undefined;
      const itemStart = i;
      const itemEnd = skipFlowNode(text, i);
      if (text.charCodeAt(skipFlowSpace(text, itemEnd)) === 0x3a) throw new NotUnderstood('a key: value pair inside [ ]');
      if (n === wanted) {
        if (depth + 1 < path.length) return findInFlow(text, itemStart, path, depth + 1);
        return startsWithNode(text, itemStart) ? { value: itemStart } : notUnderstood('an anchor, alias or tag');
      }
      i = afterFlowEntry(text, itemEnd, 0x5d);
      if (i < 0) return undefined;
    }
  }
  // A scalar has nothing inside it.
  return undefined;
}

/** After an entry: the start of the next one, or -1 at the closing bracket. */
function afterFlowEntry(text: string, end: number, close: number): number {
  const i = skipFlowSpace(text, end);
  const c = text.charCodeAt(i);
  if (c === 0x2c) {
    const next = skipFlowSpace(text, i + 1);
    return text.charCodeAt(next) === close ? -1 : next;
  }
  if (c === close) return -1;
  throw new NotUnderstood('an entry not followed by a comma or the closing bracket');
}

/** The end of the flow node starting at `at`. */
function skipFlowNode(text: string, at: number): number {
  const c = text.charCodeAt(at);
  if (c === 0x7b || c === 0x5b) {
    const close = c === 0x7b ? 0x7d : 0x5d;
    let i = skipFlowSpace(text, at + 1);
    if (text.charCodeAt(i) === close) return i + 1;
    for (;;) {
      i = skipFlowSpace(text, skipFlowNode(text, i));
      if (c === 0x7b || text.charCodeAt(i) === 0x3a) {
        if (text.charCodeAt(i) !== 0x3a) throw new NotUnderstood('a key without a value in { }');
        i = skipFlowSpace(text, skipFlowNode(text, skipFlowSpace(text, i + 1)));
      }
      const next = text.charCodeAt(i);
      if (next === close) return i + 1;
      if (next !== 0x2c) throw new NotUnderstood('an entry not followed by a comma or the closing bracket');
      i = skipFlowSpace(text, i + 1);
      if (text.charCodeAt(i) === close) return i + 1;
    }
  }
  return flowScalarEnd(text, at);
}

/** The end of a scalar inside { } or [ ] (or of a JSON value). */
function flowScalarEnd(text: string, at: number): number {
  const c = text.charCodeAt(at);
  if (c === 0x22 || c === 0x27) return quotedEnd(text, at);
  if (isSpecialStart(c) || isFlowIndicator(c) || c === 0x23 || Number.isNaN(c)) throw new NotUnderstood('a node the walk does not read');
  let i = at;
  for (; i < text.length; i++) {
    const d = text.charCodeAt(i);
    if (isFlowIndicator(d) || isBreak(d)) break;
    if (d === 0x3a && i > at && isPlainEnd(text.charCodeAt(i + 1), true)) break;
    if (d === 0x23 && isBlank(text.charCodeAt(i - 1))) break;
  }
  while (i > at && isBlank(text.charCodeAt(i - 1))) i--;
  return i;
}

/** Whether the key written from `at` to `end` (quoted or plain) is `wanted`; compared in place when it has no escape. */
function keyIs(text: string, at: number, end: number, wanted: string | undefined): boolean {
  if (wanted === undefined) return false;
  const c = text.charCodeAt(at);
  if (c !== 0x22 && c !== 0x27) return plainKey(text.slice(at, end)) === wanted;
  if (end - at - 2 === wanted.length && text.startsWith(wanted, at + 1) && !escapedQuote) return true;
  return escapedQuote && quotedValue(text, at, end) === wanted;
}

// ——— YAML block collections ———

function findInBlock(text: string, at: number, path: readonly string[], depth: number): FoundAt | undefined {
  const c = text.charCodeAt(at);
  if (c === 0x7b || c === 0x5b) return findInFlow(text, at, path, depth);
  if (c === 0x7c || c === 0x3e || c === 0x22 || c === 0x27) {
    // A text (block or quoted) has nothing inside it, unless the quoted text is a key.
    if (c === 0x7c || c === 0x3e) return undefined;
    if (text.charCodeAt(skipBlanks(text, quotedEnd(text, at))) !== 0x3a) return undefined;
    return findInMap(text, at, path, depth);
  }
  if (isSpecialStart(c)) throw new NotUnderstood('an anchor, alias, tag or explicit key');
  if (c === 0x2d && isNodeEnd(text, at + 1)) return findInList(text, at, path, depth);
  return blockKeyEnd(text, at) < 0 ? undefined : findInMap(text, at, path, depth);
}

function findInMap(text: string, first: number, path: readonly string[], depth: number): FoundAt | undefined {
  const indent = first - lineStart(text, first);
  for (let entry = first; entry >= 0; entry = nextEntry(text, entry, indent, false)) {
    const colon = blockKeyEnd(text, entry);
    if (colon < 0) throw new NotUnderstood('a line of a block map without a key');
    if (blockKey(text, entry, colon) !== path[depth]) continue;
    const value = blockValue(text, colon + 1, indent);
    if (value < 0) throw new NotUnderstood('an empty value');
    if (depth + 1 < path.length) return findInBlock(text, value, path, depth + 1);
    return startsWithNode(text, value) ? { key: entry, value } : notUnderstood('an anchor, alias or tag');
  }
  return undefined;
}

function findInList(text: string, first: number, path: readonly string[], depth: number): FoundAt | undefined {
  const wanted = listIndex(path[depth]);
  const indent = first - lineStart(text, first);
  let n = 0;
  for (let dash = first; dash >= 0; dash = nextEntry(text, dash, indent, true), n++) {
    if (n !== wanted) continue;
    const item = itemNode(text, dash);
    if (item < 0) throw new NotUnderstood('an empty item');
    if (depth + 1 < path.length) return findInBlock(text, item, path, depth + 1);
    return startsWithNode(text, item) ? { value: item } : notUnderstood('an anchor, alias or tag');
  }
  return undefined;
}

/** The node of the list item whose dash is at `dash`: on the same line, or on the next lines, indented more. */
function itemNode(text: string, dash: number): number {
  const indent = dash - lineStart(text, dash);
  const i = skipBlanks(text, dash + 1);
  if (!isLineEnd(text, i)) return i;
  const next = nextContentLine(text, i);
  return next >= 0 && next - lineStart(text, next) > indent ? next : -1;
}

/** The value after a key's colon: on the same line, or the next content line indented more (or a list at the key's indentation). */
function blockValue(text: string, afterColon: number, indent: number): number {
  const i = skipBlanks(text, afterColon);
  if (!isLineEnd(text, i)) return i;
  const next = nextContentLine(text, i);
  if (next < 0) return -1;
  const nextIndent = next - lineStart(text, next);
  if (nextIndent > indent) return next;
  return nextIndent === indent && text.charCodeAt(next) === 0x2d && isNodeEnd(text, next + 1) ? next : -1;
}

/**
 * The next key of a block map (or dash of a block list) at `indent`, after the entry at
 * `from`; -1 when the collection ends. Lines indented more belong to the entry.
 */
function nextEntry(text: string, from: number, indent: number, list: boolean): number {
  for (let line = nextContentLine(text, lineEndOf(text, from)); line >= 0; line = nextContentLine(text, lineEndOf(text, line))) {
    const lineIndent = line - lineStart(text, line);
    if (lineIndent > indent) continue;
    if (lineIndent < indent) return -1;
    const isDash = text.charCodeAt(line) === 0x2d && isNodeEnd(text, line + 1);
    if (list) return isDash ? line : -1;
    // A list at the indentation of its key is that key's value.
    if (!isDash) return line;
  }
  return -1;
}

/** The offset of the colon that ends the key at `at` on its line, or -1 if the line holds no key. */
function blockKeyEnd(text: string, at: number): number {
  const c = text.charCodeAt(at);
  if (c === 0x22 || c === 0x27) {
    const i = skipBlanks(text, quotedEnd(text, at));
    return text.charCodeAt(i) === 0x3a && isPlainEnd(text.charCodeAt(i + 1), false) ? i : -1;
  }
  for (let i = at; i < text.length; i++) {
    const d = text.charCodeAt(i);
    if (isBreak(d)) return -1;
    if (d === 0x3a && isPlainEnd(text.charCodeAt(i + 1), false)) return i;
    if (d === 0x23 && i > at && isBlank(text.charCodeAt(i - 1))) return -1;
  }
  return -1;
}

/** The key written from `at` to its colon, as the data has it. */
function blockKey(text: string, at: number, colon: number): string {
  const c = text.charCodeAt(at);
  if (c === 0x22 || c === 0x27) return quotedValue(text, at, quotedEnd(text, at));
  if (isSpecialStart(c) || isFlowIndicator(c) || c === 0x2d || c === 0x3a) throw new NotUnderstood('a key the walk does not read');
  return plainKey(text.slice(at, colon).trimEnd());
}

// ——— scalars and spaces ———

/** False for a node with an anchor or a tag (the `yaml` library places it after them) and for an alias: left to that library. */
function startsWithNode(text: string, at: number): boolean {
  const c = text.charCodeAt(at);
  return c !== 0x26 && c !== 0x21 && c !== 0x2a;
}

function notUnderstood(why: string): never {
  throw new NotUnderstood(why);
}

/** Whether the last quoted scalar read by `quotedEnd` has an escape (a backslash, or '' in single quotes). */
let escapedQuote = false;

/** The end (after the closing quote) of a quoted scalar on one line; a text over several lines is left to the full parser. */
function quotedEnd(text: string, at: number): number {
  const quote = text.charCodeAt(at);
  escapedQuote = false;
  for (let i = at + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === quote) {
      if (quote === 0x22 || text.charCodeAt(i + 1) !== 0x27) return i + 1;
      escapedQuote = true;
      i++;
    } else if (c === 0x5c && quote === 0x22) {
      escapedQuote = true;
      i++;
    } else if (isBreak(c)) throw new NotUnderstood('a quoted text over several lines');
  }
  throw new NotUnderstood('a quoted text that does not close');
}

/** The text of the quoted scalar from `at` to `end`; an escape JSON does not know is left to the full parser. */
function quotedValue(text: string, at: number, end: number): string {
  const raw = text.slice(at, end);
  if (raw.charCodeAt(0) === 0x27) return raw.slice(1, -1).replace(/''/g, "'");
  if (!raw.includes('\\')) return raw.slice(1, -1);
  try {
    return JSON.parse(raw) as string;
  } catch {
    throw new NotUnderstood('an escape JSON does not know');
  }
}

/** A plain key as a text; one YAML would read as a number, a boolean or null is left to the full parser. */
function plainKey(raw: string): string {
  if (raw === '' || /^[-+.\d~]/.test(raw) || /^(null|true|false)$/i.test(raw))
    throw new NotUnderstood('a key YAML reads as a number, a boolean or null');
  return raw;
}

function listIndex(segment: string | undefined): number {
  return segment !== undefined && /^(0|[1-9]\d*)$/.test(segment) ? Number(segment) : -1;
}

/** Whether the character after a colon (or a dash) ends it: a space, a line end, the end (or a flow indicator inside { } or [ ]). */
function isPlainEnd(c: number, flow: boolean): boolean {
  return Number.isNaN(c) || isBlank(c) || isBreak(c) || (flow && isFlowIndicator(c));
}

function isNodeEnd(text: string, i: number): boolean {
  return isPlainEnd(text.charCodeAt(i), false);
}

function isLineEnd(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return i >= text.length || isBreak(c) || c === 0x23;
}

function skipBlanks(text: string, i: number): number {
  while (isBlank(text.charCodeAt(i))) i++;
  return i;
}

/** Spaces, line ends and comments inside { } or [ ] (and around a JSON value). */
function skipFlowSpace(text: string, i: number): number {
  for (;;) {
    const c = text.charCodeAt(i);
    if (isBlank(c) || isBreak(c)) i++;
    else if (c === 0x23) i = lineEndOf(text, i);
    else return i;
  }
}

/** Blank and comment lines before a block node. */
function skipBlockSpace(text: string, i: number): number {
  if (!isLineEnd(text, skipBlanks(text, i))) return skipBlanks(text, i);
  const next = nextContentLine(text, i);
  return next < 0 ? text.length : next;
}

function lineStart(text: string, i: number): number {
  return text.lastIndexOf('\n', i - 1) + 1;
}

function lineEndOf(text: string, i: number): number {
  const end = text.indexOf('\n', i);
  return end < 0 ? text.length : end;
}

/** The first character of the next line (after the line of `i`) that holds more than spaces and a comment, or -1. */
function nextContentLine(text: string, i: number): number {
  let end = lineEndOf(text, i);
  while (end < text.length) {
    const start = end + 1;
    let j = start;
    while (text.charCodeAt(j) === 0x20) j++;
    if (text.charCodeAt(j) === 0x09) throw new NotUnderstood('a tab in the indentation');
    if (!isLineEnd(text, j)) return j;
    end = lineEndOf(text, j);
  }
  return -1;
}
