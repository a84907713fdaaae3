/* Generated from schemas/methodology.schema.json by scripts/gen-types.ts — do not edit; run npm run gen:types. */

/**
 * A date written YYYY-MM-DD, e.g. 2023-05-25.
 *
 * This interface was referenced by `Methodology`'s JSON-Schema
 * via the `definition` "date".
 */
export type Date = string;
/**
 * Where the rule comes from: a clause (and paragraph) or annex of this methodology, an article of a law, a public report of the act (report, verified: false), or — where the texts are silent — setting: true with a note explaining bagalau's choice.
 *
 * This interface was referenced by `Methodology`'s JSON-Schema
 * via the `definition` "basis".
 */
export type Basis = Basis1 & Basis2;
export type Basis1 = {
  [k: string]: unknown;
};
/**
 * Write add: true on an entry that the extended methodology does not have, so that a misspelt key is not taken for a new entry.
 *
 * This interface was referenced by `Methodology`'s JSON-Schema
 * via the `definition` "add".
 */
export type Add = true;
/**
 * Write remove: true (with a basis) to drop an entry inherited from the extended methodology.
 *
 * This interface was referenced by `Methodology`'s JSON-Schema
 * via the `definition` "remove".
 */
export type Remove = true;
/**
 * This interface was referenced by `Methodology`'s JSON-Schema
 * via the `definition` "method".
 */
export type Method = Method1;
/**
 * An id in camelCase: letters and digits, starting with a lowercase letter. Not a name every object has (constructor, toString, valueOf…).
 *
 * This interface was referenced by `Methodology`'s JSON-Schema
 * via the `definition` "key".
 */
export type Key = string;
/**
 * calendarMonths: one month is reached on the same day-number of the next month, less one day (15 Feb–14 Mar inclusive is one month; a day-number missing from the shorter month is its last day). thirtyDays: every 30 calendar days count as one month.
 *
 * This interface was referenced by `Methodology`'s JSON-Schema
 * via the `definition` "monthCounting".
 */
export type MonthCounting = 'calendarMonths' | 'thirtyDays';
/**
 * A fact the engine computes for a person and period.
 *
 * This interface was referenced by `Methodology`'s JSON-Schema
 * via the `definition` "fact".
 */
export type Fact =
  | 'monthsInPostInPeriod'
  | 'monthsFromAppointmentToPeriodEnd'
  | 'appointedDuringPeriod'
  | 'absentDuringEvaluation'
  | 'absenceKind'
  | 'dismissedBeforeDeadline'
  | 'category'
  | 'positionCategory'
  | 'method'
  | 'unitSize'
  | 'methodology';

/**
 * A state body's methodology for evaluating corps "B" administrative civil servants. A body's file extends the model methodology (extends: model-2018) and overrides only what differs, by the same keys. Every rule carries a basis: the clause of the act it comes from. The resolved methodology (after extends) must have every section; a body's own file writes only what differs.
 */
export interface Methodology {
  /**
   * Optional link to this schema for editors.
   */
  $schema?: string;
  /**
   * Stable id, lowercase with hyphens, e.g. almaty-akimat-2023. Must match the file name.
   */
  id: string;
  /**
   * Id of the methodology this one extends (usually model-2018), or a relative path to its file. Everything not written here is taken from it.
   */
  extends?: string;
  /**
   * true when this act numbers its clauses and annexes exactly as the methodology it extends (Almaty reproduces the model verbatim): inherited rules are then cited as clauses of this act. false (default): inherited rules keep citing the extended act until overridden with a basis of this act.
   */
  sameClauseNumbers?: boolean;
  title: Text;
  body: Body;
  act: Act;
  implements?: Act[];
  inForce: InForce;
  repealedBy?: Repeal;
  formHeader: Text;
  formWording: FormWordingByKind;
  calendarRules: CalendarRules;
  scores: ScoreDomain;
  bands: Bands;
  /**
   * Who does what, with the titles the body uses. Keys are stable ids referenced elsewhere (hrService, appointingOfficial, evaluator, …).
   */
  roles: {
    [k: string]: Role;
  };
  /**
   * The methods of this methodology, by ids it chooses. Each has a kind (parameters, kpi, survey), the scoring primitive bagalau applies, and the settings of that kind under the key of the same name (sheet, kpi, survey).
   */
  methods: {
    [k: string]: Method;
  };
  categories: {
    [k: string]: Category;
  };
  eligibility: Eligibility;
  calibration: Calibration;
  deadlines: {
    [k: string]: Deadline;
  };
  schedule: ScheduleRule;
  familiarisation: Familiarisation;
  retention: Retention;
  confidentiality: Confidentiality;
  useOfResults?: {
    [k: string]: UseOfResult;
  };
  forms: {
    [k: string]: Form;
  };
  kpi?: {
    [k: string]: unknown;
  };
  differentiation?: {
    [k: string]: unknown;
  };
  survey360?: {
    [k: string]: unknown;
  };
}
/**
 * A text in Kazakh (kk, required), optionally in Russian (ru) and English (en).
 *
 * This interface was referenced by `Methodology`'s JSON-Schema
 * via the `definition` "text".
 */
