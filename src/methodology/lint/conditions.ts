// Eligibility conditions that compare a fact with a value of the methodology
// ({ fact: methodology, path: "$.eligibility.minimumTimeInPost.months" }) must point at a value that exists.
import type { Diagnostic } from '../diagnostic.js';
import { getAtPointer } from '../pointer.js';
import { t } from '../../i18n/index.js';
import { finding, forEachValue, type LintRule } from './rule.js';

export const conditionPaths: LintRule = {
  id: 'condition-paths',
  description: 'Values taken from the methodology by eligibility conditions exist.',
  check(context) {
    const out: Diagnostic[] = [];
    forEachValue(context.methodology.eligibility?.rules, '/eligibility/rules', (node, pointer) => {
      const value = (node as Record<string, any> | null)?.value;
      if (node && typeof node === 'object' && value && typeof value === 'object' && !Array.isArray(value) && value.fact === 'methodology') {
        const path = String(value.path ?? '');
        const target = /^\$(\.[A-Za-z0-9_]+)+$/.test(path)
          ? getAtPointer(context.methodology, path.slice(1).replace(/\./g, '/'))
          : undefined;
        if (target === undefined || (typeof target === 'object' && target !== null)) {
          out.push(
            finding(
              context,
              'condition-path',
              'error',
              `${pointer}/value`,
              t('lint.condition-path', { path }),
              t('lint.condition-path.hint'),
            ),
          );
        }
      }
    });
    return out;
  },
};
