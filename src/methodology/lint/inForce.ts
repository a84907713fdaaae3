// A methodology used on a date must be in force on it: Enbekshikazakh's was repealed
// in November 2023. The date comes from the caller (the CLI), never from a clock here.
import type { Diagnostic } from '../diagnostic.js';
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
          `${m.id} is not yet in force on ${on}: it applies from ${m.inForce.from}`,
          'use the methodology that was in force on that date',
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
          `${m.id} was repealed by ${m.repealedBy!.act.kind.kk} No. ${m.repealedBy!.act.number} of ${m.repealedBy!.act.date} and no longer applies on ${on} (repeal effective from ${end})`,
          'evaluate periods after the repeal under the methodology that replaced it',
        ),
      );
    } else if (m.inForce.until && on > m.inForce.until) {
      out.push(
        finding(
          context,
          'expired',
          'warning',
          '/inForce/until',
          `${m.id} applied until ${m.inForce.until} and no longer applies on ${on}`,
          'use the methodology in force on that date',
        ),
      );
    }
    return out;
  },
};
