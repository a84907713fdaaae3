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

export function chooseBand(methodology: Methodology, rawScore: number): BandChoice {
  const { scores, bands } = methodology;
  const score = roundTo(rawScore, scores.precision, scores.rounding);
  const step = 10 ** scores.precision;
  const scaled = Math.round(score * step);
  for (const [id, level] of Object.entries(bands.levels)) {
    if (Math.round(level.min * step) <= scaled && scaled <= Math.round(level.max * step)) {
      return {
        score, band: id, bandLabel: level.label.kk,
        trace: { rule: 'bands', clause: describeBasis(bands.basis), inputs: { score: rawScore, precision: scores.precision, rounding: scores.rounding }, result: { score, band: id } },
      };
    }
  }
  return { score, trace: { rule: 'bands', clause: describeBasis(bands.basis), inputs: { score: rawScore }, result: { score }, note: `no band covers ${score}` } };
}
