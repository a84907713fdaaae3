// The texts sometimes print another scale on the form than the clause states
// (clause 32: 0 to 5; annex 4: "1-ден 5 баллға дейін"). Keep both visible.
import type { Diagnostic } from '../diagnostic.js';
import { describeBasis } from '../clause.js';
import { t } from '../../i18n/index.js';
import { finding, type LintRule } from './rule.js';

export const scaleContradiction: LintRule = {
  id: 'scale-contradiction',
  description: 'A scale printed on a form that differs from the clause is reported.',
  check(context) {
    const out: Diagnostic[] = [];
    for (const [methodId, method] of Object.entries(context.methodology.methods)) {
      const key = method.kpi ? 'kpi' : method.sheet ? 'sheet' : undefined;
      const scale = key ? method[key]?.scale : undefined;
      const name = methodId;
      const printed = scale?.printedInForm;
      if (scale && printed && (printed.min !== scale.min || printed.max !== scale.max)) {
        out.push(
          finding(
            context,
            'scale-contradiction',
            'info',
            `/methods/${methodId}/${key}/scale/printedInForm`,
            t('lint.scale-contradiction', {
              method: name,
              min: String(scale.min),
              max: String(scale.max),
              basis: describeBasis(scale.basis),
              printedMin: String(printed.min),
              printedMax: String(printed.max),
            }),
            t('lint.scale-contradiction.hint'),
          ),
        );
      }
    }
    return out;
  },
};
