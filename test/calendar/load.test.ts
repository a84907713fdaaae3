import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CalendarFileError, loadCalendar, parseCalendarSource } from '../../src/calendar/index.js';

const original = readFileSync('calendars/kz.yaml', 'utf8');
const label = 'calendars/kz.yaml';

/** The calendar text with one exact piece replaced; fails loudly if the piece is not there. */
function edited(find: string, replace: string): string {
  expect(original).toContain(find);
  return original.replace(find, replace);
}

function lineOf(text: string, needle: string): number {
  return text.slice(0, text.indexOf(needle)).split('\n').length;
}

function errorsOf(source: string): string[] {
  const result = parseCalendarSource(source, label);
  if (result.ok) throw new Error('expected the calendar to be refused');
  return result.diagnostics.map((d) => `${d.at?.file}:${d.at?.line}:${d.at?.col}: ${d.message}`);
}

function hintsOf(source: string): (string | undefined)[] {
  const result = parseCalendarSource(source, label);
  if (result.ok) throw new Error('expected the calendar to be refused');
  return result.diagnostics.map((d) => d.hint);
}

describe('loading calendars/kz.yaml', () => {
  it('accepts the project calendar and keeps dates as strings', () => {
    const result = parseCalendarSource(original, label);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.file.years['2024'].nonWorkingDays[0].date).toBe('2024-01-01');
  });

  it('starts with the yaml-language-server schema line', () => {
    expect(original.split('\n')[0]).toBe('# yaml-language-server: $schema=../schemas/calendar.schema.json');
  });

  it('reports a schema error at the line and column of the value', () => {
    const source = edited(
      '        kind: transferred\n        pairedWith: 2024-05-04',
      '        kind: transfered\n        pairedWith: 2024-05-04',
    );
    const line = lineOf(source, 'kind: transfered');
    expect(errorsOf(source)).toEqual([
      `${label}:${line}:15: years › 2024 › nonWorkingDays › item 11 › kind is "transfered", which is not one of the allowed values`,
    ]);
    expect(hintsOf(source)[0]).toBe('did you mean "transferred"? use one of: holiday, religious, moved, transferred');
  });

  it('points at an unknown property by its key and lists the allowed ones', () => {
    const source = edited(
      'kk: Құрбан айт }\n        kind: religious\n        source: { act: labourCode, article: "84(5)" }\n        verified: false\n        note: Estimated',
      'kk: Құрбан айт }\n        kind: religious\n        source: { act: labourCode, article: "84(5)" }\n        verifed: false\n        note: Estimated',
    );
    const line = lineOf(source, 'verifed');
    expect(errorsOf(source)[0]).toBe(`${label}:${line}:9: "verifed" is not a setting of years › 2027 › nonWorkingDays › item 16`);
    expect(hintsOf(source)[0]).toBe(
      'did you mean "verified"? remove it or correct the spelling; allowed here: date, name, kind, source, movedFrom, pairedWith, verified, note',
    );
  });

  it('refuses a date listed under the wrong year', () => {
    const source = edited('      - date: 2025-06-06', '      - date: 2026-06-06');
    expect(errorsOf(source)[0]).toBe(
      `${label}:${lineOf(source, '2026-06-06')}:15: 2026-06-06 is listed under year 2025; move it to year 2026`,
    );
  });

  it('catches a forgotten day off through the declared working-day count', () => {
    const source = edited(
      `      - date: 2024-10-25
        name: { en: Republic Day, kk: Республика күні }
        kind: holiday
        source: { act: holidaysLaw, article: "2" }
`,
      '',
    );
    expect(errorsOf(source)).toEqual([
      `${label}:${lineOf(source, 'workingDays: 249')}:18: year 2024 declares 249 working days but its entries give 250; look for a missing or mistyped date, or correct the count`,
    ]);
  });

  it('refuses a transferred day without its extra working day', () => {
    const source = edited(
      '      - date: 2023-07-01\n        pairedWith: 2023-07-07',
      '      - date: 2023-07-08\n        pairedWith: 2023-07-07',
    );
    const errors = errorsOf(source);
    expect(errors).toContain(
      `${label}:${lineOf(source, 'pairedWith: 2023-07-01')}:21: transferred day 2023-07-07 is paired with 2023-07-01, but no extra working day 2023-07-01 is paired back with 2023-07-07; add it under extraWorkingDays`,
    );
  });

  it('refuses a weekend holiday whose moved day is missing', () => {
    const source = edited(
      `      - date: 2026-05-11
        name: { en: Day off moved from Saturday 9 May (Victory Day) }
        kind: moved
        movedFrom: 2026-05-09
        source: { act: holidaysLaw, article: "5" }
`,
      '',
    );
    expect(errorsOf(source)[0]).toBe(
      `${label}:${lineOf(source, '- date: 2026-05-09')}:15: Victory Day falls on Saturday 9 May 2026 but no moved day off names it (movedFrom: 2026-05-09); add the moved day`,
    );
  });

  it('refuses a year missing from the coverage', () => {
    const source = edited('coverage: { firstYear: 2023, lastYear: 2027 }', 'coverage: { firstYear: 2023, lastYear: 2028 }');
    expect(errorsOf(source)[0]).toMatch(
      /^calendars\/kz\.yaml:\d+:\d+: year 2028 is within the coverage 2023–2028 but has no entry under "years"/,
    );
  });

  it('reports YAML syntax errors such as duplicate keys with their position', () => {
    const source = edited('country: KZ\n', 'country: KZ\ncountry: KZ\n');
    expect(errorsOf(source)[0]).toMatch(/^calendars\/kz\.yaml:\d+:1: this is not valid YAML: the same key is written twice in one block/);
  });

  it('throws CalendarFileError naming a missing file', () => {
    expect(() => loadCalendar('calendars/nowhere.yaml')).toThrow(CalendarFileError);
    expect(() => loadCalendar('calendars/nowhere.yaml')).toThrow('cannot read calendars/nowhere.yaml: no such file');
  });
});
