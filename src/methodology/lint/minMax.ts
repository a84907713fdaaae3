// Any pair of limits written min/max must not be upside down (KPI count, respondents, ranges, …).
import type { Diagnostic } from '../diagnostic.js';
import { displayPath } from '../pointer.js';
import { finding, type LintRule } from './rule.js';

export const minNotAboveMax: LintRule = {
  id: 'min-max',
  description: 'Every min is at most its max.',
  check(context) {
    const out: Diagnostic[] = [];
    const walk = (node: unknown, pointer: string) => {
      if (!node || typeof node !== 'object') return;
      const record = node as Record<string, unknown>;
      if (typeof record.min === 'number' && typeof record.max === 'number' && record.min > record.max) {
        out.push(finding(context, 'min-above-max', 'error', pointer,
          `${displayPath(pointer)} goes from ${record.min} down to ${record.max}: min is above max`,
          'swap the two values, or correct the one that is mistyped'));
      }
      for (const [key, child] of Object.entries(record)) walk(child, `${pointer}/${key}`);
    };
    walk(context.methodology, '');
    return out;
  },
};
