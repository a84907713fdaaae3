// Any pair of limits written min/max must not be upside down (KPI count, respondents, ranges, …).
import type { Diagnostic } from '../diagnostic.js';
import { displayPath } from '../pointer.js';
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
            `${displayPath(pointer)} goes from ${record.min} down to ${record.max}: min is above max`,
            'swap the two values, or correct the one that is mistyped',
          ),
        );
      }
    });
    return out;
  },
};
