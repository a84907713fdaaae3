// The results the engine produces. Every figure carries the rule and clause it comes
// from (trace), so that a result can be defended at a calibration session.
import type { EligibilityRule } from '../methodology/types.generated.js';

export type Method = 'kpi' | 'differentiation' | 'survey360';
export type QuarterId = 'Q1' | 'Q2' | 'Q3' | 'Q4';
export type PeriodId = QuarterId | 'year';
export type Decision = EligibilityRule['decision'] | 'evaluated';

/** One step of an explanation: which rule, on which clause, from which inputs, gave what. */
export interface TraceStep {
  rule: string;
  clause?: string;
  inputs?: Record<string, unknown>;
  result?: unknown;
  note?: string;
}

/** A problem in the submitted data of one person: reported, never fatal for the others. */
export interface Problem {
  code: string;
  severity: 'error' | 'warning';
  person?: string;
  period?: PeriodId;
  method?: Method;
  /** The field of the input, e.g. "quarters.Q2.kpi.k1.score". */
  field?: string;
  message: string;
  clause?: string;
  hint: string;
  /** Where in the input file, when the input was read from a file (added at the edge, not by the engine). */
  at?: { file: string; line: number; col: number };
}

export interface DeadlineResult {
  id: string;
  title: string;
  date: string;
  clause?: string;
  /** The date the thing was done, when the input gives it. */
  actual?: string;
  late?: boolean;
  steps: string[];
}

export interface Eligibility {
  decision: Decision;
  /** The eligibility rule that decided; absent when no rule applied (evaluated). */
  rule?: string;
  reason?: string;
  clause?: string;
  facts: Record<string, unknown>;
}

export interface KpiLine {
  id: string;
  name: string;
  lowerIsBetter: boolean;
  plan: number;
  actual: number;
  percent: number;
  allowed?: { min: number; max: number; row: string };
  score: number;
}

export interface ParameterLine {
  id: string;
  title: string;
  score: number;
}

export interface CompetencyLine {
  id: string;
  title: string;
  answers: number;
  average: number;
}

export interface CalibrationOutcome {
  appliedOn: string;
  originalScore: number;
  votes: { score: number; count: number }[];
  decidedBy: 'majority' | 'tieRule';
  tieRule?: string;
  finalScore: number;
  direction: 'up' | 'down' | 'unchanged';
  band: string;
  bandLabel: string;
  deadlines: DeadlineResult[];
}

export type Status =
  | 'evaluated' | 'withoutParticipation' | 'deferred'
  | 'notEvaluated' | 'noKpi' | 'notApplicable' | 'missing' | 'refused' | 'error';

export interface MethodResult {
  method: Method;
  period: PeriodId;
  status: Status;
  eligibility?: Eligibility;
  score?: number;
  band?: string;
  bandLabel?: string;
  kpis?: KpiLine[];
  parameters?: ParameterLine[];
  justification?: string;
  respondents?: number;
  competencies?: CompetencyLine[];
  weakest?: string[];
  /** For year results: the quarters whose scores were averaged. */
  quarters?: { period: QuarterId; score: number }[];
  calibration?: CalibrationOutcome;
  deadlines: DeadlineResult[];
  problems: Problem[];
  trace: TraceStep[];
}

export interface PersonResult {
  id: string;
  name: string;
  position?: string;
  positionCategory: string;
  category?: string;
  categoryTitle?: string;
  unit?: string;
  results: MethodResult[];
  problems: Problem[];
}

export interface EvaluationResult {
  methodology: { id: string; title: string };
  body?: string;
  year: number;
  people: PersonResult[];
  /** Problems that concern the whole input rather than one person. */
  problems: Problem[];
}
