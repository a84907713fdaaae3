// What people type into cells, read as meant or refused with a reason.
import { describe, expect, it } from 'vitest';
import {
  cellAddress,
  columnLetters,
  decimalsOf,
  isBlank,
  parseBoolean,
  parseDate,
  parseNumber,
  parseText,
  serialToIso,
} from '../../src/excel/cells.js';

describe('numbers', () => {
  it.each([
    [4, 4],
    [4.25, 4.25],
    ['4,5', 4.5],
    ['4.5', 4.5],
    [' 4 ', 4],
    ['1 200', 1200],
    ['1\u00a0200,5', 1200.5],
    ['-3', -3],
    [0.1 + 0.2, 0.3],
    [{ formula: 'A1+1', result: 5 }, 5],
    [{ richText: [{ text: '4' }, { text: ',75' }] }, 4.75],
  ])('%j → %j', (raw, value) => {
    expect(parseNumber(raw as never)).toEqual({ ok: true, value });
  });

  it.each(['abc', '4.5.1', '1,234.5', '4,5,6', '', { error: '#DIV/0!' }])('%j is refused', (raw) => {
    expect(parseNumber(raw as never).ok).toBe(false);
  });

  it('counts decimals as written', () => {
    expect(decimalsOf(4.25)).toBe(2);
    expect(decimalsOf(4.333)).toBe(3);
    expect(decimalsOf(5)).toBe(0);
  });
});

describe('dates', () => {
  it.each([
    [new Date(Date.UTC(2026, 3, 10)), '2026-04-10'],
    ['2026-04-10', '2026-04-10'],
    ['10.04.2026', '2026-04-10'],
    ['1.4.2026', '2026-04-01'],
    ['10/04/2026', '2026-04-10'],
    ['10-04-2026', '2026-04-10'],
    ['10.04.2026 ж.', '2026-04-10'],
    ['10.04.2026 г.', '2026-04-10'],
    [46122, '2026-04-10'],
  ])('%j → %s', (raw, value) => {
    expect(parseDate(raw as never)).toEqual({ ok: true, value });
  });

  it.each([
    ['31.04.2026', 'is not a day of the calendar'],
    ['29.02.2025', 'is not a day of the calendar'],
    ['10.04.26', 'two-digit year'],
    ['апрель', 'is not a date'],
    ['2026-13-01', 'is not a day'],
  ])('%s is refused: %s', (raw, problem) => {
    const parsed = parseDate(raw);
    expect(parsed.ok).toBe(false);
    expect((parsed as { problem: string }).problem).toContain(problem);
  });

  it('counts serial days in the 1904 system too', () => {
    expect(serialToIso(46122)).toBe('2026-04-10');
    expect(serialToIso(46122 - 1462, true)).toBe('2026-04-10');
  });
});

describe('text, yes/no and blanks', () => {
  it('reads text as shown', () => {
    expect(parseText('  Ахметов\u00a0Серік  ')).toEqual({ ok: true, value: 'Ахметов Серік' });
    expect(parseText(2024)).toEqual({ ok: true, value: '2024' });
    expect(parseText({ text: 'link', hyperlink: 'http://x' })).toEqual({ ok: true, value: 'link' });
  });

  it.each([
    ['иә', true],
    ['жоқ', false],
    ['Да', true],
    ['нет', false],
    [true, true],
    [0, false],
  ])('%j → %j', (raw, value) => {
    expect(parseBoolean(raw as never)).toEqual({ ok: true, value });
  });

  it('takes spaces for nothing', () => {
    expect(isBlank('   ')).toBe(true);
    expect(isBlank('\u00a0')).toBe(true);
    expect(isBlank(null)).toBe(true);
    expect(isBlank(0)).toBe(false);
    expect(isBlank(' x')).toBe(false);
  });

  it('names cells as spreadsheets do', () => {
    expect(columnLetters(1)).toBe('A');
    expect(columnLetters(26)).toBe('Z');
    expect(columnLetters(27)).toBe('AA');
    expect(columnLetters(40)).toBe('AN');
    expect(cellAddress(12, 3)).toBe('C12');
  });
});