export interface Text {
  kk: string;
  ru?: string;
  en?: string;
}
/**
 * This interface was referenced by `Methodology`'s JSON-Schema
 * via the `definition` "body".
 */
export interface Body {
  name: Text;
  nameGenitive?: Text;
  region?: Text;
}
/**
 * This interface was referenced by `Methodology`'s JSON-Schema
 * via the `definition` "act".
 */
export interface Act {
  kind: Text;
  issuer?: Text;
  number: string;
  date: Date;
  title?: Text;
  registration?: {
    number: string;
    date?: Date;
  };
}
/**
 * This interface was referenced by `Methodology`'s JSON-Schema
 * via the `definition` "inForce".
 */
export interface InForce {
  from: Date;
  fromRule?: Text;
  until?: Date;
  verified?: boolean;
  note?: string;
}
/**
 * This interface was referenced by `Methodology`'s JSON-Schema
 * via the `definition` "repeal".
 */
export interface Repeal {
  act: Act;
  effectiveFrom: Date;
  effectiveRule?: Text;
  verified?: boolean;
  note?: string;
}
/**
 * This interface was referenced by `Methodology`'s JSON-Schema
 * via the `definition` "formWordingByKind".
 */
export interface FormWordingByKind {
  all?: FormWording;
  workPlan?: FormWording;
  kpiSheet?: FormWording;
  scoreTable?: FormWording;
  parameterSheet?: FormWording;
  questionnaire?: FormWording;
  surveyResult?: FormWording;
  calibrationProtocol?: FormWording;
}
/**
 * This interface was referenced by `Methodology`'s JSON-Schema
 * via the `definition` "formWording".
 */
export interface FormWording {
  intro?: Text[];
  note?: Text;
  closing?: Text;
  columns?: {
    [k: string]: Text;
  };
  labels?: {
    [k: string]: Text;
  };
  /**
   * Where the annex words a parameter or a competency otherwise than the clause that lists it (annex 5 prints "Команданы басқару" for clause 35's "Топты басқару", annex 4 an asterisk after a parameter), the annex's wording, by id of the parameter (sheet.parameters) or competency (the questionnaire): its title, its criteria, and on a questionnaire the label of its average row (default: labels.average, "{title} бойынша орташа баға" in the models). The method keeps the clause's wording.
   */
  rows?: {
    [k: string]: {
      title?: Text;
      criteria?: Text;
      average?: Text;
    };
  };
}
/**
 * This interface was referenced by `Methodology`'s JSON-Schema
 * via the `definition` "calendarRules".
 */
export interface CalendarRules {
  termStartsDayAfterEvent: boolean;
  nonWorkingDay: 'next' | 'previous' | 'keep';
  basis: Basis;
}
export interface Basis2 {
  /**
   * Clause (тармақ) number as printed, e.g. "6".
   */
  clause?: string;
  /**
   * Paragraph (абзац) within the clause, counted from 1.
   */
  paragraph?: number;
  /**
   * Numbered subclause (тармақша), e.g. 4 for "4)".
   */
  subclause?: number;
  /**
   * Annex (қосымша) number.
   */
  annex?: number;
  /**
   * A law outside this methodology, e.g. "Civil Code of the Republic of Kazakhstan".
   */
  law?: string;
  article?: string;
  /**
   * The legal texts do not say this; the value is bagalau's documented default, which a body may change.
   */
  setting?: true;
  text?: Text;
  note?: string;
  /**
   * Filled in by bagalau when resolving extends: the methodology whose file wrote this basis.
   */
  source?: string;
  report?: Report;
  /**
   * false: the rule rests on a report or an unchecked reading, not on the act's published text.
   */
  verified?: boolean;
}
/**
 * This interface was referenced by `Methodology`'s JSON-Schema
 * via the `definition` "report".
 */
