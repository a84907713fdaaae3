// Every position category belongs to exactly one category of evaluated persons, and
// each category's methods and 360 questionnaire exist.
import type { Diagnostic } from '../diagnostic.js';
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
          `categories ${catchAll.map(([id]) => id).join(' and ')} both take "every other position"`,
          'keep allOtherPositions: true on one category only',
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
              `position category ${position} is listed in both ${other} and ${id}`,
              'list each position category in one category only',
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
              `category ${id} uses the method ${method}, which this methodology does not declare under methods`,
              `declare methods.${method}, or remove it from the category`,
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
            `category ${id} is evaluated by the survey method ${survey} but names no questionnaire`,
            `add questionnaire: with the id of one of methods.${survey}.survey.questionnaires`,
          ),
        );
      }
    }
    return out;
  },
};
