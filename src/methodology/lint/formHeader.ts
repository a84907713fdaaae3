// A body's forms must say they are annexes to the body's own methodology: one that extends
// another and inherits its formHeader prints "…бағалаудың үлгілік әдістемесіне N-қосымша"
// (an annex to the model) on every form. A body whose act really uses the model's annexes
// writes the model's header again, deliberately.
import type { Diagnostic } from '../diagnostic.js';
import { finding, type LintRule } from './rule.js';

export const formHeaderOwn: LintRule = {
  id: 'form-header',
  description: 'A body that extends another methodology writes its own formHeader.',
  check(context) {
    const { resolved, methodology } = context;
    if (resolved.chain.length < 2) return [];
    const own = resolved.chain[0].data as { formHeader?: unknown } | undefined;
    if (own && typeof own === 'object' && own.formHeader !== undefined) return [];
    const parent = String((resolved.chain[1].data as { id?: unknown })?.id ?? 'the methodology it extends');
    const out: Diagnostic[] = [
      finding(
        context,
        'form-header-inherited',
        'error',
        '/extends',
        `${methodology.id} inherits the formHeader of ${parent}, so its forms would say they are annexes to ${parent} ("${methodology.formHeader.kk} N-қосымша")`,
        `write formHeader: { kk: "<your body's name in the genitive> … бағалау әдістемесіне" }; if your act uses the annexes of ${parent}, write its header again to say so`,
        resolved.originOf('/extends')?.value,
      ),
    ];
    return out;
  },
};
