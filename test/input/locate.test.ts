// A problem of a record is placed by walking the record's text to the one key it is about
// (src/input/locate.ts), not by parsing the record again with the `yaml` library. Whatever
// the layout, the walk must give every key and value the position the `yaml` library gives
// when it reads the whole file; what the walk does not follow goes to that library.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { parseSource } from '../../src/methodology/source.js';
import { readHeader, RecordReader } from '../../src/input/records.js';
import { openScanner, readRange, type InputFormat, type RecordSpan } from '../../src/input/scan.js';
import { findDuplicateKey } from '../../src/input/locate.js';

const root = join(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'bagalau-locate-'));

function records(file: string, format: InputFormat, chunk?: number) {
  const scanner = openScanner(file, format, chunk);
  const spans: RecordSpan[] = [];
  for (let found = scanner.next(); found; found = scanner.next()) spans.push(...found);
  const header = readHeader(file, format, scanner.header());
  const texts = spans.map((s) => readRange(scanner.fd, s.start, s.end).toString('utf8'));
  scanner.close();
  expect(header.diagnostics).toEqual([]);
  return { spans, texts, reader: new RecordReader(file, format, header.data!) };
}

/**
 * Every key and value of every record, found by the walk, is where the whole file parsed by
 * the `yaml` library has it; a path that is not written is not found. Returns how many
 * records the walk left to the `yaml` library.
 */
function checkEveryPosition(file: string, format: InputFormat, whole: ReturnType<typeof parseSource>, chunk?: number): number {
  const { spans, texts, reader } = records(file, format, chunk);
  const slow = vi.spyOn(reader, 'origins');
  let fellBack = 0;
  spans.forEach((span, index) => {
    slow.mockClear();
    const places = reader.places(texts[index], span, index);
    const expected = [...whole.origins].filter(([pointer]) => pointer === `/people/${index}` || pointer.startsWith(`/people/${index}/`));
    expect(expected.length, `${file}: the positions of person ${index}`).toBeGreaterThan(1);
    // A YAML item's own node: the whole file and the walk both start it after its "- ".
    const found = expected.map(([pointer]) => `${pointer} ${JSON.stringify(places.get(pointer))}`);
    expect(found, file).toEqual(expected.map(([pointer, o]) => `${pointer} ${JSON.stringify({ key: o.key, value: o.value })}`));
    expect(places.get(`/people/${index}/not-written`)).toBeUndefined();
    expect(places.get(`/people/${index}/quarters/Q9/x`)).toBeUndefined();
    expect(places.get(`/people/${index + 1}`)).toBeUndefined();
    if (slow.mock.calls.length > 0) fellBack++;
  });
  return fellBack;
}

function checkFile(name: string, format: InputFormat, text: string, chunk?: number): number {
  const file = join(dir, name);
  writeFileSync(file, text);
  const whole = format === 'ndjson' ? ndjsonAsWhole(file, text) : parseSource(file, text.replace(/^\uFEFF/, ''));
  expect(whole.diagnostics).toEqual([]);
  return checkEveryPosition(file, format, whole, chunk);
}

/** NDJSON is not one document: its lines, each parsed by the `yaml` library, placed at their line. */
function ndjsonAsWhole(file: string, text: string): ReturnType<typeof parseSource> {
  const origins = new Map();
  const lines = text.split('\n');
  let index = -1;
  lines.forEach((line, k) => {
    if (!line.trim()) return;
    if (index++ < 0) return;
    for (const [pointer, o] of parseSource(file, line.replace(/\r$/, '')).origins) {
      const move = (at?: { line: number; col: number }) => at && { file, line: k + 1, col: at.col };
      origins.set(`/people/${index - 1}${pointer}`, { key: move(o.key), value: move(o.value) });
    }
  });
  return { file, text, data: undefined, origins, diagnostics: [] };
}

const exampleFiles = [
  'examples/baiterek-akimat/evaluation-2026.yaml',
  'examples/zhaiyq-akimat/evaluation-2025.yaml',
  'examples/zhaiyq-akimat/evaluation-2026.yaml',
];

