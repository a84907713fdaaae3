/* Generated from schemas/evaluation.schema.json by scripts/gen-types.ts — do not edit; run npm run gen:types. */

/**
 * This interface was referenced by `EvaluationInput`'s JSON-Schema
 * via the `definition` "quarter".
 */
export type Quarter = 'Q1' | 'Q2' | 'Q3' | 'Q4';
/**
 * Letters, digits, '.', '_' or '-'.
 *
 * This interface was referenced by `EvaluationInput`'s JSON-Schema
 * via the `definition` "id".
 */
export type Id = string;
/**
 * Letters, digits, '.', '_' or '-'.
 */
export type Id1 = string;
/**
 * A date written YYYY-MM-DD.
 *
 * This interface was referenced by `EvaluationInput`'s JSON-Schema
 * via the `definition` "date".
 */
export type Date = string;
/**
 * A date written YYYY-MM-DD.
 */
export type Date1 = string;
/**
 * Letters, digits, '.', '_' or '-'.
 */
export type Id2 = string;
/**
 * A score, e.g. 4.25.
 *
 * This interface was referenced by `EvaluationInput`'s JSON-Schema
 * via the `definition` "score".
 */
export type Score = number;
/**
 * Letters, digits, '.', '_' or '-'.
 */
export type Id3 = string;
/**
 * A score, e.g. 4.25.
 */
export type Score1 = number;

/**
 * What a body's HR service submits for one year: the people, the heads' individual work plans, the quarterly KPI and differentiation scores, the 360 responses and the calibration cases. No respondent names are needed or kept.
 */
export interface EvaluationInput {
  $schema?: string;
  /**
   * Id of a bundled methodology (e.g. almaty-akimat-2023) or a path relative to this file.
   */
  methodology: string;
  /**
   * Name of the body, for the reports.
   */
  body?: string;
  year: number;
  /**
   * Leave out to evaluate every quarter that has data.
   */
  quarters?: Quarter[];
  units?: {
    [k: string]: {
      name: string;
      corpsBServants?: number;
    };
  };
  people: Person[];
}
/**
 * This interface was referenced by `EvaluationInput`'s JSON-Schema
 * via the `definition` "person".
 */
export interface Person {
  id: Id;
  name: string;
  position?: string;
  /**
   * e.g. D-3, C-O-5, E-2.
   */
  positionCategory: string;
  unit?: Id1;
  appointedOn: Date;
  leftOn?: Date1;
  absences?: {
    kind: Id2;
    from: Date;
    to: Date;
  }[];
  workPlan?: WorkPlan;
  quarters?: {
    [k: string]: QuarterData;
  };
  survey360?: Survey360;
  calibrations?: Calibration[];
}
/**
 * This interface was referenced by `EvaluationInput`'s JSON-Schema
 * via the `definition` "workPlan".
 */
export interface WorkPlan {
  approvedOn?: Date;
  approvedBy?: string;
  kpis: Kpi[];
}
/**
 * This interface was referenced by `EvaluationInput`'s JSON-Schema
 * via the `definition` "kpi".
 */
export interface Kpi {
  id: Id;
  name: string;
  source?: string;
  unit?: string;
  lowerIsBetter?: boolean;
  plan: PerQuarterNumber;
  deadline?: {
    [k: string]: Date;
  };
  expectedResult?: string;
}
/**
 * This interface was referenced by `EvaluationInput`'s JSON-Schema
 * via the `definition` "perQuarterNumber".
 */
export interface PerQuarterNumber {
  [k: string]: number;
}
/**
 * This interface was referenced by `EvaluationInput`'s JSON-Schema
 * via the `definition` "quarterData".
 */
export interface QuarterData {
  evaluator?: string;
  evaluatedOn?: Date;
  communicatedOn?: Date;
  kpi?: {
    [k: string]: {
      actual: number;
      score: Score;
    };
  };
  differentiation?: {
    scores: {
      [k: string]: Score;
    };
    justification?: string;
    evaluator?: string;
    delegatedBy?: string;
  };
}
/**
 * This interface was referenced by `EvaluationInput`'s JSON-Schema
 * via the `definition` "survey360".
 */
export interface Survey360 {
  evaluatedOn?: Date;
  communicatedOn?: Date;
  responses: {
    group: Id3;
    /**
     * Per competency, per indicator statement: the id of one of the five answer options (notShown, rarely, halfTheTime, mostOfTheTime, always).
     */
    answers: {
      [k: string]: {
        [k: string]: Id;
      };
    };
  }[];
}
/**
 * This interface was referenced by `EvaluationInput`'s JSON-Schema
 * via the `definition` "calibration".
 */
export interface Calibration {
  period: 'Q1' | 'Q2' | 'Q3' | 'Q4' | 'year';
  method: 'kpi' | 'differentiation' | 'survey360';
  appliedOn: Date;
  /**
   * true when the application came after the appeal term (5 working days after familiarisation) and the body admitted it all the same; otherwise a late application is not applied.
   */
  admittedLate?: boolean;
  decidedOn?: Date;
  sessionOn?: Date;
  protocolSignedOn?: Date;
  protocolPostedOn?: Date;
  chair?: string;
  /**
   * @minItems 1
   */
  members: [
    {
      name: string;
      position?: string;
      proposal: Score1;
    },
    ...{
      name: string;
      position?: string;
      proposal: Score1;
    }[]
  ];
}
