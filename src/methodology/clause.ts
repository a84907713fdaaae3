// Which clause governs a place in a methodology: the basis of the nearest enclosing rule.
import { getAtPointer, splitPointer } from './pointer.js';
import { currentLanguage, t, type Language } from '../i18n/index.js';

const described = new WeakMap<object, Partial<Record<Language, string>>>();

/**
 * "clause 6, paragraph 2 of almaty-akimat-2023" / "6-тармақ, 2-абзац (almaty-akimat-2023)": a
 * basis in the words of the run's language (or `language`), as every clause a person reads is
 * — diagnostics, timetables, the results' clauses. Without the source ("clause 6, paragraph 2")
 * where the act is plain from the context, as in one body's timetable. Bases never change once
 * loaded, so each one's words are kept per language.
 */
export function describeBasis(basis: Record<string, any>, options: { withSource?: boolean; language?: Language } = {}): string {
  const language = options.language ?? currentLanguage();
  if (options.withSource === false) return basisInLanguage({ ...basis, source: undefined }, language);
  let texts = described.get(basis);
  if (texts === undefined) described.set(basis, (texts = {}));
  return (texts[language] ??= basisInLanguage(basis, language));
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