export interface Report {
  /**
   * Who published the report and where, e.g. "Ministry of Health, order of 2025-09-17 (zakon.kz)".
   */
  source: string;
  date: Date;
  says: string;
  url?: string;
}
/**
 * This interface was referenced by `Methodology`'s JSON-Schema
 * via the `definition` "scoreDomain".
 */
export interface ScoreDomain {
  min: number;
  max: number;
  /**
   * Scores are rounded to this many decimals before a band is chosen, so 3.99 and 4 are adjacent.
   */
  precision: number;
  /**
   * halfUp: 3.995 → 4.00; down: 3.995 → 3.99.
   */
  rounding: 'halfUp' | 'down';
  basis: Basis;
}
/**
 * This interface was referenced by `Methodology`'s JSON-Schema
 * via the `definition` "bands".
 */
export interface Bands {
  levels: {
    [k: string]: Band;
  };
  basis: Basis;
}
/**
 * This interface was referenced by `Methodology`'s JSON-Schema
 * via the `definition` "band".
 */
export interface Band {
  label: Text;
  min: number;
  max: number;
  unsatisfactory?: boolean;
  add?: Add;
  remove?: Remove;
}
/**
 * This interface was referenced by `Methodology`'s JSON-Schema
 * via the `definition` "role".
 */
export interface Role {
  title: Text;
  /**
   * true on the role of the person evaluated: on a form, this role's signature line carries the person's name and the day they were told the result.
   */
  isEvaluatedPerson?: true;
  basis: Basis;
  add?: Add;
  remove?: Remove;
}
export interface Method1 {
  title: Text;
  /**
   * The scoring primitive: parameters (criteria scored on a scale with a justification each, their mean; settings under sheet), kpi (individual work plan, % achieved, allowed-range table, the mean; settings under kpi), survey (a questionnaire answered by respondents, averages per competency, the weakest; settings under survey).
   */
  kind: 'parameters' | 'kpi' | 'survey';
  period: 'quarter' | 'year';
  from?: Date;
  until?: Date;
  evaluators?: Evaluators;
  deadline?: Key;
  /**
   * Deadlines for notifying the person of the evaluation; the one whose appliesTo names the person's category (or that names none) is checked against notifiedOn.
   */
  notification?: Key[];
  forms?: Key[];
  year?: YearRule;
  sheet?: Differentiation;
  kpi?: Kpi;
  survey?: Survey360;
  basis: Basis;
  add?: Add;
  remove?: Remove;
}
/**
 * This interface was referenced by `Methodology`'s JSON-Schema
 * via the `definition` "evaluators".
 */
export interface Evaluators {
  /**
   * @minItems 1
   */
  roles: [Key, ...Key[]];
  /**
   * single: one evaluator, one sheet; mean: each role fills a sheet and the score is the mean of their scores; finalRole: each role fills a sheet and the score of finalRole stands once the others have given theirs; jointSheet: one sheet signed by every role.
   */
  combine: 'single' | 'mean' | 'finalRole' | 'jointSheet';
  finalRole?: Key;
  /**
   * Roles that sign the sheet without scoring (e.g. the person who approves it).
   */
  signedBy?: Key[];
  delegations?: {
    [k: string]: Delegation;
  };
  substitute?: Key;
  substituteBasis?: Basis;
  basis: Basis;
}
/**
 * This interface was referenced by `Methodology`'s JSON-Schema
 * via the `definition` "delegation".
 */
export interface Delegation {
  role: Key;
  to: Key;
  when?: Text;
  basis: Basis;
  add?: Add;
  remove?: Remove;
}
/**
 * This interface was referenced by `Methodology`'s JSON-Schema
 * via the `definition` "yearRule".
 */
