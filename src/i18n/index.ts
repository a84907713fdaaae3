// Messages in the user's language: one catalogue per language (catalogues/), ICU
// MessageFormat through intl-messageformat for plurals ("1 қате", "2 ошибки", "5 ошибок").
// The language is chosen once per run by the CLI (useLanguage); code elsewhere calls t().
import { IntlMessageFormat } from 'intl-messageformat';
import { en, type MessageId } from './catalogues/en.js';
import { kk } from './catalogues/kk.js';
import { ru } from './catalogues/ru.js';
import { DEFAULT_LANGUAGE, languageFromEnvironment, type Language } from './language.js';

export * from './language.js';
export type { MessageId } from './catalogues/en.js';

export const CATALOGUES: Readonly<Record<Language, Readonly<Record<MessageId, string>>>> = { kk, ru, en };

let current: Language | undefined;

/** The language of this run; unless the CLI chose one, the environment's (kk when it names none). */
export function currentLanguage(): Language {
  if (current === undefined) {
    try {
      current = languageFromEnvironment(process.env);
    } catch {
      current = DEFAULT_LANGUAGE;
    }
  }
  return current;
}

export function useLanguage(language: Language): void {
  current = language;
}

export type MessageParams = Record<string, string | number>;

const compiled = new Map<string, IntlMessageFormat>();

/** The message `id` in the current language (or `language`), its {placeholders} filled from `params`. */
export function t(id: MessageId, params: MessageParams = {}, language: Language = currentLanguage()): string {
  const key = `${language}\u0000${id}`;
  let format = compiled.get(key);
  if (!format) {
    // ignoreTag: "<topic>" and "<the id of …>" in the texts are words to type, not rich-text tags.
    format = new IntlMessageFormat(CATALOGUES[language][id], language, undefined, { ignoreTag: true });
    compiled.set(key, format);
  }
  return String(format.format(params));
}

/** A text of a methodology ({ kk, ru?, en? }) in the current language, else in Kazakh, else in English. */
export function localText(text: { kk?: string; ru?: string; en?: string } | undefined, language: Language = currentLanguage()): string {
  if (!text) return '';
  return text[language] ?? text.kk ?? text.en ?? '';
}

/** "a and b", "a және b", "a и b": a list in the words of the current language. */
export function andList(items: readonly string[], language: Language = currentLanguage()): string {
  return new Intl.ListFormat(language, { type: 'conjunction' }).format(items);
}

/** "a or b", "a не болмаса b", "a или b". */
export function orList(items: readonly string[], language: Language = currentLanguage()): string {
  return new Intl.ListFormat(language, { type: 'disjunction' }).format(items);
}

/** A period in words: "Q1 2026" / "2026 жылғы 1-тоқсан" / "1 квартал 2026", or the year ("the year 2026"). */
export function periodName(id: string, year: number | string, language: Language = currentLanguage()): string {
  const quarter = /^Q([1-4])$/.exec(id)?.[1];
  return quarter
    ? t('period.quarter', { quarter, year: String(year) }, language)
    : t('engine.period.year', { year: String(year) }, language);
}
