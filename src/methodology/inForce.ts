// Whether a methodology governs a day: from its entry into force, until its end or the
// day its repeal takes effect. The engine picks a period's methodology by it; schedule
// warns with it.
import type { Methodology } from './types.generated.js';

export function inForceOn(methodology: Methodology, date: string): boolean {
  if (date < methodology.inForce.from) return false;
  if (methodology.inForce.until && date > methodology.inForce.until) return false;
  if (methodology.repealedBy && date >= methodology.repealedBy.effectiveFrom) return false;
  return true;
}
