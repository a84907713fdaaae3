// Which clause governs a place in a methodology: the basis of the nearest enclosing rule.
import { getAtPointer, splitPointer } from './pointer.js';
import { currentLanguage, t, type Language } from '../i18n/index.js';

const described = new WeakMap<object, string>();

/**
 * "clause 6, paragraph 2 of almaty-akimat-2023": a basis in words (bases never change once
 * loaded). Without the source ("clause 6, paragraph 2") where the act is plain from the
 * context, as in one body's timetable.
 */
export function describeBasis(basis: Record<string, any>, options: { withSource?: boolean; language?: Language } = {}): string {
  // In a language: what a person reads (diagnostics, timetables). Without: the results' own words, the same whatever the language.
  if (options.language) return basisInLanguage(options.withSource === false ? { ...basis, source: undefined } : basis, options.language);
  if (options.withSource === false) return basisInWords({ ...basis, source: undefined });
  let text = described.get(basis);
  if (text === undefined) {
    text = basisInWords(basis);
    described.set(basis, text);
  }
  return text;
}

function basisInWords(basis: Record<string, any>): string {
  const parts: string[] = [];
  if (basis.clause !== undefined)
    parts.push(
      `clause ${basis.clause}${basis.paragraph ? `, paragraph ${basis.paragraph}` : ''}${basis.subclause ? `, subclause ${basis.subclause}` : ''}`,
    );
  if (basis.annex !== undefined) parts.push(`annex ${basis.annex}`);
  if (basis.law) parts.push(`${basis.law}${basis.article ? `, art. ${basis.article}` : ''}`);
  if (basis.report)
    parts.push(
      `the public report of ${basis.report.source}, ${basis.report.date}${basis.verified === false ? ' (not verified against the act)' : ''}`,
    );
  if (basis.setting) parts.push('a setting (the legal texts are silent)');
  const text = parts.join(', ');
  return basis.source && !basis.setting && !basis.law && !basis.report ? `${text} of ${basis.source}` : text;
}

/** The basis in the words of a language (the catalogue's basis.* messages). */
function basisInLanguage(basis: Record<string, any>, language: Language): string {
  const word = (id: Parameters<typeof t>[0], params: Record<string, string> = {}) => t(id, params, language);
  const parts: string[] = [];
  if (basis.clause !== undefined) {
    let clause = word('basis.clause', { clause: String(basis.clause) });
    if (basis.paragraph) clause += word('basis.paragraph', { paragraph: String(basis.paragraph) });
    if (basis.subclause) clause += word('basis.subclause', { subclause: String(basis.subclause) });
    parts.push(clause);
  }
  if (basis.annex !== undefined) parts.push(word('basis.annex', { annex: String(basis.annex) }));
  if (basis.law) parts.push(String(basis.law) + (basis.article ? word('basis.article', { article: String(basis.article) }) : ''));
  if (basis.report)
    parts.push(
      word('basis.report', { source: String(basis.report.source), date: String(basis.report.date) }) +
        (basis.verified === false ? word('basis.notVerified') : ''),
    );
  if (basis.setting) parts.push(word('basis.setting'));
  const text = parts.join(', ');
  // A basis naming nothing (a schema error reports it) cites no act either.
  if (text === '') return '';
  return basis.source && !basis.setting && !basis.law && !basis.report
    ? word('basis.ofSource', { basis: text, source: String(basis.source) })
    : text;
}

/** The clause of the nearest enclosing rule, in the words of the current language (diagnostics are read by people). */
export function clauseAt(data: unknown, pointer: string): string | undefined {
  const segments = splitPointer(pointer);
  for (let n = segments.length; n >= 0; n--) {
    const p = segments
      .slice(0, n)
      .map((s) => '/' + s.replace(/~/g, '~0').replace(/\//g, '~1'))
      .join('');
    const node = getAtPointer(data, p) as Record<string, any> | undefined;
    if (node && typeof node === 'object' && node.basis && typeof node.basis === 'object')
      return describeBasis(node.basis, { language: currentLanguage() });
  }
  return undefined;
}
