// The results file `bagalau evaluate --out` writes, and the reader that turns any of its
// forms back into the in-memory EvaluationResult (src/engine/results.generated.ts).
//
// Three forms (docs/results-file.md):
//   - json (the default, "bagalau-results/2"): one JSON document; the header lines first
//     (format, methodology, body, year, problems, methodologies), then `texts`, the texts
//     that recur (clauses, rule notes, deadline titles and steps, band labels…), one a line,
//     then `people`, one person a line. Inside people, a string "@<n>" stands for texts[n]
//     and a string that itself begins with "@" is written with one more "@" before it.
//   - ndjson: the same header, texts included, as the first line; then one person a line.
//   - expanded: the file as bagalau wrote it before 2026-12 (JSON.stringify(result, null, 2)),
//     every text written out in full. `--json` prints this form unless --format says otherwise.
import { closeSync, openSync, readSync } from 'node:fs';
import type { EvaluationResult, PersonResult } from '../engine/index.js';

export const RESULTS_FORMAT = 'bagalau-results/2';

export type ResultsForm = 'json' | 'ndjson' | 'expanded';

/** The top of a results file: everything but the people (`people` may be present, undefined, to keep its place among the keys). */
export type ResultsTop = Omit<EvaluationResult, 'people'> & { people?: undefined };

/** A text worth a place in the dictionary: a sentence (it has a space), not an id or a value. */
const isText = (s: string) => s.length >= 12 && s.includes(' ');

/**
 * The texts of `people` that recur (at least twice), in the order they first appear.
 * bagalau builds the dictionary from the first people of the file, so it is written before
 * any person; a text first seen later is written out where it is used.
 */
export function collectTexts(people: readonly PersonResult[]): string[] {
  const seen = new Map<string, number>();
  const visit = (node: unknown): void => {
    if (typeof node === 'string') {
      if (isText(node)) seen.set(node, (seen.get(node) ?? 0) + 1);
    } else if (Array.isArray(node)) {
      for (const item of node) visit(item);
    } else if (node !== null && typeof node === 'object') {
      for (const key of Object.keys(node)) visit((node as Record<string, unknown>)[key]);
    }
  };
  for (const person of people) visit(person);
  return [...seen].filter(([, count]) => count >= 2).map(([text]) => text);
}

/** Strings that JSON writes as they are, between quotes. */
// eslint-disable-next-line no-control-regex -- the controls JSON escapes are the point
const PLAIN = /^[^"\\\u0000-\u001f\u2028\u2029\ud800-\udfff]*$/;

/**
 * Bytes written one after the other into a buffer that grows. JSON is written here byte by
 * byte, not built as a JavaScript string first: for a result of 9 KB that is a third of the
 * time (no string of a person to assemble, flatten and encode again).
 */
export class ByteSink {
  buffer: Buffer = Buffer.allocUnsafeSlow(1 << 16);
  length = 0;

  private grow(extra: number): void {
    const bigger = Buffer.allocUnsafeSlow(Math.max(this.buffer.length * 2, this.length + extra + 1024));
    this.buffer.copy(bigger, 0, 0, this.length);
    this.buffer = bigger;
  }

  bytes(bytes: Uint8Array): void {
    const n = bytes.length;
    if (this.length + n > this.buffer.length) this.grow(n);
    const buffer = this.buffer;
    let at = this.length;
    if (n < 32) for (let i = 0; i < n; i++) buffer[at++] = bytes[i];
    else {
      buffer.set(bytes, at);
      at += n;
    }
    this.length = at;
  }

  /** A text, as UTF-8. */
  text(text: string): void {
    const n = text.length;
    if (this.length + 3 * n > this.buffer.length) this.grow(3 * n);
    if (n > 48) {
      this.length += this.buffer.write(text, this.length);
      return;
    }
    const buffer = this.buffer;
    let at = this.length;
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c < 0x80) buffer[at++] = c;
      else if (c < 0x800) {
        buffer[at++] = 0xc0 | (c >> 6);
        buffer[at++] = 0x80 | (c & 63);
      } else if (c >= 0xd800 && c < 0xdc00 && i + 1 < n && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
        const p = 0x10000 + ((c - 0xd800) << 10) + (text.charCodeAt(++i) - 0xdc00);
        buffer[at++] = 0xf0 | (p >> 18);
        buffer[at++] = 0x80 | ((p >> 12) & 63);
        buffer[at++] = 0x80 | ((p >> 6) & 63);
        buffer[at++] = 0x80 | (p & 63);
      } else if (c >= 0xd800 && c < 0xe000) {
        buffer[at++] = 0xef;
        buffer[at++] = 0xbf;
        buffer[at++] = 0xbd;
      } // a lone surrogate, as Buffer.write writes it
      else {
        buffer[at++] = 0xe0 | (c >> 12);
        buffer[at++] = 0x80 | ((c >> 6) & 63);
        buffer[at++] = 0x80 | (c & 63);
      }
    }
    this.length = at;
  }

  byte(c: number): void {
    if (this.length + 1 > this.buffer.length) this.grow(1);
    this.buffer[this.length++] = c;
  }

  toString(): string {
    return this.buffer.toString('utf8', 0, this.length);
  }
}

