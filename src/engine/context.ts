// What every evaluator of one methodology shares: the methodology, the calendar, and
// what is derived from them once (compiled eligibility rules, deadline declarations).
import type { WorkingCalendar } from '../calendar/index.js';
import { describeBasis } from '../methodology/clause.js';
import type { Methodology } from '../methodology/types.generated.js';
import { compileCondition, factsUsed, type CompiledCondition } from './conditions.js';

export interface CompiledRule {
  id: string;
  decision: Methodology['eligibility']['rules'][string]['decision'];
  methods: readonly string[];
  deadline?: string;
  title: string;
  clause: string;
  test: CompiledCondition;
  /** The facts its conditions read (what its explanation shows). */
  facts: string[];
}

export interface EngineContext {
  methodology: Methodology;
  calendar: WorkingCalendar;
  rules: CompiledRule[];
  /** Category id of each listed position category; the catch-all category, if any. */
  categoryOfPosition: Map<string, string>;
  catchAllCategory?: string;
  absenceKinds: Set<string>;
  /** Prototype of every facts object: holds the `methodology` fact. */
  methodologyFact: { readonly methodology: Methodology };
  /** Per category: its quarterly and its yearly methods, in the category's order. */
  methodsOfCategory: Map<string, { quarter: string[]; year: string[] }>;
  /** The explanation when no eligibility rule applies, per method (built once, used for most results). */
  noRuleApplies: Record<string, string>;
}

/** Built once per methodology: the per-person work must not recompile anything. */
export function buildContext(methodology: Methodology, calendar: WorkingCalendar): EngineContext {
  const rules = Object.entries(methodology.eligibility.rules).map(([id, rule]) => ({
    id,
    decision: rule.decision,
    methods: rule.methods,
    deadline: rule.deadline,
    title: rule.title.kk,
    clause: describeBasis(rule.basis),
    test: compileCondition(rule.conditions),
    facts: factsUsed(rule.conditions).filter((f) => f !== 'methodology'),
  }));
  const categoryOfPosition = new Map<string, string>();
  let catchAllCategory: string | undefined;
  for (const [id, category] of Object.entries(methodology.categories)) {
    for (const position of category.positionCategories ?? []) categoryOfPosition.set(position, id);
    if (category.allOtherPositions) catchAllCategory = id;
  }
  const noRuleApplies = Object.fromEntries(
    Object.keys(methodology.methods).map((method) => [
      method,
      `no eligibility rule of the methodology applies (checked: ${rules
        .filter((r) => r.methods.includes(method))
        .map((r) => r.id)
        .join(', ')}; the facts are in eligibility.facts)`,
    ]),
  );
  const methodsOfCategory = new Map(
    Object.entries(methodology.categories).map(([id, category]) => [
      id,
      {
        quarter: category.methods.filter((m) => methodology.methods[m]?.period === 'quarter'),
        year: category.methods.filter((m) => methodology.methods[m]?.period === 'year'),
      },
    ]),
  );
  return {
    methodology,
    calendar,
    rules,
    categoryOfPosition,
    catchAllCategory,
    methodsOfCategory,
    absenceKinds: new Set(Object.keys(methodology.eligibility.absence.kinds)),
    noRuleApplies,
    methodologyFact: Object.freeze({ methodology }),
  };
}
