// The methodology wires its methods to deadlines and forms by id: a method with no
// deadline is never checked for lateness, a deadline nothing refers to is dead text, and
// a form must print a method of the kind its template is made for.
import type { Diagnostic } from '../diagnostic.js';
import { referenceFields } from '../schema.js';
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
              `the ${method.kind} method "${id}" has ${evaluators.roles.length} evaluator role(s) combined by "${evaluators.combine}", but bagalau combines several evaluators' sheets only for methods of kind parameters`,
              'give it one role with combine: single, or make it a parameters method',
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
              `the method "${id}" has ${evaluators.roles.length} evaluators (${evaluators.roles.join(', ')}) but combine: single`,
              'write how their sheets combine: mean, finalRole (with finalRole: <role>) or jointSheet',
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
              `finalRole "${evaluators.finalRole}" is not one of the method's evaluators (${evaluators.roles.join(', ')})`,
              `name one of: ${evaluators.roles.join(', ')}`,
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
                `the delegation "${name}" replaces "${delegation.role}", which is not one of the method's evaluators (${evaluators.roles.join(', ')})`,
                `name one of: ${evaluators.roles.join(', ')}`,
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
            `the method "${id}" names no deadline, so no evaluation of it is checked for lateness`,
            `add deadline: <the id of one of deadlines> to methods.${id}`,
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
            `the work plan of "${id}" is set each quarter, but bagalau evaluates a work plan per year (one plan with values per quarter, its setting checked once a year)`,
            'write period: year; a body whose act sets a plan each quarter cannot be evaluated by bagalau yet',
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
            `the work plan of "${id}" is set once a year (period: year), but its setting deadline "${deadline}" hangs on ${anchor}, so the timetable would list it every quarter`,
            'anchor it on yearStart (or the appointment), as the plan is set once a year',
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
            `the deadline "${id}" is not used: no method, eligibility rule, familiarisation, calibration, work plan or other deadline refers to it, so it only appears in the timetable`,
            'refer to it where it applies (e.g. methods.<id>.deadline, calibration.deadlines, familiarisation.deadline), or remove it with remove: true',
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
            `the form "${id}" (${form.kind}) names no method, so it has nothing to print`,
            `add method: <the id of a method of kind ${expected}>`,
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
            `the form "${id}" is a ${form.kind}, which prints a method of kind ${expected}, but "${form.method}" is of kind ${methods[form.method].kind}`,
            `use a form kind made for ${methods[form.method].kind} methods, or name another method`,
          ),
        );
      }
    }
    return out;
  },
};
