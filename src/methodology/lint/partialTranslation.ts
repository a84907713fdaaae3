// A text is { kk, ru, en }, merged by language like any map: a body that rewrites the kk of
// an inherited title keeps the inherited ru and en, which then describe the old rule (a
// renamed HR role kept "служба управления персоналом"). Warn where a body's file overrides
// some languages of a text and inherits the others.
import type { Diagnostic } from '../diagnostic.js';
import { displayPath } from '../pointer.js';
import { andList, t } from '../../i18n/index.js';
import { finding, forEachValue, type LintRule } from './rule.js';

const LANGUAGES = ['kk', 'ru', 'en'] as const;

/** A text of the methodology: an object with a kk string and no keys but languages. */
function isText(node: unknown): node is Partial<Record<(typeof LANGUAGES)[number], string>> {
  if (!node || typeof node !== 'object' || Array.isArray(node)) return false;
  const keys = Object.keys(node);
  return (
    typeof (node as { kk?: unknown }).kk === 'string' &&
    keys.length > 1 &&
    keys.every((k) => (LANGUAGES as readonly string[]).includes(k) && typeof (node as Record<string, unknown>)[k] === 'string')
  );
}

export const partialTranslation: LintRule = {
  id: 'partial-translation',
  description: 'A text overridden in one language is overridden in all the languages it has.',
  check(context) {
    const { resolved } = context;
    if (resolved.chain.length < 2) return [];
    const own = resolved.chain[0].file;
    const idOf = (file: string) => {
      const source = resolved.chain.find((s) => s.file === file);
      return String((source?.data as { id?: unknown } | undefined)?.id ?? file);
    };
    const out: Diagnostic[] = [];
    forEachValue(context.methodology, '', (node, pointer) => {
      if (!isText(node)) return;
      const languages = LANGUAGES.filter((l) => node[l] !== undefined);
      const files = new Map(languages.map((l) => [l, resolved.originOf(`${pointer}/${l}`)?.file]));
      const overridden = languages.filter((l) => files.get(l) === own);
      const inherited = languages.filter((l) => files.get(l) !== undefined && files.get(l) !== own);
      if (overridden.length === 0 || inherited.length === 0) return;
      const from = [...new Set(inherited.map((l) => idOf(files.get(l)!)))].join(', ');
      const shown = inherited.map((l) => `${l} "${node[l]}"`).join(', ');
      out.push(
        finding(
          context,
          'partial-translation',
          'warning',
          `${pointer}/${overridden[0]}`,
          t('lint.partial-translation', {
            path: displayPath(pointer),
            overridden: andList(overridden),
            overriddenCount: overridden.length,
            inherited: andList(inherited),
            inheritedCount: inherited.length,
            from,
            shown,
          }),
          t('lint.partial-translation.hint', {
            inherited: andList(inherited),
            inheritedCount: inherited.length,
            first: overridden[0],
            nulls: inherited.map((l) => `${l}: null`).join(', '),
          }),
        ),
      );
    });
    return out;
  },
};
