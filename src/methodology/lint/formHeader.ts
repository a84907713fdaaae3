// A body's forms must say they are annexes to the body's own methodology: one that extends
// another and inherits its formHeader prints "…бағалаудың үлгілік әдістемесіне N-қосымша"
// (an annex to the model) on every form. A body whose act really uses the model's annexes
// writes the model's header again, deliberately.
import type { Diagnostic } from '../diagnostic.js';
import { t } from '../../i18n/index.js';
import { finding, type LintRule } from './rule.js';

export const formHeaderOwn: LintRule = {
  id: 'form-header',
  description: 'A body that extends another methodology writes its own formHeader.',
  check(context) {
    const { resolved, methodology } = context;
    if (resolved.chain.length < 2) return [];
    const own = resolved.chain[0].data as { formHeader?: unknown } | undefined;
    if (own && typeof own === 'object' && own.formHeader !== undefined) return [];
    const parent = String((resolved.chain[1].data as { id?: unknown })?.id ?? t('lint.parentFallback'));
    const out: Diagnostic[] = [
      finding(
        context,
        'form-header-inherited',
        'error',
        '/extends',
        t('lint.form-header-inherited', { methodology: methodology.id, parent, header: methodology.formHeader.kk }),
        t('lint.form-header-inherited.hint', { parent }),
        resolved.originOf('/extends')?.value,
      ),
    ];
    return out;
  },
};
