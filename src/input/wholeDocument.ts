// A YAML input whose people are not a block list (a flow list "people: [ … ]", a quoted
// key, several documents…) is read whole, with the `yaml` library, and its people's
// records are the list's items: the rest of the pipeline is the same. Such files are
// written by hand and small; above 256 MiB they are refused with the layout to use.
import { closeSync, fstatSync, openSync, readFileSync } from 'node:fs';
import type { Node } from 'yaml';
import { yamlLibrary } from '../methodology/source.js';
import type { HeaderText, RecordScanner, RecordSpan } from './scan.js';

const MAX_WHOLE_BYTES = 256 << 20;

export function wholeDocumentScanner(file: string): RecordScanner {
  const fd = openSync(file, 'r');
  const size = fstatSync(fd).size;
  if (size > MAX_WHOLE_BYTES) {
    closeSync(fd);
    throw new Error(
      `${file} is ${(size / 2 ** 20).toFixed(0)} MiB and its people are not written as a block list; write "people:" on a line of its own and each person as "  - id: …" (or use JSON or NDJSON)`,
    );
  }
  const text = readFileSync(file, 'utf8');
  const { LineCounter, parseDocument, isMap, isSeq } = yamlLibrary();
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, schema: 'core', uniqueKeys: true, prettyErrors: false, merge: false });
  const people = doc.errors.length === 0 && isMap(doc.contents) ? (doc.contents.get('people', true) as Node | undefined) : undefined;
  let header: HeaderText = { text, cutLine: Infinity, cutCol: 0, resumeLine: 0, resumeCol: 0 };
  const spans: RecordSpan[] = [];
  if (people && isSeq(people) && people.range) {
    const [start, end] = people.range;
    const cut = lineCounter.linePos(start);
    const resume = lineCounter.linePos(end);
    header = {
      text: text.slice(0, start) + '[]' + text.slice(end),
      cutLine: cut.line,
      cutCol: cut.col,
      resumeLine: resume.line,
      resumeCol: resume.col - 2,
    };
    let chars = 0;
    let bytes = 0;
    const byteAt = (offset: number) => {
      bytes += Buffer.byteLength(text.slice(chars, offset));
      chars = offset;
      return bytes;
    };
    for (const item of people.items as Node[]) {
      if (!item?.range) continue;
      const { line, col } = lineCounter.linePos(item.range[0]);
      spans.push({ start: byteAt(item.range[0]), end: byteAt(item.range[1]), line, col });
    }
  }
  let given = false;
  return {
    format: 'yaml',
    size,
    fd,
    scanned: size,
    next: () => {
      if (given) return undefined;
      given = true;
      return spans;
    },
    header: () => header,
    close: () => closeSync(fd),
  };
}
