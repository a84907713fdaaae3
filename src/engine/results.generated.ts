/* Generated from schemas/results.schema.json by scripts/gen-types.ts — do not edit; run npm run gen:types. */

/**
 * The id of a method of the methodology (e.g. kpi, differentiation, survey360 in the 2018 model; quarterly in the 2025 one).
 *
 * This interface was referenced by `EvaluationResult`'s JSON-Schema
 * via the `definition` "method".
 */
export type Method = string;
/**
 * This interface was referenced by `EvaluationResult`'s JSON-Schema
 * via the `definition` "periodId".
 */
export type PeriodId = 'Q1' | 'Q2' | 'Q3' | 'Q4' | 'year';
/**
 * What became of a result. notInPost: the person was not in the post on any day of the period (appointed after its last day, or left before its first), so the period is not theirs to be evaluated for; a person in post for part of the period is judged by the methodology's eligibility rules (e.g. too short a time in post: notEvaluated). notEvaluated, withoutParticipation, deferred, noKpi: the eligibility decision; notApplicable: the method is not in use on the period's last day; missing: nothing was submitted; refused: no methodology is in force; error: the data has mistakes.
 *
 * This interface was referenced by `EvaluationResult`'s JSON-Schema
 * via the `definition` "status".
 */
export type Status =
  | 'evaluated'
  | 'withoutParticipation'
  | 'deferred'
  | 'notEvaluated'
  | 'notInPost'
  | 'noKpi'
  | 'notApplicable'
  | 'missing'
  | 'refused'
  | 'error';
/**
 * This interface was referenced by `EvaluationResult`'s JSON-Schema
 * via the `definition` "decision".
 */
export type Decision = 'evaluated' | 'notEvaluated' | 'withoutParticipation' | 'deferred' | 'noKpi';
/**
 * This interface was referenced by `EvaluationResult`'s JSON-Schema
 * via the `definition` "quarterId".
 */
export type QuarterId = 'Q1' | 'Q2' | 'Q3' | 'Q4';

/**
 * What `bagalau evaluate` writes to results.json: per person, one result per period and method, each figure with the rule and clause it comes from. In the json and ndjson forms (`format` is given), the texts that recur — clauses, rule notes, deadline titles and steps, band labels — are written once, in `texts`, and a string of `people` that is "@" followed by a number n stands for texts[n]; a string of `people` that begins with "@" is written with one more "@" before it. `readResultsFile` (src/cli/resultsFile.ts) reads every form back into the same result. See docs/results-file.md.
 */
export interface EvaluationResult {
  /**
   * The form of the file: "bagalau-results/2" when the texts are in `texts` (json and ndjson forms); absent in the expanded form, where every text is written out.
   */
  format?: 'bagalau-results/2';
  methodology: {
    id: string;
    title: string;
    /**
     * The methodology file the results were made with (relative to the folder evaluate ran in, when inside it).
     */
    file?: string;
    /**
     * The SHA-256 of that file, written as 64 hexadecimal digits, so a later reader can tell whether it changed.
     */
    sha256?: string;
  };
  body?: string;
  year: number;
  people: PersonResult[];
  /**
   * Problems that concern the whole input rather than one person.
   */
  problems: Problem[];
  /**
   * With several methodologies (the year of a change): each, with the periods it evaluated.
   */
  methodologies?: {
    id: string;
    title: string;
    periods: PeriodId[];
    /**
     * The methodology file the results were made with (relative to the folder evaluate ran in, when inside it).
     */
    file?: string;
    /**
     * The SHA-256 of that file, written as 64 hexadecimal digits, so a later reader can tell whether it changed.
     */
    sha256?: string;
  }[];
  /**
   * The json and ndjson forms: the recurring texts, which strings of `people` refer to as "@<index>".
   */
  texts?: string[];
}
/**
 * This interface was referenced by `EvaluationResult`'s JSON-Schema
 * via the `definition` "personResult".
 */
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
/**
 * This interface was referenced by `EvaluationResult`'s JSON-Schema
 * via the `definition` "methodResult".
 */
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
  /**
   * For year results: the quarters whose scores were averaged.
   */
  quarters?: {
    period: QuarterId;
    score: number;
    method?: Method;
    methodology?: string;
  }[];
  calibration?: CalibrationOutcome;
  deadlines: DeadlineResult[];
  problems: Problem[];
  trace: TraceStep[];
  /**
   * With several methodologies: the id of the one this period was evaluated under.
   */
  methodology?: string;
  /**
   * Methods with several evaluators: each evaluator's sheet.
   */
  sheets?: EvaluatorSheet[];
  /**
   * How the sheets were combined (the method's evaluators.combine).
   */
  combined?: string;
}
/**
 * This interface was referenced by `EvaluationResult`'s JSON-Schema
 * via the `definition` "eligibility".
 */
