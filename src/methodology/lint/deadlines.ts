// Deadlines counted from other deadlines must not go round in a circle.
import type { Diagnostic } from '../diagnostic.js';
import { t } from '../../i18n/index.js';
import { finding, type LintRule } from './rule.js';

export const deadlineCycles: LintRule = {
  id: 'deadline-cycles',
  description: 'No deadline is counted, directly or not, from itself.',
  check(context) {
    const deadlines = context.methodology.deadlines ?? {};
    const out: Diagnostic[] = [];
    const reported = new Set<string>();
    const written = context.resolved.chain[0]?.file;
    for (const start of Object.keys(deadlines)) {
      const seen = [start];
      let current = deadlines[start]?.anchor;
      while (current && current in deadlines) {
        if (current === start) {
          // One finding per loop, placed where this file wrote an anchor of it when it did.
          const key = [...seen].sort().join(' ');
          const here = seen.find((id) => context.resolved.originOf(`/deadlines/${id}/anchor`)?.file === written);
          if (reported.has(key) || (here && here !== start)) break;
          reported.add(key);
          out.push(
            finding(
              context,
              'deadline-cycle',
              'error',
              `/deadlines/${start}/anchor`,
              t('lint.deadline-cycle', { deadline: start, chain: [...seen, start].join(' → ') }),
              t('lint.deadline-cycle.hint'),
            ),
          );
          break;
        }
        if (seen.includes(current)) break;
        seen.push(current);
        current = deadlines[current]?.anchor;
      }
    }
    return out;
  },
};
