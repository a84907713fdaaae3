// Every position category belongs to exactly one category of evaluated persons, and
// each category's methods and 360 questionnaire exist.
import type { Diagnostic } from '../diagnostic.js';
import { andList, t } from '../../i18n/index.js';
import { finding, type LintRule } from './rule.js';

export const categoryConsistency: LintRule = {
  id: 'categories',
  description: 'Position categories are assigned once; at most one category takes all other positions; methods and questionnaires exist.',
  check(context) {
    const out: Diagnostic[] = [];
    const categories = Object.entries(context.methodology.categories ?? {});
    const owner = new Map<string, string>();
    const catchAll = categories.filter(([, c]) => c.allOtherPositions);
    if (catchAll.length > 1) {
      out.push(
        finding(
          context,
          'categories-catch-all',
          'error',
          `/categories/${catchAll[1][0]}`,
          t('lint.categories-catch-all', { categories: andList(catchAll.map(([id]) => id)) }),
          t('lint.categories-catch-all.hint'),
        ),
      );
    }
    for (const [id, category] of categories) {
      for (const [index, position] of (category.positionCategories ?? []).entries()) {
        const other = owner.get(position);
        if (other) {
          out.push(
            finding(
              context,
              'categories-duplicate-position',
              'error',
              `/categories/${id}/positionCategories/${index}`,
              t('lint.categories-duplicate-position', { position, first: other, second: id }),
              t('lint.categories-duplicate-position.hint'),
            ),
          );
        } else owner.set(position, id);
      }
      for (const [index, method] of category.methods.entries()) {
        if (!context.methodology.methods?.[method]) {
          out.push(
            finding(
              context,
              'categories-unknown-method',
              'error',
              `/categories/${id}/methods/${index}`,
              t('lint.categories-unknown-method', { category: id, method }),
              t('lint.categories-unknown-method.hint', { method }),
            ),
          );
        }
      }
      const survey = category.methods.find((m) => context.methodology.methods[m]?.kind === 'survey');
      if (survey && !category.questionnaire) {
        out.push(
          finding(
            context,
            'categories-no-questionnaire',
            'error',
            `/categories/${id}`,
            t('lint.categories-no-questionnaire', { category: id, method: survey }),
            t('lint.categories-no-questionnaire.hint', { method: survey }),
          ),
        );
      }
    }
    return out;
  },
};