describe('the walk finds what the yaml library finds', () => {
  it.each(exampleFiles)('%s as YAML, JSON (pretty with CRLF, one line) and NDJSON, with no fallback', (example) => {
    const text = readFileSync(join(root, example), 'utf8');
    const data = parseSource(example, text).data as { people: unknown[] } & Record<string, unknown>;
    const { people, ...header } = data;
    expect(checkFile('example.yaml', 'yaml', text)).toBe(0);
    expect(checkFile('example-crlf.yaml', 'yaml', text.replace(/\n/g, '\r\n'), 97)).toBe(0);
    expect(checkFile('crlf.json', 'json', JSON.stringify(data, null, 3).replace(/\n/g, '\r\n'), 101)).toBe(0);
    expect(checkFile('line.json', 'json', JSON.stringify(data))).toBe(0);
    expect(checkFile('people.ndjson', 'ndjson', [header, ...people].map((p) => JSON.stringify(p)).join('\r\n') + '\r\n')).toBe(0);
  });

  it('YAML written every way a person may write it', () => {
    const text = [
      '# a comment',
      'methodology: m',
      'year: 2026',
      'people:',
      '- id: "A-1"',
      "  'name': 'Әбдірахманова ''Гүлнәр'' 🙂'",
      "  position: O'Brien # a comment after a value",
      '  positionCategory: C-O-5',
      '  appointedOn: 2020-01-01',
      '  quarters:',
      '    # a comment before the block',
      '    Q1:',
      '      differentiation: {',
      '        scores: { quality: 4, "deadlines": 5,',
      '          independence: 3, discipline: 4 },',
      '        justification: "жақсы: \\"өте\\" жақсы", evaluator: Ә. Б. }',
      '    Q2:',
      '      quarterly:',
      '        sheets:',
      '        - role: directManager',
      '          scores: [1, 2, { a: b }]',
      '          justifications:',
      '            quality: |',
      '              a block text',
      '              quality: not a key',
      '        -',
      '          role: unitHead',
      '          note: >-',
      '            folded',
      '- id: B',
      '  name: Б',
      '  positionCategory: C-O-5',
      '  appointedOn: 2020-01-01',
      '  list:',
      '  - - 1',
      '    - 2',
      '  - x',
      '',
    ].join('\n');
    expect(checkFile('every-way.yaml', 'yaml', text)).toBe(0);
    expect(checkFile('every-way-crlf.yaml', 'yaml', text.replace(/\n/g, '\r\n'), 13)).toBe(0);
  });

  it('what the walk does not follow goes to the yaml library, with the same positions', () => {
    const text = [
      'methodology: m',
      'year: 2026',
      'people:',
      '  - id: A',
      '    name: &n Аты',
      '    alias: *n',
      '    positionCategory: C-O-5',
      '    appointedOn: 2020-01-01',
      '    2026: a year as a key',
      '  - id: B',
      '    name: "a quoted',
      '      text over two lines"',
      '    empty:',
      '    positionCategory: C-O-5',
      '',
    ].join('\n');
    expect(checkFile('fallback.yaml', 'yaml', text)).toBe(2);
  });
});

describe('a record deep in a large file', () => {
  it('Cyrillic before the record and on its lines, CRLF, past the first chunks: the positions of the whole file', () => {
    const person = (k: number) => ({
      id: `П-${k}`,
      name: `Әбдірахманова Гүлнәр ${k} 🙂`,
      positionCategory: 'C-O-5',
      appointedOn: '2020-01-01',
      quarters: { Q1: { differentiation: { scores: { quality: 4, deadlines: 5 }, justification: 'Міндеттерін уақтылы орындайды' } } },
    });
    const people = Array.from({ length: 400 }, (_, k) => person(k));
    const json = JSON.stringify({ methodology: 'm', year: 2026, body: 'Жайық ауданының әкімдігі', people }, null, 1).replace(/\n/g, '\r\n');
    const yaml = [
      'methodology: m',
      'year: 2026',
      'body: Жайық ауданының әкімдігі',
      'people:',
      ...people.flatMap((p) => [
        `  - id: ${p.id}`,
        `    name: ${p.name}`,
        '    positionCategory: C-O-5',
        '    appointedOn: 2020-01-01',
        `    quarters: { Q1: { differentiation: { scores: { quality: 4, deadlines: 5 }, justification: ${p.quarters.Q1.differentiation.justification} } } }`,
      ]),
      '',
    ]
      .join('\r\n')
      .replace(/^/, '\uFEFF');
    // Chunks of 4 KiB: the last records are read in the fortieth chunk and later.
    expect(checkFile('deep.json', 'json', json, 4096)).toBe(0);
    expect(checkFile('deep.yaml', 'yaml', yaml, 4096)).toBe(0);
  });
});

describe('a key written twice', () => {
  it('is found where it is written the second time, in the object it is written twice in', () => {
    const text = '{"a": {"b": 1, "c": "x:y"}, "d": [{"b": 1}, {"b": 2, "e": "\\"b\\":", "b": 3}]}';
    expect(findDuplicateKey(text)).toBe(text.lastIndexOf('"b"'));
    expect(findDuplicateKey('{"a": {"b": 1}, "b": {"a": 2}, "c": "\\"c\\": 1"}')).toBe(-1);
  });
});
