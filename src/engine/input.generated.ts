/* Generated from schemas/evaluation.schema.json by scripts/gen-types.ts — do not edit; run npm run gen:types. */

/**
 * This interface was referenced by `EvaluationInput`'s JSON-Schema
 * via the `definition` "quarter".
 */
export type Quarter = 'Q1' | 'Q2' | 'Q3' | 'Q4';
/**
 * Letters, digits, '.', '_' or '-'. Not a name every object has (constructor, toString, valueOf…).
 *
 * This interface was referenced by `EvaluationInput`'s JSON-Schema
 * via the `definition` "id".
 */
export type Id = string;
/**
 * A date written YYYY-MM-DD.
 *
 * This interface was referenced by `EvaluationInput`'s JSON-Schema
 * via the `definition` "date".
 */
export type Date = string;
/**
 * A score, e.g. 4.25.
 *
 * This interface was referenced by `EvaluationInput`'s JSON-Schema
 * via the `definition` "score".
 */
export type Score = number;

/**
 * What a body's HR service submits for one year: the people, the heads' individual work plans, the quarterly KPI and differentiation scores, the 360 responses and the calibration cases. No respondent names are needed or kept.
 */
export interface EvaluationInput {
  $schema?: string;
  /**
   * Id of a bundled methodology (e.g. almaty-akimat-2023) or a path relative to this file. In a year when the body changed methodology, list them under methodologies instead.
   */
  methodology?: string;
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
  /**
   * The names printed on the signature lines of roles that sign a form without scoring it (e.g. the HR service on the 360 results), by role id of the methodology. Evaluators, approvers and members are named with their data.
   */
  signatories?: {
    [k: string]: {
      name: string;
      position?: string;
    };
  };
  people: Person[];
  /**
   * Each period is evaluated under the one in force on its last day.
   *
   * @minItems 1
   */
  methodologies?: [string, ...string[]];
  yearResultsFormedOn?: Date;
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
  unit?: Id;
  appointedOn: Date;
  leftOn?: Date;
  absences?: {
    kind: Id;
    from: Date;
    to: Date;
  }[];
  workPlan?: WorkPlan;
  quarters?: {
    [k: string]: QuarterData;
  };
  survey360?: Survey360;
  calibrations?: Calibration[];
  /**
   * Per yearly method (e.g. survey360): its data.
   */
  annual?: {
    [k: string]: Survey360;
  };
}
/**
 * This interface was referenced by `EvaluationInput`'s JSON-Schema
 * via the `definition` "workPlan".
 */
export interface WorkPlan {
  approvedOn?: Date;
  approvedBy?: string;
  kpis: Kpi[];
  postedOn?: Date;
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
 * Besides the dates, one entry per quarterly method of the methodology, under the method's id (e.g. differentiation, kpi, quarterly).
 *
 * This interface was referenced by `EvaluationInput`'s JSON-Schema
 * via the `definition` "quarterData".
 */
export interface QuarterData {
  evaluator?: string;
  evaluatedOn?: Date;
  communicatedOn?: Date;
  notifiedOn?: Date;
  actualsSentOn?: Date;
  [k: string]: MethodData | string | undefined;
}
/**
 * The data of one method for one quarter. Parameters: scores (and justifications) per criterion, or sheets, one per evaluator. KPI: actual value and score per KPI id ({ K1: { actual, score } }).
 *
 * This interface was referenced by `EvaluationInput`'s JSON-Schema
 * via the `definition` "methodData".
 */
export interface MethodData {
  scores?: {
    [k: string]: Score;
  };
  justification?: string;
  justifications?: {
    [k: string]: string;
  };
  evaluator?: string;
  delegatedBy?: string;
  evaluatedOn?: Date;
  /**
   * @minItems 1
   */
  sheets?: [EvaluatorSheet, ...EvaluatorSheet[]];
  /**
   * Any other key is the id of a KPI of the work plan (kind kpi).
   */
  [k: string]:
    | {
        actual: number;
        score: Score;
      }
    | {
        [k: string]: Score;
      }
    | string
    | {
        [k: string]: string;
      }
    | [EvaluatorSheet, ...EvaluatorSheet[]]
    | undefined;
}
/**
 * This interface was referenced by `EvaluationInput`'s JSON-Schema
 * via the `definition` "evaluatorSheet".
 */
export interface EvaluatorSheet {
  role: Id;
  name?: string;
  /**
   * When the evaluator replaces an absent one (their deputy) or evaluates by delegation: whom they replace.
   */
  actingFor?: string;
  delegatedTo?: Id;
  evaluatedOn?: Date;
  scores: {
    [k: string]: Score;
  };
  justifications?: {
    [k: string]: string;
  };
  justification?: string;
}
/**
 * This interface was referenced by `EvaluationInput`'s JSON-Schema
 * via the `definition` "survey360".
 */
export interface Survey360 {
  evaluatedOn?: Date;
  communicatedOn?: Date;
  responses: {
    group: Id;
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
  method: Id;
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
      proposal: Score;
    },
    ...{
      name: string;
      position?: string;
      proposal: Score;
    }[]
  ];
}

/** The person fields of the input format (deprecated ones excluded). */
export const personFields: ReadonlySet<string> = new Set(["id","name","position","positionCategory","unit","appointedOn","leftOn","absences","workPlan","quarters","calibrations","annual"]);
