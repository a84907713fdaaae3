// One typed interface for the evaluators of every method kind (parameters, kpi, survey).
// The methodology declares its methods and their kinds; evaluate.ts looks the kind up in
// methods/index.ts and hands the evaluator what was submitted for the method and period.
import type { Methodology } from '../../methodology/types.generated.js';
import type { Person } from '../input.generated.js';
import type { MethodResult, PeriodId, Problem, Status, TraceStep } from '../types.js';

export type DeclaredMethod = Methodology['methods'][string];
export type MethodKind = DeclaredMethod['kind'];

export interface MethodCall {
  methodology: Methodology;
  methodId: string;
  method: DeclaredMethod;
  person: Person;
  period: PeriodId;
  /** The person's category id (a survey reads its questionnaire from it). */
  category: string;
  /** What was submitted for this method and period. */
  data: unknown;
  /** Where `data` sits in the input, for messages: "quarters.Q1.differentiation". */
  field: string;
}

export interface MethodOutcome {
  score?: number;
  /** Set when the kind decides the status itself (a survey with too few respondents is refused). */
  status?: Status;
  problems: Problem[];
  trace: TraceStep[];
  /** The figures the result shows: parameters, kpis, competencies, sheets… */
  details: Partial<MethodResult>;
  /** When the data records it: the day the evaluation was completed. */
  evaluatedOn?: string;
}

export interface MethodEvaluator {
  kind: MethodKind;
  evaluate(call: MethodCall): MethodOutcome;
}

/** The settings of a kind, which the schema requires for a method of that kind. */
export function settingsOf<K extends 'sheet' | 'kpi' | 'survey'>(method: DeclaredMethod, key: K): NonNullable<DeclaredMethod[K]> {
  const settings = method[key];
  if (!settings) throw new Error(`a method of kind ${method.kind} has no ${key} settings`);
  return settings;
}
