// Fields marked refersTo in the schema must name an entry that exists: a role, a
// form, a category, a questionnaire, a deadline or an event.
import type { Diagnostic } from '../diagnostic.js';
import { getAtPointer, displayPath } from '../pointer.js';
import { didYouMean } from '../resolve.js';
import { referenceFields } from '../schema.js';
import { orList, t, type MessageId } from '../../i18n/index.js';
import { finding, type LintRule } from './rule.js';

/** Events that deadlines may be counted from, besides other deadlines. */
export const deadlineEvents = [
  'periodStart',
  'periodEnd',
  'yearStart',
  'yearEnd',
  'appointment',
  'kpiApproval',
  'returnToWork',
  'evaluationEnd',
  'familiarisation',
  'application',
  'protocolSigned',
] as const;

const collectionNames: Record<string, MessageId> = {
  roles: 'lint.reference.role',
  forms: 'lint.reference.form',
  categories: 'lint.reference.category',
  deadlines: 'lint.reference.deadline',
  methods: 'lint.reference.method',
  'methods.*.survey.questionnaires': 'lint.reference.questionnaire',
  'eligibility.absence.kinds': 'lint.reference.absenceKind',
  events: 'lint.reference.event',
};

/** The ids of a collection at a dotted path; "*" stands for every entry of a map (methods.*.survey.questionnaires). */
function collectionKeys(node: unknown, path: string[]): string[] {
  if (!node || typeof node !== 'object') return [];
  if (path.length === 0) return Object.keys(node);
  const [head, ...rest] = path;
  if (head === '*') return Object.values(node).flatMap((child) => collectionKeys(child, rest));
  return collectionKeys(getAtPointer(node, '/' + head), rest);
}

export const references: LintRule = {
  id: 'references',
  description: 'Every reference to a role, form, category, method, questionnaire, deadline or kind of absence names one that exists.',
  check(context) {
    const out: Diagnostic[] = [];
    for (const field of referenceFields(context.methodology)) {
      const targets = field.refersTo.split('|');
      const known: string[] = [];
      for (const target of targets) {
        if (target === 'events') known.push(...deadlineEvents);
        else known.push(...collectionKeys(context.methodology, target.split('.')));
      }
      if (known.includes(field.value)) continue;
      const kind = orList(targets.map((target) => (collectionNames[target] ? t(collectionNames[target]) : target)));
      out.push(
        finding(
          context,
          'unknown-reference',
          'error',
          field.pointer,
          t('lint.unknown-reference', { path: displayPath(field.pointer), kind, value: field.value }),
          t('lint.unknown-reference.hint', { suggestion: didYouMean(field.value, known), known: known.join(', ') }),
        ),
      );
    }
    return out;
  },
};