const COMMA = 0x2c;
const NULL = Buffer.from('null');
const TRUE = Buffer.from('true');
const FALSE = Buffer.from('false');
const EMPTY_LIST = Buffer.from('[]');

/** Writes people with their recurring texts replaced by references to the dictionary. */
export class TextDictionary {
  /** The JSON of a string as written: a reference to the dictionary, or the string itself (ids, statuses, dates… recur too, up to a bound). */
  private readonly written = new Map<string, Uint8Array>();
  private readonly keys = new Map<string, Uint8Array>();
  private readonly numbers = new Map<number, Uint8Array>();
  private remembered = 0;

  constructor(readonly texts: readonly string[]) {
    texts.forEach((text, n) => this.written.set(text, Buffer.from(`"@${n}"`)));
  }

  private string(s: string, out: ByteSink): void {
    const known = this.written.get(s);
    if (known !== undefined) {
      out.bytes(known);
      return;
    }
    const text = s.charCodeAt(0) === 64 /* @ */ ? '@' + s : s;
    const literal = PLAIN.test(text) ? '"' + text + '"' : JSON.stringify(text);
    if (this.remembered < 50_000) {
      this.remembered++;
      const bytes = Buffer.from(literal);
      this.written.set(s, bytes);
      out.bytes(bytes);
    } else out.text(literal);
  }

  private number(n: number, out: ByteSink): void {
    let bytes = this.numbers.get(n);
    if (bytes === undefined) {
      bytes = Buffer.from(Number.isFinite(n) ? '' + n : 'null');
      if (this.numbers.size < 50_000) this.numbers.set(n, bytes);
    }
    out.bytes(bytes);
  }

  /**
   * The JSON of `value` with every string encoded, byte for byte what JSON.stringify would
   * write for the encoded value (own enumerable keys in order; undefined, functions and
   * symbols left out of objects and written null in lists). The engine shares objects
   * between people, so they are read, never changed.
   */
  private json(value: unknown, out: ByteSink): void {
    switch (typeof value) {
      case 'string':
        this.string(value, out);
        return;
      case 'number':
        this.number(value, out);
        return;
      case 'boolean':
        out.bytes(value ? TRUE : FALSE);
        return;
      case 'object': {
        if (value === null) {
          out.bytes(NULL);
          return;
        }
        if (Array.isArray(value)) {
          const length = value.length;
          if (length === 0) {
            out.bytes(EMPTY_LIST);
            return;
          }
          out.byte(0x5b);
          for (let i = 0; i < length; i++) {
            if (i) out.byte(COMMA);
            const item = value[i];
            if (item === undefined || typeof item === 'function' || typeof item === 'symbol') out.bytes(NULL);
            else this.json(item, out);
          }
          out.byte(0x5d);
          return;
        }
        out.byte(0x7b);
        let first = true;
        for (const key in value) {
          if (!Object.hasOwn(value, key)) continue;
          const item = (value as Record<string, unknown>)[key];
          if (item === undefined || typeof item === 'function' || typeof item === 'symbol') continue;
          let written = this.keys.get(key);
          if (written === undefined) this.keys.set(key, (written = Buffer.from(JSON.stringify(key) + ':')));
          if (!first) out.byte(COMMA);
          out.bytes(written);
          this.json(item, out);
          first = false;
        }
        out.byte(0x7d);
        return;
      }
      case 'bigint':
        throw new TypeError('Do not know how to serialize a BigInt');
      default:
        out.bytes(NULL);
    }
  }

