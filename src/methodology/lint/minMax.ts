// Any pair of limits written min/max must not be upside down (KPI count, respondents, ranges, …).
import type { Diagnostic } from '../diagnostic.js';
import { displayPath } from '../pointer.js';
import { t } from '../../i18n/index.js';
import { finding, forEachValue, type LintRule } from './rule.js';

export const minNotAboveMax: LintRule = {
  id: 'min-max',
  description: 'Every min is at most its max.',
  check(context) {
    const out: Diagnostic[] = [];
    forEachValue(context.methodology, '', (node, pointer) => {
      const record = node as Record<string, unknown> | null;
      if (
        record &&
        typeof record === 'object' &&
        typeof record.min === 'number' &&
        typeof record.max === 'number' &&
        record.min > record.max
      ) {
        out.push(
          finding(
            context,
            'min-above-max',
            'error',
            pointer,
            t('lint.min-above-max', { path: displayPath(pointer), min: String(record.min), max: String(record.max) }),
            t('lint.min-above-max.hint'),
          ),
        );
      }
    });
    return out;
  },
};
