// Every score of the domain, once rounded to the declared precision, gets exactly one band.
import type { Diagnostic } from '../diagnostic.js';
import { finding, fromSteps, toSteps, type LintRule } from './rule.js';

export const bandCoverage: LintRule = {
  id: 'band-coverage',
  description: 'The result bands cover the score domain without gaps or overlaps at the declared precision.',
  check(context) {
    const { scores, bands } = context.methodology;
    if (!scores || !bands?.levels) return [];
    const p = scores.precision;
    const out: Diagnostic[] = [];
    const levels = Object.entries(bands.levels)
      .map(([id, band]) => ({ id, min: toSteps(band.min, p), max: toSteps(band.max, p), band }))
      .sort((a, b) => a.min - b.min);
    const at = (id: string) => `/bands/levels/${id}`;
    let covered = toSteps(scores.min, p) - 1;
    for (const level of levels) {
      if (level.band.min !== Number(fromSteps(level.min, p)) || level.band.max !== Number(fromSteps(level.max, p))) {
        out.push(
          finding(
            context,
            'band-precision',
            'error',
            at(level.id),
            `band ${level.id} (${level.band.min}–${level.band.max}) is written with more decimals than scores.precision (${p}), so some rounded scores would fall between bands`,
            `write its limits with at most ${p} decimals, or raise scores.precision`,
          ),
        );
      }
      if (level.min > covered + 1) {
        out.push(
          finding(
            context,
            'band-gap',
            'error',
            at(level.id),
            `no band covers scores ${fromSteps(covered + 1, p)}–${fromSteps(level.min - 1, p)} (scores are rounded to ${p} decimals)`,
            `make band ${level.id} start at ${fromSteps(covered + 1, p)}, or add a band for these scores`,
          ),
        );
      } else if (level.min <= covered) {
        out.push(
          finding(
            context,
            'band-overlap',
            'error',
            at(level.id),
            `scores ${fromSteps(level.min, p)}–${fromSteps(Math.min(covered, level.max), p)} fall in two bands (${level.id} and the band below it)`,
            `make band ${level.id} start at ${fromSteps(covered + 1, p)}`,
          ),
        );
      }
      covered = Math.max(covered, level.max);
    }
    const top = toSteps(scores.max, p);
    if (covered < top) {
      out.push(
        finding(
          context,
          'band-gap',
          'error',
          '/bands/levels',
          `no band covers scores ${fromSteps(covered + 1, p)}–${fromSteps(top, p)}`,
          'extend the highest band to the top of the score domain',
        ),
      );
    }
    if (covered > top) {
      out.push(
        finding(
          context,
          'band-outside-domain',
          'warning',
          '/bands/levels',
          `the bands reach ${fromSteps(covered, p)}, above the highest score ${scores.max}`,
          'end the highest band at scores.max',
        ),
      );
    }
    return out;
  },
};
