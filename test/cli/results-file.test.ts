// The compact results file: what the writer encodes, the reader gives back, for any text
// (property tests with fast-check), and the hand-written JSON is JSON.stringify's.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PersonResult } from '../../src/engine/index.js';
import {
  TextDictionary,
  collectTexts,
  compactHead,
  compactTail,
  decodePerson,
  ndjsonHead,
  readResultsFile,
  type ResultsTop,
} from '../../src/cli/resultsFile.js';

/** JSON values of the kinds results hold, with texts that often repeat and sometimes begin with "@". */
const text = fc.oneof(
  fc.string(),
  fc.constantFrom(
    '@',
    '@@',
    '@12',
    '@x y',
    'a sentence that recurs often',
    'another sentence that recurs',
    'line\nbreak "quoted" \\ slash',
    '\u2028 separator',
    'lone \ud800 surrogate',
    'Тоқсан қорытындысы бойынша бағалау',
  ),
);
const value: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    text,
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    tie('array'),
    tie('object'),
  ),
  array: fc.array(tie('value'), { maxLength: 4 }),
  object: fc.dictionary(fc.oneof(fc.string(), fc.constantFrom('title', 'clause', 'note', '0', '10')), tie('value'), { maxKeys: 5 }),
})).value;

const person = (body: unknown) =>
  ({ id: 'P1', name: 'Person', positionCategory: 'C-O-5', results: [], problems: [], body }) as unknown as PersonResult;

describe('the compact results form', () => {
  it('writes what JSON.stringify writes once the strings are encoded, and reads back the same value', () => {
    fc.assert(
      fc.property(fc.array(value, { minLength: 1, maxLength: 6 }), (bodies) => {
        const people = bodies.map(person);
        const texts = collectTexts(people);
        const dictionary = new TextDictionary(texts);
        for (const p of people) {
          const line = dictionary.person(p);
          const plain = JSON.parse(JSON.stringify(p));
          expect(decodePerson(JSON.parse(line), texts)).toEqual(plain);
          const encode = (v: unknown): unknown =>
            typeof v === 'string'
              ? texts.includes(v)
                ? `@${texts.indexOf(v)}`
                : v.startsWith('@')
                  ? '@' + v
                  : v
              : Array.isArray(v)
                ? v.map(encode)
                : v && typeof v === 'object'
                  ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, encode(x)]))
                  : v;
          expect(line).toBe(JSON.stringify(encode(plain)));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('leaves out undefined like JSON.stringify, and keeps the order of keys (integer-like keys first)', () => {
    const p = person({ b: 1, 2: 'two', a: undefined, list: [undefined, 1], '1': 'one', fn: () => 1 });
    expect(new TextDictionary([]).person(p)).toBe(JSON.stringify(p));
  });

  it('reads the json, ndjson and expanded files into the same result', () => {
    const dir = mkdtempSync(join(tmpdir(), 'results-file-'));
    const people = [person({ note: 'a sentence that recurs often' }), person({ note: 'a sentence that recurs often', at: '@home' })];
    const top: ResultsTop = { methodology: { id: 'm', title: 'M' }, year: 2026, problems: [] };
    const texts = collectTexts(people);
    expect(texts).toEqual(['a sentence that recurs often']);
    const dictionary = new TextDictionary(texts);
    const expected = { methodology: top.methodology, year: 2026, people: JSON.parse(JSON.stringify(people)), problems: [] };
    writeFileSync(
      join(dir, 'results.json'),
      compactHead(top, texts) + people.map((p, k) => (k ? ',\n' : '\n') + dictionary.person(p)).join('') + compactTail(true),
    );
    writeFileSync(join(dir, 'results.ndjson'), ndjsonHead(top, texts) + people.map((p) => dictionary.person(p) + '\n').join(''));
    writeFileSync(join(dir, 'expanded.json'), JSON.stringify(expected, null, 2) + '\n');
    writeFileSync(join(dir, 'empty.json'), compactHead(top, []) + compactTail(false));
    for (const name of ['results.json', 'results.ndjson', 'expanded.json']) {
      const read = readResultsFile(join(dir, name));
      expect(read, name).toEqual(expected);
      expect(JSON.stringify(read, null, 2)).toBe(JSON.stringify(expected, null, 2));
    }
    expect(readResultsFile(join(dir, 'empty.json'))).toEqual({ ...expected, people: [] });
  });
});