export interface YearRule {
  /**
   * meanOfEvaluatedQuarters: the mean of the scores of the quarters that were evaluated.
   */
  aggregation: 'meanOfEvaluatedQuarters';
  /**
   * Leave out: every quarter.
   *
   * @minItems 1
   */
  quarters?: ['Q1' | 'Q2' | 'Q3' | 'Q4', ...('Q1' | 'Q2' | 'Q3' | 'Q4')[]];
  deadline?: Key;
  /**
   * In the year a body changes methodology: count (the quarters scored under the earlier methodology by a quarterly method enter the mean) or ignore (only this methodology's quarters). Default: count.
   */
  earlierMethodologies?: 'count' | 'ignore';
  earlierMethodologiesBasis?: Basis;
  basis: Basis;
}
/**
 * This interface was referenced by `Methodology`'s JSON-Schema
 * via the `definition` "differentiation".
 */
export interface Differentiation {
  scale: Scale;
  parameters: {
    [k: string]: Parameter;
  };
  aggregation: Aggregation;
  justification: {
    required: boolean;
    basis: Basis;
    /**
     * true: each parameter's score has its own justification (the sheet's Негіздеме column).
     */
    perParameter?: boolean;
  };
  delegation?: {
    allowed: boolean;
    unitSizeAbove?: number;
    designatedBy?: Key;
    basis: Basis;
  };
  basis: Basis;
}
/**
 * This interface was referenced by `Methodology`'s JSON-Schema
 * via the `definition` "scale".
 */
export interface Scale {
  min: number;
  max: number;
  printedInForm?: ClosedRange;
  basis: Basis;
}
/**
 * This interface was referenced by `Methodology`'s JSON-Schema
 * via the `definition` "closedRange".
 */
export interface ClosedRange {
  min: number;
  max: number;
}
/**
 * This interface was referenced by `Methodology`'s JSON-Schema
 * via the `definition` "parameter".
 */
export interface Parameter {
  title: Text;
  criteria: Text;
  basis?: Basis;
  add?: Add;
  remove?: Remove;
}
/**
 * This interface was referenced by `Methodology`'s JSON-Schema
 * via the `definition` "aggregation".
 */
export interface Aggregation {
  /**
   * mean: the sum divided by the count.
   */
  method: 'mean';
  basis: Basis;
}
/**
 * This interface was referenced by `Methodology`'s JSON-Schema
 * via the `definition` "kpi".
 */
export interface Kpi {
  workPlanApprovedBy?: Key;
  count: CountRange;
  scale: Scale;
  achievement: Achievement;
  scoreTable: ScoreTable;
  aggregation: Aggregation;
  qualityCriteria?: {
    [k: string]: TextEntry;
  };
  basis: Basis;
  workPlan?: {
    /**
     * year: one plan a year with values per quarter (KPI setting is due once, from the start of the year or the appointment); quarter: a plan per quarter.
     */
    period: 'year' | 'quarter';
    /**
     * Checked against workPlan.approvedOn: the one anchored at the appointment for a person appointed after the plan's period started, the other otherwise.
     */
    settingDeadlines?: Key[];
    postingDeadline?: Key;
    actualsDeadline?: Key;
    basis: Basis;
  };
}
/**
 * This interface was referenced by `Methodology`'s JSON-Schema
 * via the `definition` "countRange".
 */
export interface CountRange {
  min: number;
  max: number;
  basis: Basis;
}
/**
 * This interface was referenced by `Methodology`'s JSON-Schema
 * via the `definition` "achievement".
 */
export interface Achievement {
  higherIsBetter: 'actualOverPlan';
  lowerIsBetter: 'planOverActual' | 'notAllowed';
  precision: number;
  basis: Basis;
}
/**
 * This interface was referenced by `Methodology`'s JSON-Schema
 * via the `definition` "scoreTable".
 */
