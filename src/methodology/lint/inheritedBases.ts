// A body's act numbers its clauses its own way: a rule it inherits still cites the clause
// of the methodology it extends. One note says how many do, so an author sees at a glance
// how much of the file still speaks with the model's clause numbers; --verbose lists them.
import type { Diagnostic } from '../diagnostic.js';
import { displayPath } from '../pointer.js';
import { t } from '../../i18n/index.js';
import { finding, forEachValue, type LintRule } from './rule.js';

export const inheritedBases: LintRule = {
  id: 'inherited-bases',
  description: 'Counts the rules of a body that still cite the clauses of the methodology it extends.',
  check(context) {
    const { methodology, resolved } = context;
    if (resolved.chain.length < 2) return [];
    const inherited: string[] = [];
    let total = 0;
    forEachValue(methodology, '', (value, pointer) => {
      if (!pointer.endsWith('/basis') || !value || typeof value !== 'object') return;
      const basis = value as { source?: string; clause?: string; annex?: number; setting?: boolean; law?: string; report?: unknown };
      total++;
      // Settings, laws and reports are no clause of any act: they need no re-citing.
      if (basis.source && basis.source !== methodology.id && (basis.clause !== undefined || basis.annex !== undefined))
        inherited.push(pointer);
    });
    if (inherited.length === 0) return [];
    const parent =
      resolved.chain[1]?.data && typeof resolved.chain[1].data === 'object'
        ? String((resolved.chain[1].data as { id?: unknown }).id ?? t('lint.parentFallback'))
        : t('lint.parentFallback');
    const list = context.options.verbose
      ? `:\n      ${inherited.map((p) => displayPath(p.replace(/\/basis$/, ''))).join('\n      ')}`
      : t('lint.inherited-bases.verbose');
    const out: Diagnostic[] = [
      finding(
        context,
        'inherited-bases',
        'info',
        '/extends',
        t('lint.inherited-bases', { count: inherited.length, total, parent, methodology: methodology.id }),
        t('lint.inherited-bases.hint', { parent, list }),
      ),
    ];
    return out;
  },
};
