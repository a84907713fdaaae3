// The one CSV writer of the command line (csv-stringify underneath). Two styles:
//   excel (default): UTF-8 with a BOM, CRLF, ";" between fields and "," in decimals, which
//     Excel opens as columns of numbers under the Kazakh and Russian Windows locales;
//   rfc4180: no BOM, CRLF, "," between fields and "." in decimals, for other programs.
// Either way a text beginning with = + - @ (or a tab or carriage return) is written with a
// leading apostrophe, so a spreadsheet never takes a submitted name for a formula.
import { stringify } from 'csv-stringify/sync';
import type { EvaluationResult, PersonResult } from '../engine/index.js';
import { t, type MessageId } from '../i18n/index.js';

export const CSV_STYLES = ['excel', 'rfc4180'] as const;
export type CsvStyle = (typeof CSV_STYLES)[number];

export interface CsvFormat {
  delimiter: string;
  decimal: string;
  bom: boolean;
}

export function csvFormat(style: CsvStyle = 'excel'): CsvFormat {
  return style === 'excel' ? { delimiter: ';', decimal: ',', bom: true } : { delimiter: ',', decimal: '.', bom: false };
}

/** A cell's value: text (neutralised), a number (written with the style's decimal sign), or nothing. */
export type CsvValue = string | number | boolean | null | undefined | { number: number; decimals: number };

/** A text a spreadsheet would read as a formula, made plain text (OWASP: prefix with an apostrophe). */
export function neutralise(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

export function csvNumber(n: number, style: CsvStyle = 'excel', decimals?: number): string {
  const text = decimals === undefined ? String(n) : n.toFixed(decimals);
  return style === 'excel' ? text.replace('.', ',') : text;
}

function cell(value: CsvValue, style: CsvStyle): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'number') return csvNumber(value, style);
  if (typeof value === 'boolean') return value ? t('csv.yes') : '';
  if (typeof value === 'object') return csvNumber(value.number, style, value.decimals);
  return neutralise(value);
}

/** Rows as CSV text in the style; `bom: false` for lines that continue a file already begun. */
export function csvRows(rows: CsvValue[][], style: CsvStyle = 'excel', options: { bom?: boolean } = {}): string {
  const format = csvFormat(style);
  const cells = rows.map((row) => row.map((v) => cell(v, style)));
  const plain = format.delimiter === ';' ? PLAIN_SEMICOLON : PLAIN_COMMA;
  // Most lines need no quoting: joined directly, byte for byte what csv-stringify writes
  // (test/cli/csv.test.ts checks it), without its per-record machinery, which was a tenth of
  // evaluate's time on a large body. Any field that may need quoting goes to csv-stringify.
  const text = cells.every((row) => row.every((field) => plain.test(field)))
    ? cells.map((row) => row.join(format.delimiter) + '\r\n').join('')
    : stringify(cells, { delimiter: format.delimiter, record_delimiter: 'windows', quoted_match: [/^\s|\s$/, /[\r\n]/] });
  return ((options.bom ?? format.bom) ? '\ufeff' : '') + text;
}

/** A field csv-stringify writes as it is: no delimiter, quote, line break, or white space at either end. */
const PLAIN_SEMICOLON = /^(?:[^\s;"](?:[^;"\r\n]*[^\s;"])?)?$/;
const PLAIN_COMMA = /^(?:[^\s,"](?:[^,"\r\n]*[^\s,"])?)?$/;

/** The columns of summary.csv: one line per person, period and method. */
export const SUMMARY_COLUMNS = [
  'person',
  'name',
  'category',
  'period',
  'method',
  'status',
  'rule',
  'score',
  'band',
  'calibrated',
  'errors',
  'warnings',
] as const;

const SUMMARY_HEADINGS: Record<(typeof SUMMARY_COLUMNS)[number], MessageId> = {
  person: 'summary.csv.person',
  name: 'summary.csv.name',
  category: 'summary.csv.category',
  period: 'summary.csv.period',
  method: 'summary.csv.method',
  status: 'summary.csv.status',
  rule: 'summary.csv.rule',
  score: 'summary.csv.score',
  band: 'summary.csv.band',
  calibrated: 'summary.csv.calibrated',
  errors: 'summary.csv.errors',
  warnings: 'summary.csv.warnings',
};

/** The column headings of summary.csv in the language of the run (the values stay ids: statuses, methods, bands). */
export function summaryColumnHeadings(): string[] {
  return SUMMARY_COLUMNS.map((column) => t(SUMMARY_HEADINGS[column]));
}

/** The first line of summary.csv (with the BOM in the excel style). */
export function summaryCsvHeader(style: CsvStyle = 'excel'): string {
  return csvRows([summaryColumnHeadings()], style);
}

/** A person's lines of summary.csv (no BOM: they follow the header). */
export function summaryCsvLines(person: PersonResult, style: CsvStyle = 'excel'): string {
  const rows: CsvValue[][] = [];
  if (person.results.length === 0)
    rows.push([person.id, person.name, person.category, '', '', 'error', '', '', '', '', person.problems.length, 0]);
  for (const r of person.results) {
    rows.push([
      person.id,
      person.name,
      person.category,
      r.period,
      r.method,
      r.status,
      r.eligibility?.rule,
      r.score !== undefined ? { number: r.score, decimals: 2 } : undefined,
      r.band,
      r.calibration !== undefined,
      r.problems.filter((p) => p.severity === 'error').length,
      r.problems.filter((p) => p.severity === 'warning').length,
    ]);
  }
  return rows.length ? csvRows(rows, style, { bom: false }) : '';
}

/** summary.csv of a whole result. */
export function summaryCsv(result: EvaluationResult, style: CsvStyle = 'excel'): string {
  return summaryCsvHeader(style) + result.people.map((p) => summaryCsvLines(p, style)).join('');
}
