// The methodology wires its methods to deadlines and forms by id: a method with no
// deadline is never checked for lateness, a deadline nothing refers to is dead text, and
// a form must print a method of the kind its template is made for.
import type { Diagnostic } from '../diagnostic.js';
import { referenceFields } from '../schema.js';
import { t } from '../../i18n/index.js';
import { finding, type LintRule } from './rule.js';

/** Which kind of method each kind of form prints (the calibration protocol prints any). */
const formKindPrints: Record<string, string | undefined> = {
  workPlan: 'kpi',
  kpiSheet: 'kpi',
  scoreTable: 'kpi',
  parameterSheet: 'parameters',
  questionnaire: 'survey',
  surveyResult: 'survey',
  calibrationProtocol: undefined,
};

export const methodWiring: LintRule = {
  id: 'method-wiring',
  description:
    'Every method has a deadline and evaluators that fit its kind, every deadline is used, every form prints a method of its kind.',
  check(context) {
    const out: Diagnostic[] = [];
    // Findings about a whole entry point at its key ("monthly:"), not at its first setting.
    const keyOf = (pointer: string) => context.resolved.originOf(pointer)?.key;
    const { methods, deadlines, forms } = context.methodology;
    for (const [id, method] of Object.entries(methods)) {
      const evaluators = method.evaluators;
      if (evaluators) {
        // Several sheets combine only on a parameter sheet; KPI and survey methods have one evaluator.
        if (method.kind !== 'parameters' && (evaluators.combine !== 'single' || evaluators.roles.length > 1)) {
          out.push(
            finding(
              context,
              'evaluators-kind',
              'error',
              `/methods/${id}/evaluators`,
              t('lint.evaluators-kind', { kind: method.kind, method: id, count: evaluators.roles.length, combine: evaluators.combine }),
              t('lint.evaluators-kind.hint'),
            ),
          );
        }
        if (evaluators.combine === 'single' && evaluators.roles.length > 1) {
          out.push(
            finding(
              context,
              'evaluators-single',
              'error',
              `/methods/${id}/evaluators/combine`,
              t('lint.evaluators-single', { method: id, count: evaluators.roles.length, roles: evaluators.roles.join(', ') }),
              t('lint.evaluators-single.hint'),
            ),
          );
        }
        if (evaluators.finalRole && !evaluators.roles.includes(evaluators.finalRole)) {
          out.push(
            finding(
              context,
              'evaluators-final-role',
              'error',
              `/methods/${id}/evaluators/finalRole`,
              t('lint.evaluators-final-role', { role: evaluators.finalRole, roles: evaluators.roles.join(', ') }),
              t('lint.evaluators.nameOneOf', { roles: evaluators.roles.join(', ') }),
            ),
          );
        }
        for (const [name, delegation] of Object.entries(evaluators.delegations ?? {})) {
          if (!evaluators.roles.includes(delegation.role)) {
            out.push(
              finding(
                context,
                'evaluators-delegation-role',
                'error',
                `/methods/${id}/evaluators/delegations/${name}/role`,
                t('lint.evaluators-delegation-role', { delegation: name, role: delegation.role, roles: evaluators.roles.join(', ') }),
                t('lint.evaluators.nameOneOf', { roles: evaluators.roles.join(', ') }),
              ),
            );
          }
        }
      }
      if (!method.deadline) {
        out.push(
          finding(
            context,
            'method-without-deadline',
            'warning',
            `/methods/${id}`,
            t('lint.method-without-deadline', { method: id }),
            t('lint.method-without-deadline.hint', { method: id }),
            keyOf(`/methods/${id}`),
          ),
        );
      }
    }
    // The work plan: the engine checks its setting once a year (eligibility counts the time
    // to the end of the year); the timetable lists a deadline anchored on each quarter four
    // times. Both must read the same period from the methodology.
    for (const [id, method] of Object.entries(methods)) {
      const plan = method.kpi?.workPlan;
      if (!plan) continue;
      if (plan.period === 'quarter') {
        out.push(
          finding(
            context,
            'work-plan-period',
            'error',
            `/methods/${id}/kpi/workPlan/period`,
            t('lint.work-plan-period.quarter', { method: id }),
            t('lint.work-plan-period.quarter.hint'),
          ),
        );
        continue;
      }
      for (const deadline of plan.settingDeadlines ?? []) {
        let anchor = deadlines[deadline]?.anchor;
        for (let hops = 0; anchor && deadlines[anchor] && hops < 20; hops++) anchor = deadlines[anchor].anchor;
        if (anchor !== 'periodStart' && anchor !== 'periodEnd') continue;
        out.push(
          finding(
            context,
            'work-plan-period',
            'error',
            `/deadlines/${deadline}/anchor`,
            t('lint.work-plan-period.anchor', { method: id, deadline, anchor }),
            t('lint.work-plan-period.anchor.hint'),
          ),
        );
      }
    }
    const used = new Set(
      referenceFields(context.methodology)
        .filter((f) => f.refersTo.split('|').includes('deadlines'))
        .map((f) => f.value),
    );
    for (const id of Object.keys(deadlines)) {
      if (!used.has(id)) {
        out.push(
          finding(
            context,
            'deadline-unused',
            'warning',
            `/deadlines/${id}`,
            t('lint.deadline-unused', { deadline: id }),
            t('lint.deadline-unused.hint'),
            keyOf(`/deadlines/${id}`),
          ),
        );
      }
    }
    for (const [id, form] of Object.entries(forms)) {
      const expected = formKindPrints[form.kind];
      if (!expected) continue;
      if (!form.method) {
        out.push(
          finding(
            context,
            'form-without-method',
            'error',
            `/forms/${id}`,
            t('lint.form-without-method', { form: id, kind: form.kind }),
            t('lint.form-without-method.hint', { expected }),
            keyOf(`/forms/${id}`),
          ),
        );
      } else if (methods[form.method] && methods[form.method].kind !== expected) {
        out.push(
          finding(
            context,
            'form-method-kind',
            'error',
            `/forms/${id}/method`,
            t('lint.form-method-kind', { form: id, kind: form.kind, expected, method: form.method, actual: methods[form.method].kind }),
            t('lint.form-method-kind.hint', { actual: methods[form.method].kind }),
          ),
        );
      }
    }
    return out;
  },
};
