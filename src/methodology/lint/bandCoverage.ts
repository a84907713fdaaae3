// Every score of the domain, once rounded to the declared precision, gets exactly one band.
import type { Diagnostic } from '../diagnostic.js';
import { t } from '../../i18n/index.js';
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
            t('lint.band-precision', { band: level.id, min: String(level.band.min), max: String(level.band.max), precision: String(p) }),
            t('lint.band-precision.hint', { precision: String(p) }),
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
            t('lint.band-gap', { from: fromSteps(covered + 1, p), to: fromSteps(level.min - 1, p), precision: String(p) }),
            t('lint.band-gap.hint', { band: level.id, from: fromSteps(covered + 1, p) }),
          ),
        );
      } else if (level.min <= covered) {
        out.push(
          finding(
            context,
            'band-overlap',
            'error',
            at(level.id),
            t('lint.band-overlap', { from: fromSteps(level.min, p), to: fromSteps(Math.min(covered, level.max), p), band: level.id }),
            t('lint.band-overlap.hint', { band: level.id, from: fromSteps(covered + 1, p) }),
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
          t('lint.band-gap.top', { from: fromSteps(covered + 1, p), to: fromSteps(top, p) }),
          t('lint.band-gap.top.hint'),
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
          t('lint.band-outside-domain', { reach: fromSteps(covered, p), max: String(scores.max) }),
          t('lint.band-outside-domain.hint'),
        ),
      );
    }
    return out;
  },
};