export interface Eligibility {
  decision: Decision;
  /**
   * The eligibility rule that decided; absent when no rule applied.
   */
  rule?: string;
  reason?: string;
  clause?: string;
  /**
   * The facts the eligibility rules were checked against.
   */
  facts: {
    [k: string]: unknown;
  };
}
/**
 * This interface was referenced by `EvaluationResult`'s JSON-Schema
 * via the `definition` "kpiLine".
 */
export interface KpiLine {
  id: string;
  name: string;
  lowerIsBetter: boolean;
  plan: number;
  actual: number;
  percent: number;
  allowed?: {
    min: number;
    max: number;
    row: string;
  };
  score: number;
}
/**
 * This interface was referenced by `EvaluationResult`'s JSON-Schema
 * via the `definition` "parameterLine".
 */
export interface ParameterLine {
  id: string;
  title: string;
  score: number;
  justification?: string;
}
/**
 * This interface was referenced by `EvaluationResult`'s JSON-Schema
 * via the `definition` "competencyLine".
 */
export interface CompetencyLine {
  id: string;
  title: string;
  answers: number;
  average: number;
}
/**
 * This interface was referenced by `EvaluationResult`'s JSON-Schema
 * via the `definition` "calibrationOutcome".
 */
export interface CalibrationOutcome {
  appliedOn: string;
  originalScore: number;
  votes: {
    score: number;
    count: number;
  }[];
  decidedBy: 'majority' | 'tieRule';
  tieRule?: string;
  finalScore: number;
  direction: 'up' | 'down' | 'unchanged';
  band: string;
  bandLabel: string;
  deadlines: DeadlineResult[];
}
/**
 * This interface was referenced by `EvaluationResult`'s JSON-Schema
 * via the `definition` "deadlineResult".
 */
export interface DeadlineResult {
  id: string;
  title: string;
  date: string;
  clause?: string;
  /**
   * The date the thing was done, when the input gives it.
   */
  actual?: string;
  late?: boolean;
  steps: string[];
}
/**
 * A problem in the submitted data of one person: reported, never fatal for the others.
 *
 * This interface was referenced by `EvaluationResult`'s JSON-Schema
 * via the `definition` "problem".
 */
export interface Problem {
  code: string;
  severity: 'error' | 'warning';
  person?: string;
  period?: PeriodId;
  method?: Method;
  /**
   * The field of the input, e.g. quarters.Q2.kpi.k1.score.
   */
  field?: string;
  message: string;
  clause?: string;
  hint: string;
  at?: Position;
}
/**
 * Where in the input file (added when the input was read from a file).
 *
 * This interface was referenced by `EvaluationResult`'s JSON-Schema
 * via the `definition` "position".
 */
export interface Position {
  file: string;
  line: number;
  col: number;
  /**
   * In a workbook: the sheet.
   */
  sheet?: string;
  /**
   * In a workbook: the cell, e.g. C12.
   */
  cell?: string;
}
/**
 * One step of an explanation: which rule, on which clause, from which inputs, gave what.
 *
 * This interface was referenced by `EvaluationResult`'s JSON-Schema
 * via the `definition` "traceStep".
 */
export interface TraceStep {
  rule: string;
  clause?: string;
  inputs?: {
    [k: string]: unknown;
  };
  result?: unknown;
  note?: string;
}
/**
 * This interface was referenced by `EvaluationResult`'s JSON-Schema
 * via the `definition` "evaluatorSheet".
 */
export interface EvaluatorSheet {
  role: string;
  roleTitle: string;
  name?: string;
  evaluatedOn?: string;
  score?: number;
  parameters?: ParameterLine[];
  /**
   * The role that evaluated instead (delegation or substitution).
   */
  delegatedTo?: string;
  substituteFor?: string;
}
