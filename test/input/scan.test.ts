// The record scanner finds each person's record in the bytes of the file; a record parsed
// on its own must give the same data and the same positions as the whole file parsed at
// once (the slow way, with the yaml library), whatever the layout and wherever the chunks
// of the read fall.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSource } from '../../src/methodology/source.js';
import { readHeader, RecordReader } from '../../src/input/records.js';
import { openScanner, readRange, type InputFormat, type RecordSpan } from '../../src/input/scan.js';

const root = join(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'bagalau-scan-'));

function scan(file: string, format: InputFormat, chunk?: number) {
  const scanner = openScanner(file, format, chunk);
  const spans: RecordSpan[] = [];
  for (let found = scanner.next(); found; found = scanner.next()) spans.push(...found);
  const header = scanner.header();
  const texts = spans.map((s) => readRange(scanner.fd, s.start, s.end).toString('utf8'));
  scanner.close();
  return { spans, header, texts, unsupported: scanner.unsupported };
}

/** Every record read alone: its data and the positions of its keys and values equal the whole file's. */
function checkAgainstWholeFile(file: string, format: InputFormat, chunk?: number) {
  const whole = parseSource(file, readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
  const people = (whole.data as { people: unknown[] }).people;
  const { spans, header, texts } = scan(file, format, chunk);
  expect(spans.length, `${file} in chunks of ${chunk}`).toBe(people.length);
  const top = readHeader(file, format, header);
  expect(top.diagnostics).toEqual([]);
  const { people: _people, ...rest } = whole.data as Record<string, unknown>;
  expect({ ...top.data, people: undefined }).toEqual({ ...rest, people: undefined });
  const reader = new RecordReader(file, format, top.data!);
  spans.forEach((span, index) => {
    const record = reader.read(texts[index], span, index);
    expect(record.person ?? record.diagnostics).toEqual(people[index]);
    const origins = reader.origins(texts[index], span, index);
    const expected = [...whole.origins]
      .filter(([pointer]) => pointer === `/people/${index}` || pointer.startsWith(`/people/${index}/`))
      .map(([pointer, o]) => [pointer, { key: o.key, value: o.value }]);
    // A YAML item's own node starts after its "- ", where the whole file's does too.
    expect(new Map([...origins].filter(([pointer]) => pointer !== `/people/${index}` || format !== 'yaml'))).toEqual(
      new Map(expected.filter(([pointer]) => pointer !== `/people/${index}` || format !== 'yaml') as [string, object][]),
    );
  });
}

const example = readFileSync(join(root, 'examples/baiterek-akimat/evaluation-2026.yaml'), 'utf8');
const data = parseSource('x.yaml', example).data as { people: unknown[] } & Record<string, unknown>;

describe('JSON', () => {
  const tricky = {
    methodology: 'm',
    year: 2024,
    body: 'people: [ "{", "]" ] — 🙂 қазақша',
    people: [
      { id: 'A', name: 'a "quoted" name with \\ and { brackets } and [ more ]', positionCategory: 'C-O-5', appointedOn: '2020-01-01' },
      { id: 'B', name: 'Әбдірахманова 🙂 Гүлнәр', position: '\\"}]', positionCategory: 'C-O-5', appointedOn: '2020-01-01' },
      { id: 'C', name: 'c', positionCategory: 'C-O-5', appointedOn: '2020-01-01' },
    ],
    units: { u: { name: 'after the people' } },
  };
  const layouts: [string, string][] = [
    ['pretty', JSON.stringify(data, null, 2)],
    ['one line', JSON.stringify(data)],
    ['tricky, pretty', JSON.stringify(tricky, null, 3)],
    ['tricky, one line, CRLF and a byte-order mark', '\uFEFF' + JSON.stringify(tricky).replace(/,"people"/, ',\r\n"people"')],
  ];
  it.each(layouts)('%s', (name, text) => {
    const file = join(dir, `${name.replace(/\W+/g, '-')}.json`);
    writeFileSync(file, text);
    for (const chunk of [undefined, 1, 7, 64]) checkAgainstWholeFile(file, 'json', chunk);
  });

  it('an unfinished file is an unfinished last record and a header that does not close', () => {
    const file = join(dir, 'cut.json');
    writeFileSync(file, JSON.stringify(data).slice(0, 5000));
    const { spans, header } = scan(file, 'json');
    expect(spans.length).toBeGreaterThan(0);
    expect(readHeader(file, 'json', header).data).toBeUndefined();
  });
});

describe('YAML', () => {
  it('the examples, in chunks of any size', () => {
    for (const input of [
      'examples/baiterek-akimat/evaluation-2026.yaml',
      'examples/zhaiyq-akimat/evaluation-2025.yaml',
      'test/forms/fixtures/evaluation-2023.yaml',
    ]) {
      for (const chunk of [undefined, 3, 100]) checkAgainstWholeFile(join(root, input), 'yaml', chunk);
    }
  });

  it('items at the indentation of "people", comments between them, a block text with lines like items, keys after the people', () => {
    const file = join(dir, 'layout.yaml');
    writeFileSync(
      file,
      [
        '# a body',
        'methodology: m',
        'year: 2024',
        'people:  # everyone',
        '- id: A',
        '  name: Ә 🙂',
        '  positionCategory: C-O-5',
        '  appointedOn: 2020-01-01',
        '',
        '# between two people',
        '- id: B',
        '  name: |',
        '    - not an item',
        '    also text',
        '  positionCategory: C-O-5',
        '  appointedOn: 2020-01-01',
        'units:',
        '  u: { name: after }',
        '',
      ].join('\n'),
    );
    for (const chunk of [undefined, 5]) checkAgainstWholeFile(file, 'yaml', chunk);
    expect(scan(file, 'yaml').spans).toHaveLength(2);
  });

  it('a flow list of people is not cut (the file is read whole instead)', () => {
    const file = join(dir, 'flow.yaml');
    writeFileSync(file, 'methodology: m\nyear: 2024\npeople: [{ id: A }]\n');
    expect(scan(file, 'yaml').unsupported).toMatch(/block list/);
  });
});

describe('NDJSON', () => {
  it('a header line, then a person a line (blank lines and CRLF allowed), lines longer than a chunk', () => {
    const { people, ...header } = data;
    const file = join(dir, 'body.ndjson');
    writeFileSync(file, [JSON.stringify(header), ...people.map((p) => JSON.stringify(p)), ''].join('\r\n') + '\n');
    for (const chunk of [undefined, 10, 1000]) {
      const { spans, header: head, texts } = scan(file, 'ndjson', chunk);
      expect(spans).toHaveLength(people.length);
      expect(readHeader(file, 'ndjson', head).data).toEqual({ ...header, people: [] });
      expect(texts.map((t) => JSON.parse(t))).toEqual(people);
      expect(spans.map((s) => s.line)).toEqual(people.map((_, k) => k + 2));
    }
  });
});