export interface ScoreTable {
  title: Text;
  /**
   * At 2, 44.49 and 44.50 are neighbours: a row ending at 44.49 followed by one starting at 45 leaves 44.50–44.99 uncovered.
   */
  precision: number;
  /**
   * @minItems 1
   */
  rows: [
    {
      percent: Range;
      score: ClosedRange;
      /**
       * The row exactly as the annex prints it, e.g. "40–44,49 | 2–2,24".
       */
      printed: string;
    },
    ...{
      percent: Range;
      score: ClosedRange;
      /**
       * The row exactly as the annex prints it, e.g. "40–44,49 | 2–2,24".
       */
      printed: string;
    }[]
  ];
  basis: Basis;
}
/**
 * This interface was referenced by `Methodology`'s JSON-Schema
 * via the `definition` "range".
 */
export interface Range {
  min: number;
  /**
   * Leave out for "and above".
   */
  max?: number;
}
/**
 * This interface was referenced by `Methodology`'s JSON-Schema
 * via the `definition` "textEntry".
 */
export interface TextEntry {
  text: Text;
  basis?: Basis;
  add?: Add;
  remove?: Remove;
}
/**
 * This interface was referenced by `Methodology`'s JSON-Schema
 * via the `definition` "survey360".
 */
export interface Survey360 {
  frequency: {
    timesPerYear: number;
    basis: Basis;
  };
  anonymous: {
    value: boolean;
    basis: Basis;
  };
  respondents: CountRange;
  respondentGroups: {
    [k: string]: RespondentGroup;
  };
  answers: {
    [k: string]: Answer;
  };
  answersBasis?: Basis;
  averaging: {
    /**
     * The sum of points divided by the number of answers.
     */
    method: 'pointsOverAnswers';
    excludeSelf: boolean;
    basis: Basis;
  };
  result: {
    overall: 'meanOfCompetencies' | 'none';
    /**
     * sameBands: the overall score is given the result band like any other score.
     */
    band: 'sameBands' | 'none';
    basis: Basis;
  };
  weakest: {
    count: number;
    /**
     * includeAll: every competency whose average equals that of the last one counted is among the weakest too (there may be more than count); questionnaireOrder: of equal averages, those listed first in the questionnaire are taken, exactly count of them.
     */
    ties: 'includeAll' | 'questionnaireOrder';
    basis: Basis;
  };
  questionnaires: {
    [k: string]: Questionnaire;
  };
  basis: Basis;
}
/**
 * This interface was referenced by `Methodology`'s JSON-Schema
 * via the `definition` "respondentGroup".
 */
export interface RespondentGroup {
  title: Text;
  counted: boolean;
  basis?: Basis;
  add?: Add;
  remove?: Remove;
}
/**
 * This interface was referenced by `Methodology`'s JSON-Schema
 * via the `definition` "answer".
 */
export interface Answer {
  label: Text;
  /**
   * Points this answer is worth. The texts are silent; bagalau defaults to 1 (not shown) … 5 (always).
   */
  points: number;
  add?: Add;
  remove?: Remove;
}
/**
 * This interface was referenced by `Methodology`'s JSON-Schema
 * via the `definition` "questionnaire".
 */
export interface Questionnaire {
  title: Text;
  form: Key;
  resultForm?: Key;
  competencies: {
    [k: string]: Competency;
  };
  basis: Basis;
  add?: Add;
  remove?: Remove;
}
/**
 * This interface was referenced by `Methodology`'s JSON-Schema
 * via the `definition` "competency".
 */
export interface Competency {
  title: Text;
  indicators: {
    [k: string]: TextEntry;
  };
  basis?: Basis;
  add?: Add;
  remove?: Remove;
}
/**
 * This interface was referenced by `Methodology`'s JSON-Schema
 * via the `definition` "category".
 */
export interface Category {
  title: Text;
  /**
   * The civil-service position categories (e.g. D-3, E-2) that belong here.
   *
   * Items: A position category written as capital letters and digits joined by hyphens, e.g. D-3, C-O-5, E-2.
   */
  positionCategories?: string[];
  /**
   * true: every position category not listed in another category belongs here.
   */
  allOtherPositions?: boolean;
  /**
   * @minItems 1
   */
  methods: [Key, ...Key[]];
  questionnaire?: Key;
  forms?: Key[];
  evaluator?: Key;
  basis: Basis;
  add?: Add;
  remove?: Remove;
}
/**
 * This interface was referenced by `Methodology`'s JSON-Schema
 * via the `definition` "eligibility".
 */
