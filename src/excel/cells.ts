// What a person types into a spreadsheet cell, turned into the value the input format
// wants — or a reason why it cannot be. Spreadsheets hold numbers stored as text, "4,5"
// typed with a decimal comma, dates typed as text (10.04.2026), dates as serial numbers,
// rich text, formulas with their cached result and hyperlinks; each is read here.
import type ExcelJS from 'exceljs';
import { t } from '../i18n/index.js';

/** A cell's value as exceljs gives it. */
export type RawValue = ExcelJS.CellValue | undefined;

export type Parsed<T> = { ok: true; value: T } | { ok: false; problem: string; hint: string };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = (problem: string, hint: string): Parsed<never> => ({ ok: false, problem, hint });

/** The value under a formula, rich text or hyperlink: what the cell shows. */
export function plainValue(value: RawValue): string | number | boolean | Date | null | { error: string } {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value instanceof Date) return value;
  if (typeof value === 'object') {
    if ('richText' in value && Array.isArray(value.richText)) return value.richText.map((r) => r.text).join('');
    if ('formula' in value || 'sharedFormula' in value) return plainValue((value as { result?: RawValue }).result);
    if ('text' in value && typeof (value as { text: unknown }).text === 'string') return (value as { text: string }).text;
    if ('error' in value) return { error: String((value as { error: unknown }).error) };
  }
  return String(value);
}

/** Spaces a spreadsheet adds or a person types around a value (no-break spaces too). */
export function cleanText(text: string): string {
  return SPECIAL_SPACE.test(text)
    ? text
        .replace(/[\u00a0\u2007\u202f]/g, ' ')
        .replace(/\r\n?/g, '\n')
        .trim()
    : text.trim();
}
const SPECIAL_SPACE = /[\u00a0\u2007\u202f\r]/;

/** True when the cell holds nothing (or only spaces). */
export function isBlank(value: RawValue): boolean {
  if (typeof value === 'number' || typeof value === 'boolean' || value instanceof Date) return false;
  if (typeof value === 'string') return value.length === 0 || (/^\s/.test(value) && cleanText(value) === '');
  const plain = plainValue(value);
  return plain === null || (typeof plain === 'string' && cleanText(plain) === '');
}

/** Text as shown; numbers as written without binary noise; dates as YYYY-MM-DD. */
export function parseText(value: RawValue): Parsed<string> {
  const plain = plainValue(value);
  if (plain === null) return ok('');
  if (typeof plain === 'object' && !(plain instanceof Date))
    return fail(t('cell.error', { error: String(plain.error) }), t('cell.error.value.hint'));
  if (plain instanceof Date) return ok(isoOf(plain));
  if (typeof plain === 'number') return ok(String(cleanNumber(plain)));
  return ok(cleanText(String(plain)));
}

/** Removes the noise of binary floating point (0.1 + 0.2) that spreadsheets store. */
export function cleanNumber(n: number): number {
  return Number.isInteger(n) ? n : Number(n.toPrecision(12));
}

/**
 * A number: a number cell, or text holding one — "4,5" and "4.5", spaces or no-break
 * spaces between thousands ("1 200"). "1,234.5" (two different separators) is refused
 * rather than guessed.
 */