  /** One person as one line of JSON, written into `out`. */
  write(person: PersonResult, out: ByteSink): void {
    this.json(person, out);
  }

  /** One person as one line of JSON. */
  person(person: PersonResult): string {
    const out = new ByteSink();
    this.json(person, out);
    return out.toString();
  }
}

/** Decodes the strings of a person read from a json or ndjson results file, in place. */
export function decodePerson(person: unknown, texts: readonly string[]): PersonResult {
  const decode = (s: string): string => {
    if (s.charCodeAt(0) !== 64) return s;
    if (s.charCodeAt(1) === 64) return s.slice(1);
    const text = /^@\d+$/.test(s) ? texts[Number(s.slice(1))] : undefined;
    return text ?? s;
  };
  const visit = (node: unknown): unknown => {
    if (typeof node === 'string') return decode(node);
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) node[i] = visit(node[i]);
    } else if (node !== null && typeof node === 'object') {
      for (const key of Object.keys(node)) (node as Record<string, unknown>)[key] = visit((node as Record<string, unknown>)[key]);
    }
    return node;
  };
  return visit(person) as PersonResult;
}

/** The lines of a json results file before its first person (ending with `"people":[`). */
export function compactHead(top: ResultsTop, texts: readonly string[]): string {
  const lines = [`{"format":${JSON.stringify(RESULTS_FORMAT)}`];
  for (const [key, value] of Object.entries(top)) if (value !== undefined) lines.push(`${JSON.stringify(key)}:${JSON.stringify(value)}`);
  lines.push(`"texts":[${texts.length ? '\n' + texts.map((t) => JSON.stringify(t)).join(',\n') + '\n' : ''}]`);
  lines.push('"people":[');
  return lines.join(',\n');
}

/** What follows the people in a json results file; `any` says whether a person was written. */
export function compactTail(any: boolean): string {
  return any ? '\n]}\n' : ']}\n';
}

/** The first line of an ndjson results file. */
export function ndjsonHead(top: ResultsTop, texts: readonly string[]): string {
  return JSON.stringify({ format: RESULTS_FORMAT, ...top, texts }) + '\n';
}

/** The expanded form around its people: [before, after]; people go between, `expandedPerson` each, joined by ",\n". */
export function expandedFrame(top: ResultsTop): [string, string] {
  const marker = '\u0000people\u0000';
  const whole = JSON.stringify({ ...top, people: [marker] }, null, 2);
  const at = whole.indexOf(JSON.stringify(marker));
  const open = whole.lastIndexOf('[', at);
  const close = whole.indexOf(']', at);
  return [whole.slice(0, open + 1), whole.slice(close) + '\n'];
}

/** One person of the expanded form (two levels in, as JSON.stringify(result, null, 2) writes it). */
export function expandedPerson(person: PersonResult): string {
  return '    ' + JSON.stringify(person, null, 2).replace(/\n/g, '\n    ');
}

/** Between the frame's [before, after]: the people, or nothing. */
export function expandedPeople(people: string[], first: boolean): string {
  return people.length === 0 ? '' : (first ? '\n' : ',\n') + people.join(',\n');
}

/** Lines of a file, read a chunk at a time (a results file may be larger than a string can hold). */
function* lines(path: string): Generator<string> {
  const fd = openSync(path, 'r');
  try {
    const chunk = Buffer.allocUnsafe(1 << 22);
    let carry: Buffer<ArrayBufferLike> = Buffer.alloc(0);
    for (;;) {
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      let data: Buffer<ArrayBufferLike> = carry.length ? Buffer.concat([carry, chunk.subarray(0, n)]) : chunk.subarray(0, n);
      let from = 0;
      for (let nl = data.indexOf(10, from); nl >= 0; nl = data.indexOf(10, from)) {
        yield data.toString('utf8', from, nl);
        from = nl + 1;
      }
      carry = Buffer.from(data.subarray(from));
      data = carry;
    }
    if (carry.length) yield carry.toString('utf8');
  } finally {
    closeSync(fd);
  }
}