export interface Eligibility {
  minimumTimeInPost: MonthThreshold;
  kpiMinimumRemaining?: MonthThreshold;
  absence: Absence;
  dismissal: Dismissal;
  specialPeriods?: {
    [k: string]: SpecialPeriod;
  };
  /**
   * Checked in order; the first rule whose conditions hold decides for the methods it names. Conditions use json-rules-engine's format (all / any / not, fact, operator, value).
   */
  rules: {
    [k: string]: EligibilityRule;
  };
}
/**
 * This interface was referenced by `Methodology`'s JSON-Schema
 * via the `definition` "monthThreshold".
 */
export interface MonthThreshold {
  months: number;
  counting: MonthCounting;
  basis: Basis;
}
/**
 * This interface was referenced by `Methodology`'s JSON-Schema
 * via the `definition` "absence".
 */
export interface Absence {
  kinds: {
    [k: string]: {
      title: Text;
      add?: Add;
      remove?: Remove;
    };
  };
  kpi?: 'deferredAfterReturn' | 'withoutParticipation' | 'notEvaluated';
  deferredDeadline?: Key;
  otherMethods?: 'withoutParticipation' | 'deferredAfterReturn' | 'notEvaluated';
  basis: Basis;
}
/**
 * This interface was referenced by `Methodology`'s JSON-Schema
 * via the `definition` "dismissal".
 */
export interface Dismissal {
  effect: 'withoutParticipation' | 'notEvaluated';
  basis: Basis;
}
/**
 * This interface was referenced by `Methodology`'s JSON-Schema
 * via the `definition` "specialPeriod".
 */
export interface SpecialPeriod {
  from: Date;
  until: Date;
  absenceKinds?: Key[];
  description: Text;
  defect?: string;
  basis: Basis;
  add?: Add;
  remove?: Remove;
}
/**
 * This interface was referenced by `Methodology`'s JSON-Schema
 * via the `definition` "eligibilityRule".
 */
export interface EligibilityRule {
  title: Text;
  /**
   * notEvaluated: not evaluated for these methods; withoutParticipation: evaluated without the person's participation; deferred: evaluated after the person returns (see deadline); noKpi: no KPIs are set.
   */
  decision: 'notEvaluated' | 'withoutParticipation' | 'deferred' | 'noKpi';
  /**
   * @minItems 1
   */
  methods: [Key, ...Key[]];
  deadline?: Key;
  conditions: TopCondition;
  basis: Basis;
  add?: Add;
  remove?: Remove;
}
/**
 * json-rules-engine conditions: exactly one of all, any or not at the top.
 *
 * This interface was referenced by `Methodology`'s JSON-Schema
 * via the `definition` "topCondition".
 */
export interface TopCondition {
  /**
   * @minItems 1
   */
  all?: [Condition, ...Condition[]];
  /**
   * @minItems 1
   */
  any?: [Condition, ...Condition[]];
  not?: Condition;
}
/**
 * This interface was referenced by `Methodology`'s JSON-Schema
 * via the `definition` "condition".
 */
export interface Condition {}
/**
 * This interface was referenced by `Methodology`'s JSON-Schema
 * via the `definition` "calibration".
 */
export interface Calibration {
  applicationTo: Key;
  decisionBy: Key;
  organizer: Key;
  chair?: Key;
  voting: {
    /**
     * simpleMajority: the proposal supported by more than half of the members who vote.
     */
    rule: 'simpleMajority';
    basis: Basis;
  };
  tie: {
    /**
     * evaluatorScoreStands: with no majority the evaluator's score is kept; chairDecides: the chair's proposal wins; lowerScore / higherScore: the lower / higher of the tied proposals.
     */
    rule: 'evaluatorScoreStands' | 'chairDecides' | 'lowerScore' | 'higherScore';
    basis: Basis;
  };
  corrections: {
    /**
     * @minItems 1
     */
    directions: ['up' | 'down', ...('up' | 'down')[]];
    basis: Basis;
  };
  feedbackMeeting?: {
    heldBy: Key;
    topics: {
      [k: string]: TextEntry;
    };
    basis: Basis;
  };
  appealOfDecision?: TextEntry;
  basis: Basis;
  deadlines?: {
    appeal?: Key;
    decision?: Key;
    session?: Key;
    protocolPosting?: Key;
  };
}
/**
 * This interface was referenced by `Methodology`'s JSON-Schema
 * via the `definition` "deadline".
 */
