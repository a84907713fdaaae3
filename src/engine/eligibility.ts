// Who is evaluated, and how: the first eligibility rule of the methodology (in order)
// that names the method and whose conditions hold decides; no rule → evaluated.
import type { EngineContext } from './context.js';
import type { Eligibility, Method, TraceStep } from './types.js';

export function decideEligibility(
  context: EngineContext,
  facts: Record<string, unknown>,
  method: Method,
): { eligibility: Eligibility; trace: TraceStep; deadline?: string } {
  for (const rule of context.rules) {
    if (!rule.methods.includes(method)) continue;
    if (rule.test(facts)) {
      return {
        eligibility: { decision: rule.decision, rule: rule.id, reason: rule.title, clause: rule.clause, facts },
        trace: {
          rule: `eligibility.${rule.id}`,
          clause: rule.clause,
          inputs: Object.fromEntries(rule.facts.map((f) => [f, facts[f]])),
          result: rule.decision,
          note: rule.title,
        },
        deadline: rule.deadline,
      };
    }
  }
  return {
    eligibility: { decision: 'evaluated', facts },
    trace: { rule: 'eligibility', result: 'evaluated', note: context.noRuleApplies[method] },
  };
}
