import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findMixedScriptWords, foreignLetters } from '../../src/text/mixedScript.js';

const sources = join(import.meta.dirname, '../../sources');
const words = (text: string) => findMixedScriptWords(text).map((w) => w.word);

describe('mixed-script detector', () => {
  it('finds the OCR defects of the Almaty text', () => {
    const found = new Set(words(readFileSync(join(sources, 'almaty-akimat-2023.kk.txt'), 'utf8')));
    for (const defect of ['құзыret', 'тәртіpte', 'тaraу', 'инtranet']) expect(found).toContain(defect);
  });

  it('finds the OCR defects of the Enbekshikazakh text', () => {
    const found = new Set(words(readFileSync(join(sources, 'enbekshikazakh-maslikhat-2023.kk.txt'), 'utf8')));
    for (const defect of ['тәртіpte', 'тaraу']) expect(found).toContain(defect);
  });

  it('treats "р/p" (Cyrillic er, slash, Latin p) as one mixed word', () => {
    expect(words('№ р/p')).toEqual(['р/p']);
  });

  it('flags a stray Arabic letter inside a Kazakh word', () => {
    expect(findMixedScriptWords('үмтىлышты')[0].scripts).toEqual(['Cyrillic', 'other']);
  });

  it('leaves clean Kazakh, Latin position categories and numbers alone', () => {
    expect(words('D-3, D-O-1, E-1, E-2 санаттарының "Б" корпусы 3-тармақ НМИ-ды 2023 жылғы')).toEqual([]);
  });

  it('reports the offending letters', () => {
    expect(foreignLetters('құзыret')).toBe('ret');
  });

  it('never flags a word written in one script (property)', () => {
    const cyrillic = fc.string({ unit: fc.constantFrom(...'абвгдеәғқңөұүһіжзийклмнопрстуфхцчшщъыьэюя'), minLength: 1 });
    const latin = fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz'), minLength: 1 });
    fc.assert(fc.property(fc.array(fc.oneof(cyrillic, latin)), (parts) => words(parts.join(' ')).length === 0));
  });

  it('always flags a Cyrillic word with a Latin letter inside (property)', () => {
    const cyrillic = fc.string({ unit: fc.constantFrom(...'абвгдеәғқңөұүһі'), minLength: 1 });
    const latin = fc.constantFrom(...'aeopcxyiABCEHKMOPTX');
    fc.assert(fc.property(cyrillic, latin, cyrillic, (a, l, b) => words(`${a}${l}${b}`).length === 1));
  });
});