export interface Deadline {
  title: Text;
  /**
   * An event (periodStart, periodEnd, yearStart, yearEnd, appointment, kpiApproval, returnToWork, evaluationEnd, familiarisation, application, protocolSigned) or the id of another deadline.
   */
  anchor: string;
  offset: {
    workingDays?: number;
    workingDaysBefore?: number;
    calendarDays?: number;
    dayOfFollowingMonth?: number;
    years?: number;
  };
  nonWorkingDay?: 'next' | 'previous' | 'keep';
  /**
   * The role responsible for meeting the deadline, or a list of roles when several are (both evaluators of a quarterly evaluation).
   *
   * @minItems 1
   */
  responsible?: string | string[];
  appliesTo?: Key[];
  basis: Basis;
  add?: Add;
  remove?: Remove;
}
/**
 * This interface was referenced by `Methodology`'s JSON-Schema
 * via the `definition` "scheduleRule".
 */
export interface ScheduleRule {
  draftedBy: Key;
  approvedBy: Key;
  basis: Basis;
}
/**
 * This interface was referenced by `Methodology`'s JSON-Schema
 * via the `definition` "familiarisation".
 */
export interface Familiarisation {
  by: Key;
  deadline: Key;
  basis: Basis;
}
/**
 * This interface was referenced by `Methodology`'s JSON-Schema
 * via the `definition` "retention".
 */
export interface Retention {
  years: number;
  keptBy: Key;
  basis: Basis;
  deadline?: Key;
}
/**
 * This interface was referenced by `Methodology`'s JSON-Schema
 * via the `definition` "confidentiality".
 */
export interface Confidentiality {
  /**
   * @minItems 1
   */
  visibleTo: [Key, ...Key[]];
  mark?: Text;
  basis: Basis;
}
/**
 * This interface was referenced by `Methodology`'s JSON-Schema
 * via the `definition` "useOfResult".
 */
export interface UseOfResult {
  /**
   * @minItems 1
   */
  methods: [Key, ...Key[]];
  decisions: Text;
  basis: Basis;
  add?: Add;
  remove?: Remove;
}
/**
 * This interface was referenced by `Methodology`'s JSON-Schema
 * via the `definition` "form".
 */
export interface Form {
  /**
   * The number of the annex this form is in the methodology, or true for an annex whose number is not known (the header then reads "…әдістемесіне қосымша"). A form without it (a protocol) prints no header.
   */
  annex?: number | true;
  title: Text;
  header?: Text;
  /**
   * Name of the template in templates/ (without extension); defaults to the template of the form's kind.
   */
  template?: string;
  basis: Basis;
  add?: Add;
  remove?: Remove;
  /**
   * Which template prints it: one per kind of sheet.
   */
  kind:
    | 'workPlan'
    | 'kpiSheet'
    | 'scoreTable'
    | 'parameterSheet'
    | 'questionnaire'
    | 'surveyResult'
    | 'calibrationProtocol';
  method?: Key;
  questionnaire?: Key;
  wording?: FormWording;
  /**
   * Roles that sign the form, in print order; the evaluators of a method sign by default.
   */
  signatures?: Key[];
}
/**
 * This interface was referenced by `Methodology`'s JSON-Schema
 * via the `definition` "factCondition".
 */
export interface FactCondition {
  fact: Fact;
  /**
   * A JSONPath into the fact, starting with $, e.g. $.eligibility.minimumTimeInPost.months.
   */
  path?: string;
  operator:
    | 'equal'
    | 'notEqual'
    | 'lessThan'
    | 'lessThanInclusive'
    | 'greaterThan'
    | 'greaterThanInclusive'
    | 'in'
    | 'notIn'
    | 'contains'
    | 'doesNotContain';
  /**
   * A literal, or { fact: methodology, path: "$.eligibility.minimumTimeInPost.months" } to use a value of this methodology.
   */
  value: {
    [k: string]: unknown;
  };
}