export function parseNumber(value: RawValue): Parsed<number> {
  const plain = plainValue(value);
  if (typeof plain === 'number') return Number.isFinite(plain) ? ok(cleanNumber(plain)) : fail(t('cell.notFinite'), t('cell.number.hint'));
  if (plain === null) return fail(t('cell.empty'), t('cell.number.hint'));
  if (typeof plain === 'boolean' || plain instanceof Date)
    return fail(t('cell.notANumber', { value: plain instanceof Date ? isoOf(plain) : String(plain) }), t('cell.number.example.hint'));
  if (typeof plain === 'object') return fail(t('cell.error', { error: String(plain.error) }), t('cell.error.number.hint'));
  const text = cleanText(plain).replace(/[\s']/g, '');
  if (/^[-+]?\d+([.,]\d+)?$/.test(text)) return ok(cleanNumber(Number(text.replace(',', '.'))));
  if (/^[-+]?\d{1,3}(,\d{3})+\.\d+$/.test(text) || /^[-+]?\d{1,3}(\.\d{3})+,\d+$/.test(text)) {
    return fail(t('cell.mixedSeparators', { value: cleanText(plain) }), t('cell.mixedSeparators.hint'));
  }
  return fail(t('cell.notANumber', { value: cleanText(plain) }), t('cell.number.example.hint'));
}

/** Decimals of a number as written (4.25 → 2). */
export function decimalsOf(n: number): number {
  const text = String(cleanNumber(n));
  const dot = text.indexOf('.');
  if (text.includes('e')) return 0;
  return dot < 0 ? 0 : text.length - dot - 1;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** YYYY-MM-DD of a date cell (exceljs gives dates at midnight UTC). */
export function isoOf(date: Date): string {
  return `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
}

function realDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return d <= days;
}

/** Days since 1899-12-30 (Excel's serial day numbers, 1900 system) → YYYY-MM-DD. */
export function serialToIso(serial: number, date1904 = false): string {
  const base = date1904 ? Date.UTC(1904, 0, 1) : Date.UTC(1899, 11, 30);
  return isoOf(new Date(base + Math.floor(serial) * 86_400_000));
}

/**
 * A date: a date cell, a serial day number, or text written YYYY-MM-DD or, as in Kazakhstan,
 * day first (DD.MM.YYYY, DD/MM/YYYY, DD-MM-YYYY). Days that do not exist (31.04) are refused.
 */
export function parseDate(value: RawValue, date1904 = false): Parsed<string> {
  const plain = plainValue(value);
  if (plain === null) return fail(t('cell.empty'), t('cell.date.hint'));
  if (plain instanceof Date) {
    if (Number.isNaN(plain.getTime())) return fail(t('cell.invalidDate'), t('cell.date.hint'));
    return ok(isoOf(plain));
  }
  if (typeof plain === 'number') {
    if (plain >= 1 && plain < 2958466) return ok(serialToIso(plain, date1904));
    return fail(t('cell.notADate.number', { value: String(plain) }), t('cell.date.hint'));
  }
  if (typeof plain === 'boolean' || typeof plain === 'object')
    return fail(t('cell.notADate', { value: String(typeof plain === 'object' ? plain.error : plain) }), t('cell.date.hint'));
  const text = cleanText(plain).replace(/\s*(ж\.?|г\.?)$/u, '');
  let match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  if (match) {
    const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
    return realDate(y, m, d) ? ok(`${pad(y, 4)}-${pad(m)}-${pad(d)}`) : fail(t('cell.notADay', { value: text }), t('cell.notADay.hint'));
  }
  match = /^(\d{1,2})[./-](\d{1,2})[./-](\d{4})$/.exec(text);
  if (match) {
    const [d, m, y] = [Number(match[1]), Number(match[2]), Number(match[3])];
    return realDate(y, m, d)
      ? ok(`${pad(y, 4)}-${pad(m)}-${pad(d)}`)
      : fail(t('cell.notADay.dayFirst', { value: text }), t('cell.notADay.hint'));
  }
  if (/^\d{1,2}[./-]\d{1,2}[./-]\d{2}$/.test(text)) return fail(t('cell.twoDigitYear', { value: text }), t('cell.twoDigitYear.hint'));
  return fail(t('cell.notADate', { value: text }), t('cell.date.pick.hint'));
}

const YES = new Set(['иә', 'ия', 'да', 'yes', 'true', '1', 'y', 'x', '✓', 'ақиқат', 'истина']);
const NO = new Set(['жоқ', 'нет', 'no', 'false', '0', 'n', 'жалған', 'ложь']);

/** Yes or no: иә/жоқ, да/нет, yes/no, a checkbox's TRUE/FALSE, 1/0. */
export function parseBoolean(value: RawValue): Parsed<boolean> {
  const plain = plainValue(value);
  if (typeof plain === 'boolean') return ok(plain);
  if (typeof plain === 'number' && (plain === 0 || plain === 1)) return ok(plain === 1);
  const text = typeof plain === 'string' ? cleanText(plain).toLowerCase() : '';
  if (YES.has(text)) return ok(true);
  if (NO.has(text)) return ok(false);
  return fail(t('cell.notABoolean', { value: typeof plain === 'string' ? cleanText(plain) : String(plain) }), t('cell.notABoolean.hint'));
}

/** Column letters of a 1-based column number (1 → A, 28 → AB). */
export function columnLetters(col: number): string {
  let letters = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

export function cellAddress(row: number, col: number): string {
  return `${columnLetters(col)}${row}`;
}
