// Fields marked refersTo in the schema must name an entry that exists: a role, a
// form, a category, a questionnaire, a deadline or an event.
import type { Diagnostic } from '../diagnostic.js';
import { getAtPointer, displayPath } from '../pointer.js';
import { suggest } from '../resolve.js';
import { referenceFields } from '../schema.js';
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

const collectionNames: Record<string, string> = {
  roles: 'role',
  forms: 'form',
  categories: 'category',
  deadlines: 'deadline',
  methods: 'method',
  'methods.*.survey.questionnaires': 'questionnaire',
  'eligibility.absence.kinds': 'kind of absence',
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
      const kind = targets.map((t) => (t === 'events' ? 'event' : (collectionNames[t] ?? t))).join(' or ');
      out.push(
        finding(
          context,
          'unknown-reference',
          'error',
          field.pointer,
          `${displayPath(field.pointer)} names the ${kind} "${field.value}", which this methodology does not define`,
          `${suggest(field.value, known)}use one of: ${known.join(', ')}`,
        ),
      );
    }
    return out;
  },
};
