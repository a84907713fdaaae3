// The CLI's one CSV writer: Excel's style by default (BOM, CRLF, ";" and decimal commas),
// RFC 4180 on request, and no cell that a spreadsheet would run as a formula.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { stringify } from 'csv-stringify/sync';
import { describe, expect, it } from 'vitest';
import { csvRows, neutralise, summaryCsv, summaryCsvHeader, summaryCsvLines } from '../../src/cli/csv.js';
import type { EvaluationResult, PersonResult } from '../../src/engine/index.js';

const golden = JSON.parse(readFileSync(join(import.meta.dirname, '../golden/baiterek-2026.results.json'), 'utf8')) as EvaluationResult;

const python = spawnSync('python3', ['--version']).status === 0;

describe('CSV in the excel style (default)', () => {
  const text = summaryCsv(golden);

  it('is UTF-8 with a BOM and CRLF line ends, ";" between fields and decimal commas', () => {
    expect(text.startsWith('\ufeffperson;name;category;period;method;status;rule;score;band;calibrated;errors;warnings\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toContain('\n');
    const h01 = text.split('\r\n').find((l) => l.startsWith('H01;') && l.includes(';Q1;kpi;'))!;
    expect(h01).toMatch(/;4,83;effective;/);
    expect(text).not.toMatch(/;\d+\.\d\d;/);
    expect(text.split('\r\n').filter((l) => l.trim()).length).toBe(
      1 + golden.people.reduce((n, p) => n + Math.max(1, p.results.length), 0),
    );
  });

  it.skipIf(!python)("reads back with Python's csv module (delimiter ';') as the results", () => {
    const dir = mkdtempSync(join(tmpdir(), 'bagalau-csv-'));
    const file = join(dir, 'summary.csv');
    writeFileSync(file, text);
    const script =
      'import csv, json, sys\nwith open(sys.argv[1], encoding="utf-8-sig", newline="") as f:\n    print(json.dumps(list(csv.DictReader(f, delimiter=";"))))';
    const run = spawnSync('python3', ['-c', script, file], { encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    const rows = JSON.parse(run.stdout) as Record<string, string>[];
    const expected = golden.people.flatMap((p) => p.results.map((r) => ({ p, r })));
    expect(rows).toHaveLength(expected.length);
    rows.forEach((row, k) => {
      const { p, r } = expected[k];
      expect(row.person).toBe(p.id);
      expect(row.name).toBe(p.name);
      expect(row.period).toBe(r.period);
      expect(row.method).toBe(r.method);
      expect(row.status).toBe(r.status);
      expect(row.score === '' ? undefined : Number(row.score.replace(',', '.'))).toBe(
        r.score === undefined ? undefined : Number(r.score.toFixed(2)),
      );
      expect(row.band).toBe(r.band ?? '');
      expect(row.calibrated).toBe(r.calibration ? 'yes' : '');
    });
  });
});

describe('CSV in the rfc4180 style', () => {
  it('has no BOM, "," between fields and "." in decimals', () => {
    const text = summaryCsv(golden, 'rfc4180');
    expect(text.startsWith('person,name,category,period,method,status,rule,score,band,calibrated,errors,warnings\r\n')).toBe(true);
    expect(text).toMatch(/,4\.83,effective,/);
  });
});

describe('cells a spreadsheet would run as formulas', () => {
  const person = (name: string): PersonResult => ({
    id: 'P1',
    name,
    positionCategory: 'C-O-4',
    category: 'servant',
    problems: [],
    results: [{ method: 'm', period: 'Q1', status: 'evaluated', score: -1, deadlines: [], problems: [], trace: [] }],
  });

  it.each(['=HYPERLINK("http://x","y")', '+7 701 000 00 00', '-1+2', '@SUM(A1)', '\t=1', '\r=1'])('%j is written as text', (name) => {
    const line = summaryCsvLines(person(name));
    const [, written] = line.split(';');
    expect(
      written
        .replace(/^"|"$/g, '')
        .replace(/""/g, '"')
        .startsWith(`'${name.slice(0, 1)}`),
    ).toBe(true);
  });

  it('leaves numbers and ordinary names alone', () => {
    expect(neutralise('Ахметов Серік')).toBe('Ахметов Серік');
    const line = summaryCsvLines(person('Ахметов Серік'));
    expect(line).toBe('P1;Ахметов Серік;servant;Q1;m;evaluated;;-1,00;;;0;0\r\n');
  });

  it('quotes a field holding the separator, a quote or a line break', () => {
    expect(csvRows([['a;b', 'say "hi"', 'two\nlines', 4.5]], 'excel', { bom: false })).toBe('"a;b";"say ""hi""";"two\nlines";4,5\r\n');
    expect(csvRows([['a,b', 4.5]], 'rfc4180')).toBe('"a,b",4.5\r\n');
  });

  it('writes the header once, with the BOM', () => {
    expect(summaryCsvHeader().startsWith('\ufeff')).toBe(true);
    expect(summaryCsvLines(person('x')).startsWith('\ufeff')).toBe(false);
  });
});

describe('lines joined without csv-stringify', () => {
  // csvRows joins a line itself when no field needs quoting: the bytes must be csv-stringify's.
  const field = fc.oneof(
    fc.string(),
    fc.string({ unit: fc.constantFrom('a', ' ', ';', ',', '"', '\r', '\n', '\t', '\u00a0', 'ә', '=', '-') }),
    fc.constantFrom('', ' ', 'a b', ' a', 'a ', '\u2028', 'x\u2028y'),
  );
  for (const style of ['excel', 'rfc4180'] as const) {
    it(`writes what csv-stringify writes (${style})`, () => {
      const delimiter = style === 'excel' ? ';' : ',';
      fc.assert(
        fc.property(fc.array(fc.array(field, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 4 }), (rows) => {
          // Texts only as neutralise leaves them (no leading formula sign): those are csvRows's cells.
          const cells = rows.map((row) => row.map(neutralise));
          const expected = stringify(cells, { delimiter, record_delimiter: 'windows', quoted_match: [/^\s|\s$/, /[\r\n]/] });
          expect(csvRows(cells, style, { bom: false })).toBe(expected);
        }),
        { numRuns: 2000 },
      );
    });
  }
});