export interface ResultsStream {
  top: ResultsTop;
  people: Iterable<PersonResult>;
}

/**
 * A results file of any form, its people read one at a time (for files of any size; the
 * expanded form is read whole). Throws when the file is not a results file.
 */
export function openResultsFile(path: string): ResultsStream {
  const iterator = lines(path);
  const first = iterator.next();
  if (first.done) throw new Error(`${path} is empty`);
  const line = first.value.replace(/^\uFEFF/, '');
  if (line.startsWith(`{"format":${JSON.stringify(RESULTS_FORMAT)}`) && line.endsWith('}')) {
    // ndjson: the header line, then one person a line.
    const { format: _format, texts, ...top } = JSON.parse(line) as Omit<EvaluationResult, 'people'> & { format: string; texts: string[] };
    return {
      top,
      people: (function* () {
        for (let next = iterator.next(); !next.done; next = iterator.next())
          if (next.value.trim()) yield decodePerson(JSON.parse(next.value), texts);
      })(),
    };
  }
  if (line.startsWith(`{"format":${JSON.stringify(RESULTS_FORMAT)}`)) {
    const head: string[] = [line];
    let next = iterator.next();
    while (!next.done && next.value !== '"people":[' && next.value !== '"people":[]}') {
      head.push(next.value);
      next = iterator.next();
    }
    const {
      format: _format,
      texts,
      ...top
    } = JSON.parse(head.join('\n') + '\n"people":[]}') as Omit<EvaluationResult, 'people'> & {
      format: string;
      texts: string[];
      people?: unknown;
    };
    delete top.people;
    const done = next.done || next.value === '"people":[]}';
    return {
      top: top as ResultsTop,
      people: (function* () {
        if (done) return;
        for (let row = iterator.next(); !row.done; row = iterator.next()) {
          const text = row.value.endsWith(',') ? row.value.slice(0, -1) : row.value;
          if (text === ']}' || text === '') continue;
          yield decodePerson(JSON.parse(text), texts);
        }
      })(),
    };
  }
  // Any other JSON (the expanded form, or a file written by another tool): read whole.
  const rest: string[] = [line];
  for (let next = iterator.next(); !next.done; next = iterator.next()) rest.push(next.value);
  const whole = JSON.parse(rest.join('\n')) as EvaluationResult & { format?: string; texts?: string[] };
  const { people, texts, format: _format, ...top } = whole;
  if (!Array.isArray(people)) throw new Error(`${path} is not a results file of bagalau (it has no "people" list)`);
  return { top, people: texts ? people.map((p) => decodePerson(p, texts)) : people };
}

/** Reads a results file of any form (json, ndjson or expanded) into the in-memory shape. */
export function readResultsFile(path: string): EvaluationResult {
  const { top, people } = openResultsFile(path);
  const all = [...people];
  // The key order of the engine's result, so the object serialises as `evaluate --json` prints it.
  const { methodology, body, year, problems, methodologies, ...other } = top;
  const result: EvaluationResult = { methodology, body, year, people: all, problems, ...other };
  if (body === undefined) delete result.body;
  if (methodologies !== undefined) result.methodologies = methodologies;
  return result;
}

/** A whole result (a workbook's, evaluated at once) as a results file in `form`, read back by `readResultsFile` as it was. */
export function resultsFileText(result: EvaluationResult, form: ResultsForm): string {
  if (form === 'expanded') return JSON.stringify(result, null, 2) + '\n';
  const { people, ...top } = result;
  const texts = collectTexts(people);
  const dictionary = new TextDictionary(texts);
  if (form === 'ndjson') return ndjsonHead(top, texts) + people.map((p) => dictionary.person(p) + '\n').join('');
  return (
    compactHead(top, texts) + people.map((p, k) => (k ? ',\n' : '\n') + dictionary.person(p)).join('') + compactTail(people.length > 0)
  );
}
