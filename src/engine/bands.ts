// Result bands: a score is rounded to the methodology's precision, then given the one
// band whose limits include it (lint guarantees there is exactly one).
import type { Methodology } from '../methodology/types.generated.js';
import { describeBasis } from '../methodology/clause.js';
import { roundTo } from './numbers.js';
import type { TraceStep } from './types.js';

export interface BandChoice {
  score: number;
  band?: string;
  bandLabel?: string;
  trace: TraceStep;
}

const bandNotes = new WeakMap<object, string>();

export function chooseBand(methodology: Methodology, rawScore: number): BandChoice {
  const { scores, bands } = methodology;
  const score = roundTo(rawScore, scores.precision, scores.rounding);
  const step = 10 ** scores.precision;
  const scaled = Math.round(score * step);
  for (const id in bands.levels) {
    const level = bands.levels[id];
    if (!bandNotes.has(level))
      bandNotes.set(level, `rounded to ${scores.precision} decimals (${scores.rounding}), within ${level.min}–${level.max}`);
    if (Math.round(level.min * step) <= scaled && scaled <= Math.round(level.max * step)) {
      return {
        score,
        band: id,
        bandLabel: level.label.kk,
        trace: { rule: 'bands', clause: describeBasis(bands.basis), inputs: { score: rawScore }, result: id, note: bandNotes.get(level) },
      };
    }
  }
  return {
    score,
    trace: {
      rule: 'bands',
      clause: describeBasis(bands.basis),
      inputs: { score: rawScore },
      result: { score },
      note: `no band covers ${score}`,
    },
  };
}
