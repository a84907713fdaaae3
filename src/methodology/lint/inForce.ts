// A methodology used on a date must be in force on it: Enbekshikazakh's was repealed
// in November 2023. The date comes from the caller (the CLI), never from a clock here.
import type { Diagnostic } from '../diagnostic.js';
import { t } from '../../i18n/index.js';
import { finding, type LintRule } from './rule.js';

export const inForceOn: LintRule = {
  id: 'in-force',
  description: 'The methodology is in force on the date given with --on.',
  check(context) {
    const on = context.options.on;
    const m = context.methodology;
    if (!on || !m.inForce) return [];
    const out: Diagnostic[] = [];
    if (on < m.inForce.from) {
      out.push(
        finding(
          context,
          'not-yet-in-force',
          'warning',
          '/inForce/from',
          t('lint.not-yet-in-force', { methodology: m.id, on, from: m.inForce.from }),
          t('lint.not-yet-in-force.hint'),
        ),
      );
    }
    const end = m.repealedBy?.effectiveFrom;
    if (end && on >= end) {
      out.push(
        finding(
          context,
          'repealed',
          'warning',
          '/repealedBy/effectiveFrom',
          t('lint.repealed', {
            methodology: m.id,
            act: m.repealedBy!.act.kind.kk,
            number: String(m.repealedBy!.act.number),
            date: m.repealedBy!.act.date,
            on,
            end,
          }),
          t('lint.repealed.hint'),
        ),
      );
    } else if (m.inForce.until && on > m.inForce.until) {
      out.push(
        finding(
          context,
          'expired',
          'warning',
          '/inForce/until',
          t('lint.expired', { methodology: m.id, until: m.inForce.until, on }),
          t('lint.expired.hint'),
        ),
      );
    }
    return out;
  },
};
